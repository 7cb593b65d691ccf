"""Span repairs after the tagger (citations/references/repair.py), on hand-made citations.

Spans are written by hand as the tagger might have produced them, so each test pins one repair
whatever a retrained model labels.
"""
from __future__ import annotations

from citations.references.parse import Labelled, strip_value, to_csl
from citations.references import repair as R
from citations.references.repair import repair, shared_role


def spans(text: str, *pairs: tuple[str, str]) -> list[tuple[str, int, int]]:
    """(label, printed value) pairs -> spans, each found after the previous one."""
    out, at = [], 0
    for lab, value in pairs:
        a = text.index(value, at)
        out.append((lab, a, a + len(value)))
        at = a + len(value)
    return out


def repaired(text: str, *pairs: tuple[str, str]) -> list[tuple[str, str]]:
    return [(lab, text[a:b]) for lab, a, b in repair(text, spans(text, *pairs))]


def test_url_announcing_word_is_no_place():
    text = "王小明，〈海上絲路〉，2012 年 3 月 4 日，網址：http://example.org/a.html"
    got = repaired(text, ("author", "王小明"), ("title", "海上絲路"), ("date", "2012 年 3 月 4 日"),
                   ("publisher-place", "網址"), ("url", "http://example.org/a.html"))
    assert ("publisher-place", "網址") not in got and got[-1] == ("url", "http://example.org/a.html")


def test_title_ends_at_the_closer_of_its_mark_and_the_rest_is_the_periodical():
    text = "林大同，「港口與腹地：一個比較」，東亞評論，2011 年第 2 期，頁 5。"
    got = repaired(text, ("author", "林大同"), ("title", "港口與腹地：一個比較」，東亞評論"), ("date", "2011 年"), ("issue", "第 2 期"))
    assert ("title", "港口與腹地：一個比較") in got and ("container-title", "東亞評論") in got


def test_nested_title_marks_keep_the_inner_pair():
    text = "陳一，「「新南向」的政策演變」，碩士論文，2019 年。"
    got = repaired(text, ("author", "陳一"), ("title", "「新南向」的政策演變"), ("genre", "碩士論文"), ("date", "2019 年"))
    assert ("title", "「新南向」的政策演變") in got
    assert strip_value("「「新南向」的政策演變」") == "「新南向」的政策演變"
    assert strip_value("〈「一中」的未來〉") == "「一中」的未來"


def test_role_word_ends_the_author_list_and_the_rest_joins_the_translators():
    text = "Mary Stone 著，李四、周五譯，海權論(台北：遠流，1999 年)，頁 8。"
    got = repaired(text, ("author", "Mary Stone 著，李四"), ("translator", "周五譯"), ("title", "海權論"))
    assert got[:3] == [("author", "Mary Stone 著"), ("translator", "李四"), ("translator", "周五譯")]


def test_opening_names_ended_by_a_role_word_are_the_names():
    text = "臺灣省文獻委員會編印，臺灣史料彙編(南投：文獻會，1990 年)，頁 2。"
    got = repaired(text, ("publisher", "文獻委員會"), ("title", "臺灣史料彙編"), ("publisher-place", "南投"),
                   ("publisher", "文獻會"), ("date", "1990 年"))
    assert got[0] == ("editor", "臺灣省文獻委員會編印") and ("title", "臺灣史料彙編") in got


def test_opening_names_cut_a_title_that_swallowed_them():
    text = "海洋研究中心編，海洋年鑑-2010(高雄：海洋出版社，2011 年)。"
    got = repaired(text, ("title", "海洋研究中心編，海洋年鑑"), ("date", "2010"), ("publisher-place", "高雄"))
    assert got[:2] == [("editor", "海洋研究中心編"), ("title", "海洋年鑑-2010")]  # up to the imprint: the year is the title's


def test_two_name_lists_with_their_roles_are_left_to_the_tagger():
    text = "Paul Roy 著、吳六譯，冷戰史(北京：三聯，2005 年)。"
    pairs = (("author", "Paul Roy 著"), ("translator", "吳六譯"), ("title", "冷戰史"), ("publisher-place", "北京"),
             ("publisher", "三聯"), ("date", "2005 年"))
    assert repaired(text, *pairs) == list(pairs)


