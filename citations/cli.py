"""The `citeaudit` command line. Each command is a thin shell over a pipeline stage."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer

from .errors import CiteauditError

# Only typer is imported up front; every command imports what it needs when it runs (`--help`
# and a plain-text parse stay fast: no rich tables, spaCy, Label Studio SDK, PDF library, pypinyin).
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,  # plain help: rich costs 0.15 s
                  help="Footnotes, citations and claims in scholarly texts.")
# Click's base exception, found through a public class: typer >= 0.2x vendors its own click.
CLICK_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def fail(message: str) -> NoReturn:
    """One line on stderr and exit 2: never a traceback for a user's mistake."""
    typer.echo(f"citeaudit: error: {message}", err=True)
    sys.exit(2)


@app.callback()
def _root() -> None:
    """citeaudit: parse, audit and export the footnotes of scholarly texts."""


def main() -> None:
    try:
        code = app(standalone_mode=False)  # usage errors come back to us, not as rich boxes
    except CLICK_ERROR as exc:  # a bad option or argument: one line, exit 2, as for bad input
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `citeaudit`: the help, as before
            typer.echo(exc.ctx.get_help())
            sys.exit(exc.exit_code)
        fail(usage_message(exc))
    except typer.Abort:
        sys.exit(130)
    except CiteauditError as exc:
        fail(str(exc))
    except OSError as exc:  # permissions, a full disk: the user can act on these
        fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


def usage_message(exc: Exception) -> str:
    """Click's message on one line, where to read more, and the usual trap of a file named "-x"."""
    ctx = getattr(exc, "ctx", None)
    where = f" (see {ctx.command_path if ctx else 'citeaudit'} --help)"
    dashed = [a for a in sys.argv[1:] if a.startswith("-") and a != "-" and Path(a).exists()]
    hint = f"; for a file named {dashed[0]}, write ./{dashed[0]} or put -- before it" if dashed else ""
    message = " ".join(exc.format_message().split()).replace("Value error, ", "")  # pydantic's prefix
    return message + hint + where


@app.command()
def parse(
    path: Path = typer.Argument(..., help="Document to parse: PDF, Word (.docx) or plain text."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the JSON here."),
    fmt: str = typer.Option("text", "--format", help="text (a summary) or json (the whole result on stdout)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Source encoding, if detection gets it wrong."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output file."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Parse again instead of using the cache."),
) -> None:
    """Pages, footnotes, markers and claims of one document."""
    from .cache import load_document
    from .outputs import check_output, write_atomic
    from .serialize import to_json

    if fmt not in ("text", "json"):
        raise CiteauditError(f"unknown --format {fmt!r} (text or json)")
    if output:
        check_output(output, force=force)  # refuse before the work, not after it
    doc = load_document(path, encoding, use_cache=not no_cache)
    if output:
        write_atomic(output, to_json(doc) + "\n", force=force)
    if fmt == "json" and not output:
        typer.echo(to_json(doc))
        return
    found = sum(1 for f in doc.footnotes if f.marker)
    typer.echo(
        f"{doc.source}: {len(doc.pages)} pages, {len(doc.footnotes)} footnotes, "
        f"{found} markers found, {len(doc.claims)} claims (encoding {doc.encoding})"
    )
    missing = [str(f.number) for f in doc.footnotes if not f.marker]
    if missing:
        typer.echo(f"  no marker found for footnote(s) {', '.join(missing[:20])}")
    for notice in doc.notices:
        typer.echo(f"  note: {notice}")
    if output:
        typer.echo(f"  wrote {output}")


# ---- bibliography (issue 3): `citeaudit bib` lives in its own module --------------------------
from .commands.bib import bib  # noqa: E402

app.command()(bib)


# --- annotation loop (annotate/): tasks, studio push|pull, train, agreement ---
from annotate.cli import register as _register_annotation_commands  # noqa: E402

_register_annotation_commands(app)


# --- audit (issue 4): the command lives in citations/audit/command.py --------------------------
from .audit.command import audit_command  # noqa: E402  (after `app` exists)

app.command("audit")(audit_command)
