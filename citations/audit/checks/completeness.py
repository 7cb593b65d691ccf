"""CA5xx: citations missing what a reader needs to find the source again."""
from __future__ import annotations

import regex

from ...model import Citation, Document
from ..findings import at_footnote, at_offset
from ..registry import check
from .common import ARTICLE_TYPES, BOOK_TYPES, CROSSREF_WORDS, PART_TYPES, citations, first_family, fold, kind_of, short_form, year

# A quotation, not a term in quotes: it holds a clause or sentence break, or (English) several words.
_QUOTE = regex.compile(r"「([^「」]{8,})」|“([^“”]{8,})”|『([^『』]{8,})』")
_CLAUSE = regex.compile(r"[，；。！？：,;!?]")
_URL = regex.compile(r"(?i)(?<![a-z])(?:https?|ftp)\s*[:：]?\s*[/／]*[^\s\p{Han}，。；、）)」》〉]*|(?<![a-z./])www\.[^\s\p{Han}，。；、）)」》〉]+")
_GOOD_URL = regex.compile(r"(?i)(?:https?|ftp)://[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)+(?::\d+)?"
                          r"(?:[/?#][!-~]*)?|www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][!-~]*)?")
_DOI = regex.compile(r"(?i)\bdoi(?:\s*[:：]\s*|\s+)(\S+)|(?<![\w/.])(10\.\d+/\S+)")
_GOOD_DOI = regex.compile(r"10\.\d{4,9}/[!-~]+")
_ACCESS_WORDS = regex.compile(r"(?i)檢索|瀏覽|上網|查閱|擷取|存取|下載日期|accessed|retrieved|visited|viewed|last checked")
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_FULL_DATE = regex.compile(rf"(?i)\d{{4}}\s*(?:年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*\d{{1,2}})"
                           rf"|\b\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\b{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}")
_DATE = regex.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)|(?<!\d)\d{2,3}\s*年\s*\d{1,2}\s*月")  # 民國 98 年 5 月 too
WEB_TYPES = {"webpage", "post", "post-weblog"}
PUBLISHED_TYPES = {"chapter", "paper-conference", "report", "thesis"}
KNOWN_TYPES = ARTICLE_TYPES | PART_TYPES | BOOK_TYPES | PUBLISHED_TYPES
NAMED_TYPES = ARTICLE_TYPES | BOOK_TYPES | PUBLISHED_TYPES  # biblatex wants an author (or editor) for these
_TRAILING = ".,;:)]}>'\"。，；：）」》〉"


def _year_elsewhere(doc: Document, cit: Citation) -> str:
    """", printed as 2006 in footnote 12" when another citation of the same work has the year."""
    if not cit.work:
        return ""
    for fn, _, other in citations(doc):
        if other is not cit and other.work == cit.work and (found := year(other.csl)) is not None:
            return f" (footnote {fn.number} cites it as {found})"
    return ""


def _first_full(doc: Document):
    """(footnote, citation) for each work's first full citation: later repeats and short forms (author,
    short title, page) may leave the details out, and cross-references are checked elsewhere."""
    works_seen: set[str] = set()
    authors_seen: set[str] = set()
    for fn, _, cit in citations(doc):
        if cit.kind != "citation" or not cit.csl:
            continue
        repeat = short_form(cit, works_seen, authors_seen)
        works_seen.add(cit.work or "")
        authors_seen.add(first_family(cit.csl))
        if not repeat and not CROSSREF_WORDS.search(fold(cit.raw)):
            yield fn, cit


def _missing(doc: Document, types: set[str], needs: tuple[tuple[str, str], ...], what: str):
    """Fields a work's first full citation lacks."""
    for fn, cit in _first_full(doc):
        if kind_of(cit.csl) not in types:
            continue
        absent = [label for field, label in needs
                  if (year(cit.csl) is None if field == "issued" else not cit.csl.get(field))]
        if absent:
            hint = _year_elsewhere(doc, cit) if "year" in absent else ""
            yield at_footnote(doc, fn, f"{what} without {' or '.join(absent)}{hint}", cit.raw)


