"""The JSON contract of `citeaudit audit --format json` (schema: schemas/audit.schema.json)."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..model import Document
from .findings import SEVERITIES, Finding

FIELDS = ("code", "severity", "message", "doc", "page", "footnote", "seq", "line", "snippet", "related")
VERSION = 1


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {name: getattr(finding, name) for name in FIELDS}


def summary(findings: Sequence[Finding]) -> dict[str, Any]:
    by_severity = Counter(f.severity for f in findings)
    return {"total": len(findings),
            "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
            "by_code": dict(sorted(Counter(f.code for f in findings).items()))}


def to_dict(docs: Sequence[Document], findings: Sequence[Finding]) -> dict[str, Any]:
    per_doc = Counter(f.doc for f in findings)
    return {"version": VERSION,
            "documents": [{"doc": d.id, "source": d.source, "footnotes": len(d.footnotes),
                           "findings": per_doc.get(d.id, 0)} for d in docs],
            "findings": [finding_to_dict(f) for f in findings],
            "summary": summary(findings)}


def render(docs: Sequence[Document], findings: Sequence[Finding]) -> str:
    return json.dumps(to_dict(docs, findings), ensure_ascii=False, indent=2) + "\n"
