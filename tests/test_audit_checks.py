"""Every audit check: one document that makes it fire, one that keeps it quiet."""
from __future__ import annotations

from pathlib import Path

from tests.audit_docs import Note, cite, make_doc, note, xref

from citations.audit.checks import claims, completeness, crossrefs, numbering, orphans, repeats, style
from citations.audit.registry import all_checks

BOOK = dict(type="book", title="中國外交", publisher="大屯出版社", year=2006, authors=[("蔡", "東杰")])


def book(raw="蔡東杰，《中國外交》(台北：大屯出版社，2006年)，頁 5。", **over):
    return cite(raw, **{**BOOK, "work": "cai2006", **over})


def run(check, doc):
    return list(check(doc))


# --- registry ------------------------------------------------------------------------------------

def test_every_check_has_a_unique_family_code_and_description():
    families = {"numbering": "1", "orphans": "2", "crossrefs": "3", "repeats": "4",
                "completeness": "5", "style": "6", "claims": "7"}
    for c in all_checks():
        assert c.code[2] == families[c.family], c.code
        assert c.description and c.severity in ("error", "warning", "info")


# --- CA1xx numbering -----------------------------------------------------------------------------

def test_gap_in_numbering_is_reported_with_the_missing_number():
    doc = make_doc("甲。{1}乙。{2}丙。{4}", [Note(1), Note(2), Note(4)])
    (f,) = run(numbering.numbering_gap, doc)
    assert f.code == "CA101" and f.footnote == 4 and "footnote 3 is missing" in f.message


def test_restart_per_chapter_is_not_a_gap():
    doc = make_doc("甲{1}乙{2}丙{1}丁{2}", [Note(1), Note(2), Note(1, chapter=2), Note(2, chapter=2)])
    assert run(numbering.numbering_gap, doc) == []


def test_duplicate_number_is_reported_once_at_the_second_use():
    doc = make_doc("甲{1}乙{2}丙{2}丁{3}", [Note(1), Note(2), Note(2), Note(3)])
    (f,) = run(numbering.numbering_duplicate, doc)
    assert f.seq == 3 and f.footnote == 2


def test_same_number_in_two_chapters_is_not_a_duplicate():
    doc = make_doc("甲{1}乙{1}", [Note(1), Note(1, chapter=2)])
    assert run(numbering.numbering_duplicate, doc) == []


def test_number_lower_than_an_earlier_one_is_out_of_order():
    doc = make_doc("甲{1}乙{3}丙{2}丁{4}", [Note(1), Note(3), Note(2), Note(4)])
    (f,) = run(numbering.numbering_order, doc)
    assert f.footnote == 2 and "after footnote 3" in f.message


def test_ascending_numbers_are_in_order():
    doc = make_doc("甲{1}乙{2}丙{3}", [Note(1), Note(2), Note(3)])
    assert run(numbering.numbering_order, doc) == []


# --- CA2xx orphans ------------------------------------------------------------------------------

def test_footnote_without_marker_is_reported():
    doc = make_doc("甲{1}乙丙{3}", [Note(1), Note(2, marker=False), Note(3)])
    (f,) = run(orphans.footnote_without_marker, doc)
    assert f.code == "CA201" and f.footnote == 2


def test_footnotes_with_markers_are_not_orphans():
    doc = make_doc("甲{1}乙{2}", [Note(1), Note(2)])
    assert run(orphans.footnote_without_marker, doc) == []


def test_marker_like_number_without_footnote_is_reported():
    # Footnote 2 was lost: its marker digit stays in the body between markers 1 and 3.
    doc = make_doc("和平穩定的國際環境。{1}因此中國開始提倡。2所以周邊關係改善，{3}確保影響力。",
                   [Note(1), Note(3)])
    (f,) = run(orphans.marker_without_footnote, doc)
    assert f.code == "CA202" and "no footnote 2" in f.message and f.line == 1


