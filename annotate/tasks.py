"""Claims -> Label Studio tasks (one per claim) with pre-annotations, validated before anything is written.

Span offsets count Unicode code points of the exact `data.text` shown to annotators; that is how
Label Studio's Text tag stores them (its editor, web/libs/editor/src/tags/object/RichText/
domManager.ts in 1.23, splits text with `[...text]` into code points and converts to the browser's
UTF-16 positions only for the DOM), and also how Python indexes strings. A CRLF would show as two
line breaks there, so texts use LF. LabelInterface checks names and labels, but neither it nor the server
checks an end past the text, start > end, or a span whose text differs from its offsets: we do.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

from label_studio_sdk.label_interface import LabelInterface

from citations.errors import CiteauditError
from citations.model import Citation, Claim, Document, Footnote

from .entities import EntitySpan, EntityTagger, GazetteerTagger, ModelTagger
from .stance import ModelStance, StanceGuess

CONFIG_NAME = "claims.xml"


def label_config() -> str:
    """The Label Studio labelling config shipped in schemas/labelstudio/."""
    return resources.files("schemas").joinpath("labelstudio").joinpath(CONFIG_NAME).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def label_interface() -> LabelInterface:
    interface = LabelInterface(label_config())
    interface.validate()
    return interface


@dataclass
class Predictor:
    """What pre-annotates a task: an entity tagger and, from a trained model, a stance classifier
    (none by default: see annotate/stance.py), named together in model_version."""

    entities: EntityTagger = field(default_factory=GazetteerTagger)
    stance: ModelStance | None = None

    @property
    def model_version(self) -> str:
        return f"citeaudit/{self.entities.version}" + (f"+{self.stance.version}" if self.stance else "")

    def stances(self, texts: list[str]) -> list[StanceGuess | None]:
        return self.stance.guess(texts) if self.stance else [None] * len(texts)


def predictor_for(model_dir: str | None = None) -> Predictor:
    """The gazetteer (no stance), or the models `citeaudit train` wrote to model_dir."""
    if model_dir is None:
        return Predictor()
    if not any((Path(model_dir) / lang / "meta.json").exists() for lang in ("zh", "en")):
        raise CiteauditError(f"{model_dir} holds no model written by `citeaudit train`")
    return Predictor(ModelTagger(model_dir), ModelStance(model_dir))


# --- task data ---------------------------------------------------------------------------------


def stable_claim_id(doc_id: str, claim: Claim, seen: dict[str, int]) -> str:
    """Same document + same claim text + same footnotes -> same id, whatever the offsets (re-parses move them)."""
    text = " ".join(claim.text.split())
    digest = hashlib.sha1(f"{doc_id}\0{text}\0{claim.footnotes}".encode("utf-8")).hexdigest()[:16]
    seen[digest] = seen.get(digest, 0) + 1  # a sentence repeated verbatim with the same notes
    return f"{doc_id}:{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else "")


def format_citation(citation: Citation) -> str:
    """A short human-readable reference from the CSL fields when resolved, else the raw text."""
    csl = citation.csl or {}
    names = [a.get("literal") or ", ".join(filter(None, [a.get("family"), a.get("given")])) for a in csl.get("author", [])]
    year = ((csl.get("issued") or {}).get("date-parts") or [[None]])[0][0]
    parts = ["、".join(n for n in names if n), csl.get("title"), csl.get("container-title"), year and str(year)]
    formatted = ", ".join(str(p) for p in parts if p)
    return formatted if csl.get("title") else citation.raw.strip()


def show_citation(citation: Citation, by_seq: dict[int, Footnote]) -> str:
    """One citation as annotators read it; an ibid./同前註 also shows the work it points to."""
    target = citation.crossref_of
    if citation.kind == "crossref" and target and target.seq in by_seq and target.index < len(by_seq[target.seq].citations):
        return f"{citation.raw.strip()} → {format_citation(by_seq[target.seq].citations[target.index])}"
    shown = format_citation(citation)
    return f"{shown}, p. {citation.locator}" if citation.csl and citation.locator else shown


def claim_data(doc: Document, claim: Claim, claim_id: str) -> dict[str, Any]:
    by_seq = {fn.seq: fn for fn in doc.footnotes}
    notes = [by_seq[s] for s in claim.footnotes if s in by_seq]
    lines = []
    for fn in notes:
        cited = [show_citation(c, by_seq) for c in fn.citations if c.kind != "note"]
        lines.append(f"[{fn.number}] " + ("; ".join(cited) if cited else " ".join(fn.text.split())))
    para = next(((s, e) for s, e in doc.paragraphs if s <= claim.start < e), (claim.start, claim.end))
    return {
        "claim_id": claim_id,
        "text": claim.text.replace("\r\n", "\n"),
        "context": doc.body[para[0] : para[1]].strip() or claim.text,
        "citations": "\n".join(lines) or "(no footnote)",
        "doc_id": doc.id,
        "page": doc.page_at(claim.start),
        "footnotes": [fn.number for fn in notes],
        "footnote_label": ", ".join(str(fn.number) for fn in notes) or "-",
    }


# --- predictions -------------------------------------------------------------------------------


def prediction(spans: list[EntitySpan], stance: StanceGuess | None, model_version: str) -> dict[str, Any]:
    result: list[dict[str, Any]] = []
    for i, span in enumerate(spans):
        region = {
            "id": f"e{i}",
            "from_name": "entity",
            "to_name": "text",
            "type": "labels",
            "value": {"start": span.start, "end": span.end, "text": span.text, "labels": [span.label]},
        }
        if span.score is not None:
            region["score"] = span.score
        result.append(region)
    out: dict[str, Any] = {"model_version": model_version, "result": result}
    if stance is not None:
        result.append({"id": "stance", "from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": [stance.label]}})
        out["score"] = stance.score
    elif scores := [s.score for s in spans if s.score is not None]:
        out["score"] = round(sum(scores) / len(scores), 3)
    return out


def build_tasks(
    docs: Iterable[Document], predictor: Predictor | None = None, on_document: Callable[[Document], None] | None = None
) -> list[dict[str, Any]]:
    """One validated task per claim of every document, with pre-annotations."""
    predictor = predictor or Predictor()
    tasks = []
    for doc in docs:
        seen: dict[str, int] = {}
        datas = [claim_data(doc, c, stable_claim_id(doc.id, c, seen)) for c in doc.claims]
        texts = [d["text"] for d in datas]
        for data, spans, stance in zip(datas, predictor.entities.tag(texts), predictor.stances(texts)):
            tasks.append({"data": data, "predictions": [prediction(spans, stance, predictor.model_version)]})
        if on_document:
            on_document(doc)
    validate_tasks(tasks)
    return tasks


# --- validation --------------------------------------------------------------------------------


def task_errors(task: Any, interface: LabelInterface | None = None) -> list[str]:
    """Everything wrong with one task: the LabelInterface's checks plus the offsets it does not check."""
    interface = interface or label_interface()
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        return ["a task must be an object with a 'data' object"]
    data = task["data"]
    errors = [f"data.{o.value_name} is missing or not text" for o in interface.objects if not isinstance(data.get(o.value_name), str)]
    if not data.get("claim_id"):
        errors.append("data.claim_id is missing (push needs it to avoid duplicates)")
    if errors:
        return errors
    fields = {o.name: o.value_name for o in interface.objects}
    for kind in ("predictions", "annotations"):
        for item in task.get(kind, []):
            errors += [f"{kind[:-1]}: {e}" for e in interface.validate_prediction(item, return_errors=True)]
            for region in item.get("result", []):
                value = region.get("value", {})
                if "start" in value or "end" in value:
                    errors += span_errors(data.get(fields.get(region.get("to_name"), ""), ""), value)
    return errors


