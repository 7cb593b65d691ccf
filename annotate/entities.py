"""Entity pre-annotation: spaCy blank pipelines (Chinese and English) with an EntityRuler.

Chinese uses spaCy's built-in character segmenter: jieba splits Traditional words badly and
spacy-pkuseg needs a model download, while gazetteer phrases matched over characters need neither.
Offsets are Python string indices (Unicode code points) into the text given, which is also how
Label Studio's Text tag counts them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol

import regex
import spacy
from spacy.language import Language

from citations.errors import CiteauditError

from .gazetteer import Entry, load_gazetteer

_HAN = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"[\p{Latin}\p{Nd}]")


@dataclass(frozen=True)
class EntitySpan:
    start: int  # code-point offsets into the tagged text
    end: int
    label: str
    text: str
    score: float | None = None  # confidence the span and label are right, when the source can tell


class EntityTagger(Protocol):
    version: str

    def tag(self, texts: Iterable[str]) -> list[list[EntitySpan]]: ...


def language_of(text: str) -> str:
    """'zh' when the text has Han characters enough to be Chinese prose, else 'en'."""
    han = len(_HAN.findall(text))
    return "zh" if han and han >= len(regex.findall(r"\p{Latin}", text)) / 2 else "en"


# One-character country abbreviations as Chinese prose pairs them: 中美關係, 中、俄兩國, 中日韓三國.
_ABBREVIATIONS = "中美日俄韓朝印巴哈烏吉塔土英法德蘇臺台越蒙伊"
# Characters that make a common word with a following 中/美 (其中, 集中, 當中, 完美, 歐美 ...).
_WORD_ENDING_IN_ABBREVIATION = "其集之當空心期途手高初國命看適居完優讚歐"
_PAIRED = regex.compile(
    rf"(?<![{_WORD_ENDING_IN_ABBREVIATION}])([{_ABBREVIATIONS}](?:、?[{_ABBREVIATIONS}])+)(?=[兩三四五]國|關係|雙邊|邊界|峰會|聯合|戰略|之間|合作)"
)


@Language.component("country_abbreviations")
def country_abbreviations(doc):
    """Tag each paired one-character country abbreviation as GPE, where no longer entity holds it."""
    spans = list(doc.ents)
    for match in _PAIRED.finditer(doc.text):
        for i in range(match.start(1), match.end(1)):
            if doc.text[i] != "、":
                span = doc.char_span(i, i + 1, label="GPE")
                if span is not None and not any(e.start < span.end and span.start < e.end for e in spans):
                    spans.append(span)
    doc.ents = sorted(spans, key=lambda e: e.start)
    return doc


def ruler_pipeline(lang: str, entries: Iterable[Entry]) -> Language:
    """A blank pipeline whose EntityRuler holds every gazetteer form as a case-sensitive phrase."""
    nlp = spacy.blank(lang)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": e.label, "pattern": form, "id": e.name} for e in entries for form in e.forms])
    if lang == "zh":
        nlp.add_pipe("country_abbreviations")
    return nlp


def inside_latin_word(text: str, start: int, end: int) -> bool:
    """True when a match cuts a Latin word ('US' in 'USA'): the Chinese char segmenter cannot tell."""
    cut_left = start > 0 and _LATIN.match(text[start - 1]) and _LATIN.match(text[start])
    cut_right = end < len(text) and _LATIN.match(text[end - 1]) and _LATIN.match(text[end])
    return bool(cut_left or cut_right)


def form_score(form: str) -> float:
    """Prior trust in a gazetteer hit: short Latin acronyms (UN, EU, SCO) are often something else."""
    return 0.6 if regex.fullmatch(r"[\p{Latin}.]{1,4}", form) else 0.95


class GazetteerTagger:
    """Exact matches of the curated gazetteer, longest match wins."""

    version = "gazetteer-v1"

    def __init__(self, entries: Iterable[Entry] | None = None) -> None:
        self.entries = tuple(entries if entries is not None else load_gazetteer())
        self._pipelines: dict[str, Language] = {}

    def pipeline(self, lang: str) -> Language:
        if lang not in self._pipelines:
            self._pipelines[lang] = ruler_pipeline(lang, self.entries)
        return self._pipelines[lang]

    def tag(self, texts: Iterable[str]) -> list[list[EntitySpan]]:
        return tag_by_language(list(texts), self.pipeline, score=lambda span: form_score(span.text))


class ModelTagger:
    """NER trained by `citeaudit train` (one spaCy pipeline per language under the model folder)."""

    def __init__(self, model_dir: str | Path, fallback: EntityTagger | None = None) -> None:
        self.model_dir = Path(model_dir)
        self.fallback = fallback or GazetteerTagger()
        self._pipelines: dict[str, Language | None] = {}
        self.version = f"trained-{self.model_dir.name}"

    def pipeline(self, lang: str) -> Language | None:
        if lang not in self._pipelines:
            path = self.model_dir / lang
            self._pipelines[lang] = load_model(path) if path.exists() else None
        return self._pipelines[lang]

    def tag(self, texts: Iterable[str]) -> list[list[EntitySpan]]:
        texts = list(texts)
        # A language the annotators never labelled keeps the gazetteer's predictions.
        have_model = [self.pipeline(language_of(t)) is not None for t in texts]
        trained = tag_by_language([t for t, m in zip(texts, have_model) if m], self.pipeline)
        fallback = self.fallback.tag([t for t, m in zip(texts, have_model) if not m])
        trained_iter, fallback_iter = iter(trained), iter(fallback)
        return [next(trained_iter) if m else next(fallback_iter) for m in have_model]


def load_model(path: Path) -> Language:
    try:
        return spacy.load(path)
    except (OSError, ValueError) as exc:
        raise CiteauditError(f"{path} is not a model written by `citeaudit train`: {str(exc).splitlines()[0]}") from None


def tag_by_language(texts: list[str], pipeline, score=lambda span: None) -> list[list[EntitySpan]]:
    """Run each text through its language's pipeline (batched), keeping input order."""
    out: list[list[EntitySpan]] = [[] for _ in texts]
    by_lang: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        by_lang.setdefault(language_of(text), []).append(i)
    for lang, indices in by_lang.items():
        for i, doc in zip(indices, pipeline(lang).pipe(texts[i] for i in indices)):
            out[i] = [
                EntitySpan(e.start_char, e.end_char, e.label_, e.text, score(e))
                for e in doc.ents
                if not inside_latin_word(doc.text, e.start_char, e.end_char)
            ]
    return out
