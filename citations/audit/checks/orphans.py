"""CA2xx: footnotes and body markers that have lost their partner."""
from __future__ import annotations

import bisect

import regex

from ...model import Document, Footnote
from ..findings import at_footnote, at_offset
from ..registry import check
from .common import fold

# A number set like a footnote marker: straight after a word or a closing mark (not after a digit,
# space or decimal point), and not followed by more digits or a unit (年, %, 世紀 ...).
_MARKER_LIKE = regex.compile(
    r"(?<=[\p{Han}\p{L}\p{Pe}\p{Pf}。，、；！？,;!?」』）)\"'])(?<!\d[.,])(?<![:/\-])"
    r"(\d{1,3})"
    r"(?![\d.,:/\-%％]\d|\d|[%％年月日歲岁世萬万億亿元名人個个次屆届項项條条號号期卷頁页章節节])"
)


@check("CA201", "error", "Footnote whose marker is nowhere in the body")
def footnote_without_marker(doc: Document):
    for fn in doc.footnotes:
        if fn.marker is None:
            yield at_footnote(doc, fn, f"footnote {fn.number} has no marker in the body")


@check("CA202", "error", "Marker-like number in the body with no footnote")
def marker_without_footnote(doc: Document):
    """Between the markers of footnotes p and q of one chapter, a bare number p < n < q set like a
    marker, with no footnote n in that chapter, is a marker whose footnote went missing."""
    placed = sorted((fn for fn in doc.footnotes if fn.marker), key=lambda fn: fn.marker.offset)
    if not placed:
        return
    numbers = {(fn.chapter, fn.number) for fn in doc.footnotes}
    offsets = [fn.marker.offset for fn in placed]
    for match in _MARKER_LIKE.finditer(fold(doc.body)):
        n, offset = int(match.group(1)), match.start(1)
        before, after = _neighbours(placed, offsets, offset)
        chapter = before.chapter if before else after.chapter
        low = before.number if before else 0
        if after is not None and after.chapter == chapter:
            fits = low < n < after.number
        else:  # after the last marker of a chapter: only the next number can be a lost marker
            fits = n == low + 1
        if fits and (chapter, n) not in numbers:
            context = doc.body[max(offset - 15, 0): offset + 10]
            yield at_offset(doc, offset, f"the number {n} looks like a footnote marker but there is no "
                                         f"footnote {n}", context)


def _neighbours(placed: list[Footnote], offsets: list[int], offset: int) -> tuple[Footnote | None, Footnote | None]:
    i = bisect.bisect_left(offsets, offset)
    return (placed[i - 1] if i else None), (placed[i] if i < len(placed) else None)
