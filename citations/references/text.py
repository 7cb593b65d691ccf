"""Small text helpers shared by the citation stages: bracket-aware scanning and normalisation."""
from __future__ import annotations

import unicodedata

import regex

# Opening -> closing delimiters. Quotes that open and close with the same glyph are handled as toggles.
PAIRS = {"(": ")", "（": "）", "[": "]", "〈": "〉", "《": "》", "「": "」", "『": "』", "“": "”", "【": "】"}
CLOSERS = {v: k for k, v in PAIRS.items()}
TITLE_OPENERS = "〈《「『“"

CJK = r"\p{Han}"
HAS_CJK = regex.compile(CJK)


# Inline markup: CSL rich text ('<i>', '<sup>', '<span class="nocase">') and JATS / Crossref strings
# ('<italic>Nature</italic>'): typography, not text.
MARKUP = regex.compile(r"</?(?:i|b|u|em|strong|italic|bold|sup|sub|sc|scp|underline|span)(?:\s[^<>]*)?>", regex.I)


def top_level_split(text: str, seps: str) -> list[str]:
    """Split on any char of `seps` that is outside brackets and quotes (unbalanced openers are forgiven)."""
    if not any(sep in text for sep in seps):  # most notes hold one citation: nothing to scan for
        return [text]
    parts, depth, start = [], [], 0
    for i, ch in enumerate(text):
        if ch in PAIRS:
            depth.append(ch)
        elif ch in CLOSERS and depth:
            # close the innermost matching opener; tolerate mismatches by popping to it if present
            opener = CLOSERS[ch]
            if opener in depth:
                while depth and depth.pop() != opener:
                    pass
        elif ch in seps and not depth:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def squash(text: str) -> str:
    """NFKC, one space between words, no space next to CJK: the form we compare and store."""
    text = unicodedata.normalize("NFKC", text).replace("\u00a0", " ")
    text = regex.sub(r"\s+", " ", text).strip()
    return regex.sub(r"(?<=[\p{Han}\p{P}])\s+(?=\p{Han})|(?<=\p{Han})\s+(?=[\p{Han}\p{P}])", "", text)


# PDF text often puts the space before a mark instead of after it ('Math .Z .,65 :175', 'Springer
# ,Berlin'): the mark goes back to its word. Length-preserving (a swap), so spans keep their offsets.
_LOOSE_MARK = regex.compile(r"(?<=\w) ([.,;:])(?=\w)")


def respace(text: str) -> str:
    """'Math .Z .,65 :175' -> 'Math. Z.,65: 175': a mark printed after a space and before a word."""
    if " ." in text or " ," in text or " :" in text or " ;" in text:
        return _LOOSE_MARK.sub(r"\1 ", text)
    return text


NOT_WORD = regex.compile(r"[\s\p{P}\p{S}]")


class _Unworded(dict):
    """The str.translate table that deletes what NOT_WORD matches, filled one character at its first
    sight: a translation costs a few look-ups where a regex substitution scans from every position."""

    def __missing__(self, c: int) -> int | None:
        kept = None if NOT_WORD.match(chr(c)) else c
        self[c] = kept
        return kept


_UNWORDED = _Unworded()
HAN_RUNS = regex.compile(r"\p{Han}+")
LATIN_RUNS = regex.compile(r"\p{Latin}+")


def fold(text: str) -> str:
    """Comparison key: NFKC, case-folded, without whitespace, brackets, quotes or punctuation."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_UNWORDED)


def cjk_share(text: str) -> float:
    """Han characters among Han and Latin letters (0.0 for ASCII text, which has no Han)."""
    if text.isascii():
        return 0.0
    han = sum(map(len, HAN_RUNS.findall(text)))  # runs, not characters: far fewer strings made
    letters = han + sum(map(len, LATIN_RUNS.findall(text)))
    return han / letters if letters else 0.0
