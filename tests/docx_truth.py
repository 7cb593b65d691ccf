"""The notes of a .docx read straight from its XML with the standard library: an oracle for the
.docx reader (and, through it, for the PDF rendered from the same file) that shares no code with them."""
from __future__ import annotations

import re
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def docx_truth(path: str | Path) -> list[dict]:
    """Footnotes then endnotes, each in the order of its reference in the body:
    {kind, text, left, right} with whitespace removed; left/right: text around the reference
    inside its paragraph (12 and 8 characters)."""
    with zipfile.ZipFile(path) as z:
        body = ET.fromstring(z.read("word/document.xml"))
        parts = {kind: ET.fromstring(z.read(f"word/{kind}s.xml")) for kind in ("footnote", "endnote")
                 if f"word/{kind}s.xml" in z.namelist()}
    texts = {kind: {n.get(W + "id"): squash("".join(t.text or "" for t in n.iter(W + "t")))
                    for n in root.iter(W + kind) if n.get(W + "type") in (None, "normal")}
             for kind, root in parts.items()}
    found: dict[str, list[dict]] = {"footnote": [], "endnote": []}
    for p in body.iter(W + "p"):
        pieces: list[tuple[str, str | None, str | None]] = []  # (text, kind, id)
        raised = False
        for el in p.iter():
            if el.tag == W + "r":
                align = el.find(f"{W}rPr/{W}vertAlign")
                raised = align is not None and align.get(W + "val") == "superscript"
            if el.tag == W + "t" and not raised:  # raised text between marks ("¹,²") belongs to the marks
                pieces.append((el.text or "", None, None))
            for kind in found:
                if el.tag == W + kind + "Reference":
                    pieces.append(("", kind, el.get(W + "id")))
        for i, (_, kind, nid) in enumerate(pieces):
            if kind:
                left = squash("".join(t for t, _, _ in pieces[:i]))[-12:]
                right = squash("".join(t for t, _, _ in pieces[i + 1:]))[:8]
                found[kind].append({"kind": kind, "text": texts[kind][nid], "left": left, "right": right})
    return found["footnote"] + found["endnote"]


def reader_view(doc) -> list[dict]:
    """The same view of a parsed Document, for comparison with docx_truth."""
    out = []
    for f in doc.footnotes:
        left = right = None
        if f.marker:
            start, end = next(((s, e) for s, e in doc.paragraphs if s <= f.marker.offset <= e), (0, len(doc.body)))
            left = squash(doc.body[start:f.marker.offset])[-12:]
            right = squash(doc.body[f.marker.offset:end])[:8]
        out.append({"kind": f.kind, "text": squash(f.text), "left": left, "right": right})
    return out
