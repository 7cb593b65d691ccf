"""Span repairs after the tagger (citations/references/repair.py), on hand-made citations.

Spans are written by hand as the tagger might have produced them, so each test pins one repair
whatever a retrained model labels.
"""
from __future__ import annotations

from citations.references.parse import Labelled, locator, strip_value, to_csl
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


def test_a_periodical_span_over_a_closed_quote_without_a_title_holds_the_title_and_the_periodical():
    text = "林大同，「港口與腹地：一個比較」，東亞評論，第 4 卷第 2 期(2011 年)，頁 5。"
    got = repaired(text, ("author", "林大同"), ("container-title", "港口與腹地：一個比較」，東亞評論"), ("volume", "第 4 卷"))
    assert ("title", "港口與腹地：一個比較") in got and ("container-title", "東亞評論") in got
    # with a title of its own, the quoted periodical keeps its label
    text = "王一，〈序論〉，「東亞評論」，2011 年。"
    got = repaired(text, ("author", "王一"), ("title", "序論"), ("container-title", "東亞評論"), ("date", "2011 年"))
    assert ("title", "序論") in got and ("container-title", "東亞評論") in got


def test_one_pair_of_book_title_marks_holds_one_field():
    text = "朱明忠，〈印度的中亞外交戰略〉，《2003 年亞太地區發展報告》(北京：社會科學文獻出版社，2004 年)，頁 10。"
    got = repaired(text, ("author", "朱明忠"), ("title", "印度的中亞外交戰略"), ("container-title", "2003"),
                   ("title", "年亞太地區發展報告"), ("publisher-place", "北京"))
    assert ("container-title", "2003 年亞太地區發展報告") in got and ("title", "印度的中亞外交戰略") in got
    # a title and its periodical in two pairs stay two fields
    text = "王一，〈序論〉〈東亞評論〉，2011 年。"
    got = repaired(text, ("author", "王一"), ("title", "序論"), ("container-title", "東亞評論"), ("date", "2011 年"))
    assert ("title", "序論") in got and ("container-title", "東亞評論") in got


def test_nested_title_marks_keep_the_inner_pair():
    text = "陳一，「「新南向」的政策演變」，碩士論文，2019 年。"
    got = repaired(text, ("author", "陳一"), ("title", "「新南向」的政策演變"), ("genre", "碩士論文"), ("date", "2019 年"))
    assert ("title", "「新南向」的政策演變") in got
    assert strip_value("「「新南向」的政策演變」") == "「新南向」的政策演變"
    assert strip_value("〈「一中」的未來〉") == "「一中」的未來"


def test_an_author_span_ending_with_a_hosts_role_word_takes_that_role():
    text = "某研究所編《全球戰略》（上海市：時事出版社，2000 年），頁 488。"
    got = repaired(text, ("author", "某研究所編"), ("title", "全球戰略"))
    assert got[0] == ("editor", "某研究所編")
    text = "王某譯《大棋盤》（臺北：某出版社，1998 年）。"
    assert repaired(text, ("author", "王某譯"), ("title", "大棋盤"))[0] == ("translator", "王某譯")
    text = "王某編著《某書》（臺北：某出版社，1998 年）。"  # 編著: the author's word
    assert repaired(text, ("author", "王某編著"), ("title", "某書"))[0] == ("author", "王某編著")


def test_role_word_ends_the_author_list_and_the_rest_joins_the_translators():
    text = "Mary Stone 著，李四、周五譯，海權論(台北：遠流，1999 年)，頁 8。"
    pairs = (("author", "Mary Stone 著，李四"), ("translator", "周五譯"), ("title", "海權論"))
    got = [(lab, text[a:b]) for lab, a, b in R.role_words(text, spans(text, *pairs))]
    assert got[:3] == [("author", "Mary Stone 著"), ("translator", "李四"), ("translator", "周五譯")]
    # the whole chain of opening lists: each list up to its role word and comma, then the title
    assert repaired(text, *pairs)[:3] == [("author", "Mary Stone 著"), ("translator", "李四、周五譯"), ("title", "海權論")]


def test_a_title_read_as_one_more_translator_is_the_title():
    text = "A. B.某某著，甲乙、丙丁譯，國際安全(武漢市：某大學出版社，2009 年)，頁 59。"
    got = repaired(text, ("author", "A. B.某某著"), ("translator", "甲乙、丙丁譯，國際安全"), ("publisher-place", "武漢市"))
    assert got[:3] == [("author", "A. B.某某著"), ("translator", "甲乙、丙丁譯"), ("title", "國際安全")]
    text = "某甲、某乙主編，某丙等著，史料彙編，從理論看崛起(台北市：五南，2007 年)。"
    got = repaired(text, ("editor", "某甲、某乙主編"), ("author", "某丙等著"), ("title", "史料彙編"))
    assert got[:2] == [("editor", "某甲、某乙主編"), ("author", "某丙等著")] and ("editor", "史料彙編") not in got


def test_host_editors_and_book_before_the_imprint_and_a_place_year_imprint():
    text = "某甲，「中亞的競合」，某乙主編，深入中亞(台北市：某書館，2007 年)，頁 26。"
    got = repaired(text, ("author", "某甲"), ("title", "中亞的競合"), ("editor", "某乙主編，深入中亞"), ("publisher-place", "台北市"))
    assert ("editor", "某乙主編") in got and ("container-title", "深入中亞") in got and ("publisher", "某書館") in got
    text = "某甲著，「某報告」，某局編，安全研究報告，(台北市，2008 年)，頁 1。"
    got = repaired(text, ("author", "某甲著"), ("title", "某報告"), ("publisher", "台北市"))
    assert ("publisher-place", "台北市") in got and ("date", "2008 年") in got and "publisher" not in {l for l, _ in got}


def test_a_body_before_the_title_in_marks_is_the_author():
    text = "某某經濟合作網，「某組織的合作歷程」，(2003 年 9 月 19 日)，http://example.org。"
    got = repaired(text, ("title", "某某經濟合作網，「某組織的合作歷程」"), ("date", "2003 年 9 月 19 日"), ("url", "http://example.org"))
    assert got[:2] == [("author", "某某經濟合作網"), ("title", "「某組織的合作歷程」")]


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


