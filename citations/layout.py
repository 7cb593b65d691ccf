"""Stage 2: classify every source line, so later stages never see layout noise.

PDF text extraction leaves watermarks broken into runs of one-character lines, DOI lines, page
numbers and footnote separators (a long line of spaces or U+00A0). These rules look at the shape
of a line and its neighbours, never at the words of one particular document.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from statistics import median
from enum import Enum

import regex

SEPARATOR = regex.compile(r"^[ \t\u00a0\u3000]{15,}$|^\s*[_\u2500\u2014\u2015-]{10,}\s*$")
DOI_LINE = regex.compile(r"^\s*(?:DOI|doi)\s*[:：]?\s*10\.\d{4,}/\S+\s*$")
NUMBER_LINE = regex.compile(r"^[\s\u00a0]*\d{1,4}[\s\u00a0]*$")
DASHED_PAGE_NUMBER = regex.compile(r"^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$")
SENTENCE_PUNCT = regex.compile(r"[。，；：、,;:]")
VISIBLE = regex.compile(r"[\s\u00a0\u3000]+")
LATIN_LINE_END = regex.compile(r"[\p{Latin}\d\x21-\x2c\x2e-\x7e”’]$")  # not a hyphen


class Kind(Enum):
    BLANK = "blank"
    TEXT = "text"
    SEPARATOR = "separator"  # the rule above a footnote block
    NUMBER = "number"  # digits alone on a line: a page number or a marker set on its own line
    NOISE = "noise"  # watermark fragments
    PAGE_MARK = "page_mark"  # page number or DOI line: printed once per page, so it ends one
    PAGE_BREAK = "page_break"  # form feed


@dataclass
class SourceLine:
    no: int  # 1-based line number in the source
    text: str
    kind: Kind

    @property
    def visible(self) -> str:
        return VISIBLE.sub("", self.text)


def classify(text: str) -> list[SourceLine]:
    lines = []
    for no, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:  # a form feed is a page boundary; what stands beside it on the line is kept
            for i, part in enumerate(raw.split("\f")):
                if i:
                    lines.append(SourceLine(no, "", Kind.PAGE_BREAK))
                lines.append(SourceLine(no, part, _kind(part)))
            continue
        lines.append(SourceLine(no, raw, _kind(raw)))
    lines = _read_columns(lines)
    _mark_watermarks(lines)
    _mark_page_numbers(lines)
    _restore_word_spaces(lines)
    return lines


GUTTER = regex.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


def _read_columns(lines: list[SourceLine]) -> list[SourceLine]:
    """Two columns set side by side (`pdftotext -layout` keeps them so) are read one after the
    other, page by page: a page is two-column when many of its lines break at one character
    column after a run of spaces (the gutter). Lines crossing the gutter (headings, the note
    area) are read whole and close the column block above them."""
    out: list[SourceLine] = []
    page: list[SourceLine] = []
    for ln in lines + [SourceLine(0, "", Kind.PAGE_BREAK)]:
        if ln.kind != Kind.PAGE_BREAK:
            page.append(ln)
            continue
        out += _columns_of_page(page)
        if ln.no:
            out.append(ln)
        page = []
    return out


def _columns_of_page(page: list[SourceLine]) -> list[SourceLine]:
    text_lines = [ln for ln in page if ln.kind == Kind.TEXT]
    breaks: dict[int, int] = {}
    for ln in text_lines:
        for m in GUTTER.finditer(ln.text):
            breaks[m.end()] = breaks.get(m.end(), 0) + 1
    if not breaks:
        return page
    gutter, count = max(breaks.items(), key=lambda kv: (kv[1], -kv[0]))
    if count < max(6, 0.3 * len(text_lines)):
        return page

    def split_of(text: str) -> regex.Match | None:
        return next((m for m in GUTTER.finditer(text) if gutter - 2 <= m.end() <= gutter + 12), None)

    # A column's width in display cells (CJK counts two): a longer unsplit line spans both columns.
    widths = [_width(text[:m.start()]) for ln in text_lines if (m := split_of(text := ln.text))]
    column = 1.3 * median(widths) if widths else gutter

    def in_columns(ln: SourceLine) -> bool:  # split at the gutter, or text in the right column only
        right_only = not ln.text[:gutter].strip() and len(ln.text.strip()) >= 8  # not a page number
        return ln.kind == Kind.TEXT and (split_of(ln.text) is not None or right_only)

    # The columns run from the first line set in them to the last; what is above or below is whole.
    inside = [i for i, ln in enumerate(page) if in_columns(ln)]
    head, body, tail = page[:inside[0]], page[inside[0]:inside[-1] + 1], page[inside[-1] + 1:]
    out: list[SourceLine] = list(head)
    left: list[SourceLine] = []
    right: list[SourceLine] = []
    for ln in body:
        if ln.kind == Kind.BLANK:
            left.append(ln)
            continue
        text = ln.text
        split = split_of(text) if ln.kind == Kind.TEXT else None
        if split is not None and _width(text[:split.start()]) <= column:
            left.append(SourceLine(ln.no, text[:split.start()], Kind.TEXT))
            right.append(SourceLine(ln.no, text[split.end():], _kind(text[split.end():])))
        elif ln.kind == Kind.TEXT and not text[:gutter].strip():
            right.append(SourceLine(ln.no, text[gutter:], _kind(text[gutter:])))
        elif ln.kind == Kind.TEXT and _width(text) <= column:
            left.append(ln)
        else:  # spans both columns (a heading, the note area) or is no text: read whole, after both
            out += left + right + [ln]
            left, right = [], []
    return out + left + right + tail


def _restore_word_spaces(lines: list[SourceLine]) -> None:
    """Text whose lines never end in a space (pdftotext, most editors) marks no word break at a
    line end the way our corpus extraction does, so every Latin line end is one: give it back its
    space. A line ending in a hyphen is left alone ("Boul-" + "der")."""
    text_lines = [ln for ln in lines if ln.kind == Kind.TEXT]
    if any(ln.text != ln.text.rstrip(" \t\u00a0\u3000") for ln in text_lines):
        return
    for ln in text_lines:
        if LATIN_LINE_END.search(ln.text):
            ln.text += " "


def _width(text: str) -> int:
    """Display cells: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text.strip())


