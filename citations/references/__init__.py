"""The citations stage: footnotes -> citations (CSL-JSON) -> cross-references -> works.

    split.py      footnote text -> citation strings, each a citation, a cross-reference or a note
    tagger.py     citation string -> tokens -> one field label per token (a trained CRF, model/)
    parse.py      labelled spans -> CSL-JSON item + locator (the normalisers, then the type)
    names.py      printed names -> CSL names
    works.py      repeated citations -> one work with a stable id
    crossrefs.py  cross-references -> the citation they mean (after works, so ambiguity counts works)
"""
from __future__ import annotations

from collections import Counter

import regex

from ..model import Citation, Document
from .crossrefs import resolve_crossrefs
from .parse import frame, label, locator, own_language, parse_citation
from .split import split_footnote
from .works import Library

__all__ = ["resolve", "parse_citation", "split_footnote", "Library"]


def resolve(doc: Document) -> Document:
    """Fill `Footnote.citations` and `Document.works`; returns the same document."""
    for fn in doc.footnotes:
        fn.citations = [_citation(p) for p in split_footnote(fn.text)]
    _wordless_language(doc)
    library = Library()
    by_seq = {fn.seq: fn for fn in doc.footnotes}
    for fn in doc.footnotes:
        previous: list[dict[str, str]] = []
        for cit in fn.citations:
            if cit.kind == "citation" and cit.csl:
                implicit = previous if _same_author_follows(cit) else []
                if implicit:
                    cit.flags.append("author-implicit")
                cit.work = library.add(cit.csl, implicit_names=implicit)
                previous = cit.csl.get("author") or implicit
    resolve_crossrefs(doc.footnotes)  # after merging, so "ambiguous" means two different works
    for fn in doc.footnotes:
        for cit in fn.citations:
            if cit.kind == "crossref" and cit.crossref_of:
                cit.work = by_seq[cit.crossref_of.seq].citations[cit.crossref_of.index].work

    doc.works = library.items()
    return doc


def _wordless_language(doc: Document) -> None:
    """A citation with no words of its own (a bare URL and a date) is in the language of the
    document's other citations."""
    parsed = [c for fn in doc.footnotes for c in fn.citations if c.kind == "citation" and c.csl]
    own = [own_language(frame(label(c.raw))) for c in parsed]
    counts = Counter(lang for lang in own if lang)
    if counts:
        majority = counts.most_common(1)[0][0]
        for cit, lang in zip(parsed, own):
            if lang is None:
                cit.csl["language"] = majority


def _same_author_follows(cit: Citation) -> bool:
    """An author printed once for several works of one footnote (Mackinder, “…”; “…”; …): a citation
    with no names that opens with its title, after one with authors."""
    if cit.csl.get("author") or cit.csl.get("editor"):
        return False
    spans = label(cit.raw).spans
    return bool(spans) and spans[0][0] == "title"


COLON_PAGES = regex.compile(r"[：:]\s*(\d+(?:\s*[-‐–—~～]\s*\d+)?)\s*$")
COLON_DASH = regex.compile(r"\s*[-‐–—~～]\s*")


def _colon_pages(text: str) -> str | None:
    """GB/T prints the page after a colon: '同2：326-329.'"""
    m = COLON_PAGES.search(text)
    return COLON_DASH.sub("-", m.group(1)) if m else None


def _citation(piece) -> Citation:
    cit = Citation(raw=piece.raw, kind=piece.kind, signal=piece.signal, flags=list(piece.flags))
    if piece.kind == "citation":
        cit.csl, cit.locator = parse_citation(piece.raw)
    elif piece.kind == "crossref":
        cit.locator = locator(label(piece.raw)) or _colon_pages(piece.raw.rstrip("。. "))
    return cit
