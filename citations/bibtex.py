"""CSL-JSON works -> BibTeX through bibtexparser 2 (Library of Entry/Field, then write_string).

Keys are the works' ids (ASCII: pinyin of a Chinese surname, year, first title word); a CJK
name or a body is written as one braced name so BibTeX never splits it into given/family.
Field names follow biblatex (translator, urldate, language) with BibTeX's classic ones where
both exist (journal, address, school, institution), so Zotero, JabRef and biber all read them.
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
    "book": "book", "chapter": "incollection", "paper-conference": "incollection",
    "webpage": "online", "report": "report", "thesis": "thesis",
}
LANGUAGES = {"zh": "chinese", "en": "english", "ja": "japanese", "de": "german", "fr": "french", "ru": "russian"}
SPECIAL = regex.compile(r"([&%#$_])")


def escape(value: str) -> str:
    """TeX specials escaped and braces dropped, so every value is balanced and safe to typeset."""
    value = value.replace("\\", "").replace("{", "").replace("}", "")
    return SPECIAL.sub(r"\\\1", value)


def name(n: dict[str, str]) -> str:
    if "literal" in n or regex.search(r"\p{Han}", n.get("family", "")):
        whole = n.get("literal") or n.get("family", "") + n.get("given", "")
        return "{" + escape(whole) + "}"
    family, given = escape(n.get("family", "")), escape(n.get("given", ""))
    if " " in family:  # 'van der Veen' stays one family name
        family = "{" + family + "}"
    return f"{family}, {given}" if given else family


def names(items: list[dict[str, str]]) -> str:
    return " and ".join(name(n) for n in items)


def to_entry(item: dict[str, Any], key: str | None = None) -> Entry:
    """One CSL-JSON item -> a bibtexparser Entry (fields in a stable, readable order)."""
    csl_type = item.get("type", "document")
    etype = ENTRY_TYPES.get(csl_type, "misc")
    fields: list[tuple[str, str]] = []

    def add(k: str, v: Any, raw: bool = False) -> None:
        if v not in (None, "", []):
            fields.append((k, str(v) if raw else escape(str(v))))

    if item.get("author"):
        fields.append(("author", names(item["author"])))
    if item.get("editor"):
        fields.append(("editor", names(item["editor"])))
    if item.get("translator"):
        fields.append(("translator", names(item["translator"])))
    add("title", item.get("title") or (item.get("container-title") if etype == "article" else None))
    container = item.get("container-title")
    if container and item.get("title"):
        add({"article": "journal", "incollection": "booktitle"}.get(etype, "organization" if etype == "online" else "howpublished"), container)
    if csl_type == "article-newspaper":
        add("entrysubtype", "newspaper")
    add("chapter", item.get("section"))
    add("volume", item.get("volume"))
    add("number", item.get("issue"))
    publisher = item.get("publisher")
    add({"thesis": "school", "report": "institution"}.get(etype, "publisher"), publisher)
    if etype == "thesis":
        add("type", item.get("genre") or "thesis")
    if etype == "report":
        add("type", item.get("genre") or "report")
    add("address", item.get("publisher-place"))
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    if parts[0]:
        add("year", parts[0][0])
        if len(parts[0]) > 1:
            add("month", parts[0][1])
    add("url", item.get("URL"), raw=True)
    accessed = (item.get("accessed") or {}).get("date-parts") or [[]]
    if accessed[0]:
        add("urldate", "-".join(f"{int(x):02d}" if i else str(x) for i, x in enumerate(accessed[0])))
    add("language", LANGUAGES.get(item.get("language", ""), item.get("language")))
    return Entry(etype, key or str(item.get("id") or cite_key(item)), [Field(k, v) for k, v in fields])


def library(items: list[dict[str, Any]]) -> Library:
    """Entries with unique keys (a clash gets a letter suffix)."""
    lib = Library()
    used: set[str] = set()
    for item in items:
        base = str(item.get("id") or cite_key(item))
        if not regex.fullmatch(r"[A-Za-z0-9_:\-]+", base):
            base = cite_key(item)
        key, n = base, 0
        while key in used:
            n += 1
            key = f"{base}{chr(ord('a') + n - 1)}" if n <= 26 else f"{base}{n}"
        used.add(key)
        lib.add(to_entry(item, key))
    return lib


def dumps(items: list[dict[str, Any]]) -> str:
    return bibtexparser.write_string(library(items))
