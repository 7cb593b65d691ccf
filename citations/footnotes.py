"""Stage 3: walk the classified lines into pages of body lines and footnotes.

A footnote block starts at a separator rule and holds footnotes that begin with their printed
number. The block ends where the next page's body begins: a line opening with a single space
(how PDF extraction starts a page), a heading, or layout noise. Numbers are trusted only when
they continue the running sequence, so a wrapped line starting with "1006。" or "3%E8..." stays
inside its footnote, while a restart at 1 at the top of a block opens a new chapter.

Text from `pdftotext` has no rule: a page (between form feeds) without one gets its note area
from its numbering instead, the last run of lines at the page's foot numbered ① ② …, 1 2 …,
(1) (2) … or [1] [2] … from 1 or from the running count, whose marks the body above carries.
That area runs to the page's end.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from statistics import median

import regex

from .layout import Kind, SourceLine
from .markers import GLYPHS, marks_in
from .model import Footnote

FOOTNOTE_START = regex.compile(r"^[\s\u00a0]*(\d{1,5})(?![\d.,%:/\-‐–~])[\s\u00a0]*(?=\S)")
_GLYPH_CLASS = "".join(GLYPHS)
# A note opening with its number in one of the printed forms; several glyphs may share one note (③④).
NOTE_NUMBER = regex.compile(
    rf"^[\s\u00a0\u3000]*(?:(?P<glyph>[{_GLYPH_CLASS}]+)|[(（](?P<paren>\d{{1,4}})[)）]|[\[［](?P<bracket>\d{{1,4}})[\]］]"
    rf"|(?P<digits>\d{{1,5}})(?![\d.,%:/\-‐–~]))[\s\u00a0\u3000]*"
)
NOTE_TEXT_START = regex.compile(r"[\p{L}\p{N}\p{Ps}\p{Pi}\"'*†‡§]")
NOTE_END = regex.compile(r"[。．.」』）)”’!?！？]$")
# "· 130 ·", "- 3 -": a page number printed between marks, at a page's foot or head.
PAGE_NUMBER = regex.compile(r"^[\s\u00a0]*[·•\-–—]?[\s\u00a0]*\d{1,4}[\s\u00a0]*[·•\-–—]?[\s\u00a0]*$")
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
    mark: str
    kind: str = "footnote"


@dataclass(frozen=True)
class Lead:
    """The number a line opens with: its value, its form's family and the mark as the body prints it."""
    number: int
    family: str  # "digits" | "glyph" (①, ⑴, ⒈) | "paren" ((1)) | "bracket" ([1])
    mark: str  # "12", "①", "(3)", "[3]"
    rest: str  # the text after the number


def lead_number(text: str) -> Lead | None:
    m = NOTE_NUMBER.match(text)
    if not m:
        return None
    rest = text[m.end():]
    if m.group("glyph"):
        glyph = m.group("glyph")[0]
        return Lead(GLYPHS[glyph], "glyph", glyph, rest)
    for family in ("paren", "bracket"):
        if m.group(family):
            number = int(m.group(family))
            return Lead(number, family, f"({number})" if family == "paren" else f"[{number}]", rest)
    return Lead(int(m.group("digits")), "digits", m.group("digits"), rest)


