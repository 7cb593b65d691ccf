"""`citeaudit bib`: one bibliography (BibTeX, CSL-JSON or RIS) for one or more documents.

Each document is parsed on its own (in parallel, or on a Dask cluster) and comes back as its works
and citation counts only; the works are merged across documents here, in the files' order, so the
library is the same whatever the number of processes. What stays in memory is the library itself.
"""
from __future__ import annotations

import json
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any, Optional

import typer

from .. import batch
from ..errors import CiteauditError

FORMATS = ("bibtex", "csl-json", "ris")


def works_of(item: batch.Input, use_cache: bool = True) -> tuple[list[dict[str, Any]], Counter]:
    """One document's works and what its footnotes held (in a worker process or on a Dask worker)."""
    from ..cache import load_document

    doc = load_document(item.path, use_cache=use_cache)
    counts: Counter = Counter()
    for fn in doc.footnotes:
        for cit in fn.citations:
            counts[cit.kind] += 1
            counts["unresolved"] += "unresolved" in cit.flags
    return doc.works, counts


def collect_works(paths: list[Path], *, jobs: Optional[int] = None, scheduler: Optional[str] = None,
                  use_cache: bool = True) -> tuple[list[dict[str, Any]], Counter]:
    """Run the pipeline on every document and merge their works into one library (and count what was read)."""
    from ..pipeline import expand_inputs
    from ..references.works import Library

    files = expand_inputs(paths)
    merged = Library()
    counts: Counter = Counter(documents=len(files))
    work = partial(works_of, use_cache=use_cache)
    for works, seen in batch.run(work, files, jobs=jobs, scheduler=scheduler, label="reading documents"):
        for item in works:
            merged.add({k: v for k, v in item.items() if k != "id"})
        counts.update(seen)
    return merged.items(), counts


def render(items: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "csl-json":
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    from .. import bibtex, ris

    return {"bibtex": bibtex.dumps, "ris": ris.dumps}[fmt](items)


def bib(
    paths: list[Path] = typer.Argument(..., help="Documents, or folders of documents (their *.txt)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the bibliography here (default: stdout)."),
    fmt: str = typer.Option("bibtex", "--format", help="bibtex (Zotero, JabRef, biber), csl-json (pandoc, Zotero) or ris (EndNote, Zotero, Mendeley)."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output file."),
    jobs: Optional[int] = batch.JOBS,
    scheduler: Optional[str] = batch.SCHEDULER,
    no_cache: bool = batch.NO_CACHE,
) -> None:
    """A bibliography of every work cited in the footnotes, each work once."""
    from ..outputs import check_output, write_atomic

    if fmt not in FORMATS:
        raise CiteauditError(f"unknown --format {fmt!r} (bibtex, csl-json or ris)")
    if output:
        check_output(output, force=force)  # fail before the slow part
    items, counts = collect_works(paths, jobs=jobs, scheduler=scheduler, use_cache=not no_cache)
    text = render(items, fmt)
    if output:
        write_atomic(output, text, force=force)
    else:
        typer.echo(text, nl=False)
    summary = (f"{len(items)} works from {counts['documents']} document(s): {counts['citation']} citations, "
               f"{counts['crossref']} cross-references ({counts['unresolved']} unresolved), {counts['note']} notes")
    typer.echo(summary + (f"; wrote {output}" if output else ""), err=True)