def test_gbt_type_code_ends_the_title_that_starts_after_the_authors_stop():
    text = "參閱王大同. 海港史研究: 卷 2[M]. 北京: 海洋出版社, 2001: 15."
    got = repaired(text, ("signal", "參閱王大"), ("editor", "同. 海港史"), ("publisher-place", "北京"),
                   ("publisher", "海洋出版社"), ("date", "2001"), ("volume", "15"))
    assert ("title", "海港史研究") in got and ("volume", "卷 2") in got
    assert ("pages", "15") in got and ("date", "2001") in got  # GB/T: year, colon, cited page


def test_gbt_title_without_authors_keeps_its_subtitle_and_drops_the_document_number():
    text = "礦業安全規則：總則與附錄: GB/T 1234—2010[S]. 2010."
    got = repaired(text, ("author", "礦業安全規則"), ("container-title", "總則與附錄"), ("date", "2010"))
    assert got[0] == ("title", "礦業安全規則：總則與附錄") and ("date", "2010") in got
    assert ("pages", "2010") not in got  # '[M]. 2010.' is the year of a book without imprint


def test_page_after_a_crossref_is_its_locator_and_a_note_number_is_not():
    assert repaired("ibid.: 309.", ("crossref", "ibid.: 309.")) == [("crossref", "ibid."), ("pages", "309")]
    assert repaired("同上：32—40．", ("crossref", "同上"), ("pages", "40")) == [("crossref", "同上"), ("pages", "32—40")]
    assert repaired("同2: 61; 同4：6．", ("citation-number", "同2: 61")) == [
        ("crossref", "同2"), ("pages", "61"), ("crossref", "同4"), ("pages", "6")]
    assert repaired("同前注 3，頁 5。", ("crossref", "同前注 3"), ("pages", "頁 5")) == [("crossref", "同前注 3"), ("pages", "頁 5")]


def test_newspaper_page_after_a_full_date_and_numbers_end_at_the_semicolon():
    text = "陳一. 港口新聞[N]. 海峽日報, 2000-11-20(9); 李二. 潮汐[M]. 1999."
    got = repaired(text, ("author", "陳一"), ("title", "港口新聞"), ("container-title", "海峽日報"),
                   ("date", "2000-11-20"), ("volume", "9); 李"), ("editor", "二. 潮汐"))
    assert ("pages", "9") in got and [v for lab, v in got if lab == "title"] == ["港口新聞", "潮汐"]
    assert "volume" not in {lab for lab, _ in got}


def test_gbt_title_the_tagger_found_stands():
    text = "Brown v. Board of Education[A]//U.S.: Vol. 347. 1954: 483."
    got = repaired(text, ("title", "Brown v. Board of Education"), ("container-title", "U.S."), ("volume", "Vol. 347"),
                   ("date", "1954"), ("pages", "483"))
    assert got[0] == ("title", "Brown v. Board of Education")


def test_chinese_date_ends_with_its_day_and_a_year_opening_the_genre_is_the_date():
    text = "《某決定》，2014年10月23日某委員會全體會議通過。"
    assert repaired(text, ("title", "某決定"), ("date", "2014年10月23日某委員會全體會議通過"))[1] == ("date", "2014年10月23日")
    text = "余一：《語音研究》，北京某大學2000年博士學位論文，第4頁。"
    got = repaired(text, ("author", "余一"), ("title", "語音研究"), ("publisher", "北京某大學"), ("genre", "2000年博士學位論文"))
    assert ("date", "2000年") in got and ("genre", "博士學位論文") in got
    text = "載《某學報》2025年第 2 期，頁 3。"
    got = repaired(text, ("container-title", "某學報"), ("date", "2025年第"), ("issue", "2 期"), ("pages", "頁 3"))
    assert ("date", "2025年") in got and ("issue", "第 2 期") in got


def test_a_page_word_makes_a_page_and_a_full_width_point_ends_the_authors():
    text = "牛一主編：《解剖學》，第133頁，某出版社2019年版。"
    assert ("pages", "第133頁") in repaired(text, ("editor", "牛一主編"), ("title", "解剖學"), ("volume", "第133頁"))
    text = "王一．論校詩之難．某中文學報，1989(3)：458"
    got = repaired(text, ("author", "王一．論校詩之難"), ("container-title", "某中文學報"), ("date", "1989"))
    assert got[:2] == [("author", "王一"), ("title", "論校詩之難")]


def test_a_title_after_editors_with_their_colon_is_the_host_book():
    text = "趙一：〈天下與世界〉，秦二主編：《中國學者看世界》，新世界出版社2007年版，第29頁。"
    got = repaired(text, ("author", "趙一"), ("title", "天下與世界"), ("editor", "秦二主編"), ("title", "中國學者看世界"))
    assert ("container-title", "中國學者看世界") in got
    text = "趙一：《天下》，2007年；秦二主編：《國際法》，法律出版社1995年版。"  # two citations: two books
    got = repaired(text, ("author", "趙一"), ("title", "天下"), ("date", "2007年"), ("editor", "秦二主編"), ("title", "國際法"))
    assert ("title", "國際法") in got


def test_newspaper_page_word_makes_the_marked_title_and_the_paper():
    text = "《某公報》，某日報，1989 年 5 月 19 日，第 1 版。"
    got = repaired(text, ("container-title", "某公報"), ("date", "1989 年 5 月 19 日"), ("pages", "第 1"))
    assert got == [("title", "某公報"), ("container-title", "某日報"), ("date", "1989 年 5 月 19 日"), ("pages", "第 1 版")]
    text = "某某報，1996 年 4 月 22 日，版 9。"
    got = repaired(text, ("author", "某某報"), ("date", "1996 年 4 月 22 日"))
    assert got == [("container-title", "某某報"), ("date", "1996 年 4 月 22 日"), ("pages", "版 9")]
    text = "石某：「中國的“困局”」，某青年報，2004 年 6 月 15 日，第 1 版。"
    got = repaired(text, ("author", "石某"), ("title", "中國的“困局”"), ("publisher", "某青年報"), ("date", "2004 年 6 月 15 日"),
                   ("pages", "第 1 版"))
    assert ("container-title", "某青年報") in got
    # a date without its day is no newspaper's: the publisher stays
    text = "王某：《某書》，某出版社，2004 年 6 月，第 2 版。"
    got = repaired(text, ("author", "王某"), ("title", "某書"), ("publisher", "某出版社"), ("date", "2004 年 6 月"), ("edition", "第 2 版"))
    assert ("publisher", "某出版社") in got