def split_pages(lines: list[SourceLine]) -> tuple[list[PageLines], list[Footnote], dict[int, str]]:
    """Return the pages (body and footnote lines), the footnotes in reading order, and each
    footnote's printed mark by seq ("12", "①", "(3)"), which tells the marker stage what to seek."""
    pages = [PageLines(1, first_line=lines[0].no if lines else 1)]
    drafts: list[_Draft] = []
    in_notes = False
    area: str | None = None  # the number family of a note area found by its numbering (no rule)
    area_kind = "footnote"
    areas = numbered_areas(lines)
    furniture = repeated_lines(lines)
    chapter, expected = 1, 1

    def new_page() -> None:
        pages[-1].last_line = max(pages[-1].last_line, pages[-1].first_line)
        pages.append(PageLines(len(pages) + 1))

    def open_note(number: int, rest: str, mark: str, page: PageLines, ln: SourceLine, kind: str = "footnote") -> None:
        nonlocal chapter, expected
        if number == 1 and expected > 1:
            chapter += 1
        drafts.append(_Draft(number, page.number, ln.no, chapter, [rest], mark, kind))
        expected = number + 1

    for index, ln in enumerate(lines):
        page = pages[-1]
        if ln.kind == Kind.BLANK:
            continue
        if not page.first_line:
            page.first_line = ln.no
        page.last_line = ln.no
        if ln.kind in (Kind.PAGE_BREAK, Kind.PAGE_MARK):
            in_notes, area = False, None
            if page.body or page.notes:
                new_page()
            continue
        if ln.kind == Kind.NOISE:
            continue
        if index in areas:
            in_notes, (area, area_kind, displaced) = True, areas[index]
            if displaced is not None:  # the first note, its number printed apart at the page's foot
                page.notes.append(ln)
                open_note(displaced, ln.text, str(displaced), page, ln, area_kind)
                continue
        if area is not None:  # a numbered note area runs to the page's end
            lead = _area_lead(lines, index)
            first = not (drafts and drafts[-1].page == page.number)  # the page's first number may restart
            if lead and lead.family == area and (first or expected <= lead.number <= expected + 2):
                page.notes.append(ln)
                open_note(lead.number, lead.rest, lead.mark, page, ln, area_kind)
            elif ln.kind == Kind.NUMBER or PAGE_NUMBER.match(ln.text) or index in furniture:
                continue  # the page number, or a journal line / download banner, under the notes
            elif drafts:
                page.notes.append(ln)
                drafts[-1].parts.append(ln.text)
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
                open_note(*start, page, ln)
            elif drafts:  # a wrapped line, or the continuation of last page's footnote
                drafts[-1].parts.append(ln.text)
            continue
        page.body.append(ln)
    if not (pages[-1].body or pages[-1].notes) and len(pages) > 1:
        pages.pop()
    words = _words(lines) if any(HYPHEN_BREAK.search(p.rstrip(WS)) for d in drafts for p in d.parts) else None
    footnotes = [
        Footnote(seq=i, number=d.number, page=d.page, text=join_lines(d.parts, words), line=d.line, chapter=d.chapter,
                 kind=d.kind)
        for i, d in enumerate(drafts, start=1)
    ]
    return pages, footnotes, {i: d.mark for i, d in enumerate(drafts, start=1)}


def _words(lines: list[SourceLine]) -> set[str]:
    return {w for ln in lines if ln.kind == Kind.TEXT for w in WORD.findall(ln.text)}


def _footnote_start(ln: SourceLine, expected: int, first_in_block: bool, last: int) -> tuple[int, str, str] | None:
    """The printed number, the text after it and the mark, if this line opens a footnote under a rule."""
    if ln.kind == Kind.NUMBER:
        return None
    lead = lead_number(ln.text)
    if lead and lead.family == "glyph" and lead.rest.strip():
        return lead.number, lead.rest, lead.mark  # ① is never a wrapped line's first word
    m = FOOTNOTE_START.match(ln.text)
    if not m:
        return None
    number, rest = int(m.group(1)), ln.text[m.end():]
    if UNIT_AFTER_NUMBER.match(rest):  # "4 月 12 日" wrapped from the line above
        return None
    start = number, rest, m.group(1)
    if expected <= number <= expected + 2:  # +2 tolerates a footnote missing from the text
        return start
    if last == 0 and first_in_block:  # the first footnote of an excerpt may have any number
        return start
    if number == 1 and first_in_block:  # numbering restarts with a new chapter
        return start
    if number == last and (m.group(0)[-1:].isspace() or DUPLICATE_GLUED.match(rest)):
        return start  # a duplicated number: keep it, the audit reports it
    return None


