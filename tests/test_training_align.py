"""training/sources.align_item and render.unwrap: the labels of a rendered note come from how CSL prints
the item's fields. These labels are both training data and the bench's gold, so each rule here is a
general fact of CSL rendering (citeproc-js), pinned on a hand-made note."""
from __future__ import annotations

from training import render as R
from training import sources as S


def labelled(text: str, spans) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a, b, lab in spans:
        out.setdefault(lab, []).append(text[a:b])
    return out


def align(text: str, item: dict, locator: str | None = None) -> dict[str, list[str]]:
    return labelled(text, S.align_item(text, item, locator))


BOOK = {"type": "book", "title": "Wiener Hitze", "publisher": "Park Books", "publisher-place": "Zürich",
        "issued": {"date-parts": [["2023"]]}}


def test_a_page_given_in_the_items_note_field_is_labelled_as_citeproc_prints_it():
    # citeproc-js reads 'page: 78' in `note` (Zotero's Extra) as the page variable
    got = align("Wiener Hitze[M]. Zürich: Park Books, 2023: 78.", {**BOOK, "note": "page: 78\ntex.entrytype: book"})
    assert got["pages"] == ["78"] and got["date"] == ["2023"]


def test_note_field_lines_after_free_text_are_not_variables():
    assert S.note_fields({"note": "page: 78\nSome remark\nvolume: 3"}) == {"note": "page: 78\nSome remark\nvolume: 3", "page": "78"}
    assert S.note_fields({"page": "5", "note": "page: 78"})["page"] == "5"  # only an empty field is filled


def test_a_page_is_a_whole_number_never_a_digit_of_the_date():
    item = {"type": "article-newspaper", "title": "上海各路商界总联合会致外交部电", "container-title": "民国日报", "page": "4",
            "issued": {"date-parts": [["1925", 8, 14]]}}
    text = "上海各路商界总联合会致外交部电[N]. 民国日报, 1925-08-14(4)."
    got = align(text, item)
    assert got["date"] == ["1925-08-14"] and got["pages"] == ["4"]


def test_the_printed_month_and_day_join_the_year():
    item = {"title": "一名基层法官眼里好律师的样子", "issued": {"date-parts": [["2018", 12, 1]]}}
    assert align("一名基层法官眼里好律师的样子[EB/OL]. (2018-12-01).", item)["date"] == ["2018-12-01"]
    item = {"title": "People at High Risk", "issued": {"date-parts": [["2018", 1, 23]]}}
    assert align("“People at High Risk,” 23 January 2018.", item)["date"] == ["23 January 2018"]


def test_a_word_before_the_year_is_no_month_when_the_item_has_none():
    assert align("Wiener Hitze, Park Books Press 2023.", BOOK)["date"] == ["2023"]


def test_a_year_range_is_one_date():
    item = {"title": "The Wire", "note": "issued: 2002/2008", "issued": {"date-parts": [["2002"]]}}
    assert align("The Wire, HBO, 2002–2008.", item)["date"] == ["2002–2008"]


WEB = {"title": "馆际互借与文献传递服务", "URL": "http://home.calis.edu.cn/pages/list.html?id=41",
       "accessed": {"date-parts": [["2025", 6, 21]]}, "issued": {"date-parts": [["2024", 3, 2]]}}


def test_an_access_date_after_a_cjk_comma_is_not_part_of_the_url():
    got = align("《馆际互借与文献传递服务》，http://home.calis.edu.cn/pages/list.html?id=41，2025年6月21日访问。", WEB)
    assert got["url"] == ["http://home.calis.edu.cn/pages/list.html?id=41"] and got["accessed"] == ["2025年6月21日访问"]


def test_a_bracketed_access_date_glued_to_the_url_is_the_access_date():
    got = align("馆际互借与文献传递服务. http://home.calis.edu.cn/pages/list.html?id=41[引用日期2025-06-21].", WEB)
    assert got["url"] == ["http://home.calis.edu.cn/pages/list.html?id=41"] and got["accessed"] == ["[引用日期2025-06-21]"]


