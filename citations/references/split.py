"""Footnote text -> citation strings, each classified as a citation, a cross-reference or a note.

A footnote may hold several citations separated by ；/; (outside brackets and quotes), may open
with prose that explains before a signal such as 請參閱, and may cite a work through another
(X，轉引自 Y). Whether a piece cites anything is the tagger's call (parse.label): footnotes that
only explain become one "note" and never reach the bibliography.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

from .parse import label
from .text import top_level_split

# Signal phrases that introduce a citation; the longest alternatives come first.
SIGNAL = regex.compile(
    r"(?:相關論述請參閱|相關論述參閱|相關資料請參閱|請參閱|請參見|请参阅|请参见|參閱網址|參閱|參見|参阅|参见|詳見|详见|"
    r"摘錄自|摘录自|轉引自|转引自|引自|"
    # short or common words count only where a sentence starts: 可見 inside a title is no signal
    r"(?:(?<=^)|(?<=[。；;.]\s*))(?:見|见|參考|参考|See also|See|Cf\.|cf\.))\s*[：:]?\s*"
)
SECONDARY = ("轉引自", "转引自")
# The crossref words; an op. cit. form may be preceded by a short author list.
IBID = regex.compile(r"^\s*(?:同前註|同前注|同上註|同上注|同上|同前|Ibid\b\.?|ibid\b\.?|Ibid\.)", regex.I)
# a note-number reference: 同註 5, 前揭註 12, 見前注〔2〕, 同2 (GB/T), supra note 4
SAME_NOTE = regex.compile(
    r"(?:(?:同前|同|前揭|前引|前|參見|参见|見|见)\s*|^\s*)[註注]\s*[〔\[［（(]?\s*(\d+)|^\s*同\s*(\d+)(?=\s*[：:，,。.]|\s*$)"
    r"|(?:See\s+)?(?:supra\s+)?\bnote\s+(\d+)", regex.I)
OPCIT = regex.compile(r"(?:前揭書|前揭文|前揭|前引書|前引文|前引|op\.\s*cit\.?|loc\.\s*cit\.?)", regex.I)
# Tail text that quotes the source (its ; are not separators).
QUOTE_TAIL = regex.compile(r"原文[：:]")

@dataclass
class Piece:
    raw: str
    kind: str  # "citation" | "crossref" | "note"
    signal: str | None = None
    flags: list[str] = field(default_factory=list)


def looks_cited(text: str) -> bool:
    """The tagger finds a bibliographic field (not only commentary), or the piece is a cross-reference."""
    return crossref_form(text) is not None or label(text).cites()


TITLE_OPEN = regex.compile(r"[〈《「“]")
TITLE_OR_DIGIT = regex.compile(r"[〈《「“]|\d")


def crossref_form(text: str) -> str | None:
    """'ibid', 'note' or 'opcit' when the piece is a cross-reference, else None."""
    if IBID.match(text):
        return "ibid"
    # the searches are slow on long notes: each runs only where the characters it needs are there
    lower = text.lower()
    note = SAME_NOTE.search(text) if "註" in text or "注" in text or "同" in text or "note" in lower else None
    if note and note.start() <= 40 and not TITLE_OPEN.search(text, 0, note.start()):
        return "note"
    m = OPCIT.search(text) if "前" in text or "cit" in lower or "\u0130" in text else None  # İ is an 'i' to regex.I
    # an op. cit. after at most a short author list (no title brackets before it)
    if m and m.start() <= 80 and not TITLE_OR_DIGIT.search(text, 0, m.start()):
        return "opcit"
    return None


def split_footnote(text: str) -> list[Piece]:
    """Split a footnote; each piece's raw is the verbatim text (patterns run on its NFC form,
    which maps CJK compatibility ideographs one to one, so offsets carry back)."""
    text = text.strip()
    norm = unicodedata.normalize("NFC", text)
    pieces = _split(norm)
    if len(norm) == len(text):
        cursor = 0
        for p in pieces:
            at = norm.find(p.raw, cursor)
            if at >= 0:
                p.raw, cursor = text[at: at + len(p.raw)], at + len(p.raw)
    return pieces


def _split(text: str) -> list[Piece]:
    if not text:
        return []
    whole, form = text, crossref_form(text)  # looks_cited(text), keeping the form for a piece that is the whole text
    if form is None and not label(text).cites():
        return [Piece(text, "note")]
    signal = None
    matches = list(SIGNAL.finditer(text))
    m = matches[-1] if matches else None
    if m and m.group().strip().startswith(SECONDARY) and m.start() > 0:
        # X，轉引自 Y: keep the cited work and the citing work
        head = text[: m.start()].rstrip("，,；; ")
        tail = text[m.end():]
        pieces = _split(head) if looks_cited(head) else []
        for p in pieces:
            p.flags.append("secondary")
        rest = _split(tail)
        if rest:
            rest[0].signal = m.group().strip(" ：:")
        return pieces + rest if pieces else rest
    if m and (m.start() == 0 or _prose_before(text[: m.start()]) or not looks_cited(text[: m.start()])):  # cheap test first
        signal = m.group().strip(" ：:")
        text = text[m.end():].strip()
    tail = ""
    q = QUOTE_TAIL.search(text)
    if q:
        text, tail = text[: q.start()], text[q.start():]
    raws = [r.strip() for r in top_level_split(text, "；;")]
    raws = [r for r in raws if r.strip(" 。.，,")]
    if tail and raws:
        raws[-1] = raws[-1] + tail
    pieces = []
    for raw in raws:
        own_signal, raw = tagged_signal(raw)
        if form if raw == whole else crossref_form(raw):
            kind = "crossref"
        else:
            kind = "citation" if label(raw).cites() else "note"
        pieces.append(Piece(raw, kind, signal=own_signal))
    if pieces and signal:
        pieces[0].signal = signal
    return pieces


def tagged_signal(raw: str) -> tuple[str | None, str]:
    """A signal the tagger labels at the start of a piece (Vgl., Cf., See also ...) -> (signal, rest)."""
    lab = label(raw)
    if not lab.spans or lab.spans[0][0] != "signal" or lab.text[: lab.spans[0][1]].strip():
        return None, raw
    word = lab.text[lab.spans[0][1]: lab.spans[0][2]]
    at = raw.find(word)
    if at < 0 or raw[:at].strip():
        return None, raw
    rest = raw[at + len(word):].lstrip(" ：:,，")
    return (word, rest) if rest else (None, raw)


def _prose_before(prefix: str) -> bool:
    """An explanatory sentence before the signal (it ends a sentence or is long prose)."""
    prefix = prefix.strip()
    return prefix.endswith(("。", ".", "：", ":")) or len(prefix) > 60
