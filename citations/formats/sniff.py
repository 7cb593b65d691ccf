"""Choose a reader by what a file is (its first bytes), not by what its name says."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

from ..errors import CiteauditError

Kind = Literal["pdf", "docx", "text"]


def sniff(path: str | Path) -> Kind:
    """`pdf` for `%PDF-` (allowed a little junk before it, as readers do), `docx` for a ZIP package
    holding `word/document.xml`, else `text`. Any other ZIP (a damaged .docx, an .odt) is refused
    here: the text reader would take its bytes for text."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise CiteauditError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as package:
                names = set(package.namelist())
        except zipfile.BadZipFile:
            raise CiteauditError(f"{path}: damaged ZIP package (a broken .docx?)") from None
        if "word/document.xml" not in names:
            raise CiteauditError(f"{path}: a ZIP package but not a Word .docx; save it as .docx or PDF")
        return "docx"
    return "text"
