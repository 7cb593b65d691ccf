"""Pulled Label Studio tasks merged back onto their claims: the file `train` and `agreement` read.

One record per claim: its task data, the predictions and every submitted annotation, each reduced
to entities (code-point offsets into `text`, with the per-entity stance) plus stance and comment.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from citations.errors import CiteauditError


def utf16_to_codepoint(text: str, offset: int) -> int:
    """Code-point index of a UTF-16 code-unit offset (browsers count characters outside the BMP twice)."""
    units = 0
    for i, ch in enumerate(text):
        if units >= offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def span_offsets(text: str, value: dict[str, Any]) -> tuple[int, int] | None:
    """Offsets of a span region in code points, or None when they do not fit the text.

    Label Studio's Text tag stores code points; a result written by another tool may count UTF-16
    units, which shows as a span text that only matches after converting.
    """
    start, end, shown = value.get("start"), value.get("end"), value.get("text")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    candidates = [(start, end), (utf16_to_codepoint(text, start), utf16_to_codepoint(text, end))]
    for s, e in candidates:
        if 0 <= s < e <= len(text) and (shown is None or text[s:e] == shown):
            return s, e
    return None


def reduce_result(text: str, result: list[dict[str, Any]]) -> dict[str, Any]:
    """Entities, claim stance and comment out of a Label Studio result list."""
    entities: dict[str, dict[str, Any]] = {}
    stance_of_region: dict[str, str] = {}
    stance, comment, bad = None, None, 0
    for region in result:
        value, name = region.get("value") or {}, region.get("from_name")
        if name == "entity" and value.get("labels"):
            offsets = span_offsets(text, value)
            if offsets is None:
                bad += 1  # counted, not silently trusted
                continue
            s, e = offsets
            entities[str(region.get("id", len(entities)))] = {"start": s, "end": e, "label": value["labels"][0], "text": text[s:e]}
        elif name == "entity_stance" and value.get("choices"):
            stance_of_region[str(region.get("id"))] = value["choices"][0]
        elif name == "stance" and value.get("choices"):
            stance = value["choices"][0]
        elif name == "comment" and value.get("text"):
            comment = " ".join(value["text"]) if isinstance(value["text"], list) else str(value["text"])
    for rid, entity in entities.items():
        entity["stance"] = stance_of_region.get(rid)
    spans = sorted(entities.values(), key=lambda x: (x["start"], x["end"]))
    return {"entities": spans, "stance": stance, "comment": comment, "bad_spans": bad}


def merge(pulled: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per claim from the tasks `Studio.pull` returned, in document and claim order."""
    records = []
    for task in pulled:
        data = task.get("data") or {}
        text = data.get("text", "")
        records.append(
            {
                **{k: data.get(k) for k in ("claim_id", "doc_id", "page", "footnotes", "text", "context", "citations")},
                "task_id": task.get("id"),
                "predictions": [
                    {"model_version": p.get("model_version"), "score": p.get("score"), **reduce_result(text, p.get("result", []))}
                    for p in task.get("predictions", [])
                ],
                "annotations": [
                    {"annotator": a["annotator"], "lead_time": a.get("lead_time"), "updated_at": a.get("updated_at"), **reduce_result(text, a["result"])}
                    for a in task.get("annotations", [])
                    if not a.get("was_cancelled")
                ],
                "skipped_by": [a["annotator"] for a in task.get("annotations", []) if a.get("was_cancelled")],
            }
        )
    return records


def annotator_counts(records: list[dict[str, Any]]) -> Counter[str]:
    return Counter(a["annotator"] for r in records for a in r["annotations"])


def dumps(records: list[dict[str, Any]], jsonl: bool) -> str:
    if jsonl:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def read_annotations(path: str | Path) -> list[dict[str, Any]]:
    """Read what `citeaudit studio pull` wrote (JSON list or JSONL)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CiteauditError(f"cannot read {path}: {exc.__class__.__name__}") from None
    try:
        records = [json.loads(line) for line in text.splitlines() if line.strip()] if path.suffix == ".jsonl" else json.loads(text)
    except json.JSONDecodeError as exc:
        raise CiteauditError(f"{path} is not the JSON `citeaudit studio pull` writes: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(records, list) or not all(isinstance(r, dict) and "annotations" in r and "text" in r for r in records):
        raise CiteauditError(f"{path} is not the output of `citeaudit studio pull` (records with text and annotations)")
    return records
