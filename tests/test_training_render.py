"""training/render.py: notes rendered by citeproc-js carry the labels of the item fields that produced them.

The rendering tests need node and npm (installed from Debian when missing, as the build needs them) and
the pinned citeproc-js (installed once into ~/.cache); they skip when those cannot be had. The sentinel
tests need nothing."""
from __future__ import annotations

import pytest

from training import render as R

BOOK = {"id": "b", "type": "book", "language": "de-DE", "title": "Grundsätze sozialer Gerechtigkeit",
        "author": [{"family": "Miller", "given": "David"}], "publisher": "Campus", "publisher-place": "Frankfurt/M.",
        "issued": {"date-parts": [[2008]]}}
ARTICLE = {"id": "a", "type": "article-journal", "language": "de-DE", "title": "Der Begriff der Öffentlichkeit",
           "author": [{"family": "Schmidt", "given": "Hans-Peter"}], "container-title": "Leviathan",
           "volume": "12", "issue": "3", "page": "100-120", "issued": {"date-parts": [[1999]]}}
ZH = {"id": "z", "type": "article-journal", "language": "zh-CN", "title": "民主转型与国家能力",
      "author": [{"literal": "王绍光"}], "container-title": "政治学研究", "issue": "2", "page": "3-18",
      "issued": {"date-parts": [[2010]]}}


def spans_by_label(text: str, spans) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a, b, lab in spans:
        out.setdefault(lab, []).append(text[a:b])
    return out


def test_unwrap_strips_sentinels_and_labels_each_wrapped_field_and_the_signal():
    items = {"b": R.wrap(BOOK)}
    c = R.cite("b", "12", "Vgl.")
    rendered = f"{c['prefix']}Miller, {items['b']['title']}, {items['b']['publisher-place']} 2008, S. 12{c['suffix']}."
    text, spans = R.unwrap(rendered, items, [c])
    assert text == "Vgl. Miller, Grundsätze sozialer Gerechtigkeit, Frankfurt/M. 2008, S. 12."
    got = spans_by_label(text, spans)
    assert got["signal"] == ["Vgl."] and got["author"] == ["Miller"]
    assert got["title"] == ["Grundsätze sozialer Gerechtigkeit"] and got["publisher-place"] == ["Frankfurt/M."]
    assert got["date"] == ["2008"] and got["pages"] == ["S. 12"]


def test_unwrap_refuses_a_note_whose_cites_citeproc_merged():
    items = {"b": R.wrap(BOOK), "a": R.wrap(ARTICLE)}
    one = R.cite("b")
    assert R.unwrap(f"{one['prefix']}Miller 2008{one['suffix']}", items, [one, R.cite("a")]) is None


def test_unwrap_labels_each_cite_from_its_own_item_when_the_style_prints_them_sorted():
    items = {"b": R.wrap(BOOK), "a": R.wrap(ARTICLE)}
    a, b = R.cite("a"), R.cite("b", "12")  # cited Schmidt first; an author-date style prints Miller first
    text, spans = R.unwrap(f"{b['prefix']}Miller 2008, S. 12{b['suffix']}; {a['prefix']}Schmidt 1999{a['suffix']}.",
                           items, [a, b])
    got = spans_by_label(text, spans)
    assert got["author"] == ["Miller", "Schmidt"] and got["date"] == ["2008", "1999"] and got["pages"] == ["S. 12"]


def test_unwrap_keeps_the_words_around_a_field_inside_it_as_the_other_sources_do():
    items = {"a": R.wrap(ARTICLE)}
    c = R.cite("a")
    it = items["a"]
    text, spans = R.unwrap(f"{c['prefix']}Schmidt, {it['title']}, in: {it['container-title']} 12 (1999), S. 100{c['suffix']}",
                           items, [c])
    got = spans_by_label(text, spans)
    assert got["container-title"] == ["in: Leviathan"] and got["pages"] == ["S. 100"]


def test_a_reference_list_entry_labels_its_number_apart_and_keeps_only_its_first_line():
    items = {"a": R.wrap(ARTICLE)}
    it = items["a"]
    entry = f"[3]\tSchmidt H-P. {it['title']}[J]. {it['container-title']}, 1999, 12(3): 100-120.\n[J]. 1999, 12(3): 100-120.\n"
    row = R._entry(entry, items, "a")
    assert row["text"] == "[3] Schmidt H-P. Der Begriff der Öffentlichkeit[J]. Leviathan, 1999, 12(3): 100-120."
    got = spans_by_label(row["text"], row["spans"])
    assert got["citation-number"] == ["[3]"] and got["title"] == [ARTICLE["title"]] and got["container-title"] == ["Leviathan"]
    assert got["date"] == ["1999"] and got["pages"] == ["100-120"] and "1" not in got.get("pages", [])


def test_reference_list_styles_are_held_out_with_their_namesakes():
    assert R.kin("bib:apa-6th-edition") == R.kin("bib:apa") == "bib:apa"
    assert R.kin("bib:GB-T-7714—2015（顺序编码）") == R.kin("bib:GB-T-7714—2025（著者-出版年）")
    assert R.kin("bib:apa") != R.kin("apa")  # a note style of the same name is another kin


