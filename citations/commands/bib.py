"""`citeaudit bib`: one bibliography (BibTeX or CSL-JSON) for one or more documents."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import Progress

from ..errors import CiteauditError

FORMATS = ("bibtex", "csl-json")


def collect_works(paths: list[Path]) -> tuple[list[dict[str, Any]], Counter]:
    """Run the pipeline on every document and merge their works into one library (and count what was read)."""
    from ..pipeline import analyse, expand_inputs
    from ..references.works import Library

    files = expand_inputs(paths)
    merged = Library()
    counts: Counter = Counter(documents=len(files))
    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("reading documents", total=len(files))
        for path in files:
            doc = analyse(path)
            for item in doc.works:
                merged.add({k: v for k, v in item.items() if k != "id"})
            for fn in doc.footnotes:
                for cit in fn.citations:
                    counts[cit.kind] += 1
                    counts["unresolved"] += "unresolved" in cit.flags
            progress.advance(task)
    return merged.items(), counts


def render(items: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "bibtex":
        from ..bibtex import dumps

        return dumps(items)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def bib(
    paths: list[Path] = typer.Argument(..., help="Documents, or folders of documents (their *.txt)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the bibliography here (default: stdout)."),
    fmt: str = typer.Option("bibtex", "--format", help="bibtex or csl-json."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output file."),
) -> None:
    """A bibliography of every work cited in the footnotes, each work once."""
    from ..outputs import check_output, write_atomic

    if fmt not in FORMATS:
        raise CiteauditError(f"unknown --format {fmt!r} (bibtex or csl-json)")
    if output:
        check_output(output, force=force)  # fail before the slow part
    items, counts = collect_works(paths)
    text = render(items, fmt)
    if output:
        write_atomic(output, text, force=force)
    else:
        typer.echo(text, nl=False)
    summary = (f"{len(items)} works from {counts['documents']} document(s): {counts['citation']} citations, "
               f"{counts['crossref']} cross-references ({counts['unresolved']} unresolved), {counts['note']} notes")
    typer.echo(summary + (f"; wrote {output}" if output else ""), err=True)