def test_the_word_after_place_colon_is_the_publisher():
    text = "黃七，海洋政策(台中：晨星文化事業有限公司，2004 年)，頁 3。"
    got = repaired(text, ("author", "黃七"), ("title", "海洋政策"), ("publisher-place", "台中"),
                   ("title", "晨星文化事業有限公司"), ("date", "2004 年"))
    assert ("publisher", "晨星文化事業有限公司") in got


def test_an_unlabelled_publisher_after_place_colon_is_found():
    text = "黃七，海洋政策(台中：晨星，2004 年)，頁 3。"
    got = repaired(text, ("author", "黃七"), ("title", "海洋政策"), ("publisher-place", "台中"), ("date", "2004 年"))
    assert ("publisher", "晨星") in got


def test_a_body_before_the_title_with_an_imprint_publisher_is_the_author():
    text = "Institute of Ocean Affairs, Ports and Power (London: Ocean Press, 2010), p. 9."
    got = repaired(text, ("publisher", "Institute of Ocean Affairs"), ("title", "Ports and Power"),
                   ("publisher-place", "London"), ("publisher", "Ocean Press"), ("date", "2010"))
    assert got[0] == ("author", "Institute of Ocean Affairs")


def test_a_name_joined_to_an_editor_before_the_host_title_is_an_editor():
    text = "Kim Park, “Straits,” in Joe Ray & Ada Wu eds., Sea Lanes (Boston: Beacon, 2003), p. 2."
    got = repaired(text, ("author", "Kim Park"), ("title", "Straits"), ("container-title", "in Joe Ray"),
                   ("editor", "Ada Wu eds."), ("container-title", "Sea Lanes"))
    assert ("editor", "Joe Ray") in got and ("editor", "Ada Wu eds.") in got


def test_an_author_after_the_title_followed_by_a_date_is_the_periodical():
    text = "趙八，錢九，「鐵路與邊疆」，交通史，2016 年 5 月，頁 1-9。"
    got = repaired(text, ("author", "趙八，錢九"), ("title", "鐵路與邊疆"), ("author", "交通史"), ("date", "2016 年 5 月"))
    assert ("container-title", "交通史") in got


def test_an_author_after_the_title_after_in_is_an_editor():
    text = "Lee Ann, “Ports,” in Bo Chen, Sea Power, London: Verso, 2001."
    got = repaired(text, ("author", "Lee Ann"), ("title", "Ports"), ("author", "Bo Chen"), ("container-title", "Sea Power"))
    assert ("editor", "Bo Chen") in got


def test_a_lone_host_of_an_edited_book_is_its_title():
    text = "孫十主編，邊疆研究(台北：三民，2000 年)，頁 4。"
    got = repaired(text, ("editor", "孫十主編"), ("container-title", "邊疆研究"), ("publisher-place", "台北"), ("publisher", "三民"))
    assert ("title", "邊疆研究") in got
    csl = to_csl(Labelled(text, repair(text, spans(text, ("editor", "孫十主編"), ("container-title", "邊疆研究"),
                                                   ("publisher-place", "台北"), ("publisher", "三民")))))
    assert csl["type"] == "book" and csl["title"] == "邊疆研究"


def test_commentary_between_the_author_and_the_imprint_is_the_title():
    text = "周甲，邊境貿易史稿(上海：學林，1997 年)，頁 6。"
    got = repaired(text, ("author", "周甲"), ("note", "邊境貿易史稿"), ("publisher-place", "上海"), ("publisher", "學林"))
    assert ("title", "邊境貿易史稿") in got


def test_a_long_non_name_at_the_end_of_a_chinese_author_list_is_the_title():
    text = "吳乙，東南亞華人社會變遷(廈門：鷺江，2001 年)，頁 7。"
    got = repaired(text, ("author", "吳乙，東南亞華人社會變遷"), ("publisher-place", "廈門"), ("publisher", "鷺江"))
    assert got[:2] == [("author", "吳乙"), ("title", "東南亞華人社會變遷")]