def test_numbers_in_prose_are_not_taken_for_markers():
    doc = make_doc("中國於2001年成立上海合作組織，{1}911事件後美國進駐中亞，成員國有 6 個，"
                   "約 3%的人口。第 2 期，21 世紀。{2}合作加深。{9}",
                   [Note(1), Note(2), Note(9, marker=True)])
    assert run(orphans.marker_without_footnote, doc) == []


# --- CA3xx cross-references -----------------------------------------------------------------------

def test_ibid_after_a_footnote_with_two_citations_is_ambiguous():
    doc = make_doc("甲{1}乙{2}", [Note(1, [book(), cite("Swanstrom, “China,” p.5.", type="article-journal")]),
                                Note(2, [xref("同前註，頁 6。", "ibid", (1, 1))])])
    (f,) = run(crossrefs.ibid_ambiguous, doc)
    assert f.code == "CA301" and f.footnote == 2 and "cites 2 works" in f.message


def test_ibid_after_a_single_citation_or_within_a_footnote_is_clear():
    doc = make_doc("甲{1}乙{2}丙{3}", [
        Note(1, [book()]), Note(2, [xref("Ibid., p.6.", "ibid", (1, 0))]),
        Note(3, [book(), cite("Dwivedi, “Policy,” p.3.", type="article-journal"), xref("Ibid., p.4.", "ibid")])])
    assert run(crossrefs.ibid_ambiguous, doc) == []


def test_opcit_with_two_earlier_works_by_the_author_is_ambiguous():
    doc = make_doc("甲{1}乙{2}丙{3}", [
        Note(1, [cite("Medeiros, Reluctant Restraint, p.5.", title="Reluctant Restraint", work="m1",
                      authors=[("Medeiros", "Evan")])]),
        Note(2, [cite("Medeiros, “China’s New Diplomacy,” p.22.", type="article-journal", work="m2",
                      title="China’s New Diplomacy", authors=[("Medeiros", "Evan")])]),
        Note(3, [xref("Medeiros, op.cit., p.52.", "opcit")])])
    (f,) = run(crossrefs.opcit_ambiguous, doc)
    assert f.code == "CA302" and "2 earlier works" in f.message and len(f.related) == 2


def test_opcit_with_one_earlier_work_by_the_author_is_clear():
    doc = make_doc("甲{1}乙{2}丙{3}", [
        Note(1, [cite("Medeiros, Reluctant Restraint, p.5.", title="Reluctant Restraint", work="m1",
                      authors=[("Medeiros", "Evan")])]),
        Note(2, [cite("Dwivedi, “Policy,” p.2.", type="article-journal", work="d1", title="Policy",
                      authors=[("Dwivedi", "Ramakant")])]),
        Note(3, [xref("Medeiros, op.cit., p.52.", "opcit"), xref("蔡東杰，前引書，頁 4。", "opcit")])])
    # The Chinese 前引書 has no earlier book by 蔡東杰: dangling, not ambiguous.
    assert run(crossrefs.opcit_ambiguous, doc) == []
    assert [f.snippet for f in run(crossrefs.opcit_dangling, doc)] == ["蔡東杰，前引書，頁 4。"]


def test_opcit_dangling_when_no_earlier_work_by_that_author():
    doc = make_doc("甲{1}乙{2}", [Note(1, [book()]), Note(2, [xref("Harris, op.cit., p.488.", "opcit")])])
    (f,) = run(crossrefs.opcit_dangling, doc)
    assert f.code == "CA303" and "by Harris" in f.message


def test_opcit_book_word_matches_only_books_by_the_author():
    # 前引書 by 蔡東杰 after his book: resolved, neither dangling nor ambiguous.
    doc = make_doc("甲{1}乙{2}", [Note(1, [book()]), Note(2, [xref("蔡東杰，前引書，頁 104。", "opcit")])])
    assert run(crossrefs.opcit_dangling, doc) == [] and run(crossrefs.opcit_ambiguous, doc) == []


