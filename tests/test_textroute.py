"""The plain-text route: text as `pdftotext` makes it (form feeds, no separator rule, notes ① or 1
at each page's foot), big numbers, and the notice when no note could be read."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from citations.audit.registry import all_checks
from citations.document import parse_document, parse_text
from tests.docx_truth import reader_view
from tests.debian import pdftotext  # noqa: F401  (fixture)

FIXTURES = Path(__file__).parent / "data" / "pdftotext"
DATA = Path(__file__).parent / "data"
SEP = " " * 48


def test_a_book_with_1200_notes_keeps_every_one_with_its_marker() -> None:
    pages = []
    for p in range(300):
        numbers = range(4 * p + 1, 4 * p + 5)
        body = "".join(f"第{n}句的內容說明一件事。{n}" for n in numbers)
        notes = [f"{n} 作者{n}，《書名第{n}冊》（臺北：出版社，2001 年），頁 {n % 97 + 1}。" for n in numbers]
        pages.append("\n".join([" " + body + " ", SEP, *notes]))
    doc = parse_text("\f".join(pages))
    assert [f.number for f in doc.footnotes] == list(range(1, 1201))
    assert all(f.chapter == 1 for f in doc.footnotes)
    assert all(f.marker is not None for f in doc.footnotes)
    assert doc.footnotes[1199].text == "作者1200，《書名第1200冊》（臺北：出版社，2001 年），頁 37。"
    assert doc.body.count("1200") == 1  # the marker went, the sentence's own number stayed


def _page(body: list[str], notes: list[str], number: int) -> str:
    return "\n".join(["    Running head", "", *body, "", "", *notes, "", f"{' ' * 40}· {number} ·"])


def test_circled_notes_restarting_on_every_page_are_read_without_a_rule() -> None:
    page1 = _page(["国际制度间竞争虽然具有普遍性，但也存在不稳定性。① 一方面，同一议题领",
                   "域内曾经相互激烈竞争的国际制度实现了分工合作。② 另一方面，大量的国际制度"],
                  ["    ①   宋亦明：《国际制度竞争》，北京：出版社，2020 年，第 3 页。",
                   "    ②   Ｒobert O． Keohane，International Institutions，Boulder： Westview Press，1989，",
                   "pp．3－4．"], 130)
    page2 = _page(["竞争关系逐渐演变为非正式等级关系。① 这些情况表明，竞争不是永续的。"],
                  ["    ①   李冰：《制度复杂性》，《世界经济与政治》2023 年第 4 期，第 5 页。"], 131)
    doc = parse_text(page1 + "\n\f" + page2)
    assert [(f.page, f.number, f.chapter) for f in doc.footnotes] == [(1, 1, 1), (1, 2, 1), (2, 1, 2)]
    assert doc.footnotes[1].text == "Robert O. Keohane, International Institutions, Boulder: Westview Press, 1989, pp.3-4."
    assert all(f.marker for f in doc.footnotes)
    assert "①" not in doc.body and "宋亦明" not in doc.body and "131" not in doc.body
    assert doc.body[doc.footnotes[0].marker.offset - 4:doc.footnotes[0].marker.offset] == "不稳定性"[-3:] + "。"


def test_running_digits_with_numbers_alone_on_their_lines_are_read() -> None:
    page1 = _page(["Beijing made good relations with bordering states a core aim.1 Within",
                   "multilateral frameworks China has traded incentives.2"],
                  ["     1", "        Samuel S. Kim, The International Relations of Northeast Asia (Lanham: Rowman &",
                   "Littlefield, 2004), p. 55.", "", "     2", "       See Marlene Laruelle, The Chinese Question (London: Hurst, 2012), 88."], 1)
    page2 = _page(["The treaty was signed in 20193, and ratified a year later."],
                  ["     3", "      Alexander Cooley, Great Games (New York: Oxford University Press, 2012), 23."], 2)
    doc = parse_text(page1 + "\n\f" + page2)
    assert [(f.page, f.number) for f in doc.footnotes] == [(1, 1), (1, 2), (2, 3)]
    assert doc.footnotes[0].text == "Samuel S. Kim, The International Relations of Northeast Asia (Lanham: Rowman & Littlefield, 2004), p. 55."
    assert all(f.marker for f in doc.footnotes)
    assert "signed in 2019, and" in doc.body


def test_a_first_note_whose_number_plain_pdftotext_printed_below_the_notes_keeps_it() -> None:
    # Plain pdftotext sets a block's first raised number after the block, above the page number.
    page1 = "\n".join(["Law-related education is a branch of civics education.1 It grew in",
                        "the seventies.2 Programmes continue to this day.3", "",
                        "Research Librarian at the Law Library of a School of Law. My",
                        "handle is @someone.",
                        "2 Law-Related Education Act of 1978, Pub. L. No. 95-561.",
                        "3 In the United States, K-12 refers to the education of students.", "1", "", "4"])
    page2 = "\n".join(["The Association published a journal.4 Congress passed an act.5", "",
                        "National Street Law Institute. (1975). Street law.",
                        "5 The Association replaced the journal in 2000.", "4", "", "5"])
    doc = parse_text(page1 + "\n\f" + page2)
    assert [(f.page, f.number) for f in doc.footnotes] == [(1, 1), (1, 2), (1, 3), (2, 4), (2, 5)]
    assert doc.footnotes[0].text == "Research Librarian at the Law Library of a School of Law. My handle is @someone."
    assert doc.footnotes[3].text == "National Street Law Institute. (1975). Street law."
    assert all(f.marker for f in doc.footnotes)
    assert "Research Librarian" not in doc.body


def test_a_lone_number_below_notes_that_do_not_skip_it_opens_nothing() -> None:
    page = "\n".join(["A sentence with a mark.1 Another one.2", "", "Body text set apart by a blank line.",
                       "1 Kim, Northeast Asia, p. 55.", "2 Cooley, Great Games, p. 23.", "", "7"])
    doc = parse_text(page)
    assert [f.number for f in doc.footnotes] == [1, 2]
    assert "Body text set apart by a blank line." in doc.body


def test_marks_glued_to_capitals_or_after_a_dash_count_as_evidence_for_the_note_area() -> None:
    body = ["The Directive refers to UNDRIP1 and to the ICCPR2; its annex cites the CERD3",
            "and the Commission's proposal – 4, as the Court did in 2019."]
    notes = ["1", "   Ibid., recital n. 65.", "2", "   European Commission, Annex, Part I.1.",
             "3", "   See the ratification status.", "4", "   Ibid., Annex, Part I.2."]
    doc = parse_text(_page(body, notes, 9))
    assert [(f.number, f.text) for f in doc.footnotes] == [
        (1, "Ibid., recital n. 65."), (2, "European Commission, Annex, Part I.1."),
        (3, "See the ratification status."), (4, "Ibid., Annex, Part I.2.")]


def test_notes_carrying_the_count_on_beat_a_longer_list_of_another_form_on_the_page() -> None:
    page1 = _page(["The exception has five conditions, (1), (2), (3), (4) and (5), set by the Court.1",
                   "They are cumulative.2"],
                  ["1 CJEU, Infopaq, para 54.", "2 CJEU, Infopaq II, para 42."], 1)
    page2 = _page(["(1) the copy is temporary,", "(2) it is transient or incidental,",
                   "(3) it is an integral and technical part of a process,", "(4) its sole purpose is a lawful use,",
                   "(5) it has no independent economic significance.3",
                   "The first four are met here.4"],
                  ["3 CJEU, Infopaq, para 64.", "4 Recital 33 of the InfoSoc Directive."], 2)
    doc = parse_text(page1 + "\n\f" + page2)
    assert [(f.page, f.number, f.text) for f in doc.footnotes][2:] == [
        (2, 3, "CJEU, Infopaq, para 64."), (2, 4, "Recital 33 of the InfoSoc Directive.")]
    assert "(2) it is transient or incidental," in doc.body


def test_numbers_printed_apart_below_the_notes_bridge_the_count() -> None:
    # Plain pdftotext printed the raised numbers 2 and 3 apart, under the notes: 1 → 4 is no break.
    page1 = "\n".join(["Three routes exist.1 One is the degree.2 It was reviewed.3 Later",
                        "others followed.4", "", "1 Hough and Stanko, Designing Degree-Level Courses, 31.",
                        "Neyroud, Review of Police Leadership and Training (2011), 129.", "Ibid.",
                        "4 Ramshaw and Soppitt, Educating the recruited, 243.", "2", "", "3", "", "56"])
    page2 = "\n".join(["The Vision defines the purpose.5 It is ambitious.6", "",
                        "5 Strudwick, Learning through practice, 58.", "6 College of Policing, Initial Entry Routes, 13.",
                        "", "57"])
    doc = parse_text(page1 + "\n\f" + page2)
    assert [(f.page, f.number) for f in doc.footnotes] == [(1, 1), (1, 4), (2, 5), (2, 6)]
    assert "Neyroud" not in doc.body


def test_an_english_mark_flattened_onto_its_word_is_found_but_not_a_code_or_a_volume() -> None:
    body = ["Some infringements reach the general public1; not last, the injury caused by",
            "cartels2 and the G20 summit, Vol 3, tell the same story."]
    doc = parse_text(_page(body, ["1 The trucks case, AT.39824.", "2 It lasted 14 years."], 1))
    assert [f.number for f in doc.footnotes] == [1, 2]
    at = [doc.body[f.marker.offset - 6:f.marker.offset] for f in doc.footnotes]
    assert at == ["public", "artels"]
    assert "G20" in doc.body and "Vol 3" in doc.body


def test_a_banner_printed_under_the_notes_of_every_page_is_dropped_but_a_repeated_note_is_kept() -> None:
    pages = []
    for n in range(1, 5):
        pages.append("\n".join([
            f"Page {n} of the argument makes its point.{n} And goes on at length here.", "",
            f"{n} Dreier and Schulze, Urheberrechtsgesetz, 6th edn,",
            "2018, para. 15.",
            f"RuZ 1. Jg. 1/2020 https://doi.org/10.5771/2699-1284-2020-1-{16 + n}",
            f"10.5771/2699 - am 11.08.2025, 18:0{n}:59. Open Access", "", f"{100 + n}"]))
    doc = parse_text("\n\f".join(pages))
    assert [f.text for f in doc.footnotes] == ["Dreier and Schulze, Urheberrechtsgesetz, 6th edn, 2018, para. 15."] * 4
    assert "Open Access" not in " ".join(f.text for f in doc.footnotes)


def test_a_numbered_list_in_the_body_is_not_the_note_area() -> None:
    body = ["Three findings follow.1", "1 The first finding is about trade.", "2 The second is about security.",
            "3 The third is about energy.", "These findings matter.2"]
    notes = ["1 Kim, Northeast Asia, p. 55.", "2 Cooley, Great Games, p. 23."]
    doc = parse_text(_page(body, notes, 1))
    assert [f.text for f in doc.footnotes] == ["Kim, Northeast Asia, p. 55.", "Cooley, Great Games, p. 23."]
    assert "The second is about security." in doc.body


def test_numbers_without_marks_in_the_body_are_not_notes() -> None:
    doc = parse_text(_page(["A list of steps without any note marks:"], ["1 Open the file.", "2 Read the text."], 1))
    assert doc.footnotes == []


def test_marks_without_readable_notes_give_a_notice_and_an_audit_error() -> None:
    doc = parse_text("This is a paper with marks.1 It says many things.2\nAnd more things.3 The end.\n")
    assert doc.footnotes == []
    assert any("count up like note marks" in n and "marks.1 It" in n for n in doc.notices)
    check = next(c for c in all_checks() if c.code == "CA203")
    findings = list(check(doc))
    assert len(findings) == 1 and findings[0].severity == "error" and findings[0].line == 1


def test_a_document_without_notes_or_marks_passes_quietly() -> None:
    doc = parse_text("A short text. It was written in 2019 and has 3 parts, like G20 and Vol. 3.\n")
    assert doc.notices == []
    assert list(next(c for c in all_checks() if c.code == "CA203")(doc)) == []


def _view(doc) -> list[tuple]:
    return [(f.number, v["text"], v["left"], v["right"]) for f, v in zip(doc.footnotes, reader_view(doc))]


@pytest.mark.parametrize("name, mode, notes, markers", [
    ("zh_thesis", "layout", 10, 10), ("zh_thesis", "plain", 9, 10),
    ("zh_stress", "layout", 31, 29), ("zh_stress", "plain", 31, 27),
    ("en_paper", "layout", 8, 8),
    ("en_endnotes_twocol", "layout", 4, 4), ("en_endnotes_twocol", "plain", 4, 4),
])
def test_pdftotext_output_gives_the_notes_and_marks_of_the_docx(name: str, mode: str, notes: int, markers: int) -> None:
    """The committed pdftotext text of a test PDF, scored position by position against the .docx it
    was rendered from (note number and text; the body around each mark)."""
    doc = parse_document(FIXTURES / f"{name}.{mode}.txt")
    got = _view(doc)
    truth = _view(parse_document(DATA / f"{name}.docx"))
    assert len(got) == len(truth)
    assert sum(g[:2] == t[:2] for g, t in zip(got, truth)) >= notes
    assert sum(g[2:] == t[2:] for g, t in zip(got, truth)) >= markers
    assert [f.kind for f in doc.footnotes] == [f.kind for f in parse_document(DATA / f"{name}.docx").footnotes]


def test_two_columns_side_by_side_are_read_one_after_the_other() -> None:
    left = ["The first column starts here and", "runs down the page to its foot,", "where it ends.1 It goes on",
            "and on with more words here,", "until the column stops.", "Then a closing line is here."]
    right = ["The second column follows it", "and is read after the first one", "is done.2 More text follows",
             "in the second column as well", "and ends here, at its foot.", "A last line of the column."]
    lines = [f"{a:<40}{b}" for a, b in zip(left, right)]
    doc = parse_text(_page(lines, ["1 Kim, Northeast Asia, p. 55.", "2 Cooley, Great Games, p. 23."], 1))
    assert doc.body.index("Then a closing line") < doc.body.index("The second column follows")
    assert [f.marker is not None for f in doc.footnotes] == [True, True]


ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the project, or beside the folder of worktrees it is checked out in
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), ROOT.parent / "shared")
CNKI = SHARED / "external" / "cnki-pdfs"
CNKI_NOTES = {"paper14": 124, "paper16": 71, "paper22": 69}  # counted by hand (the shared README)


@pytest.mark.skipif(not CNKI.is_dir(), reason="../shared/external/cnki-pdfs not available")
@pytest.mark.parametrize("mode", ["-layout", None])
@pytest.mark.parametrize("name", sorted(CNKI_NOTES))
def test_cnki_articles_through_pdftotext_give_their_circled_notes(pdftotext: str, tmp_path: Path, name: str,
                                                                   mode: str | None) -> None:
    out = tmp_path / f"{name}.txt"
    subprocess.run([pdftotext, *([mode] if mode else []), str(CNKI / f"{name}.pdf"), str(out)], check=True)
    doc = parse_document(out)
    found, marked = len(doc.footnotes), sum(1 for f in doc.footnotes if f.marker)
    true = CNKI_NOTES[name]
    if mode:  # the layout keeps each note's ① on its first line
        assert found == true and marked == true
    else:
        assert 0.9 * true <= found <= true and marked == found
    english = [f.text for f in doc.footnotes if "Vol" in f.text]
    assert english and not any(ch in text for text in english for ch in "ＲＶ．")  # the text layer was repaired


def test_line_break_hyphen_goes_only_when_the_document_prints_the_word_whole() -> None:
    body = ["International security matters here.1 So does Europe.2"]
    notes = ["1 David Shambaugh, “China Engages Asia,” Interna-", "tional Security 29, no. 3 (2005): 64–99.",
             "2 Thomas Ambrosio, “Catching the Spirit,” Europe-", "Asia Studies 60, no. 8 (2008): 1321."]
    doc = parse_text(_page(body, notes, 1))
    assert [f.text for f in doc.footnotes] == [
        "David Shambaugh, “China Engages Asia,” International Security 29, no. 3 (2005): 64–99.",
        "Thomas Ambrosio, “Catching the Spirit,” Europe-Asia Studies 60, no. 8 (2008): 1321."]


def test_a_glyph_mark_printed_once_on_its_page_pairs_even_out_of_reading_order() -> None:
    body = ["后一栏的文字先读到了。② 然后才是", "前一栏的文字与它的注释。① 结束。"]
    notes = ["    ①   宋亦明：《国际制度竞争》，第 3 页。", "    ②   李冰：《制度复杂性》，第 5 页。"]
    doc = parse_text(_page(body, notes, 1))
    assert [f.number for f in doc.footnotes] == [1, 2]
    first, second = (doc.body[f.marker.offset - 3:f.marker.offset] for f in doc.footnotes)
    assert (first, second) == ("注释。", "读到了。"[-3:])


def test_unread_notes_are_printed_by_parse_and_fail_the_audit(tmp_path: Path) -> None:
    """End to end, as a user runs it on text whose notes the reader cannot find."""
    paper = tmp_path / "paper.txt"
    paper.write_text("A paper with marks.1 It says many things.2\nAnd more things.3 The end.\n", encoding="utf-8")

    def citeaudit(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "citations", *args], capture_output=True, text=True, cwd=ROOT)

    parsed = citeaudit("parse", str(paper))
    assert parsed.returncode == 0 and "0 footnotes" in parsed.stdout and "count up like note marks" in parsed.stdout
    audited = citeaudit("audit", str(paper))
    assert audited.returncode == 1 and "CA203" in audited.stdout