def test_a_citation_with_its_title_is_left_alone():
    text = "Ann Lee, Sea Power (London: Verso, 1999), p. 4."
    pairs = (("author", "Ann Lee"), ("title", "Sea Power"), ("publisher-place", "London"), ("publisher", "Verso"),
             ("date", "1999"), ("pages", "p. 4."))
    assert repaired(text, *pairs) == list(pairs)


def test_a_role_word_ending_a_list_is_every_names_role():
    text = "B. K. Sen、T. R. Das 編，季風亞洲，上海：人民，1980 年，頁 8。"
    got = shared_role(text, spans(text, ("author", "B. K. Sen"), ("editor", "T. R. Das 編"), ("title", "季風亞洲")))
    assert [s[0] for s in got] == ["editor", "editor", "title"]
    text = "B. K. Sen、T. R. Das 編：季風亞洲(上海：人民，1980 年)，頁 8。"
    csl = to_csl(Labelled(text, repair(text, spans(text, ("author", "B. K. Sen"), ("editor", "T. R. Das 編"), ("title", "季風亞洲")))))
    assert "author" not in csl and len(csl["editor"]) == 2 and csl["title"] == "季風亞洲"


def test_a_question_mark_after_a_title_and_a_middle_dot_chapter_belong_to_the_title():
    text = "Jo Kim, “Is the Sea “Open”?” Ocean Review 2 (2001): 3."
    got = repaired(text, ("author", "Jo Kim"), ("title", "Is the Sea “Open"), ("container-title", "Ocean Review"))
    assert ("title", "Is the Sea “Open”?") in got
    text = "班固，「漢書‧地理志」，頁 12。"
    got = repaired(text, ("author", "班固"), ("title", "漢書"), ("pages", "頁 12"))
    assert ("title", "漢書‧地理志") in got


def test_full_dates_and_a_last_page_left_unlabelled_are_found():
    text = "Lab Group, “Sea Report 2010”, Nov. 3, 2011. p7."
    got = repaired(text, ("author", "Lab Group"), ("title", "Sea Report 2010"))
    assert ("date", "Nov. 3, 2011") in got and ("pages", "p7") in got
    text = "王丙，〈港口〉，《海洋》，2009 年第 2 期，(2009 年 6月)，頁 3。瀏覽日期：2020 年 1 月 2 日"
    got = repaired(text, ("author", "王丙"), ("title", "港口"), ("container-title", "海洋"), ("date", "2009 年"),
                   ("issue", "第 2 期"), ("pages", "頁 3"))
    assert ("date", "2009 年 6月") in got and ("accessed", "2020 年 1 月 2 日") in got


def test_unlabelled_quoted_text_is_the_title_of_a_citation_without_one():
    text = "Yu K, Ma L. “Ports and trade in the long run”, Sea Policy, 2011, pp. 4-9."
    got = repaired(text, ("author", "Yu K, Ma L."), ("container-title", "Sea Policy"), ("date", "2011"), ("pages", "pp. 4-9"))
    assert ("title", "Ports and trade in the long run") in got


def test_commentary_after_a_title_colon_before_the_imprint_is_the_subtitle():
    text = "何丁，海權與陸權：一個比較的觀點(台北：三民，2003 年)，頁 5。"
    got = repaired(text, ("author", "何丁"), ("title", "海權與陸權"), ("note", "一個比較的觀點"), ("publisher-place", "台北"))
    assert ("title", "海權與陸權：一個比較的觀點") in got


def test_a_year_glued_to_its_issue_is_split():
    text = "孔戊：《海商法》，《法学研究》2001年第3期，第5页。"
    got = repaired(text, ("author", "孔戊"), ("title", "海商法"), ("container-title", "法学研究"), ("date", "2001年第3期"))
    assert ("date", "2001年") in got and ("issue", "第3期") in got


def test_a_stray_closer_inside_a_title_does_not_cut_it():
    text = "「『港口－上篇』」貨運量 5%，三大港口」，航運通訊社(2010 年 1 月 2 日)。"
    got = repaired(text, ("title", "『港口－上篇』」貨運量 5%，三大港口"), ("container-title", "航運通訊社"))
    assert got[0] == ("title", "『港口－上篇』」貨運量 5%，三大港口")


