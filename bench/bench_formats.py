"""PDF and .docx input: speed, and how much of each generated PDF comes back exactly as its .docx.

    python bench/bench_formats.py

Documents: tests/data/*.docx and the PDFs LibreOffice made from them (tests/data/make_docs.py).
The .docx is the truth. A footnote is exact when its kind, printed number, numbering run and text
(whitespace-insensitive) equal the .docx's note at the same position; a marker is exact when the
body text around it inside its paragraph (12 characters before, 8 after, whitespace-insensitive)
is the same. The .docx reader itself is scored the same way against its package XML read with the
standard library (tests/docx_truth.py), which shares no code with it.
Pages/s counts the pages of the PDF rendering for both formats (a .docx has no pages of its own).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from citations.document import parse_document  # noqa: E402
from citations.model import Document  # noqa: E402
from tests.docx_truth import docx_truth, reader_view  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
# Each PDF and the .docx it is scored against (LibreOffice renders the .docx; LaTeX typesets the same text).
PAIRS = [(p.stem, p.stem) for p in sorted(DATA.glob("*.docx"))] + [("en_paper_latex", "en_paper")]


def timed(path: Path, runs: int = 3) -> tuple[Document, float]:
    start = time.perf_counter()
    for _ in range(runs):
        doc = parse_document(path)
    return doc, (time.perf_counter() - start) / runs


def view(doc: Document) -> list[dict]:
    """reader_view plus the printed number and numbering run, which the PDF must also get right."""
    return [{**v, "number": f.number, "chapter": f.chapter} for v, f in zip(reader_view(doc), doc.footnotes)]


def exact(got: list[dict], truth: list[dict]) -> tuple[int, int]:
    """(footnotes exact, markers exact), position by position, on the fields the truth has."""
    notes = markers = 0
    for g, t in zip(got, truth):
        notes += all(g[k] == t[k] for k in t if k not in ("left", "right"))
        markers += (g["left"], g["right"]) == (t["left"], t["right"])
    return notes, markers


def library_speed(path: Path) -> str:
    """Characters-with-boxes extraction alone, as the reader does it (PDFium), and PyMuPDF if
    installed, for comparison."""
    from citations.formats.pdfpage import load_pages

    start = time.perf_counter()
    pages = load_pages(path)
    pdfium_cjk = sum(1 for p in pages for l in p.lines for c in l.chars if "\u4e00" <= c.text <= "\u9fff")
    pdfium = len(pages) / (time.perf_counter() - start)
    try:
        import pymupdf
    except ImportError:
        return f"PDFium {pdfium:.0f} pages/s (lines included; PyMuPDF not installed for comparison)"
    start = time.perf_counter()
    with pymupdf.open(path) as pdf:
        mupdf_cjk = sum(1 for p in pdf for b in p.get_text("rawdict")["blocks"] for l in b.get("lines", [])
                        for s in l["spans"] for c in s["chars"] if "\u4e00" <= c["c"] <= "\u9fff")
    mupdf = len(pages) / (time.perf_counter() - start)
    return f"PDFium {pdfium:.0f} pages/s (lines included), PyMuPDF {mupdf:.0f} pages/s; Han characters {pdfium_cjk} vs {mupdf_cjk}"


def main() -> None:
    parse_document(DATA / f"{PAIRS[0][0]}.pdf")  # warm imports
    totals = {"pdf": [0.0, 0], "docx": [0.0, 0]}  # seconds, pages
    scores = {"pdf": [0, 0, 0], "docx": [0, 0, 0]}  # notes exact, markers exact, notes
    scored_docx: set[str] = set()
    for pdf_name, docx_name in PAIRS:
        pdf, t_pdf = timed(DATA / f"{pdf_name}.pdf")
        word, t_docx = timed(DATA / f"{docx_name}.docx")
        pages, truth = len(pdf.pages), docx_truth(DATA / f"{docx_name}.docx")
        results = [("pdf", t_pdf, exact(view(pdf), view(word)))]
        if docx_name not in scored_docx:
            scored_docx.add(docx_name)
            results.append(("docx", t_docx, exact(reader_view(word), truth)))
        for key, elapsed, (notes, markers) in results:
            totals[key][0] += elapsed
            totals[key][1] += pages
            scores[key][0] += notes
            scores[key][1] += markers
            scores[key][2] += len(truth)
        got = results[0][2]
        print(f"{pdf_name}.pdf vs {docx_name}.docx: {pages} pages, {len(truth)} notes, {t_pdf * 1000:.0f} ms; "
              f"notes {got[0]}/{len(truth)}, markers {got[1]}/{len(truth)}, "
              f"body {'same' if pdf.body == word.body else 'DIFFERS'}")
        print(f"  extraction only: {library_speed(DATA / f'{pdf_name}.pdf')}")
    for key, label in (("pdf", "PDF   (vs its .docx)"), ("docx", ".docx (vs its XML)  ")):
        seconds, pages = totals[key]
        notes, markers, count = scores[key]
        print(f"{label}: {pages / seconds:.1f} pages/s; footnotes exact {notes}/{count} ({notes / count:.0%}), "
              f"markers exact {markers}/{count} ({markers / count:.0%})")


if __name__ == "__main__":
    main()