def test_note_crossref_to_a_missing_or_non_citing_footnote():
    doc = make_doc("甲{1}乙{2}丙{3}", [Note(1, [note("作者按：此處討論略。")]),
                                    Note(2, [xref("同註 1，頁 3。", "note")]),
                                    Note(3, [xref("同註 9。", "note")])])
    found = run(crossrefs.crossref_to_nothing, doc)
    assert [(f.footnote, "cites nothing" in f.message) for f in found] == [(2, True), (3, False)]


def test_note_crossref_to_a_citing_footnote_is_fine():
    doc = make_doc("甲{1}乙{2}丙{3}", [Note(1, [book()]), Note(2, [xref("同註 1，頁 3。", "note")]),
                                    Note(3, [xref("同前註。", "ibid", (2, 0))])])
    assert run(crossrefs.crossref_to_nothing, doc) == []


def test_ibid_opening_a_chapter_is_reported():
    doc = make_doc("甲{1}乙{1}", [Note(1, [book()]), Note(1, [xref("Ibid., p.3.", "ibid")], chapter=2)])
    (f,) = run(crossrefs.ibid_first_in_chapter, doc)
    assert f.code == "CA305" and f.seq == 2


def test_ibid_after_a_footnote_of_the_same_chapter_is_not_first():
    doc = make_doc("甲{1}乙{2}", [Note(1, [book()]), Note(2, [xref("Ibid., p.3.", "ibid")])])
    assert run(crossrefs.ibid_first_in_chapter, doc) == []


# --- CA4xx repeats ------------------------------------------------------------------------------

def test_changed_year_in_a_repeated_citation_shows_both_variants():
    doc = make_doc("甲{1}乙{2}", [Note(1, [book()]), Note(2, [book(raw="蔡東杰，《中國外交》(2007年)。", year=2007)])])
    (f,) = run(repeats.repeat_year, doc)
    assert f.code == "CA401" and f.footnote == 2
    assert [(r["footnote"], r["value"]) for r in f.related] == [(1, "2006"), (2, "2007")]


def test_same_year_and_a_missing_year_are_not_inconsistent():
    doc = make_doc("甲{1}乙{2}丙{3}", [Note(1, [book()]), Note(2, [book()]),
                                    Note(3, [book(raw="蔡東杰，《中國外交》。", issued=None)])])
    assert run(repeats.repeat_year, doc) == []


def test_title_spelled_differently_is_reported_but_a_short_title_is_not():
    doc = make_doc("甲{1}乙{2}丙{3}", [
        Note(1, [book(title="中國外交：理論與實踐")]), Note(2, [book(title="中國外交")]),
        Note(3, [book(title="中國外郊：理論與實踐")])])
    (f,) = run(repeats.repeat_title, doc)
    assert f.seq == 3 and "中國外郊" in f.message


def test_title_differing_only_in_width_spacing_and_brackets_is_consistent():
    doc = make_doc("甲{1}乙{2}", [
        Note(1, [cite("x", title="China’s Central Asia Policy", type="article-journal", work="w")]),
        Note(2, [cite("y", title="China's  Central Asia Policy", type="article-journal", work="w")])])
    assert run(repeats.repeat_title, doc) == []


def test_publisher_changed_between_repeats_is_reported():
    doc = make_doc("甲{1}乙{2}", [Note(1, [book()]), Note(2, [book(publisher="五南圖書")])])
    assert [f.code for f in run(repeats.repeat_publisher, doc)] == ["CA403"]


def test_publisher_with_and_without_suffix_is_consistent():
    doc = make_doc("甲{1}乙{2}", [Note(1, [book()]), Note(2, [book(publisher="大屯")])])
    assert run(repeats.repeat_publisher, doc) == []


def test_journal_changed_between_repeats_is_reported():
    art = dict(type="article-journal", title="上海合作組織", work="guo")
    doc = make_doc("甲{1}乙{2}", [Note(1, [cite("a", container_title="問題與研究", **art)]),
                                Note(2, [cite("b", container_title="遠景基金會季刊", **art)])])
    assert [f.code for f in run(repeats.repeat_container, doc)] == ["CA404"]


