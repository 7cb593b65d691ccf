"""CA7xx: claims made with no citation — hints for the writer, never errors."""
from __future__ import annotations

import regex

from ...model import Document
from ..findings import at_offset
from ..registry import check

_SENTENCE_END = regex.compile(r"[。！？!?]|\.(?=\s|$)")
# What makes a paragraph a claim a reader may want sourced: figures, dates, quotations, reported speech.
_CLAIM_CUE = regex.compile(r"\d|「[^」]{4,}」|“[^”]{4,}”|指出|表示|認為|強調|宣稱|聲明|報導|統計|according to|"
                           r"reported|stated|announced|percent", regex.I)
MIN_SENTENCES = 3
MIN_CHARS = 40  # headings, captions and table rows are shorter


@check("CA701", "info", "Paragraph of several sentences making claims with no citation")
def uncited_paragraph(doc: Document):
    markers = sorted(fn.marker.offset for fn in doc.footnotes if fn.marker)
    if not markers:
        return  # a text without footnotes is not written to cite in footnotes
    cited_claims = [(c.start, c.end) for c in doc.claims if c.footnotes]
    for start, end in doc.paragraphs:
        if start < markers[0]:
            continue  # front matter (title page, abstract, contents) comes before the first note
        text = doc.body[start:end]
        if len(text.strip()) < MIN_CHARS or any(start <= m <= end for m in markers):
            continue
        if any(s < end and start < e for s, e in cited_claims):
            continue
        sentences = len(_SENTENCE_END.findall(text))
        cue = _CLAIM_CUE.search(text)
        if sentences >= MIN_SENTENCES and cue:
            yield at_offset(doc, start, f"{sentences} sentences with no footnote, e.g. “{cue.group()}” "
                                        f"may need a source", text)
