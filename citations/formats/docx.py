"""Word (.docx) files: python-docx for the package, the footnotes/endnotes parts read as XML.

Note references are explicit elements (`w:footnoteReference w:id=...`), so every marker is exact.
Word stores no pages, so a page is counted from what the file does record: Word's own
`w:lastRenderedPageBreak` marks when present, else explicit page and section breaks.
A "line" here is a body paragraph, numbered from 1 in reading order (table cells included);
a note's line is the paragraph holding its reference mark.
Printed note numbers follow the document's numbering settings (start, restart per section).
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import regex
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from ..errors import CiteauditError
from ..model import Document
from .assemble import LineDraft, MarkerDraft, NoteDraft, build_document, join_lines

_KINDS = {"footnote": RT.FOOTNOTES, "endnote": RT.ENDNOTES}
_REFERENCES = {qn(f"w:{kind}Reference"): kind for kind in _KINDS}
_SKIP = {qn("w:delText"), qn("w:instrText")}  # deleted text and field codes are not printed
_HIDDEN = {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback", qn("w:del")}  # a text box's fallback copy; tracked deletions
_MARK_SEPARATORS = regex.compile(r"[,，、\-–\s]+")
_NESTED = {qn("w:txbxContent")}  # a text box's paragraphs are read inline with their anchor


@dataclass
class _Numbering:
    """Word's note numbering: a start value and where it restarts (continuous, eachSect, eachPage)."""
    start: int = 1
    restart: str = "continuous"

    @classmethod
    def read(cls, pr, default: "_Numbering | None" = None) -> "_Numbering":
        out = _Numbering(default.start, default.restart) if default else _Numbering()
        if pr is not None:
            start, restart = pr.find(qn("w:numStart")), pr.find(qn("w:numRestart"))
            if start is not None:
                out.start = int(start.get(qn("w:val")))
            if restart is not None:
                out.restart = restart.get(qn("w:val"))
        return out


@dataclass
class _Ref:
    """A note reference mark where the body walk met it."""
    kind: str
    id: str
    section: int
    page: int
    line: int
    custom: bool = False  # the note has its own mark ("*") instead of a number


@dataclass
class _Walk:
    """State while walking the body in reading order."""
    page: int = 1
    section: int = 0
    lines: list[LineDraft] = field(default_factory=list)
    refs: list[_Ref] = field(default_factory=list)


MAX_XML = 64 * 1024 * 1024  # decompressed XML of a whole package; a long thesis has a few MB
MAX_RATIO = 100  # real Word XML compresses 5-30x; far more is a decompression bomb
RATIO_FROM = 1024 * 1024  # the ratio is judged on parts that expand past this


