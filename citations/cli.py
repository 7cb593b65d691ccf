"""The `citeaudit` command line. Each command is a thin shell over a pipeline stage."""
from __future__ import annotations

import typer

from .errors import CiteauditError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Footnotes, citations and claims in scholarly texts.")


def fail(message: str) -> None:
    """One line on stderr and exit 2: never a traceback for a user's mistake."""
    typer.echo(f"citeaudit: error: {message}", err=True)
    raise typer.Exit(2)


@app.callback()
def _root() -> None:
    """citeaudit: parse, audit and export the footnotes of scholarly texts."""


def main() -> None:
    try:
        app()
    except CiteauditError as exc:
        # Out here click no longer turns typer.Exit into an exit code: leave directly.
        typer.echo(f"citeaudit: error: {exc}", err=True)
        raise SystemExit(2) from None


# --- audit (issue 4): the command lives in citations/audit/command.py --------------------------
from .audit.command import audit_command  # noqa: E402  (after `app` exists)

app.command("audit")(audit_command)
