"""Annotation-task benchmark: tasks generated per second on the corpus, and entity pre-annotation
precision/recall and (with --model) stance accuracy against the hand-labelled sentences in
tests/data/entities_gold.jsonl.

    python bench/bench_annotate.py [--model DIR]

A predicted span counts when start, end and label all equal a gold span (exact match); the
"boundary-lenient" line also accepts an overlapping span with the right label.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate.gazetteer import LABELS  # noqa: E402
from annotate.stance import StanceGuess  # noqa: E402
from annotate.tasks import build_tasks, predictor_for  # noqa: E402
from citations.pipeline import analyse, expand_inputs  # noqa: E402

GOLD = ROOT / "tests" / "data" / "entities_gold.jsonl"


def tasks_per_second(model: str | None) -> None:
    files = expand_inputs([ROOT / "corpus"])
    start = time.perf_counter()
    docs = [analyse(f) for f in files]
    parsed = time.perf_counter()
    tasks = build_tasks(docs, predictor_for(model))
    done = time.perf_counter()
    print(f"corpus: {len(files)} documents, {len(tasks)} tasks")
    print(f"  tasks (pre-annotation + validation): {len(tasks) / (done - parsed):,.0f} tasks/s ({done - parsed:.2f} s)")
    print(f"  including document parsing:          {len(tasks) / (done - start):,.0f} tasks/s ({done - start:.2f} s)")


def precision_recall(model: str | None) -> None:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    predictor = predictor_for(model)
    predicted = predictor.entities.tag([g["text"] for g in gold])
    tp, fp, fn, lenient_tp = Counter(), Counter(), Counter(), 0
    for g, spans in zip(gold, predicted):
        want = {(e["start"], e["end"], e["label"]) for e in g["entities"]}
        got = {(s.start, s.end, s.label) for s in spans}
        for s in got:
            (tp if s in want else fp)[s[2]] += 1
        for s in want - got:
            fn[s[2]] += 1
        lenient_tp += sum(any(p[2] == w[2] and p[0] < w[1] and w[0] < p[1] for p in got) for w in want)
    print(f"entity pre-annotation ({predictor.entities.version}) vs {GOLD.relative_to(ROOT)}: {len(gold)} sentences, {sum(len(g['entities']) for g in gold)} gold spans")
    print(f"  {'label':8} {'gold':>5} {'pred':>5} {'precision':>9} {'recall':>7} {'F1':>6}")
    for label in [*LABELS, "ALL"]:
        t = sum(tp.values()) if label == "ALL" else tp[label]
        p = t + (sum(fp.values()) if label == "ALL" else fp[label])
        g = t + (sum(fn.values()) if label == "ALL" else fn[label])
        if not p and not g:
            continue
        prec, rec = (t / p if p else 0.0), (t / g if g else 0.0)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"  {label:8} {g:>5} {p:>5} {prec:>9.3f} {rec:>7.3f} {f1:>6.3f}")
    total_gold = sum(len(g["entities"]) for g in gold)
    print(f"  boundary-lenient recall (overlap, same label): {lenient_tp / total_gold:.3f}")


def stance_accuracy(model: str | None) -> None:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    predictor = predictor_for(model)
    if predictor.stance is None:
        print("claim stance: not pre-annotated without a trained model (see annotate/stance.py)")
        return
    guesses = predictor.stances([g["text"] for g in gold])
    print(f"  stance pre-annotated on {sum(s is not None for s in guesses)} of {len(gold)} sentences (languages whose classifier beat the majority answer)")
    guesses = [s or StanceGuess("-", 0.0) for s in guesses]  # no guess counts as wrong
    right = sum(g["stance"] == s.label for g, s in zip(gold, guesses))
    pairs = Counter((g["stance"], s.label) for g, s in zip(gold, guesses))
    print(f"claim stance ({predictor.stance.version}) vs the same sentences: accuracy {right / len(gold):.3f} ({right}/{len(gold)})")
    majority, count = Counter(g["stance"] for g in gold).most_common(1)[0]
    print(f"  for scale: always answering {majority!r} scores {count / len(gold):.3f}")
    print("  gold -> predicted: " + ", ".join(f"{g}->{p} {n}" for (g, p), n in sorted(pairs.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="folder written by `citeaudit train` (default: gazetteer, no stance)")
    args = parser.parse_args()
    tasks_per_second(args.model)
    precision_recall(args.model)
    stance_accuracy(args.model)


if __name__ == "__main__":
    main()
