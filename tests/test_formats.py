"""PDF and Word input: same Document as the text pipeline, markers and notes found by typography."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdfium2
import pytest
import regex

from citations.document import parse_document
from citations.errors import CiteauditError
from citations.formats import docx as docx_reader
from citations.formats.assemble import LineDraft, MarkerDraft, NoteDraft, build_document
from citations.formats import pdf as pdf_reader
from citations.formats import pdfpage
from citations.formats.sniff import sniff
from tests.conftest import ROOT
from tests.docx_truth import docx_truth, reader_view, squash

DATA = ROOT / "tests" / "data"
DOCS = ["zh_thesis", "en_paper", "en_endnotes_twocol", "zh_stress"]
# Each PDF and the .docx that is its truth: LibreOffice's rendering of the .docx itself, and the
# same paper typeset by LaTeX (another producer: no space characters, its own rule and numbers).
PAIRS = [(name, name) for name in DOCS] + [("en_paper_latex", "en_paper")]


@pytest.fixture(scope="module")
def parsed() -> dict[str, object]:
    files = [f"{name}.docx" for name in DOCS] + [f"{pdf}.pdf" for pdf, _ in PAIRS]
    return {f: parse_document(DATA / f) for f in files}


@pytest.mark.parametrize("name", DOCS)
def test_docx_notes_and_reference_marks_match_the_package_xml(parsed, name):
    assert reader_view(parsed[f"{name}.docx"]) == docx_truth(DATA / f"{name}.docx")


@pytest.mark.parametrize("pdf_name, docx_name", PAIRS)
def test_pdf_gives_the_same_notes_markers_body_and_claims_as_its_docx(parsed, pdf_name, docx_name):
    word, pdf = parsed[f"{docx_name}.docx"], parsed[f"{pdf_name}.pdf"]
    assert pdf.body == word.body
    assert pdf.paragraphs == word.paragraphs
    assert [(f.number, f.chapter, f.kind, f.text) for f in pdf.footnotes] == \
           [(f.number, f.chapter, f.kind, f.text) for f in word.footnotes]
    assert [f.marker.offset for f in pdf.footnotes] == [f.marker.offset for f in word.footnotes]
    assert [(c.start, c.end, c.footnotes) for c in pdf.claims] == [(c.start, c.end, c.footnotes) for c in word.claims]
    assert pdf.claims and not pdf.notices


def test_footnote_continued_on_next_page_is_joined_to_its_start(parsed):
    doc = parsed["zh_thesis.pdf"]
    longest = max(doc.footnotes, key=lambda f: len(f.text))
    pdf = pypdfium2.PdfDocument(DATA / "zh_thesis.pdf")
    next_page = squash(pdf[longest.page].get_textpage().get_text_range())  # pdf[] is 0-based: the page after
    pdf.close()
    assert squash(longest.text)[-12:] in next_page
    assert longest.text in {f.text for f in parsed["zh_thesis.docx"].footnotes}


@pytest.mark.parametrize("name", ["zh_thesis", "en_paper"])
def test_marker_right_after_a_year_is_a_marker_and_the_year_stays(parsed, name):
    doc = parsed[f"{name}.pdf"]
    after_year = [f for f in doc.footnotes if regex.search(r"(19|20)\d\d年?$", doc.body[: f.marker.offset])]
    assert after_year, "a marker set right after a year"
    # Years and counts in plain body type are text, not markers: every body digit run survives.
    assert regex.findall(r"\d+", doc.body) == regex.findall(r"\d+", parsed[f"{name}.docx"].body)


def test_numbering_restarting_per_chapter_gives_a_second_run(parsed):
    notes = parsed["zh_thesis.pdf"].footnotes
    restart = next(i for i, f in enumerate(notes) if i and f.number <= notes[i - 1].number)
    assert notes[restart].number == 1 and notes[restart].chapter == 2 == notes[-1].chapter
    assert [f.seq for f in notes] == list(range(1, len(notes) + 1))


def test_running_heads_and_page_numbers_are_dropped(parsed):
    import docx

    head = docx.Document(str(DATA / "zh_thesis.docx")).sections[0].header.paragraphs[0].text
    doc = parsed["zh_thesis.pdf"]
    assert head and head not in doc.body
    assert [p.printed for p in doc.pages] == [str(p.number) for p in doc.pages]


def test_two_column_page_is_read_column_by_column():
    pages = pdfpage.load_pages(DATA / "en_endnotes_twocol.pdf")
    assert len(pages[0].gutters) == 1
    single = pdfpage.load_pages(DATA / "en_paper.pdf")
    assert not any(p.gutters for p in single)


def test_endnotes_gathered_at_the_end_are_read_as_endnotes(parsed):
    notes = parsed["en_endnotes_twocol.pdf"].footnotes
    assert notes and {f.kind for f in notes} == {"endnote"} and all(f.marker for f in notes)


def _line(text: str, top: float, page: int = 1) -> pdfpage.Line:
    chars = [pdfpage.Char(ch, 100 + 6 * i, 106 + 6 * i, top, top + 12, 12, top + 10) for i, ch in enumerate(text)]
    return pdfpage.Line(chars, page)


def test_text_repeated_at_one_place_on_most_pages_is_dropped_as_a_watermark():
    pages = [pdfpage.PageLayout(n, 600, 800, [_line(f"body text of page {n} " * 2, 300), _line("DRAFT COPY", 400),
                                                 _line(f"more words {n * 7}", 500)], []) for n in range(1, 6)]
    pdf_reader._drop_furniture(pages)
    assert all([l.plain for l in p.lines] == [f"body text of page {p.number} " * 2, f"more words {p.number * 7}"]
               for p in pages)


def test_word_note_numbers_follow_start_per_section_restart_and_custom_marks():
    refs = [docx_reader._Ref("footnote", str(i), section, 1, i, custom=i == 4)
            for i, section in enumerate([0, 0, 1, 1, 1, 1], 1)]
    texts = {str(i): f"note {i}" for i in range(1, 7)}
    rules = [docx_reader._Numbering(start=5), docx_reader._Numbering(start=1, restart="eachSect")]
    notes = docx_reader._number("footnote", refs, texts, rules)
    assert [n.number for n in notes] == [5, 6, 1, 0, 2, 3]  # the fourth has its own mark ("*")


def test_reader_is_chosen_by_content_not_by_file_name(tmp_path):
    pdf, word, text = tmp_path / "a.txt", tmp_path / "b.bin", tmp_path / "c.pdf"
    shutil.copy(DATA / "en_paper.pdf", pdf)
    shutil.copy(DATA / "en_paper.docx", word)
    text.write_text("plain text, despite the name\n", encoding="utf-8")
    assert [sniff(p) for p in (pdf, word, text)] == ["pdf", "docx", "text"]
    assert len(parse_document(pdf).footnotes) == len(parse_document(word).footnotes) > 0


def _damaged(tmp_path: Path) -> dict[str, Path]:
    data = (DATA / "en_paper.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with zipfile.ZipFile(DATA / "en_paper.docx") as src, zipfile.ZipFile(tmp_path / "cut.docx", "w") as out:
        for info in src.infolist():
            blob = src.read(info.filename)
            out.writestr(info, blob[: len(blob) // 2] if info.filename == "word/document.xml" else blob)
    with zipfile.ZipFile(DATA / "en_paper.docx") as src, zipfile.ZipFile(tmp_path / "notes_cut.docx", "w") as out:
        for info in src.infolist():
            blob = src.read(info.filename)
            out.writestr(info, blob[: len(blob) // 2] if info.filename == "word/footnotes.xml" else blob)
    with zipfile.ZipFile(tmp_path / "sheet.docx", "w") as out:
        out.writestr("content.xml", "<office/>")
    import docx

    docx.Document().save(tmp_path / "empty.docx")
    return {p.name: p for p in tmp_path.iterdir()}


@pytest.mark.parametrize("case, words", [
    ("scan.pdf", "no text layer"), ("encrypted.pdf", "encrypted"), ("truncated.pdf", "damaged"),
    ("garbage.pdf", "damaged"), ("broken.docx", "damaged"), ("cut.docx", "damaged"), ("sheet.docx", "not a Word"),
    ("empty.docx", "no text"), ("notes_cut.docx", "damaged"),
])
def test_unreadable_files_give_a_clear_error(tmp_path, case, words):
    path = DATA / case if (DATA / case).exists() else _damaged(tmp_path)[case]
    with pytest.raises(CiteauditError, match=words):
        parse_document(path)


def test_cli_reads_a_pdf_and_refuses_an_encrypted_one_in_one_line():
    run = [sys.executable, "-m", "citations", "parse"]
    ok = subprocess.run(run + [str(DATA / "zh_thesis.pdf")], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and "10 footnotes, 10 markers found" in ok.stdout
    bad = subprocess.run(run + [str(DATA / "encrypted.pdf")], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "encrypted" in bad.stderr


def _draft(text: str, *marks: tuple[int, int, str]) -> LineDraft:
    return LineDraft(text, page=1, line=1, paragraph_start=True,
                     markers=[MarkerDraft(index, number, text=printed) for index, number, printed in marks])


def test_raised_number_that_matches_no_note_goes_back_into_the_text():
    doc = build_document("d", "<t>", "pdf", [_draft("an area of 10 km. Growth", (16, 2, "2"), (17, 1, "1"))],
                         [NoteDraft(number=1, page=1, line=2, text="A source.")])
    assert doc.body == "an area of 10 km2. Growth"
    assert doc.footnotes[0].marker.offset == len("an area of 10 km2.")
    assert doc.notices and "kept as text" in doc.notices[0]


def test_marks_printed_in_a_row_pair_with_consecutive_notes():
    notes = [NoteDraft(number=n, page=1, line=2, text=f"note {n}") for n in (8, 9, 10, 11)]
    doc = build_document("d", "<t>", "pdf", [_draft("first. second.", (6, 89, "89"), (14, 1011, "1011"))], notes)
    assert [f.marker.offset for f in doc.footnotes] == [6, 6, 14, 14] and not doc.notices


def test_word_note_with_its_own_mark_keeps_the_mark_out_of_the_body(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    from tests.data import make_docs

    doc = make_docs.build([("Title", [["A claim.", ("fn", "A source."), " Another claim.", ("fn", "Ibid.")]])],
                          east_asian=False, running_head="Head", restart_each_chapter=False)
    first = next(doc.element.body.iter(qn("w:footnoteReference")))
    first.set(qn("w:customMarkFollows"), "1")
    first.addnext(parse_xml(f'<w:t xmlns:w="{make_docs.W}">*</w:t>'))
    doc.save(tmp_path / "custom.docx")
    parsed = parse_document(tmp_path / "custom.docx")
    assert "*" not in parsed.body
    assert [(f.number, f.text) for f in parsed.footnotes] == [(0, "A source."), (1, "Ibid.")]


@pytest.mark.parametrize("pdf_name, docx_name", PAIRS)
def test_pdf_and_docx_give_the_same_citations(pdf_name, docx_name):
    references = pytest.importorskip("citations.references")  # the citations stage (issue 3), once merged
    word = references.resolve(parse_document(DATA / f"{docx_name}.docx"))
    pdf = references.resolve(parse_document(DATA / f"{pdf_name}.pdf"))
    cites = lambda doc: [[(c.raw, c.kind, c.csl) for c in f.citations] for f in doc.footnotes]  # noqa: E731
    assert cites(pdf) == cites(word) and any(cites(word))


@pytest.mark.parametrize("left, right, glue", [
    ("Suisheng Zhao,", "“China’s Foreign Policy", " "), ("中國的", "外交政策", ""), ("2019年", "5月", ""),
    ("Europe-", "Asia Studies", ""), ("see http://www.example.org/a/", "b/c.html", ""), ("the", "region", " "),
])
def test_wrapped_lines_join_with_a_space_only_between_latin_words(left, right, glue):
    from citations.formats.assemble import separator

    assert separator(left, right) == glue


@pytest.mark.parametrize("left, right, dropped", [
    ("the organi-", "sation decides", True), ("the Europe-", "Asia Studies", False), ("a well-", "known case", False),
])
def test_line_break_hyphen_is_dropped_only_when_the_whole_word_occurs_elsewhere(left, right, dropped):
    words = {"the", "organisation", "decides", "europe", "asia", "well", "known", "case"}
    assert pdf_reader._line_break_hyphen(left, right, words) is dropped


def _sized_line(text: str, top: float, size: float) -> pdfpage.Line:
    w = size * 0.5
    chars = [pdfpage.Char(ch, 90 + w * i, 90 + w * (i + 1), top, top + size, size, top + 0.8 * size)
             for i, ch in enumerate(text)]
    return pdfpage.Line(chars, 1)


def test_full_width_rule_over_a_continued_note_opens_the_footnote_area():
    body = [_sized_line("body text " * 8, 100 + 20 * i, 12) for i in range(10)]
    tail = [_sized_line("continued from the page before " * 2, 700, 9), _sized_line("3 Next note.", 712, 9)]
    page = pdfpage.PageLayout(1, 600, 800, body + tail, rules=[(90, 90 + 6 * 80, 690)])  # as wide as the text
    assert pdf_reader._split_notes(page, 12) == (body, tail)


def _mutants(seed: int = 10) -> list[tuple[str, bytes]]:
    """Broken PDFs as users meet them: cut short at many points, bytes overwritten at random,
    random bytes behind a PDF header, an empty page, a text-less file."""
    import random

    rng = random.Random(seed)
    out: list[tuple[str, bytes]] = []
    for name in ("en_paper.pdf", "zh_thesis.pdf", "en_paper_latex.pdf", "en_endnotes_twocol.pdf"):
        data = (DATA / name).read_bytes()
        for cut in (9, 100, len(data) // 5, len(data) // 2, len(data) - 200, len(data) - 1):
            out.append((f"{name} cut at {cut}", data[:cut]))
        for n in range(6):
            blob = bytearray(data)
            for _ in range(1 + n * 40):
                at = rng.randrange(len(blob))
                blob[at:at + 8] = bytes(rng.randrange(256) for _ in range(8))
            out.append((f"{name} corrupted #{n}", bytes(blob)))
    for n in range(4):
        out.append((f"random #{n}", b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(2000 * (n + 1)))))
    out.append(("header only", b"%PDF-1.7\n%%EOF\n"))
    return out


@pytest.mark.parametrize("label, blob", _mutants(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_broken_pdf_gives_a_document_or_a_one_line_error_never_a_traceback(tmp_path, label, blob):
    path = tmp_path / "broken.pdf"
    path.write_bytes(blob)
    try:
        doc = parse_document(path)
    except CiteauditError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc) and "reader failed" not in str(exc)  # no bug of ours
    else:
        assert doc.pages


def test_cli_on_random_bytes_behind_a_pdf_header_exits_2_in_one_line(tmp_path):
    path = tmp_path / "noise.pdf"
    path.write_bytes(b"%PDF-1.5\n" + bytes(range(256)) * 40)
    run = subprocess.run([sys.executable, "-m", "citations", "parse", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


def test_circled_number_drawn_as_a_circle_with_digits_inside_reads_as_one_mark():
    ring = pdfpage.Char("○", 100, 110, 50, 60, 10, 60)
    one, zero = pdfpage.Char("1", 102, 105, 52, 58, 5, 58), pdfpage.Char("0", 105, 108, 52, 58, 5, 58)
    word = pdfpage.Char("字", 111, 121, 50, 60, 10, 60)
    assert [c.text for c in pdfpage.stacked_numbers([word, one, ring, zero])] == ["字", "⑩"]


@pytest.mark.parametrize("mark, number", [("①", 1), ("⑩", 10), ("⑳", 20), ("㉑", 21), ("㊿", 50), ("⑴", 1), ("❸", 3)])
def test_enclosed_numerals_read_as_their_number(mark, number):
    assert pdfpage.enclosed_number(mark) == number


@pytest.mark.parametrize("text, numbers, form", [
    ("① 同前註。", [1], "circled"), ("③④ 同上。", [3, 4], "circled"), ("(12) Ibid.", [12], "bracket"),
    ("[3] Ibid.", [3], "bracket"), ("7) Ibid.", [7], "digits"), ("12. Ibid.", [12], "digits"), ("* Thanks.", [0], "symbol"),
])
def test_note_numbers_of_every_common_form_open_a_note_line(text, numbers, form):
    lead = pdf_reader._lead_number(_line(text, 700))  # '①'.isdigit() is True but int('①') raised here
    assert lead is not None and (lead.numbers, lead.form) == (numbers, form)


@pytest.mark.parametrize("text", ["1968 was the year.", "2019年5月", "０１０－８４０８３６８３"])
def test_a_year_or_a_number_running_into_text_opens_no_note(text):
    lead = pdf_reader._lead_number(_line(text, 700))
    reader = pdf_reader._NoteReader(set())
    assert lead is None or not reader._opens(lead, _line(text, 700), early=True)


def _page_of(texts: list[str]) -> pdfpage.PageLayout:
    lines = [_sized_line(t, 100 + 20 * i, 12) for i, t in enumerate(texts)]
    page = pdfpage.PageLayout(1, 600, 800, lines, rules=[])
    page.body = lines
    pdf_reader._number_lines([page])
    return page


def test_numbered_lines_under_a_notes_heading_are_endnotes():
    page = _page_of(["The argument ends here.", "Notes", "1 First source, p. 3.", "2 Second source, p. 9."])
    drafts, endnotes = pdf_reader._body([page], [], 12, set())
    assert [(n.number, n.text, n.kind) for n in endnotes] == [(1, "First source, p. 3.", "endnote"),
                                                               (2, "Second source, p. 9.", "endnote")]
    assert [d.text for d in drafts] == ["The argument ends here.", "Notes"]


def test_a_numbered_list_in_the_body_is_no_endnote_block():
    page = _page_of(["The outcomes are:", "1 to read the sources;", "2 to weigh them."])
    drafts, endnotes = pdf_reader._body([page], [], 12, set())
    assert not endnotes and len(drafts) == 3


def _column_page(columns: int, rows: int = 20) -> list[pdfpage.Char]:
    """A page of `columns` text columns, 10 pt type (5.5 pt advance), a 12 pt gutter, rows on one
    baseline grid; word gaps differ from row to row, as in real text."""
    width = (500 - 12 * (columns - 1)) / columns
    words = ["a", "column", "of", "ragged", "text", "set", "in", "plain", "words", "here"]
    chars = []
    for col in range(columns):
        x = 50 + col * (width + 12)
        for row in range(rows):
            top, text, k = 100 + 14 * row, f"c{col}r{row:02d}", row
            while len(text) * 5.5 < width - 40:
                text += " " + words[k % len(words)]
                k += 3
            chars += [pdfpage.Char(ch, x + 5.5 * i, x + 5.5 * i + 5, top, top + 10, 10, top + 8)
                      for i, ch in enumerate(text)]
    return chars


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_one_two_and_three_columns_are_read_column_by_column(columns):
    pieces, gutters = pdfpage._lines(_column_page(columns), 600)
    assert len(gutters) == columns - 1
    order = [line.plain.split()[0] for line in pdfpage._columns(pieces, gutters)]
    assert order == [f"c{col}r{row:02d}" for col in range(columns) for row in range(20)]


def test_a_failure_of_the_reader_itself_is_one_line_naming_it_not_a_traceback(monkeypatch):
    def broken(pages):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(pdf_reader, "_drop_furniture", broken)
    with pytest.raises(CiteauditError, match=r"reader failed on this file \(ZeroDivisionError at test_formats.py:\d+"):
        pdf_reader.read_pdf(DATA / "en_paper.pdf")


def _pages_of(*texts_per_page: list[str], size: float = 12) -> list[pdfpage.PageLayout]:
    pages = []
    for n, texts in enumerate(texts_per_page, 1):
        lines = [_sized_line(t, 100 + 20 * i, size) for i, t in enumerate(texts) if t]  # "": a blank row
        for line in lines:
            line.page = n
        page = pdfpage.PageLayout(n, 600, 800, lines, rules=[])
        page.body = lines
        pages.append(page)
    pdf_reader._number_lines(pages)
    return pages


def test_typed_bracket_marks_pair_with_endnotes_numbered_in_brackets():
    # a typewritten article: marks typed on the line "(1)", the notes gathered at the end
    pages = _pages_of(["The archives came first (1). Then the rest", "came too( 2) and more."],
                      ["Later work followed (3).", "", "(1) First source.", "(2) Second source.", "(3) Third."])
    drafts, endnotes = pdf_reader._body(pages, [], 12, set())
    assert [(n.number, n.text) for n in endnotes] == [(1, "First source."), (2, "Second source."), (3, "Third.")]
    assert [m.number for d in drafts for m in d.markers] == [1, 2, 3]
    assert drafts[0].text == "The archives came first. Then the rest"


def test_bracketed_numbers_of_one_list_are_no_marks():
    pages = _pages_of(["We ask (1) who, (2) when and (3) why."], ["The end."])
    assert not pdf_reader._inline_marks(pages)


def test_a_notes_heading_opens_the_block_even_after_a_short_centred_line():
    pages = _pages_of(["The argument ends here (1) and (2).", "More text (3)."],
                      ["FOOTNOTES", "1 First source, p. 3.", "2 Second.", "3 Third."])
    _, endnotes = pdf_reader._body(pages, [], 12, set())
    assert [n.number for n in endnotes] == [1, 2, 3]


def test_an_endnote_block_runs_on_over_a_page_set_at_another_scale():
    pages = _pages_of(["Text (1) and (2).", "More (3)."], ["Notes", "1 First.", "2 Second, continued"])
    pages += _pages_of(["on the next scanned page.", "3 Third."], size=11)
    for line in pages[2].body:
        line.page = pages[2].number = 3
    pdf_reader._number_lines(pages)
    _, endnotes = pdf_reader._body(pages, [], 12, set())
    assert [(n.number, n.text) for n in endnotes][1:] == [(2, "Second, continued on the next scanned page."), (3, "Third.")]


def test_a_note_number_ends_at_a_word_gap():
    lead = pdf_reader._lead_number(_line("21 16 (1977).", 700))
    assert lead is not None and lead.numbers == [21]


def test_single_spaced_notes_in_body_size_under_a_short_rule_are_the_note_area():
    # a manuscript: 12 pt double-spaced body, 12 pt single-spaced notes under a short rule
    body = [_sized_line("body text runs on " * 5, 100 + 28 * i, 12) for i in range(12)]
    notes = [_sized_line("3 Companies Act 2006, s. 414.", 500, 12), _sized_line("continued source.", 514, 12),
             _sized_line("4 Ibid.", 528, 12)]
    page = pdfpage.PageLayout(1, 600, 800, body + notes, rules=[(90, 230, 495)])
    assert pdf_reader._split_notes(page, 12, pdf_reader._body_pitch([page])) == (body, notes)
    spaced = [_sized_line(l.plain, 500 + 28 * i, 12) for i, l in enumerate(notes)]  # spaced as the body: a table
    page = pdfpage.PageLayout(1, 600, 800, body + spaced, rules=[(90, 230, 495)])
    assert pdf_reader._split_notes(page, 12, 28) == (body + spaced, [])


def test_a_page_set_smaller_under_its_running_head_is_no_note_area():
    head = _sized_line("Civil Liberties and the Constitution", 40, 11)
    small = [_sized_line("body text of a page scanned at another scale " * 2, 70 + 11 * i, 10) for i in range(20)]
    small.append(_sized_line("7 See Clokie, The Preservation of Civil Liberties.", 300, 10))
    page = pdfpage.PageLayout(1, 600, 800, [head] + small, rules=[])
    assert pdf_reader._split_notes(page, 11) == ([head] + small, [])


def test_a_publisher_block_at_the_foot_of_the_note_area_is_furniture():
    notes = [_sized_line("1 For existing scholarship see Bryden, Fighting to Lose.", 600, 7),
             _sized_line("2 Some of these references are Faulkner, 'The Kriegsmarine'.", 610, 7),
             _sized_line("© The Author(s) 2024. Published by a University Press.", 630, 6.5),
             _sized_line("This is an Open Access article distributed under the terms of the", 638, 6.5)]
    assert pdf_reader._imprint_tail(notes) == (notes[:2], notes[2:])
    citing = notes[:2] + [_sized_line("3 On the terms see Creative Commons, Licences (2020).", 630, 6.5)]
    assert pdf_reader._imprint_tail(citing) == (citing, [])  # a note citing a licence opens with its number


def test_small_print_with_a_bracketed_number_inside_a_run_on_paragraph_is_no_note_area():
    body = [_sized_line("body text runs on " * 5, 100 + 14 * i, 10) for i in range(12)]
    texts = ["in four forms: (1) naval intelligence gathered by the supply ships of the navy, (2) a network",
             "(3) a military radio monitoring and interception substation, and (4) the surveillance of",
             "undertaken by agents of police organizations, as a case study."]
    abstract = [_sized_line(t.ljust(len(texts[0])) if i < 2 else t, 300 + 10 * i, 7.5) for i, t in enumerate(texts)]
    page = pdfpage.PageLayout(1, 600, 800, body + abstract, rules=[])
    assert pdf_reader._split_notes(page, 10) == (body + abstract, [])


def test_a_smaller_quotation_set_apart_above_the_notes_stays_body():
    body = [_sized_line("body text runs on " * 5, 100 + 14 * i, 11) for i in range(12)]
    quote = [_sized_line("There are periods in history when, under the influence " * 2, 300 + 12 * i, 10) for i in range(3)]
    notes = [_sized_line("32 Rousseau, Du contrat social, Geneva 1947, p. 235.", 400, 9.5)]
    page = pdfpage.PageLayout(1, 600, 800, body + quote + notes, rules=[])
    assert pdf_reader._split_notes(page, 11) == (body + quote, notes)


def test_a_marginal_paragraph_number_does_not_break_the_note_area():
    body = [_sized_line("body text runs on " * 5, 100 + 14 * i, 10) for i in range(12)]
    notes = [_sized_line("19 See FSMA 2000, section 142 and the report on it.", 400, 7),
             _sized_line("20 Second Report, para 25, on the reserve power.", 410, 7)]
    number = pdfpage.Line([pdfpage.Char(ch, 40 + 5 * i, 45 + 5 * i, 412, 422, 10, 420) for i, ch in enumerate("3.40")], 1)
    page = pdfpage.PageLayout(1, 600, 800, body + notes[:1] + [number] + notes[1:], rules=[])
    assert pdf_reader._split_notes(page, 10) == (body + [number], notes)


def test_the_title_block_ends_where_the_first_paragraph_starts():
    title = [_sized_line("A Farewell to the Trap*", 60, 14), _sized_line("Ann Author", 90, 12)]
    title[1].x0 += 150  # centred and short: a name
    paragraph = [_sized_line("In 1912, looking back on the crisis, the naval officer wrote " * 2, 120 + 14 * i, 10)
                 for i in range(3)]
    page = _page_of([])
    page.body = title + paragraph
    for n, line in enumerate(page.body, 1):
        line.number = n
    assert pdf_reader._title_block(page, 10) == {1, 2}
    page.body = paragraph  # a page opening with a paragraph has no title block
    assert pdf_reader._title_block(page, 10) == set()


def test_a_title_page_before_the_notes_is_title_all_through_but_not_a_page_of_text():
    cover = _page_of(["A Title Page", "Ann Author", "Abstract set short"])
    assert pdf_reader._title_block(cover, 12, cover=True) == {l.number for l in cover.body}
    text = _page_of(["running text of a full page " * 3] * 12)  # a page without notes, but of running text
    assert pdf_reader._title_block(text, 12, cover=True) == set()


def test_a_numbered_list_mid_article_with_footnotes_after_it_is_no_endnote_block():
    # marks 1 and 2 seen twice (affiliations, then the text), so the list's numbers look "free"
    pages = _pages_of(["Ann Author¹ and Bo Author²", "The body cites a case.¹ And a law.²"],
                      ["The elements are:", "1. In essence, everyone.", "2. Those who do harm."])
    for page in pages:
        for line in page.body:
            for c in line.chars:
                if c.text in "¹²":
                    c.text = "1" if c.text == "¹" else "2"
                    c.size, c.base = 6, c.base - 4
    footnotes = [pdf_reader.NoteDraft(number=n, page=p, line=0, text="note") for n, p in ((1, 1), (2, 1), (3, 3))]
    _, endnotes = pdf_reader._body(pages, footnotes, 12, set())
    assert endnotes == []