def test_a_url_ends_at_the_space_before_a_date():
    text = "http://www.example.com 2004 年 11 月 15 日。"
    assert repaired(text, ("url", "http://www.example.com 2004 年 11 月 15 日")) == [
        ("url", "http://www.example.com"), ("date", "2004 年 11 月 15 日")]


def test_opening_names_with_an_original_in_parentheses_and_a_title_the_tagger_cut():
    text = "布某(John Brown)原著，林某譯，大棋盤(台北市：某文化，1998 年)，頁37。"
    got = repaired(text, ("author", "布某(John Brown)原著"), ("translator", "林某譯"), ("translator", "大棋盤"))
    assert got[:3] == [("author", "布某(John Brown)原著"), ("translator", "林某譯"), ("title", "大棋盤")]
    text = "林某著，歐盟「東部夥伴」計畫簡評，國際政治，2009 年第 12 期，頁 78。"
    got = repaired(text, ("author", "林某著"), ("title", "歐盟「東部夥伴」計"), ("container-title", "畫簡評，國際政治"),
                   ("date", "2009 年"), ("issue", "第 12 期"))
    assert got[1:3] == [("title", "歐盟「東部夥伴」計畫簡評"), ("container-title", "國際政治")]


def test_chinese_words_between_a_title_and_a_date_are_the_periodical_or_site():
    text = "石某，「能源安全困局」（2014 年 6 月 13 日），人民網，2016 年 5 月 12 日，http://example.cn/a.html。"
    got = repaired(text, ("author", "石某"), ("title", "能源安全困局"), ("date", "2014 年 6 月 13"), ("date", "2016 年 5 月 12 日"),
                   ("url", "http://example.cn/a.html"))
    assert ("date", "2014 年 6 月 13 日") in got and ("container-title", "人民網") in got
    text = "陳某「民族關係問題」，世界民族，2001 年 2 月，頁 31。"
    assert ("container-title", "世界民族") in repaired(text, ("author", "陳某"), ("title", "民族關係問題"), ("date", "2001 年 2 月"))
    text = "黃某，「亞太戰略」，展望與探索，第 7 卷，第 12 期(2009 年 12月)，頁 1。"
    got = repaired(text, ("author", "黃某"), ("title", "亞太戰略"), ("container-title", "展望與探索"), ("volume", "7"),
                   ("issue", "12 期"), ("date", "年 12月"))
    assert ("date", "2009 年 12月") in got


def test_a_title_in_marks_runs_to_its_closer_and_a_session_ordinal_is_the_conference_s():
    text = "Office of Defense, “Military Power of China 2007”, 2008. p1."
    got = repaired(text, ("author", "Office of Defense"), ("title", "“Military Power of China"), ("date", "2007”, 2008."))
    assert got[1] == ("title", "“Military Power of China 2007") and got[2] == ("date", ", 2008.")
    text = "傅某著，「中亞區域安全」(第 4 屆國家安全學術研討會，2008 年)，頁 303。"
    got = repaired(text, ("author", "傅某著"), ("title", "中亞區域安全"), ("volume", "第 4"), ("container-title", "屆國家安全學術研討會"))
    assert ("container-title", "第 4 屆國家安全學術研討會") in got and "volume" not in {l for l, _ in got}
    csl = to_csl(Labelled(text, repair(text, spans(text, ("author", "傅某著"), ("title", "中亞區域安全"),
                                                    ("container-title", "第 4 屆國家安全學術研討會"), ("date", "2008 年")))))
    assert csl["type"] == "paper-conference"


def test_a_title_run_over_the_month_and_day_of_its_date_ends_at_the_comma():
    text = "IEA(2010), Oil Market Report, Aug. 11, 2010。"
    got = repaired(text, ("author", "IEA"), ("date", "2010"), ("title", "Oil Market Report, Aug. 11"), ("date", "2010"))
    assert got[-2:] == [("title", "Oil Market Report"), ("date", "Aug. 11, 2010")]
    text = "Energy Agency, Gas Market Review, Mar. 3, 2012."  # the rest of the date read as a page
    got = repaired(text, ("author", "Energy Agency"), ("title", "Gas Market Review, Mar."), ("pages", "3, 2012"))
    assert got[-2:] == [("title", "Gas Market Review"), ("date", "Mar. 3, 2012")]
    text = "Ann Lee, Sea Lanes, Mar. 3, 2012, pp. 4-9."  # a page after the date stays a page
    got = repaired(text, ("author", "Ann Lee"), ("title", "Sea Lanes, Mar."), ("date", "3, 2012"), ("pages", "pp. 4-9"))
    assert got[-2:] == [("date", "Mar. 3, 2012"), ("pages", "pp. 4-9")]
    text = "Jane Doe, Peace, War, and Trade, 12 May 2001."  # a comma inside the title, no date after it: untouched
    got = repaired(text, ("author", "Jane Doe"), ("title", "Peace, War, and Trade"), ("date", "12 May 2001"))
    assert ("title", "Peace, War, and Trade") in got


