"""PDF pages as lines of characters, in reading order, through pdfplumber.

Why pdfplumber rather than PyMuPDF: both give the same CJK text on our test PDFs (same characters,
sizes and baselines) and PyMuPDF extracts 10-30x faster (bench/bench_formats.py), but pdfplumber
is MIT-licensed and light, while PyMuPDF is AGPL and (2.x) pulls in onnxruntime. Reading
pdfminer's layout objects (which pdfplumber builds) rather than pdfplumber's per-character
dictionaries, the PDF reader runs at about 25-30 pages/s: a 300-page thesis in some 12 s.

Characters are grouped into lines by vertical overlap, so a raised note mark stays on its line;
a line is split at wide gaps, and a page whose pieces sit on both sides of a gutter is read
column by column. Rotated characters (watermarks, stamps) are counted and left out.
"""
from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..errors import CiteauditError
from .assemble import CJK, MarkerDraft

# Typographic ligatures (TeX's fi, ff...) are glyphs, not text: spell them out.
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    base: float  # baseline, measured from the page top like `top`


@dataclass
class Line:
    chars: list[Char]
    page: int
    size: float = 0.0  # the size most of the line is set in
    base: float = 0.0
    number: int = 0  # running line number (see citations/formats/pdf.py)
    furniture: bool = False
    left: float = 0.0  # edges of the line's column, once known
    right: float = 0.0
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        self.chars.sort(key=lambda c: c.x0)
        sizes = Counter(round(c.size * 2) / 2 for c in self.chars if not c.text.isspace())
        self.size = sizes.most_common(1)[0][0] if sizes else self.chars[0].size
        self.base = statistics.median(c.base for c in self.chars if abs(c.size - self.size) < 0.5 or not sizes)
        self.x0, self.x1 = self.chars[0].x0, max(c.x1 for c in self.chars)
        self.top, self.bottom = min(c.top for c in self.chars), max(c.bottom for c in self.chars)

    @property
    def plain(self) -> str:
        return line_text(self.chars)

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
    body: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)


def load_pages(path: Path) -> list[PageLayout]:
    """Every page of the PDF as lines; one-line errors for encrypted and damaged files. Only the
    library's reading is guarded, so a bug of ours still shows as one."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages
    except Exception as exc:  # pdfminer raises many types on broken files; pdfplumber wraps them
        raise _unreadable(path, exc) from None
    layouts = []
    with pdf:
        for i, page in enumerate(_progress(pages, path)):
            try:
                objects = list(layout_objects(page.layout))
                width, height = page.layout.width, page.layout.height
            except Exception as exc:
                raise _unreadable(path, exc) from None
            layouts.append(_page(i + 1, objects, width, height))
            page.close()  # drop pdfplumber's cached objects: a thesis has hundreds of pages
    return layouts


def _unreadable(path: Path, exc: Exception) -> CiteauditError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return CiteauditError(f"{path}: the PDF is encrypted; remove the password first (e.g. qpdf --decrypt)")
    detail = f"{type(cause).__name__}: {cause}".rstrip(": ")
    return CiteauditError(f"{path}: damaged or unreadable PDF ({detail})")


def _progress(pages: list, path: Path):
    if len(pages) < 20:
        return pages
    from rich.console import Console
    from rich.progress import track

    return track(pages, description=f"Reading {path.name}", transient=True, console=Console(stderr=True))


def _page(number: int, objects: list, width: float, height: float) -> PageLayout:
    """Characters and horizontal rules of one page, from pdfminer's layout objects as pdfplumber
    builds them (read directly: its per-character dictionaries would double the time)."""
    from pdfminer.layout import LTChar, LTCurve

    chars: list[Char] = []
    rules: list[tuple[float, float, float]] = []
    rotated = 0
    for obj in objects:
        if isinstance(obj, LTChar):
            if not obj.upright:
                rotated += 1  # rotated text: watermarks and stamps, not the running text
            elif text := obj.get_text():
                chars.append(Char(text, obj.x0, obj.x1, height - obj.y1, height - obj.y0, obj.size,
                                  height - obj.matrix[5]))
        elif isinstance(obj, LTCurve) and obj.height <= 1.5 and obj.width >= 20:
            rules.append((obj.x0, obj.x1, height - obj.y1))
    return PageLayout(number, width, height, _columns(_lines(chars), width), rules, rotated)


def layout_objects(container):
    """Layout objects, looking inside figures (form XObjects hold running heads and the like)."""
    from pdfminer.layout import LTContainer

    for obj in container:
        if isinstance(obj, LTContainer):
            yield from layout_objects(obj)
        else:
            yield obj


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines by vertical overlap (a raised mark overlaps its line)."""
    rows: list[list[Char]] = []
    bands: list[list[float]] = []  # [top, bottom, size] of the line's main (largest) type
    for c in sorted(chars, key=lambda c: (c.top, c.x0)):
        h = max(c.bottom - c.top, 0.1)
        for band, row in zip(reversed(bands[-3:]), reversed(rows[-3:])):
            if min(band[1], c.bottom) - max(band[0], c.top) >= 0.5 * min(h, band[1] - band[0]):
                row.append(c)
                if c.size > 1.1 * band[2]:  # the main type arrives after a raised mark: re-anchor
                    band[:] = [c.top, c.bottom, c.size]
                elif c.size >= 0.9 * band[2]:
                    band[0], band[1] = min(band[0], c.top), max(band[1], c.bottom)
                break
        else:
            rows.append([c])
            bands.append([c.top, c.bottom, c.size])
    pieces: list[list[Char]] = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        start = 0
        for i in range(1, len(row)):
            if row[i].x0 - row[i - 1].x1 > 2.0 * max(row[i].size, row[i - 1].size):
                pieces.append(row[start:i])
                start = i
        pieces.append(row[start:])
    return [p for p in pieces if any(not c.text.isspace() for c in p)]


