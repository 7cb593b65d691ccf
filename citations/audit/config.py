"""Audit settings: `[tool.citeaudit]` in the user's pyproject.toml or a `citeaudit.toml`, nearest the cwd.

    [tool.citeaudit]
    ignore = ["CA701", "CA6"]        # codes, or a family prefix
    fail-on = "warning"               # error | warning | info
    severity = { CA504 = "info" }     # re-grade a check
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import CiteauditError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib
from .findings import SEVERITIES, Severity
from .registry import all_checks

KEYS = {"ignore", "fail-on", "severity"}


@dataclass(frozen=True)
class AuditConfig:
    ignore: frozenset[str] = frozenset()  # full codes, already expanded from prefixes
    fail_on: Severity = "error"
    severity: dict[str, Severity] = field(default_factory=dict)
    source: Path | None = None  # the file the settings came from

    def with_options(self, ignore: str | None = None, fail_on: str | None = None) -> AuditConfig:
        """Command-line options on top of the file: --ignore adds, --fail-on replaces."""
        extra = expand_codes(_split(ignore), "--ignore") if ignore else frozenset()
        return replace(self, ignore=self.ignore | extra,
                       fail_on=_severity(fail_on, "--fail-on") if fail_on else self.fail_on)


def expand_codes(items: list[str], where: str) -> frozenset[str]:
    """Known codes for each item: "CA201" itself, "CA2" every CA2xx. Unknown ones are a user error."""
    codes = [c.code for c in all_checks()]
    out: set[str] = set()
    for item in items:
        item = item.strip().upper()
        matched = [c for c in codes if c == item or (len(item) >= 3 and c.startswith(item))]
        if not matched:
            raise CiteauditError(f"{where}: unknown check code {item!r} (see `citeaudit audit --list-checks`)")
        out.update(matched)
    return frozenset(out)


def find_config(start: Path) -> Path | None:
    """The nearest citeaudit.toml, or pyproject.toml with a [tool.citeaudit] table, from start upward."""
    for folder in (start.resolve(), *start.resolve().parents):
        own = folder / "citeaudit.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        # Only a pyproject that mentions us is parsed: someone else's broken file is not our error.
        if pyproject.is_file() and "citeaudit" in _text(pyproject) and "citeaudit" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(start: Path | None = None) -> AuditConfig:
    path = find_config(start or Path.cwd())
    if path is None:
        return AuditConfig()
    table = _read(path)
    if path.name == "pyproject.toml":
        table = table["tool"]["citeaudit"]
    where = str(path)
    if not isinstance(table, dict) or (unknown := set(table) - KEYS):
        raise CiteauditError(f"{where}: unknown setting(s) {sorted(unknown) if isinstance(table, dict) else table!r}; "
                             f"expected {sorted(KEYS)}")
    ignore = table.get("ignore", [])
    if isinstance(ignore, str):
        ignore = _split(ignore)
    if not isinstance(ignore, list) or not all(isinstance(i, str) for i in ignore):
        raise CiteauditError(f"{where}: ignore must be a list of check codes")
    regrade = table.get("severity", {})
    if not isinstance(regrade, dict):
        raise CiteauditError(f"{where}: severity must be a table of CODE = \"error\" | \"warning\" | \"info\"")
    severity = {code: _severity(value, where) for key, value in regrade.items()
                for code in expand_codes([key], where)}
    return AuditConfig(ignore=expand_codes(ignore, where),
                       fail_on=_severity(table.get("fail-on", "error"), where),
                       severity=severity, source=path)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CiteauditError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise CiteauditError(f"{path}: cannot read ({exc.strerror})") from None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise CiteauditError(f"{path}: not valid TOML ({exc})") from None


def _split(text: str) -> list[str]:
    return [part for part in text.replace(" ", ",").split(",") if part]


def _severity(value: Any, where: str) -> Severity:
    if value not in SEVERITIES:
        raise CiteauditError(f"{where}: severity must be one of {', '.join(SEVERITIES)}, not {value!r}")
    return value
