"""PDF files: footnotes and markers found by typography.

What the page tells us, and how it is read:
- lines, in reading order, come from `pdfpage` (columns found per page there);
- a marker: a run of digits set above the line's baseline or smaller than the line's text, a
  circled number (①, ⑩, ㉑), or a raised * or †;
- the footnote area: the lines under the separator (a stroked line or a thin filled rectangle,
  not an underline or a crop mark) at the page foot, set smaller than the body; without a rule,
  the trailing run of smaller lines low on the page when a line of it opens with a note number
  (lines before that one continue the previous page's last note). The body size is read from
  the lines at the head of each page, so notes that outweigh the body do not become "the body";
- a note opens with its number in any common form (①, ⑴, ¹, 1, 1., 1), (1), [1], *, †) when the
  number comes next, or numbering restarts at 1 (per page or per chapter) set as the notes so
  far are; several numbers share one note (③④); a year or a count opening a line ("1968") is
  no first note; any other line continues the note before (across pages too);
- page furniture: lines at a page's top or foot that repeat at the same height on many pages
  (digits aside), lone page numbers, publisher imprints (download stamps, licence and copyright
  lines, "Advance Access"), text outside the page box, rotated text;
- endnotes: a block of body lines numbered from 1 after markers that found no footnote (or under
  a notes heading), kept only when two or more of its notes answer such markers and no footnote
  follows it (a numbered list in the body is no block); typewritten articles' marks typed on the
  line, "(1)", count when they run 1, 2, 3 ... over pages;
- the publisher's block at the foot of a note area (a licence paragraph, an ISSN/DOI box) is
  furniture; a note marked in the first page's title block is the author's note (kind "front").
A "line" is a text line of the PDF, numbered from 1 over the whole file in reading order (on each
page the body, then its notes), not counting the dropped running heads and page numbers.
"""
from __future__ import annotations

import contextlib
import gc
import math
import operator
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import regex

from ..errors import CiteauditError
from ..model import Document
from .assemble import CJK, LineDraft, MarkerDraft, NoteDraft, build_document, separator
from .pdfpage import (SUPERSCRIPTS, SYMBOLS, Line, PageLayout, PerCharacter, digit_value, enclosed_number, line_text,
                      load_pages)

_PAGE_NUMBER = regex.compile(r"^[-–—\s]*(?:\d{1,4}|[ivxlcdm]{1,7}|第\s*\d+\s*頁|page\s+\d+)[-–—\s]*$", regex.I)
_NOTE_PUNCT = ".)．）"
_SPACES, _DIGITS = regex.compile(r"\s+"), regex.compile(r"\d+")
# The heading of an endnote section, in the languages of our users and sources.
_NOTES_HEADING = regex.compile(r"^(notes?|end ?notes|foot ?notes|anmerkungen|fu(ß|ss)noten|endnoten|notas?|"
                               r"notes de fin|annotazioni|注釋?|註釋?|注|附注|註)[:：.]?$", regex.I)
# Lines a publisher or a repository prints on its pages, not the author: download and DOI stamps,
# licence and copyright lines, "Advance Access" footers, permission e-mails. (A bare URL or DOI is
# no sign: notes cite them; stamps that recur on every page go by repetition.)
_IMPRINT = regex.compile(
    r"\b(downloaded|heruntergeladen|scaricato)\b.{0,40}\b(from|von|da)\b|advance access|creative commons|"
    r"\bcc[ -]by\b|licen[cs]ed under|all rights reserved|alle rechte vorbehalten|tutti i diritti|"
    r"^\s*(©|\(c\)\s*\d{4}|copyright\b)|\bpermissions?@|terms (and conditions )?of use|"
    r"\bpublished (online|by)\b|\b(received|accepted|eingegangen)\s*:?\s*\d{1,2}\b.{0,20}\d{4}|open access\b|"
    r"^\s*doi\s*:\s*10\.\d{4,}/\S+\s*$|^\s*e?-?issn\b", regex.I)  # the article's own DOI printed alone in the margin
# Punctuation that may not open a line (kinsoku): it is carried over with the character before it.
_NO_LINE_START = set("，。、；：？！」』）》〉】〕…‧·,.;:!?)]}")