def test_a_periodical_or_publisher_over_the_month_of_the_date_gives_the_month_and_day_to_the_date():
    text = "Mike Allen, “America’s first Pacific president”, POLITICO, Nov., 13, 2009, http://example.org/a."
    got = repaired(text, ("author", "Mike Allen"), ("title", "America’s first Pacific president"),
                   ("container-title", "POLITICO, Nov."), ("volume", "13"), ("date", "2009"), ("url", "http://example.org/a"))
    assert got[2:4] == [("container-title", "POLITICO"), ("date", "Nov., 13, 2009")]
    text = "Hong L, Lin S X. “Do emerging markets matter?”, Energy Policy, August, 2011, PP. 624-630."
    got = repaired(text, ("author", "Hong L, Lin S X."), ("title", "Do emerging markets matter?"), ("container-title", "Energy Policy"),
                   ("publisher", "August"), ("date", "2011"), ("pages", "PP. 624-630"))
    assert got[2:] == [("container-title", "Energy Policy"), ("date", "August, 2011"), ("pages", "PP. 624-630")]
    text = "Ann Lee, “Sea Lanes”, Foreign Affairs, July/August 2015, pp. 3-9."
    got = repaired(text, ("author", "Ann Lee"), ("title", "Sea Lanes"), ("container-title", "Foreign Affairs, July/August"),
                   ("date", "2015"), ("pages", "pp. 3-9"))
    assert got[2:4] == [("container-title", "Foreign Affairs"), ("date", "July/August 2015")]
    text = "May, Theresa, 2011, Speech, London."  # a name is no month
    got = repaired(text, ("author", "May, Theresa"), ("date", "2011"), ("title", "Speech"), ("publisher-place", "London"))
    assert got[0] == ("author", "May, Theresa")

def test_a_given_name_and_a_comma_opening_a_title_are_the_author():
    text = "Maria Ostrova, Harbours of the North (Bergen: Fjord Press, 2011), p. 4."
    got = repaired(text, ("title", "Maria Ostrova, Harbours of the North"), ("publisher-place", "Bergen"),
                   ("publisher", "Fjord Press"), ("date", "2011"), ("pages", "4"))
    assert got[:2] == [("author", "Maria Ostrova"), ("title", "Harbours of the North")]
    text = "Harbours, Ports and Piers (Bergen: Fjord Press, 2011)."
    spans_in = [("title", "Harbours, Ports and Piers"), ("publisher-place", "Bergen")]
    assert repaired(text, *spans_in)[0] == ("title", "Harbours, Ports and Piers")  # no given name: a title


def test_a_body_and_a_comma_opening_a_title_are_the_author():
    text = "Institute of Coastal Studies, Harbours of the North: A Brief Report (Bergen: Fjord Press, 2011), p. 4."
    got = repaired(text, ("title", "Institute of Coastal Studies, Harbours of the North: A Brief Report"),
                   ("publisher-place", "Bergen"), ("publisher", "Fjord Press"), ("date", "2011"), ("pages", "4"))
    assert got[:2] == [("author", "Institute of Coastal Studies"), ("title", "Harbours of the North: A Brief Report")]
    text = "Banking in the North, Harbours and Ports (Bergen: Fjord Press, 2011)."  # no body named: a title
    assert repaired(text, ("title", "Banking in the North, Harbours and Ports"), ("publisher-place", "Bergen"))[0][0] == "title"


def test_an_author_run_into_the_title_without_a_mark_ends_at_the_comma():
    text = "Northern Harbour Board of Inquiry, Silt and Tides (Oslo: Kyst, 2004), p. 6."
    got = repaired(text, ("author", "Northern Harbour"), ("title", "Board of Inquiry, Silt and Tides"),
                   ("publisher-place", "Oslo"), ("publisher", "Kyst"), ("date", "2004"), ("pages", "6"))
    assert got[:2] == [("author", "Northern Harbour Board of Inquiry"), ("title", "Silt and Tides")]
    text = "Northern Harbour Board of Inquiry, op. cit., p. 9."
    got = repaired(text, ("author", "Northern Harbour"), ("title", "Board of Inquiry"), ("crossref", "op. cit."), ("pages", "9"))
    assert got[:2] == [("author", "Northern Harbour Board of Inquiry"), ("crossref", "op. cit.")]


def test_an_unlabelled_numbered_volume_and_issue_are_volume_and_issue():
    from citations.references.repair import numbered_parts

    text = "《政治學報》，第 12卷，第 4期(2010年)"
    spans = [("container-title", 1, 5), ("date", text.index("2010"), text.index("年") + 1)]
    got = {lab: text[a:b] for lab, a, b in numbered_parts(text, spans)}
    assert got["volume"] == "12卷" and got["issue"] == "4期"
    # a part already labelled is left alone
    spans.append(("volume", text.index("12"), text.index("卷") + 1))
    assert [s for s in numbered_parts(text, spans) if s[0] == "volume"] == [spans[-1]]
    # no periodical, no issue: '第 2期計畫' is a phase; a ruling's 第 N 號 is no issue either
    plan = "行政院，國家發展計畫第 2期，2010年"
    assert not [s for s in numbered_parts(plan, [("author", 0, 3), ("title", 4, 10)]) if s[0] == "issue"]
    ruling = "司法院，《公報》，釋字第 748 號"
    assert not [s for s in numbered_parts(ruling, [("container-title", 4, 6)]) if s[0] == "issue"]
    # the unit names the field of a part labelled the other one: '第 1期' read as the volume is the issue
    text = "《政治學報》，第 10卷，第 1期，頁 9。"
    spans = [("container-title", 1, 5), ("volume", text.index("1期"), text.index("期") + 1)]
    got = {lab: text[a:b] for lab, a, b in numbered_parts(text, spans)}
    assert got == {"container-title": "政治學報", "volume": "10卷", "issue": "第 1期"}
    # '第5版' read as a volume is the edition; one span over an edition and a volume is both
    text = "《奧本海國際法》第8版上卷第1分冊，頁 471。"
    got = {lab: text[a:b] for lab, a, b in numbered_parts(text, [("title", 1, 7), ("volume", 8, text.index("，"))])}
    assert got == {"title": "奧本海國際法", "edition": "第8版", "volume": "上卷第1分冊"}


def test_a_title_cut_before_its_closer_still_finds_the_periodical_after_it():
    text = "陳某「中亞五國的民族關係問題」，世界民族，2001 年 2 月，頁 31‐32。"
    got = repaired(text, ("author", "陳某"), ("title", "中亞五國的民族關係問"), ("date", "2001 年 2 月"), ("pages", "頁 31‐32"))
    assert ("title", "中亞五國的民族關係問題") in got and ("container-title", "世界民族") in got


