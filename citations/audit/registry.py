"""The check registry: each check is a small function registered under a stable code.

A check body yields the location and message of each problem (see `findings.at_footnote` /
`at_offset`); the decorator turns those into `Finding`s carrying the check's code and severity, so
the registered callable is simply `Document -> Iterator[Finding]`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Document
from .findings import SEVERITIES, Finding, Severity

CheckBody = Callable[[Document], Iterable[dict[str, Any]]]


@dataclass(frozen=True)
class Check:
    code: str
    severity: Severity
    description: str
    family: str  # module it lives in: numbering, orphans, crossrefs ...
    body: CheckBody

    def __call__(self, doc: Document) -> Iterator[Finding]:
        for fields in self.body(doc):
            yield Finding(code=self.code, severity=self.severity, **fields)


REGISTRY: dict[str, Check] = {}


def check(code: str, severity: Severity, description: str) -> Callable[[CheckBody], Check]:
    """Register a check: `@check("CA201", "error", "Footnote with no marker in the body")`."""
    if severity not in SEVERITIES:
        raise ValueError(f"{code}: unknown severity {severity!r}")

    def register(body: CheckBody) -> Check:
        if code in REGISTRY:
            raise ValueError(f"check code {code} registered twice")
        family = body.__module__.rsplit(".", 1)[-1]
        REGISTRY[code] = Check(code, severity, description, family, body)
        return REGISTRY[code]

    return register


def all_checks() -> list[Check]:
    """Every registered check, by code (importing the checks package registers them)."""
    from . import checks  # noqa: F401  (import for its side effect: registration)

    return [REGISTRY[code] for code in sorted(REGISTRY)]
