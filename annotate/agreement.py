"""Inter-annotator agreement on pulled annotations: kappa for claim stance, span F1 for entities.

Cohen's kappa is computed for every pair of annotators on the claims both labelled; Fleiss' kappa
over the claims labelled by the most common number of annotators (it needs a fixed rater count).
Entity agreement is exact-match span F1 (same start, end and label) pooled over annotator pairs.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from citations.errors import CiteauditError

from .stance import STANCES


@dataclass
class Agreement:
    annotators: dict[str, int]  # annotations per annotator
    cohen: dict[str, float | None]  # "a | b" -> kappa on shared claims (None when undefined)
    cohen_mean: float | None
    fleiss: float | None
    fleiss_items: int  # claims the Fleiss figure is computed over
    fleiss_raters: int
    fleiss_per_label: dict[str, float | None]
    span_f1: dict[str, float | None]  # label -> F1 pooled over pairs; "ALL" is micro-averaged
    span_support: dict[str, int] = field(default_factory=dict)  # spans per label over all annotations


def cohen_kappa(a: list[str], b: list[str]) -> float | None:
    """Cohen's kappa of two parallel label lists; None when chance agreement is 1 (nothing to measure)."""
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def fleiss_kappa(table: list[dict[str, int]], categories: list[str]) -> tuple[float | None, dict[str, float | None]]:
    """Fleiss' kappa (overall and per category) of rows of category counts, each row summing to m raters."""
    if not table:
        return None, {c: None for c in categories}
    n_items, m = len(table), sum(table[0].values())
    if m < 2:
        return None, {c: None for c in categories}
    p = {c: sum(row.get(c, 0) for row in table) / (n_items * m) for c in categories}
    p_bar = sum((sum(v * v for v in row.values()) - m) / (m * (m - 1)) for row in table) / n_items
    p_e = sum(v * v for v in p.values())
    overall = None if p_e == 1 else (p_bar - p_e) / (1 - p_e)
    per = {}
    for c in categories:
        disagreement = sum(row.get(c, 0) * (m - row.get(c, 0)) for row in table)
        denominator = n_items * m * (m - 1) * p[c] * (1 - p[c])
        per[c] = None if denominator == 0 else 1 - disagreement / denominator
    return overall, per


def agreement(records: list[dict[str, Any]]) -> Agreement:
    counts = Counter(a["annotator"] for r in records for a in r["annotations"])
    annotated = sum(1 for r in records if r["annotations"])
    if len(counts) < 2:
        who = f" (all by {next(iter(counts))})" if counts else ""
        raise CiteauditError(f"agreement needs at least two annotators; {annotated} claims are annotated by {len(counts)}{who}")
    if not any(len({a["annotator"] for a in r["annotations"]}) >= 2 for r in records):
        raise CiteauditError(f"agreement needs claims annotated by two annotators; the {len(counts)} annotators never labelled the same claim")
    stance_by_claim = [{a["annotator"]: a["stance"] for a in r["annotations"] if a.get("stance")} for r in records]

    cohen: dict[str, float | None] = {}
    for x, y in combinations(sorted(counts), 2):
        shared = [s for s in stance_by_claim if x in s and y in s]
        cohen[f"{x} | {y}"] = cohen_kappa([s[x] for s in shared], [s[y] for s in shared])
    defined = [k for k in cohen.values() if k is not None]

    sizes = Counter(len(s) for s in stance_by_claim if len(s) >= 2)
    raters = max(sizes, key=lambda k: (sizes[k], k)) if sizes else 0
    table = [dict(Counter(s.values())) for s in stance_by_claim if len(s) == raters]
    fleiss, fleiss_per = fleiss_kappa(table, list(STANCES))

    return Agreement(
        annotators=dict(counts),
        cohen=cohen,
        cohen_mean=sum(defined) / len(defined) if defined else None,
        fleiss=fleiss,
        fleiss_items=len(table),
        fleiss_raters=raters,
        fleiss_per_label=fleiss_per,
        span_f1=span_f1(records),
        span_support=dict(Counter(e["label"] for r in records for a in r["annotations"] for e in a["entities"])),
    )


def span_f1(records: list[dict[str, Any]]) -> dict[str, float | None]:
    """Exact-match span F1 per label between every pair of annotators of a claim, counts pooled."""
    matched: Counter[str] = Counter()
    total: Counter[str] = Counter()  # |A| + |B| per label
    for r in records:
        spans = {a["annotator"]: {(e["start"], e["end"], e["label"]) for e in a["entities"]} for a in r["annotations"]}
        for x, y in combinations(sorted(spans), 2):
            for s in spans[x] & spans[y]:
                matched[s[2]] += 1
            for s in spans[x] | spans[y]:
                total[s[2]] += (s in spans[x]) + (s in spans[y])
    labels = defaultdict(lambda: None) | {label: 2 * matched[label] / total[label] for label in total}
    all_total = sum(total.values())
    return dict(sorted(labels.items())) | {"ALL": 2 * sum(matched.values()) / all_total if all_total else None}