def test_volume_issue_and_page_printed_v_i_colon_p_are_split_whatever_the_tagger_joined():
    text = "苏一．公民权利论的迷思．环球法律评论，2017，39(5)：242"
    got = repaired(text, ("author", "苏一"), ("title", "公民权利论的迷思"), ("container-title", "环球法律评论"),
                   ("date", "2017"), ("volume", "39"), ("pages", "5)：242"))
    assert got[-3:] == [("volume", "39"), ("issue", "5"), ("pages", "242")]
    # Vancouver: the year and volume read as one volume; GB/T 7714's periodical numbered by year
    text = "Lee K. Trade. Am J Pol Sci. 2011;118(20):5489-95."
    got = repaired(text, ("author", "Lee K."), ("title", "Trade."), ("container-title", "Am J Pol Sci."),
                   ("volume", "2011;118"), ("issue", "20"), ("pages", "5489-95"))
    assert got[-4:] == [("date", "2011"), ("volume", "118"), ("issue", "20"), ("pages", "5489-95")]
    text = "张三. 倡议研究[J]. 世界经济, 2019(3-4): 62-63."
    got = repaired(text, ("author", "张三"), ("title", "倡议研究"), ("container-title", "世界经济"), ("date", "2019(3-4"), ("pages", "62-63"))
    assert got[-3:] == [("date", "2019"), ("issue", "3-4"), ("pages", "62-63")]


def test_a_year_in_the_parentheses_or_a_title_over_the_numbers_is_left_to_the_tagger():
    text = 'Clark, J. "A Study." EJ 24 (1935): 403-10.'
    pairs = (("author", "Clark, J."), ("title", "A Study."), ("container-title", "EJ"), ("volume", "24"), ("date", "1935"), ("pages", "403-10"))
    assert repaired(text, *pairs) == list(pairs)
    text = "Notes on 3(2): 5 and other puzzles. Oxford, 2001."
    pairs = (("title", "Notes on 3(2): 5 and other puzzles."), ("publisher-place", "Oxford"), ("date", "2001"))
    assert repaired(text, *pairs) == list(pairs)


def test_a_double_issue_after_the_year_in_one_date_is_the_issue():
    text = "李四：《中国外交》，《国际问题研究》2019年第3-4期，第7页。"
    got = repaired(text, ("author", "李四"), ("title", "中国外交"), ("container-title", "国际问题研究"), ("date", "2019年第3-4期"), ("pages", "第7页"))
    assert ("date", "2019年") in got and ("issue", "第3-4期") in got


def test_a_part_publisher_and_year_printed_together_are_three_fields():
    text = "邓一：《精简机构》，《文选》第2卷人民出版社1994年版。"
    got = repaired(text, ("author", "邓一"), ("title", "精简机构"), ("container-title", "文选"), ("volume", "第2卷人民出版社1994年版"))
    assert got[-3:] == [("volume", "第2卷"), ("publisher", "人民出版社"), ("date", "1994年版")]
    text = "张三：《过去与未来》，载《心理学报》，2008年第210-215页。"
    got = repaired(text, ("author", "张三"), ("title", "过去与未来"), ("container-title", "心理学报"), ("date", "2008年第210-215页"))
    assert got[-2:] == [("date", "2008年"), ("pages", "第210-215页")]
    # a title is never cut: '《人民出版社2013年版》' names a book
    text = "《人民出版社2013年版》"
    assert repaired(text, ("title", "人民出版社2013年版")) == [("title", "人民出版社2013年版")]


def test_a_numbered_juan_read_as_an_edition_is_the_volume():
    text = "《文选》第2卷，人民出版社，1994年版。"
    spans = [("container-title", 1, 3), ("edition", text.index("2卷"), text.index("卷") + 1)]
    assert [lab for lab, _, _ in R.numbered_parts(text, spans)] == ["container-title", "volume"]


def test_gbt_author_stop_ends_the_names_and_a_volume_after_the_titles_colon_is_the_volume():
    # '编' ends 长编, a title's word: not the role of the names before it
    text = "汤一. 章太炎年谱长编: 下册[M]. 北京: 中华书局, 1979: 12."
    got = repaired(text, ("author", "汤一"), ("title", "章太炎年谱长编: 下册"), ("publisher-place", "北京"),
                   ("publisher", "中华书局"), ("date", "1979"), ("pages", "12"))
    assert got[:3] == [("author", "汤一"), ("title", "章太炎年谱长编"), ("volume", "下册")]
    assert ("publisher", "中华书局") in got and "editor" not in {lab for lab, _ in got}


def test_a_physics_page_read_into_the_year_after_it_is_the_page():
    text = "A. Lecas. Tetrahedron Lett. 25, 1563 (1984)."
    got = repaired(text, ("author", "A. Lecas."), ("container-title", "Tetrahedron Lett."), ("volume", "25"), ("date", "1563 (1984)"))
    assert got[-2:] == [("pages", "1563"), ("date", "1984")]
    text = "Smith, J. History of things 1995 (2001)."  # a year before the year is a reprint's, no page
    assert repaired(text, ("author", "Smith, J."), ("title", "History of things"), ("date", "1995 (2001)"))[-1] == ("date", "1995 (2001)")


def test_a_marked_title_read_as_commentary_is_the_title_and_prose_quoting_a_name_is_not():
    text = "陳某「中亞五國的民族關係問題」，世界民族，2001 年 2 月，頁 31‐32。"
    got = repaired(text, ("note", "陳某「中亞五國的民族關係問題」，世界民族"), ("date", "2001 年 2 月"), ("pages", "頁 31‐32"))
    assert got[:3] == [("author", "陳某"), ("title", "中亞五國的民族關係問題"), ("container-title", "世界民族")]
    text = "王某，「一帶一路的風險」，中國網，http://example.org/a.htm"
    got = repaired(text, ("author", "王某"), ("note", "一帶一路的風險」，中國網，http://example.org/a.htm"))
    assert got == [("author", "王某"), ("title", "一帶一路的風險"), ("container-title", "中國網"), ("url", "http://example.org/a.htm")]
    # the whole citation read as commentary: its URL makes it a web page
    got = repaired(text, ("note", text))
    assert got == [("author", "王某"), ("title", "一帶一路的風險"), ("container-title", "中國網"), ("url", "http://example.org/a.htm")]
    text = "2010年9月，在哈薩克南部舉行重大軍事演習「和平使命2010」，雙方均利用此機會發展雙方的防務關係。"
    pairs = (("date", "2010年9月"), ("note", "在哈薩克南部舉行重大軍事演習「和平使命2010」，雙方均利用此機會發展雙方的防務關係"))
    assert repaired(text, *pairs) == list(pairs)