def test_different_works_never_compare():
    doc = make_doc("甲{1}乙{2}", [Note(1, [book()]), Note(2, [book(work="other", year=1999)])])
    assert run(repeats.repeat_year, doc) == []


# --- CA5xx completeness -------------------------------------------------------------------------

def test_book_without_publisher_is_reported():
    doc = make_doc("甲{1}", [Note(1, [book(publisher=None)])])
    (f,) = run(completeness.book_incomplete, doc)
    assert f.code == "CA501" and "without publisher" in f.message


def test_book_with_publisher_and_year_is_complete():
    assert run(completeness.book_incomplete, make_doc("甲{1}", [Note(1, [book()])])) == []


def test_article_without_year_points_to_the_footnote_that_has_it():
    art = dict(type="article-journal", title="上海合作組織與俄中在中亞競合關係", container_title="問題與研究",
               work="guo")
    doc = make_doc("甲{1}乙{2}", [Note(1, [cite("郭武平，〈上海合作組織與俄中在中亞競合關係〉", **art)]),
                                Note(2, [cite("郭武平，〈…〉(2005年)", year=2005, **art)])])
    (f,) = run(completeness.article_incomplete, doc)
    assert f.code == "CA502" and f.footnote == 1 and "footnote 2 cites it as 2005" in f.message


def test_article_with_journal_and_year_is_complete():
    doc = make_doc("甲{1}", [Note(1, [cite("a", type="article-journal", container_title="J", year=2005)])])
    assert run(completeness.article_incomplete, doc) == []


def test_quotation_without_page_is_reported():
    doc = make_doc("胡錦濤指出，將中亞建設成一個「持久和平、共同繁榮的和諧地區。」{1}",
                   [Note(1, [book()]), ], claims=True)
    doc.footnotes[0].citations[0].locator = None
    (f,) = run(completeness.quotation_without_page, doc)
    assert f.code == "CA503" and f.footnote == 1 and f.snippet.startswith("「持久和平")


def test_quotation_with_page_or_a_quoted_term_is_fine():
    doc = make_doc("胡錦濤指出「持久和平、共同繁榮的和諧地區。」{1}中亞被視為「第二中東」。{2}",
                   [Note(1, [book(locator="5")]), Note(2, [book()])], claims=True)
    doc.footnotes[0].citations[0].locator = "頁 5"
    assert run(completeness.quotation_without_page, doc) == []


def test_url_without_access_date_is_reported():
    doc = make_doc("甲{1}", [Note(1, [cite("〈上海合作組織成立宣言〉，http://www.sectsco.org/CN/show.asp?id=100。",
                                           type="webpage", URL="http://www.sectsco.org/CN/show.asp?id=100")])])
    assert [f.code for f in run(completeness.url_without_access_date, doc)] == ["CA504"]


def test_url_with_a_date_only_to_the_month_is_reported():
    doc = make_doc("甲{1}", [Note(1, [cite("關健斌，「中哈石油管道」，2004 年9 月，http://www.china.org.cn/a.htm", type="webpage")])])
    assert [f.code for f in run(completeness.url_without_access_date, doc)] == ["CA504"]


def test_url_with_access_date_is_fine():
    doc = make_doc("甲{1}乙{2}丙{3}", [
        Note(1, [cite("網址：http://www.x.org/a，檢索日期：2009年6月5日。", type="webpage")]),
        Note(2, [cite("http://www.beiwang.com 2004 年 11 月 15 日。", type="webpage")]),
        # 年 as the CJK compatibility ideograph U+F98E, as PDF extraction gives it
        Note(3, [cite("「經濟合作歷程」，(2003 \uf98e 9 月 19 日)，http://www.sco-ec.gov.cn。", type="webpage")])])
    assert run(completeness.url_without_access_date, doc) == []


