"""CA6xx: style — one convention per document, page ranges that read forwards, secondary citations,
brackets and quotation marks that close."""
from __future__ import annotations

from collections import Counter

import regex

from ...model import Citation, Document, Footnote
from ..findings import at_footnote
from ..registry import check
from .common import PART_TYPES, citations, fold, kind_of, norm

# Chinese title marks by the kind of item they enclose: a part (article, chapter) or a whole work
# (book, journal). Each document should keep one convention per kind.
_BRACKETS = {"〈": "〉", "「": "」", "《": "》", "『": "』"}
_CONVENTIONS = {"part": ("〈〉", "「」"), "whole": ("《》", "『』")}
_BRACKETED = regex.compile(r"([〈「《『])([^〈〉「」《》『』]+)([〉」》』])")
_RANGE = regex.compile(r"(?<![\d.])(\d{1,5})\s*[-–—‐‑‒~～至]\s*(\d{1,5})(?![\d.])")
_PAGES_IN_RAW = regex.compile(r"(?:頁|pp?\.)\s*(\d{1,5}\s*[-–—‐‑‒~～至]\s*\d{1,5})")
_SECONDARY = regex.compile(r"(?i)轉引|\b(?:cited|quoted) in\b")


def _title_marks(cit: Citation) -> list[tuple[str, str]]:
    """(kind, convention) for each title of a citation set in Chinese title marks."""
    csl = cit.csl or {}
    own = "part" if kind_of(csl) in PART_TYPES else "whole"
    titles = {norm(csl.get("title")): own, norm(csl.get("container-title")): "whole"}
    titles.pop("", None)
    marks = []
    for found in _BRACKETED.finditer(cit.raw):
        opening, text, closing = found.groups()
        before = cit.raw[found.start() - 1: found.start()]
        if before and before in _BRACKETS:  # 「『…』」: a quotation inside a title, not a title mark
            continue
        kind = titles.get(norm(text))
        if kind and _BRACKETS[opening] == closing and opening + closing in _CONVENTIONS[kind]:
            marks.append((kind, opening + closing))
    return marks


@check("CA601", "warning", "Mixed title-mark conventions for the same kind of item (〈〉 vs 「」, 《》 vs 『』)")
def mixed_title_marks(doc: Document):
    uses: list[tuple[Footnote, Citation, str, str]] = [
        (fn, cit, kind, marks) for fn, _, cit in citations(doc) if cit.kind == "citation"
        for kind, marks in _title_marks(cit)]
    for kind in _CONVENTIONS:
        counts = Counter(marks for _, _, k, marks in uses if k == kind)
        if len(counts) < 2:
            continue
        # The convention used most is the document's; on a tie, the one it started with.
        first = [m for _, _, k, m in uses if k == kind]
        house = max(counts, key=lambda m: (counts[m], -first.index(m)))
        example = next((fn, cit) for fn, cit, k, m in uses if k == kind and m == house)
        what = "an article or chapter title" if kind == "part" else "a book or journal title"
        for fn, cit, k, marks in uses:
            if k == kind and marks != house:
                yield at_footnote(doc, fn, f"{what} in {marks} but this document uses {house} "
                                           f"({counts[house]} times, {counts[marks]} like this)", cit.raw,
                                  related=[{"footnote": example[0].number, "text": example[1].raw}])


def _backwards(pages: str) -> tuple[int, int] | None:
    """(first, last) of a range that runs backwards, reading Chicago's elided 143-44 as 143-144."""
    for found in _RANGE.finditer(pages):
        start, end = found.group(1), found.group(2)
        if len(end) < len(start):
            end = start[: len(start) - len(end)] + end
        if int(end) < int(start):
            return int(start), int(end)
    return None


@check("CA602", "error", "Page range written backwards")
def backwards_page_range(doc: Document):
    for fn, _, cit in citations(doc):
        texts = [fold(cit.locator or ""), fold(str((cit.csl or {}).get("page") or ""))]
        texts += [m.group(1) for m in _PAGES_IN_RAW.finditer(fold(cit.raw))]
        wrong = next((r for r in map(_backwards, texts) if r), None)
        if wrong:
            yield at_footnote(doc, fn, f"page range {wrong[0]}–{wrong[1]} runs backwards", cit.raw)


@check("CA603", "info", "Secondary citation (轉引自 / cited in): the original was not consulted")
def secondary_citation(doc: Document):
    for fn in doc.footnotes:  # the footnote text: a parser may keep 轉引自 out of the citation's raw text
        flagged = [c for c in fn.citations if "secondary" in c.flags]
        found = _SECONDARY.search(fold(fn.text))
        if flagged or found:
            snippet = flagged[0].raw if flagged else fn.text[found.start():]
            yield at_footnote(doc, fn, "secondary citation: cite the original if you have read it", snippet)


_PAIRS = {"《": "》", "〈": "〉", "「": "」", "『": "』", "“": "”", "（": "）", "(": ")", "【": "】", "[": "]"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}


def _unbalanced(text: str) -> tuple[int, str] | None:
    """(offset, description) of the first mark that is never closed, closed by the wrong mark, or
    closes nothing. Straight quotes are left alone: the same mark opens and closes."""
    stack: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append((i, ch))
        elif ch in _CLOSERS:
            if fold(_CLOSERS[ch]) not in (fold(opened) for _, opened in stack):  # （ and ( are one family
                return i, f"“{ch}” closes nothing"
            at, opened = stack.pop()
            if _PAIRS[opened] != ch:
                return at, f"“{opened}” is closed by “{ch}”"
    return (stack[0][0], f"“{stack[0][1]}” is never closed") if stack else None


@check("CA604", "warning", "Unbalanced brackets or quotation marks in a footnote")
def unbalanced_marks(doc: Document):
    for fn in doc.footnotes:
        found = _unbalanced(fn.text)
        if found:
            at, what = found
            yield at_footnote(doc, fn, f"unbalanced marks: {what}", fn.text[max(at - 15, 0): at + 15])