def test_han_characters_left_unlabelled_before_a_publisher_start_it():
    text = "張某，「史料彙編」，中華書局，1974 年，頁 29。"
    got = repaired(text, ("author", "張某"), ("title", "史料彙編"), ("publisher", "華書局"), ("date", "1974 年"), ("pages", "頁 29"))
    assert ("publisher", "中華書局") in got


def test_a_month_read_into_the_issue_belongs_to_the_date():
    text = "李某，「聯盟」，「歐亞經濟」，2015 年 3 月，第 03 期，頁 1‐64。"
    got = repaired(text, ("author", "李某"), ("title", "聯盟"), ("container-title", "歐亞經濟"), ("date", "2015 年"),
                   ("issue", "3 月，第 03 期"), ("pages", "頁 1‐64"))
    assert ("date", "2015 年 3 月") in got and ("issue", "第 03 期") in got


def test_one_number_span_over_a_volume_an_issue_and_a_date_is_all_three():
    text = "王某：《论史学》，《新史学》第9卷第1期，1998年3月，第58页。"
    got = repaired(text, ("author", "王某"), ("title", "论史学"), ("container-title", "新史学"),
                   ("volume", "第9卷第1期，1998年3月"), ("pages", "第58页"))
    assert got[-4:] == [("volume", "第9卷"), ("issue", "第1期"), ("date", "1998年3月"), ("pages", "第58页")]


def test_an_author_span_running_into_lowercase_words_has_run_over_the_title_and_place():
    text = "Vgl. David Miller, Grundsätze sozialer Gerechtigkeit, Frankfurt/M. 2008, S. 12."
    got = repaired(text, ("signal", "Vgl."), ("author", "David Miller, Grundsätze sozialer Gerechtigkeit, Frankfurt/M."),
                   ("date", "2008"), ("pages", "S. 12."))
    assert got[1:4] == [("author", "David Miller"), ("title", "Grundsätze sozialer Gerechtigkeit"), ("publisher-place", "Frankfurt/M.")]
    # particles, connectors and role words are a name list's own
    text = "Ludwig van Beethoven, and Smith, J., eds. Letters. London: Faber, 1990."
    pairs = (("author", "Ludwig van Beethoven, and Smith, J., eds."), ("title", "Letters."), ("publisher-place", "London"),
             ("publisher", "Faber"), ("date", "1990"))
    assert repaired(text, *pairs)[0] == ("author", "Ludwig van Beethoven, and Smith, J., eds.")


def test_a_thesis_genre_word_is_the_genre_however_the_tagger_cut_it():
    text = "王某，「沿線地區的安全問題研究」，蘭州大學博士論文，2017 年，頁 4‐18。"
    got = repaired(text, ("author", "王某"), ("title", "沿線地區的安全問題研究"), ("publisher", "蘭州大學"), ("genre", "博士"),
                   ("date", "2017 年"), ("pages", "頁 4‐18"))
    assert ("publisher", "蘭州大學") in got and ("genre", "博士論文") in got
    got = repaired(text, ("author", "王某"), ("title", "沿線地區的安全問題研究"), ("publisher", "蘭州大學博士論文"), ("date", "2017 年"))
    assert ("publisher", "蘭州大學") in got and ("genre", "博士論文") in got
    text = "李某，《碩士論文寫作指南》，臺北：五南，2010 年。"  # in a title the words are the title's
    assert ("title", "碩士論文寫作指南") in repaired(text, ("author", "李某"), ("title", "碩士論文寫作指南"),
                                                    ("publisher-place", "臺北"), ("publisher", "五南"), ("date", "2010 年"))


def test_a_pinpoint_after_the_articles_range_in_one_page_span_is_the_locator():
    text = "Vgl. Boshof, E.: Untersuchungen, in: Archiv 58 (1976), S. 265–339, S. 336."
    pairs = (("signal", "Vgl."), ("author", "Boshof, E."), ("title", "Untersuchungen"), ("container-title", "in: Archiv"),
             ("volume", "58"), ("date", "1976"), ("pages", "S. 265–339, S. 336."))
    got = repair(text, spans(text, *pairs))
    assert [(lab, text[a:b]) for lab, a, b in got][-2:] == [("pages", "S. 265–339"), ("pages", "S. 336.")]
    assert locator(Labelled(text, got)) == "336"


def test_a_chapters_host_after_in_is_the_container_where_none_was_found():
    text = "Ingold, Tim. 1988 The Animal in the Study of Humanity. In What Is an Animal? Tim Ingold, ed. Pp. 84–99. London: Routledge."
    got = repaired(text, ("author", "Ingold, Tim."), ("date", "1988"), ("title", "The Animal in the Study of Humanity. In What Is an Animal?"),
                   ("editor", "Tim Ingold, ed."), ("pages", "Pp. 84–99."))
    assert got[2:4] == [("title", "The Animal in the Study of Humanity."), ("container-title", "What Is an Animal?")]
    text = "Wormald, Patrick. “Bede and Benedict Biscop.” In Famulus Christi, ed. Gerald Bonner. London, 1976."
    got = repaired(text, ("author", "Wormald, Patrick."), ("title", "Bede and Benedict Biscop."), ("editor", "In Famulus Christi, ed. Gerald Bonner."))
    assert got[2:4] == [("container-title", "Famulus Christi"), ("editor", "Gerald Bonner.")]
    text = "Proust, Marcel. In Search of Lost Time. New York: Modern Library, 2003."  # a title opening with 'In'
    assert ("title", "In Search of Lost Time.") in repaired(text, ("author", "Proust, Marcel."), ("title", "In Search of Lost Time."))


