"""The whole pipeline in order: document → citations/works → (claims were found with the document).

Later stages are plain functions Document → Document, listed in STAGES in the order they run.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .document import parse_document
from .errors import CiteauditError
from .model import Document
from .references import resolve

Stage = Callable[[Document], Document]
STAGES: list[Stage] = [resolve]  # citations -> cross-references -> works
SUFFIXES = {".txt", ".text"}


def analyse(path: str | Path, encoding: str | None = None) -> Document:
    doc = parse_document(path, encoding)
    for stage in STAGES:
        doc = stage(doc)
    return doc


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders become the documents inside them (sorted, so runs are repeatable)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                raise CiteauditError(f"{p}: no documents in this folder")
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise CiteauditError(f"{p}: no such file or folder")
    return out