@check("CA501", "warning", "Book without publisher or year")
def book_incomplete(doc: Document):
    yield from _missing(doc, BOOK_TYPES, (("publisher", "publisher"), ("issued", "year")), "book")


@check("CA502", "warning", "Article without journal or year")
def article_incomplete(doc: Document):
    yield from _missing(doc, ARTICLE_TYPES, (("container-title", "journal"), ("issued", "year")), "article")


@check("CA503", "warning", "Direct quotation in a claim whose citation gives no page")
def quotation_without_page(doc: Document):
    by_seq = {fn.seq: fn for fn in doc.footnotes}
    for claim in doc.claims:
        quote = next((m for m in _QUOTE.finditer(fold(claim.text)) if _is_quotation(m)), None)
        if quote is None:
            continue
        cited = [(by_seq[s], c) for s in claim.footnotes if s in by_seq
                 for c in by_seq[s].citations if c.kind in ("citation", "crossref")]
        # Pages exist only in print: a web source cannot give one.
        if cited and not any(_has_page(doc, c) or _is_online(c) for _, c in cited):
            fn = cited[0][0]
            yield at_offset(doc, claim.start + quote.start(),
                            f"quotation cited in footnote {fn.number} without a page number",
                            claim.text[quote.start():quote.end()],
                            footnote=fn.number, seq=fn.seq)


@check("CA504", "warning", "URL without an access date")
def url_without_access_date(doc: Document):
    """A web citation needs the day it was read. Many Chinese styles print that day with no label, so any
    date to the day counts; a citation with no such date (or an access word) certainly lacks it."""
    for fn, _, cit in citations(doc):
        if cit.kind != "citation":
            continue
        url = (cit.csl or {}).get("URL") or next((m.group() for m in _URL.finditer(cit.raw)), None)
        raw = fold(cit.raw)
        dated = (cit.csl or {}).get("accessed") or _ACCESS_WORDS.search(raw) or _FULL_DATE.search(raw)
        if url and not dated:
            yield at_footnote(doc, fn, "URL without the date it was accessed", url)


@check("CA505", "error", "Malformed URL or DOI")
def malformed_link(doc: Document):
    for fn in doc.footnotes:
        for found in _URL.finditer(fn.text):
            url = found.group().rstrip(_TRAILING)
            # PDF text extraction turns the hyphen into U+2010/U+2011; a reader still types "-".
            if len(url) > 4 and not _GOOD_URL.fullmatch(url.replace("\u2010", "-").replace("\u2011", "-")):
                yield at_footnote(doc, fn, f"malformed URL “{url}”", url)
        for found in _DOI.finditer(fn.text):
            doi = (found.group(1) or found.group(2)).rstrip(_TRAILING)
            if found.group(1) and doi.lower().startswith(("http", "www")):
                continue  # a DOI given as a link is checked as a URL
            if not _GOOD_DOI.fullmatch(doi):
                yield at_footnote(doc, fn, f"malformed DOI “{doi}”", doi)


def _is_quotation(match: regex.Match) -> bool:
    text = next(g for g in match.groups() if g)
    words = len(regex.findall(r"[A-Za-z]+", text))
    return bool(_CLAUSE.search(text.rstrip("。.!?！？")) or text.endswith(("。", ".")) or words >= 6)


def _has_page(doc: Document, cit: Citation, depth: int = 0) -> bool:
    if cit.locator or (cit.csl or {}).get("page"):
        return True
    if cit.kind == "crossref" and cit.crossref_of is not None and depth < 10:  # "同前註。" keeps the target's page
        target = next((f for f in doc.footnotes if f.seq == cit.crossref_of.seq), None)
        if target is not None and cit.crossref_of.index < len(target.citations):
            return _has_page(doc, target.citations[cit.crossref_of.index], depth + 1)
    return False


