"""Claim stance pre-annotation: only from a trained classifier, and only where it earned it.

A pre-annotated stance that is wrong more often than "neutral" for everything costs annotators
time (each wrong choice must be noticed and undone). So there is no rule-based guess: a cue-word
baseline scored 0.58 on the hand-labelled sentences against 0.77 for always answering "neutral",
and was removed. `citeaudit train` measures its classifier on held-out claims against always
answering the training set's most common stance; only a language whose classifier beat that
pre-annotates a stance (recorded as `stance_used` in the model folder's training.json).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .entities import ModelTagger, language_of

STANCES: tuple[str, ...] = ("supports", "opposes", "neutral", "mixed")


@dataclass(frozen=True)
class StanceGuess:
    label: str  # one of STANCES
    score: float  # the classifier's probability for it


class ModelStance:
    """The text classifier trained by `citeaudit train`, per language; None where there is none
    or where it did not beat the majority answer on held-out claims."""

    def __init__(self, model_dir: str | Path) -> None:
        self._models = ModelTagger(model_dir)  # the same per-language pipelines hold NER and textcat
        self.version = self._models.version
        report = Path(model_dir) / "training.json"
        rows = json.loads(report.read_text(encoding="utf-8")) if report.exists() else []
        self.languages = {r["language"] for r in rows if r.get("stance_used")}

    def guess(self, texts: list[str]) -> list[StanceGuess | None]:
        out: list[StanceGuess | None] = []
        for text in texts:
            lang = language_of(text)
            nlp = self._models.pipeline(lang) if lang in self.languages else None
            if nlp is None or "textcat" not in nlp.pipe_names:
                out.append(None)
                continue
            cats = nlp(text).cats
            label = max(cats, key=cats.get)
            out.append(StanceGuess(label, round(float(cats[label]), 3)))
        return out