def test_malformed_url_and_doi_are_reported():
    doc = make_doc("甲{1}乙{2}", [Note(1, [note("參閱網址：http：//www.eurasianet.org/resource/index.shtml")]),
                                Note(2, [note("DOI:10.68l4/NCCU202001412")])])
    found = run(completeness.malformed_link, doc)
    assert [(f.code, f.footnote) for f in found] == [("CA505", 1), ("CA505", 2)]


def test_well_formed_url_and_doi_are_fine():
    doc = make_doc("甲{1}", [Note(1, text="http://eng.globalaffairs.ru/numbers/2/466.html。DOI:10.6814/NCCU202001412 "
                                         "www.news.cn，https://doi.org/10.1000/xyz123")])
    assert run(completeness.malformed_link, doc) == []


# --- CA6xx style --------------------------------------------------------------------------------

def _article(raw, title, journal):
    return cite(raw, type="article-journal", title=title, container_title=journal)


def test_mixed_article_title_marks_report_the_minority():
    doc = make_doc("甲{1}乙{2}丙{3}", [
        Note(1, [_article("許志嘉，〈中國新睦鄰外交政策〉，《遠景基金會季刊》", "中國新睦鄰外交政策", "遠景基金會季刊")]),
        Note(2, [_article("楊開煌，〈地緣政治〉，《問題與研究》", "地緣政治", "問題與研究")]),
        Note(3, [_article("趙建民，「中共外交」，《中國大陸研究》", "中共外交", "中國大陸研究")])])
    (f,) = run(style.mixed_title_marks, doc)
    assert f.code == "CA601" and f.footnote == 3 and "「」" in f.message and "〈〉" in f.message


def test_one_convention_per_kind_is_consistent():
    doc = make_doc("甲{1}乙{2}", [
        Note(1, [_article("許志嘉，〈中國新睦鄰外交政策〉，《遠景基金會季刊》", "中國新睦鄰外交政策", "遠景基金會季刊")]),
        Note(2, [cite("蔡東杰，《中國外交》(台北：大屯，2006)", title="中國外交")]),
        # quoted terms inside a title are not title marks
        ])
    assert run(style.mixed_title_marks, doc) == []


def test_backwards_page_range_is_reported_but_elided_ranges_are_not():
    doc = make_doc("甲{1}乙{2}", [Note(1, [cite("Dwivedi, p.143-120.", locator="143-120")]),
                                Note(2, [cite("Dwivedi, pp.143-44.", locator="143-44"),
                                         cite("鄭羽，頁 188-192。", locator="188-192")])])
    (f,) = run(style.backwards_page_range, doc)
    assert f.code == "CA602" and f.footnote == 1 and "143–120" in f.message


def test_secondary_citation_is_information_once_per_footnote():
    doc = make_doc("甲{1}乙{2}", [Note(1, [cite("轉引自 A. J.科特雷爾編：印度洋", flags=["secondary"]),
                                          cite("某書", flags=["secondary"])]),
                                Note(2, [book()])])
    (f,) = run(style.secondary_citation, doc)
    assert f.severity == "info" and f.footnote == 1


def test_direct_citation_is_not_secondary():
    assert run(style.secondary_citation, make_doc("甲{1}", [Note(1, [book()])])) == []


# --- CA7xx claims -------------------------------------------------------------------------------

CITED = "中國快速崛起，和平穩定的國際環境鞏固經濟發展。{1}\n\n"
UNCITED = "2001年上海合作組織成立。六國元首簽署宣言。成員國擴大到八國。合作範圍包括安全與經濟，且在能源領域逐年擴大合作項目，並建立多個常設機構與協調機制。"


def test_uncited_paragraph_of_factual_sentences_is_a_hint():
    doc = make_doc(CITED + UNCITED, [Note(1, [book()])])
    (f,) = run(claims.uncited_paragraph, doc)
    assert f.code == "CA701" and f.severity == "info" and f.line == 3


