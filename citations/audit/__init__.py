"""The audit: the checks a careful supervisor would make on a footnoted text.

`audit(doc)` runs every registered check (see `checks/`) and returns the findings in reading order;
reports (`report_text`, `report_json`, `report_html`) present them.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Document
from .config import AuditConfig
from .findings import RANK, Finding
from .registry import all_checks


def audit(doc: Document, config: AuditConfig = AuditConfig()) -> list[Finding]:
    """Every finding for one document, in reading order, after the config's ignores and re-gradings."""
    findings: list[Finding] = []
    for check in all_checks():
        if check.code in config.ignore:
            continue
        regrade = config.severity.get(check.code)
        findings.extend(replace(f, severity=regrade) if regrade else f for f in check(doc))
    return sorted(findings, key=Finding.sort_key)


def fails(findings: list[Finding], fail_on: str) -> bool:
    """Whether any finding is at or above the --fail-on severity (exit code 1)."""
    return any(RANK[f.severity] >= RANK[fail_on] for f in findings)


__all__ = ["AuditConfig", "Finding", "audit", "fails"]
