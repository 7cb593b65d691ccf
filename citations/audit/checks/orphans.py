"""CA2xx: footnotes and body markers that have lost their partner."""
from __future__ import annotations

from ...document import MIN_COUNTING_MARKS, unread_notes_notice
from ...markers import counting_marks
from ...model import Document
from ..findings import at_footnote, at_offset
from ..registry import check
from .common import marker_like_numbers

@check("CA201", "error", "Footnote whose marker is nowhere in the body")
def footnote_without_marker(doc: Document):
    for fn in doc.footnotes:
        if fn.marker is None:
            yield at_footnote(doc, fn, f"footnote {fn.number} has no marker in the body")


@check("CA202", "error", "Marker-like number in the body with no footnote")
def marker_without_footnote(doc: Document):
    """Between the markers of footnotes p and q of one chapter, a bare number p < n < q set like a
    marker, with no footnote n in that chapter, is a marker whose footnote went missing."""
    numbers = {(fn.chapter, fn.number) for fn in doc.footnotes}
    for offset, n, before, after in marker_like_numbers(doc):
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


@check("CA203", "error", "Numbers set like note marks, counting up from 1, but no footnote was read")
def notes_not_read(doc: Document):
    """Text extracted by a tool the reader does not know may keep its notes in a form no rule
    matches: zero footnotes is then a failed reading, not a clean audit."""
    if doc.footnotes:
        return
    marks = counting_marks(doc.body)
    if len(marks) >= MIN_COUNTING_MARKS:
        offset, _ = marks[0]
        yield at_offset(doc, offset, unread_notes_notice(doc.body, marks), doc.body[max(offset - 20, 0):offset + 20])
