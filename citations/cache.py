"""Parsed documents kept between runs, so re-auditing a folder re-parses only the files that changed.

An entry is keyed by everything the parsed Document depends on: the file's bytes, its name (claim
ids carry the document id), the --encoding asked for, and the citeaudit code and data that parsed
it (version plus a digest of the package, so an upgrade, a code change or a new model re-parses).
Entries live in the user's cache folder (platformdirs: $XDG_CACHE_HOME/citeaudit/documents on
Linux), are written atomically, and one that cannot be read (corrupt, truncated, another Python)
is ignored and replaced.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from .loading import MAX_BYTES
from .model import Document

PACKAGE = Path(__file__).resolve().parent


def folder() -> Path:
    """Where entries go: resolved where the work runs (a Dask worker uses its own machine's folder)."""
    from platformdirs import user_cache_path

    return user_cache_path("citeaudit", appauthor=False) / "documents"


BIG = 1 << 20  # bytes


@lru_cache(maxsize=1)
def code_digest() -> str:
    """citeaudit's version and a digest of every file of the package (code, tables, shipped models)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        h = hashlib.sha256(version("citeaudit").encode())
    except PackageNotFoundError:
        h = hashlib.sha256(b"unversioned")
    for file in sorted(PACKAGE.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            h.update(str(file.relative_to(PACKAGE)).encode() + b"\0" + _identity(file))
    return h.hexdigest()


def _identity(file: Path) -> bytes:
    """A file's bytes; for a big one (the tagger model, 12 MB) its size and modification time, since
    hashing it would cost 0.1 s of every run's start-up. A rebuilt or reinstalled model changes both,
    so the worst case is one re-parse, never a stale hit."""
    stat = file.stat()
    if stat.st_size > BIG:
        return f"{stat.st_size}:{stat.st_mtime_ns}".encode()
    return file.read_bytes()


def key(path: Path, data: bytes, encoding: str | None) -> str:
    h = hashlib.sha256(f"{code_digest()}\0{path.name}\0{encoding or ''}\0".encode())
    h.update(data)
    return h.hexdigest()


def load_document(path: str | Path, encoding: str | None = None, use_cache: bool = True) -> Document:
    """The fully analysed document, from the cache when this exact file was parsed before."""
    path = Path(path)
    if not use_cache or not path.is_file() or path.stat().st_size > MAX_BYTES:
        return _analyse(path, encoding)  # errors (missing, too large) come from the pipeline, as ever
    entry = _entry(key(path, path.read_bytes(), encoding))
    doc = _read(entry)
    if doc is None:
        doc = _analyse(path, encoding)
        _write(entry, doc)
    doc.source = str(path)  # the same bytes under the same name may sit in another folder
    return doc


def _analyse(path: Path, encoding: str | None) -> Document:
    from . import pipeline  # imported on a miss only: a hit needs none of the pipeline's modules

    return pipeline.analyse(path, encoding)


def _entry(k: str) -> Path:
    return folder() / k[:2] / f"{k}.pickle"


def _read(entry: Path) -> Document | None:
    try:
        with entry.open("rb") as fh:
            doc = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged entry of any kind is only a miss
        return None
    return doc if isinstance(doc, Document) else None


def _write(entry: Path, doc: Document) -> None:
    """Temporary file + rename: a reader never sees half an entry. A cache that cannot be written
    (read-only home, full disk) costs only the speed-up, so that is not an error."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(doc, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if not isinstance(exc, (OSError, pickle.PicklingError)):
            raise
