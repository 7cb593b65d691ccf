"""Hand-made Documents for the annotation tests (built like the pipeline's, without running it)."""
from __future__ import annotations

from citations.model import Citation, Claim, CrossRefTarget, Document, Footnote, Page


def make_document(doc_id: str, paragraphs: list[list[tuple[str, list[int]]]], notes: dict[int, str], citations=None) -> Document:
    """paragraphs: lists of (sentence, printed footnote numbers); notes: printed number -> footnote text.

    Footnote seq equals its printed number; each sentence becomes one claim; a paragraph ends in "\\n".
    `citations` optionally maps a printed number to its Citation list (as the citations stage would).
    """
    body, claims, spans = "", [], []
    for paragraph in paragraphs:
        start = len(body)
        for sentence, numbers in paragraph:
            claims.append(Claim(id=f"c{len(claims) + 1}", start=len(body), end=len(body) + len(sentence), text=sentence, footnotes=list(numbers)))
            body += sentence
        spans.append((start, len(body)))
        body += "\n"
    footnotes = [
        Footnote(seq=n, number=n, page=1 + (n > 5), text=text, line=n, citations=(citations or {}).get(n, []))
        for n, text in sorted(notes.items())
    ]
    half = len(body) // 2
    return Document(
        id=doc_id, source=f"{doc_id}.txt", encoding="utf-8", pages=[Page(1, 1, 10), Page(2, 11, 20)], body=body,
        footnotes=footnotes, claims=claims, body_lines=[(0, 1, 1), (half, 11, 2)], paragraphs=spans,
    )  # fmt: skip


SCO_DOC = make_document(
    "sco",
    [
        [("中國於2001年成立上海合作組織，以加強與中亞諸國的合作關係。", [1]),
         ("此舉有助於促進該地區和平與穩定。", [2])],
        [("911恐怖攻擊事件後，美國藉由全球反恐行動進入中亞，被視為圍堵中國的威脅。", [3])],
        [("🐱 Putin and Xi Jinping signed the Charter of the Shanghai Cooperation Organization.", [4])],
    ],
    {1: "許志嘉，《中國新外交》（台北：秀威，2009年），頁5。", 2: "同前註，頁7。", 3: "趙華勝，〈上海合作組織〉，《國際問題研究》，第1期（2005年），頁3。", 4: "SCO Charter, 2002."},
    citations={1: [Citation(raw="許志嘉，《中國新外交》（台北：秀威，2009年），頁5。", kind="citation",
                            csl={"type": "book", "title": "中國新外交", "author": [{"literal": "許志嘉"}], "issued": {"date-parts": [[2009]]}})],
               2: [Citation(raw="同前註，頁7。", kind="crossref", crossref_of=CrossRefTarget(seq=1, index=0), locator="7")]},
)  # fmt: skip
