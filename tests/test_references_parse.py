"""Citation strings of each style family -> CSL-JSON fields (hand-made inputs, one rule each)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from citations.references import parse_citation
from citations.references.names import display, to_csl

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "csl-data.json").read_text(encoding="utf-8"))


def names(csl, role="author"):
    return [display(n) for n in csl.get(role, [])]


def year(csl):
    return csl["issued"]["date-parts"][0]


def test_zh_journal_article_with_angle_and_double_angle_brackets():
    csl, loc = parse_citation("王大明，〈兩岸關係的新局〉，《政治學報》，第 12卷，第 4期(2010年)，頁 33。")
    assert csl["type"] == "article-journal"
    assert names(csl) == ["王大明"] and csl["author"][0] == {"family": "王", "given": "大明"}
    assert (csl["title"], csl["container-title"], csl["volume"], csl["issue"]) == ("兩岸關係的新局", "政治學報", "12", "4")
    assert year(csl) == [2010] and loc == "33"


def test_zh_article_in_corner_brackets_with_month_and_dash_pages():
    csl, loc = parse_citation("林小華，陳大同，「海權與陸權」，戰略研究，2016 年 5 月，頁 10‐12。")
    assert names(csl) == ["林小華", "陳大同"]
    assert csl["container-title"] == "戰略研究" and year(csl) == [2016, 5]
    assert loc == "10-12"


def test_zh_book_with_imprint_in_parentheses():
    csl, loc = parse_citation("張三著，《東亞安全》(台北：五南，2008年)，頁 78。")
    assert csl["type"] == "book"
    assert (csl["publisher-place"], csl["publisher"]) == ("台北", "五南")
    assert year(csl) == [2008] and loc == "78"


def test_zh_chapter_shoulu_yu_editor_and_volume():
    csl, _ = parse_citation("李四，〈中亞能源〉，收錄於某某基金會編，《能源政治》(北京：時事出版社，2009年)，頁 5。")
    assert csl["type"] == "chapter"
    assert names(csl, "editor") == ["某某基金會"]
    assert csl["container-title"] == "能源政治" and csl["title"] == "中亞能源"


def test_translated_book_keeps_author_and_translators():
    csl, loc = parse_citation("John Smith 著，王五、趙六譯，國際政治(台北市：揚智，2001 年)，頁 9。")
    assert names(csl) == ["Smith, John"]
    assert names(csl, "translator") == ["王五", "趙六"]
    assert csl["title"] == "國際政治" and csl["language"] == "zh"


def test_thesis_genre_word_gives_school():
    csl, _ = parse_citation("陳七，「邊疆研究」，政治大學碩士論文，2011 年，頁 3。")
    assert csl["type"] == "thesis" and csl["publisher"] == "政治大學" and csl["genre"] == "碩士論文"


def test_thesis_word_inside_a_title_is_not_a_genre():
    csl, _ = parse_citation("某甲主編，撰寫碩士論文手冊(台北市：正中書局，2007年)，頁 1。")
    assert csl["type"] == "book" and csl["title"] == "撰寫碩士論文手冊"


def test_newspaper_with_page_edition():
    csl, loc = parse_citation("「社論標題」，中央日報，1999 年 3 月 2 日，第 2 版。")
    assert csl["type"] == "article-newspaper" and csl["container-title"] == "中央日報"
    assert year(csl) == [1999, 3, 2] and loc == "2"


def test_web_page_with_url_and_site():
    csl, loc = parse_citation("〈某某宣言〉，新華網，http://news.example.cn/a/1.htm。")
    assert csl["type"] == "webpage" and csl["URL"] == "http://news.example.cn/a/1.htm"
    assert csl["container-title"] == "新華網" and loc is None


def test_en_chicago_article():
    csl, loc = parse_citation("Jane Doe, “Power and Order in Asia,” Asian Survey, Vol.7, No.2 (2009), pp.12-15.")
    assert csl["type"] == "article-journal" and names(csl) == ["Doe, Jane"]
    assert (csl["title"], csl["container-title"], csl["volume"], csl["issue"]) == ("Power and Order in Asia", "Asian Survey", "7", "2")
    assert year(csl) == [2009] and loc == "12-15"


def test_en_chicago_book_title_with_commas():
    csl, loc = parse_citation("Ann Lee, War, Peace, and Trade (London: Verso, 1999), p.4.")
    assert csl["type"] == "book" and csl["title"] == "War, Peace, and Trade"
    assert (csl["publisher-place"], csl["publisher"]) == ("London", "Verso") and loc == "4"


def test_en_chapter_in_edited_volume():
    csl, _ = parse_citation("Tom Hill, “Rivals,” in Ann Lee & Bo Chen eds., Asia Now (New York: Routledge, 2008), p.1.")
    assert csl["type"] == "chapter" and names(csl, "editor") == ["Lee, Ann", "Chen, Bo"]
    assert csl["container-title"] == "Asia Now"


@pytest.mark.xfail(reason="the tagger reads the title's last words, 'in Asia', as a host ('in Book'); see the README, citation tagger", strict=True)
def test_quote_inside_an_unquoted_title_is_not_the_title():
    csl, _ = parse_citation("U.S. Senate Committee on Foreign Relations, Aid and “Soft Power” in Asia (Washington DC: GPO, 2008), p.6.")
    assert csl["title"] == "Aid and “Soft Power” in Asia"
    assert csl["type"] == "report"


def test_corporate_name_is_literal_and_chinese_compound_surname_respected():
    assert to_csl("中華人民共和國外交部") == {"literal": "中華人民共和國外交部"}
    assert to_csl("歐陽修文") == {"family": "歐陽", "given": "修文"}
    assert to_csl("Hong L") == {"family": "Hong", "given": "L"}


def test_compatibility_ideographs_are_read_like_unified_ones():
    csl, _ = parse_citation("某乙著，書名(北京：人民出版社，2009 \uf98e)，頁 5。")  # U+F98E is a compatibility 年
    assert year(csl) == [2009] and csl["publisher"] == "人民出版社"


def test_nothing_is_invented_for_fields_that_are_not_printed():
    csl, loc = parse_citation("Ibid Press Reader, Anonymous Notes")
    assert "issued" not in csl and "volume" not in csl and loc is None


@pytest.mark.parametrize("raw", [
    "王大明，〈兩岸關係的新局〉，《政治學報》，第 12卷，第 4期(2010年)，頁 33。",
    "Jane Doe, “Power and Order in Asia,” Asian Survey, Vol.7, No.2 (2009), pp.12-15.",
    "石洪濤，「能源安全」（2014 年 6 月 13 日），人民網，http://www.people.com.cn/x.html。",
    "Frank Roe, “Roundtable”, Berlin, 19‐20 May,2003.",
])
def test_items_validate_against_the_csl_schema(raw):
    csl, _ = parse_citation(raw)
    jsonschema.validate([dict(csl, id="x")], SCHEMA)


def test_mainland_imprint_without_parentheses_and_simplified_page():
    csl, loc = parse_citation("高鸿钧主编：《英美法原论》，北京：北京大学出版社2013年版，第 5 页。")
    assert names(csl, "editor") == ["高鸿钧"]
    assert (csl["publisher-place"], csl["publisher"]) == ("北京", "北京大学出版社")
    assert year(csl) == [2013] and loc == "5"


def test_gbt_journal_article_with_volume_issue_and_pages():
    csl, loc = parse_citation("于潇, 刘义, 等. 互联网药品可信交易环境[J]. 清华大学学报（自然科学版）, 2012, 52(11): 1518-1523.")
    assert csl["type"] == "article-journal" and names(csl) == ["于潇", "刘义"]
    assert (csl["container-title"], csl["volume"], csl["issue"]) == ("清华大学学报（自然科学版）", "52", "11")
    assert year(csl) == [2012] and loc == "1518-1523"


def test_gbt_book_with_translators_and_abbreviated_corporate_author():
    csl, _ = parse_citation("[英]劳特派特. 奥本海国际法[M]. 王铁崖, 陈体强, 译. 8 版. 商务印书馆, 1971.")
    assert csl["author"] == [{"literal": "劳特派特"}] and names(csl, "translator") == ["王铁崖", "陈体强"]
    assert csl["publisher"] == "商务印书馆" and csl["type"] == "book"
    web, _ = parse_citation("U.S. Census Bureau. U.S. and world population clock[EB/OL]. [2019-07-03]. https://www.census.gov/popclock/.")
    assert web["author"] == [{"literal": "U.S. Census Bureau"}] and web["title"] == "U.S. and world population clock"


def test_en_several_authors_imprint_without_parentheses_and_translator():
    csl, _ = parse_citation("Ann B. Lee, Bo C. Chen and Cy D. Wu, Power in Asia, London: Verso, 2001.")
    assert names(csl) == ["Lee, Ann B.", "Chen, Bo C.", "Wu, Cy D."]
    assert (csl["title"], csl["publisher-place"], csl["publisher"]) == ("Power in Asia", "London", "Verso")
    tr, _ = parse_citation("J. Piaget, The Child, translated by H. Weaver, (Basic Books, 1969).")
    assert names(tr, "translator") == ["Weaver, H."] and tr["title"] == "The Child"


def test_a_capitalised_title_after_a_body_is_not_a_second_author():
    csl, _ = parse_citation("IEA(2010), Oil Market Report, Aug. 11, 2010。")
    assert names(csl) == ["IEA"] and csl["title"] == "Oil Market Report" and year(csl) == [2010, 8, 11]


def test_en_container_keeps_no_date_parenthesis_and_zh_journal_glued_to_its_year():
    csl, loc = parse_citation("Louis D. Brandeis, “What Publicity Can Do,” Harper’s Weekly (December 20, 1913), p. 10.")
    assert csl["container-title"] == "Harper’s Weekly" and year(csl) == [1913, 12, 20] and loc == "10"
    zh, loc = parse_citation("季卫东：《法律程序的意义》，《中国社会科学》1993年第1期，第83～103页。")
    assert (zh["container-title"], zh["issue"], year(zh), loc) == ("中国社会科学", "1", [1993], "83-103")


def test_body_in_the_container_slot_publishes_but_a_periodical_name_stays_container():
    report, _ = parse_citation("William A. Callahan, “Belt and Road”, Norwegian Institute of International Affairs, 2016, PP. 1~4.")
    assert report["type"] == "report" and report["publisher"] == "Norwegian Institute of International Affairs"
    article, _ = parse_citation("Ann Lee, “Silk Roads”, KSI Transactions on Knowledge Society, 2015, PP. 65~70.")
    assert article["type"] == "article-journal" and article["container-title"] == "KSI Transactions on Knowledge Society"


def test_a_colon_inside_a_later_unbracketed_title_does_not_split_it():
    csl, _ = parse_citation("明居正，後冷戰時期美國的全球大戰略：新現實主義的觀點(高雄市：高雄大學，2007 年)，頁 26。")
    assert csl["title"] == "後冷戰時期美國的全球大戰略：新現實主義的觀點" and names(csl) == ["明居正"]


def test_gbt_document_number_leaves_the_title_and_long_corporate_author_lists_are_names():
    std, _ = parse_citation("国家质量监督检验检疫总局, 中国国家标准化管理委员会. 信息与文献 参考文献著录规则: GB/T 7714—2015[S]. 2015.")
    assert std["title"] == "信息与文献 参考文献著录规则" and std["number"] == "GB/T 7714—2015" and std["type"] == "standard"
    book, _ = parse_citation("云南省企业联合会、云南省企业家协会、云南民族新闻文化发展研究院：《改革开放三十年》，德宏民族出版社2009年版。")
    assert book["title"] == "改革开放三十年" and len(book["author"]) == 3 and book["publisher"] == "德宏民族出版社"


@pytest.mark.parametrize("raw, kind", [
    ("张三. 论城市治理[J]. 某某学报, 2010(3): 1-10.", "article-journal"),
    ("李四. 城市治理研究[D]. 北京: 某某大学, 2012.", "thesis"),
    ("王五. 城市治理[M]. 北京: 人民出版社, 2009.", "book"),
    ("国家质量监督检验检疫总局. 信息与文献 参考文献著录规则: GB/T 7714—2015[S]. 2015.", "standard"),
    ("赵六. 某市交通报告[R/OL]. (2020-01-02)[2021-03-04]. http://x.cn/r.html.", "report"),
])
def test_a_gbt_type_code_decides_the_type(raw, kind):
    assert parse_citation(raw)[0]["type"] == kind


def test_an_identifier_goes_to_the_csl_variable_its_prefix_names():
    from citations.references.parse import Labelled, to_csl as csl_of
    text = "Ann Lee, Sea Lanes (Boston: MIT Press, 2001), ISBN 978-0-262-03384-8; PMID: 12345678."
    got = csl_of(Labelled(text, [("identifier", text.index("ISBN"), text.index(";")),
                                 ("identifier", text.index("PMID"), len(text) - 1)]))
    assert got["ISBN"] == "978-0-262-03384-8" and got["PMID"] == "12345678" and "number" not in got
    text = "信息与文献 参考文献著录规则: GB/T 7714—2015[S]"
    got = csl_of(Labelled(text, [("identifier", text.index("GB"), text.index("["))]))
    assert got["number"] == "GB/T 7714—2015"


def test_a_bodys_own_and_stays_inside_its_name():
    from citations.references.parse import split_names

    assert split_names("Groningen Growth and Development Centre")[0] == [{"literal": "Groningen Growth and Development Centre"}]
    assert split_names("Center for Strategic and International Studies")[0] == [
        {"literal": "Center for Strategic and International Studies"}]
    assert split_names("World Bank and IMF")[0] == [{"literal": "World Bank"}, {"literal": "IMF"}]
    assert split_names("Joseph Nye and Robert Keohane")[0] == [{"family": "Nye", "given": "Joseph"},
                                                               {"family": "Keohane", "given": "Robert"}]


def test_a_passage_quoted_after_a_colon_is_no_commentary_of_the_note():
    from citations.references.parse import Labelled

    text = "《漢書》卷 96〈西域傳〉上：「罽賓國……塞種分散，往往為數國。自疏勒以西北，休循、捐毒之屬，皆故塞種也。」"
    head = text.index("：")
    quoted = Labelled(text, [("title", 1, 3), ("volume", 6, 8), ("title", 9, 12), ("note", head + 2, len(text) - 2)])
    assert quoted.cites()
    # commentary of the note's own, not a quotation, still makes it a note
    prose = "《漢書》一書對西域諸國的記載，大多來自張騫與班超出使時的見聞，後世史家多有引用與辯駁。"
    assert not Labelled(prose, [("title", 1, 3), ("note", 4, len(prose))]).cites()


def test_a_taiwanese_date_printed_without_min_guo_is_a_min_guo_year():
    from citations.references.parse import date_of

    assert date_of("109 年 8 月 1 日") == [[2020, 8, 1]] and date_of("民國 95 年 3 月") == [[2006, 3]]
    assert date_of("2017 年") == [[2017]] and date_of("12 月 3 日") is None  # a Gregorian year; no year at all
