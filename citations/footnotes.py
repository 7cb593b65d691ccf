"""Stage 3: walk the classified lines into pages of body lines and footnotes.

A footnote block starts at a separator rule and holds footnotes that begin with their printed
number. The block ends where the next page's body begins: a line opening with a single space
(how PDF extraction starts a page), a heading, or layout noise. Numbers are trusted only when
they continue the running sequence, so a wrapped line starting with "1006。" or "3%E8..." stays
inside its footnote, while a restart at 1 at the top of a block opens a new chapter.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .layout import Kind, SourceLine
from .model import Footnote

FOOTNOTE_START = regex.compile(r"^[\s\u00a0]*(\d{1,3})(?![\d.,%:/\-‐–~])[\s\u00a0]*(?=\S)")
PAGE_START = regex.compile(r"^[ \u3000]+(?=[^\s\u00a0])")
HEADING = regex.compile(
    r"^[\s\u00a0]*(?:第[一二三四五六七八九十百\d]+[章節篇]|[一二三四五六七八九十]{1,3}、|[壹貳參肆伍陸柒捌玖拾]{1,3}、)"
)
DUPLICATE_GLUED = regex.compile(r"^[\p{Han}「〈《“(（]")  # "51郭博堯": a new note, not a wrapped "51。"
UNIT_AFTER_NUMBER = regex.compile(r"^[年月日期卷號頁冊版屆次個大]")


@dataclass
class PageLines:
    number: int
    body: list[SourceLine] = field(default_factory=list)
    notes: list[SourceLine] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0


@dataclass
class _Draft:
    number: int
    page: int
    line: int
    chapter: int
    parts: list[str]


def split_pages(lines: list[SourceLine]) -> tuple[list[PageLines], list[Footnote]]:
    """Return the pages (body and footnote lines) and the footnotes in reading order."""
    pages = [PageLines(1, first_line=lines[0].no if lines else 1)]
    drafts: list[_Draft] = []
    in_notes = False
    chapter, expected = 1, 1

    def new_page() -> None:
        pages[-1].last_line = max(pages[-1].last_line, pages[-1].first_line)
        pages.append(PageLines(len(pages) + 1))

    for ln in lines:
        page = pages[-1]
        if ln.kind == Kind.BLANK:
            continue
        if not page.first_line:
            page.first_line = ln.no
        page.last_line = ln.no
        if ln.kind in (Kind.PAGE_BREAK, Kind.PAGE_MARK):
            in_notes = False
            if page.body or page.notes:
                new_page()
            continue
        if ln.kind == Kind.NOISE:
            continue
        if ln.kind == Kind.SEPARATOR:
            if in_notes or page.notes:  # a second rule: the previous page had no body break we could see
                new_page()
            in_notes = True
            continue
        if in_notes:
            start = _footnote_start(ln, expected, first_in_block=not pages[-1].notes, last=drafts[-1].number if drafts else 0)
            if start is None and (PAGE_START.match(ln.text) or HEADING.match(ln.text)):
                in_notes = False
                new_page()
                pages[-1].first_line = pages[-1].last_line = ln.no
                pages[-1].body.append(ln)
                continue
            page.notes.append(ln)
            if start is not None:
                number, rest = start
                if number == 1 and expected > 1:
                    chapter += 1
                drafts.append(_Draft(number, page.number, ln.no, chapter, [rest]))
                expected = number + 1
            elif drafts:  # a wrapped line, or the continuation of last page's footnote
                drafts[-1].parts.append(ln.text)
            continue
        page.body.append(ln)
    if not (pages[-1].body or pages[-1].notes) and len(pages) > 1:
        pages.pop()
    footnotes = [
        Footnote(seq=i, number=d.number, page=d.page, text=join_lines(d.parts), line=d.line, chapter=d.chapter)
        for i, d in enumerate(drafts, start=1)
    ]
    return pages, footnotes


def _footnote_start(ln: SourceLine, expected: int, first_in_block: bool, last: int) -> tuple[int, str] | None:
    """The printed number and the text after it, if this line opens a footnote."""
    if ln.kind == Kind.NUMBER:
        return None
    m = FOOTNOTE_START.match(ln.text)
    if not m:
        return None
    number, rest = int(m.group(1)), ln.text[m.end():]
    if UNIT_AFTER_NUMBER.match(rest):  # "4 月 12 日" wrapped from the line above
        return None
    if expected <= number <= expected + 2:  # +2 tolerates a footnote missing from the text
        return number, rest
    if last == 0 and first_in_block:  # the first footnote of an excerpt may have any number
        return number, rest
    if number == 1 and first_in_block:  # numbering restarts with a new chapter
        return number, rest
    if number == last and (m.group(0)[-1:].isspace() or DUPLICATE_GLUED.match(rest)):
        return number, rest  # a duplicated number: keep it, the audit reports it
    return None


WS = " \t\u00a0\u3000"
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef「」『』〈〉《》【】]")
URL_TAIL = regex.compile(r"(?:https?://|www\.)\S*$")


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines: nothing between CJK or inside a broken URL, one space between Latin
    words when the line had trailing whitespace (a hyphenated or mid-word break has none)."""
    out, trailing = "", False
    for raw in parts:
        piece = raw.strip(WS)
        if not piece:
            continue
        if out:
            out += glue(out[-1], piece[0], trailing, url=bool(URL_TAIL.search(out)))
        out += piece
        trailing = raw != raw.rstrip(WS)
    return out


def glue(left: str, right: str, trailing_space: bool, url: bool = False) -> str:
    if url or CJK.match(left) or CJK.match(right):
        return ""
    return " " if trailing_space else ""