def test_cited_paragraph_or_front_matter_is_not_reported():
    front = make_doc(UNCITED + "\n\n" + CITED, [Note(1, [book()])])
    cited = make_doc(CITED + UNCITED + "{2}", [Note(1, [book()]), Note(2, [book()])])
    assert run(claims.uncited_paragraph, front) == [] and run(claims.uncited_paragraph, cited) == []


# --- rules tuned on the corpus, each pinned -------------------------------------------------------

def test_opcit_naming_two_authors_means_only_their_joint_work():
    doc = make_doc("甲{1}乙{2}丙{3}", [
        Note(1, [cite("Bates Gill, Rising Star", title="Rising Star", work="g1", authors=[("Gill", "Bates")])]),
        Note(2, [cite("Bates Gill & Matthew Oresman, China’s New Journey", title="China’s New Journey", work="g2",
                      authors=[("Gill", "Bates"), ("Oresman", "Matthew")])]),
        Note(3, [xref("Gill & Oresman, op.cit., p.IX.", "opcit")])])
    assert run(crossrefs.opcit_ambiguous, doc) == [] and run(crossrefs.opcit_dangling, doc) == []


def test_short_form_repeat_after_the_full_citation_is_complete():
    full = cite("Robert Sutter, Chinese Foreign Relations (Lanham: Rowman, 2008), p.3.", title="Chinese Foreign Relations",
                publisher="Rowman", year=2008, authors=[("Sutter", "Robert")], work="s")
    short = cite("Sutter, Chinese Foreign Relations, p.309.", title="Chinese Foreign Relations",
                 authors=[("Sutter", "")])
    doc = make_doc("甲{1}乙{2}", [Note(1, [full]), Note(2, [short])])
    assert run(completeness.book_incomplete, doc) == []
    # The same short form with no full citation before it leaves the reader nothing to look up.
    alone = make_doc("甲{1}", [Note(1, [short])])
    assert [f.code for f in run(completeness.book_incomplete, alone)] == ["CA501"]


def test_cross_reference_parsed_as_a_citation_is_not_an_incomplete_book():
    doc = make_doc("甲{1}", [Note(1, [cite("U.S. Senate Committee, op.cit., p.71.", title="U.S. Senate Committee")])])
    assert run(completeness.book_incomplete, doc) == []


def test_quotation_marks_inside_a_title_are_not_a_title_convention():
    doc = make_doc("甲{1}乙{2}", [
        Note(1, [cite("〈中國外交〉，《問題與研究》", type="article-journal", title="中國外交", container_title="問題與研究")]),
        Note(2, [cite("「『秋儲冬藏』石油」，經濟通", type="webpage", title="秋儲冬藏", container_title="x")])])
    assert run(style.mixed_title_marks, doc) == []


def test_uncited_paragraph_rules_skip_own_voice_sourced_tables_and_appendices():
    own = make_doc(CITED + "本文" + UNCITED, [Note(1, [book()])])
    table = make_doc(CITED + UNCITED + "\n\n資料來源：外交部網站。", [Note(1, [book()])])
    appendix = make_doc(CITED + "附錄\n\n" + UNCITED, [Note(1, [book()])])
    assert all(run(claims.uncited_paragraph, d) == [] for d in (own, table, appendix))


def test_repeated_marker_with_the_next_footnote_missing_is_a_duplicate_number():
    # The parser read "51郭博堯…" as text of footnote 51; the body still has marker 51 twice.
    doc = make_doc("甲。{50}乙{51}丙的輸出能力51。丁{53}", [Note(50), Note(51), Note(53)])
    (f,) = run(numbering.numbering_duplicate, doc)
    assert f.code == "CA102" and f.footnote == 51 and "footnote 52 numbered 51" in f.message


