"""The terminal report: findings grouped by document, one a line, then a summary."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Document
from .findings import SEVERITIES, Finding
from .registry import REGISTRY

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def finding_line(f: Finding) -> Text:
    """`error    CA201 p.3 fn.7 L123  message  │ snippet` — every field a user may search for."""
    where = " ".join(part for part in (f"p.{f.page}" if f.page else "",
                                       f"fn.{f.footnote}" if f.footnote is not None else "",
                                       f"L{f.line}" if f.line else "") if part)
    line = Text.assemble((f"{f.severity:<8}", STYLE[f.severity]), (f"{f.code} ", "bold"),
                         (f"{where:<20} ", "dim"), f.message)
    if f.snippet:
        line.append("  │ ", style="dim").append(f.snippet, style="italic")
    return line


def render(docs: Sequence[Document], findings: Sequence[Finding], console: Console) -> None:
    per_doc: dict[str, list[Finding]] = {d.id: [] for d in docs}
    for f in findings:
        per_doc.setdefault(f.doc, []).append(f)
    for doc in docs:
        mine = per_doc[doc.id]
        console.print(Text.assemble((doc.source, "bold underline"),
                                    f"  {len(doc.footnotes)} footnotes, {len(mine)} findings"), soft_wrap=True)
        for f in mine:
            console.print(finding_line(f), soft_wrap=True, highlight=False)
        console.print()
    _summary(findings, len(docs), console)


def _summary(findings: Sequence[Finding], n_docs: int, console: Console) -> None:
    counts = Counter(f.code for f in findings)
    if counts:
        table = Table(title="Findings by check", title_justify="left", show_edge=False)
        for name in ("code", "severity", "count", "check"):
            table.add_column(name, justify="right" if name == "count" else "left")
        for code, count in sorted(counts.items()):
            severity = next(f.severity for f in findings if f.code == code)
            table.add_row(code, Text(severity, STYLE[severity]), str(count), REGISTRY[code].description)
        console.print(table)
    by_severity = Counter(f.severity for f in findings)
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    parts = [Text(f"{by_severity.get(s, 0)} {s if by_severity.get(s, 0) == 1 else plural[s]}", STYLE[s])
             for s in SEVERITIES]
    console.print(Text.assemble(f"{len(findings)} findings in {n_docs} document{'s' if n_docs != 1 else ''}: ",
                                parts[0], ", ", parts[1], ", ", parts[2]))
