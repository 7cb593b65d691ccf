"""Stage 6: body sentences that carry a footnote marker become claims.

Sentences end at Chinese 。！？ and English . ? ! (not after an abbreviation or an initial);
a quotation 「…」 or “…” is never cut in the middle, and a marker standing right after a
closing quote or full stop belongs to the sentence it closes.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left

import regex

from .model import Claim, Document

FINAL = set("。！？!?")
LATIN_FINAL = "."
OPEN_QUOTES = {"「": "」", "『": "』", "“": "”", "《": "》", "〈": "〉", "（": "）", "(": ")"}
CLOSERS = set("」』”’）)》〉\"'")
ABBREVIATIONS = regex.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Vol|Vols|vol|pp|p|ed|eds|trans|e\.g|i\.e|cf|etc|vs|Jr|Sr|Inc|Ltd|Co|Corp|Dept|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N|op\.cit|al)|\b\p{Lu})$"
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in text[start:end], ends placed after closing punctuation."""
    end = len(text) if end is None else end
    inside = _quoted(text, start, end)
    spans, s, i = [], start, start
    while i < end:
        ch = text[i]
        stop = i not in inside and (ch in FINAL or (ch == LATIN_FINAL and _latin_stop(text, i, end)))
        # 。」 ends the quotation and, with it, the sentence
        stop = stop or (ch in CLOSERS and i - 1 in inside and i not in inside and (text[i - 1] in FINAL or text[i - 1] == LATIN_FINAL))
        if stop:
            j = i + 1
            while j < end and text[j] in CLOSERS and j not in inside:
                j += 1
            spans.append(_trim(text, s, j))
            s = i = j
            continue
        i += 1
    spans.append(_trim(text, s, end))
    return [(a, b) for a, b in spans if b > a]


def _quoted(text: str, start: int, end: int) -> set[int]:
    """Offsets strictly inside a balanced quotation; a quote that never closes protects nothing."""
    inside: set[int] = set()
    stack: list[tuple[str, int]] = []
    for i in range(start, end):
        ch = text[i]
        if stack and ch == stack[-1][0]:
            _, opened = stack.pop()
            if not stack:
                inside.update(range(opened + 1, i))
        elif ch in OPEN_QUOTES:
            stack.append((OPEN_QUOTES[ch], i))
    return inside


def _latin_stop(text: str, i: int, end: int) -> bool:
    nxt = text[i + 1] if i + 1 < end else ""
    if nxt and not nxt.isspace() and nxt not in CLOSERS:
        return False  # "2001.6", "U.S.", "www.x"
    if ABBREVIATIONS.search(text[max(0, i - 12):i]):
        return False
    return True


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def find_claims(doc: Document) -> list[Claim]:
    sentences = [span for p_start, p_end in doc.paragraphs for span in split_sentences(doc.body, p_start, p_end)]
    ends = [e for _, e in sentences]
    linked: dict[int, list[int]] = {}
    for fn in doc.footnotes:
        if fn.marker is None:
            continue
        k = bisect_left(ends, fn.marker.offset)  # the first sentence ending at or after the marker
        if k < len(sentences) and sentences[k][0] >= fn.marker.offset and k > 0 and _same_paragraph(doc, sentences[k - 1], fn.marker.offset):
            k -= 1  # the marker follows the previous sentence's full stop
        if k < len(sentences):
            linked.setdefault(k, []).append(fn.seq)
    claims, seen = [], set()
    for k in sorted(linked):
        s, e = sentences[k]
        text = doc.body[s:e]
        claims.append(Claim(id=_claim_id(doc.id, text, seen), start=s, end=e, text=text, footnotes=linked[k]))
    return claims


def _same_paragraph(doc: Document, sentence: tuple[int, int], offset: int) -> bool:
    return "\n" not in doc.body[sentence[1]:offset]


def _claim_id(doc_id: str, text: str, seen: set[str]) -> str:
    """Stable across re-parses: derived from the sentence itself, numbered only when it repeats."""
    digest = hashlib.sha1(regex.sub(r"\s+", "", text).encode()).hexdigest()[:10]
    cid, n = f"{doc_id}:{digest}", 2
    while cid in seen:
        cid, n = f"{doc_id}:{digest}-{n}", n + 1
    seen.add(cid)
    return cid
