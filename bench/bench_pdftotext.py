"""The plain-text route: PDFs turned into text by `pdftotext` (poppler-utils), with and without -layout.

    python bench/bench_pdftotext.py

tests/data: each PDF's text is scored against its .docx as bench_formats scores the PDF reader
(a note is exact when its kind, number, numbering run and text equal the .docx note at the same
position; a marker when the body around it does). ../shared/external/cnki-pdfs: notes found
against the hand-counted true numbers (the shared README), and how many of them have a marker.
The text is made on the fly, in a temporary folder; nothing is written into the project.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_formats import DATA, PAIRS, exact, view  # noqa: E402
from citations.document import parse_document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the project (or beside the folder of worktrees the project is checked out in)
CNKI = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
            ROOT.parent / "shared") / "external" / "cnki-pdfs"
CNKI_TRUE = {"paper14": 124, "paper16": 71, "paper22": 69}  # the shared README's hand counts
MODES = {"layout": ["-layout"], "plain": []}


def to_text(pdf: Path, mode: str, folder: Path) -> Path:
    out = folder / f"{pdf.stem}.{mode}.txt"
    subprocess.run(["pdftotext", *MODES[mode], str(pdf), str(out)], check=True, capture_output=True)
    return out


def main() -> None:
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext not found: apt-get install poppler-utils")
    totals: dict[str, list[int]] = {m: [0, 0, 0, 0] for m in MODES}  # found, exact, markers, true
    pages = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for pdf_name, docx_name in PAIRS:
            truth = view(parse_document(DATA / f"{docx_name}.docx"))
            for mode in MODES:
                doc = parse_document(to_text(DATA / f"{pdf_name}.pdf", mode, folder))
                notes, markers = exact(view(doc), truth)
                t = totals[mode]
                t[0] += len(doc.footnotes)
                t[1] += notes
                t[2] += markers
                t[3] += len(truth)
                pages += len(doc.pages)
                print(f"{pdf_name} ({mode}): {len(doc.footnotes)} notes for {len(truth)}, "
                      f"exact {notes}/{len(truth)}, markers {markers}/{len(truth)}")
        for mode, (found, notes, markers, true) in totals.items():
            print(f"tests/data ({mode}): notes found {found} for {true}, exact {notes}/{true}, markers {markers}/{true}")
        if not CNKI.is_dir():
            print(f"{CNKI} not found: CNKI articles skipped")
        else:
            for mode in MODES:
                found_all = marked_all = 0
                for name, true in CNKI_TRUE.items():
                    doc = parse_document(to_text(CNKI / f"{name}.pdf", mode, folder))
                    marked = sum(1 for f in doc.footnotes if f.marker)
                    found_all += len(doc.footnotes)
                    marked_all += marked
                    pages += len(doc.pages)
                    print(f"{name} ({mode}): {len(doc.footnotes)} notes for {true}, {marked} with a marker")
                print(f"cnki-pdfs ({mode}): {found_all} notes for {sum(CNKI_TRUE.values())}, {marked_all} with a marker")
    elapsed = time.perf_counter() - start
    print(f"{pages} pages in {elapsed:.1f} s including pdftotext ({pages / elapsed:.0f} pages/s)")


if __name__ == "__main__":
    main()
