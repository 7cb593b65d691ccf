"""Stage 4: find each footnote's marker in the body.

Superscript markers come out of a PDF as plain digits glued to the text ("重要基礎。1因此"),
sometimes glued to a following year ("131990 年代" is marker 13 + 1990) or alone on a line.
Every digit run that could be a footnote's number is a candidate, scored by where markers
typically sit (after punctuation or a closing quote, at a line end, alone on a line) and
against what numbers usually are (years, "21 世紀", quantities with a unit). The best set of
candidates that keeps the footnotes in reading order is then chosen at once (a weighted longest
increasing chain), so one misleading number cannot push every later marker out of place.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .layout import Kind, SourceLine
from .model import Footnote

DIGITS = regex.compile(r"(?<![\d.,/:])\d+")
LIST_MARK = regex.compile(r"(?<=(?<![\d.,])\d{1,4})[,，]\s?(\d{1,4})(?!\d)")
# English flattens a superscript after a sentence or clause mark: "a core aim.3 Within", "state,12";
# not after an abbreviation ("p.3", "Vol.9", "No.4") or inside a number.
AFTER_WORD_MARK = regex.compile(
    r"(?<=(?<![\p{L}\d])(?!(?i:pp?|vols?|nos?|nr|eds?|figs?|arts?|chaps?|ch|secs?|nn?|cf|ibid|op|cit|id|para|tab)[.,;:])"
    r"\p{L}\p{Ll}+[.,;:])\d+"
)
BEFORE_MARKER = regex.compile(r"[，。、；：！？」』）)”’〉》\]\.,;:!?\"'%]$")
CJK_OR_LATIN_WORD_END = regex.compile(r"[\p{Han}a-z]$")
UNIT_AFTER = regex.compile(
    r"^[\s\u00a0]*(?:世紀|年|月|日|號|歲|%|％|個|萬|億|千|百|多|餘|倍|人|名|國|項|次|屆|條|家|所|座|公|平方|噸|桶|美元|元|英|大|位|期|卷|頁|章|節|點|種|架|艘|部|級|天|週|小時|分|秒|\.\d)"
)
NUMBER_CONTEXT_BEFORE = regex.compile(r"(?:第|約|近|達|共|逾|超過|至|到|和|及|與|或|、|~|-|‐|–|—|\+|\$|NT|US)[\s\u00a0]*$")
LATIN_BEFORE = regex.compile(r"[A-Za-z][\s\u00a0]?$")
LOWER_WORD_END = regex.compile(r"(?<![\p{L}\d])\p{L}\p{Ll}{2,}$")  # "public", not "G", "mp", "Vol"
YEAR = regex.compile(r"^(1[5-9]|20)\d\d$")
CENTURY_AFTER = regex.compile(r"^[\s\u00a0]*(?:世紀|年代)")


# Number glyphs: ①-⑳ ㉑-㉟ ㊱-㊿ (circled), ⑴-⒇ (parenthesised), ⒈-⒛ (with a full stop).
GLYPHS = {chr(base + i): first + i for base, first, count in
          ((0x2460, 1, 20), (0x3251, 21, 15), (0x32B1, 36, 15), (0x2474, 1, 20), (0x2488, 1, 20))
          for i in range(count)}
# A note number set as a glyph (①, ⑴, ⒈) or in brackets ([3], (3)) is its own mark in the body.
GLYPH_MARK = regex.compile(f"[{''.join(GLYPHS)}]")
BRACKET_MARK = regex.compile(r"[\[［(（](\d{1,4})[\]］)）]")
# Digits set like a flattened superscript: after a word, CJK or a closing mark (pdftotext may put
# a space between), not a
# capital's code ("G20"), not followed by more digits or a unit.
DIGIT_MARK = regex.compile(r"(?<=[\p{Han}\p{Ll}\p{Pe}\p{Pf}\p{Po}] ?)(?<![\d][.,:] ?)(\d{1,5})(?!\d|[.,]\d)")


def marks_in(text: str) -> set[str]:
    """Every mark a footnote could have in this text: "①", "(3)", "[3]", and "12" for digits set
    like a marker. Cheap evidence for finding note areas."""
    return {mark for _, mark, _ in _marks(text)}


def _marks(text: str) -> list[tuple[int, str, int]]:
    """(offset, mark as printed, number) of every mark-like number, in text order."""
    found = [(m.start(), m.group(), GLYPHS[m.group()]) for m in GLYPH_MARK.finditer(text)]
    for m in BRACKET_MARK.finditer(text):
        square = m.group()[0] in "[［"
        found.append((m.start(), ("[" if square else "(") + m.group(1) + ("]" if square else ")"), int(m.group(1))))
    for m in DIGIT_MARK.finditer(text):
        if UNIT_AFTER.match(text[m.end():]):
            continue
        run = m.group(1)
        if len(run) > 4 and YEAR.match(run[:4]):  # "signed in 20193,": the year 2019 and mark 3
            found.append((m.start() + 4, run[4:], int(run[4:])))
        else:
            found.append((m.start(), run, int(run)))
    return sorted(found)


def counting_marks(text: str) -> list[tuple[int, str]]:
    """(offset, mark) of the longest run of marks 1, 2, 3 … in reading order, in one printed form:
    the signature of note marks whose notes were not read (a stray "G20" or "p.3" does not count up)."""
    best: list[tuple[int, str]] = []
    by_form: dict[str, list[tuple[int, str, int]]] = {}
    for offset, mark, number in _marks(text):
        form = "digits" if mark.isascii() and mark.isdigit() else ("glyph" if len(mark) == 1 else mark[0])
        by_form.setdefault(form, []).append((offset, mark, number))
    for marks in by_form.values():
        run: list[tuple[int, str]] = []
        for offset, mark, number in marks:
            if number == len(run) + 1:
                run.append((offset, mark))
        best = max(best, run, key=len)
    return best


@dataclass(frozen=True)
class Span:
    line: int  # index into the body line list
    start: int  # column of the marker's first digit
    end: int


@dataclass
class _Candidate:
    footnote: int  # index into footnotes
    span: Span
    score: float


def locate(body: list[tuple[SourceLine, int]], footnotes: list[Footnote],
           marks: dict[int, str] | None = None) -> dict[int, Span]:
    """Map footnote seq → marker span in `body` (a list of (line, page)); missing markers are absent.
    `marks` gives a footnote's printed mark when it is not plain digits ("①", "(3)", "[3]")."""
    page_lines: dict[int, list[int]] = {}
    for i, (_, page) in enumerate(body):
        page_lines.setdefault(page, []).append(i)
    candidates: list[_Candidate] = []
    for k, fn in enumerate(footnotes):
        mark = (marks or {}).get(fn.seq, str(fn.number))
        near = ((fn.page, 0.0), (fn.page - 1, 2.5))
        if fn.kind == "endnote":  # marked anywhere before the notes
            near = tuple((page, 0.0) for page in page_lines if page <= fn.page)
        for page, penalty in near:
            for i in page_lines.get(page, []):
                for span, score in _mark_candidates(body[i][0], i, fn.number, mark):
                    if score - penalty > 0:
                        candidates.append(_Candidate(k, span, score - penalty))
    chosen = {footnotes[c.footnote].seq: c.span for c in _best_chain(candidates, len(footnotes))}
    # A glyph or bracketed mark printed once on its note's page is that note's mark even out of
    # reading order (columns read in the wrong order must not lose it).
    taken = set(chosen.values())
    own: dict[int, list[Span]] = {}
    for c in candidates:
        fn = footnotes[c.footnote]
        if c.score >= 8.0 and body[c.span.line][1] == fn.page:
            own.setdefault(fn.seq, []).append(c.span)
    for seq, spans in own.items():
        if seq not in chosen and len(spans) == 1 and spans[0] not in taken:
            chosen[seq] = spans[0]
            taken.add(spans[0])
    return chosen