def test_an_imprint_in_parentheses_is_place_publisher_and_year():
    text = "錢丁，邊疆研究方法(台北縣：韋伯文化，2006 年)，頁 9。"
    got = repaired(text, ("author", "錢丁"), ("title", "邊疆研究方法(台北縣"), ("author", "韋伯文化"), ("date", "2006 年"))
    assert got[:5] == [("author", "錢丁"), ("title", "邊疆研究方法"), ("publisher-place", "台北縣"),
                       ("publisher", "韋伯文化"), ("date", "2006 年")]
    text = "Kim Lee, Sea Lanes (New York: Harbor Books, 2001), p. 2."
    got = repaired(text, ("author", "Kim Lee"), ("title", "Sea Lanes"), ("editor", "New York"), ("publisher", "Harbor Books"))
    assert ("publisher-place", "New York") in got and ("date", "2001") in got


def test_commentary_between_a_title_and_an_issue_is_the_periodical():
    text = "方己，「港口的未來」，東亞海運市場，7 期(2004 年)，頁 3。"
    got = repaired(text, ("author", "方己"), ("title", "港口的未來"), ("note", "東亞海運市場"), ("issue", "7 期"), ("date", "2004 年"))
    assert ("container-title", "東亞海運市場") in got


def test_the_run_between_opening_names_and_the_imprint_is_the_title():
    text = "宋庚著，臺灣「新南向」與東協研究(台北市：揚智，2010 年)，頁 4。"
    got = repaired(text, ("author", "宋庚著"), ("author", "臺灣"), ("title", "新南向"), ("container-title", "與東協研究"),
                   ("publisher-place", "台北市"), ("publisher", "揚智"), ("date", "2010 年"))
    assert got[:5] == [("author", "宋庚著"), ("title", "臺灣「新南向」與東協研究"), ("publisher-place", "台北市"),
                       ("publisher", "揚智"), ("date", "2010 年")]


def test_what_follows_the_closing_page_and_full_stop_is_no_field():
    text = "朱辛主編，港口研究(天津：人民，2003 年)，頁 6-7。貨運委員會 理事會"
    got = repaired(text, ("editor", "朱辛主編"), ("title", "港口研究"), ("pages", "頁 6-7"), ("container-title", "貨運委員會"))
    assert got[-1] == ("note", "貨運委員會")


def test_unlabelled_words_between_a_title_and_its_volume_are_the_periodical():
    text = "王小明，「區域安全的新架構」，國際關係學刊，第 12 卷第 3 期(2010 年)，頁 5。"
    t0 = text.index("區域")
    t1 = text.index("」")
    v0 = text.index("12 卷")
    spans = [("author", 0, 3), ("title", t0, t1), ("volume", v0, v0 + 4)]
    out = R.periodical_before_issue(text, spans)
    assert ("container-title", text.index("國際"), text.index("國際") + 6) in out


def test_a_gap_with_digits_is_not_taken_as_the_periodical():
    text = "「某篇名」，2009 年，第 4 期。"
    spans = [("title", 1, 4), ("issue", text.index("第"), text.index("期") + 1)]
    assert R.periodical_before_issue(text, spans) == spans


def test_a_title_run_over_the_month_and_day_of_its_date_ends_at_the_comma():
    text = "IEA(2010), Oil Market Report, Aug. 11, 2010。"
    got = repaired(text, ("author", "IEA"), ("date", "2010"), ("title", "Oil Market Report, Aug. 11"), ("date", "2010"))
    assert got[-2:] == [("title", "Oil Market Report"), ("date", "Aug. 11, 2010")]
    text = "Jane Doe, Peace, War, and Trade, 12 May 2001."  # a comma inside the title, no date after it: untouched
    got = repaired(text, ("author", "Jane Doe"), ("title", "Peace, War, and Trade"), ("date", "12 May 2001"))
    assert ("title", "Peace, War, and Trade") in got
