"""Stage 5: assemble the clean body text: marker digits removed, wrapped lines joined, paragraphs kept.

Paragraph ends are read from the layout the extraction left: a line with trailing whitespace
that ends a sentence (or a short Latin line), an indented line, or a heading.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

import regex

from .footnotes import HEADING, WS, glue
from .layout import Kind, SourceLine
from .markers import Span

FINAL = regex.compile(r"[。！？!?：:」』”）)\.]$")
INDENT = regex.compile(r"^(?:[ \u00a0]{2,}|\u3000)")
LATIN_END = regex.compile(r"[\x21-\x7e]$")


@dataclass
class Body:
    text: str
    lines: list[tuple[int, int, int]]  # (body offset, source line, page) where each source line starts
    paragraphs: list[tuple[int, int]]
    markers: dict[int, tuple[int, int]]  # footnote seq -> (body offset, source line)


@dataclass
class _Piece:
    text: str
    line_no: int
    page: int
    trailing: bool
    indent: bool
    heading: bool
    markers: list[tuple[int, int, int]] = field(default_factory=list)  # (column in text, footnote seq, source line)


def assemble(body: list[tuple[SourceLine, int]], spans: dict[int, Span]) -> Body:
    pieces = _pieces(body, spans)
    width = median([len(p.text) for p in pieces]) if pieces else 0
    parts: list[str] = []  # joined once at the end: `text += ...` on a growing str is quadratic
    size, lines, paragraphs, markers = 0, [], [], {}
    para_start = 0
    for k, p in enumerate(pieces):
        if k:
            prev = pieces[k - 1]
            if _ends_paragraph(prev, width) or p.indent or p.heading:
                paragraphs.append((para_start, size))
                parts.append("\n")
                size += 1
                para_start = size
            elif size:
                joint = glue(parts[-1][-1], p.text[0], prev.trailing)  # parts[-1] is the previous line
                parts.append(joint)
                size += len(joint)
        lines.append((size, p.line_no, p.page))
        for col, seq, line_no in p.markers:
            markers[seq] = (size + col, line_no)
        parts.append(p.text)
        size += len(p.text)
    if pieces:
        paragraphs.append((para_start, size))
    text = "".join(parts)
    return Body(text, lines, paragraphs, markers)


def _pieces(body: list[tuple[SourceLine, int]], spans: dict[int, Span]) -> list[_Piece]:
    by_line: dict[int, list[tuple[Span, int]]] = {}
    for seq, span in spans.items():
        by_line.setdefault(span.line, []).append((span, seq))
    pieces: list[_Piece] = []
    for i, (ln, page) in enumerate(body):
        cuts = sorted(by_line.get(i, []), key=lambda s: s[0].start)
        raw, found, removed = ln.text, [], 0
        for span, seq in cuts:
            start = span.start - removed
            raw = raw[:start] + raw[start + span.end - span.start:]
            removed += span.end - span.start
            found.append((start, seq))
        stripped = raw.lstrip(WS)
        lead = len(raw) - len(stripped)
        text = stripped.rstrip(WS)
        markers = [(min(max(col - lead, 0), len(text)), seq, ln.no) for col, seq in found]
        trailing = raw != raw.rstrip(WS)
        if not text:
            if markers and pieces:  # a marker alone on its line belongs to the end of the line above
                prev = pieces[-1]
                prev.markers += [(len(prev.text), seq, no) for _, seq, no in markers]
                prev.trailing = prev.trailing or trailing
            continue
        if ln.kind == Kind.NUMBER:  # an unclaimed lone number is a page number
            continue
        pieces.append(_Piece(text, ln.no, page, trailing, bool(INDENT.match(raw)), bool(HEADING.match(raw)), markers))
    return pieces


def _ends_paragraph(p: _Piece, width: float) -> bool:
    if p.heading or (p.trailing and len(p.text) < 0.5 * width):
        return True  # a heading, or a short last line of a paragraph
    if not (p.trailing and FINAL.search(p.text)):
        return False
    # Latin lines keep trailing spaces between words, so only a short one ends a paragraph.
    return not LATIN_END.search(p.text) or len(p.text) < 0.8 * width
