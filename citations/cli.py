"""The `citeaudit` command line. Each command is a thin shell over a pipeline stage."""
from __future__ import annotations

import typer

from .errors import CiteauditError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Footnotes, citations and claims in scholarly texts.")


def fail(message: str) -> None:
    """One line on stderr and exit 2: never a traceback for a user's mistake."""
    typer.echo(f"citeaudit: error: {message}", err=True)
    raise typer.Exit(2)


def main() -> None:
    try:
        app()
    except CiteauditError as exc:
        fail(str(exc))


# --- annotation loop (annotate/): tasks, studio push|pull, train, agreement ---
from annotate.cli import register as _register_annotation_commands  # noqa: E402

_register_annotation_commands(app)
