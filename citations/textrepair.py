"""Text-layer repair: full-width ASCII forms inside Latin text become ASCII.

Chinese typesetting (CNKI serves most mainland journals this way) sets English notes in
full-width letters and punctuation: "ＭｉｃｈａｅｌＬ．Ｒｏｓｓ，", "KalＲaustiala", "Vol．9，No．4",
"https： / / www.". Citation parsing needs them as ASCII. Real CJK punctuation stays: a full-width
mark is converted only inside a Latin run (a stretch of Latin letters, digits, spaces and
punctuation) with Latin letters or digits on both sides of it, or at the run's end when the text
ends there; a mark between CJK characters, or between CJK and Latin, is left as printed.

`repair_mapped` also maps every old offset to its new one, so a reader can keep marker positions.
"""
from __future__ import annotations

import regex

# Full-width letters are always Latin letters, whatever surrounds them.
_FW_LETTER = regex.compile(r"[\uff21-\uff3a\uff41-\uff5a]")
# One Latin run: Latin letters and digits (ASCII or full-width), ASCII and full-width punctuation,
# spaces, and the quotes and dashes English text uses. Runs without a Latin letter are not touched.
_RUN = regex.compile(r"[\p{Latin}\p{Nd}\x20-\x7e\uff01-\uff5e\u3000\u00a0“”‘’\u2010-\u2015\u00b7]+")
_LATIN_LETTER = regex.compile(r"[\p{Latin}]")
_FULL_WIDTH = regex.compile(r"[\uff01-\uff5e\u3000]")
_ALNUM = regex.compile(r"[\p{Latin}\p{Nd}]")
# "https： / / www." -> "https://www.": the spaces inside a URL scheme go.
_SCHEME = regex.compile(r"(?i)\b(?:https?|ftp)([ \u3000]*)[:：]([ \u3000]*)[/／]([ \u3000]*)[/／]([ \u3000]*)")
# Marks that a full-width glyph set flush against the next word: a space goes back after them.
_SPACE_AFTER = set("，；：？！）")
_SEPARATORS = set("，；：")
_OPENING = set("“‘(（[［\"")


def _ascii(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch == "\u3000":
        return " "
    return ch


def repair(text: str) -> str:
    if not _FULL_WIDTH.search(text):
        return text
    out, pos = [], 0
    for start, end, seg, _ in _repaired_runs(text):
        out += [text[pos:start], seg]
        pos = end
    return "".join(out) + text[pos:]


def repair_mapped(text: str) -> tuple[str, list[int]]:
    """The repaired text and, for each offset 0..len(text) of the input, its offset in the output."""
    if not _FULL_WIDTH.search(text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    mapping: list[int] = []
    pos = length = 0
    for start, end, seg, at in _repaired_runs(text):
        mapping += range(length, length + start - pos)
        length += start - pos
        out += [text[pos:start], seg]
        mapping += [length + a for a in at[:-1]]
        length += len(seg)
        pos = end
    mapping += range(length, length + len(text) - pos + 1)
    return "".join(out) + text[pos:], mapping


def _repaired_runs(text: str):
    """(start, end, repaired text, offset map) of each Latin run that changes."""
    for run in _RUN.finditer(text):
        seg = run.group()
        if not _FULL_WIDTH.search(seg) or not _LATIN_LETTER.search(seg):
            continue  # "２００９年", "０１０－８４０８３６８３": digits and marks among CJK stay as printed
        at_text_end = run.end() == len(text) or text[run.end()] == "\n"
        repaired = _repair_run(seg, at_text_end)
        if repaired is not None:
            yield run.start(), run.end(), *repaired


def _repair_run(text: str, at_text_end: bool) -> tuple[str, list[int]] | None:
    start, end = 0, len(text)
    new = [_ascii(ch) if _FW_LETTER.match(ch) else ch for ch in text]
    drop: set[int] = set()
    for m in _SCHEME.finditer(text):
        for group in range(1, 5):
            drop.update(range(m.start(group), m.end(group)))
    add_space: set[int] = set()
    alnum = [i for i in range(start, end) if _ALNUM.match(new[i])]
    if not alnum:
        return None
    first, last = alnum[0], alnum[-1]
    letters = [i for i in range(start, end) if _LATIN_LETTER.match(new[i])]
    for i in range(start, end):
        ch = text[i]
        code = ord(ch)
        if not (0xFF01 <= code <= 0xFF5E or ch == "\u3000"):
            continue
        if _FW_LETTER.match(ch):
            continue  # done already
        if ch == "\u3000" or "\uff10" <= ch <= "\uff19":
            new[i] = _ascii(ch)
            continue
        # A separator needs a Latin letter after it ("gov.cn/，2019年" keeps its CJK comma); a
        # connector ("p．389", "3－4") only a digit.
        right = letters[-1] if ch in _SEPARATORS else last
        # "．" after a Latin word is never the CJK full stop (that is "。"): "pp.854-858．托马斯"
        inside = first < i < right or (i > first and (at_text_end or ch == "．"))
        if not inside:
            continue  # a mark between CJK and Latin is CJK punctuation: "中國（China）"
        new[i] = _ascii(ch)
        if i in drop or i + 1 >= end or i + 1 in drop:
            continue
        after = new[i + 1]
        if after.isspace():
            continue
        if ch in _SPACE_AFTER and (_ALNUM.match(after) or after in _OPENING):
            if ch == "：" and after in "/／":
                continue
            if ch == "，" and _thousands(new, i, end):
                continue
            add_space.add(i)
        elif ch == "．" and (after.isupper() or after in "“‘") and not _acronym(new, i, end):
            add_space.add(i)  # "Ｌ．Ｒｏｓｓ" -> "L. Ross"; "Vol．9", "p．389", "www．x" stay joined
        elif ch in "（［" and i > start and _ALNUM.match(new[i - 1]):
            add_space.add(i - 1)  # "Press（2001）" -> "Press (2001)"


    out: list[str] = []
    mapping: list[int] = []
    length = 0
    for i, piece in enumerate(new):
        mapping.append(length)  # before a restored space: a mark after "，" stays on the comma
        if i - 1 in add_space:
            out.append(" ")
            length += 1
        if i in drop:
            continue
        out.append(piece)
        length += len(piece)
    mapping.append(length)
    return "".join(out), mapping


def _thousands(new: list[str], i: int, end: int) -> bool:
    """"1，000" is one number, not a list."""
    digits = "".join(new[i + 1:min(i + 5, end)])
    return i > 0 and new[i - 1].isdigit() and bool(regex.match(r"\d{3}(?!\d)", digits))


def _acronym(new: list[str], i: int, end: int) -> bool:
    """"U．S．" stays "U.S.": a single letter after the point that is itself followed by a point."""
    return i + 2 < end and new[i + 2] in ".．"