def numbered_areas(lines: list[SourceLine]) -> dict[int, tuple[str, str, int | None]]:
    """Index of the line opening each page's note area found by numbering -> its number family,
    kind ("footnote", or "endnote" for a page of notes opening at its top whose marks the
    pages before print) and, when the area opens with a note whose number is printed apart
    (plain pdftotext sets the first raised number of a block after it), that number.

    Only pages without a separator rule are searched. On each, a line opening with a number
    (1, or the count running on from the last page's notes) starts a candidate area; the lines
    after it that continue the count (by 1, or 2 for a lost note) are its notes. The area holds
    when the body above prints the marks of at least half of them; of several, one carrying the
    count on wins over another number form, then the one with most notes, then the lowest on the page (a numbered list in the body is not the notes).
    """
    areas: dict[int, tuple[str, str, int | None]] = {}
    running: dict[str, int] = {}
    earlier: set[str] = set()  # marks printed on the pages before: endnotes pair with them
    unfinished = False  # the last page's last note stops mid-sentence: it may run on here
    for page in _page_ranges(lines):
        if any(lines[i].kind == Kind.SEPARATOR for i in page):
            unfinished = False
            continue
        starts = [(i, lead) for i in page if (lead := _area_lead(lines, i)) is not None]
        top = [i for i in page if lines[i].kind == Kind.TEXT][:3]  # a page of notes, under a heading
        best: tuple[tuple[int, int, int], int, str, int, str] | None = None
        carry: tuple[tuple[int, int, int], int, str, int, str] | None = None
        seen: set[str] = set()
        body_end = page[0]
        for pos, (i, lead) in enumerate(starts):
            # From 1 or from the running count; a note or two may be lost (set mid-line by plain
            # pdftotext, or its number printed apart), more readily for ① (1) [1], which are
            # never a wrapped line's number.
            first = 3 if lead.family != "digits" else 1
            apart = _lone_numbers(lines, page, i) if lead.family == "digits" else set()
            since = running.get(lead.family, -9)
            counted = 0 <= lead.number - since <= 2 or (since > 0 and _gap_apart(since, lead.number, apart))
            if lead.number > first and not counted and not _number_apart(lines, page, i, lead, 1):
                continue
            for k in range(body_end, i):  # the marks printed above this line
                seen |= _area_marks(lines[k].text)
            body_end = i
            run = [lead]
            for _, other in starts[pos + 1:]:
                if other.family == lead.family and run[-1].number < other.number and (
                        other.number <= run[-1].number + 2 or _gap_apart(run[-1].number + 1, other.number, apart)):
                    run.append(other)
            kind, found = "footnote", _printed(run, seen)
            # Endnotes, marked on earlier pages: a page of notes, or a run of (1) / [1] / ① notes
            # (a bare "1 …" list is too common in a body to count here).
            if found * 2 < len(run) and len(run) >= 2 and (i in top or (lead.family != "digits" and len(run) >= 3)):
                kind, found = "endnote", _printed(run, seen | earlier)
            if found * 2 < len(run) or not found:
                continue
            key = (len(run), found, i)
            if best is None or key > best[0]:
                best = (key, i, lead.family, run[-1].number, kind)
            if counted and lead.number > 1 and (carry is None or key > carry[0]):
                carry = (key, i, lead.family, run[-1].number, kind)
        # A run carrying the count on from the last page's notes beats a longer one of another
        # form starting afresh (a list (1) (2) … in the body).
        if carry is not None and best is not None and carry[2] != best[2]:
            best = carry
        if best is not None:
            _, i, family, last, kind = best
            expected = running.get(family, 1)
            opening = _displaced_opening(lines, page, i, expected)
            if opening is not None:
                areas[opening[0]] = family, kind, opening[1]
            else:
                if unfinished and family in running:
                    i = _continuation_start(lines, page, i)
                areas[i] = family, kind, None
            running[family] = last + 1
        for k in page:
            if best is None or k < best[1]:
                earlier |= _area_marks(lines[k].text)
        ends = [lines[i].text for i in page if lines[i].kind == Kind.TEXT and not PAGE_NUMBER.match(lines[i].text)]
        unfinished = best is not None and bool(ends) and not NOTE_END.search(ends[-1].rstrip())
    return areas


