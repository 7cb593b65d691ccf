"""The plain-text route: PDFs turned into text by `pdftotext` (poppler-utils), with and without -layout.

    python bench/bench_pdftotext.py

tests/data: each PDF's text is scored against its .docx as bench_formats scores the PDF reader
(a note is exact when its kind, number, numbering run and text equal the .docx note at the same
position; a marker when the body around it does). ../shared/external/cnki-pdfs: notes found
against the hand-counted true numbers (the shared README), and how many of them have a marker.
../shared/external/footnoted-pdfs batch_1 and batch_2 (law and humanities articles; the text
route's rules were later written looking at their failures, so these are tuned-on figures: the
held-out ones, recorded before, are in the README): the gold notes of bench_pdfs (`gold_notes`: the TEI `<listBibl>` lines split
at each next note number; a closing bibliography is not notes), and per document and in total
- notes found: the notes the text route gives (against the gold's count);
- exact: gold notes the route gives with the same number and the same text under `bench_pdfs.key`
  (letters and digits only, NFKC, case-folded). That is fair to the text route: pdftotext and the
  gold's line dump differ in spacing, line-break hyphens (the hyphen is not a letter, so
  "inter-" + "national" and "international" agree), ligatures (NFKC: "ﬁ" is "fi"), quotes and
  dashes, none of which is the note's content; a word lost or gained, a note merged or cut is not;
- markers: the route's notes that found their marker in the body;
- the lowest document (by share of gold notes exact).
`--sanity` reads the ungolded batches instead (batch_4/5/6/n, which no rule looked at) and flags,
per document and mode, what is absurd without gold: a crash, no notes, a note over 4,000
characters, note numbers that neither count on (+1, +2) nor restart at 1.
`-v` prints, per document, the gold notes missed and what the route gave for them.
The text is made on the fly, in a temporary folder; nothing is written into the project.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_formats import DATA, PAIRS, exact, view  # noqa: E402
from bench.bench_pdfs import EXTERNAL, gold_lines, gold_notes, key  # noqa: E402
from bench.pdf_sanity import LONG, UNGOLDED  # noqa: E402
from citations.document import parse_document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the project (or beside the folder of worktrees the project is checked out in)
CNKI = EXTERNAL / "cnki-pdfs"
FOOTNOTED = EXTERNAL / "footnoted-pdfs"
GOLD_BATCHES = ("batch_1", "batch_2")
CNKI_TRUE = {"paper14": 124, "paper16": 71, "paper22": 69}  # the shared README's hand counts
MODES = {"layout": ["-layout"], "plain": []}


def to_text(pdf: Path, mode: str, folder: Path) -> Path:
    out = folder / f"{pdf.stem}.{mode}.txt"
    subprocess.run(["pdftotext", *MODES[mode], str(pdf), str(out)], check=True, capture_output=True)
    return out


def footnoted(folder: Path, verbose: bool) -> int:
    """Score the gold footnoted PDFs' text, per document and in total; returns the pages read."""
    pages = 0
    for mode in MODES:
        found = exact_all = marked = true_all = 0
        lowest: tuple[float, str] = (2.0, "")
        for batch in GOLD_BATCHES:
            for tei in sorted((FOOTNOTED / batch / "2_corrected").glob("*.training.segmentation.tei.xml")):
                stem = tei.name.replace(".training.segmentation.tei.xml", "")
                truth = gold_notes(gold_lines(tei))
                doc = parse_document(to_text(FOOTNOTED / batch / "0_input" / f"{stem}.pdf", mode, folder))
                pages += len(doc.pages)
                got = Counter((f.number, key(f.text)) for f in doc.footnotes)
                marks = sum(1 for f in doc.footnotes if f.marker)
                if truth is None:  # the gold left its note numbers out: notes cannot be told apart
                    print(f"  {stem[:40]:40.40s} ({mode}): {len(doc.footnotes)} notes, {marks} marked; gold unscored")
                    continue
                hits = 0
                for note in truth:
                    if got[note]:
                        got[note] -= 1
                        hits += 1
                    elif verbose:
                        given = next((f.text for f in doc.footnotes if f.number == note[0]), None)
                        print(f"      missed {note[0]}: gold {note[1][:70]!r}\n               got  "
                              f"{key(given)[:70]!r}" if given is not None else f"      missed {note[0]}: absent")
                exact_all += hits
                true_all += len(truth)
                found += len(doc.footnotes)
                marked += marks
                share = hits / len(truth) if truth else 1.0
                lowest = min(lowest, (share, stem))
                print(f"  {stem[:40]:40.40s} ({mode}): found {len(doc.footnotes):4d} for {len(truth):4d}, "
                      f"exact {hits:4d} ({share:.3f}), markers {marks:4d}")
        print(f"footnoted-pdfs batch_1+2 ({mode}, tuned on): scored files: found {found} for {true_all} gold, "
              f"exact {exact_all}/{true_all} ({exact_all / max(true_all, 1):.3f}), markers {marked}/{found}; "
              f"lowest {lowest[1][:40]} {lowest[0]:.3f}")
    return pages


def sanity(folder: Path) -> None:
    """Flag the absurd on the ungolded PDFs' text: crashes, no notes, over-long notes, jumps."""
    flagged = total = 0
    for batch in UNGOLDED:
        for pdf in sorted((FOOTNOTED / batch / "0_input").glob("*.pdf")):
            for mode in MODES:
                total += 1
                try:
                    notes = parse_document(to_text(pdf, mode, folder)).footnotes
                except Exception as exc:  # noqa: BLE001 - a sanity report lists crashes instead of stopping
                    flags = [f"CRASH {type(exc).__name__}: {exc}"]
                    notes = []
                else:
                    flags = [] if notes else ["NO NOTES"]
                long = [f for f in notes if len(f.text) > LONG]
                if long:
                    flags.append("LONG " + ", ".join(f"note {f.number} p{f.page} {len(f.text)}" for f in long[:4]))
                jumps = [(a.number, b.number, b.page) for a, b in zip(notes, notes[1:])
                         if b.number not in (a.number + 1, a.number + 2, 1) and 0 not in (a.number, b.number)]
                if jumps:
                    flags.append(f"JUMPS {len(jumps)}: " + ", ".join(f"{a}->{b} p{p}" for a, b, p in jumps[:6]))
                marked = sum(1 for f in notes if f.marker)
                flagged += bool(flags)
                print(f"{batch:8s} {pdf.stem[:36]:36.36s} ({mode:6s}) notes {len(notes):4d}, marked {marked:4d}, "
                      f"longest {max((len(f.text) for f in notes), default=0):5d}" + "".join(f"; {f}" for f in flags))
    print(f"{total} texts, {flagged} with a flag")


def main() -> None:
    verbose = "-v" in sys.argv[1:]
    if "--sanity" in sys.argv[1:]:
        with tempfile.TemporaryDirectory() as tmp:
            sanity(Path(tmp))
        return
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
        if not FOOTNOTED.is_dir():
            print(f"{FOOTNOTED} not found: footnoted PDFs skipped")
        else:
            pages += footnoted(folder, verbose)
    elapsed = time.perf_counter() - start
    print(f"{pages} pages in {elapsed:.1f} s including pdftotext ({pages / elapsed:.0f} pages/s)")


if __name__ == "__main__":
    main()
