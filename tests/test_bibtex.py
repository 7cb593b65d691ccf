"""BibTeX export: round trip through bibtexparser, acceptance by pybtex, keys, names, the bib command."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
from pybtex.database import parse_string as pybtex_parse

from citations.bibtex import dumps, library, to_entry

ROOT = Path(__file__).resolve().parents[1]
ITEMS = [
    {"id": "xu2007zhongguo", "type": "article-journal", "title": "中國新睦鄰外交政策", "container-title": "遠景基金會季刊",
     "author": [{"family": "許", "given": "志嘉"}], "volume": "8", "issue": "3", "issued": {"date-parts": [[2007]]}, "language": "zh"},
    {"id": "smith2001guoji", "type": "book", "title": "國際政治", "author": [{"family": "Smith", "given": "John"}],
     "translator": [{"family": "王", "given": "五"}], "publisher": "揚智", "publisher-place": "台北市",
     "issued": {"date-parts": [[2001]]}, "language": "zh"},
    {"id": "wang2008china", "type": "chapter", "title": "China & SCO: 100% Relations", "container-title": "Asia Now",
     "author": [{"family": "Wang", "given": "Jianwei"}], "editor": [{"family": "Wu", "given": "Guoguang"}],
     "publisher": "Routledge", "issued": {"date-parts": [[2008]]}, "language": "en"},
    {"id": "web", "type": "webpage", "title": "宣言", "container-title": "新華網", "URL": "http://x.cn/a_b%20c.htm",
     "author": [{"literal": "中華人民共和國外交部"}], "accessed": {"date-parts": [[2020, 3, 4]]}},
    {"id": "wang2017thesis", "type": "thesis", "title": "研究", "publisher": "蘭州大學", "genre": "博士論文",
     "author": [{"family": "王", "given": "術森"}], "issued": {"date-parts": [[2017]]}},
    {"id": "rep", "type": "report", "title": "Defense", "author": [{"literal": "U.S. Department of Defense"}], "publisher": "DoD"},
    {"id": "misc", "type": "document", "title": "Notes"},
]


def test_bibtexparser_reads_back_every_field_unchanged():
    text = dumps(ITEMS)
    back = {e.key: e for e in bibtexparser.parse_string(text).entries}
    for entry in library(ITEMS).entries:
        assert {f.key: f.value for f in back[entry.key].fields} == {f.key: f.value for f in entry.fields}


def test_pybtex_accepts_the_file_and_reads_names():
    db = pybtex_parse(dumps(ITEMS), "bibtex")
    assert len(db.entries) == len(ITEMS)
    assert str(db.entries["xu2007zhongguo"].persons["author"][0]) == "{許志嘉}"
    assert db.entries["smith2001guoji"].persons["author"][0].last_names == ["Smith"]


def test_entry_types_cover_the_csl_types():
    types = [e.entry_type for e in library(ITEMS).entries]
    assert types == ["article", "book", "incollection", "online", "thesis", "report", "misc"]


def test_cjk_and_corporate_names_are_one_braced_name_and_specials_escaped():
    fields = {f.key: f.value for f in to_entry(ITEMS[3]).fields}
    assert fields["author"] == "{中華人民共和國外交部}"
    assert fields["url"] == "http://x.cn/a_b%20c.htm" and fields["urldate"] == "2020-03-04"
    title = {f.key: f.value for f in to_entry(ITEMS[2]).fields}["title"]
    assert title == r"China \& SCO: 100\% Relations"


def test_translator_language_and_school_fields():
    book = {f.key: f.value for f in to_entry(ITEMS[1]).fields}
    assert book["translator"] == "{王五}" and book["language"] == "chinese" and book["address"] == "台北市"
    thesis = {f.key: f.value for f in to_entry(ITEMS[4]).fields}
    assert thesis["school"] == "蘭州大學" and thesis["type"] == "博士論文"


def test_a_standard_is_a_report_of_type_standard_with_its_number():
    std = {"type": "standard", "title": "信息与文献 参考文献著录规则", "number": "GB/T 7714—2015",
           "author": [{"literal": "国家标准化管理委员会"}], "issued": {"date-parts": [[2015]]}}
    entry = to_entry(std, "gbt7714")
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == "report" and fields["type"] == "standard" and fields["number"] == "GB/T 7714—2015"


def test_duplicate_keys_get_letter_suffixes():
    keys = [e.key for e in library([ITEMS[0], dict(ITEMS[0], title="另一篇")]).entries]
    assert keys == ["xu2007zhongguo", "xu2007zhongguoa"]


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "citations", *args], cwd=cwd, capture_output=True, text=True)


def test_bib_command_writes_corpus_library_that_pybtex_reads(tmp_path):
    out = tmp_path / "refs.bib"
    r = run_cli("bib", "corpus/", "-o", str(out))
    assert r.returncode == 0, r.stderr
    db = pybtex_parse(out.read_text(encoding="utf-8"), "bibtex")
    assert len(db.entries) > 100
    titles = [e.fields.get("title", "") for e in db.entries.values()]
    assert titles.count("中國的中亞外交") == 1  # cited many times across the corpus, listed once


def test_bib_command_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "refs.json"
    out.write_text("keep me", encoding="utf-8")
    r = run_cli("bib", "corpus/000_88da3538dd038a9b.txt", "--format", "csl-json", "-o", str(out))
    assert r.returncode == 2 and "--force" in r.stderr and out.read_text(encoding="utf-8") == "keep me"
    r = run_cli("bib", "corpus/000_88da3538dd038a9b.txt", "--format", "csl-json", "-o", str(out), "--force")
    assert r.returncode == 0 and isinstance(json.loads(out.read_text(encoding="utf-8")), list)


@pytest.mark.parametrize("args, message", [(["bib", "missing.txt"], "no such file"), (["bib", "corpus/", "--format", "endnote-xml"], "--format")])
def test_bib_command_bad_input_is_one_line_exit_2(args, message):
    r = run_cli(*args)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr


def test_corpus_library_round_trips_through_bibtexparser_and_pybtex():
    from citations.pipeline import analyse
    from citations.references import Library

    lib = Library()
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for item in analyse(path).works:
            lib.add({k: v for k, v in item.items() if k != "id"})
    items = lib.items()
    text = dumps(items)
    parsed = bibtexparser.parse_string(text)
    assert not parsed.failed_blocks and len(parsed.entries) == len(items)
    back = {e.key: {f.key: f.value for f in e.fields} for e in parsed.entries}
    for entry in library(items).entries:
        assert back[entry.key] == {f.key: f.value for f in entry.fields}
        assert entry.key.isascii()
    assert len(pybtex_parse(text, "bibtex").entries) == len(items)


def test_doi_isbn_and_issn_are_written_where_biblatex_has_them():
    book = {f.key: f.value for f in to_entry({"type": "book", "title": "T", "DOI": "10.1000/a_b", "ISBN": "978-0-262-03384-8"}, "k").fields}
    assert book["doi"] == "10.1000/a_b" and book["isbn"] == "978-0-262-03384-8"
    article = {f.key: f.value for f in to_entry({"type": "article-journal", "title": "T", "ISSN": "1234-5678", "ISBN": "9780262033848"}, "k").fields}
    assert article["issn"] == "1234-5678" and "isbn" not in article and "9780262033848" in article["note"]
