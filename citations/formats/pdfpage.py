"""PDF pages as lines of characters, in reading order, through PDFium (pypdfium2).

Why PDFium: the same characters with their boxes as pdfminer/pdfplumber, about ten times faster
(a 300-page thesis in seconds), Apache-2.0/BSD, and a wheel with no other dependencies; PyMuPDF is
as fast but AGPL. Boxes are PDFium's "loose" character boxes (from the font's ascent and descent),
which are the same for every character of one font and size: lines group cleanly and a raised or
smaller mark shows as a box set higher or shorter.

Characters are grouped into lines by vertical overlap, so a raised note mark stays on its line;
a line is split at wide gaps and at column gutters, which are found per page from where the
characters are not (one or two gutters: two or three columns), and each band between full-width
lines is read column by column. Rotated characters (watermarks, stamps) are counted and left out.
Word spaces come from the gaps between characters (PDFium's own guessed spaces are dropped).
"""
from __future__ import annotations

import array
import functools
import itertools
import math
import operator
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import regex

from ..errors import CiteauditError
from .assemble import CJK, MarkerDraft

# Typographic ligatures (TeX's fi, ff...) are glyphs, not text: spell them out.
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_LIGATURE_TABLE = str.maketrans(_LIGATURES)


SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SYMBOLS = "*†‡§¶"  # note marks that are no number (read with number 0, as Word's custom marks)


class PerCharacter(dict):
    """`function` of a character, computed once per distinct character: on the paths that ask it
    of every character (is this a note mark?) it then costs one dictionary lookup."""

    def __init__(self, function: Callable[[str], object]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, ch: str) -> object:
        value = self[ch] = self.function(ch)
        return value


def _enclosed_number(ch: str) -> int | None:
    """The number a circled or parenthesised numeral stands for (①, ㉑, ㊿, ⑴, ⒈, ❶), else None.
    `'①'.isdigit()` is True but `int('①')` fails: read its Unicode numeric value instead."""
    if len(ch) != 1 or not ("\u2460" <= ch <= "\u24ff" or "\u3251" <= ch <= "\u32bf" or "\u2776" <= ch <= "\u2793"):
        return None
    value = unicodedata.numeric(ch, -1)
    return int(value) if value >= 1 and value == int(value) else None


def _digit_value(ch: str) -> int | None:
    """0-9 for an ASCII, full-width or superscript digit, else None (enclosed numbers are marks of
    their own: see `enclosed_number`)."""
    if len(ch) == 1 and (ch in SUPERSCRIPTS or ch.isdecimal()):
        return unicodedata.digit(ch, None)
    return None


enclosed_number: Callable[[str], int | None] = PerCharacter(_enclosed_number).__getitem__  # type: ignore[assignment]
digit_value: Callable[[str], int | None] = PerCharacter(_digit_value).__getitem__  # type: ignore[assignment]


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    base: float  # baseline, measured from the page top like `top`


def _X0(c: "Char") -> float:
    """Order along a line by a character's middle: a full-width comma's wide box starts before
    the letter squeezed against it ("Pratt，" set tight)."""
    return c.x0 + c.x1
_BY_X0, _BY_X1, _BY_TOP, _BY_BOTTOM, _BY_BASE, _BY_SIZE = map(operator.attrgetter,
                                                          ("x0", "x1", "top", "bottom", "base", "size"))
_TOP_X0 = operator.attrgetter("top", "x0")


