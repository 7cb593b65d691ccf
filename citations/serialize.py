"""The JSON contract of `citeaudit parse` (schemas/document.schema.json)."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .model import Document


def document_to_dict(doc: Document) -> dict[str, Any]:
    d = asdict(doc)
    return {
        "document": {"id": doc.id, "source": doc.source, "encoding": doc.encoding, "pages": d["pages"]},
        "body": doc.body,
        "footnotes": d["footnotes"],
        "claims": d["claims"],
        "works": d["works"],
        "paragraphs": [list(p) for p in doc.paragraphs],
        "body_lines": [list(x) for x in doc.body_lines],
    }


def to_json(doc: Document) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2)