def _columns(pieces: list[list[Char]], width: float) -> list[Line]:
    """Reading order. A page is two-column when pieces sit side by side on either side of a gutter
    that almost nothing crosses; then each band between full-width lines is read left column first."""
    lines = [Line(p, 0) for p in pieces]
    split = gutter(lines, width)
    if split is None:
        return sorted(lines, key=lambda l: (round(l.top), l.x0))
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in sorted(lines, key=lambda l: (l.top, l.x0)):
        if line.x1 <= split:
            left.append(line)
        elif line.x0 >= split:
            right.append(line)
        else:  # full width: closes the band above it
            ordered += left + right + [line]
            left, right = [], []
    return ordered + left + right


def gutter(lines: list[Line], width: float) -> float | None:
    """The x in the middle of the page that the fewest lines cross, if columns sit on both sides."""
    lo, hi = int(width * 0.35), int(width * 0.65)
    if not lines or hi <= lo:
        return None
    delta = [0] * (hi - lo + 2)  # lines crossing each x, by a difference array
    for l in lines:
        a, b = max(math.floor(l.x0) + 1, lo), min(math.ceil(l.x1) - 1, hi)
        if a <= b:
            delta[a - lo] += 1
            delta[b - lo + 1] -= 1
    crossing, best, running = len(lines) + 1, lo, 0
    for i in range(hi - lo + 1):
        running += delta[i]
        if running < crossing:
            crossing, best = running, lo + i
    x = float(best)
    left = [l for l in lines if l.x1 <= x]
    right = [l for l in lines if l.x0 >= x]
    side_by_side = sum(1 for l in left if any(min(l.bottom, r.bottom) > max(l.top, r.top) for r in right))
    return x if side_by_side >= 2 and crossing <= 0.15 * len(lines) else None


def line_text(chars: list[Char], marks: dict[int, list[int]] | None = None,
          found: list[MarkerDraft] | None = None) -> str:
    """Characters of a line as text: a space where the PDF left a word gap without a space char.
    Characters at the positions in `marks` (note marks: first index -> run) are left out, and a
    MarkerDraft for each is added to `found` at the text position where it stood."""
    out = ""
    last: Char | None = None
    skip: set[int] = set()
    for i, c in enumerate(chars):
        if marks and i in marks:
            run, end = "".join(chars[j].text for j in marks[i]), 0
            for number in regex.finditer(r"\d+", run):  # "1,2": two marks, each with its printed part
                found.append(MarkerDraft(len(out), int(number.group()), text=run[end:number.end()]))  # type: ignore[union-attr]
                end = number.end()
            skip.update(marks[i])
        if i in skip:
            last = c  # a gap is measured from the mark, which sat between the two characters
            continue
        if last and c.text == last.text and abs(c.x0 - last.x0) < 0.5:
            continue  # overprinted (fake bold) duplicates
        if (last and not out.endswith(" ") and not c.text.isspace() and c.x0 - last.x1 > 0.15 * c.size
                and not CJK.match(c.text) and not CJK.match(last.text)):
            out += " "
        out += _LIGATURES.get(c.text, c.text)
        last = c
    return out