@dataclass
class Line:
    """A text line; `chars` in order along it (by each character's middle, see `_X0`)."""
    chars: list[Char]
    page: int
    size: float = 0.0  # the size most of the line is set in
    base: float = 0.0
    number: int = 0  # running line number (see citations/formats/pdf.py)
    furniture: bool = False
    role: str = "body"  # "body", "note" or "furniture", once the page is read (benchmarks score it)
    left: float = 0.0  # edges of the line's column, once known
    right: float = 0.0
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        chars = self.chars  # in order along the line, as `_lines` sorts them (sorting again cost a key call each)
        sizes: dict[float, int] = {}  # half-point size -> characters, in order of first use
        for exact, count in Counter([c.size for c in chars if not c.text.isspace()]).items():
            key = round(exact * 2) / 2
            sizes[key] = sizes.get(key, 0) + count
        self.size = size = max(sizes, key=sizes.__getitem__) if sizes else chars[0].size
        if not sizes or all(abs(exact - size) < 0.5 for exact in set(map(_BY_SIZE, chars))):
            bases = sorted(map(_BY_BASE, chars))  # (the usual line: one size throughout)
        else:
            bases = sorted([c.base for c in chars if abs(c.size - size) < 0.5])
        half = len(bases) // 2  # the median (as statistics.median)
        self.base = bases[half] if len(bases) % 2 else (bases[half - 1] + bases[half]) / 2
        self.x0, self.x1 = chars[0].x0, max(map(_BY_X1, chars))
        self.top, self.bottom = min(map(_BY_TOP, chars)), max(map(_BY_BOTTOM, chars))

    @functools.cached_property
    def plain(self) -> str:
        return line_text(self.chars)

    @functools.cached_property
    def printed(self) -> list[Char]:
        """The characters that are not spaces (note numbers and line starts are read from them)."""
        return [c for c in self.chars if not c.text.isspace()]

    def raised(self, c: Char) -> bool:
        """Set above the baseline or clearly smaller than the line: how a note mark looks."""
        return self.base - c.base > 0.15 * self.size or c.size < 0.85 * self.size


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[tuple[float, float, float]]  # horizontal rules: (x0, x1, y)
    rotated: int = 0  # characters left out because they are not upright
    gutters: list[float] = field(default_factory=list)  # x of the gaps between columns
    unmapped: int = 0  # glyphs left out because the font maps them to no character
    body: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)
    dropped: list[Line] = field(default_factory=list)  # page furniture