def test_an_access_date_is_found_by_its_own_day_not_the_issued_one():
    text = "馆际互借与文献传递服务, March 2, 2024, http://home.calis.edu.cn/pages/list.html?id=41 (last visited June 21, 2025)."
    got = align(text, WEB)
    assert got["accessed"] == ["(last visited June 21, 2025)"] and got["date"] == ["March 2, 2024"]


def test_the_url_ends_before_the_notes_full_stop():
    assert align("World Health Organization, 2018, https://www.who.int/qa/84/en/.",
                 {"URL": "https://www.who.int/qa/84/en/"})["url"] == ["https://www.who.int/qa/84/en/"]


def test_a_worded_edition_holding_the_year_is_the_edition_not_the_date():
    item = {"title": "中华人民共和国公司法", "note": "edition: 2005年修订", "issued": {"date-parts": [["2005", 10, 27]]}}
    got = align("全国人大常委会：《中华人民共和国公司法》（2005年修订），2005年。", item)
    assert got["edition"] == ["2005年修订"] and got["date"] == ["2005年"]


def test_a_reports_or_cases_number_is_an_identifier_and_keeps_its_year():
    item = {"title": "海难救助合同纠纷案", "number": "（2016）最高法民再61号", "issued": {"date-parts": [["2016"]]},
            "genre": "民事判决书"}
    got = align("海难救助合同纠纷案，最高人民法院（2016）最高法民再61号民事判决书。", item)
    assert got["identifier"] == ["（2016）最高法民再61号"] and "date" not in got


def test_a_value_with_csl_rich_text_tags_is_found_as_printed():
    item = {"title": 'Proceedings of the <span class="nocase">Second Conference</span> on <i>Soft Computing</i>'}
    assert align("Proceedings of the Second Conference on Soft Computing[M]. Springer, 2014.", item)["title"] == [
        "Proceedings of the Second Conference on Soft Computing"]


def test_a_space_of_a_value_matches_any_run_of_spaces_in_print():
    item = {"title": "信息技术 中文编码字符集"}
    assert align("工业和信息化部. 信息技术\u00a0 中文编码字符集: GB 18030—2022[S].", item)["title"] == ["信息技术\u00a0 中文编码字符集"]


ARTICLE = {"id": "a", "type": "article-journal", "title": "Current Status of Cortisol Findings",
           "author": [{"family": "Yehuda", "given": "R."}], "container-title": "Psychiatric Clinics",
           "volume": "25", "page": "341-368", "issued": {"date-parts": [[2002]]}}


def unwrapped(body: str, item: dict, locator: str) -> dict[str, list[str]]:
    items = {"a": R.wrap(item)}
    c = R.cite("a", locator)
    text, spans = R.unwrap(c["prefix"] + body.format(**items["a"]) + c["suffix"], items, [c])
    return labelled(text, spans)


def test_a_pinpoint_range_the_style_abbreviates_is_the_pages():
    got = unwrapped("R. Yehuda, “{title},” {container-title} 25 (2002): 140–48.", ARTICLE, "140-148")
    assert got["pages"] == ["140–48"] and got["volume"] == ["25"]


def test_a_page_range_with_a_non_breaking_hyphen_is_the_pages():
    got = unwrapped("Yehuda R., « {title} », {container-title}, 2002, p.\u00a034\u201141.", ARTICLE, "34-41")
    assert got["pages"] == ["p.\u00a034\u201141"]


def test_an_initial_before_the_year_stays_in_the_name():
    item = {"id": "b", "type": "book", "title": "Werke", "author": [{"family": "Nietzsche", "given": "Friedrich"}],
            "issued": {"date-parts": [[1999]]}}
    got = unwrapped("Nietzsche, F. 1999, S. 12", item, "12")
    assert got["author"] == ["Nietzsche, F."] and got["pages"] == ["S. 12"]


