"""Hand-made Documents for the audit's unit tests: a body with {n} marker slots and a list of notes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from citations.model import Citation, Claim, CrossRefTarget, Document, Footnote, Marker, Page


@dataclass
class Note:
    number: int
    citations: list[Citation] = field(default_factory=list)
    chapter: int = 1
    marker: bool = True  # whether the body has its {n} slot
    text: str | None = None


def make_doc(body: str, notes: list[Note], claims: bool = False, doc_id: str = "t") -> Document:
    """Body text with `{7}` where footnote 7's marker stands (the n-th `{7}` goes to the n-th note 7).

    Lines of the body are source lines 1..; footnotes are placed after the body, one a line.
    With `claims`, each sentence ending in a marker becomes a claim citing it."""
    slots: list[tuple[int, int]] = []  # (number, offset)
    clean, pos = [], 0
    for m in regex.finditer(r"\{(\d+)\}", body):
        clean.append(body[pos:m.start()])
        slots.append((int(m.group(1)), sum(map(len, clean))))
        pos = m.end()
    clean.append(body[pos:])
    text = "".join(clean)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    body_lines = [(s, i + 1, 1) for i, s in enumerate(starts)]
    paragraphs, p = [], 0
    for block in text.split("\n\n"):
        paragraphs.append((p, p + len(block)))
        p += len(block) + 2
    footnotes = []
    for seq, note in enumerate(notes, start=1):
        marker = None
        if note.marker:
            i = next(i for i, (n, _) in enumerate(slots) if n == note.number)
            offset = slots.pop(i)[1]
            marker = Marker(offset=offset, line=next(l for s, l, _ in reversed(body_lines) if s <= offset))
        raw = note.text or "；".join(c.raw for c in note.citations) or f"note {note.number}"
        footnotes.append(Footnote(seq=seq, number=note.number, page=1, text=raw, line=len(starts) + seq,
                                  chapter=note.chapter, marker=marker, citations=note.citations))
    doc = Document(id=doc_id, source=f"{doc_id}.txt", encoding="utf-8",
                   pages=[Page(1, 1, len(starts) + len(notes))], body=text, footnotes=footnotes,
                   body_lines=body_lines, paragraphs=paragraphs)
    if claims:
        doc.claims = _claims(doc)
    return doc


def _claims(doc: Document) -> list[Claim]:
    out, start = [], 0
    for fn in doc.footnotes:
        if fn.marker is None:
            continue
        end = fn.marker.offset  # a claim runs from the previous marker to its own
        out.append(Claim(id=f"c{fn.seq}", start=start, end=end, text=doc.body[start:end], footnotes=[fn.seq]))
        start = end
    return out


def cite(raw: str, type: str = "book", work: str | None = None, locator: str | None = None,
         flags: list[str] | None = None, **csl: Any) -> Citation:
    """A parsed citation; CSL keywords use _ for - (container_title=...), year=2007 becomes issued."""
    item: dict[str, Any] = {"type": type}
    for key, value in csl.items():
        if key == "year":
            item["issued"] = {"date-parts": [[value]]}
        elif key == "authors":
            item["author"] = [{"family": f, "given": g} for f, g in value]
        else:
            item[key.replace("_", "-")] = value
    return Citation(raw=raw, kind="citation", csl=item, locator=locator, work=work, flags=flags or [])


def xref(raw: str, form: str, target: tuple[int, int] | None = None, locator: str | None = None,
         flags: list[str] | None = None) -> Citation:
    return Citation(raw=raw, kind="crossref", form=form, locator=locator,
                    crossref_of=CrossRefTarget(*target) if target else None, flags=flags or [])


def note(raw: str) -> Citation:
    return Citation(raw=raw, kind="note")


def codes(findings) -> list[str]:
    return [f.code for f in findings]