def load_pages(path: Path) -> list[PageLayout]:
    """Every page of the PDF as lines; one-line errors for encrypted and damaged files. Only the
    library's reading is guarded, so a bug of ours still shows as one."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
        count = len(pdf)
    except pdfium.PdfiumError as exc:
        raise _unreadable(path, exc) from None
    layouts = []
    try:
        for i in _progress(range(count), path):
            try:
                page = pdf[i]
                layouts.append(_page(i + 1, page))
            except pdfium.PdfiumError as exc:
                raise _unreadable(path, exc) from None
            page.close()
    finally:
        pdf.close()
    return layouts


def _unreadable(path: Path, exc: Exception) -> CiteauditError:
    import pypdfium2.raw as pdfium_c

    if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
        return CiteauditError(f"{path}: the PDF is encrypted; remove the password first (e.g. qpdf --decrypt)")
    return CiteauditError(f"{path}: damaged or unreadable PDF ({str(exc).strip() or type(exc).__name__})")


def _progress(pages: range, path: Path):
    if len(pages) < 40:
        return pages
    from rich.console import Console
    from rich.progress import track

    return track(pages, description=f"Reading {path.name}", transient=True, console=Console(stderr=True))


@functools.cache
def _fast(name: str):
    """PDFium function `name` called without ctypes' per-argument conversion: pypdfium2 declares
    argument types, which costs more than PDFium's own work in a call made once per character.
    Callers pass exactly what C expects (the handle, int indices, byref() for outputs)."""
    import ctypes

    import pypdfium2.raw as c

    declared = getattr(c, name)
    function = type(declared)(ctypes.cast(declared, ctypes.c_void_p).value)  # same library, no argtypes
    function.restype = declared.restype
    return function


def _page(number: int, page) -> PageLayout:
    """Characters and horizontal rules of one page, read through PDFium's C API (one call per
    character for its box; the font size and matrix only when the box height changes, since a run
    of one font and size repeats them: this keeps reading near PDFium's own speed)."""
    import ctypes

    import pypdfium2.raw as c

    left, bottom, right, top = page.get_mediabox()
    width, height = right - left, top - bottom
    textpage = page.get_textpage()
    raw = textpage.raw
    n = c.FPDFText_CountChars(raw)
    chars: list[Char] = []
    rotated = unmapped = 0
    if n > 0:
        buf = ctypes.create_string_buffer(2 * (n + 1))
        c.FPDFText_GetText(raw, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        units = array.array("H", buf.raw[: 2 * n])  # UTF-16LE code units, one per character index
        if sys.byteorder == "big":
            units.byteswap()
        rect, matrix = c.FS_RECTF(), c.FS_MATRIX()
        prect, pmatrix = ctypes.byref(rect), ctypes.byref(matrix)
        last_h, size, upright, previous = -1.0, 0.0, True, -2
        get_box, generated, last = _fast("FPDFText_GetLooseCharBox"), _fast("FPDFText_IsGenerated"), None
        get_tight, get_origin = _fast("FPDFText_GetCharBox"), _fast("FPDFText_GetCharOrigin")
        get_matrix, get_size = _fast("FPDFText_GetMatrix"), _fast("FPDFText_GetFontSize")
        get_angle = _fast("FPDFText_GetCharAngle")
        gl, gr, gb, gt, ox, oy = (ctypes.c_double() for _ in range(6))
        tight = tuple(map(ctypes.byref, (gl, gr, gb, gt)))
        origin = ctypes.byref(ox), ctypes.byref(oy)
        box = memoryview(rect).cast("B").cast("f")  # left, top, right, bottom
        append = chars.append
        for k, code in enumerate(units):
            if code < 33 or code >= 0xD800:  # the rare codes: breaks, spaces, controls, surrogates, specials
                if code == 10 or code == 13 or (code == 32 and generated(raw, k) == 1):
                    continue  # PDFium's own line breaks and spaces: gaps are measured here instead
                if 0xD800 <= code < 0xE000 or code == 0xFFFE:  # a surrogate pair; a hyphen PDFium marks as soft
                    code = c.FPDFText_GetUnicode(raw, k)
                    if 0xDC00 <= code < 0xE000 or code in (0, 0xFFFE):
                        unmapped += code != 0xFFFE
                        continue
                elif code == 0 or code == 0xFFFD:
                    unmapped += 1  # a glyph the font maps to no character
                    continue
            get_box(raw, k, prect)
            r_left, r_top, r_right, r_bottom = box
            if r_top < r_bottom:  # a flipped font matrix gives a box upside down
                r_top, r_bottom = r_bottom, r_top
            h = r_top - r_bottom
            if h - last_h > 0.01 or last_h - h > 0.01:
                last_h = h
                get_matrix(raw, k, pmatrix)
                size = get_size(raw, k) * (math.hypot(matrix.c, matrix.d) or 1.0)
                # Rotated: set at an angle (a diagonal watermark, a stamp up the margin). Half a
                # turn counts as upright: producers pair a flipped text matrix with a flipped font.
                angle = get_angle(raw, k) % math.pi
                upright = angle < 0.1 or angle > math.pi - 0.1
            if not upright:
                rotated += 1  # rotated text: watermarks and stamps, not the running text
                continue
            x0, x1, y0, y1 = r_left - left, r_right - left, top - r_top, top - r_bottom
            # PDFium reports a soft hyphen at a line end as 0x02
            char = Char("-" if code == 2 else chr(code), x0, x1, y0, y1, size, y1)
            if 48 <= code <= 57:
                # A superscript glyph of the body font (OpenType "sups"): same size and box as
                # its neighbours, but the glyph itself sits high above its baseline.
                get_tight(raw, k, *tight)
                get_origin(raw, k, *origin)
                rise = gb.value - oy.value
                if rise > 0.25 * size and gt.value - gb.value < 0.75 * size:
                    char.base -= rise
            if k == previous + 1 and x0 == last.x0 and x1 == last.x1 and y0 == last.top:
                _share_box(chars, char)  # a ligature spelled out ("ff"): its letters share one box
            append(char)
            last, previous = char, k
    textpage.close()
    chars = stacked_numbers(chars)
    pieces, gutters = _lines(chars, width)
    return PageLayout(number, width, height, _columns(pieces, gutters), _rules(page, left, top), rotated, gutters,
                      unmapped)


_CIRCLES = "○◯⃝◌"
_CIRCLE_SET = set(_CIRCLES)
_TEXT = operator.attrgetter("text")


def circled(number: int) -> str | None:
    """The enclosed numeral for 1-50 (①, ㉑, ㊱), else None."""
    if 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if 21 <= number <= 35:
        return chr(0x3251 + number - 21)
    if 36 <= number <= 50:
        return chr(0x32B1 + number - 36)
    return None


def stacked_numbers(chars: list[Char]) -> list[Char]:
    """A circled number some fonts lack (⑩ and up) is set as a circle with small digits drawn
    inside it: read it as the one enclosed numeral (a note mark, ⑩)."""
    if not _CIRCLE_SET.intersection(map(_TEXT, chars)):
        return chars  # the usual page: no ring (a set test in C, not a Python test per character)
    circles = [c for c in chars if c.text in _CIRCLES]
    inside: dict[int, list[Char]] = {}
    for ring in circles:
        digits = [c for c in chars if c.text.isdigit() and c.size < ring.size
                  and ring.x0 <= (c.x0 + c.x1) / 2 <= ring.x1 and ring.top <= (c.top + c.bottom) / 2 <= ring.bottom]
        number = int("".join(d.text for d in sorted(digits, key=lambda d: d.x0))) if 0 < len(digits) <= 2 else 0
        if circled(number):
            ring.text = circled(number)  # type: ignore[assignment]
            inside.update((id(d), [d]) for d in digits)
    return [c for c in chars if id(c) not in inside]


def _share_box(chars: list[Char], char: Char) -> None:
    """Give the letters of one ligature glyph equal parts of its box, so they read as a word and
    not as an overprinted duplicate."""
    run = [char]
    while len(run) <= len(chars) and (chars[-len(run)].x0, chars[-len(run)].x1) == (char.x0, char.x1):
        run.insert(0, chars[-len(run)])
    step = (char.x1 - char.x0) / len(run)
    for i, c in enumerate(run):
        c.x0, c.x1 = char.x0 + i * step, char.x0 + (i + 1) * step


def _rules(page, left: float, top: float) -> list[tuple[float, float, float]]:
    """Horizontal rules (x0, x1, y from the top): thin, wide path objects, a stroked line or a
    filled rectangle (a 144 x 1 pt bar), also inside form XObjects."""
    import ctypes

    import pypdfium2.raw as c

    rules: list[tuple[float, float, float]] = []
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    bounds = tuple(map(ctypes.byref, (l, b, r, t)))
    m = c.FS_MATRIX()
    get_type, get_bounds = _fast("FPDFPageObj_GetType"), _fast("FPDFPageObj_GetBounds")
    form, path = c.FPDF_PAGEOBJ_FORM, c.FPDF_PAGEOBJ_PATH

    def walk(count: int, get, transform: tuple[float, ...], depth: int) -> None:
        a, bb, cc, d, e, f = transform
        for i in range(count):
            obj = get(i)
            kind = get_type(obj)
            if kind == form and depth < 4:
                inner = transform
                if c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
                    inner = (m.a * a + m.b * cc, m.a * bb + m.b * d, m.c * a + m.d * cc, m.c * bb + m.d * d,
                             m.e * a + m.f * cc + e, m.e * bb + m.f * d + f)
                inside = functools.partial(_fast("FPDFFormObj_GetObject"), obj)
                walk(c.FPDFFormObj_CountObjects(obj), inside, inner, depth + 1)
            elif kind == path and get_bounds(obj, *bounds):
                xs = (a * l.value + cc * b.value + e, a * r.value + cc * t.value + e)
                ys = (bb * l.value + d * b.value + f, bb * r.value + d * t.value + f)
                if abs(ys[1] - ys[0]) <= 1.5 and abs(xs[1] - xs[0]) >= 20:
                    rules.append((min(xs) - left, max(xs) - left, top - max(ys)))

    on_page = functools.partial(_fast("FPDFPage_GetObject"), page.raw)
    walk(c.FPDFPage_CountObjects(page.raw), on_page, (1, 0, 0, 1, 0, 0), 0)
    return rules


def _lines(chars: list[Char], width: float) -> tuple[list[list[Char]], list[float]]:
    """Characters grouped into lines by vertical overlap (a raised mark overlaps its line), split
    at wide gaps and at column gutters; and the gutters."""
    rows: list[list[Char]] = []
    bands: list[list[float]] = []  # [top, bottom, size] of the line's main (largest) type
    row: list[Char] = []
    p_top = p_bottom = p_size = math.nan
    for c in sorted(chars, key=_TOP_X0):
        top, bottom, size = c.top, c.bottom, c.size
        if top == p_top and bottom == p_bottom and size == p_size:
            row.append(c)  # the same box as the character before (a run of one font): its line
            continue
        h = bottom - top if bottom - top > 0.1 else 0.1
        n_bands = len(bands)
        for j in range(n_bands - 1, n_bands - 4 if n_bands > 3 else -1, -1):
            band = bands[j]
            b_top, b_bottom = band[0], band[1]
            overlap = (b_bottom if b_bottom < bottom else bottom) - (b_top if b_top > top else top)
            if overlap >= 0.5 * (h if h < b_bottom - b_top else b_bottom - b_top):
                row = rows[j]
                row.append(c)
                if size > 1.1 * band[2]:  # the main type arrives after a raised mark: re-anchor
                    band[0], band[1], band[2] = top, bottom, size
                elif size >= 0.9 * band[2]:
                    band[0], band[1] = (b_top if b_top < top else top), (b_bottom if b_bottom > bottom else bottom)
                break
        else:
            row = [c]
            rows.append(row)
            bands.append([top, bottom, size])
        # A character with this box again goes to this row unchanged: the row's band now holds the
        # box (or held it before). Not for boxes of no height, which overlap nothing.
        p_top, p_bottom, p_size = (top, bottom, size) if bottom - top > 0.1 else (math.nan,) * 3
    gutters = column_gutters(chars, len(rows), width)
    pieces: list[list[Char]] = []
    for row in rows:
        row.sort(key=_X0)
        if gutters:  # a space character standing in the gutter belongs to neither column
            row = [c for c in row if not (c.text.isspace() and any(c.x0 < g < c.x1 for g in gutters))]
        if not row:
            continue
        start = i = 0
        before = row[0]
        for after in row[1:]:
            i += 1
            a_size, b_size = after.size, before.size
            if after.x0 - before.x1 > 2.0 * (a_size if a_size > b_size else b_size) or (
                    gutters and any(before.x1 <= g <= after.x0 for g in gutters)):
                pieces.append(row[start:i])
                start = i
            before = after
        pieces.append(row[start:])
    return [p for p in pieces if any(not c.text.isspace() for c in p)], gutters


def _columns(pieces: list[list[Char]], gutters: list[float]) -> list[Line]:
    """Reading order: each band of the page between full-width lines (a title, the notes) is read
    column by column, left to right; without gutters, top to bottom."""
    lines = [Line(p, 0) for p in pieces]
    if not gutters:
        return sorted(lines, key=lambda l: (round(l.top), l.x0))
    ordered: list[Line] = []
    columns: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]
    for line in sorted(lines, key=lambda l: (l.top, l.x0)):
        crossing = any(line.x0 < g < line.x1 for g in gutters)
        if crossing:  # full width: closes the band above it
            ordered += [l for column in columns for l in column] + [line]
            columns = [[] for _ in range(len(gutters) + 1)]
        else:
            columns[sum(1 for g in gutters if line.x0 >= g)].append(line)
    return ordered + [l for column in columns for l in column]


