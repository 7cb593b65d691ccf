"""CA7xx: claims made with no citation — hints for the writer, never errors."""
from __future__ import annotations

import bisect

import regex

from ...model import Document
from ..findings import at_offset
from ..registry import check
from .common import fold

_SENTENCE_END = regex.compile(r"[。！？!?]|\.(?=\s|$)")
# What makes a paragraph a claim a reader may want sourced: figures and dates, quotations, reported speech.
_CUES = (
    ("dates or figures", regex.compile(r"\d")),
    ("a quotation", regex.compile(r"「[^」]{8,}」|“[^”]{8,}”")),
    # "應該指出" (it should be pointed out) is the writer speaking, not a report of someone else.
    ("reported statements", regex.compile(r"(?<!應該|必須|需要|值得)指出|表示|宣稱|聲明|報導|according to|reported|"
                                          r"stated|announced", regex.I)),
)
# The writer's own voice (the thesis describing itself) needs no source.
_OWN_VOICE = regex.compile(r"本文|本研究|本論文|本篇論文|筆者|this (?:paper|thesis|study|chapter)", regex.I)
# A table or figure names its source on a line of its own, just after it.
_SOURCE_LINE = regex.compile(r"^\s*(?:資料來源|來源|出處|Source)\s*[：:]", regex.I | regex.M)
# Back matter: after the last note, appendices and the bibliography reproduce or list sources.
_BACK_MATTER = regex.compile(r"^\s*(?:附\s*錄|附\s*件|參考文獻|參考書目|引用文獻|Appendix|Appendices|Bibliography|"
                             r"References|Works Cited)\b", regex.I | regex.M)
MIN_SENTENCES = 3
MIN_CHARS = 40  # headings, captions and table cells are shorter
SOURCE_LOOKAHEAD = 3  # paragraphs after a table row that may still hold the table's source line


@check("CA701", "info", "Paragraph of several sentences making claims with no citation")
def uncited_paragraph(doc: Document):
    markers = sorted(fn.marker.offset for fn in doc.footnotes if fn.marker)
    if not markers:
        return  # a text without footnotes is not written to cite in footnotes
    body = fold(doc.body)
    back = _BACK_MATTER.search(body, markers[-1])
    end_of_text = back.start() if back else len(doc.body)
    cited_claims = sorted(((c.start, c.end) for c in doc.claims if c.footnotes), key=lambda c: c[1])
    claim_ends = [e for _, e in cited_claims]
    paragraphs = doc.paragraphs
    for i, (start, end) in enumerate(paragraphs):
        if start < markers[0] or start >= end_of_text:
            continue  # front matter (title page, abstract, contents) and back matter
        text = body[start:end]
        if (len(text.strip()) < MIN_CHARS or bisect.bisect_right(markers, end) > bisect.bisect_left(markers, start)
                or _overlaps(cited_claims, claim_ends, start, end)
                or _OWN_VOICE.search(text)
                or any(_SOURCE_LINE.search(body, s, e) for s, e in paragraphs[i: i + 1 + SOURCE_LOOKAHEAD])):
            continue
        sentences = len(_SENTENCE_END.findall(text))
        cues = [name for name, pattern in _CUES if pattern.search(text)]
        if sentences >= MIN_SENTENCES and cues:
            yield at_offset(doc, start, f"{sentences} sentences with {' and '.join(cues)} but no footnote",
                            doc.body[start:end])


def _overlaps(spans: list[tuple[int, int]], ends: list[int], start: int, end: int) -> bool:
    """Whether any of the sorted, non-overlapping spans overlaps start..end."""
    i = bisect.bisect_right(ends, start)
    return i < len(spans) and spans[i][0] < end