def _is_online(cit: Citation) -> bool:
    csl = cit.csl or {}
    return bool(csl.get("URL")) or kind_of(csl) in WEB_TYPES or bool(_URL.search(cit.raw))


# The checks below are the gaps biblatex's data model (and so biber, and the reference managers that
# follow it) insists on; `citeaudit bib` writes everything else in a form biber accepts.

def _is_web_page(csl: dict) -> bool:
    """A web page, or a work of no other kind that only a URL locates."""
    return kind_of(csl) in WEB_TYPES or (bool(csl.get("URL")) and kind_of(csl) not in KNOWN_TYPES)


def _dated(cit: Citation) -> bool:
    """Any date printed in the citation, not counting its title or URLs (/2003-11/24/, 2004 年年會)."""
    text = " ".join(fold(_URL.sub(" ", cit.raw)).split())  # URLs first: folding makes their ， a comma
    for part in (cit.csl.get("title"), cit.csl.get("container-title")):
        if part:
            text = text.replace(" ".join(fold(part).split()), " ")
    return bool(_DATE.search(text))


@check("CA506", "warning", "Web page with no date at all (neither published nor accessed)")
def web_page_undated(doc: Document):
    for fn, cit in _first_full(doc):
        csl = cit.csl
        if _is_web_page(csl) and year(csl) is None and not csl.get("accessed") and not _dated(cit):
            yield at_footnote(doc, fn, "web page with no date: neither when it was published nor when it was read",
                              cit.raw)


@check("CA507", "info", "Web page with the date it was read but no publication date")
def web_page_unpublished_date(doc: Document):
    """Chicago accepts the access date alone; biblatex (biber) still wants a publication date."""
    for fn, cit in _first_full(doc):
        csl = cit.csl
        if _is_web_page(csl) and year(csl) is None and (csl.get("accessed") or _dated(cit)):
            yield at_footnote(doc, fn, "web page without a publication date", cit.raw)


@check("CA508", "info", "Work cited with no author (a book or report: nor editor)")
def no_author(doc: Document):
    """Anonymous works, classics and unsigned news exist; a reference manager files them under the title.
    An editor stands in for the author of a book or report (an edited volume), not of an article; an
    author printed once for several works of a footnote counts for each (flag `author-implicit`)."""
    for fn, cit in _first_full(doc):
        csl = cit.csl
        if "author-implicit" in cit.flags:
            continue
        roles = ("author", "editor") if kind_of(csl) in BOOK_TYPES | {"report"} else ("author",)
        if kind_of(csl) in NAMED_TYPES and not any(csl.get(role) for role in roles):
            yield at_footnote(doc, fn, f"{kind_of(csl)} with no {' or '.join(roles)}", cit.raw)


@check("CA509", "warning", "Citation with no title")
def no_title(doc: Document):
    for fn, cit in _first_full(doc):
        if not cit.csl.get("title"):
            yield at_footnote(doc, fn, f"{kind_of(cit.csl) or 'citation'} with no title", cit.raw)


@check("CA510", "warning", "Chapter, report, thesis or other work without publisher or year")
def other_incomplete(doc: Document):
    """Books, articles and web pages have their own checks (CA501, CA502, CA506); a report by a body
    names the body as its publisher, as the BibTeX export does."""
    for fn, cit in _first_full(doc):
        csl = cit.csl
        if kind_of(csl) in ARTICLE_TYPES | BOOK_TYPES or _is_web_page(csl):
            continue
        authors = csl.get("author") or []
        issuer = csl.get("publisher") or (kind_of(csl) == "report" and len(authors) == 1 and authors[0].get("literal"))
        absent = [label for label, missing in (("publisher", kind_of(csl) in PUBLISHED_TYPES and not issuer),
                                               ("year", year(csl) is None)) if missing]
        if absent:
            hint = _year_elsewhere(doc, cit) if "year" in absent else ""
            yield at_footnote(doc, fn, f"{kind_of(csl) or 'work'} without {' or '.join(absent)}{hint}", cit.raw)
