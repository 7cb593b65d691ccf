"""CA4xx: one work cited differently in different footnotes (year, title, publisher, journal).

The citations stage merges repeats into one work id and keeps each footnote's own CSL record, so a
work whose records disagree on a field is an inconsistent repeat; both variants are shown side by side.
A shortened title (Chicago short form, a dropped subtitle) or a missing field is not a disagreement:
missing fields are the completeness checks' business.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model import Citation, Document, Footnote
from ..findings import at_footnote
from ..registry import check
from .common import citations, norm, year

Getter = Callable[[dict[str, Any]], str | None]


def _text_field(name: str) -> Getter:
    return lambda csl: csl.get(name) or None


def _year(csl: dict[str, Any]) -> str | None:
    found = year(csl)
    return str(found) if found is not None else None


def _same_text(a: str, b: str) -> bool:
    """Equal once normalised, or one a prefix-like part of the other (short title, no subtitle)."""
    a, b = norm(a), norm(b)
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def _same_year(a: str, b: str) -> bool:
    return a == b


def _inconsistent(doc: Document, label: str, get: Getter, same: Callable[[str, str], bool]):
    by_work: dict[str, list[tuple[Footnote, Citation, str]]] = {}
    for fn, _, cit in citations(doc):
        if cit.kind == "citation" and cit.work and cit.csl and (value := get(cit.csl)):
            by_work.setdefault(cit.work, []).append((fn, cit, str(value)))
    for uses in by_work.values():
        variants: list[tuple[Footnote, Citation, str]] = []  # first use of each distinct value
        for fn, cit, value in uses:
            if any(same(value, seen) for _, _, seen in variants):
                continue
            if variants:
                first_fn, first_cit, first_value = variants[0]
                yield at_footnote(
                    doc, fn,
                    f"{label} “{value}” here but “{first_value}” in footnote {first_fn.number} for the same work",
                    cit.raw,
                    related=[{"footnote": f.number, "seq": f.seq, "value": v, "text": c.raw}
                             for f, c, v in (variants[0], (fn, cit, value))])
            variants.append((fn, cit, value))


@check("CA401", "error", "Repeated work cited with a different year")
def repeat_year(doc: Document):
    yield from _inconsistent(doc, "year", _year, _same_year)


@check("CA402", "warning", "Repeated work cited with a different title spelling")
def repeat_title(doc: Document):
    yield from _inconsistent(doc, "title", _text_field("title"), _same_text)


@check("CA403", "warning", "Repeated work cited with a different publisher")
def repeat_publisher(doc: Document):
    yield from _inconsistent(doc, "publisher", _text_field("publisher"), _same_text)


@check("CA404", "warning", "Repeated work cited with a different journal or container")
def repeat_container(doc: Document):
    yield from _inconsistent(doc, "journal", _text_field("container-title"), _same_text)