def test_same_number_in_prose_after_its_marker_is_not_a_duplicate_when_numbering_runs_on():
    doc = make_doc("甲。{50}乙{51}丙共51國。丁{52}", [Note(50), Note(51), Note(52)])
    assert run(numbering.numbering_duplicate, doc) == []


def test_readme_codes_table_lists_every_check_with_its_severity():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    for c in all_checks():
        assert f"| `{c.code}` | {c.severity} |" in readme, c.code


def test_bare_qianjieshu_right_after_an_article_is_ambiguous():
    art = cite("袁鵬，〈國際體系變遷〉，《現代國際關係》，2009 年。", type="article-journal", title="國際體系變遷", work="a")
    doc = make_doc("甲{1}乙{2}丙{3}", [Note(1, [book()]), Note(2, [art]), Note(3, [xref("前揭書，頁 109。", "opcit")])])
    (f,) = run(crossrefs.opcit_ambiguous, doc)
    assert f.footnote == 3 and [r["footnote"] for r in f.related] == [1, 2]


def test_bare_qianjieshu_right_after_a_book_or_chapter_is_clear():
    chapter = cite("朱明忠，〈印度〉，收錄於《發展報告》", type="chapter", title="印度", work="c")
    doc = make_doc("甲{1}乙{2}丙{3}", [Note(1, [book()]), Note(2, [xref("前揭書，頁 5。", "opcit")]),
                                    Note(3, [chapter]), ])
    doc2 = make_doc("甲{1}乙{2}", [Note(1, [chapter]), Note(2, [xref("前揭書，頁 5。", "opcit")])])
    assert run(crossrefs.opcit_ambiguous, doc) == [] and run(crossrefs.opcit_ambiguous, doc2) == []
    assert run(crossrefs.opcit_dangling, doc2) == []


def test_opcit_author_spelled_with_or_without_accents_is_one_author():
    doc = make_doc("甲{1}乙{2}丙{3}", [
        Note(1, [cite("Niklas Swanstrom, “China and Central Asia,” p.580.", type="article-journal",
                      title="China and Central Asia", work="s1", authors=[("Swanstrom", "Niklas")])]),
        Note(2, [cite("Niklas Swanström, “China Conquers Central Asia Through Trade,” http://x.org",
                      type="webpage", title="China Conquers Central Asia Through Trade", work="s2",
                      authors=[("Swanström", "Niklas")])]),
        Note(3, [xref("Swanstrom, op. cit., pp.569-584.", "opcit")])])
    assert [f.footnote for f in run(crossrefs.opcit_ambiguous, doc)] == [3]


def test_unbalanced_title_marks_and_quotes_are_reported():
    doc = make_doc("甲{1}乙{2}丙{3}丁{4}", [
        Note(1, text="中國現代國際關係研究所編《全球戰略大格局（上海市：時事出版社，2000 年），頁 488。"),
        Note(2, text="王桂芳，中亞戰略格局與中國安全(北京市：軍事科學出版社，2004 年），頁 270。"),
        Note(3, text="「已同中國大陸簽訂共建”一帶一路”合作文件的國家一覽」"),
        Note(4, text="「論裏海能源」，問題與研究，頁 3。")])
    found = run(style.unbalanced_marks, doc)
    assert [(f.footnote, f.message) for f in found] == [
        (1, "unbalanced marks: “《” is never closed"), (2, "unbalanced marks: “(” is closed by “）”"),
        (3, "unbalanced marks: “”” closes nothing")]


def test_opcit_by_an_institution_finds_its_work():
    stats = cite("中華人民共和國國家統計局編，《中國統計年鑑－2009》(北京：中國統計出版社，2009年)。",
                 title="中國統計年鑑－2009", editor=[{"literal": "中華人民共和國國家統計局"}], work="y")
    doc = make_doc("甲{1}乙{2}", [Note(1, [stats]), Note(2, [xref("中華人民共和國國家統計局編，前引書。", "opcit")])])
    assert run(crossrefs.opcit_dangling, doc) == [] and run(crossrefs.opcit_ambiguous, doc) == []


