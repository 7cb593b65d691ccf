"""What a check reports: one `Finding` per problem, located in the source a person will open."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Document, Footnote

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")  # most severe first
RANK: dict[str, int] = {name: len(SEVERITIES) - i for i, name in enumerate(SEVERITIES)}  # error=3 ... info=1

SNIPPET_CHARS = 80


@dataclass
class Finding:
    code: str  # stable, e.g. "CA201"
    severity: Severity
    message: str  # one line
    doc: str
    page: int | None
    footnote: int | None  # printed footnote number
    seq: int | None  # footnote running index
    line: int | None  # 1-based source line
    snippet: str  # the offending text, shortened to one line
    related: list[dict[str, Any]] = field(default_factory=list)  # other variants, side by side
    offset: int | None = None  # body offset of a finding about the body text (None: about a footnote)

    def sort_key(self) -> tuple:
        return (self.doc, self.line or 0, self.seq or 0, self.code)


def shorten(text: str, limit: int = SNIPPET_CHARS) -> str:
    """One line, at most `limit` characters: snippets are for recognising the spot, not reading it."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def at_footnote(doc: Document, fn: Footnote, message: str, snippet: str | None = None,
                **extra: Any) -> dict[str, Any]:
    """Location fields for a finding about a footnote (the registry adds code and severity)."""
    return dict(message=message, doc=doc.id, page=fn.page, footnote=fn.number, seq=fn.seq, line=fn.line,
                snippet=shorten(fn.text if snippet is None else snippet), **extra)


def at_offset(doc: Document, offset: int, message: str, snippet: str, **extra: Any) -> dict[str, Any]:
    """Location fields for a finding about a place in the body."""
    fields = dict(message=message, doc=doc.id, page=doc.page_at(offset), footnote=None, seq=None,
                  line=doc.line_at(offset), snippet=shorten(snippet), offset=offset)
    return fields | extra