def check_package(path: Path) -> None:
    """Refuse a package whose XML would expand past MAX_XML or far beyond what Word writes, from
    the sizes the ZIP declares (Python's zipfile never inflates a part past its declared size)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = [i for i in package.infolist() if i.filename.endswith((".xml", ".rels"))]
    except zipfile.BadZipFile:
        raise CiteauditError(f"{path}: damaged ZIP package (a broken .docx?)") from None
    total = sum(i.file_size for i in parts)
    if total > MAX_XML:
        raise CiteauditError(f"{path}: its XML expands to {total / 2**20:.0f} MiB, over the {MAX_XML // 2**20} MiB limit for a .docx")
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise CiteauditError(f"{path}: {part.filename} expands {ratio:.0f} times (a decompression bomb?); refused")


def read_docx(path: str | Path) -> Document:
    path = Path(path)
    check_package(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CiteauditError(f"{path}: not a readable Word file ({exc})") from None
    except Exception as exc:  # lxml errors on a damaged part, and the like
        raise CiteauditError(f"{path}: damaged Word file ({type(exc).__name__}: {exc})") from None
    body = document.element.body
    rendered = body.find(".//" + qn("w:lastRenderedPageBreak")) is not None
    walk = _Walk()
    for p in body.iter(qn("w:p")):
        if not _skipped(p):
            _paragraph(p, walk, rendered)

    sections = [s.find(qn("w:sectPr")) for s in body.iter(qn("w:pPr"))] + [body.find(qn("w:sectPr"))]
    sections = [s for s in sections if s is not None]
    settings = document.settings.element
    notes: list[NoteDraft] = []
    for kind, reltype in _KINDS.items():
        texts = _note_texts(document, reltype, kind, path)
        default = _Numbering.read(settings.find(qn(f"w:{kind}Pr")))
        numbering = [_Numbering.read(s.find(qn(f"w:{kind}Pr")), default) for s in sections] or [default]
        notes += _number(kind, walk.refs, texts, numbering)
    return build_document(path.stem, str(path), "docx", walk.lines, notes, page_count=walk.page)


def _skipped(p) -> bool:
    return any(a.tag in _HIDDEN or a.tag in _NESTED for a in p.iterancestors())


def _hidden(el, p) -> bool:
    for a in el.iterancestors():
        if a is p:
            return False
        if a.tag in _HIDDEN:
            return True
    return False


def _paragraph(p, walk: _Walk, rendered: bool) -> None:
    ppr = p.find(qn("w:pPr"))
    if not rendered and ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None:
        walk.page += 1
    draft = LineDraft(text="", page=walk.page, line=len(walk.lines) + 1, paragraph_start=True)
    text: list[str] = []
    custom_mark = False  # the next text is a note's own mark ("*"), not body text
    for el in p.iter():
        tag = el.tag
        if tag in _SKIP or _hidden(el, p):
            continue
        if tag == qn("w:t"):
            if not custom_mark:
                text.append(el.text or "")
            custom_mark = False
        elif tag == qn("w:tab") and el.getparent().tag == qn("w:r"):
            text.append("\t")
        elif tag == qn("w:noBreakHyphen"):
            text.append("-")
        elif tag == qn("w:br"):
            if el.get(qn("w:type")) == "page" and not rendered:
                walk.page += 1
            else:
                text.append(" ")
        elif tag == qn("w:lastRenderedPageBreak") and rendered:
            walk.page += 1
            if not "".join(text).strip():
                draft.page = walk.page  # the paragraph itself starts on the new page
        elif tag in _REFERENCES:
            kind, nid = _REFERENCES[tag], el.get(qn("w:id"))
            custom_mark = el.get(qn("w:customMarkFollows")) in ("1", "true", "on")
            draft.markers.append(MarkerDraft(index=len("".join(text)), number=0, key=(kind, nid)))
            walk.refs.append(_Ref(kind, nid, walk.section, walk.page, draft.line, custom_mark))
    draft.text = "".join(text)
    _drop_mark_separators(draft)
    walk.lines.append(draft)
    sect = ppr.find(qn("w:sectPr")) if ppr is not None else None
    if sect is not None:
        walk.section += 1
        kind = sect.find(qn("w:type"))
        if not rendered and (kind is None or kind.get(qn("w:val")) != "continuous"):
            walk.page += 1


def _drop_mark_separators(draft: LineDraft) -> None:
    """"¹,²": the comma between two reference marks belongs to the marks, not to the text."""
    for i in range(len(draft.markers) - 1, 0, -1):
        start, end = draft.markers[i - 1].index, draft.markers[i].index
        if end > start and _MARK_SEPARATORS.fullmatch(draft.text[start:end]):
            draft.text = draft.text[:start] + draft.text[end:]
            for m in draft.markers[i:]:
                m.index -= end - start


def _note_texts(document, reltype: str, kind: str, path: Path) -> dict[str, str]:
    """Note id -> its text (the number itself, `w:footnoteRef`, is not part of the text)."""
    rels = [r for r in document.part.rels.values() if r.reltype == reltype and not r.is_external]
    if not rels:
        return {}
    try:
        root = parse_xml(rels[0].target_part.blob)
    except etree.XMLSyntaxError as exc:
        raise CiteauditError(f"{path}: damaged Word file, its {kind}s part ({exc})") from None
    out: dict[str, str] = {}
    for note in root.iter(qn(f"w:{kind}")):
        if note.get(qn("w:type")) not in (None, "normal"):
            continue  # separators
        paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in note.iter(qn("w:p"))]
        out[note.get(qn("w:id"))] = join_lines([t.strip() for t in paras])
    return out


def _number(kind: str, refs: list[_Ref], texts: dict[str, str], numbering: list[_Numbering]) -> list[NoteDraft]:
    """Printed numbers as Word counts them: from numStart, restarting per section or page if set.
    A note with its own mark ("*") takes no number (it gets 0) and does not advance the count."""
    notes: list[NoteDraft] = []
    count, last_section, last_page = 0, None, None
    for ref in refs:
        if ref.kind != kind or ref.id not in texts:
            continue
        rule = numbering[min(ref.section, len(numbering) - 1)]
        if (rule.restart == "eachSect" and ref.section != last_section) or (rule.restart == "eachPage" and ref.page != last_page):
            count = 0
        last_section, last_page = ref.section, ref.page
        number = 0 if ref.custom else rule.start + count
        notes.append(NoteDraft(number=number, page=ref.page, line=ref.line, text=texts[ref.id], kind=kind, key=(kind, ref.id)))
        count += not ref.custom
    return notes