def _kind(raw: str) -> Kind:
    if SEPARATOR.match(raw):
        return Kind.SEPARATOR
    if not raw.strip(" \t\u00a0\u3000"):
        return Kind.BLANK
    if DOI_LINE.match(raw) or DASHED_PAGE_NUMBER.match(raw):
        return Kind.PAGE_MARK
    if NUMBER_LINE.match(raw):
        return Kind.NUMBER
    return Kind.TEXT


def _is_fragment(line: SourceLine) -> bool:
    """One to three visible characters: a piece of a watermark drawn letter by letter."""
    vis = line.visible
    return line.kind == Kind.TEXT and 1 <= len(vis) <= 3 and not vis.isdigit()


def _is_bridge(line: SourceLine) -> bool:
    """A slightly longer piece inside a watermark run (e.g. 'na l  Chengch i  U')."""
    vis = line.visible
    return line.kind in (Kind.TEXT, Kind.NOISE, Kind.PAGE_MARK) and len(vis) <= 24 and not SENTENCE_PUNCT.search(vis)


def _continues_run(line: SourceLine) -> bool:
    return _is_fragment(line) or line.kind == Kind.PAGE_MARK


def _mark_watermarks(lines: list[SourceLine], min_fragments: int = 4) -> None:
    """Runs of short fragments (blank lines ignored, short bridges allowed) are a watermark."""
    content = [i for i, ln in enumerate(lines) if ln.kind not in (Kind.BLANK, Kind.PAGE_BREAK)]
    k = 0
    while k < len(content):
        if not _is_fragment(lines[content[k]]):
            k += 1
            continue
        run, fragments, j = [content[k]], 1, k + 1
        while j < len(content):
            ln = lines[content[j]]
            if _is_fragment(ln):
                fragments += 1
            elif not (_is_bridge(ln) and j + 1 < len(content) and _continues_run(lines[content[j + 1]])):
                break
            run.append(content[j])
            j += 1
        if fragments >= min_fragments:
            for i in run:
                if lines[i].kind == Kind.TEXT:
                    lines[i].kind = Kind.NOISE
        k = j


def _mark_page_numbers(lines: list[SourceLine]) -> None:
    """A number alone on a line right next to a watermark or DOI line is the page number."""
    content = [i for i, ln in enumerate(lines) if ln.kind not in (Kind.BLANK,)]
    for pos, i in enumerate(content):
        if lines[i].kind != Kind.NUMBER:
            continue
        neighbours = content[max(pos - 2, 0):pos] + content[pos + 1:pos + 2]
        if any(lines[j].kind in (Kind.NOISE, Kind.PAGE_MARK) for j in neighbours):
            lines[i].kind = Kind.PAGE_MARK