def test_a_url_ends_before_a_comma_or_stop_followed_by_a_space():
    item = {"URL": "https://twitter.com/APA_Style", "accessed": {"date-parts": [["2019", 11, 1]]}}
    got = align("APA Style, “Tweets,” Twitter, https://twitter.com/APA_Style, November 1, 2019.", item)
    assert got["url"] == ["https://twitter.com/APA_Style"] and got["accessed"] == ["November 1, 2019"]


def test_a_german_edition_with_its_ordinal_point_is_the_edition():
    item = {"title": "Das Abtreibungsverbot", "edition": "2", "issued": {"date-parts": [["1972"]]}}
    got = align("Jürgen Baumann (Hrsg.), Das Abtreibungsverbot, 2. Aufl. 1972.", item)
    assert got["edition"] == ["2. Aufl."] and got["date"] == ["1972"]


def test_name_particles_and_suffixes_belong_to_the_name():
    item = {"title": "Longitudinal Changes", "author": [
        {"family": "Veen", "given": "Pieternella H.", "dropping-particle": "van der"},
        {"family": "Graaf", "given": "Yolanda", "non-dropping-particle": "van der"},
        {"family": "Peebles", "given": "Peyton Z.", "suffix": "Jr."}]}
    got = align("Pieternella H. van der Veen, Yolanda van der Graaf and Peyton Z. Peebles, Jr., “Longitudinal Changes”.", item)
    assert got["author"] == ["Pieternella H. van der Veen, Yolanda van der Graaf and Peyton Z. Peebles, Jr."]
    got = align("van der Graaf Y. Longitudinal Changes[J].", {"title": "Longitudinal Changes", "author": item["author"][1:2]})
    assert got["author"] == ["van der Graaf Y"]


def test_the_maker_of_a_song_or_film_is_its_author():
    item = {"type": "song", "title": "Symphony No. 3 in E-flat major", "composer": [
        {"family": "Beethoven", "given": "L.", "non-dropping-particle": "van"}]}
    assert align("van Beethoven L. Symphony No. 3 in E-flat major[Z].", item)["author"] == ["van Beethoven L."]


def test_a_rendered_page_is_never_a_digit_of_the_printed_date():
    item = {"id": "n", "type": "article-newspaper", "title": "女子参政同盟会宣言书", "container-title": "时报", "page": "4",
            "issued": {"date-parts": [["1912", 4, 10]]}}
    got = unwrapped("《{title}》，《{container-title}》1912年4月10日，第4版。", item, "10")
    assert got["date"] == ["1912年4月10日"] and got["pages"] == ["第4"]


def test_an_ordinal_edition_is_labelled_whole_with_its_word():
    """'4th ed.': a span ending inside the token '4th' would teach the tagger that the token is no edition."""
    item = {**BOOK, "edition": "4", "publisher": "McGraw-Hill", "publisher-place": "New York"}
    got = align("Peebles P. Probability[M]. 4th ed. New York: McGraw-Hill, 2023.", item)
    assert got["edition"] == ["4th ed."]
    assert align("Roxin C. Strafrecht. 2. Aufl. Zürich: Park Books, 2023.", {**BOOK, "edition": "2"})["edition"] == ["2. Aufl."]


def test_a_given_name_printed_without_its_periods_belongs_to_the_name():
    item = {"title": "Carbon Isotope Evidence", "author": [
        {"family": "Des Marais", "given": "David J."}, {"family": "Abdel Haleem", "given": "M. A. S."}]}
    got = align("David J Des Marais, M A S Abdel Haleem, Carbon Isotope Evidence, 1992.", item)
    assert got["author"] == ["David J Des Marais, M A S Abdel Haleem"]
    got = align("DJ Des Marais, Carbon Isotope Evidence, 1992.", {**item, "author": item["author"][:1]})
    assert got["author"] == ["DJ Des Marais"]
