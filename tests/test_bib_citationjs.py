"""A second, independent BibTeX reader: citation-js reads our corpus .bib into the same CSL fields as
our CSL-JSON (authors, editors, title, container, year, volume, issue, page, publisher, place)."""
from __future__ import annotations

import json

import regex

from citations.bibtex import ALLOWED, COMMON, entry_type, integer, keys
from tests.citationjs import citation_js  # noqa: F401  (fixture)
FIELDS = ("author", "editor", "translator", "title", "container-title", "year", "volume", "issue", "page",
          "publisher", "publisher-place")
# The BibTeX fields each CSL field can be written to; where the entry type allows none of them, the
# export moves the value to `note` (biblatex's data model), so no reader finds it as that field.
AS_BIBTEX = {"editor": {"editor"}, "translator": {"translator"}, "volume": {"volume", "part"},
             "container-title": {"journal", "booktitle", "howpublished", "organization"},
             "issue": {"number", "issue"}, "page": {"pages"}, "publisher-place": {"address"},
             "publisher": {"publisher", "organization", "institution", "school"}}


def person(n: dict) -> str:
    if "literal" in n:
        return n["literal"]
    family, given = n.get("family", ""), n.get("given", "")
    return family + given if regex.search(r"\p{Han}", family) or not given else f"{family}|{given}"


def fields(item: dict) -> dict:
    issued = ((item.get("issued") or {}).get("date-parts") or [[None]])[0]
    out = {f: item.get(f) or None for f in FIELDS}
    for role in ("author", "editor", "translator"):
        out[role] = [person(n) for n in item.get(role) or []] or None
    out["year"] = issued[0] if issued else None
    out["page"] = regex.sub(r"\s*[-–—]+\s*", "-", out["page"]) if out["page"] else None
    return out


def as_biblatex_holds_it(item: dict) -> dict:
    """Our CSL item as biblatex's data model can carry it (what the export documents): a web page's site
    is its `organization`, which readers take as the publisher; a body's report is issued by the body;
    volume is an integer (卷一百九十八 = 198); an article's publisher, like any field its entry type cannot
    hold, is only in `note`."""
    out = fields(item)
    if item.get("type", "").startswith("article"):
        out["publisher"] = None
    if item.get("type") == "webpage":
        out["publisher"], out["container-title"] = out["container-title"] or out["publisher"], None
    authors = item.get("author") or []
    if item.get("type") == "report" and not out["publisher"] and len(authors) == 1 and "literal" in authors[0]:
        out["publisher"] = authors[0]["literal"]
    if out["volume"] is not None:
        number = integer(str(out["volume"]))
        out["volume"] = str(number) if number is not None else None
    allowed = ALLOWED[entry_type(item)] | COMMON
    for field, written_as in AS_BIBTEX.items():
        if not written_as & allowed:
            out[field] = None  # in `note`, labelled
    return out


def test_citation_js_reads_our_bibtex_into_the_fields_of_our_csl_json(citation_js, corpus_libraries):
    items = json.loads(corpus_libraries["csl-json"].read_text(encoding="utf-8"))
    theirs = {item["id"]: item for item in citation_js(corpus_libraries["bibtex"].read_text(encoding="utf-8"))}
    assert len(theirs) == len(items) > 100
    differences = []
    for item, key in zip(items, keys(items)):
        ours, read = as_biblatex_holds_it(item), fields(theirs[key])
        if not item.get("type", "").startswith("article") and read["issue"] is None:
            # `number` outside an article is biblatex's number in a series: readers give it as such
            read["issue"] = theirs[key].get("collection-number") or theirs[key].get("number")
        differences += [f"{key} {f}: ours {ours[f]!r}, citation-js {read[f]!r}" for f in FIELDS if ours[f] != read[f]]
    assert not differences, "\n".join(differences)


def test_citation_js_keeps_a_publisher_with_and_and_a_printed_double_hyphen_whole(citation_js):
    from citations.bibtex import dumps

    (read,) = citation_js(dumps([{"id": "k", "type": "book", "title": "上海合作組織--新安全觀",
                                  "publisher": "Henry Holt and Company", "issued": {"date-parts": [[1942]]}}]))
    assert read["publisher"] == "Henry Holt and Company" and read["title"] == "上海合作組織--新安全觀"
