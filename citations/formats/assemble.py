"""Build a `Document` from what a layout reader saw: body lines with their markers, and notes.

The PDF and .docx readers differ only in how they find lines, markers and notes; turning those into
the shared model (one body string, marker offsets, numbering runs, paragraphs) is done once, here,
so both give exactly the Document the text pipeline gives and every later stage works unchanged.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Hashable

import regex

from ..claims import find_claims
from ..errors import CiteauditError
from ..footnotes import URL_TAIL
from ..model import Document, Footnote, Marker, Page
from ..textrepair import repair, repair_mapped

# Han, kana, bopomofo and CJK/full-width punctuation: set without spaces between words. Narrower
# than the text pipeline's class, which also counts the curly quotes “” as CJK: in a PDF a quote
# after a Latin word at a line break still follows a word space.
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\u3000-\u303f\uff00-\uffef]")


@dataclass
class MarkerDraft:
    index: int  # position in the line's text (the marker's own characters are not in the text)
    number: int  # printed number
    key: Hashable | None = None  # exact note identity when the format has one (.docx ids)
    text: str = ""  # the mark as printed, put back into the text if it matches no note (an exponent)


@dataclass
class LineDraft:
    text: str
    page: int
    line: int
    paragraph_start: bool = False
    joins_next: bool = False  # a line-break hyphen was taken off: the next line goes on this word
    markers: list[MarkerDraft] = field(default_factory=list)


@dataclass
class NoteDraft:
    number: int
    page: int
    line: int
    text: str
    kind: str = "footnote"  # or "endnote"
    key: Hashable | None = None


def separator(left: str, right: str) -> str:
    """What goes between two wrapped lines of a layout: a line break is a word break, so one
    space, except next to CJK, after a hyphen, or inside a URL broken over lines (nothing)."""
    if not left or not right or left[-1].isspace() or right[0].isspace() or left[-1] in "-\u2010":
        return ""
    if CJK.match(left[-1]) or CJK.match(right[0]) or URL_TAIL.search(left[-300:]):
        return ""
    return " "


def join_lines(lines: list[str]) -> str:
    out = ""
    for text in lines:
        out += separator(out, text) + text
    return out.strip()


def _match(markers: list[MarkerDraft], notes: list[NoteDraft]) -> dict[int, MarkerDraft]:
    """note index -> marker. By identity when known, else by printed number in order: each marker
    takes the next unclaimed note with its number, looking only a few notes ahead so one missing
    note does not shift every later pairing. Marks set in a row with no separator print as one
    run ("89" for 8 and 9): a run that matches no note is tried as consecutive numbers."""
    by_key = {n.key: i for i, n in enumerate(notes) if n.key is not None}
    pairs: dict[int, MarkerDraft] = {}
    cursor = 0

    def take(number: int) -> int | None:
        for i in range(cursor, min(cursor + 4, len(notes))):
            if i not in pairs and notes[i].number == number and notes[i].key is None:
                return i
        return None

    for marker in markers:
        if marker.key is not None:
            if marker.key in by_key and by_key[marker.key] not in pairs:
                pairs[by_key[marker.key]] = marker
            continue
        for number in [marker.number] if take(marker.number) is not None else _run_of_numbers(str(marker.number)):
            i = take(number)
            if i is None:
                break
            pairs[i] = marker
            cursor = i + 1
    return pairs


def _run_of_numbers(digits: str) -> list[int]:
    """"89" -> [8, 9], "1011" -> [10, 11], "910" -> [9, 10]; [] when no split counts up by one."""
    for width in range(1, len(digits)):
        first = int(digits[:width])
        run, text = [first], str(first)
        while len(text) < len(digits):
            run.append(run[-1] + 1)
            text += str(run[-1])
        if text == digits and len(run) > 1 and digits[0] != "0":
            return run
    return []


def build_document(doc_id: str, source: str, encoding: str, lines: list[LineDraft], notes: list[NoteDraft],
                   printed_pages: dict[int, str] | None = None, page_count: int | None = None) -> Document:
    """Pair marks with notes, join body lines into one body (paragraphs separated by a newline),
    number the notes. A raised number that pairs with no note goes back into the text."""
    for draft in lines:
        _strip(draft)
    for note in notes:
        note.text = repair(note.text)
    if not any(d.text for d in lines) and not notes:
        raise CiteauditError(f"{source}: no text")
    pairs = _match([m for d in lines for m in d.markers], notes)
    used = {id(m) for m in pairs.values()}
    kept_as_text = sum(_restore(draft, used) for draft in lines)

    body = ""
    body_lines: list[tuple[int, int, int]] = []
    paragraphs: list[tuple[int, int]] = []
    offsets: dict[int, int] = {}  # id(marker) -> body offset
    start, joined = 0, False
    for draft in lines:
        if not draft.text and not draft.markers:
            continue  # an empty paragraph (Word's section-break carrier, a blank line)
        if draft.paragraph_start and body:
            paragraphs.append((start, len(body)))
            body += "\n"
            start = len(body)
        elif body and not body.endswith("\n") and not joined:
            body += separator(body, draft.text)
        body_lines.append((len(body), draft.line, draft.page))
        offsets.update((id(m), len(body) + m.index) for m in draft.markers)
        body += draft.text
        joined = draft.joins_next
    if body:
        paragraphs.append((start, len(body)))

    starts = [s for s, _, _ in body_lines]
    footnotes: list[Footnote] = []
    chapter, previous = 1, None
    for i, note in enumerate(notes):
        if previous is not None and note.number <= previous:
            chapter += 1  # the printed numbers restarted: a new numbering run
        previous = note.number
        fn = Footnote(seq=i + 1, number=note.number, page=note.page, text=note.text, line=note.line,
                      chapter=chapter, kind=note.kind)
        if i in pairs:
            offset = offsets[id(pairs[i])]
            fn.marker = Marker(offset=offset, line=body_lines[max(bisect.bisect_right(starts, offset) - 1, 0)][1])
        footnotes.append(fn)

    doc = Document(id=doc_id, source=source, encoding=encoding, pages=_pages(lines, notes, printed_pages or {}, page_count),
                   body=body, footnotes=footnotes, body_lines=body_lines, paragraphs=paragraphs)
    if kept_as_text:
        doc.notices.append(f"{kept_as_text} raised number(s) matched no note and were kept as text")
    doc.claims = find_claims(doc)
    return doc


def _restore(draft: LineDraft, used: set[int]) -> int:
    """Put the printed digits of unpaired marks back into the line; keep only the paired marks."""
    shift, kept, restored = 0, [], 0
    for m in draft.markers:
        m.index += shift
        if id(m) in used:
            kept.append(m)
        else:
            draft.text = draft.text[:m.index] + m.text + draft.text[m.index:]
            shift += len(m.text)
            restored += 1
    draft.markers = kept
    return restored


def _strip(draft: LineDraft) -> None:
    """Trim a line and repair its text layer, keeping its markers on the characters they follow."""
    lead = len(draft.text) - len(draft.text.lstrip())
    draft.text = draft.text.strip()
    for m in draft.markers:
        m.index = min(max(m.index - lead, 0), len(draft.text))
    draft.text, at = repair_mapped(draft.text)
    for m in draft.markers:
        m.index = at[m.index]


def _pages(lines: list[LineDraft], notes: list[NoteDraft], printed: dict[int, str], count: int | None) -> list[Page]:
    spans: dict[int, list[int]] = {}
    for page, line in [(d.page, d.line) for d in lines] + [(n.page, n.line) for n in notes]:
        spans.setdefault(page, []).append(line)
    total = max([count or 0, *spans])
    return [Page(number=p, first_line=min(spans.get(p, [0])), last_line=max(spans.get(p, [0])), printed=printed.get(p))
            for p in range(1, total + 1)]
