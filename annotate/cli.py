"""CLI commands of the annotation loop: tasks, studio push|pull, train, agreement.

Registered on the main `citeaudit` app by `citations/cli.py`. Heavy libraries (spaCy, the Label Studio
SDK) are imported inside the commands so the rest of the CLI stays quick to start.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import typer

from citations import batch
from citations.errors import CiteauditError
from citations.outputs import check_output, write_atomic

studio_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Push tasks to and pull annotations from Label Studio (LABEL_STUDIO_URL, LABEL_STUDIO_API_KEY).")

OUTPUT = typer.Option(..., "-o", "--output", help="File to write.")
FORCE = typer.Option(False, "--force", help="Overwrite the output if it exists.")
MODEL = typer.Option(None, "--model", help="Folder written by `citeaudit train` (default: gazetteer entities, no stance).")


def _console():
    from rich.console import Console

    return Console(stderr=True)


def progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=_console(), transient=True)


def make_tasks(paths: list[Path], model: Optional[Path], *, jobs: Optional[int] = None,
               scheduler: Optional[str] = None, use_cache: bool = True) -> list[dict[str, Any]]:
    """Run the document pipeline on every file (in parallel), then one validated task per claim."""
    from functools import partial

    from citations.pipeline import expand_inputs

    files = expand_inputs(paths)
    _predictor(str(model) if model else None)  # a bad --model fails here, before any work
    work = partial(tasks_one, model=str(model) if model else None, use_cache=use_cache)
    return [task for made in batch.run(work, files, jobs=jobs, scheduler=scheduler, label="documents") for task in made]


def tasks_one(item: batch.Input, model: Optional[str], use_cache: bool) -> list[dict[str, Any]]:
    """One document's tasks (in a worker process or on a Dask worker)."""
    from citations.cache import load_document

    from .tasks import build_tasks

    doc = load_document(item.path, use_cache=use_cache)
    if item.path != item.shown:  # a Dask worker's copy of the file
        doc.source = item.source()
    return build_tasks([doc], _predictor(model))


@lru_cache(maxsize=4)
def _predictor(model: Optional[str]):
    """One predictor per process: spaCy pipelines load once, not once per document."""
    from .tasks import predictor_for

    return predictor_for(model)


def tasks(
    paths: list[Path] = typer.Argument(..., help="Documents or folders of .txt documents."),
    output: Path = OUTPUT,
    model: Optional[Path] = MODEL,
    force: bool = FORCE,
    jobs: Optional[int] = batch.JOBS,
    scheduler: Optional[str] = batch.SCHEDULER,
    no_cache: bool = batch.NO_CACHE,
) -> None:
    """Write a Label Studio import file: one task per claim, with pre-annotations, validated."""
    check_output(output, force=force)  # before any slow or remote work
    made = make_tasks(paths, model, jobs=jobs, scheduler=scheduler, use_cache=not no_cache)
    write_atomic(output, json.dumps(made, ensure_ascii=False, indent=1) + "\n", force=force)
    _console().print(f"{len(made)} tasks -> {output}")


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
    _console().print(f"project {project!r} (id {report.project_id}) {state}: {report.sent} tasks sent, {report.skipped} already there"
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
    from rich.table import Table

    table = Table("annotator", "annotations", title=f"{project}: {len(records)} claims -> {output}")
    for who, n in annotator_counts(records).most_common():
        table.add_row(who, str(n))
    _console().print(table)


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
    from rich.table import Table

    table = Table("language", "train examples", "held out", "entity F1", "stance accuracy", title=f"models -> {output}")
    for r in report.languages:
        table.add_row(r.language, str(r.train_examples), str(r.heldout_examples), _fmt(r.entity_f1), _fmt(r.stance_accuracy))
    _console().print(table)


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
    from rich.console import Console
    from rich.table import Table

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