def read_pdf(path: str | Path) -> Document:
    """The Document of a PDF. A file this reader fails on in a way nobody foresaw still gives one
    line and exit 2 (naming the failure, so it can be reported), not a traceback."""
    try:
        return analyse_pdf(path)[0]
    except (CiteauditError, KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - the user's night-before-submission run must not end in a traceback
        where = exc.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        at = f" at {Path(where.tb_frame.f_code.co_filename).name}:{where.tb_lineno}" if where else ""
        raise CiteauditError(f"{path}: the PDF reader failed on this file ({type(exc).__name__}{at}: {exc}); "
                             "please report it") from None


@contextlib.contextmanager
def _no_cycle_collection():
    """The cyclic garbage collector paused: a parse makes millions of small objects that form no
    cycles (characters, lines), and the collector's passes over them cost ~3 % of the parse
    (instruction counts). Reference counting still frees everything; the collector runs again after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def analyse_pdf(path: str | Path) -> tuple[Document, list[PageLayout]]:
    """The Document, and the pages with each line's `role` (body, note, furniture): what the
    benchmark scores against line-labelled gold."""
    with _no_cycle_collection():
        return _analyse(Path(path))


def _analyse(path: Path) -> tuple[Document, list[PageLayout]]:
    pages = load_pages(path)
    if sum(len(p.lines) for p in pages) == 0:
        if any(p.rotated for p in pages):
            raise CiteauditError(f"{path}: all the text is rotated or vertical, which this reader does not support")
        raise CiteauditError(f"{path}: the PDF has no text layer (a scan?); run OCR on it first, e.g. ocrmypdf")
    body_size = _body_size(pages)
    printed = _drop_furniture(pages)
    pitch = _body_pitch(pages)
    for page in pages:
        page.body, page.notes = _split_notes(page, body_size, pitch)
        page.notes, imprint = _imprint_tail(page.notes)
        for line in imprint:
            line.furniture, line.role = True, "furniture"
        page.dropped += imprint
    _number_lines(pages)

    words = _vocabulary(pages)
    footnotes = _NoteReader(words)
    for page in pages:
        stray = footnotes.feed(page.notes, right=_right_edge(page.notes + page.body))
        if stray:  # small print that is no note: keep it as body text rather than lose it
            page.body += stray
            page.notes = [l for l in page.notes if all(l is not s for s in stray)]
    notes = footnotes.notes
    drafts, endnotes = _body(pages, notes, body_size, words)
    notes = sorted(notes + endnotes, key=lambda n: n.line)
    doc = build_document(path.stem, str(path), "pdf", drafts, notes, printed, page_count=len(pages))
    if unmapped := sum(p.unmapped for p in pages):
        doc.notices.append(f"{unmapped} glyph(s) have no Unicode mapping in the PDF's fonts and were left out")
    if not notes and any(d.markers for d in drafts):
        doc.notices.append("note marks found but no footnote area or endnote block: the notes may be laid out "
                           "in a way this reader does not know")
    for page in pages:
        for line in page.notes:
            line.role = "note"
    # the article's first page with notes, and a title page before it (notes marked there are
    # printed on the next page)
    first = next((n for n, p in enumerate(pages) if p.notes), None)
    title = _title_block(pages[first], body_size) if first is not None else set()
    cover = set().union(*(_title_block(p, body_size, cover=True) for p in pages[:first])) if first else set()
    for fn, note in zip(doc.footnotes, notes):  # build_document keeps the order of `notes`
        # on a title page only a symbol's note ("†"): raised numbers there may be affiliations
        if fn.marker and (fn.marker.line in title or (fn.marker.line in cover and fn.number == 0)):
            fn.kind = "front"  # the author's or the funder's note on the title or a name, no citation
            for line in footnotes.lines.get(id(note), []):
                line.role = "front"
    return doc, pages


def _title_block(page: PageLayout, body_size: float, cover: bool = False) -> set[int]:
    """Numbers of the lines of the article's first page's title block: its body lines before the
    first paragraph, i.e. before two lines in the body size, set wide, starting at one left edge
    or the first indented (a title or a name is larger, or centred and short). Empty when the
    page opens with a paragraph (a chapter page without a title); a `cover` page (a title page
    before the first notes) without a paragraph is title all through."""
    lines = page.body
    if not lines:
        return set()
    width = max(l.x1 for l in lines) - min(l.x0 for l in lines)

    def text_line(l: Line) -> bool:
        return abs(l.size - body_size) < 0.6 and l.x1 - l.x0 >= 0.7 * width

    for i in range(len(lines) - 1):
        a, b = lines[i:i + 2]
        if text_line(a) and text_line(b) and (abs(a.x0 - b.x0) < 1.5 or a.x0 > b.x0 + 0.8 * a.size):
            return {l.number for l in lines[:i]}  # flush left, or an indented first line
    title_page = cover and sum(1 for l in lines if text_line(l)) < 10  # a title page holds little running text
    return {l.number for l in lines} if title_page else set()


# --- page analysis ------------------------------------------------------------------------------

def _body_size(pages: list[PageLayout]) -> float:
    """The body type size: the most common size of the first lines on each page (the lines at a
    page's head are body text; in a law review the notes may hold more characters than the body)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines[:5]:
            sizes[round(line.size * 2) / 2] += len(line.chars)
    if not sizes:
        sizes = Counter(round(c.size * 2) / 2 for p in pages for l in p.lines for c in l.chars)
    return sizes.most_common(1)[0][0]


def _drop_furniture(pages: list[PageLayout]) -> dict[int, str]:
    """Mark running heads, page numbers and watermarks; return printed page numbers by page.
    At each page edge (top, bottom) the outermost line in the margin goes when it recurs at the
    same height on other pages, digits aside (a running head with its page number), or is a lone
    page number; the line next to it only when it recurs exactly (so a short note such as "同前註。"
    that happens to sit at the same height on two pages stays). Anywhere else, only the exact same
    text at the same place on most pages goes (a watermark)."""
    texts: dict[int, tuple[str, str]] = {}  # id(line) -> its text without spaces, and with digits masked too

    def key(line: Line, masked: bool) -> tuple[str, int]:
        if (text := texts.get(id(line))) is None:
            plain = _SPACES.sub("", line.plain)
            text = texts[id(line)] = plain, _DIGITS.sub("#", plain)
        return (text[masked], round(line.top / 3))

    seen = Counter(k for p in pages for k in {key(l, m) for l in p.lines for m in (True, False)})
    running = max(2, math.ceil(0.3 * len(pages)))
    watermark = max(3, math.ceil(0.5 * len(pages)))
    printed: dict[int, str] = {}
    for page in pages:
        for line in page.lines:  # a printer's slug or crop-mark text outside the page box
            if line.top >= page.height or line.bottom <= 0 or line.x0 >= page.width or line.x1 <= 0:
                line.furniture, line.role = True, "furniture"
        by_height = sorted((l for l in page.lines if not l.furniture), key=lambda l: l.top)
        for edge in (by_height[:4], by_height[::-1][:4]):
            for line in edge:
                text = line.plain.strip()
                in_margin = line.top < 0.12 * page.height or line.bottom > 0.88 * page.height
                outermost = abs(line.top - edge[0].top) < 2  # or level with the outermost line
                if not in_margin or not (seen[key(line, outermost)] >= running or _PAGE_NUMBER.match(text)
                                         or _IMPRINT.search(text)):
                    break
                line.furniture = True
                line.role = "furniture"
                if _PAGE_NUMBER.match(text):
                    printed[page.number] = regex.sub(r"[-–—\s]", "", text)
        for line in page.lines:
            if seen[key(line, False)] >= watermark:
                line.furniture, line.role = True, "furniture"
        page.dropped = [l for l in page.lines if l.furniture]
        page.lines = [l for l in page.lines if not l.furniture]
    return printed


def _pitch(lines: list[Line]) -> float | None:
    """The usual distance from one line to the next (line spacing), None under two lines."""
    steps = sorted(b.top - a.top for a, b in zip(lines, lines[1:]) if 0 < b.top - a.top < 4 * a.size)
    return steps[len(steps) // 2] if steps else None


def _body_pitch(pages: list[PageLayout]) -> float:
    """The body's line spacing, from the lines at the head of each page (as `_body_size`)."""
    steps = sorted(p for page in pages if (p := _pitch(page.lines[:6])) is not None)
    return steps[len(steps) // 2] if steps else 0.0


def _split_notes(page: PageLayout, body_size: float, body_pitch: float = 0.0) -> tuple[list[Line], list[Line]]:
    """Body lines and footnote-area lines of a page: the lines under the separator rule (a stroked
    line or a thin filled rectangle, not an underline), set smaller than the body or, in a
    manuscript that sets its notes in the body size, more tightly spaced (single-spaced notes
    under a double-spaced body) and opening with a note number; without a rule,
    the trailing run of smaller lines, when a line of it opens with a note number (the lines before
    that one continue the last note of the page before)."""
    lines = page.lines
    text_width = (max((l.x1 for l in lines), default=0) - min((l.x0 for l in lines), default=0)) or page.width
    for x0, x1, y in sorted(page.rules, key=lambda r: -r[2]):
        if not page.height * 0.3 < y < page.height or x1 <= 0 or x0 >= page.width or _underlines(x0, x1, y, lines):
            continue  # crop marks outside the page, rules in the upper part, underlines
        below = [l for l in lines if l.top >= y - 1]
        if not below:
            continue
        if _main_size(below) >= 0.95 * body_size:
            tight = (below_pitch := _pitch(below)) is not None and below_pitch < 0.75 * body_pitch
            if not (tight and x1 - x0 <= 0.5 * text_width and _lead_number(below[0]) is not None):
                continue
        # The footnote rule is short; a full-width one is Word's continuation separator when the
        # small print under it runs on from the page before (else: a table's border).
        if x1 - x0 <= 0.7 * text_width or _lead_number(below[0]) is None:
            return [l for l in lines if l.top < y - 1], below
    margin = _in_margin(lines)  # paragraph numbers beside the text ("3.40") do not break the run: body
    lines = [l for l in lines if id(l) not in margin]
    i = len(lines)
    while i > 0 and lines[i - 1].size < 0.95 * body_size:
        i -= 1
    area, right = lines[i:], _right_edge(lines[i:])

    def apart(k: int) -> bool:  # a blank gap or a change of size before line k
        above, line = area[k - 1], area[k]
        return line.top - above.bottom > 0.8 * line.size or abs(line.size - above.size) > 0.3

    opening = next((k for k, l in enumerate(area)
                    if _lead_number(l) and (k == 0 or apart(k) or _ended_early(area[k - 1], l, right))), None)
    if opening is None:
        return page.lines, []  # no line opens like a note: "(3)" inside a run-on abstract is no note number
    if opening and apart(opening):
        i += opening  # small print set apart above the first note (a quotation) is no continuation
    if sum(1 for l in lines[:i] if l.size >= 0.95 * body_size) < 2:
        return page.lines, []  # no body on the page above it (a running head aside): a page set smaller, not notes
    # Notes filling a page from its top are endnotes (or a small-print page), not a footnote area.
    if not 0 < i < len(lines):
        return page.lines, []
    notes = {id(l) for l in lines[i:]}
    return [l for l in page.lines if id(l) not in notes], lines[i:]


def _in_margin(lines: list[Line]) -> set[int]:
    """ids of short lines wholly beside the text block (marginal paragraph numbers, "3.40")."""
    if len(lines) < 4:
        return set()
    left = Counter(round(l.x0) for l in lines).most_common(1)[0][0]
    right = max(l.x1 for l in lines if len(l.plain) > 20) if any(len(l.plain) > 20 for l in lines) else 0
    return {id(l) for l in lines if len(l.plain.strip()) <= 8 and (l.x0 >= right - 1 or l.x1 <= left + 1)}


def _imprint_tail(notes: list[Line]) -> tuple[list[Line], list[Line]]:
    """The note area without the publisher's block at its foot: the last group of lines, set
    apart by a size change or a blank gap, opening with no note number and holding an imprint
    line (a licence, a copyright, "Open Access", an ISSN or DOI line). A note that merely cites a
    licence stays: its group opens with its number, or is not the last."""
    if len(notes) < 2:
        return notes, []
    pitch = _pitch(notes) or notes[-1].size * 1.2
    start = len(notes) - 1
    while start > 0:
        above, line = notes[start - 1], notes[start]
        if abs(above.size - line.size) > 0.3 or line.top - above.top > 1.8 * pitch:
            break
        start -= 1
    tail = notes[start:]
    if start == 0 or _lead_number(tail[0]) is not None or not any(_IMPRINT.search(l.plain) for l in tail):
        return notes, []
    return notes[:start], tail


def _underlines(x0: float, x1: float, y: float, lines: list[Line]) -> bool:
    """The rule sits right under the text of a line it spans (a link's or a title's underline)."""
    return any(l.top < y <= l.bottom + 1.5 and l.x0 < x1 and x0 < l.x1 for l in lines)


def _main_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.chars)
    return sizes.most_common(1)[0][0]


def _number_lines(pages: list[PageLayout]) -> None:
    n = 0
    for page in pages:
        for line in page.body + page.notes:
            n += 1
            line.page, line.number = page.number, n


def _right_edge(lines: list[Line]) -> float:
    return max((l.x1 for l in lines), default=0.0)


@dataclass
class Lead:
    """A note number opening a line."""
    numbers: list[int]  # usually one; several when notes share a text ("③④")
    take: int  # non-space characters it takes, with its punctuation ("1." "(1)")
    raised: bool  # set raised or small, or a circled number (a note form by itself)
    spaced: bool  # a space character follows it
    form: str  # "circled", "digits", "bracket" or "symbol": one note area keeps one form


def _lead_number(line: Line) -> Lead | None:
    """The note number opening the line: ①, ⑴, ¹, 1, 1., 1), (1), [1], *, †. Digits running
    straight into text are no note number unless raised ("2019年" is a year)."""
    chars = line.printed
    if len(chars) < 2:
        return None
    first = chars[0].text
    if enclosed_number(first) is not None:
        take = 0
        while take < min(len(chars) - 1, 4) and enclosed_number(chars[take].text) is not None:
            take += 1
        numbers, form, raised = [enclosed_number(c.text) for c in chars[:take]], "circled", True
    elif first in SYMBOLS:
        take = 1
        while take < len(chars) - 1 and chars[take].text == first and take < 3:
            take += 1
        numbers, form, raised = [0], "symbol", line.raised(chars[0])
    else:
        bracket = first in "([（［"
        start = take = int(bracket)
        up = start < len(chars) and _raised(line, chars[start])
        # one run of digits, all raised or all on the line: "³⁶1 BLACKSTONE" is note 36 on volume 1
        while (take < len(chars) and digit_value(chars[take].text) is not None and take - start < 4
               and _raised(line, chars[take]) == up
               and (take == start or chars[take].x0 - chars[take - 1].x1 < 0.2 * line.size)):
            take += 1  # "21 16 (1977)" is note 21 citing volume 16: a word gap ends the number
        if take == start or take == len(chars):
            return None
        end = take
        digits = "".join(str(digit_value(c.text)) for c in chars[start:end])
        if bracket:
            if chars[take].text not in ")]）］" or take + 1 == len(chars):
                return None
            take += 1
        elif chars[take].text in _NOTE_PUNCT and take + 1 < len(chars):
            take += 1
        raised = up
        numbers, form = [int(digits)], "bracket" if bracket else "digits"
        gap = chars[take].x0 - chars[take - 1].x1
        if not raised and not bracket and gap < 0.2 * line.size:
            return None
    i = line.chars.index(chars[take - 1])
    spaced = i + 1 < len(line.chars) and line.chars[i + 1].text.isspace()
    return Lead(numbers, take, raised, spaced, form)


def _raised(line: Line, c) -> bool:
    return line.raised(c) or c.text in SUPERSCRIPTS


def _ended_early(prev: Line | None, line: Line, right: float) -> bool:
    """The line before broke although the next line's first word would have fitted on it:
    the end of a paragraph or note, in justified and ragged text alike."""
    if prev is None:
        return True
    chars = line.printed
    word = chars[:1]
    for c in chars[1:]:
        cjk = CJK.match(word[0].text)
        if (cjk and c.text not in _NO_LINE_START) or (not cjk and c.x0 - word[-1].x1 > 0.2 * c.size):
            break
        word.append(c)
    need = (word[-1].x1 - word[0].x0) if word else 0.0
    space = 0.0 if word and CJK.match(word[0].text) else 0.3 * line.size
    return prev.x1 + space + need < right - 0.1 * line.size


_WORD = regex.compile(r"\p{L}+")
_BROKEN = regex.compile(r"(\p{L}+)[-\u2010]$")


def _vocabulary(pages: list[PageLayout]) -> set[str]:
    """Every word the document prints whole, to tell a line-break hyphen from a real one."""
    return {w.lower() for p in pages for l in p.lines for w in _WORD.findall(l.plain)}


def _line_break_hyphen(left: str, right: str, words: set[str]) -> bool:
    """`left` ends in a hyphen that only broke a word: the joined word is printed whole elsewhere
    in the document ("organi-" + "sation" when "organisation" occurs). Otherwise the hyphen stays
    ("Europe-" + "Asia"), as it would in the text pipeline."""
    left = left.rstrip()
    if not left.endswith(("-", "\u2010")):
        return False  # (the usual line: no hyphen, and no regex search through it)
    head, tail = _BROKEN.search(left), _WORD.match(right.lstrip())
    return bool(head and tail and tail.group()[0].islower() and (head.group(1) + tail.group()).lower() in words)


class _NoteReader:
    """Notes from footnote-area lines, fed page by page (a note may run on to the next page).
    A numbered line opens a note when its number comes next (or restarts at 1) and it looks like an
    opening: set raised, or the line before it ended short; any other line continues the note."""

    def __init__(self, words: set[str], kind: str = "footnote") -> None:
        self.words = words
        self.kind = kind
        self.notes: list[NoteDraft] = []
        self.parts: list[list[str]] = []
        self.previous: Line | None = None
        self.group = 1
        self.form = ""
        self.raised_count = 0
        self.before_restart: int | None = None  # the last number before the numbering restarted
        self.lines: dict[int, list[Line]] = {}  # id(note) -> its lines
        self._head: tuple[list[str] | None, int, str] = (None, 0, "")  # parts joined so far (see _text)

    def feed(self, lines: list[Line], right: float) -> list[Line]:
        """Read the lines; return those that belong to no note (small print before any note)."""
        stray: list[Line] = []
        for line in lines:
            lead = _lead_number(line)
            if lead and self._opens(lead, line, early=_ended_early(self.previous, line, right)):
                last_taken = line.printed[lead.take - 1]
                rest = line.chars[next(i for i, c in enumerate(line.chars) if c is last_taken) + 1:]  # spaces kept
                self.group = len(lead.numbers)  # "③④": one text for each number
                for number in lead.numbers:
                    self.notes.append(NoteDraft(number=number, page=line.page, line=line.number, text="", kind=self.kind))
                self.parts.append([line_text(rest)])
                for note in self.notes[-self.group:]:
                    self.lines[id(note)] = [line]
                self.form = lead.form
                self.raised_count += lead.raised
                if self.notes[-1].number == 1 and len(self.notes) > 1:
                    self.before_restart = self.notes[-2].number
                elif self.before_restart is not None and 0 < self.notes[-1].number - self.before_restart <= 2:
                    self.before_restart = None  # the restart was false: the old numbering goes on
            elif self.notes:
                self.lines[id(self.notes[-1])].append(line)
                last = self.parts[-1]
                if _line_break_hyphen(last[-1], line.plain, self.words):
                    last[-1] = last[-1].rstrip()[:-1] + line.plain.lstrip()
                else:
                    last.append(line.plain)
            else:
                stray.append(line)  # nothing to continue: not a note line
                continue
            text = self._text()
            for note in self.notes[-self.group:]:
                note.text = text
            self.previous = line
        return stray

    def _text(self) -> str:
        """`join_lines` of the current note's parts, the parts before the last joined only once (a
        long note joined again at each of its lines took quadratic time)."""
        parts = self.parts[-1]
        if self._head[0] is not parts:
            self._head = (parts, 0, "")
        _, done, head = self._head
        for part in parts[done:-1]:
            part = part.strip()
            head += separator(head, part) + part
        self._head = (parts, len(parts) - 1, head)
        last = parts[-1].strip()
        return (head + separator(head, last) + last).strip()

    def _opens(self, lead: Lead, line: Line, early: bool) -> bool:
        number = lead.numbers[0]
        if lead.form == "symbol":
            return lead.raised or early
        if not self.notes:  # the first note: a small number, not a year or a count opening a line
            return number <= (999 if lead.raised else 300)
        last = self.notes[-1]
        if lead.form != self.form and not (lead.raised or early):
            return False
        if number == last.number + 1 and lead.form == self.form:
            return True  # the next number, written as the notes so far, with a gap after it
        if number in (last.number + 1, last.number + 2) or (self.before_restart is not None
                                                             and 0 < number - self.before_restart <= 2):
            return lead.raised or early or lead.spaced
        # Numbering restarts: on a new page (per-page numbering), or a new chapter; set and written
        # as the notes so far are (a volume number "1 BLACKSTONE" opening a line under raised
        # numbers is none, nor a statute's "(1)" quoted in a note numbered "31.").
        usual = self.raised_count * 2 >= len(self.notes)
        return (number == 1 and lead.raised == usual and lead.form == self.form
                and (lead.raised or early or line.page != last.page))


# --- body ---------------------------------------------------------------------------------------

def _body(pages: list[PageLayout], footnotes: list[NoteDraft], body_size: float,
          words: set[str]) -> tuple[list[LineDraft], list[NoteDraft]]:
    """Body lines with markers taken out, paragraph starts, and endnote blocks lifted from the body:
    a block opens with a line numbered 1, not larger than the body type (so not a numbered heading),
    once more markers than notes have been seen, and closes at a line set in another size (the
    next chapter's heading); or under a heading that names it ("Notes", "Endnotes", "Anmerkungen",
    "注释" ...). A block is kept only when it holds two notes or more and, without such a heading,
    most of its numbers are marks in the body that no footnote took; else (a numbered list, an affiliation
    line "1. Fudan University") its lines are body text."""
    drafts: list[LineDraft] = []
    endnotes: list[NoteDraft] = []
    marks: Counter[int] = Counter()
    taken = Counter(n.number for n in footnotes)
    prev: Line | None = None
    block: _NoteReader | None = None
    block_lines: list[Line] = []

    inline = _inline_marks(pages)

    def add(line: Line) -> None:
        nonlocal prev
        draft = _marked_line(line, inline)
        marks.update(m.number for m in draft.markers)
        draft.paragraph_start = _starts_paragraph(prev, line)
        last = drafts[-1] if drafts else None
        if last and not draft.paragraph_start and _line_break_hyphen(last.text, draft.text, words):
            last.text, last.joins_next = last.text.rstrip()[:-1], True
        drafts.append(draft)
        prev = line

    def close() -> None:
        nonlocal block, prev
        free = marks - taken - Counter(n.number for n in endnotes)
        numbers = [n.number for n in block.notes]  # type: ignore[union-attr]
        # without a heading, footnotes printed after it say the block is a numbered list in the body
        later = block_lines and any(n.page > block_lines[0].page for n in footnotes)
        if len(numbers) >= 2 and (_headed or (not later and sum(1 for n in numbers if free[n]) * 2 >= len(numbers))):
            endnotes.extend(block.notes)  # type: ignore[union-attr]
            for l in block_lines:
                l.role = "note"
        else:
            prev = _before_block
            for l in block_lines:
                add(l)
        block = None
        block_lines.clear()

    _before_block: Line | None = None
    _headed = False
    for page in pages:
        _column_edges(page.body)
        for line in page.body:
            lead = _lead_number(line)
            headed = prev is not None and _NOTES_HEADING.match(prev.plain.strip())
            opens = (lead and lead.numbers[0] == 1 and line.size <= 1.05 * body_size
                     and (headed or sum(marks.values()) > len(footnotes) + len(endnotes)))
            if block is None and opens and (headed or prev is None or prev.page != line.page
                                            or _ended_early(prev, line, prev.right) or line.top - prev.bottom > 1.2 * line.size):
                block, _before_block, _headed = _NoteReader(words, "endnote"), prev, bool(headed)
            if block is not None:
                # another size closes the block (the next chapter's heading); over a page break
                # only a larger one: scanned pages differ in scale
                step = line.size - block.previous.size if block.previous else 0.0
                if lead is None and (step > 0.6 or (step < -0.6 and line.page == block.previous.page)):
                    close()
                else:
                    block.feed([line], line.right)
                    block_lines.append(line)
                    prev = line
                    continue
            add(line)
    if block is not None:
        close()
    return drafts, endnotes


def _column_edges(lines: list[Line]) -> None:
    """Left and right edge of the block each line sits in: the lines beside it in the same type
    size (the text block, a column, or an indented quotation in smaller type)."""
    for line in lines:
        peers = [l for l in lines if l.x0 < line.x1 and line.x0 < l.x1 and abs(l.size - line.size) < 0.6] or [line]
        line.left, line.right = min(l.x0 for l in peers), max(l.x1 for l in peers)


def _starts_paragraph(prev: Line | None, line: Line) -> bool:
    """A new paragraph: the line before ended early, the size changes (a heading), the line is
    indented, or a blank gap comes before it."""
    if prev is None:
        return True
    return (_ended_early(prev, line, prev.right) or abs(line.size - prev.size) > 0.6
            or line.x0 > line.left + 0.8 * line.size
            or (prev.page == line.page and line.top - prev.bottom > 1.2 * line.size))


# A note mark typed on the line, as typewritten and OCR'd articles print them: "France (1).", "thesaurus( 4 )".
_INLINE_MARK = regex.compile(r"(?<=\S) ?\(\s?(\d{1,3})\s?\)")


def _inline_marks(pages: list[PageLayout]) -> bool:
    """The document marks its notes with bracketed numbers on the line ("(1)"), not raised ones:
    such numbers count 1, 2, 3 ... through the body over more than one page (a list "(1) ... (2)"
    stays in one paragraph), and raised marks are fewer."""
    expected, found, pages_seen, raised = 1, 0, set(), 0
    for page in pages:
        for line in page.body:
            raised += any(line.raised(c) for c in line.chars if digit_value(c.text) is not None)
            for m in _INLINE_MARK.finditer(line.plain):
                n = int(m.group(1))
                if n in (expected, expected + 1):
                    expected, found = n + 1, found + 1
                    pages_seen.add(page.number)
    return found >= 3 and len(pages_seen) >= 2 and raised * 2 < found


_could_mark: Callable[[str], bool] = PerCharacter(  # type: ignore[assignment]
    lambda ch: enclosed_number(ch) is not None or ch in SYMBOLS or digit_value(ch) is not None).__getitem__
_TEXT = operator.attrgetter("text")


def _marked_line(line: Line, inline: bool = False) -> LineDraft:
    """The line's text with its note marks taken out and remembered by position: a mark is a run
    of digits (with , - – between them) set raised or small, a circled number (①, each its own
    mark), or a raised symbol (*, †); in a document that types its marks on the line (`inline`),
    also a bracketed number "(1)"."""
    marks: dict[int, list[int]] = {}
    start: int | None = None
    markable = any(map(_could_mark, map(_TEXT, line.chars)))  # (most lines have no digit, numeral or symbol)
    for i, c in enumerate(line.chars if markable else ()):
        if enclosed_number(c.text) is not None or (c.text in SYMBOLS and line.raised(c)):
            marks[i], start = [i], None
            continue
        digit = digit_value(c.text) is not None
        mark = (digit or (start is not None and c.text in ",-–")) and (line.raised(c) or c.text in SUPERSCRIPTS)
        if mark and start is None:
            start = i
            marks[i] = []
        if mark:
            marks[start].append(i)
        else:
            start = None
    draft = LineDraft(text="", page=line.page, line=line.number)
    draft.text = line_text(line.chars, marks, draft.markers) if marks else line.plain
    if inline:
        for m in reversed(list(_INLINE_MARK.finditer(draft.text))):
            for other in draft.markers:
                if other.index >= m.end():
                    other.index -= m.end() - m.start()
            draft.markers.append(MarkerDraft(m.start(), int(m.group(1)), text=m.group()))
            draft.text = draft.text[:m.start()] + draft.text[m.end():]
        draft.markers.sort(key=lambda d: d.index)
    return draft
