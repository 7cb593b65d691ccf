"""Choose a reader by what a file is (its first bytes), not by what its name says."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

from ..errors import CiteauditError

Kind = Literal["pdf", "docx", "text"]


def sniff(path: str | Path) -> Kind:
    """`pdf` for `%PDF-` (allowed a little junk before it, as readers do), `docx` for a ZIP package
    holding `word/document.xml`, else `text`. Other ZIPs (.odt, .xlsx) are left to the text reader,
    which rejects binary input with a clear error."""
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
                if "word/document.xml" in package.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
    return "text"