def column_gutters(chars: list[Char], rows: int, width: float) -> list[float]:
    """The x of each gutter between columns, decided per page from the characters themselves:
    a vertical strip in the middle 60 % of the page, wider than a word space (0.8 em), that the
    characters of at most a third of the rows cross (titles, the notes), with text close on
    both sides of it at the same heights; one or two such gutters, each column a fifth of the
    text block or wider. Word gaps never line up like that."""
    lo, hi = int(width * 0.2), int(width * 0.8)
    if rows < 6 or hi - lo < 10:
        return []
    text = [c for c in chars if not c.text.isspace()]
    delta = [0] * (hi - lo + 2)
    ceil, floor = math.ceil, math.floor
    for c in text:
        a, b = ceil(c.x0), floor(c.x1)
        if a < lo:
            a = lo
        if b > hi:
            b = hi
        if a <= b:
            delta[a - lo] += 1
            delta[b - lo + 1] -= 1
    cover = list(itertools.accumulate(delta[: hi - lo + 1]))
    limit = 0.35 * rows
    sizes = sorted(c.size for c in chars[:: max(1, len(chars) // 200)])
    narrowest = max(4.0, 0.8 * sizes[len(sizes) // 2]) if sizes else 4.0  # wider than any word space
    gutters: list[float] = []
    i = 0
    while i < len(cover):
        if cover[i] > limit:
            i += 1
            continue
        j = i
        while j < len(cover) and cover[j] <= limit:
            j += 1
        floor_ = min(cover[i:j])  # the strip, or if too wide (a sparse column beside it) its core
        for slack in (limit, max(1.0, 0.05 * rows), max(1.0, 0.5 * (limit - floor_))):
            k = m = cover.index(floor_, i, j)
            while k > i and cover[k - 1] <= floor_ + slack:
                k -= 1
            while m + 1 < j and cover[m + 1] <= floor_ + slack:
                m += 1
            a, b = lo + k, lo + m
            if narrowest <= b - a <= 0.15 * width:
                break
        i = j
        if not narrowest <= b - a <= 0.15 * width:
            continue
        left = {round(c.top) for c in text if a - 40 <= c.x1 <= a + 1}
        right = {round(c.top) for c in text if b - 1 <= c.x0 <= b + 40}
        beside = sum(1 for y in left if any(y + d in right for d in range(-6, 7)))  # columns need not share baselines
        if beside >= 2:
            gutters.append((a + b) / 2)
    # Columns are wide: one or two gutters, each column a fifth of the text block or more (more
    # or narrower strips are a table's or a figure's, read row by row).
    if not gutters:
        return []
    x0, x1 = min(map(_BY_X0, text)), max(map(_BY_X1, text))
    edges = [x0, *gutters, x1]
    if len(gutters) > 2 or any(r - l < 0.2 * (x1 - x0) for l, r in zip(edges, edges[1:])):
        return []
    return gutters


def _is_cjk(ch: str) -> bool:
    """Set without word spaces. Full-width Latin letters and digits ("Ｒ" for R in CNKI text
    layers) are Latin here: a word gap before them is a space."""
    return bool(CJK.match(ch)) and not ("\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a"
                                        or "\uff41" <= ch <= "\uff5a")


_cjk: Callable[[str], bool] = PerCharacter(_is_cjk).__getitem__  # type: ignore[assignment]


def _word_gap(chars: list[Char]) -> float:
    """The gap, in ems, above which two Latin characters of this line stand in different words:
    a little over the line's usual gap between letters, so tightly set small print ("policy which"
    with 0.1 em spaces) and letter-spaced text (0.1 em between letters) both split right."""
    gaps: list[float] = []
    end: float | None = None  # where the letter before ended
    for c in chars:
        text, size = c.text, c.size
        if text.isspace() or text >= "\u2e80" or size <= 0:  # spaces, CJK and beyond: no letter gap
            end = None
            continue
        if end is not None:
            gaps.append((c.x0 - end) / size)
        end = c.x1
    gaps.sort()
    if len(gaps) < 8:
        return 0.15
    return min(0.3, max(0.07, gaps[len(gaps) // 2] + 0.08))


def _mark_numbers(run: str) -> list[tuple[int, str]]:
    """(number, printed part) of each mark in a run: "①" -> 1, "*" -> 0, "1,2" -> 1 and 2."""
    if enclosed_number(run) is not None or run in SYMBOLS:
        return [(enclosed_number(run) or 0, run)]
    digits = "".join(str(digit_value(ch)) if digit_value(ch) is not None else ch for ch in run)
    out, end = [], 0
    for number in regex.finditer(r"[0-9]+", digits):
        out.append((int(number.group()), run[end:number.end()]))
        end = number.end()
    return out


def line_text(chars: list[Char], marks: dict[int, list[int]] | None = None,
              found: list[MarkerDraft] | None = None) -> str:
    """Characters of a line as text: a space where the PDF left a word gap without a space char.
    Characters at the positions in `marks` (note marks: first index -> run) are left out, and a
    MarkerDraft for each is added to `found` at the text position where it stood."""
    out: list[str] = []
    last: Char | None = None
    skip: set[int] = set()
    word_gap = _word_gap(chars)
    for i, c in enumerate(chars):
        if marks:
            if i in marks:
                length = len("".join(out).translate(_LIGATURE_TABLE))  # where the mark stood in the text
                for number, printed in _mark_numbers("".join(chars[j].text for j in marks[i])):
                    found.append(MarkerDraft(length, number, text=printed))  # type: ignore[union-attr]
                skip.update(marks[i])
            if i in skip:
                last = c  # a gap is measured from the mark, which sat between the two characters
                continue
        text = c.text
        if last is not None:
            if text == last.text and abs(c.x0 - last.x0) < 0.5:
                continue  # overprinted (fake bold) duplicates
            gap = c.x0 - last.x1
            if gap > word_gap * c.size and out and out[-1] not in (" ", "\u3000") and not text.isspace():
                cjk = _cjk(text) + _cjk(last.text)
                if cjk == 0 or (cjk == 1 and gap > 0.3 * max(c.size, last.size)):
                    out.append(" ")  # a word gap; beside CJK only a clear one (a space typed between scripts)
                elif cjk == 2 and gap > 0.8 * c.size:
                    out.append("\u3000")  # a full-em gap between CJK characters is an ideographic space
        out.append(text)
        last = c
    return "".join(out).translate(_LIGATURE_TABLE)
