from citations.layout import Kind, classify

WATERMARK = ["‧", "國", "", "立", "政 治", "", "大", "學", "‧", "N", "a", "t io", "na l  Chengch i  U", "niv", "ers", "i t", "y"]


def kinds(text):
    return [(ln.text, ln.kind) for ln in classify(text)]


def test_watermark_broken_over_short_lines_is_noise():
    text = "\n".join(["本文探討中國的中亞政策與上海合作組織的發展。"] + WATERMARK + ["這是下一頁的內文，內容很長很長。"])
    out = kinds(text)
    assert all(k in (Kind.NOISE, Kind.BLANK) for t, k in out[1:-1])
    assert out[0][1] == Kind.TEXT and out[-1][1] == Kind.TEXT


def test_short_lines_that_are_not_a_run_stay_text():
    out = kinds("表 2-1\n國\n內文繼續，這裡有一段很長的文字。")
    assert [k for _, k in out] == [Kind.TEXT, Kind.TEXT, Kind.TEXT]


def test_doi_line_and_the_page_number_beside_it_mark_a_page_end():
    out = kinds("內文。\nDOI:10.6814/NCCU202001412\n4\u00a0\n下一頁")
    assert out[1][1] == Kind.PAGE_MARK and out[2][1] == Kind.PAGE_MARK


def test_page_number_next_to_a_watermark_is_a_page_mark():
    out = kinds("\n".join(["內文。"] + WATERMARK + [" 45", "下一頁"]))
    assert out[-2][1] == Kind.PAGE_MARK


def test_lone_number_in_running_text_is_kept_for_the_marker_stage():
    out = kinds("的 10 倍，\n122\n可見中國的石油對外依存度")
    assert out[1][1] == Kind.NUMBER


def test_separator_of_spaces_or_nbsp():
    assert kinds(" " * 48)[0][1] == Kind.SEPARATOR
    assert kinds("\u00a0" * 55)[0][1] == Kind.SEPARATOR
    assert kinds("   ")[0][1] == Kind.BLANK


def test_form_feed_is_a_page_break():
    out = classify("第一頁\f第二頁")
    assert [ln.kind for ln in out] == [Kind.TEXT, Kind.PAGE_BREAK, Kind.TEXT]
    assert out[2].no == 1
