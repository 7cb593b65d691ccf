"""The plain-text route: text as `pdftotext` makes it (form feeds, no separator rule, notes ① or 1
at each page's foot), big numbers, and the notice when no note could be read."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from citations.audit.registry import all_checks
from citations.document import parse_document, parse_text
from tests.docx_truth import reader_view

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