def test_an_author_in_the_gbt_titles_own_part_is_the_titles_start():
    text = "中国大百科全书·法学[M]. 北京: 中国大百科全书出版社, 1984: 478."
    got = repaired(text, ("author", "中国大百科全"), ("title", "书·法学"), ("publisher-place", "北京"), ("publisher", "中国大百科全书出版社"),
                   ("date", "1984"), ("pages", "478"))
    assert got[0] == ("title", "中国大百科全书·法学") and "author" not in {lab for lab, _ in got}
    text = "阿扬．谈谈记忆［M］．北京：某出版社，2010．"  # the authors' stop: the author stands
    assert repaired(text, ("author", "阿扬"), ("title", "谈谈记忆"), ("publisher-place", "北京"))[0] == ("author", "阿扬")


def test_a_date_read_over_the_page_printed_after_it_is_the_date_then_the_page():
    text = "SANTOS F. Stories[N/OL]. The New York Times, 2019-01-11(274)."
    got = repaired(text, ("author", "SANTOS F."), ("title", "Stories"), ("container-title", "The New York Times"), ("date", "2019-01-11(274)"))
    assert got[-2:] == [("date", "2019-01-11"), ("pages", "274")]
    text = "BRANDEIS L D. What publicity can do[J]. Harper’s Weekly, 1913: 107-116."
    got = repaired(text, ("author", "BRANDEIS L D."), ("title", "What publicity can do"), ("container-title", "Harper’s Weekly"), ("date", "1913: 107-116"))
    assert got[-2:] == [("date", "1913"), ("pages", "107-116")]


def test_an_abbreviated_journal_word_after_initials_first_names_starts_the_periodical():
    text = "E.I. Guendelman, I. Shilon, Class. Quant. Grav. 26, 045007 (2009)"
    got = repaired(text, ("author", "E.I. Guendelman, I. Shilon, Class."), ("container-title", "Quant. Grav."), ("volume", "26"))
    assert got[:2] == [("author", "E.I. Guendelman, I. Shilon"), ("container-title", "Class. Quant. Grav.")]
    text = "Smith, John. Politics. Journal of Things 4 (2001)."  # 'Family, Given': John is a name
    got = repaired(text, ("author", "Smith, John."), ("container-title", "Politics. Journal of Things"))
    assert got[0] == ("author", "Smith, John.")


def test_an_identifier_in_a_registered_shape_is_an_identifier_whatever_the_tagger_read():
    text = "H. Lipkin, Phys. Lett. B 348, 604 (1995) [hep -ph/9501269]; Stat. 19 716-723. MR0423716; arXiv :1107 .1553."
    got = repaired(text, ("author", "H. Lipkin"), ("container-title", "Phys. Lett. B"), ("volume", "348"), ("pages", "604"),
                   ("date", "1995"), ("note", "hep -ph/9501269]; Stat."), ("volume", "19 716-723. MR"), ("pages", "0423716"),
                   ("title", "arXiv :1107 .1553"))
    assert [v for lab, v in got if lab == "identifier"] == ["hep -ph/9501269", "MR0423716", "arXiv :1107 .1553"]
    assert ("note", "Stat.") in got and ("volume", "19 716-723.") in got


def test_an_identifier_inside_a_link_stays_in_the_link():
    text = "Lee, Time. https://arxiv.org/abs/hep-ph/9501269"
    got = repaired(text, ("author", "Lee"), ("title", "Time."), ("url", "https://arxiv.org/abs/hep-ph/9501269"))
    assert got[-1] == ("url", "https://arxiv.org/abs/hep-ph/9501269") and "identifier" not in [lab for lab, _ in got]


def test_one_number_span_over_a_periodicals_volume_and_page_is_both():
    text = "O. Gron, S. Johannesen, Eur. Phys. J. Plus 126, 89 (2011)"
    got = repaired(text, ("author", "O. Gron, S. Johannesen"), ("container-title", "Eur. Phys. J. Plus"), ("volume", "126, 89"),
                   ("date", "2011"))
    assert got[2:4] == [("volume", "126"), ("pages", "89")]
    text = "Smith, J. Title. Int. J. Cosmet. Sci., 2011, 33, 210–221."
    got = repaired(text, ("author", "Smith, J."), ("title", "Title."), ("container-title", "Int. J. Cosmet. Sci."), ("date", "2011"),
                   ("pages", "33, 210–221."))
    assert got[-2:] == [("volume", "33"), ("pages", "210–221")]
    # a newspaper's pages in brackets, and a book's pages, stay one span
    text = "张三. 中国心理学与奥林匹克[N]. 新华日报, 2008-08-08(2, 5-7)."
    pairs = (("author", "张三"), ("title", "中国心理学与奥林匹克"), ("container-title", "新华日报"), ("date", "2008-08-08"), ("pages", "2, 5-7"))
    assert repaired(text, *pairs)[-1] == ("pages", "2, 5-7")
    text = "张三：《中国心理学与奥林匹克》，《新华日报》2008年8月8日，第2, 5-7版。"
    pairs = (("author", "张三"), ("title", "中国心理学与奥林匹克"), ("container-title", "新华日报"), ("date", "2008年8月8日"), ("pages", "2, 5-7"))
    assert "volume" not in {lab for lab, _ in repaired(text, *pairs)}
    text = "Smith, J. A Book. London: Faber, 1990, 2, 5-7."
    assert repaired(text, ("author", "Smith, J."), ("title", "A Book."), ("publisher-place", "London"), ("publisher", "Faber"),
                    ("date", "1990"), ("pages", "2, 5-7."))[-1][0] == "pages"


def test_a_page_printed_after_a_year_in_brackets_read_into_the_date_is_the_page():
    text = "L. Volkova, Yad. Fiz. 31 (1980) 1510."
    got = repaired(text, ("author", "L. Volkova"), ("container-title", "Yad. Fiz."), ("volume", "31"), ("date", "1980) 1510."))
    assert got[-2:] == [("date", "1980"), ("pages", "1510")]
    # a page found elsewhere: the date is left as the tagger read it
    text = "Smith, J. Title. Journal 5 (1980) 1510, pp. 3-4."
    pairs = (("author", "Smith, J."), ("title", "Title."), ("container-title", "Journal"), ("volume", "5"), ("date", "1980) 1510"),
             ("pages", "pp. 3-4."))
    assert ("date", "1980) 1510") in repaired(text, *pairs)


