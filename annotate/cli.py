"""CLI commands of the annotation loop: tasks, studio push|pull, train, agreement.

Registered on the main `citeaudit` app by `citations/cli.py`. Heavy libraries (spaCy, the Label Studio
SDK) are imported inside the commands so the rest of the CLI stays quick to start.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from citations.errors import CiteauditError
from citations.outputs import check_output, write_atomic

console = Console(stderr=True)
studio_app = typer.Typer(no_args_is_help=True, help="Push tasks to and pull annotations from Label Studio (LABEL_STUDIO_URL, LABEL_STUDIO_API_KEY).")

OUTPUT = typer.Option(..., "-o", "--output", help="File to write.")
FORCE = typer.Option(False, "--force", help="Overwrite the output if it exists.")
MODEL = typer.Option(None, "--model", help="Folder written by `citeaudit train` (default: gazetteer entities, no stance).")


def progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console, transient=True)


def make_tasks(paths: list[Path], model: Optional[Path]) -> list[dict[str, Any]]:
    """Run the document pipeline on every file, then one validated task per claim."""
    from citations.pipeline import analyse, expand_inputs

    from .tasks import build_tasks, predictor_for

    files = expand_inputs(paths)
    predictor = predictor_for(str(model) if model else None)
    with progress() as bar:
        job = bar.add_task("documents", total=len(files))
        docs = []
        for file in files:
            docs.append(analyse(file))
            bar.advance(job, 0.5)
        return build_tasks(docs, predictor, on_document=lambda _doc: bar.advance(job, 0.5))


def tasks(
    paths: list[Path] = typer.Argument(..., help="Documents or folders of .txt documents."),
    output: Path = OUTPUT,
    model: Optional[Path] = MODEL,
    force: bool = FORCE,
) -> None:
    """Write a Label Studio import file: one task per claim, with pre-annotations, validated."""
    check_output(output, force=force)  # before any slow or remote work
    made = make_tasks(paths, model)
    write_atomic(output, json.dumps(made, ensure_ascii=False, indent=1) + "\n", force=force)
    console.print(f"{len(made)} tasks -> {output}")


@studio_app.command("push")
def push(
    tasks_file: Optional[Path] = typer.Argument(None, help="Tasks from `citeaudit tasks`; made from --corpus when omitted."),
    project: str = typer.Option(..., "--project", help="Project title (created with our label config if absent)."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Documents to make tasks from when no tasks file is given; default: the sample corpus shipped with citeaudit."),
    model: Optional[Path] = MODEL,
    batch_size: int = typer.Option(500, "--batch-size", min=1, help="Tasks per import request."),
) -> None:
    """Create or update a project; tasks already there (same claim id) are not sent again."""
    from .studio import Studio
    from .tasks import load_tasks

    studio = Studio.from_env()
    studio.check()  # a down server or a wrong key fails before the slow task generation
    if tasks_file is not None:
        try:
            made = load_tasks(tasks_file.read_text(encoding="utf-8"), str(tasks_file))
        except (OSError, UnicodeDecodeError) as exc:
            raise CiteauditError(f"cannot read {tasks_file}: {exc.__class__.__name__}") from None
    else:
        from corpus import sample

        made = make_tasks([corpus or sample()], model)
    with progress() as bar:
        job = bar.add_task("pushing", total=len(made))
        report = studio.push(made, project, batch_size=batch_size, on_batch=lambda n: bar.advance(job, n))
    state = "created" if report.project_created else "updated"
    console.print(f"project {project!r} (id {report.project_id}) {state}: {report.sent} tasks sent, {report.skipped} already there"
        f" ({report.predictions_added} new predictions added to them), {report.total} in the project")


@studio_app.command("pull")
def pull(
    project: str = typer.Option(..., "--project", help="Project title."),
    output: Path = OUTPUT,
    force: bool = FORCE,
) -> None:
    """Export annotations and predictions, merged onto the claims (.jsonl for JSON Lines, else JSON)."""
    from .annotations import annotator_counts, dumps, merge
    from .studio import Studio

    check_output(output, force=force)  # before any slow or remote work
    records = merge(Studio.from_env().pull(project))
    write_atomic(output, dumps(records, jsonl=output.suffix == ".jsonl"), force=force)
    table = Table("annotator", "annotations", title=f"{project}: {len(records)} claims -> {output}")
    for who, n in annotator_counts(records).most_common():
        table.add_row(who, str(n))
    console.print(table)


def train(
    annotations: Path = typer.Argument(..., help="File written by `citeaudit studio pull`."),
    output: Path = typer.Option(Path("models"), "-o", "--output", help="Folder for the trained models."),
    epochs: int = typer.Option(20, "--epochs", min=1),
    force: bool = FORCE,
) -> None:
    """Train the NER and stance models from annotations; use them with `citeaudit tasks --model`."""
    from .annotations import read_annotations
    from .entities import language_of
    from .train import check_model_folder, train as run

    check_model_folder(output, force)  # before any slow work
    records = read_annotations(annotations)
    langs = {language_of(r["text"]) for r in records if r["annotations"]}
    with progress() as bar:
        job = bar.add_task("training", total=epochs * max(len(langs), 1))
        report = run(records, output, epochs=epochs, on_epoch=lambda: bar.advance(job))
    table = Table("language", "train examples", "held out", "entity F1", "stance accuracy", title=f"models -> {output}")
    for r in report.languages:
        table.add_row(r.language, str(r.train_examples), str(r.heldout_examples), _fmt(r.entity_f1), _fmt(r.stance_accuracy))
    console.print(table)


def agreement(
    annotations: Path = typer.Argument(..., help="File written by `citeaudit studio pull`."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Also write the figures as JSON."),
    force: bool = FORCE,
) -> None:
    """Inter-annotator agreement: Cohen's and Fleiss' kappa for stance, span F1 for entities, per label."""
    from dataclasses import asdict

    from .agreement import agreement as measure
    from .annotations import read_annotations

    if output:
        check_output(output, force=force)  # before any slow or remote work
    result = measure(read_annotations(annotations))
    out = Console()
    out.print(f"stance: Fleiss' kappa {_fmt(result.fleiss)} over {result.fleiss_items} claims x {result.fleiss_raters} annotators; mean Cohen's kappa {_fmt(result.cohen_mean)}")
    pairs = Table("annotator pair", "Cohen's kappa", title="stance, by pair")
    for pair, kappa in result.cohen.items():
        pairs.add_row(pair, _fmt(kappa))
    out.print(pairs)
    labels = Table("label", "Fleiss' kappa (stance)", title="stance, by label")
    for label, kappa in result.fleiss_per_label.items():
        labels.add_row(label, _fmt(kappa))
    out.print(labels)
    spans = Table("label", "span F1", "spans", title="entities, exact-span F1 between annotators")
    for label, f1 in result.span_f1.items():
        spans.add_row(label, _fmt(f1), str(result.span_support.get(label, sum(result.span_support.values()) if label == "ALL" else 0)))
    out.print(spans)
    if output:
        write_atomic(output, json.dumps(asdict(result), ensure_ascii=False, indent=1) + "\n", force=force)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def register(app: typer.Typer) -> None:
    """Add the annotation commands to the main app."""
    app.command("tasks")(tasks)
    app.add_typer(studio_app, name="studio")
    app.command("train")(train)
    app.command("agreement")(agreement)
