"""The document pipeline: source file → Document (pages, body, footnotes, markers, claims)."""
from __future__ import annotations

from pathlib import Path

from . import body as body_stage
from .claims import find_claims
from .errors import CiteauditError
from .footnotes import split_pages
from .formats import read_layout
from .layout import classify
from .loading import read_source
from .markers import counting_marks, locate
from .model import Document, Marker, Page
from .textrepair import repair


def parse_document(path: str | Path, encoding: str | None = None) -> Document:
    path = Path(path)
    if path.is_file():  # PDF and Word files go to their layout readers, chosen by content
        doc = read_layout(path)
        if doc is not None:
            return doc
    source = read_source(path, encoding)
    doc = parse_text(source.text, doc_id=path.stem, source=str(path), encoding=source.encoding)
    doc.notices[:0] = source.notices  # repaired bytes, a doubtful encoding
    return doc


def parse_text(text: str, doc_id: str = "doc", source: str = "<text>", encoding: str = "utf-8") -> Document:
    lines = classify(repair(text))
    if not any(ln.text.strip() for ln in lines):
        raise CiteauditError(f"{source}: no text")
    page_lines, footnotes, marks = split_pages(lines)
    body_lines = [(ln, p.number) for p in page_lines for ln in p.body]
    spans = locate(body_lines, footnotes, marks)
    body = body_stage.assemble(body_lines, spans)
    for fn in footnotes:
        if fn.seq in body.markers:
            offset, line = body.markers[fn.seq]
            fn.marker = Marker(offset=offset, line=line)
    doc = Document(
        id=doc_id,
        source=source,
        encoding=encoding,
        pages=[Page(p.number, p.first_line, p.last_line) for p in page_lines],
        body=body.text,
        footnotes=footnotes,
        body_lines=body.lines,
        paragraphs=body.paragraphs,
    )
    if not footnotes and len(marks := counting_marks(body.text)) >= MIN_COUNTING_MARKS:
        doc.notices.append(unread_notes_notice(body.text, marks))
    doc.claims = find_claims(doc)
    return doc


MIN_COUNTING_MARKS = 3  # 1, 2, 3 in order: a chance number or two does not count up like this


def unread_notes_notice(body: str, marks: list[tuple[int, str]]) -> str:
    offset, mark = marks[0]
    context = " ".join(body[max(offset - 12, 0):offset + len(mark) + 8].split())
    return (f"no footnotes were read, but {len(marks)} numbers in the text count up like note marks "
            f"(the first: \"{context}\"); the notes may be set in a way the reader does not know")