def span_errors(text: str, value: dict[str, Any]) -> list[str]:
    start, end, shown = value.get("start"), value.get("end"), value.get("text")
    if not (isinstance(start, int) and isinstance(end, int)):
        return [f"span offsets must be integers, got {start!r}-{end!r}"]
    if not 0 <= start < end <= len(text):
        return [f"span {start}-{end} is not inside a text of {len(text)} characters"]
    if shown is not None and text[start:end] != shown:
        return [f"span {start}-{end} reads {text[start:end]!r} in the text, not {shown!r}"]
    return []


def validate_tasks(tasks: list[Any]) -> None:
    """Raise one clear error naming the first bad task; nothing is written or sent before this passes."""
    interface = label_interface()
    bad = [(i, e) for i, t in enumerate(tasks) if (e := task_errors(t, interface))]
    if bad:
        i, errors = bad[0]
        who = (tasks[i].get("data") or {}).get("claim_id", f"#{i + 1}") if isinstance(tasks[i], dict) else f"#{i + 1}"
        raise CiteauditError(f"{len(bad)} of {len(tasks)} tasks are invalid; first, task {who}: {errors[0]}")


def load_tasks(text: str, source: str) -> list[dict[str, Any]]:
    """Read a task file written by `citeaudit tasks` (a JSON list) and validate it."""
    try:
        tasks = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CiteauditError(f"{source} is not JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(tasks, list):
        raise CiteauditError(f"{source} must hold a JSON list of tasks")
    validate_tasks(tasks)
    return tasks
