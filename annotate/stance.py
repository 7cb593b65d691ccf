"""A transparent stance baseline: count evaluative cue words, flip them after a negation.

It is a starting point annotators correct, not a classifier: every guess carries the cues that
produced it, so a reviewer sees at once why the claim was pre-labelled as it was. `citeaudit train`
replaces it with a text classifier once annotations exist.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pathlib import Path

import regex

from .entities import ModelTagger, language_of

STANCES: tuple[str, ...] = ("supports", "opposes", "neutral", "mixed")

# Cues that the author evaluates an actor or policy favourably / unfavourably.
POSITIVE = (
    "有助於 有助于 促進 促进 推動 推动 加強 加强 深化 提升 改善 成功 成效 積極 积极 有利 貢獻 贡献 "
    "互利 共贏 共赢 雙贏 双赢 穩定 稳定 繁榮 繁荣 機遇 机遇 優勢 优势 友好 信任 保障 突破 "
    "benefit benefits beneficial promote promotes strengthen strengthens success successful effective "
    "positive contribute contributes improve improves stability stable prosperity opportunity win-win mutual trust"
).split()
NEGATIVE = (
    "威脅 威胁 圍堵 围堵 遏制 批評 批评 失敗 失败 困局 困境 挑戰 挑战 衝突 冲突 阻礙 阻碍 掣肘 疑慮 疑虑 "
    "不滿 不满 風險 风险 脆弱 擔憂 担忧 霸權 霸权 緊張 紧张 削弱 破壞 破坏 對抗 对抗 限制 矛盾 負面 负面 "
    "threat threats threaten contain containment criticize criticise criticism fail failure risk risks conflict "
    "undermine undermines concern concerns hegemony tension tensions weaken vulnerable vulnerability negative"
).split()
NEGATORS = "不 未 沒有 没有 並非 并非 無法 无法 難以 难以 not no never without hardly".split()

_CUE = regex.compile(
    "|".join(sorted((regex.escape(c) for c in POSITIVE + NEGATIVE), key=len, reverse=True)), regex.IGNORECASE
)
_NEGATION_BEFORE = regex.compile(
    r"(?:" + "|".join(regex.escape(n) for n in NEGATORS if not n.isascii()) + r")\p{Han}{0,2}$"
    r"|\b(?:" + "|".join(n for n in NEGATORS if n.isascii()) + r")\W+(?:\w+\W+){0,2}$",
    regex.IGNORECASE,
)
_POSITIVE = {c.lower() for c in POSITIVE}


@dataclass(frozen=True)
class StanceGuess:
    label: str  # one of STANCES
    score: float  # 0.5 with no evidence, towards 1.0 the more one-sided the cues are
    cues: list[str] = field(default_factory=list)  # the cues found, "-" before a negated one


def guess_stance(text: str) -> StanceGuess:
    """Stance of the author in one claim, from its evaluative cue words."""
    positive = negative = 0
    cues = []
    for match in _CUE.finditer(text):
        if match.group().isascii() and not _whole_word(text, match.start(), match.end()):
            continue
        negated = bool(_NEGATION_BEFORE.search(text[max(0, match.start() - 30) : match.start()]))
        favourable = (match.group().lower() in _POSITIVE) != negated
        positive, negative = positive + favourable, negative + (not favourable)
        cues.append(("-" if negated else "") + match.group())
    if not cues:
        return StanceGuess("neutral", 0.5, [])
    if positive and negative and min(positive, negative) / max(positive, negative) >= 0.5:
        label = "mixed"
    else:
        label = "supports" if positive > negative else "opposes"
    margin = abs(positive - negative) if label != "mixed" else min(positive, negative)
    return StanceGuess(label, round(0.5 + 0.5 * margin / (len(cues) + 1), 3), cues)


def _whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


class BaselineStance:
    """The cue-word baseline as a batch stance model."""

    version = "stance-cues-v1"

    def guess(self, texts: list[str]) -> list[StanceGuess]:
        return [guess_stance(t) for t in texts]


class ModelStance:
    """The text classifier trained by `citeaudit train` (per language); the baseline where none was trained."""

    def __init__(self, model_dir: str | Path, fallback: BaselineStance | None = None) -> None:
        self._models = ModelTagger(model_dir)  # the same per-language pipelines hold NER and textcat
        self.fallback = fallback or BaselineStance()
        self.version = self._models.version

    def guess(self, texts: list[str]) -> list[StanceGuess]:
        out = []
        for text in texts:
            nlp = self._models.pipeline(language_of(text))
            if nlp is None or "textcat" not in nlp.pipe_names:
                out.append(self.fallback.guess([text])[0])
                continue
            cats = nlp(text).cats
            label = max(cats, key=cats.get)
            out.append(StanceGuess(label, round(float(cats[label]), 3)))
        return out
