"""The document model: plain, typed records that flow one way through the pipeline.

document (pages, body, footnotes, markers) -> citations -> works -> claims -> audit / BibTeX / tasks.
Every stage adds to these records; none reaches back to re-read the source text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass
class Page:
    number: int  # running page index from 1 (printed page numbers are unreliable in extracted text)
    first_line: int  # 1-based source line where the page starts
    last_line: int
    printed: str | None = None  # printed page number when the layout shows one


@dataclass
class Marker:
    offset: int  # offset of the marker in Document.body (the digits themselves are removed)
    line: int  # 1-based source line of the marker's first digit


@dataclass
class CrossRefTarget:
    seq: int  # footnote seq the cross-reference points to
    index: int  # 0-based citation index inside that footnote


@dataclass
class Citation:
    raw: str  # verbatim text of this citation inside its footnote
    kind: Literal["citation", "crossref", "note"]
    csl: dict[str, Any] | None = None  # CSL-JSON item (citations only)
    locator: str | None = None  # printed page(s)
    work: str | None = None  # id of the merged Work
    crossref_of: CrossRefTarget | None = None
    form: str | None = None  # crossrefs: "ibid" (同前註/同上/Ibid.), "note" (同註 N), "opcit" (前揭書/op. cit.)
    # Facts later stages (audit) report on: "ambiguous", "unresolved", "secondary" (轉引自) ...
    flags: list[str] = field(default_factory=list)
    signal: str | None = None  # introducing phrase printed before the citation: 請參閱, 轉引自, See ...


@dataclass
class Footnote:
    seq: int  # running index from 1
    number: int  # printed number (may restart per chapter)
    page: int
    text: str  # wrapped lines joined
    line: int  # 1-based source line where the footnote starts
    chapter: int = 1  # numbering run: increments where the printed numbers restart
    marker: Marker | None = None
    citations: list[Citation] = field(default_factory=list)
    kind: str = "footnote"  # "endnote": gathered at the end of a chapter or document; "front": marked in a PDF's title block


@dataclass
class Claim:
    id: str
    start: int  # offsets in Document.body
    end: int
    text: str
    footnotes: list[int]  # footnote seqs


@dataclass
class Document:
    id: str
    source: str
    encoding: str
    pages: list[Page]
    body: str
    footnotes: list[Footnote]
    claims: list[Claim] = field(default_factory=list)
    works: list[dict[str, Any]] = field(default_factory=list)  # merged CSL-JSON items with "id"
    # (body offset, source line, page) at the start of every body line, so any offset maps back.
    body_lines: list[tuple[int, int, int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in body
    # What a layout reader could not do and a user should know (e.g. markers left without a note).
    notices: list[str] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        """Source line holding a body offset."""
        return self._segment(offset)[1]

    def page_at(self, offset: int) -> int:
        return self._segment(offset)[2]

    def _segment(self, offset: int) -> tuple[int, int, int]:
        if not self.body_lines:
            return (0, 0, 1)
        i = bisect.bisect_right(self.body_lines, (offset, float("inf"), 0)) - 1
        return self.body_lines[max(i, 0)]
