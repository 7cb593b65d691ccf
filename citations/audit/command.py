"""`citeaudit audit`: run the checks over files or folders and report (text, JSON, HTML)."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from corpus import sample as sample_corpus

from ..errors import CiteauditError
from ..model import Document
from ..outputs import check_output, write_atomic
from ..pipeline import analyse, expand_inputs
from . import audit, fails, report_html, report_json, report_text
from .config import AuditConfig, load_config
from .findings import Finding
from .registry import all_checks

class Format(str, Enum):
    text = "text"
    json = "json"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def load_document(path: Path, encoding: str | None = None) -> Document:
    """The document with every pipeline stage applied (footnotes, citations, works, claims)."""
    return analyse(path, encoding=encoding)


def run_audit(files: list[Path], config: AuditConfig, encoding: str | None = None,
              progress_console: Console | None = None) -> tuple[list[Document], list[Finding]]:
    """Analyse and audit every file, with a progress bar when there are several."""
    docs: list[Document] = []
    findings: list[Finding] = []
    console = progress_console or Console(stderr=True)
    columns = (TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True, disable=len(files) < 2) as progress:
        task = progress.add_task("", total=len(files))
        for path in files:
            progress.update(task, description=path.name)
            doc = load_document(path, encoding)
            docs.append(doc)
            findings.extend(audit(doc, config))
            progress.advance(task)
    return docs, findings


def list_checks(console: Console) -> None:
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
) -> None:
    """Check footnotes, citations and claims; exit 0 if clean, 1 on findings at --fail-on or worse, 2 on bad input."""
    out = Console(soft_wrap=True)
    if show_checks:
        list_checks(out)
        return
    config = load_config().with_options(ignore=ignore, fail_on=fail_on.value if fail_on else None)
    files = expand_inputs(paths or [sample_corpus()])
    if html is not None:
        check_output(html, force=force)  # refuse before the work, not after
    docs, findings = run_audit(files, config, encoding)
    if format is Format.json:
        sys.stdout.write(report_json.render(docs, findings))
    else:
        report_text.render(docs, findings, out)
    if html is not None:
        write_atomic(html, report_html.render(docs, findings), force=force)
        Console(stderr=True).print(f"HTML report written to {html}")
    if fails(findings, config.fail_on):
        raise typer.Exit(1)
