"""CA3xx: cross-references (同前註 / Ibid., 同註 N, 前揭書 / op. cit.) a reader cannot follow for sure."""
from __future__ import annotations

from collections.abc import Iterator

import regex

from ...model import Citation, Document, Footnote
from ..findings import at_footnote
from ..registry import check
from .common import ARTICLE_TYPES, PART_TYPES, fold, kind_of, norm

_CITING = ("citation", "crossref")
_NOT_BOOKS = ARTICLE_TYPES | {"webpage", "post", "post-weblog"}
# Text in front of the op. cit. word is the author ("Harris, op.cit.", "蔡東杰，前引書"); the word
# itself may say whether a book (書) or an article (文) is meant.
_OPCIT = regex.compile(r"(?i)(?:op\.?\s*cit|loc\.?\s*cit|前揭|前引|上揭|上引|前註引)(書|文)?")
_NOTE_NUMBER = regex.compile(r"(?i)(?:同註|見註|參見註|註|supra\s+note|note|n\.)\s*(\d+)")
_AUTHOR_SPLIT = regex.compile(r"\s*(?:、|，|,|;|；|&|\band\b)\s*")  # not 與/和: they occur inside names


def _crossrefs(doc: Document, form: str) -> Iterator[tuple[int, Footnote, int, Citation]]:
    """(position in doc.footnotes, footnote, index, crossref) for every cross-reference of one form."""
    for pos, fn in enumerate(doc.footnotes):
        for i, cit in enumerate(fn.citations):
            if cit.kind == "crossref" and cit.form == form:
                yield pos, fn, i, cit


def _citing(fn: Footnote) -> list[Citation]:
    return [c for c in fn.citations if c.kind in _CITING]


def _ibid_target(doc: Document, pos: int, fn: Footnote, index: int) -> Footnote | None:
    """The footnote an Ibid. at the start of footnote `pos` points to: the previous one in its chapter.
    An Ibid. after another citation in the same footnote points to that citation, not to a footnote."""
    if any(c.kind in _CITING for c in fn.citations[:index]):
        return fn
    if pos == 0 or doc.footnotes[pos - 1].chapter != fn.chapter:
        return None
    return doc.footnotes[pos - 1]


@check("CA301", "warning", "Ibid. / 同前註 after a footnote with several citations (ambiguous)")
def ibid_ambiguous(doc: Document):
    for pos, fn, i, cit in _crossrefs(doc, "ibid"):
        target = _ibid_target(doc, pos, fn, i)
        if target is not None and target is not fn and len(_citing(target)) > 1:
            yield at_footnote(doc, fn, f"“{_word(cit)}” follows footnote {target.number}, which cites "
                                       f"{len(_citing(target))} works: which one is meant?", cit.raw,
                              related=[{"footnote": target.number, "text": target.text}])


@check("CA302", "warning", "op. cit. / 前揭書 when the author has several earlier works (ambiguous)")
def opcit_ambiguous(doc: Document):
    for fn, cit, author, works in _opcit_candidates(doc):
        if len(works) < 2:
            continue
        if author:
            message = f"“{_word(cit)}” for {author}: {len(works)} earlier works could be meant"
        else:  # a bare 前揭書 / 前揭文 right after a work of the other kind
            named = "a book (書)" if "書" in cit.raw else "an article (文)"
            message = (f"“{_word(cit)}” names {named}, but the work cited just before (footnote "
                       f"{works[-1][0].number}) is not one: that or footnote {works[0][0].number}?")
        yield at_footnote(doc, fn, message, cit.raw,
                          related=[{"footnote": f.number, "text": c.raw} for f, c in works])


@check("CA303", "error", "op. cit. / 前揭書 with no earlier work it can refer to (dangling)")
def opcit_dangling(doc: Document):
    for fn, cit, author, works in _opcit_candidates(doc):
        if not works:
            who = f"by {author} " if author else ""
            yield at_footnote(doc, fn, f"“{_word(cit)}” but no earlier work {who}is cited", cit.raw)


@check("CA304", "error", "同註 N / Ibid. pointing at a missing footnote or one that cites nothing")
def crossref_to_nothing(doc: Document):
    for pos, fn, i, cit in _crossrefs(doc, "note"):
        target = _note_target(doc, fn, cit)
        if target is None:
            yield at_footnote(doc, fn, f"“{_word(cit)}” points at a footnote that does not exist", cit.raw)
        elif not _citing(target):
            yield at_footnote(doc, fn, f"“{_word(cit)}” points at footnote {target.number}, which cites nothing",
                              cit.raw, related=[{"footnote": target.number, "text": target.text}])
    for pos, fn, i, cit in _crossrefs(doc, "ibid"):
        target = _ibid_target(doc, pos, fn, i)
        if target is not None and target is not fn and not _citing(target):
            yield at_footnote(doc, fn, f"“{_word(cit)}” follows footnote {target.number}, which cites nothing",
                              cit.raw, related=[{"footnote": target.number, "text": target.text}])


