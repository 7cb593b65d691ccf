"""Audit benchmark: time to audit the whole corpus after start-up (target: under a second).

    python bench/bench_audit.py

Start-up (interpreter, imports, the first document's caches) is excluded by one warm-up run; then
the whole corpus is analysed (every pipeline stage) and audited, several times. Printed: the full
time per run, the share spent in the checks, and the slowest checks.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from citations.audit import audit  # noqa: E402
from citations.audit.registry import all_checks  # noqa: E402
from citations.pipeline import STAGES, analyse  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RUNS = 5


def main() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    for f in files:  # warm-up: imports, regex compilation, caches
        audit(analyse(f))
    per_check: Counter[str] = Counter()
    analyse_time = check_time = 0.0
    findings = 0
    for _ in range(RUNS):
        for f in files:
            t0 = time.perf_counter()
            doc = analyse(f)
            t1 = time.perf_counter()
            findings += len(audit(doc))
            analyse_time += t1 - t0
            check_time += time.perf_counter() - t1
            for check in all_checks():  # timed again one by one for the breakdown
                t = time.perf_counter()
                list(check(doc))
                per_check[check.code] += time.perf_counter() - t
    total = (analyse_time + check_time) / RUNS
    print(f"pipeline stages: parse_document + {[s.__module__ for s in STAGES]}")
    print(f"audit of the whole corpus ({len(files)} documents, {findings // RUNS} findings): "
          f"{total * 1000:.0f} ms per run after start-up (target < 1000 ms)")
    print(f"  analysis (pipeline) {analyse_time / RUNS * 1000:.0f} ms, checks {check_time / RUNS * 1000:.0f} ms")
    slowest = ", ".join(f"{code} {t / RUNS * 1000:.1f} ms" for code, t in per_check.most_common(5))
    print(f"  slowest checks: {slowest}")


if __name__ == "__main__":
    main()
