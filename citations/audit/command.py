"""`citeaudit audit`: run the checks over files or folders and report (text, JSON, HTML).

Documents go through `citations.batch` (N processes or a Dask cluster); each comes back reduced
to what the reports need, so memory stays bounded however many there are.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Optional

import typer

from .. import batch
from ..model import Document
from .config import AuditConfig
from .findings import Finding


class Format(str, Enum):
    text = "text"
    json = "json"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def load_document(path: Path, encoding: str | None = None, use_cache: bool = True) -> Document:
    """The document with every pipeline stage applied (footnotes, citations, works, claims)."""
    from ..cache import load_document as load

    return load(path, encoding, use_cache=use_cache)


@dataclass
class Audited:
    """What the reports keep of an audited document; the Document itself only for --html."""
    id: str
    source: str
    footnotes: range  # len() is the count, as on a Document, without holding the notes
    findings: list[Finding]
    document: Document | None = field(default=None, repr=False)


def audit_one(item: batch.Input, config: AuditConfig, encoding: str | None, use_cache: bool, keep: bool) -> Audited:
    """One document's audit (runs in a worker process or on a Dask worker)."""
    from . import audit

    doc = load_document(item.path, encoding, use_cache=use_cache)
    if item.path != item.shown:  # a Dask worker's copy of the file
        doc.source = item.source()
    return Audited(doc.id, doc.source, range(len(doc.footnotes)), audit(doc, config), doc if keep else None)


def run_audit(files: list[Path], config: AuditConfig, encoding: str | None = None, *, jobs: int | None = None,
              scheduler: str | None = None, use_cache: bool = True,
              html: bool = False) -> tuple[list[Audited], list[Finding], list[str]]:
    """Audit every file (in parallel), in the files' order; with `html`, each document's section of the
    HTML report is rendered as it arrives and the document let go."""
    from . import report_html
    from .registry import all_checks

    all_checks()  # registered here too: the reports describe findings by their check, and workers ran them
    work = partial(audit_one, config=config, encoding=encoding, use_cache=use_cache, keep=html)
    docs: list[Audited] = []
    findings: list[Finding] = []
    sections: list[str] = []
    for d, done in enumerate(batch.run(work, files, jobs=jobs, scheduler=scheduler, label="auditing")):
        if done.document is not None:
            sections.append(report_html.section(done.document, d, list(enumerate(done.findings, start=len(findings)))))
            done.document = None
        docs.append(done)
        findings.extend(done.findings)
    return docs, findings, sections


def list_checks(console) -> None:
    from rich.table import Table

    from .registry import all_checks

    table = Table("code", "severity", "family", "check", show_edge=False)
    for c in all_checks():
        table.add_row(c.code, c.severity, c.family, c.description)
    console.print(table)


def audit_command(
    paths: Optional[list[Path]] = typer.Argument(
        None, help="Documents (PDF, .docx, text) or folders of them; default: the sample corpus shipped with citeaudit."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Report on stdout as text or JSON."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML report here."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --html file."),
    fail_on: Optional[Level] = typer.Option(None, "--fail-on",
                                            help="Exit 1 when a finding is this severe or worse [default: error]."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Check codes to skip, e.g. CA701,CA6 (a family)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Source encoding (default: detected)."),
    show_checks: bool = typer.Option(False, "--list-checks", help="List the checks and exit."),
    jobs: Optional[int] = batch.JOBS,
    scheduler: Optional[str] = batch.SCHEDULER,
    no_cache: bool = batch.NO_CACHE,
) -> None:
    """Check footnotes, citations and claims; exit 0 if clean, 1 on findings at --fail-on or worse, 2 on bad input."""
    from rich.console import Console

    from corpus import sample as sample_corpus

    from ..outputs import check_output, write_atomic
    from ..pipeline import expand_inputs
    from . import fails, report_html, report_json, report_text
    from .config import load_config

    out = Console(soft_wrap=True)
    if show_checks:
        list_checks(out)
        return
    config = load_config().with_options(ignore=ignore, fail_on=fail_on.value if fail_on else None)
    files = expand_inputs(paths or [sample_corpus()])
    if html is not None:
        check_output(html, force=force)  # refuse before the work, not after
    docs, findings, sections = run_audit(files, config, encoding, jobs=jobs, scheduler=scheduler,
                                         use_cache=not no_cache, html=html is not None)
    if format is Format.json:
        sys.stdout.write(report_json.render(docs, findings))
    else:
        report_text.render(docs, findings, out)
    if html is not None:
        write_atomic(html, report_html.page(len(docs), findings, "".join(sections)), force=force)
        Console(stderr=True).print(f"HTML report written to {html}")
    if fails(findings, config.fail_on):
        raise typer.Exit(1)
