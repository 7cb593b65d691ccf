"""Readers for the files scholars actually have: PDF and Word, chosen by content.

Each reader turns a file into the same `Document` the text pipeline makes (pages, body, notes with
markers, paragraphs, claims), so every later stage works unchanged. `read_layout` returns None for
plain text, which stays with `citations.document`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..model import Document
from .sniff import Kind, sniff


def _pdf(path: Path) -> Document:
    from .pdf import read_pdf  # imported on use: only PDF input needs PDFium

    return read_pdf(path)


def _docx(path: Path) -> Document:
    from .docx import read_docx

    return read_docx(path)


READERS: dict[Kind, Callable[[Path], Document]] = {"pdf": _pdf, "docx": _docx}


def read_layout(path: str | Path) -> Document | None:
    """The Document of a PDF or .docx file, or None when the file is plain text."""
    reader = READERS.get(sniff(path))
    return reader(Path(path)) if reader else None