@check("CA305", "error", "Ibid. / 同前註 as the first citation of a chapter")
def ibid_first_in_chapter(doc: Document):
    for pos, fn, i, cit in _crossrefs(doc, "ibid"):
        if _ibid_target(doc, pos, fn, i) is None:
            where = "the document" if pos == 0 else "its chapter"
            yield at_footnote(doc, fn, f"“{_word(cit)}” in the first footnote of {where}: nothing precedes it",
                              cit.raw)


def _word(cit: Citation) -> str:
    """The cross-reference as printed, without its page: what the user will search for."""
    return regex.split(r"[，,]\s*(?:頁|pp?\.)", cit.raw.strip(), maxsplit=1)[0].strip(" ，,。.") or cit.raw


def _note_target(doc: Document, fn: Footnote, cit: Citation) -> Footnote | None:
    """The footnote a 同註 N means: the resolver's answer, else footnote N earlier in the chapter."""
    if cit.crossref_of is not None:
        return next((f for f in doc.footnotes if f.seq == cit.crossref_of.seq), None)
    found = _NOTE_NUMBER.search(fold(cit.raw))
    if not found:
        return None
    number = int(found.group(1))
    return next((f for f in doc.footnotes if f.chapter == fn.chapter and f.number == number and f.seq < fn.seq),
                None)


def _opcit_candidates(doc: Document) -> Iterator[tuple[Footnote, Citation, str, list[tuple[Footnote, Citation]]]]:
    """For every op. cit.: its author as printed and the distinct earlier works it could mean."""
    earlier: dict[str, tuple[Footnote, Citation]] = {}  # work key -> latest citation of that work
    for fn in doc.footnotes:
        for cit in fn.citations:
            if cit.kind == "crossref" and cit.form == "opcit":
                authors, wanted, title_hint = _opcit_parts(fold(cit.raw))
                author = " & ".join(authors)
                works = [(f, c) for f, c in earlier.values()
                         if all(_by(c, a) for a in authors) and _fits(c, wanted)]
                if author and title_hint and len(works) > 1:  # a short title disambiguates
                    works = [(f, c) for f, c in works if title_hint in norm(c.csl.get("title"))] or works
                if not author and works:
                    # A bare 前揭書 means the nearest earlier book; when the nearest earlier work is an
                    # article (前揭書 for 前揭文), a reader can take either.
                    nearest = list(earlier.values())[-1]
                    works = works[-1:] + ([nearest] if nearest != works[-1] and not _fits(nearest[1], wanted) else [])
                yield fn, cit, author, works
            elif cit.kind == "citation" and cit.csl:
                key = cit.work or norm(cit.csl.get("title")) or norm(cit.raw)
                earlier.pop(key, None)
                earlier[key] = (fn, cit)  # latest citation of each work, nearest last


def _opcit_parts(raw: str) -> tuple[list[str], str | None, str]:
    """(["Gill", "Oresman"], None, "") from "Gill & Oresman, op.cit., p.IX"; (["蔡東杰"], "書", "") from
    "蔡東杰，前引書"; a part that is not a name ("Harris, Short Title, op. cit.") is a title hint."""
    found = _OPCIT.search(raw)
    if not found:
        return [], None, ""
    head = regex.sub(r"^(?:請)?(?:參閱|參見|見|see|cf\.)[：:\s]*", "", raw[: found.start()].strip(" ，,、：:"),
                     flags=regex.I)
    parts = [regex.sub(r"(?:主編|編著|編|著|等)$", "", p) for p in _AUTHOR_SPLIT.split(head) if p]
    authors = parts[:1] + [p for p in parts[1:] if _looks_like_name(p)]
    hint = norm(" ".join(p for p in parts[1:] if not _looks_like_name(p)))
    return authors, found.group(1), hint


def _looks_like_name(text: str) -> bool:
    return bool(regex.fullmatch(r"\p{Han}{2,4}|[\p{Lu}][\p{L}'\-.]+(?:\s[\p{Lu}][\p{L}'\-.]+)?", text.strip()))


def _by(cit: Citation, author: str) -> bool:
    """Whether a citation's authors (or editors) include the printed name."""
    wanted = norm(author)
    names = [name for role in ("author", "editor") for name in (cit.csl or {}).get(role) or []]
    for name in names:
        family, given = norm(name.get("family")), norm(name.get("given"))
        keys = {family, family + given, given + family, norm(name.get("literal"))} - {""}
        if wanted in keys or (len(family) > 1 and wanted.endswith(family)):
            return True
    # No parsed names (an institution as author): the raw citation starting with the name.
    return not names and bool(wanted) and norm(cit.raw).startswith(wanted)


def _fits(cit: Citation, wanted: str | None) -> bool:
    """前引書 means a book-like work (a book, report, thesis, or the book a chapter is in), not an
    article or a web page; 前引文 an article or chapter; op. cit. says nothing."""
    kind = kind_of(cit.csl)
    if wanted == "書":
        return kind not in _NOT_BOOKS
    if wanted == "文":
        return kind in PART_TYPES or not kind
    return True