def _displaced_opening(lines: list[SourceLine], page: list[int], first_note: int, expected: int) -> tuple[int, int] | None:
    """(line, number) of a note block's first note when plain pdftotext printed its raised number
    apart, on a line of its own at the page's foot: the area's first number skips the one
    expected, that number stands alone below the area, and a block of lines set apart from the
    body by a blank line stands just above the first numbered note."""
    lead = _area_lead(lines, first_note)
    if lead is None:
        return None
    number = _number_apart(lines, page, first_note, lead, expected)
    if number is None:
        return None
    k, block = first_note - 1, []
    while k >= 0 and lines[k].kind == Kind.TEXT and lead_number(lines[k].text) is None:
        block.append(k)
        k -= 1
    if not block or len(block) > 12 or k < 0 or lines[k].kind != Kind.BLANK or k <= page[0]:
        return None
    return block[-1], number


def _lone_numbers(lines: list[SourceLine], page: list[int], after: int) -> set[int]:
    """Numbers standing alone on their lines below line `after` of the page."""
    return {int(lines[k].text) for k in page if k > after and lines[k].kind == Kind.NUMBER}


def _gap_apart(low: int, high: int, apart: set[int]) -> bool:
    """Every number from low to before high stands alone below: notes whose raised numbers plain
    pdftotext printed apart (a short gap, not a page number far off the count)."""
    return 0 < high - low <= 6 and all(n in apart for n in range(low, high))


def _number_apart(lines: list[SourceLine], page: list[int], first_note: int, lead: Lead, expected: int) -> int | None:
    """The number from `expected` up to the note before `lead` standing alone on a line below
    the note at `first_note`: a block's first raised number that plain pdftotext printed apart."""
    if lead.family != "digits" or not expected < lead.number <= expected + 2:
        return None
    lone = sorted(_lone_numbers(lines, page, first_note))
    return next((n for n in lone if expected <= n < lead.number), None)


# Evidence for a note area, looser than a marker's place: digits glued to a capital ("UNDRIP32",
# "ICCPR39") or after a dash ("– 35"); a stray "G20" rarely counts along with a run of notes.
_GLUED_MARK = regex.compile(r"(?<=[\p{Lu}\p{Pd}] ?)(\d{1,4})(?![\d\p{L}]|[.,]\d)")


def _area_marks(text: str) -> set[str]:
    return marks_in(text) | set(_GLUED_MARK.findall(text))


_FURNITURE_KEY = regex.compile(r"\d+")


def repeated_lines(lines: list[SourceLine]) -> set[int]:
    """Indices of lines printed at a page's edge (its first or last two text lines) on many
    pages, digits aside: page furniture (a journal's issue line "RuZ 5. Jg. 3/2024", a
    "Downloaded … on 11.08.2025" banner) when it stands among the notes. On at least three pages
    and a quarter of them; short lines ("Ibid.") are left alone, and a note repeated word for
    word inside the notes is not at the edges of so many pages."""
    pages = _page_ranges(lines)
    edges: list[tuple[int, str]] = []
    for number, page in enumerate(pages):
        text = [i for i in page if lines[i].kind == Kind.TEXT and not PAGE_NUMBER.match(lines[i].text)]
        for i in dict.fromkeys(text[:2] + text[-2:]):
            if len(lines[i].visible) >= 12:
                edges.append((i, _FURNITURE_KEY.sub("#", lines[i].visible)))
    where: dict[str, set[int]] = {}
    page_of = {i: n for n, page in enumerate(pages) for i in page}
    for i, key in edges:
        where.setdefault(key, set()).add(page_of[i])
    return {i for i, key in edges if len(where[key]) >= max(3, len(pages) / 4)}


def _printed(run: list[Lead], marks: set[str]) -> int:
    """How many of these notes have their mark among the marks printed in the body."""
    return sum(1 for n in run if n.mark in marks or (n.family in ("paren", "bracket") and str(n.number) in marks))


