"""Footnote text -> citation strings, classified citation / crossref / note."""
from __future__ import annotations

from citations.references.split import split_footnote


def kinds(text):
    return [(p.kind, p.raw) for p in split_footnote(text)]


def test_split_on_fullwidth_and_ascii_semicolons_outside_brackets():
    pieces = split_footnote("同前註，頁 4；Ann Lee, “A; B,” Asian Survey, Vol.1, No.1 (2000), p.3.")
    assert [p.kind for p in pieces] == ["crossref", "citation"]
    assert pieces[1].raw.startswith("Ann Lee") and "A; B" in pieces[1].raw


def test_explanatory_footnote_is_one_note():
    assert kinds("所謂「新安全觀」，是指以互信、互利為核心的安全理念。") == [
        ("note", "所謂「新安全觀」，是指以互信、互利為核心的安全理念。")]


def test_prose_before_a_signal_is_dropped_and_signal_kept():
    pieces = split_footnote("此說法頗有爭議。請參閱 Ann Lee, War (London: Verso, 1999), p.4.")
    assert len(pieces) == 1 and pieces[0].signal == "請參閱" and pieces[0].raw.startswith("Ann Lee")


def test_secondary_citation_keeps_cited_and_citing_work():
    pieces = split_footnote("張三著，甲書(台北：五南，1990 年)，頁 3，轉引自李四著，乙書(北京：中華書局，2000 年)，頁 5。")
    assert [p.kind for p in pieces] == ["citation", "citation"]
    assert "secondary" in pieces[0].flags and pieces[1].signal == "轉引自"


def test_quoted_original_after_yuanwen_is_not_split():
    pieces = split_footnote("前揭書，頁 16。原文：security; in an objective sense")
    assert len(pieces) == 1 and pieces[0].kind == "crossref"


def test_crossref_forms_are_recognised():
    for text in ("同前註，頁 5。", "同上。", "Ibid, p.7.", "同註 3，頁 2。", "Harris, op.cit., p.488.", "蔡東杰，前引書，頁 104。"):
        assert split_footnote(text)[0].kind == "crossref", text


def test_raw_keeps_compatibility_ideographs_verbatim():
    text = "某乙著，書名(北京：人民出版社，2009 \uf98e)，頁 5。"
    assert split_footnote(text)[0].raw == text


def test_short_signals_count_only_where_a_sentence_starts():
    assert split_footnote("見張三著，甲書(台北：五南，1990 年)，頁 3。")[0].signal == "見"
    inside = split_footnote("〈由此可見的中國〉，新華網，http://x.cn/a")[0]
    assert inside.signal is None and inside.raw.startswith("〈由此可見")


def test_note_number_crossref_variants():
    for text in ("同註 3，頁 2。", "前揭註 12，頁 3。", "見註5。", "See supra note 4, p. 2."):
        assert split_footnote(text)[0].kind == "crossref", text


def test_a_chinese_definition_without_any_mark_of_a_source_is_a_note():
    pieces = split_footnote("東協十國是指：汶萊、柬埔寨、印尼、寮國、馬來西亞、緬甸、菲律賓、新加坡、泰國及越南。")
    assert [p.kind for p in pieces] == ["note"]
    pieces = split_footnote("王大明，東協研究(台北：三民，2001 年)，頁 5。")
    assert [p.kind for p in pieces] == ["citation"]


def test_body_prose_about_a_year_or_a_treaty_is_a_note():
    # sentences of the kind a footnote explains with: a year, a quoted term, a treaty in marks
    for text in ("2008年，中國與中亞五國的貿易總額首次超過俄羅斯與該地區的貿易總額。",
                 "《上海合作組織憲章》簽署之後，成員國在反恐、禁毒與邊境管控上的合作逐步制度化。",
                 "1996 年以後，「上海五國」機制每年舉行一次元首會晤，議題由邊境裁軍擴及經貿合作。"):
        assert [p.kind for p in split_footnote(text)] == ["note"], text


def test_a_funding_or_acknowledgement_note_cites_nothing():
    for text in ("本文系教育部人文社会科学研究项目“中亚能源通道的安全治理”（项目编号：21YJC810017）的阶段性成果。"
                 "感谢匿名评审专家的修改意见，文责自负。",
                 "This research was supported by the Research Council of Norway (grant no. 301122). "
                 "The author thanks the anonymous reviewers for their comments on an earlier draft."):
        assert [p.kind for p in split_footnote(text)] == ["note"], text
