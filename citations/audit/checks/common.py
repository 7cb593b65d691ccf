"""Small facts several checks need: citations in order, CSL fields, tolerant text comparison."""
from __future__ import annotations

import bisect
import unicodedata
from functools import lru_cache
from collections.abc import Iterator
from itertools import groupby
from typing import Any

import regex

from ...model import Citation, Document, Footnote

ARTICLE_TYPES = {"article", "article-journal", "article-magazine", "article-newspaper", "paper-conference"}
PART_TYPES = ARTICLE_TYPES | {"chapter", "entry", "entry-encyclopedia", "entry-dictionary"}
BOOK_TYPES = {"book"}

# Words that make a "citation" a cross-reference whatever the parser decided.
CROSSREF_WORDS = regex.compile(r"(?i)\bibid\b|\bop\.?\s*cit\b|\bloc\.?\s*cit\b|同前註|同上註|同註|前揭|前引|上揭|上引")
_NOISE = regex.compile(r"[\p{P}\p{S}\p{Z}\s]+")
_MARKS = regex.compile(r"\p{Mn}+")


@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """NFKC character by character where that keeps one character, so offsets stay valid: 001 in the
    corpus prints 年 and 歷 as CJK compatibility ideographs (U+F98E ...), others use full-width digits."""
    if text.isascii():
        return text
    return text.translate({ord(c): f for c in set(text) if not c.isascii() and (f := _fold_char(c)) != c})


@lru_cache(maxsize=None)
def _fold_char(c: str) -> str:
    folded = unicodedata.normalize("NFKC", c)
    return folded if len(folded) == 1 else c


@lru_cache(maxsize=8192)
def norm(text: str | None) -> str:
    """Compare text as a reader would: NFKC (full/half width, compatibility ideographs), no case,
    no accents (Swanström = Swanstrom), no spacing, no punctuation or brackets."""
    if not text:
        return ""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def citations(doc: Document) -> Iterator[tuple[Footnote, int, Citation]]:
    """Every citation of the document in reading order, with its footnote and index."""
    for fn in doc.footnotes:
        for i, cit in enumerate(fn.citations):
            yield fn, i, cit


def chapters(doc: Document) -> Iterator[list[Footnote]]:
    """Footnotes grouped by numbering run (chapter), in order."""
    for _, run in groupby(doc.footnotes, key=lambda fn: fn.chapter):
        yield list(run)


def year(csl: dict[str, Any] | None) -> int | None:
    """The year a CSL item was issued, or None when it is not printed."""
    issued = (csl or {}).get("issued") or {}
    parts = issued.get("date-parts") or [[]]
    if parts and parts[0] and str(parts[0][0]).lstrip("-").isdigit():
        return int(parts[0][0])
    found = regex.search(r"\d{4}", str(issued.get("raw") or issued.get("literal") or ""))
    return int(found.group()) if found else None


def first_family(csl: dict[str, Any] | None) -> str:
    """Normalised family name (or literal) of the first author, editor failing that. A Chinese name
    counts whole: a surname such as 張 or 王 is shared by too many authors to tell a short form."""
    for role in ("author", "editor"):
        names = (csl or {}).get(role) or []
        if names:
            name = names[0]
            family = name.get("family") or ""
            if regex.search(r"\p{Han}", family):
                return norm(family + (name.get("given") or ""))
            return norm(family or name.get("literal") or "")
    return ""


def kind_of(csl: dict[str, Any] | None) -> str:
    return str((csl or {}).get("type") or "")


def short_form(cit: Citation, works_seen: set[str], authors_seen: set[str]) -> bool:
    """A repeat of a work cited before, or a short form (author, short title, page: the Chicago
    convention) by an author cited before: such a citation may leave the details out."""
    csl = cit.csl or {}
    if cit.work and cit.work in works_seen:
        return True
    detail = ("publisher", "publisher-place", "container-title", "URL", "volume", "issue")
    return (not any(csl.get(k) for k in detail) and year(csl) is None
            and first_family(csl) in authors_seen - {""})


# A number set like a footnote marker: straight after a word or a closing mark (not after a digit,
# space or decimal point), and not followed by more digits or a unit (年, %, 世紀 ...).
_MARKER_LIKE = regex.compile(
    r"(?<=[\p{Han}\p{L}\p{Pe}\p{Pf}。，、；！？,;!?」』）)\"'])(?<!\d[.,])(?<![:/\-])"
    r"(\d{1,3})"
    r"(?![\d.,:/\-%％]\d|\d|[%％年月日歲岁世萬万億亿元名人個个次屆届項项條条號号期卷頁页章節节])"
)


def marker_like_numbers(doc: Document) -> Iterator[tuple[int, int, Footnote | None, Footnote | None]]:
    """(offset, number, footnote whose marker comes before, footnote whose marker comes after) for each
    number left in the body that is set like a marker (matched markers were taken out of the body)."""
    placed = sorted((fn for fn in doc.footnotes if fn.marker), key=lambda fn: fn.marker.offset)
    if not placed:
        return
    offsets = [fn.marker.offset for fn in placed]
    for match in _MARKER_LIKE.finditer(fold(doc.body)):
        i = bisect.bisect_left(offsets, match.start(1))
        yield (match.start(1), int(match.group(1)), placed[i - 1] if i else None,
               placed[i] if i < len(placed) else None)
