"""CSL-JSON works -> BibTeX through bibtexparser 2 (Library of Entry/Field, then write_string).

Keys are the works' ids (ASCII: pinyin of a Chinese surname, year, first title word); a CJK
name or a body is written as one braced name so BibTeX never splits it into given/family.
Field names follow biblatex (translator, urldate, language) with BibTeX's classic ones where
both exist (journal, address, school, institution), so Zotero, JabRef and biber all read them.

Entries keep to biblatex's data model (blx-dm.def), so `biber --validate-datamodel` warns only
about what the footnote itself leaves out: an edited volume with no author is a `@collection`, a
chapter of a book with no editor an `@inbook`, `volume` is an integer (卷一百九十八 -> 198), a web
page's site is its `organization`, and a field the entry type has no place for (an article's
publisher, a report's editor) goes to `note` instead of being dropped.
"""
from __future__ import annotations

from typing import Any

import bibtexparser
import regex
from bibtexparser import Library
from bibtexparser.model import Entry, Field

from .references.works import cite_key

ENTRY_TYPES = {
    "article-journal": "article", "article-newspaper": "article", "article-magazine": "article",
    "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
    "webpage": "online", "report": "report", "thesis": "thesis",
    "standard": "report", "patent": "patent",  # biblatex has no @standard: a report whose type says so
}
LANGUAGES = {"zh": "chinese", "en": "english", "ja": "japanese", "de": "german", "fr": "french", "ru": "russian"}
SPECIAL = regex.compile(r"([&%#$_])")

# The fields biblatex's data model allows per entry type (besides the ones every type has: year,
# month, url, urldate, entrysubtype, note), under the BibTeX names written here (biber maps
# journal -> journaltitle, address -> location, school -> institution).
_BOOKISH = {"author", "editor", "translator", "title", "chapter", "volume", "number", "part", "publisher",
            "address", "pages", "isbn", "language"}
ALLOWED: dict[str, set[str]] = {
    "article": {"author", "editor", "translator", "title", "journal", "volume", "number", "issue", "pages", "issn", "language"},
    "book": _BOOKISH,
    "collection": _BOOKISH,
    "inbook": _BOOKISH | {"booktitle"},
    "incollection": _BOOKISH | {"booktitle"},
    "inproceedings": {"author", "editor", "title", "booktitle", "volume", "number", "part", "publisher",
                      "organization", "address", "chapter", "pages", "language"},
    "online": {"author", "editor", "title", "organization", "language"},
    "report": {"author", "title", "institution", "type", "number", "address", "chapter", "pages", "language"},
    "thesis": {"author", "title", "school", "type", "address", "chapter", "pages", "isbn", "language"},
    "patent": {"author", "title", "number", "type", "address", "language"},
    "misc": {"author", "editor", "title", "howpublished", "organization", "type", "address", "language"},
}
COMMON = {"year", "month", "url", "urldate", "doi", "entrysubtype", "note"}
# biblatex reads these as lists of names split at "and": "Henry Holt and Company" is braced whole.
LISTS = {"publisher", "organization", "institution", "school", "address"}
# How a field the entry type cannot hold is labelled in `note`.
NOTE_LABELS = {"editor": "ed.", "translator": "trans.", "publisher": "publisher", "address": "place",
               "volume": "vol.", "number": "no.", "chapter": "chapter", "pages": "pp.", "journal": "in",
               "booktitle": "in", "howpublished": "in", "organization": "publisher", "type": "", "part": "part"}

