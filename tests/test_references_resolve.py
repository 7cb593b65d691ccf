"""Cross-references and works over hand-made documents, and the corpus-level contract."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from citations.model import Document, Footnote
from citations.references import resolve

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "schemas" / "csl-data.json").read_text(encoding="utf-8"))


def doc(*texts, numbers=None, chapters=None):
    fns = [Footnote(seq=i + 1, number=(numbers or range(1, len(texts) + 1))[i], page=1, text=t, line=i + 1,
                    chapter=(chapters or [1] * len(texts))[i]) for i, t in enumerate(texts)]
    return resolve(Document(id="t", source="t", encoding="utf-8", pages=[], body="", footnotes=fns))


A = "Stuart Harris, “Regional Policies,” Pacific Review, Vol.5, No.4 (2005), p.487."
B = "Evan Medeiros, China's Behavior (Santa Monica: RAND, 2009), pp.46-47."


def target(d, seq, i=0):
    x = d.footnotes[seq - 1].citations[i].crossref_of
    return (x.seq, x.index) if x else None


def test_ibid_points_to_previous_footnote_with_its_own_locator():
    d = doc(A, "Ibid., p.488.")
    assert target(d, 2) == (1, 0) and d.footnotes[1].citations[0].locator == "488"
    assert d.footnotes[1].citations[0].form == "ibid"
    assert d.footnotes[1].citations[0].work == d.footnotes[0].citations[0].work


def test_ibid_after_a_footnote_with_several_citations_is_ambiguous_and_takes_the_last():
    d = doc(A + "; " + B, "Ibid., p.9.")
    assert target(d, 2) == (1, 1) and "ambiguous" in d.footnotes[1].citations[0].flags


def test_chained_crossrefs_resolve_to_the_full_citation():
    d = doc(A, B, "Harris, op.cit., p.490.", "Ibid., p.491.")
    assert target(d, 3) == (1, 0) and target(d, 4) == (1, 0)


def test_opcit_takes_latest_earlier_work_by_that_author():
    other = "Stuart Harris, Asia Rising (London: Verso, 2010), p.3."
    d = doc(A, other, B, "Harris, op. cit., p.5.")
    assert target(d, 4) == (2, 0)


def test_tongzhu_n_uses_the_number_in_the_same_chapter():
    d = doc(A, B, "Paper X, “T,” J, Vol.1, No.1 (2001), p.1.", "同註 1，頁 3。", numbers=[1, 2, 1, 2], chapters=[1, 1, 2, 2])
    assert target(d, 4) == (3, 0) and d.footnotes[3].citations[0].form == "note"


def test_bare_qianjieshu_takes_nearest_earlier_work():
    d = doc("張三著，甲書(台北：五南，1990 年)，頁 3。", "前揭書，頁 9。")
    assert target(d, 2) == (1, 0) and d.footnotes[1].citations[0].locator == "9"


def test_unresolvable_crossref_is_kept_and_flagged():
    d = doc("Nobody, op.cit., p.3.")
    c = d.footnotes[0].citations[0]
    assert c.kind == "crossref" and c.crossref_of is None and "unresolved" in c.flags


def test_repeats_merge_across_spacing_bracket_and_width_differences():
    d = doc("王大明，〈兩岸關係〉，《政治學報》，第 1卷，第 2期(2010年)，頁 3。",
            "王大明，「兩岸 關係」，政治學報，2010 年，頁 5。",
            "王大明，〈兩岸關係〉，《政治學報》，第１卷，第２期(2010年)，頁 7。")
    works = {c.work for f in d.footnotes for c in f.citations}
    assert len(works) == 1 and len(d.works) == 1
    assert d.footnotes[0].citations[0].csl != d.footnotes[1].citations[0].csl  # variants kept per citation


def test_short_form_lands_on_the_full_work():
    d = doc("Robert Sutter, Chinese Foreign Relations: Power and Policy (Maryland: Rowman, 2008), p.309.",
            "Sutter, Chinese Foreign Relations, p.310.")
    assert d.footnotes[0].citations[0].work == d.footnotes[1].citations[0].work


def test_different_works_by_one_author_stay_apart():
    d = doc(A, "Stuart Harris, Asia Rising (London: Verso, 2010), p.3.")
    assert len(d.works) == 2 and d.works[0]["id"] != d.works[1]["id"]


def test_work_ids_are_ascii_and_readable():
    d = doc("許志嘉，〈中國新睦鄰外交政策〉，《遠景基金會季刊》，第 8卷，第 3期(2007年)，頁 51。")
    assert d.works[0]["id"] == "xu2007zhongguo"


CORPUS = sorted((ROOT / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.name[:3] for p in CORPUS])
def test_corpus_documents_resolve_with_valid_works_and_no_dangling_crossrefs(path):
    from citations.pipeline import analyse

    d = analyse(path)
    jsonschema.validate(d.works, SCHEMA)
    ids = {w["id"] for w in d.works}
    assert len(ids) == len(d.works)
    for f in d.footnotes:
        for c in f.citations:
            if c.kind == "citation":
                assert c.work in ids
            if c.kind == "crossref" and c.crossref_of:
                assert d.footnotes[c.crossref_of.seq - 1].citations[c.crossref_of.index].kind == "citation"


from bench.gold import GOLD  # noqa: E402


@pytest.mark.skipif(not (GOLD / "fields.jsonl").exists(), reason="shared gold not available")
def test_every_gold_crossref_resolves_to_the_gold_footnote():
    from citations.pipeline import analyse

    docs = {p.name[:3]: analyse(p) for p in CORPUS}
    for line in (GOLD / "fields.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        if g["type"] != "crossref":
            continue
        d = docs[g["doc"]]
        fn = next(f for f in d.footnotes if f.number == g["footnote"] and f.chapter == g.get("doc_chapter", 1))
        cit = fn.citations[g["index"] - 1]
        want = next(f for f in d.footnotes if f.number == g["crossref_of"] and f.chapter == fn.chapter and f.seq < fn.seq)
        assert cit.crossref_of and cit.crossref_of.seq == want.seq, g["raw"]


def test_short_form_with_a_reworded_ending_lands_on_the_full_work():
    d = doc("Robert Sutter, “Durability in China’s Strategy toward Central – Reasons for Optimism,” CEQ, Vol.6, No.1 (2008), p.7.",
            "Sutter, “Durability in China’s Strategy toward Central Asia,” p.8.")
    assert d.footnotes[0].citations[0].work == d.footnotes[1].citations[0].work


def test_opcit_after_a_long_corporate_author_is_a_crossref():
    d = doc("U.S. Senate Committee on Foreign Relations, Aid in Asia (Washington DC: GPO, 2008), p.6.",
            "U.S. Senate Committee on Foreign Relations, op.cit., p.71.")
    assert d.footnotes[1].citations[0].kind == "crossref" and target(d, 2) == (1, 0)


def test_tong_qianjieshu_is_a_bare_qianjieshu_and_qianjie_zhu_names_a_note():
    d = doc("張三著，甲書(台北：五南，1990 年)，頁 3。", "李四著，乙書(台北：五南，1991 年)，頁 4。", "同前揭書，頁 9。", "前揭註 1，頁 7。")
    assert target(d, 3) == (2, 0)
    assert target(d, 4) == (1, 0) and d.footnotes[3].citations[0].form == "note"


def test_bare_ibid_inherits_the_page_with_a_flag_and_gbt_tong_n_reads_its_colon_page():
    d = doc(A, "Ibid.", "同1：326-329.")
    bare = d.footnotes[1].citations[0]
    assert bare.locator == "487" and "locator-inherited" in bare.flags
    gbt = d.footnotes[2].citations[0]
    assert gbt.form == "note" and target(d, 3) == (1, 0) and gbt.locator == "326-329" and not gbt.flags


def test_author_then_jian_qianzhu_is_a_note_number_crossref():
    d = doc("曹凌：《中国佛教疑伪经综录》，上海：上海古籍出版社，2011年，第260页。", "曹凌，见前注〔1〕，第326-329页。")
    c = d.footnotes[1].citations[0]
    assert c.kind == "crossref" and c.form == "note" and target(d, 2) == (1, 0) and c.locator == "326-329"


def test_one_character_variant_of_a_chinese_name_is_the_same_work():
    d = doc("陳聯璧，「中亞五國的民族關係問題」，世界民族，2001 年 2 月，頁 31。",
            "陳聯壁，「中亞五國的民族關係問題」，世界民族，2001 年 2 月，頁 32。")
    assert len(d.works) == 1


def test_bare_urls_merge_by_url_and_get_a_readable_key():
    d = doc("參閱網址：http：//www.eurasianet.org/resource/index.shtml", "http：//www.eurasianet.org/resource/index.shtml")
    assert len(d.works) == 1 and d.works[0]["id"] == "eurasianet"