def test_the_writers_own_it_should_be_pointed_out_is_not_reported_speech():
    own = "應該指出的是，絲綢之路不僅是一條貿易通道。它在文化交流中發揮了重要作用。人們熟知的四大發明由此西傳。"
    quoted = own.replace("應該指出的是", "外交部發言人指出")
    assert run(claims.uncited_paragraph, make_doc(CITED + own, [Note(1, [book()])])) == []
    assert [f.code for f in run(claims.uncited_paragraph, make_doc(CITED + quoted, [Note(1, [book()])]))] == ["CA701"]


# --- gaps biblatex insists on (each one is a biber warning on the exported entry) ---

def test_web_page_with_no_date_at_all_is_ca506_but_a_date_in_its_title_or_url_does_not_count():
    undated = cite("〈2004 年年會的演講〉，人民網，http://www.people.com.cn/2003-11/24/a.htm。", type="webpage",
                   title="2004 年年會的演講", container_title="人民網", URL="http://www.people.com.cn/2003-11/24/a.htm")
    read = cite("〈演講〉，http://x.cn/a.htm，2010 年 3 月 4 日檢索。", type="webpage", title="演講", URL="http://x.cn/a.htm")
    doc = make_doc("甲。{1}乙。{2}", [Note(1, [undated]), Note(2, [read])])
    assert [(f.code, f.footnote) for f in run(completeness.web_page_undated, doc)] == [("CA506", 1)]
    assert [(f.code, f.footnote) for f in run(completeness.web_page_unpublished_date, doc)] == [("CA507", 2)]


def test_work_with_no_author_is_ca508_an_editor_counts_for_a_book_not_an_article():
    edited = cite("邢廣程主編，《研究》(長春：長春出版社，2007 年)。", title="研究", editor=[{"family": "邢", "given": "廣程"}],
                  publisher="長春出版社", year=2007)
    journal = cite("李靜杰主編，「研究」，3 期(2002 年)。", type="article-journal", title="研究", container_title="研究",
                   editor=[{"family": "李", "given": "靜杰"}], year=2002)
    unsigned = cite("「講話」，人民日報，1997 年 4 月 25 日，第 1 版。", type="article-newspaper", title="講話",
                    container_title="人民日報", year=1997)
    doc = make_doc("甲。{1}乙。{2}丙。{3}", [Note(1, [edited]), Note(2, [journal]), Note(3, [unsigned])])
    assert [f.footnote for f in run(completeness.no_author, doc)] == [2, 3]


def test_citation_with_no_title_is_ca509():
    bare = cite("http://nccur.lib.nccu.edu.tw/handle/140.119/34522", type="webpage", URL="http://nccur.lib.nccu.edu.tw/handle/140.119/34522")
    paper = cite("聯合報，1996 年 4 月 22 日，版 9。", type="article-newspaper", container_title="聯合報", year=1996)
    doc = make_doc("甲。{1}乙。{2}", [Note(1, [bare]), Note(2, [paper])])
    assert [f.footnote for f in run(completeness.no_title, doc)] == [1, 2]


def test_report_without_institution_is_ca510_unless_a_body_wrote_it():
    personal = cite("Cole, “Oil”, 2003.", type="report", title="Oil", authors=[("Cole", "Bernard")], year=2003)
    body = cite("IEA, Oil Market Report, 2010.", type="report", title="Oil Market Report", author=[{"literal": "IEA"}], year=2010)
    chapter = cite("劉世林著，「啟示」，《國土安全》，2008 年。", type="chapter", title="啟示", container_title="國土安全",
                   authors=[("劉", "世林")], year=2008)
    doc = make_doc("甲。{1}乙。{2}丙。{3}", [Note(1, [personal]), Note(2, [body]), Note(3, [chapter])])
    found = run(completeness.other_incomplete, doc)
    assert [(f.footnote, f.message) for f in found] == [(1, "report without publisher"), (3, "chapter without publisher")]