def _continuation_start(lines: list[SourceLine], page: list[int], first_note: int) -> int:
    """Where the note area starts when the block of lines just above its first number continues
    the last page's note: set apart by a blank line and in smaller type, which plain text shows
    as lines wider than the body's (more characters fit on a line)."""
    k = first_note - 1
    if k < 0 or lines[k].kind != Kind.BLANK:
        return first_note
    while k >= 0 and lines[k].kind == Kind.BLANK:
        k -= 1
    block = []
    while k >= 0 and lines[k].kind == Kind.TEXT:
        block.append(k)
        k -= 1
    above = [i for i in page if i <= k and lines[i].kind == Kind.TEXT]
    if not block or len(above) < 3 or any(lead_number(lines[i].text) for i in block[-1:]):
        return first_note
    if median(_width(lines[i].text) for i in block) < 1.15 * median(_width(lines[i].text) for i in above):
        return first_note
    return block[-1]


def _width(text: str) -> int:
    """Display columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text.strip())


def _area_lead(lines: list[SourceLine], i: int) -> Lead | None:
    """The number opening a note at line i of a page without a rule. A number may stand alone on
    its line (a raised number set apart by `pdftotext -layout`, "①" by plain `pdftotext`) when
    text follows it on the page."""
    ln = lines[i]
    if ln.kind not in (Kind.TEXT, Kind.NUMBER):
        return None
    lead = lead_number(ln.text)
    if lead is None or UNIT_AFTER_NUMBER.match(lead.rest):
        return None
    if lead.rest.strip():
        if lead.family == "digits" and not NOTE_TEXT_START.match(lead.rest):
            return None  # "1&2. University of …": an affiliation's numbers, not a note
        return lead if ln.kind == Kind.TEXT else None
    following = next((n for n in lines[i + 1:] if n.kind != Kind.BLANK), None)
    return lead if following is not None and following.kind == Kind.TEXT and not PAGE_NUMBER.match(following.text) else None


def _page_ranges(lines: list[SourceLine]) -> list[list[int]]:
    """Line indices of each page: pages end at form feeds and page-ending marks."""
    pages: list[list[int]] = [[]]
    for i, ln in enumerate(lines):
        if ln.kind in (Kind.PAGE_BREAK, Kind.PAGE_MARK):
            pages.append([])
        elif ln.kind != Kind.BLANK:
            pages[-1].append(i)
    return [p for p in pages if p]


WS = " \t\u00a0\u3000"
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef「」『』〈〉《》【】]")
URL_TAIL = regex.compile(r"(?:https?://|www\.)\S*$")


WORD = regex.compile(r"\p{L}+")
HYPHEN_BREAK = regex.compile(r"(\p{L}+)[-\u2010]$")
WORD_START = regex.compile(r"^\p{Ll}+")


def join_lines(parts: list[str], words: set[str] | None = None) -> str:
    """Join wrapped lines: nothing between CJK or inside a broken URL, one space between Latin
    words when the line had trailing whitespace (a hyphenated or mid-word break has none). A
    line-break hyphen goes when `words` (the document's own words) has the word whole
    ("Interna-" + "tional"), and stays otherwise ("Europe-" + "Asia", "Cross-" + "border")."""
    out, trailing = "", False
    for raw in parts:
        piece = raw.strip(WS)
        if not piece:
            continue
        if out and words and (left := HYPHEN_BREAK.search(out)) and (right := WORD_START.match(piece)):
            if left.group(1) + right.group() in words:
                out = out[:-1]
        elif out:
            out += glue(out[-1], piece[0], trailing, url=bool(URL_TAIL.search(out)))
        out += piece
        trailing = raw != raw.rstrip(WS)
    return out


def glue(left: str, right: str, trailing_space: bool, url: bool = False) -> str:
    if url or CJK.match(left) or CJK.match(right):
        return ""
    return " " if trailing_space else ""
