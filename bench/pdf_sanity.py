"""Oddities of the PDF reader on PDFs without gold: what a reader tuned on other files gets
absurdly wrong, printed per document, so every rule change can be checked for generality.

    python bench/pdf_sanity.py [folder-or-pdf ...] [-v]

Without arguments it reads the ungolded footnoted-pdfs batches (batch_4, batch_5, batch_6,
batch_n in ../shared/external). Per document: pages, notes, share with a marker, and flags:
- ERROR: the reader refused or failed (the one-line error);
- NO NOTES: no note at all although the body prints raised or typed marks;
- LONG: a note over 4,000 characters (notes merged, or body read as a note);
- JUMPS: note numbers that neither count on (+1, +2) nor restart at 1;
- UNMARKED: under half the notes found their marker in the body;
- BODY-SIZE: note-area lines set at the body size or larger (body text read as notes);
- SMALL-FOOT: pages whose last body lines are small print opening with a number (notes left in the body).
No flag is a failure by itself; a document with many is worth a look. Save the output before a
change and diff it after (no timings are printed, so the diff shows only what changed).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from citations.errors import CiteauditError  # noqa: E402
from citations.formats import pdf as pdf_reader  # noqa: E402
from bench.bench_pdfs import EXTERNAL  # noqa: E402

UNGOLDED = ["batch_4", "batch_5", "batch_6", "batch_n"]
LONG = 4000


def oddities(path: Path) -> tuple[str, list[str]]:
    """A summary line and the flags of one PDF."""
    try:
        doc, pages = pdf_reader.analyse_pdf(path)
    except CiteauditError as exc:
        return "", [f"ERROR {str(exc)[-150:]}"]
    except Exception as exc:  # noqa: BLE001 - a sanity report lists crashes instead of stopping at one
        return "", [f"CRASH {type(exc).__name__}: {exc}"]
    notes = doc.footnotes
    flags: list[str] = []
    marked = sum(1 for f in notes if f.marker)
    if not notes:
        flags.append("NO NOTES" + (f" ({doc.notices[-1][:60]})" if doc.notices else ""))
    long = [f for f in notes if len(f.text) > LONG]
    if long:
        flags.append("LONG " + ", ".join(f"note {f.number} p{f.page} {len(f.text)} chars" for f in long[:4]))
    jumps = [(a.number, b.number, b.page) for a, b in zip(notes, notes[1:])
             if b.number not in (a.number + 1, a.number + 2, 1) and b.number != 0 and a.number != 0]
    if jumps:
        flags.append(f"JUMPS {len(jumps)}: " + ", ".join(f"{a}->{b} p{p}" for a, b, p in jumps[:6]))
    if notes and marked * 2 < len(notes):
        flags.append(f"UNMARKED {len(notes) - marked}/{len(notes)}")
    body_size = pdf_reader._body_size(pages)
    big = [(p.number, l.plain) for p in pages for l in p.notes if l.size >= 0.97 * body_size and len(l.plain) > 20]
    if big:
        flags.append(f"BODY-SIZE {len(big)} note lines, e.g. p{big[0][0]} {big[0][1][:60]!r}")
    foot = [p.number for p in pages if _small_numbered_foot(p, body_size)]
    if foot:
        flags.append(f"SMALL-FOOT {len(foot)} pages, e.g. p{foot[0]}")
    summary = (f"{len(pages):4d} pp; notes {len(notes):4d}, "
               f"marked {marked / len(notes) if notes else 0:.2f}, longest {max((len(f.text) for f in notes), default=0):5d}")
    return summary, flags


def _small_numbered_foot(page, body_size: float) -> bool:
    """The page's body ends in small print that opens with a note number: a note area missed."""
    tail = []
    for line in reversed(page.body):
        if line.size >= 0.95 * body_size:
            break
        tail.append(line)
    return len(tail) >= 2 and any(pdf_reader._lead_number(l) for l in tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    targets = args.paths or [EXTERNAL / "footnoted-pdfs" / b / "0_input" for b in UNGOLDED]
    missing = [t for t in targets if not t.exists()]
    if missing:
        sys.exit(f"not found: {', '.join(map(str, missing))}")
    pdfs = [p for t in targets for p in (sorted(t.glob("*.pdf")) if t.is_dir() else [t])]
    flagged = 0
    for pdf in pdfs:
        summary, flags = oddities(pdf)
        flagged += bool(flags)
        print(f"{pdf.parent.parent.name[:8]:8s} {pdf.stem[:40]:40.40s} {summary}")
        for flag in flags:
            print(f"    {flag}")
    print(f"{len(pdfs)} PDFs, {flagged} with a flag")


if __name__ == "__main__":
    main()
