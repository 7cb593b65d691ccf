"""Regenerate the test documents: .docx files with real footnotes/endnotes, and their PDFs.

    python tests/data/make_docs.py            # writes tests/data/*.docx and *.pdf

The .docx files are the truth (their footnotes are explicit XML); the PDFs are LibreOffice's
rendering of them, so the PDF reader is tested on real typography: raised, smaller markers, a
separator rule, a footnote that runs on to the next page, running heads and page numbers.
python-docx has no footnote API, so the footnotes part is written here as XML.
Also two PDFs the reader must refuse: `scan.pdf` (a page image, no text layer) and
`encrypted.pdf` (user password "secret").
`en_paper_latex.pdf` is the same text as en_paper.docx typeset by LaTeX (from `en_paper_latex.tex`).
Needs (only to regenerate): `apt-get install libreoffice-writer fonts-noto-cjk texlive-latex-base lmodern`,
`pip install pymupdf`.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTE_SIZE = 18  # half-points: notes at 9 pt under a 12 pt body
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}+xml"

# A paragraph is a list of pieces: plain strings, or ("fn", text) / ("en", text) for a note whose
# reference mark goes right there.
Para = list


def _new_document(east_asian: bool, body_pt: float = 12, justify: bool = False) -> docx.Document:
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(body_pt)
    normal.paragraph_format.first_line_indent = Pt(2 * body_pt)  # two CJK characters, as theses indent
    if justify:
        normal.paragraph_format.alignment = 3
    doc.styles["Heading 1"].paragraph_format.first_line_indent = Pt(0)
    normal.font.name = "DejaVu Serif"
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "Noto Serif CJK TC" if east_asian else "DejaVu Serif")
    for section in doc.sections:
        section.page_height, section.page_width = docx.shared.Mm(297), docx.shared.Mm(210)
    return doc


def _note_xml(kind: str, nid: int, text: str, half_points: int) -> str:
    """One note; a blank line in its text starts a second paragraph of the note."""
    ref = "footnoteRef" if kind == "fn" else "endnoteRef"
    tag = "footnote" if kind == "fn" else "endnote"
    size = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    first, *more = text.split("\n\n")
    paras = [f'<w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>{size}</w:rPr><w:{ref}/></w:r>'
             f'<w:r><w:rPr>{size}</w:rPr><w:t xml:space="preserve"> {escape(first)}</w:t></w:r></w:p>']
    paras += [f'<w:p><w:r><w:rPr>{size}</w:rPr><w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p>' for t in more]
    return f'<w:{tag} w:id="{nid}">{"".join(paras)}</w:{tag}>'


def _notes_part(doc: docx.Document, kind: str, notes: list[str], half_points: int = NOTE_SIZE) -> None:
    tag = "footnote" if kind == "fn" else "endnote"
    sep = (
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>'
    )
    body = "".join(_note_xml(kind, i, t, half_points) for i, t in enumerate(notes, 1))
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{tag}s xmlns:w="{W}">{sep}{body}</w:{tag}s>'
    name = f"{tag}s"
    part = Part(PackURI(f"/word/{name}.xml"), CT.format(name), xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES if kind == "fn" else RT.ENDNOTES)


QUOTE = "<block quotation>"  # first piece of a paragraph set as an indented, smaller quotation


def _add_paragraph(doc: docx.Document, pieces: Para, notes: dict[str, list[str]]) -> None:
    p = doc.add_paragraph()
    quote = bool(pieces) and pieces[0] == QUOTE
    if quote:
        pieces = pieces[1:]
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(36)
        p.paragraph_format.first_line_indent = Pt(0)
    for piece in pieces:
        if isinstance(piece, str):
            run = p.add_run(piece)
            if quote:
                run.font.size = Pt(9)
            continue
        kind, texts = piece[0], piece[1:]  # ("fn", a, b): two marks in a row, "¹,²"
        for i, text in enumerate(texts):
            if i:
                p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>,</w:t></w:r>'))
            notes[kind].append(text)
            tag = "footnoteReference" if kind == "fn" else "endnoteReference"
            p._p.append(parse_xml(
                f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:{tag} w:id="{len(notes[kind])}"/></w:r>'
            ))


def _page_furniture(section, running_head: str) -> None:
    """A running head and a centred page-number field: what the PDF reader must drop."""
    section.header.paragraphs[0].text = running_head
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    footer._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{W}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    ))


def _section_notes_pr(section, restart_each_section: bool, columns: int = 1) -> None:
    sect = section._sectPr
    anchor = sect.find(qn("w:pgSz"))
    if restart_each_section:
        anchor.addprevious(parse_xml(f'<w:footnotePr xmlns:w="{W}"><w:numRestart w:val="eachSect"/></w:footnotePr>'))
    anchor.addprevious(parse_xml(f'<w:endnotePr xmlns:w="{W}"><w:numFmt w:val="decimal"/></w:endnotePr>'))
    if columns > 1:
        for old in sect.findall(qn("w:cols")):
            sect.remove(old)
        sect.append(parse_xml(f'<w:cols xmlns:w="{W}" w:num="{columns}" w:space="567"/>'))


def build(chapters: list[tuple[str, list[Para]]], *, east_asian: bool, running_head: str,
          restart_each_chapter: bool, columns: int = 1, body_pt: float = 12, note_pt: float = 9,
          justify: bool = False) -> docx.Document:
    doc = _new_document(east_asian, body_pt, justify)
    notes: dict[str, list[str]] = {"fn": [], "en": []}
    for i, (title, paragraphs) in enumerate(chapters):
        if i:
            doc.add_section(WD_SECTION.NEW_PAGE)
        doc.add_heading(title, level=1)
        for pieces in paragraphs:
            _add_paragraph(doc, pieces, notes)
    for section in doc.sections:
        _section_notes_pr(section, restart_each_chapter, columns)
    _page_furniture(doc.sections[0], running_head)
    for kind in ("fn", "en"):
        if notes[kind]:
            _notes_part(doc, kind, notes[kind], round(2 * note_pt))
    return doc


# --- content -----------------------------------------------------------------------------------
# Written for these tests: political-science prose with the citation forms our users meet.

ZH_SENTENCES = [
    "中亞地區位於歐亞大陸的中心，擁有豐富的石油與天然氣資源，長期以來被視為大國競逐的戰略要地。",
    "冷戰結束之後，中國逐步調整其周邊外交的優先順序，將睦鄰友好列為外交工作的核心目標之一。",
    "在多邊合作的架構下，北京試圖以經濟誘因換取區域國家在安全議題上的支持，並降低外部勢力的影響。",
    "然而，區域國家對於過度依賴單一大國始終保持警覺，因此在俄羅斯、美國與中國之間採取平衡策略。",
    "能源管線的興建不僅改變了區域的經濟地理，也使得過境國家在談判中取得更多的籌碼與發言權。",
    "學界對於此一現象的解釋大致可分為現實主義與建構主義兩種途徑，兩者對國家行為的假設截然不同。",
    "從制度面觀察，上海合作組織的決策採取共識決，使得各成員國得以在敏感議題上保留否決的空間。",
    "此外，跨境民族與宗教問題也使得邊境安全成為雙邊關係中無法迴避的課題，影響合作的深度與廣度。",
]

ZH_NOTES = [
    "許志嘉，《中國新外交：理論與實踐》（臺北：五南圖書，2009年），頁45-47。",
    "王振民，〈上海合作組織的發展與挑戰〉，《問題與研究》，第48卷第2期（2009年6月），頁1-30。",
    "同前註，頁12。",
    "陳一新，《後冷戰時期的大國關係》（臺北：遠景出版社，2015年），頁101。",
    "林文程，〈中國能源外交與中亞〉，《遠景基金會季刊》，第10卷第3期（2019年7月），頁77-112。",
    "Suisheng Zhao, “China’s Foreign Policy Making,” Journal of Contemporary China, Vol. 20, No. 70 (2011), pp. 1-20.",
    "請參閱：中華人民共和國外交部，〈中國同中亞國家關係〉，http://www.fmprc.gov.cn/，2019年5月1日檢索。",
    "張雅君，《區域主義與中國外交》（臺北：揚智文化，2012年），頁33。",
]

# An explanatory note long enough that LibreOffice must carry it on to the next page.
ZH_LONG_NOTE = (
    "關於此一議題的討論，學界的看法相當分歧。" * 3
    + "部分學者認為能源合作只是雙邊關係的表層，真正的動因在於安全考量；另一派則主張經濟互賴才是推動合作的主要力量，"
    "兩派論點各有其經驗證據支持，難以一概而論。" * 6
    + "詳細的討論請參閱：吳玉山，《抗衡或扈從：兩岸關係新詮》（臺北：正中書局，1997年），頁1-25。"
)

EN_SENTENCES = [
    "Central Asia sits at the heart of the Eurasian landmass and holds reserves of oil and gas that have drawn the attention of every major power.",
    "After the end of the Cold War, Beijing reordered the priorities of its neighbourhood diplomacy and made good relations with bordering states a core aim.",
    "Within multilateral frameworks China has traded economic incentives for regional support on security questions while limiting the reach of outside powers.",
    "The regional states, however, remain wary of depending on any single patron and balance among Russia, the United States and China.",
    "New pipelines have changed the economic geography of the region and given transit states more leverage at the negotiating table.",
    "Scholars have explained this pattern in realist and in constructivist terms, and the two approaches start from very different assumptions about states.",
    "Because the organisation decides by consensus, each member keeps an effective veto over the questions it considers sensitive.",
    "Cross-border ethnic and religious ties also make frontier security an unavoidable topic in bilateral relations.",
]

EN_NOTES = [
    "Samuel S. Kim, The International Relations of Northeast Asia (Lanham: Rowman & Littlefield, 2004), p. 55.",
    "Ibid., p. 60.",
    "David Shambaugh, “China Engages Asia: Reshaping the Regional Order,” International Security 29, no. 3 (2005): 64–99.",
    "Alexander Cooley, Great Games, Local Rules (New York: Oxford University Press, 2012), 23–41.",
    "See Marlene Laruelle and Sebastien Peyrouse, The Chinese Question in Central Asia (London: Hurst, 2012), 88.",
    "Kim, The International Relations of Northeast Asia, 71.",
    "Thomas Ambrosio, “Catching the Shanghai Spirit,” Europe-Asia Studies 60, no. 8 (2008): 1321–1344.",
]


def _paragraphs(sentences: list[str], notes: list[str], count: int, per: int, kind: str, start: int,
                 year_marker: tuple[str, str] | None = None) -> list[Para]:
    """`count` paragraphs of `per` sentences; every other paragraph carries a note after a sentence."""
    out: list[Para] = []
    k = start
    for i in range(count):
        pieces: Para = []
        for j in range(per):
            sentence = sentences[(k + j) % len(sentences)]
            pieces.append(sentence)
            if j == 1 and i % 2 == 0:
                pieces.append((kind, notes[(k + i) % len(notes)]))
            if sentence[-1] not in "。？！":
                pieces.append(" ")  # after the mark, as English sets it
        k += per
        out.append(pieces)
    if year_marker:  # a marker right after a year: 2019年³ / in 2019⁴
        before, after = year_marker
        out[1] = [before, (kind, notes[4]), after] + out[1]
    return out


def zh_thesis() -> docx.Document:
    ch1 = _paragraphs(ZH_SENTENCES, ZH_NOTES, 8, 4, "fn", 0, year_marker=("中國與哈薩克於2019年", "簽署長期供氣協定。"))
    ch1[3] = ch1[3][:2] + [("fn", ZH_LONG_NOTE)] + ch1[3][2:]
    ch1.insert(2, ["本章共分為3節，先回顧1991年以來的政策演變，再討論5個中亞國家的回應。"])
    ch2 = _paragraphs(ZH_SENTENCES, ZH_NOTES, 7, 4, "fn", 3)
    return build([("第一章　緒論", ch1), ("第二章　中國的中亞政策", ch2)], east_asian=True,
                 running_head="中國對中亞外交政策之研究", restart_each_chapter=True)


def en_paper_content() -> list[tuple[str, list[Para]]]:
    ch1 = _paragraphs(EN_SENTENCES, EN_NOTES, 7, 4, "fn", 0, year_marker=("The treaty was signed in 2019", ", and ratified a year later. "))
    ch2 = _paragraphs(EN_SENTENCES, EN_NOTES, 6, 4, "fn", 2)
    return [("1. Introduction", ch1), ("2. Balancing in Central Asia", ch2)]


def en_paper() -> docx.Document:
    return build(en_paper_content(), east_asian=False, running_head="China and Central Asia", restart_each_chapter=False)


# The same paper typeset by LaTeX: another producer's typography (no space characters, justified
# and hyphenated lines, raised note numbers, its own rule), read against the .docx of the same text.
LATEX_PREAMBLE = r"""\documentclass[11pt,a4paper]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\pagestyle{myheadings}\markright{China and Central Asia}
\begin{document}
"""


def _latex(text: str) -> str:
    return "".join("\\" + ch if ch in "&%$#_{}" else ch for ch in text)


def en_paper_latex(path: Path) -> Path:
    """Write the LaTeX version of en_paper and typeset it with pdflatex."""
    out = [LATEX_PREAMBLE]
    for title, paragraphs in en_paper_content():
        out.append(f"\\section*{{{_latex(title)}}}\n")
        for pieces in paragraphs:
            out.append("".join(_latex(p) if isinstance(p, str) else "".join(f"\\footnote{{{_latex(t)}}}" for t in p[1:])
                               for p in pieces) + "\n\n")
    out.append("\\end{document}\n")
    tex = path.with_suffix(".tex")
    tex.write_text("".join(out), encoding="utf-8")
    if not shutil.which("pdflatex"):
        sys.exit("pdflatex is needed to regenerate the LaTeX PDF: apt-get install texlive-latex-base")
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(2):
            subprocess.run(["pdflatex", "-interaction=batchmode", f"-output-directory={tmp}", str(tex)],
                           check=True, capture_output=True)
        return Path(shutil.copy(Path(tmp) / tex.with_suffix(".pdf").name, path))


def en_endnotes_twocol() -> docx.Document:
    ch1 = _paragraphs(EN_SENTENCES, EN_NOTES, 8, 3, "en", 1)
    return build([("Notes gathered at the end", ch1)], east_asian=False, running_head="Endnotes test",
                 restart_each_chapter=False, columns=2)


def zh_stress() -> docx.Document:
    """Denser and less tidy: justified 10.5 pt text, 8 pt notes, two notes in most paragraphs,
    marks in a row ("¹,²"), a note of two paragraphs, a small-type block quotation, three chapters."""
    notes = ZH_NOTES + EN_NOTES
    chapters = []
    for c in range(3):
        paras = _paragraphs(ZH_SENTENCES + EN_SENTENCES[:3], notes, 7, 5, "fn", 3 * c)
        for i, para in enumerate(paras):
            if i % 2:  # a second note in the odd paragraphs too
                para.insert(len(para) - 1, ("fn", notes[(i + c) % len(notes)]))
        paras[2].insert(1, ("fn", notes[c], notes[c + 5]))
        paras.insert(4, [QUOTE, "引文：「" + ZH_SENTENCES[c] + ZH_SENTENCES[c + 1] + "」", ("fn", notes[c + 2])])
        if c == 1:
            paras[5].insert(2, ("fn", ZH_NOTES[0] + "\n\n" + "另參閱：" + ZH_NOTES[3]))
        chapters.append((f"第{'一二三'[c]}章　研究發現之{c + 1}", paras))
    return build(chapters, east_asian=True, running_head="中亞研究叢刊　第12期", restart_each_chapter=True,
                 body_pt=10.5, note_pt=8, justify=True)


DOCUMENTS = {"zh_thesis": zh_thesis, "en_paper": en_paper, "en_endnotes_twocol": en_endnotes_twocol,
             "zh_stress": zh_stress}


def _lo(office: str, profile: str, target: str, src: Path) -> Path:
    subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
                    "--outdir", str(src.parent), str(src)], check=True, capture_output=True)
    return src.with_suffix("." + target)


# Page-layout variants LibreOffice applies when it renders a document, so the PDF reader meets
# more than one house style: note numbers raised in the note area (as Word sets them), and a
# note area with no separator rule above it.
RENDERING = {"en_paper": {"raised_note_numbers"}, "zh_stress": {"no_separator_rule"}}


def _patch_odt(odt: Path, options: set[str]) -> None:
    """LibreOffice imports Word's per-section restart as per-chapter counting from -1, which prints
    "0" for the first note of every later chapter; start from 0 (shown as 1) as Word does.
    Then apply the rendering options above to the styles."""
    with zipfile.ZipFile(odt) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(odt, "w") as z:
        for info, data in items:
            if info.filename == "styles.xml":
                data = data.replace(b'text:start-value="-1" text:footnotes-position', b'text:start-value="0" text:footnotes-position')
                if "raised_note_numbers" in options:
                    data = data.replace(
                        b'<style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" style:family="text"/>',
                        b'<style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" style:family="text">'
                        b'<style:text-properties style:text-position="super 58%"/></style:style>')
                if "no_separator_rule" in options:
                    data = re.sub(rb'(<style:footnote-sep[^>]*?)style:line-style="solid"', rb'\1style:line-style="none"', data)
            z.writestr(info, data)


def to_pdf(docx_path: Path) -> Path:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if not office:
        sys.exit("LibreOffice is needed to regenerate the PDFs: apt-get install libreoffice-writer fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as tmp:
        odt = _lo(office, tmp + "/profile", "odt", Path(shutil.copy(docx_path, tmp)))
        _patch_odt(odt, RENDERING.get(docx_path.stem, set()))
        pdf = _lo(office, tmp + "/profile", "pdf", odt)
        return Path(shutil.copy(pdf, docx_path.with_suffix(".pdf")))


def unreadable_pdfs(source: Path) -> None:
    """A scan (the first page as a picture) and a password-protected copy of that page."""
    import pymupdf

    with pymupdf.open(source) as src:
        scan = pymupdf.open()
        page = scan.new_page(width=src[0].rect.width, height=src[0].rect.height)
        page.insert_image(page.rect, pixmap=src[0].get_pixmap(dpi=30, colorspace=pymupdf.csGRAY))
        scan.save(HERE / "scan.pdf", deflate=True, garbage=4)
        locked = pymupdf.open()
        locked.insert_pdf(src, from_page=0, to_page=0)
        locked.save(HERE / "encrypted.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_128, user_pw="secret",
                    owner_pw="owner", garbage=4, deflate=True)


def main() -> None:
    for name, make in DOCUMENTS.items():
        path = HERE / f"{name}.docx"
        make().save(path)
        print(path, "->", to_pdf(path))
    unreadable_pdfs(HERE / "en_paper.pdf")
    print(en_paper_latex(HERE / "en_paper_latex.pdf"))


if __name__ == "__main__":
    main()