def test_a_last_year_like_number_after_the_volume_of_a_dated_citation_is_the_page():
    text = "Shen S., Wadsley J., 2010, MNRAS, 407, 1581"
    got = repaired(text, ("author", "Shen S., Wadsley J."), ("date", "2010"), ("container-title", "MNRAS"), ("volume", "407"), ("date", "1581"))
    assert got[-1] == ("pages", "1581")
    # undated otherwise, the number is the year
    text = "Shen S., MNRAS, 407, 2010"
    got = repaired(text, ("author", "Shen S."), ("container-title", "MNRAS"), ("volume", "407"), ("date", "2010"))
    assert got[-1] == ("date", "2010")


def test_a_classical_works_juan_and_chapter_after_its_title_are_the_volume_and_the_section():
    text = "司馬遷，《史記》卷一百二十三〈大宛列傳〉，北京：中華書局，1959 年，頁 3160。"
    csl = to_csl(Labelled(text, repair(text, spans(text, ("author", "司馬遷"), ("title", "史記"), ("publisher-place", "北京"),
                                                    ("publisher", "中華書局"), ("date", "1959 年")))))
    assert (csl["title"], csl["volume"], csl["section"]) == ("史記", "一百二十三", "大宛列傳")
    text = "歐陽修：《新唐書》卷二二一上《西域傳上》，中華書局1975年版。"  # the chapter in 《》 is no periodical
    csl = to_csl(Labelled(text, repair(text, spans(text, ("author", "歐陽修"), ("title", "新唐書"), ("title", "西域傳上"),
                                                    ("publisher", "中華書局")))))
    assert (csl["volume"], csl["section"]) == ("二二一", "西域傳上") and "container-title" not in csl
    text = "《漢書》卷 96〈西域傳〉上。"  # the juan read as a page
    got = repaired(text, ("title", "漢書"), ("pages", "96"))
    assert got == [("title", "漢書"), ("volume", "96")]
    text = "張某，《中亞史》，卷首語，2001 年。"  # no 卷 right after the title: nothing read
    csl = to_csl(Labelled(text, repair(text, spans(text, ("author", "張某"), ("title", "中亞史"), ("date", "2001 年")))))
    assert "section" not in csl and "volume" not in csl


def test_an_unmarked_title_over_the_periodical_before_the_year_and_issue_ends_at_its_last_comma():
    text = "林霖著，歐盟「東部夥伴關係」計畫簡評，國際政治，2009 年第 12 期(2009 年 12 月)，頁 78-81。"
    got = repaired(text, ("author", "林霖著"), ("title", "歐盟「東部夥伴關係」計畫簡評，國際政治"), ("date", "2009 年"),
                   ("issue", "第 12 期"), ("date", "2009 年 12 月"), ("pages", "頁 78-81"))
    assert got[1:3] == [("title", "歐盟「東部夥伴關係」計畫簡評"), ("container-title", "國際政治")]
    text = "王某，中國與世界，北京，2009 年。"  # a book's place: no issue or volume, left alone
    assert repaired(text, ("author", "王某"), ("title", "中國與世界，北京"), ("date", "2009 年"))[1] == ("title", "中國與世界，北京")


def test_a_conference_read_as_the_publisher_of_a_paper_is_its_host():
    text = "傅仁坤、張益銘著，「中亞區域安全」(第 4 屆恐怖主義與國家安全學術研討會，2008 年)，頁 303-309。"
    got = repaired(text, ("author", "傅仁坤、張益銘著"), ("title", "中亞區域安全"), ("publisher", "第 4 屆恐怖主義與國家安全學術研討會"),
                   ("date", "2008 年"), ("pages", "頁 303-309"))
    assert ("container-title", "第 4 屆恐怖主義與國家安全學術研討會") in got
    text = "王某，《中亞研究》，中華書局，2008 年。"  # a publisher that is no meeting stays
    assert ("publisher", "中華書局") in repaired(text, ("author", "王某"), ("title", "中亞研究"), ("publisher", "中華書局"), ("date", "2008 年"))


def test_an_editor_span_over_the_edited_books_title_gives_the_title_back():
    text = "Ghost Stories. Ed. Peter Washington. New York: Alfred A. Knopf, 2008."
    got = repaired(text, ("editor", "Ghost Stories. Ed. Peter Washington."), ("publisher-place", "New York"),
                   ("publisher", "Alfred A. Knopf"), ("date", "2008."))
    assert got[:2] == [("title", "Ghost Stories"), ("editor", "Ed. Peter Washington.")]
    text = "Görner, Rüdiger and Angus Nicholls, editors. In the Embrace of the Swan. Walter de Gruyter, 2010."
    got = repaired(text, ("editor", "Görner, Rüdiger and Angus Nicholls, editors. In the Embrace of the Swan."),
                   ("publisher", "Walter de Gruyter"), ("date", "2010."))
    assert got[:2] == [("editor", "Görner, Rüdiger and Angus Nicholls, editors."), ("title", "In the Embrace of the Swan.")]
    text = "Smith, John, and Ann Lee, eds. 2001. Oxford: Clarendon."  # names and their role only: left alone
    got = repaired(text, ("editor", "Smith, John, and Ann Lee, eds."), ("date", "2001."), ("publisher-place", "Oxford"))
    assert got[0] == ("editor", "Smith, John, and Ann Lee, eds.")


def test_a_body_named_like_a_meeting_stays_the_publisher():
    text = "Jim Nichol, Central Asia’s Security (Washington DC : Library of Congress, 2009)."
    got = repaired(text, ("author", "Jim Nichol"), ("title", "Central Asia’s Security"), ("publisher-place", "Washington DC"),
                   ("publisher", "Library of Congress"), ("date", "2009"))
    assert ("publisher", "Library of Congress") in got
