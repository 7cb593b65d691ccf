"""Many documents at once: one task per document, on N local processes or a Dask cluster.

A command hands over a picklable `work(Input) -> R` (a module-level function, or a
functools.partial of one) that returns what the command keeps of a document (its findings, its
works, its tasks), never more, and gets the results back in the order of the files, exactly as
one process would give them. At most WINDOW tasks per worker are in flight, so a thousand theses
stream through: memory holds a few documents and the reduced results, not the folder.

On a Dask cluster the file's bytes travel with the task (the workers need no shared disk); the
worker writes them under the same file name in a temporary folder and parses that.
"""
from __future__ import annotations

import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Optional, TypeVar

import typer

from .errors import CiteauditError

R = TypeVar("R")
WINDOW = 4  # tasks in flight per worker: enough to keep each one busy, few enough to bound memory

JOBS = typer.Option(None, "--jobs", "-j", min=1, help="Processes to use [default: the number of cores].")
SCHEDULER = typer.Option(None, "--scheduler", metavar="tcp://HOST:PORT",
                         help="Run one task per document on this Dask cluster (pip install 'citeaudit[dask]').")
NO_CACHE = typer.Option(False, "--no-cache", help="Parse every document again instead of using the cache.")


@dataclass(frozen=True)
class Input:
    """A document to process: where to read it, and the path the user gave (what reports show)."""
    path: Path
    shown: Path

    def source(self) -> str:
        return str(self.shown)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # the cores this process may use, not the machine's
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def run(work: Callable[[Input], R], files: Sequence[Path], *, jobs: Optional[int] = None,
        scheduler: Optional[str] = None, label: str = "documents") -> Iterator[R]:
    """work(file) for every file, yielded in the files' order, with a progress bar on stderr."""
    inputs = [Input(f, f) for f in files]
    jobs = jobs or default_jobs()
    if scheduler:
        results = _on_dask(work, inputs, scheduler)
    elif jobs == 1 or len(inputs) < 2:
        results = (work(i) for i in inputs)
    else:
        results = _on_processes(work, inputs, min(jobs, len(inputs)))
    if len(inputs) < 2:
        yield from results
        return
    first = next(results)  # local workers fork while computing it: before the progress bar's thread
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(inputs[0].shown.name, total=len(inputs), completed=1)
        yield first
        for item, result in zip(inputs[1:], results):
            bar.update(task, advance=1, description=item.shown.name)
            yield result


def _windowed(submit: Callable[[Input], object], wait: Callable[[object], R], inputs: Sequence[Input],
              window: int, close: Callable[[], None]) -> Iterator[R]:
    """Submit ahead by `window`, wait for the oldest: results in order, a bounded number in flight.
    The first window is submitted now, so local workers start before the progress bar's thread."""
    todo = iter(inputs)
    pending = deque(submit(item) for item in islice(todo, window))

    def results() -> Iterator[R]:
        try:
            while pending:
                result = wait(pending.popleft())
                pending.extend(submit(item) for item in islice(todo, 1))
                yield result
        finally:
            close()

    return results()


def _on_processes(work: Callable[[Input], R], inputs: Sequence[Input], jobs: int) -> Iterator[R]:
    """The first document runs here: its imports and compiled patterns (the pipeline, pypinyin's
    dictionary) are then inherited by forked workers instead of loaded again by each. The workers
    start (the first window is submitted) before the first result is handed back."""
    from concurrent.futures import ProcessPoolExecutor

    first = work(inputs[0])
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_leave_interrupts_to_the_main_process)
    rest = _windowed(lambda i: pool.submit(work, i), lambda f: f.result(), inputs[1:], jobs * WINDOW,
                     lambda: pool.shutdown(wait=True, cancel_futures=True))
    yield first
    yield from rest


def _leave_interrupts_to_the_main_process() -> None:
    """Ctrl-C reaches every process of the terminal's group: the workers ignore it and the main
    process stops the run (pending documents cancelled, exit 130), so no worker prints a traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _on_dask(work: Callable[[Input], R], inputs: Sequence[Input], scheduler: str) -> Iterator[R]:
    try:
        from distributed import Client
    except ImportError:
        raise CiteauditError("--scheduler needs Dask: pip install 'citeaudit[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise CiteauditError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    workers = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
    return _windowed(lambda i: client.submit(_remote, work, i.shown, i.shown.read_bytes(), pure=False),
                     lambda f: f.result(), inputs, workers * WINDOW, client.close)


def _remote(work: Callable[[Input], R], shown: Path, data: bytes) -> R:
    """On a Dask worker: the document's bytes under its own file name (its id), then the work."""
    with tempfile.TemporaryDirectory(prefix="citeaudit-") as tmp:
        local = Path(tmp) / shown.name
        local.write_bytes(data)
        return work(Input(local, shown))
