from citations.document import parse_text
from citations.footnotes import join_lines

SEP = " " * 48


def page(body: list[str], notes: list[str]) -> list[str]:
    return body + [SEP] + notes


def test_footnote_block_after_separator_becomes_footnotes_with_lines_and_pages():
    lines = page(["後冷戰時期，中國快速崛起。1因此，中國開", "始提倡和諧世界觀。2 "], ["1 許志嘉，〈中國新睦鄰外交政策〉，頁 51。 ", "2 同前註，頁 52。 "])
    lines += page([" 下一頁的內文開始，這裡說明政策。3 "], ["3 鄭羽，《中俄美在中亞》，頁 45。 "])
    doc = parse_text("\n".join(lines))
    assert [(f.seq, f.number, f.page, f.line) for f in doc.footnotes] == [(1, 1, 1, 4), (2, 2, 1, 5), (3, 3, 2, 8)]
    assert doc.footnotes[0].text == "許志嘉，〈中國新睦鄰外交政策〉，頁 51。"
    assert "許志嘉" not in doc.body


def test_wrapped_footnote_lines_join_without_space_in_cjk_and_with_space_in_latin():
    assert join_lines(["許志嘉，〈中國新睦鄰外交政策〉，第 3期(2007", "年)，頁 51。"]) == "許志嘉，〈中國新睦鄰外交政策〉，第 3期(2007年)，頁 51。"
    assert join_lines(["Yevgeny Vassilyev, “Central Asia at the Crossroads ", "to Central Asia”"]) == "Yevgeny Vassilyev, “Central Asia at the Crossroads to Central Asia”"


def test_broken_url_joins_with_nothing():
    assert join_lines(["新華網， http://big5.xinhuanet.com/gate/big5/news ", "8_10.htm。"]) == "新華網， http://big5.xinhuanet.com/gate/big5/news8_10.htm。"


def test_footnote_continued_on_next_page_is_joined_to_its_start():
    lines = page(["內文說明一件事。1 "], ["1 Dewardric Ncneal, China’s Relations with Central Asian States ", "with Terrorism (Washington DC : Library of Congress, "])
    lines += page([" 下一頁的內文。2 "], ["Issues and Implications for U.S. Interests, 2002), p.3. ", "2 Ibid., p.4. "])
    doc = parse_text("\n".join(lines))
    assert len(doc.footnotes) == 2
    assert doc.footnotes[0].text.endswith("Interests, 2002), p.3.")
    assert doc.footnotes[1].text == "Ibid., p.4."


def test_wrapped_line_starting_with_digits_stays_in_its_footnote():
    notes = ["14 馮維江，「絲綢之路經濟帶戰略」，當代亞太，2014 年 6 月，頁 73‐", "98。 ", "15 王海運等，「構想」，歐亞經濟，2014 年 4 月，", "4 月 12 日，頁 15。"]
    doc = parse_text("\n".join(page(["內文。14文字。15 "], notes)))
    assert [f.number for f in doc.footnotes] == [14, 15]
    assert doc.footnotes[0].text.endswith("頁 73‐98。")
    assert doc.footnotes[1].text.endswith("4 月 12 日，頁 15。")


def test_numbering_restart_opens_a_new_chapter_and_keeps_both_numbers():
    lines = page(["第一章的內文。1第一章還有。2 "], ["1 甲書，頁 1。", "2 乙書，頁 2。"])
    lines += page([" 第二章 結論 ", "第二章的內文。1 "], ["1 丙書，頁 3。"])
    doc = parse_text("\n".join(lines))
    assert [(f.seq, f.number, f.chapter) for f in doc.footnotes] == [(1, 1, 1), (2, 2, 1), (3, 1, 2)]


def test_body_heading_printed_after_footnote_block_goes_back_to_the_body():
    lines = page(["內文。1 "], ["1 甲書，頁 1。", "二、中國大陸能源安全與挑戰 "]) + [" 陸第十八屆三中全會確立。"]
    doc = parse_text("\n".join(lines))
    assert doc.footnotes[0].text == "甲書，頁 1。"
    assert "二、中國大陸能源安全與挑戰" in doc.body


def test_watermark_and_page_number_after_a_footnote_block_are_dropped():
    wm = ["‧", "國", "立", "政 治", "大", "學", "‧", "N", "a", "t io", "na l  Chengch i  U", "DOI:10.6814/NCCU202001412", "4\u00a0"]
    lines = page(["內文。1 "], ["1\u00a0 王術森，「安全問題研究」，蘭州大學博士論文，2017 年，頁 4‐18。\u00a0"]) + wm + ["部兩個層面系統分析。"]
    doc = parse_text("\n".join(lines))
    assert doc.footnotes[0].text == "王術森，「安全問題研究」，蘭州大學博士論文，2017 年，頁 4‐18。"
    assert "Chengch" not in doc.body and "DOI" not in doc.body and "國立" not in doc.body
    assert doc.body.endswith("部兩個層面系統分析。")


def test_deleted_footnote_leaves_a_gap_but_the_rest_still_parse():
    doc = parse_text("\n".join(page(["內文。1再說。3 "], ["1 甲書，頁 1。", "3 丙書，頁 3。"])))
    assert [f.number for f in doc.footnotes] == [1, 3]


def test_duplicated_number_glued_to_its_text_is_kept_as_a_second_footnote():
    doc = parse_text("\n".join(page(["內文。5再說。6 "], ["5郭博堯，「甲文」，頁 1。", "5王術森，「乙文」，頁 2。"])))
    assert [f.number for f in doc.footnotes] == [5, 5]
    assert doc.footnotes[1].text == "王術森，「乙文」，頁 2。"


def test_wrapped_line_starting_with_the_same_number_and_punctuation_stays_inside():
    doc = parse_text("\n".join(page(["內文。20 "], ["20 甲書，頁 19‐", "20。"])))
    assert [f.text for f in doc.footnotes] == ["甲書，頁 19‐20。"]


def test_english_closing_quote_at_a_line_end_keeps_the_word_space():
    assert join_lines(["come to stay,” ", "Russia in Global Affairs"]) == "come to stay,” Russia in Global Affairs"
