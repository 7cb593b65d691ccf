"""Document pipeline benchmark: speed on the corpus, and footnotes/markers against the shared gold.

    python bench/bench_document.py

A footnote is exact when its printed number, start line and text (NFKC, whitespace-insensitive)
match the gold. A marker is right when it sits on the gold source line and the clean body around
it matches the gold's left/right context (same normalisation; contexts stop at paragraph ends).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gold import CORPUS, corpus_file, gold_docs, norm, read_jsonl  # noqa: E402
from citations.document import parse_document  # noqa: E402
from citations.model import Document  # noqa: E402


def score_footnotes(doc: Document, gold: list[dict]) -> tuple[int, list[str]]:
    by_line = {f.line: f for f in doc.footnotes}
    ok, misses = 0, []
    for g in gold:
        f = by_line.get(g["page_line"])
        if f and f.number == g["number"] and norm(f.text) == norm(g["text"]):
            ok += 1
        else:
            misses.append(f"footnote {g['seq']} (no. {g['number']}, line {g['page_line']}): got {f.text[:60] if f else None!r}")
    return ok, misses


def score_markers(doc: Document, gold: list[dict]) -> tuple[int, list[str]]:
    by_seq = {f.seq: f for f in doc.footnotes}
    ok, misses = 0, []
    for g in gold:
        f = by_seq.get(g["seq"])
        m = f.marker if f else None
        if m is not None:
            left = norm(doc.body[max(0, m.offset - 40):m.offset].split("\n")[-1])
            right = norm(doc.body[m.offset:m.offset + 40].split("\n")[0])
            if m.line == g["line"] and left.endswith(norm(g["left"])) and right.startswith(norm(g["right"])):
                ok += 1
                continue
        misses.append(f"marker {g['seq']} (no. {g['number']}, line {g['line']}): got {(m.line, doc.body[max(0, m.offset - 10):m.offset + 5]) if m else None!r}")
    return ok, misses


def main() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    parse_document(files[0])  # warm imports so the timing is the pipeline's own
    runs, footnotes = 5, 0
    start = time.perf_counter()
    for _ in range(runs):
        for f in files:
            footnotes += len(parse_document(f).footnotes)
    elapsed = (time.perf_counter() - start) / runs
    print(f"corpus: {len(files)} documents, {footnotes // runs} footnotes parsed in {elapsed * 1000:.0f} ms "
          f"({footnotes / runs / elapsed:,.0f} footnotes/s)")

    totals = {"footnotes": [0, 0], "markers": [0, 0]}
    for doc_id in gold_docs("footnotes"):
        doc = parse_document(corpus_file(doc_id))
        for kind, scorer in (("footnotes", score_footnotes), ("markers", score_markers)):
            gold = read_jsonl(f"{kind}_{doc_id}.jsonl")
            ok, misses = scorer(doc, gold)
            totals[kind][0] += ok
            totals[kind][1] += len(gold)
            print(f"{doc_id}: {kind} {ok}/{len(gold)}")
            for miss in misses:
                print(f"   miss: {miss}")
    for kind, (ok, n) in totals.items():
        print(f"{kind} right: {ok}/{n} = {100 * ok / n:.1f} %")


if __name__ == "__main__":
    main()