def test_a_note_with_a_run_of_unlabelled_words_is_scored_but_not_trained_on():
    text = "Miller, Grundsätze, Nachlass Miller Kasten 12 Mappe 3."
    assert R.unlabelled_run(R.Example(text, [(0, 6, "author"), (8, 18, "title")], "render", "s"))
    assert not R.unlabelled_run(R.Example(text, [(0, 6, "author"), (8, 18, "title"), (20, 51, "note")], "render", "s"))


@pytest.fixture(scope="module")
def citeproc():
    if not (R.CSL / "styles").exists() or not (R.ZOTERO / "csl").exists():
        pytest.skip("../shared/external/csl or zotero-chinese-styles is not there")
    from tests.debian import debian_tool

    debian_tool("nodejs", "node")  # the shipped model's build renders with them: installed when missing
    debian_tool("npm")
    try:
        R.ensure_citeproc()
    except R.RenderUnavailable as e:
        pytest.skip(str(e))
    return R.locales()


def render(style: str, lang: str, items: list[dict], notes: list[list[dict]], locales) -> list[tuple[str, list]]:
    by_id = {it["id"]: R.wrap(it) for it in items}
    (answer,) = R.run_jobs([R.job(style, lang, by_id, notes, locales)])
    return [R.unwrap(text, by_id, cites) for text, cites in zip(answer["notes"], notes)]


def test_german_note_style_renders_first_ibid_and_several_cites_with_their_fields(citeproc):
    style = (R.CSL / "styles" / "historia-scribere.csl").read_text(encoding="utf-8")
    notes = [[R.cite("b", "12", "Vgl.")], [R.cite("b", "14")], [R.cite("a", "105"), R.cite("b")]]
    first, ibid, two = render(style, "de-DE", [BOOK, ARTICLE], notes, citeproc)
    got = spans_by_label(*first)
    assert got["signal"] == ["Vgl."] and got["title"] == [BOOK["title"]] and got["publisher-place"] == ["Frankfurt/M."]
    assert any("Miller" in a for a in got["author"]) and got["date"] == ["2008"] and got["pages"][-1].endswith("12")
    got = spans_by_label(*ibid)
    assert [x.lower() for x in got["crossref"]] in (["ebd."], ["ebenda"]) and got["pages"][-1].endswith("14")
    got = spans_by_label(*two)
    assert got["title"] == [ARTICLE["title"], BOOK["title"]] and got["container-title"] == ["in: Leviathan"]  # sources.widen
    assert got["volume"] == ["12"] and any(p.endswith("105") for p in got["pages"])
    for text, spans in (first, ibid, two):  # every span lies inside the text, in order, without overlaps
        assert all(0 <= a < b <= len(text) for a, b, _ in spans)
        assert all(s[1] <= t[0] for s, t in zip(spans, spans[1:]))


def test_chinese_note_style_labels_title_journal_and_the_repeat(citeproc):
    style = next(p for p in sorted((R.ZOTERO / "csl").glob("*.csl")) if p.stem == "清华大学（人文社科）").read_text(encoding="utf-8")
    first, again = render(style, "zh-CN", [ZH], [[R.cite("z", "5", "参见")], [R.cite("z", "7")]], citeproc)
    got = spans_by_label(*first)
    assert got["title"] == [ZH["title"]] and got["container-title"] == [ZH["container-title"]]
    assert got["author"] == ["王绍光"] and got["signal"] == ["参见"] and got["pages"][-1].rstrip("页").endswith("5")
    got = spans_by_label(*again)
    assert "crossref" in got or got.get("title") == [ZH["title"]]
    assert got["pages"][-1].rstrip("页").endswith("7")


def test_an_in_text_style_renders_its_reference_list_with_each_entrys_fields(citeproc):
    style = (R.CSL / "styles" / "american-medical-association.csl").read_text(encoding="utf-8")
    by_id = {it["id"]: R.wrap({**it, "language": "en-US"}) for it in (BOOK, ARTICLE)}
    (answer,) = R.run_jobs([R.job(style, "en-US", by_id, [], citeproc, bibliography=True)])
    assert sorted(answer["ids"]) == ["a", "b"]
    rows = {key: R._entry(text, by_id, key) for key, text in zip(answer["ids"], answer["entries"])}
    got = spans_by_label(rows["a"]["text"], rows["a"]["spans"])
    assert got["citation-number"] and got["citation-number"][0].strip("[]().").isdigit()
    assert got["title"] == [ARTICLE["title"]] and got["container-title"][0].startswith("Leviathan")
    assert got["volume"] == ["12"] and got["date"] == ["1999"]
    got = spans_by_label(rows["b"]["text"], rows["b"]["spans"])  # the style title-cases an English title
    assert [t.lower() for t in got["title"]] == [BOOK["title"].lower()] and got["publisher"] == ["Campus"] and got["date"] == ["2008"]
