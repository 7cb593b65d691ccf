"""CSL-JSON works -> RIS, the tagged format EndNote, Zotero and Mendeley all import.

One record per work, tags in the order of the RIS specification: `TY` from the CSL type, one `AU`
per author, `A2` per editor (of the book a chapter is in, or of a book), `A4` per translator, `TI`,
`T2` (journal, book, site or newspaper; `JO` too for a periodical), `PY`/`DA`, `VL`, `IS`,
`SP`/`EP`, `SE`, `PB` (publisher, institution or school), `CY`, `M3` (thesis or report kind),
`UR`, `Y2` (access date), `LA`, `ID` (the BibTeX key), `ER`.

Names: a Western name is `Family, Given`; a Chinese name or a body is written whole (`許志嘉`), as
EndNote and Zotero keep CJK names in one field. An edited volume with no author is an `EDBOOK`
whose editors are its `AU` names (the RIS specification's and EndNote's Edited Book). The file is
UTF-8 without a byte-order mark (a BOM makes some readers, rispy among them, lose the first record);
EndNote asks for the text encoding on import: choose UTF-8.
"""
from __future__ import annotations

from typing import Any

import regex

from .bibtex import edited_volume, keys, whole_name

TYPES = {
    "article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK",
    "chapter": "CHAP", "paper-conference": "CPAPER", "webpage": "ELEC", "report": "RPRT", "thesis": "THES",
    "post": "BLOG", "post-weblog": "BLOG", "entry-dictionary": "DICT", "entry-encyclopedia": "ENCYC",
    "manuscript": "UNPB", "legislation": "STAT", "legal_case": "CASE", "map": "MAP",
    "standard": "STAND", "patent": "PAT",
}
PERIODICALS = {"JOUR", "MGZN", "NEWS"}


def name(n: dict[str, str]) -> str:
    """`Family, Given` for a Western name; a CJK name or a body whole."""
    if (whole := whole_name(n)) is not None:
        return whole
    return ", ".join(part for part in (n.get("family", ""), n.get("given", "")) if part)


def _date(parts: list[Any]) -> str:
    """RIS dates are YYYY/MM/DD/ (missing parts left empty)."""
    padded = [str(parts[0])] + [f"{int(p):02d}" for p in parts[1:3]]
    return "/".join(padded + [""] * (3 - len(padded))) + "/"


def ris_type(item: dict[str, Any]) -> str:
    return "EDBOOK" if edited_volume(item) else TYPES.get(item.get("type", ""), "GEN")


def record(item: dict[str, Any], key: str) -> list[tuple[str, str]]:
    """One CSL-JSON item -> its RIS (tag, value) lines, TY first and ER last."""
    ty = ris_type(item)
    lines: list[tuple[str, str]] = [("TY", ty)]

    def add(tag: str, value: Any) -> None:
        if value not in (None, "", []):
            lines.append((tag, " ".join(str(value).split())))  # one line: RIS has no continuation

    editors = item.get("editor") or []
    for n in (editors if ty == "EDBOOK" else item.get("author") or []):
        add("AU", name(n))
    for n in ([] if ty == "EDBOOK" else editors):
        add("A2", name(n))
    for n in item.get("translator") or []:
        add("A4", name(n))
    add("TI", item.get("title"))
    add("T2", item.get("container-title"))
    if ty in PERIODICALS:
        add("JO", item.get("container-title"))
    issued = ((item.get("issued") or {}).get("date-parts") or [[]])[0]
    if issued:
        add("PY", issued[0])
        add("DA", _date(issued))
    add("VL", item.get("volume"))
    add("IS", item.get("issue"))
    pages = str(item.get("page") or "")
    if pages:
        first, _, last = regex.sub(r"\s*[-–—~～]+\s*", "-", pages).partition("-")
        add("SP", first)
        add("EP", last)
    add("SE", item.get("section"))
    add("PB", item.get("publisher"))
    add("CY", item.get("publisher-place"))
    add("M3", item.get("genre"))
    add("UR", item.get("URL"))
    add("DO", item.get("DOI"))
    # SN is the ISBN, an article's ISSN, or a report's or patent's own number (as Zotero's RIS translator reads it)
    add("SN", item.get("ISBN") or item.get("ISSN") or (item.get("number") if ty in ("RPRT", "PAT", "STAND") else None))
    accessed = ((item.get("accessed") or {}).get("date-parts") or [[]])[0]
    if accessed:
        add("Y2", _date(accessed))
    add("LA", item.get("language"))
    add("ID", key)
    lines.append(("ER", ""))
    return lines


def dumps(items: list[dict[str, Any]]) -> str:
    """The RIS file for these works; IDs are the BibTeX keys, so both exports name a work alike."""
    out: list[str] = []
    for item, key in zip(items, keys(items)):
        out.extend(f"{tag}  - {value}\r\n" for tag, value in record(item, key))
        out.append("\r\n")
    return "".join(out)
