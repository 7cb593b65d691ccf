"""Train NER and claim-stance models (spaCy, CPU) from pulled annotations.

One pipeline per language (the same blank pipelines the pre-annotator uses, so Chinese stays
character-segmented), each with `ner` and, when the annotators used at least two stances, an
exclusive `textcat`. Every annotation is one training example: disagreeing annotators both teach.
A fifth of the claims (never a claim seen in training) is held out to report honest scores.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import filter_spans, minibatch

from citations.errors import CiteauditError
from citations.outputs import default_mode

from .entities import language_of
from .gazetteer import LABELS
from .stance import STANCES

REPORT = "training.json"


@dataclass
class LanguageReport:
    language: str
    train_examples: int
    heldout_examples: int
    entity_f1: float | None = None  # held-out exact-span F1 (spaCy's ents_f)
    stance_accuracy: float | None = None  # held-out share of claims whose top stance is right
    stance_majority: float | None = None  # held-out share right when always answering the training set's commonest stance
    stance_used: bool = False  # pre-annotate stance only when the classifier beat that
    dropped_spans: int = 0  # spans that did not fit token boundaries or overlapped another


@dataclass
class TrainReport:
    languages: list[LanguageReport] = field(default_factory=list)


def examples_from(nlp: Language, records: list[dict[str, Any]]) -> tuple[list[Example], int]:
    """spaCy Examples of every annotation of the records, and how many spans could not be used."""
    examples, dropped = [], 0
    for record in records:
        for annotation in record["annotations"]:
            doc = nlp.make_doc(record["text"])
            spans = [doc.char_span(e["start"], e["end"], label=e["label"]) for e in annotation["entities"]]
            kept = filter_spans([s for s in spans if s is not None])
            dropped += len(spans) - len(kept)
            entities = [(s.start_char, s.end_char, s.label_) for s in kept]
            cats = {s: float(annotation.get("stance") == s) for s in STANCES} if annotation.get("stance") else {}
            examples.append(Example.from_dict(doc, {"entities": entities, "cats": cats}))
    return examples, dropped


def train_language(
    lang: str, records: list[dict[str, Any]], epochs: int, seed: int, on_epoch: Callable[[], None] | None = None
) -> tuple[Language, LanguageReport]:
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    claims = sorted(records, key=lambda r: str(r.get("claim_id")))
    random.shuffle(claims)
    n_heldout = len(claims) // 5 if len(claims) >= 10 else 0
    heldout, training = claims[:n_heldout], claims[n_heldout:]

    nlp = spacy.blank(lang)
    ner = nlp.add_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    train_examples, dropped = examples_from(nlp, training)
    stances = {s for r in training for a in r["annotations"] if (s := a.get("stance"))}
    use_textcat = len(stances) >= 2
    if use_textcat:
        textcat = nlp.add_pipe("textcat")
        for stance in STANCES:
            textcat.add_label(stance)
    else:  # a classifier needs two classes; examples keep only their entities
        train_examples = [Example.from_dict(e.predicted, {"entities": [(s.start_char, s.end_char, s.label_) for s in e.reference.ents]}) for e in train_examples]
    if not train_examples:
        raise CiteauditError(f"no {lang} annotations to train on")

    optimizer = nlp.initialize(lambda: train_examples)
    for _ in range(epochs):
        random.shuffle(train_examples)
        for batch in minibatch(train_examples, size=8):
            nlp.update(batch, sgd=optimizer, drop=0.2)
        if on_epoch:
            on_epoch()

    report = LanguageReport(lang, len(train_examples), 0, dropped_spans=dropped)
    if heldout:
        test_examples, _ = examples_from(nlp, heldout)
        report.heldout_examples = len(test_examples)
        scores = nlp.evaluate(test_examples)
        report.entity_f1 = scores.get("ents_f")
        if use_textcat:
            with_stance = [e for e in test_examples if e.reference.cats]
            gold = [max(e.reference.cats, key=e.reference.cats.get) for e in with_stance]
            right = sum(max(d.cats, key=d.cats.get) == g for g, d in zip(gold, nlp.pipe(e.text for e in with_stance)))
            majority = Counter(a["stance"] for r in training for a in r["annotations"] if a.get("stance")).most_common(1)[0][0]
            if with_stance:
                report.stance_accuracy = right / len(with_stance)
                report.stance_majority = gold.count(majority) / len(gold)
                report.stance_used = report.stance_accuracy > report.stance_majority
    return nlp, report


def train(records: list[dict[str, Any]], out_dir: str | Path, epochs: int = 20, seed: int = 0, on_epoch: Callable[[], None] | None = None) -> TrainReport:
    """Train and save one pipeline per language under out_dir (out_dir/zh, out_dir/en)."""
    annotated = [r for r in records if r["annotations"]]
    if not annotated:
        raise CiteauditError("the annotations file has no submitted annotations to learn from")
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for record in annotated:
        by_lang.setdefault(language_of(record["text"]), []).append(record)
    report = TrainReport()
    out_dir = Path(out_dir)
    trained = {}
    for lang, lang_records in sorted(by_lang.items()):
        nlp, lang_report = train_language(lang, lang_records, epochs, seed, on_epoch)
        trained[lang] = nlp
        report.languages.append(lang_report)
    # Written only once every language has trained, into a fresh folder that then takes the old
    # one's place: a failure leaves no half model behind, a retrained folder no stale language.
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.", suffix=".tmp"))
    try:
        for lang, nlp in trained.items():
            nlp.to_disk(fresh / lang)
        (fresh / REPORT).write_text(json.dumps([vars(r) for r in report.languages], indent=1) + "\n", encoding="utf-8")
        fresh.chmod(default_mode(folder=True))  # mkdtemp makes it 0700
        _swap(fresh, out_dir)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return report


def check_model_folder(out_dir: str | Path, force: bool) -> None:
    """Refuse, before training, a folder that may not be replaced: an existing one without --force,
    or (even with it) one holding anything `train` did not write."""
    out_dir = Path(out_dir)
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise CiteauditError(f"{out_dir} exists and is not a folder")
    entries = list(out_dir.iterdir())
    if not entries:
        return
    if not force:
        raise CiteauditError(f"{out_dir} exists; use --force to replace the models in it")
    foreign = [e.name for e in entries if not (e.name == REPORT or (e / "meta.json").exists())]
    if foreign:
        raise CiteauditError(f"{out_dir} holds files `citeaudit train` did not write ({', '.join(sorted(foreign)[:3])}); choose another --output")


def _swap(fresh: Path, out_dir: Path) -> None:
    """Put `fresh` where `out_dir` is; the old folder is removed only once the new one is in place."""
    if not out_dir.exists():
        fresh.rename(out_dir)
        return
    old = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.old")
    out_dir.rename(old)
    try:
        fresh.rename(out_dir)
    except OSError:
        old.rename(out_dir)
        raise
    shutil.rmtree(old)
