"""The sample corpus (see README.md here), shipped inside the package as package data, so that
`citeaudit audit` with no path has something to read after any install, editable or not."""
from __future__ import annotations

from pathlib import Path


def sample() -> Path:
    """The folder of the shipped sample documents."""
    return Path(__file__).resolve().parent
