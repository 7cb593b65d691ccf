"""CA1xx: footnote numbering. Numbers run 1, 2, 3 ... within a chapter; a restart at a new chapter is fine."""
from __future__ import annotations

from ...model import Document
from ..findings import at_footnote, at_offset
from ..registry import check
from .common import chapters, marker_like_numbers


@check("CA101", "error", "Gap in footnote numbering: a number is missing")
def numbering_gap(doc: Document):
    for run in chapters(doc):
        highest = 0
        for fn in run:
            if fn.number > highest + 1:
                missing = (f"{highest + 1}" if fn.number == highest + 2
                           else f"{highest + 1}–{fn.number - 1}")
                yield at_footnote(doc, fn, f"footnote {fn.number} follows {highest or 'the chapter start'}: "
                                           f"footnote {missing} is missing")
            highest = max(highest, fn.number)


@check("CA102", "error", "Duplicate footnote number within a chapter")
def numbering_duplicate(doc: Document):
    for run in chapters(doc):
        first_seen: dict[int, int] = {}
        for fn in run:
            if fn.number in first_seen:
                yield at_footnote(doc, fn, f"footnote number {fn.number} is used twice "
                                           f"(first at line {first_seen[fn.number]})")
            else:
                first_seen[fn.number] = fn.line
    # A parser may take a repeated footnote number for text of the footnote before; the body still
    # shows it: marker n again right after marker n, where footnote n+1 is missing.
    numbers = {(fn.chapter, fn.number) for fn in doc.footnotes}
    for offset, n, before, after in marker_like_numbers(doc):
        if (before is not None and n == before.number and (before.chapter, n + 1) not in numbers
                and (after is None or after.chapter != before.chapter or after.number > n + 1)):
            yield at_offset(doc, offset, f"marker {n} appears twice and footnote {n + 1} is missing: "
                                         f"footnote {n + 1} numbered {n}?",
                            doc.body[max(offset - 15, 0): offset + 10], footnote=n)


@check("CA103", "error", "Footnote numbers out of order")
def numbering_order(doc: Document):
    for run in chapters(doc):
        seen: set[int] = set()
        highest = 0
        for fn in run:
            if fn.number < highest and fn.number not in seen:
                yield at_footnote(doc, fn, f"footnote {fn.number} comes after footnote {highest}")
            seen.add(fn.number)
            highest = max(highest, fn.number)
