"""RIS export: read back by rispy (a RIS reader from PyPI) with every field and CJK name intact."""
from __future__ import annotations

import json

import rispy

from citations.bibtex import keys
from citations.ris import dumps, record
from tests.test_bibtex import ITEMS


def expected(item: dict, key: str) -> dict:
    """What a RIS reader must give back for a CSL item, field by field (rispy's names)."""
    names = lambda role: [n.get("literal") or (n["family"] + n.get("given", "") if "\u4e00" <= n["family"][:1] <= "\u9fff"
                                               else ", ".join(filter(None, (n["family"], n.get("given")))))
                          for n in item.get(role) or []]
    edited = item.get("editor") and not item.get("author") and item["type"] in ("book", "report")
    issued = ((item.get("issued") or {}).get("date-parts") or [[]])[0]
    out = {"authors": names("editor") if edited else names("author"),
           "secondary_authors": [] if edited else names("editor"), "subsidiary_authors": names("translator"),
           "title": item.get("title"), "secondary_title": item.get("container-title"),
           "year": str(issued[0]) if issued else None, "volume": item.get("volume"), "number": item.get("issue"),
           "publisher": item.get("publisher"), "place_published": item.get("publisher-place"),
           "urls": [item["URL"]] if item.get("URL") else [], "language": item.get("language"), "id": key}
    return {k: (" ".join(v.split()) if isinstance(v, str) else v) for k, v in out.items()}


def got(rec: dict) -> dict:
    fields = ("authors", "secondary_authors", "subsidiary_authors", "title", "secondary_title", "year", "volume",
              "number", "publisher", "place_published", "urls", "language", "id")
    lists = {"authors", "secondary_authors", "subsidiary_authors", "urls"}
    return {f: rec.get(f, [] if f in lists else None) for f in fields}


def test_rispy_reads_back_names_titles_containers_dates_and_places():
    back = rispy.loads(dumps(ITEMS))
    assert len(back) == len(ITEMS)
    for item, key, rec in zip(ITEMS, keys(ITEMS), back):
        assert got(rec) == expected(item, key), key
    web = back[3]
    assert web["type_of_reference"] == "ELEC" and web["access_date"] == "2020/03/04/"
    assert back[0]["authors"] == ["許志嘉"] and back[0]["journal_name"] == "遠景基金會季刊"
    assert back[1]["subsidiary_authors"] == ["王五"] and back[4]["type_of_work"] == "博士論文"


def test_types_editors_and_pages():
    edited = {"type": "book", "title": "上海合作組織研究", "editor": [{"family": "邢", "given": "廣程"}, {"family": "孫", "given": "壯志"}]}
    assert record(edited, "k")[:3] == [("TY", "EDBOOK"), ("AU", "邢廣程"), ("AU", "孫壯志")]
    article = {"type": "article-journal", "title": "T", "page": "595–605", "issued": {"date-parts": [[1943, 7]]}}
    tags = dict(record(article, "k"))
    assert tags["SP"] == "595" and tags["EP"] == "605" and tags["DA"] == "1943/07//"
    assert [t for t, _ in record({"type": "legal_case", "title": "x"}, "k")][0:1] == ["TY"]
    assert dict(record({"type": "document", "title": "x"}, "k"))["TY"] == "GEN"


def test_bib_command_writes_ris_that_rispy_reads_back_whole(corpus_libraries):
    items = json.loads(corpus_libraries["csl-json"].read_text(encoding="utf-8"))
    back = rispy.loads(corpus_libraries["ris"].read_text(encoding="utf-8"))
    assert len(back) == len(items) > 100
    for item, key, rec in zip(items, keys(items), back):
        assert got(rec) == expected(item, key), key


def test_doi_isbn_and_a_reports_number_have_their_tags():
    tags = dict(record({"type": "book", "title": "T", "DOI": "10.1000/x", "ISBN": "978-0-262-03384-8"}, "k"))
    assert tags["DO"] == "10.1000/x" and tags["SN"] == "978-0-262-03384-8"
    standard = dict(record({"type": "standard", "title": "T", "number": "GB/T 7714—2015"}, "k"))
    assert standard["TY"] == "STAND" and standard["SN"] == "GB/T 7714—2015"
    assert "SN" not in dict(record({"type": "book", "title": "T", "number": "12"}, "k"))  # a series number is no ISBN
