"""Writing results: atomically, and never over a user's file unless asked."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import CiteauditError


def write_atomic(path: str | Path, data: str | bytes, *, force: bool = False) -> Path:
    """Write via a temporary file in the same folder and rename, so a crash never leaves half a file."""
    path = Path(path)
    if path.exists() and not force:
        raise CiteauditError(f"{path} exists; use --force to overwrite it")
    if not path.parent.exists():
        raise CiteauditError(f"folder {path.parent} does not exist")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