def _mark_candidates(line: SourceLine, index: int, number: int, mark: str) -> list[tuple[Span, float]]:
    """A glyph or bracketed mark is found as printed (and, bracketed, as flattened digits too)."""
    if mark.isascii() and mark.isdigit():  # not "①": str.isdigit() is True for it
        return _candidates_in(line, index, mark)
    text = line.text
    forms = {mark}
    if mark[0] in "([":
        forms |= {mark.replace("(", "（").replace(")", "）"), mark.replace("[", "［").replace("]", "］")}
    out = [(Span(index, m.start(), m.end()), 8.0) for form in forms for m in regex.finditer(regex.escape(form), text)]
    if mark[0] in "([":
        out += _candidates_in(line, index, str(number))
    return out


def _candidates_in(line: SourceLine, index: int, number: str) -> list[tuple[Span, float]]:
    text = line.text
    if number not in text:
        return []  # every candidate form prints the number's digits
    if line.kind == Kind.NUMBER:
        return [(Span(index, text.index(number), text.index(number) + len(number)), 6.0)] if text.strip() == number else []
    out = []
    for m in LIST_MARK.finditer(text):  # "3,4": the second of two marks; the comma goes with it
        if m.group(1) == number:
            out.append((Span(index, m.start(), m.end()), 5.0))
    for m in [*DIGITS.finditer(text), *AFTER_WORD_MARK.finditer(text)]:
        run = m.group()
        after_mark = bool(BEFORE_MARKER.search(text[: m.start()].rstrip(" \u00a0")))
        inner = _inside_run(run, int(number), after_mark)
        if inner is not None:  # "China.678": marks 6, 7 and 8 set in a row; "in 20192,": 2019 + mark 2
            start = m.start() + inner
            out.append((Span(index, start, start + len(number)), _score(text[:start], text[m.end():], glued=True)))
            continue
        if not run.startswith(number):
            continue
        rest = run[len(number):]
        after = text[m.end():]
        if rest and not (YEAR.match(rest) or (len(rest) <= 2 and CENTURY_AFTER.match(after))):
            continue  # the digits glued after a marker must read as a year or a century
        before = text[: m.start()]
        if rest and before.strip() and not (BEFORE_MARKER.search(before) or CJK_OR_LATIN_WORD_END.search(before)):
            continue
        score = _score(text[: m.start()], text[m.start() + len(number):], glued=bool(rest))
        out.append((Span(index, m.start(), m.start() + len(number)), score))
    return out