_CJK_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "兩": 2}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_ROMAN = regex.compile(r"(?i)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def integer(text: str) -> int | None:
    """A volume number as an integer: 12, １２, 一百九十八, 卷十二, XII; None when it is not a number."""
    text = regex.sub(r"^(?:第|卷|vol\.?|no\.?)\s*|\s*卷$", "", text.strip(), flags=regex.I)
    if text.isdecimal():
        return int(text)
    if text and all(c in _CJK_DIGITS or c in _CJK_UNITS for c in text):
        total, digit = 0, None
        for c in text:
            if c in _CJK_DIGITS:
                if digit is not None:  # 一九九八: digits read in sequence
                    digit = digit * 10 + _CJK_DIGITS[c]
                else:
                    digit = _CJK_DIGITS[c]
            else:
                total += (1 if digit is None else digit) * _CJK_UNITS[c]
                digit = None
        return total + (digit or 0)
    if text and _ROMAN.fullmatch(text):
        values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
        nums = [values[c] for c in text.lower()]
        return sum(-n if i + 1 < len(nums) and n < nums[i + 1] else n for i, n in enumerate(nums))
    return None


def escape(value: str) -> str:
    """TeX specials escaped and braces dropped, so every value is balanced and safe to typeset; a
    printed `--` stays two hyphens (TeX would make it a dash)."""
    value = value.replace("\\", "").replace("{", "").replace("}", "")
    return SPECIAL.sub(r"\\\1", value).replace("--", "-{}-")


def whole_name(n: dict[str, str]) -> str | None:
    """A CJK name or a body as the one name it is (never split into given/family); None for a Western name."""
    if "literal" in n or regex.search(r"\p{Han}", n.get("family", "")):
        return n.get("literal") or n.get("family", "") + n.get("given", "")
    return None


def name(n: dict[str, str]) -> str:
    if (whole := whole_name(n)) is not None:
        return "{" + escape(whole) + "}"
    family, given = escape(n.get("family", "")), escape(n.get("given", ""))
    if " " in family:  # 'van der Veen' stays one family name
        family = "{" + family + "}"
    return f"{family}, {given}" if given else family


def names(items: list[dict[str, str]]) -> str:
    return " and ".join(name(n) for n in items)


def edited_volume(item: dict[str, Any]) -> bool:
    """A book or report its editors made, no author named (邢廣程主編): their names lead the entry."""
    return item.get("type") in ("book", "report") and bool(item.get("editor")) and not item.get("author")


def entry_type(item: dict[str, Any]) -> str:
    """The biblatex type: the CSL type's, except where the names printed decide (an edited volume with
    no author is a collection; a chapter whose book names no editor is part of an authored book)."""
    csl_type = item.get("type", "document")
    if edited_volume(item):
        return "collection"
    if csl_type == "chapter" and not item.get("editor"):
        return "inbook"
    return ENTRY_TYPES.get(csl_type, "misc")


def _volume_fields(etype: str, volume: Any) -> list[tuple[str, str]]:
    """biblatex's volume is an integer; a volume that is not a number keeps its words elsewhere."""
    number = integer(str(volume))
    if number is not None:
        return [("volume", str(number))]
    return [("issue" if etype == "article" else "part", escape(str(volume)))]


def to_entry(item: dict[str, Any], key: str | None = None) -> Entry:
    """One CSL-JSON item -> a bibtexparser Entry (fields in a stable, readable order)."""
    csl_type = item.get("type", "document")
    etype = entry_type(item)
    fields: list[tuple[str, str]] = []

    def add(k: str, v: Any, raw: bool = False) -> None:
        if v not in (None, "", []):
            value = str(v) if raw else escape(str(v))
            fields.append((k, "{" + value + "}" if k in LISTS and regex.search(r"\band\b", value) else value))

    for role in ("author", "editor", "translator"):
        if item.get(role):
            fields.append((role, names(item[role])))
    add("title", item.get("title"))
    container = item.get("container-title")
    if container:
        add({"article": "journal", "incollection": "booktitle", "inbook": "booktitle", "inproceedings": "booktitle",
             "online": "organization"}.get(etype, "howpublished"), container)
    if csl_type == "article-newspaper":
        add("entrysubtype", "newspaper")
    add("chapter", item.get("section"))
    if item.get("volume") not in (None, ""):
        fields.extend(_volume_fields(etype, item["volume"]))
    add("number", item.get("issue") or item.get("number"))  # CSL `number`: a report's, standard's or patent's own
    add("pages", item.get("page"))
    publisher = item.get("publisher")
    authors = item.get("author") or []
    if etype == "report" and not publisher and len(authors) == 1 and "literal" in authors[0]:
        publisher = authors[0]["literal"]  # a body's report: the body is the institution that issued it
    add({"thesis": "school", "report": "institution", "online": "organization", "misc": "organization"}.get(etype, "publisher"),
        publisher)
    if etype in ("thesis", "report"):
        add("type", item.get("genre") or csl_type)
    add("address", item.get("publisher-place"))
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    if parts[0]:
        add("year", parts[0][0])
        if len(parts[0]) > 1:
            add("month", parts[0][1])
    add("url", item.get("URL"), raw=True)
    add("doi", item.get("DOI"), raw=True)
    add("isbn", item.get("ISBN"))
    add("issn", item.get("ISSN"))
    accessed = (item.get("accessed") or {}).get("date-parts") or [[]]
    if accessed[0]:
        add("urldate", "-".join(f"{int(x):02d}" if i else str(x) for i, x in enumerate(accessed[0])))
    add("language", LANGUAGES.get(item.get("language", ""), item.get("language")))
    return Entry(etype, key or str(item.get("id") or cite_key(item)), [Field(k, v) for k, v in _fit(etype, fields)])


def _fit(etype: str, fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The fields in the data model of `etype`; the others (and a second organization) go to `note`."""
    allowed = ALLOWED[etype] | COMMON
    kept: dict[str, str] = {}
    notes: list[str] = []
    for k, v in fields:
        if k in allowed and k not in kept:
            kept[k] = v
        elif kept.get(k) == v:
            continue
        else:
            notes.append(" ".join(filter(None, (NOTE_LABELS.get(k, k), v))))
    if notes:
        kept["note"] = "; ".join(notes)
    return list(kept.items())


def keys(items: list[dict[str, Any]]) -> list[str]:
    """A unique ASCII key per item: its id when that is one, else made from it (a clash gets a letter)."""
    used: set[str] = set()
    out = []
    for item in items:
        base = str(item.get("id") or cite_key(item))
        if not regex.fullmatch(r"[A-Za-z0-9_:\-]+", base):
            base = cite_key(item)
        key, n = base, 0
        while key in used:
            n += 1
            key = f"{base}{chr(ord('a') + n - 1)}" if n <= 26 else f"{base}{n}"
        used.add(key)
        out.append(key)
    return out


def library(items: list[dict[str, Any]]) -> Library:
    lib = Library()
    for item, key in zip(items, keys(items)):
        lib.add(to_entry(item, key))
    return lib


def dumps(items: list[dict[str, Any]]) -> str:
    return bibtexparser.write_string(library(items))
