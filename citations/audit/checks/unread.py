"""CA203: a document whose text has note marks but from which no note was read.

Text extracted from a PDF by a tool the reader does not know may keep its notes in a form no rule
matches. Zero footnotes is then not a clean audit but a failed reading: say so.
"""
from __future__ import annotations

from ...document import MIN_COUNTING_MARKS, unread_notes_notice
from ...markers import counting_marks
from ...model import Document
from ..findings import at_offset
from ..registry import check


@check("CA203", "error", "Numbers set like note marks, counting up from 1, but no footnote was read")
def notes_not_read(doc: Document):
    if doc.footnotes:
        return
    marks = counting_marks(doc.body)
    if len(marks) >= MIN_COUNTING_MARKS:
        offset, mark = marks[0]
        yield at_offset(doc, offset, unread_notes_notice(doc.body, marks), doc.body[max(offset - 20, 0):offset + 20])