def _inside_run(run: str, number: int, after_mark: bool = False) -> int | None:
    """Offset of `number` inside a digit run that reads as marks printed in a row ("678", "1011")
    or as a year followed by a mark ("20192")."""
    digits = str(number)
    if len(run) <= len(digits):
        return None
    if run.endswith(digits) and YEAR.match(run[: -len(digits)]):
        return len(run) - len(digits)
    # "12" is more often twelve than marks 1 and 2, unless it follows a closing mark ("影響。 89然而")
    first = 0 if (len(run) >= 3 or after_mark) and not YEAR.match(run) else 1
    for offset in (i for i in range(first, len(run)) if run.startswith(digits, i)):
        left, right = run[:offset], run[offset + len(digits):]
        n, text = number, ""
        while len(text) < len(left) and n > 1:
            n -= 1
            text = str(n) + text
        m, tail = number, ""
        while len(tail) < len(right):
            m += 1
            tail += str(m)
        if text == left and tail == right:
            return offset
    return None


def _score(before: str, after: str, glued: bool) -> float:
    score = 4.0
    b = before.rstrip(" \u00a0")
    if not b.strip():
        score += 0.5  # at a line start: possible, after a sentence ended on the line above
    elif BEFORE_MARKER.search(b):
        score += 3.0
    elif before == b and LOWER_WORD_END.search(b):
        score += 0.5  # "the general public3;": English flattens a superscript onto its word
    elif LATIN_BEFORE.search(before):
        score -= 4.0  # "G20", "Vol. 3"
    elif CJK_OR_LATIN_WORD_END.search(b):
        score += 0.5
    if NUMBER_CONTEXT_BEFORE.search(before):
        score -= 3.0
    if before != b and b:
        score -= 1.0  # a space before: more often a quantity ("約 3")
    a = after.strip(" \u00a0")
    if not a:
        score += 2.0  # markers like to end a line
    elif not glued and UNIT_AFTER.match(after):
        score -= 6.0
    if glued:
        score -= 1.0
    return score


def _best_chain(candidates: list[_Candidate], n_footnotes: int) -> list[_Candidate]:
    """Highest-scoring set of candidates increasing in both footnote order and text position."""
    order = sorted(range(len(candidates)), key=lambda j: (candidates[j].span.line, candidates[j].span.start, -candidates[j].footnote))
    tree = _PrefixMax(n_footnotes)
    best: list[float] = [0.0] * len(candidates)
    back: list[int] = [-1] * len(candidates)
    for j in order:
        c = candidates[j]
        prev_score, prev = tree.query(c.footnote)  # best chain ending at an earlier footnote
        best[j], back[j] = prev_score + c.score, prev
        tree.update(c.footnote, best[j], j)
    _, j = tree.query(n_footnotes)
    chain = []
    while j != -1:
        chain.append(candidates[j])
        j = back[j]
    return chain[::-1]


class _PrefixMax:
    """Fenwick tree of (best score, candidate) over footnote indices; query(k) covers [0, k)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.tree = [(0.0, -1)] * (size + 1)

    def update(self, index: int, score: float, who: int) -> None:
        i = index + 1
        while i <= self.size:
            if score > self.tree[i][0]:
                self.tree[i] = (score, who)
            i += i & -i

    def query(self, k: int) -> tuple[float, int]:
        best, i = (0.0, -1), k
        while i > 0:
            if self.tree[i][0] > best[0]:
                best = self.tree[i]
            i -= i & -i
        return best
