"""Parsed documents kept between runs, so re-auditing a folder re-parses only the files that changed.

An entry is keyed by everything the parsed Document depends on: the file's bytes, its name (claim
ids carry the document id), the --encoding asked for, and the citeaudit code and data that parsed
it (version plus a digest of the package, so an upgrade, a code change or a new model re-parses).
Entries live in the user's cache folder (platformdirs: $XDG_CACHE_HOME/citeaudit/documents on
Linux), are written atomically, and one that cannot be read (corrupt, truncated, another Python)
is ignored and replaced. The folder is kept under a size limit (1 GiB, or $CITEAUDIT_CACHE_MB):
when a write takes it over, the entries used longest ago are removed (a hit refreshes an entry's
modification time, so that is least recently used).
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
LIMIT_MB = 1024


def limit() -> int:
    """The cache's size limit in bytes: $CITEAUDIT_CACHE_MB, or 1 GiB when unset or unreadable."""
    try:
        return max(0, int(os.environ.get("CITEAUDIT_CACHE_MB", LIMIT_MB))) << 20
    except ValueError:
        return LIMIT_MB << 20


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
    else:
        _touch(entry)
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
        _Usage.added(entry)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if not isinstance(exc, (OSError, pickle.PicklingError)):
            raise


def _touch(entry: Path) -> None:
    try:
        os.utime(entry)
    except OSError:
        pass


class _Usage:
    """The folder's size, read once per process and then kept up to date by this process's writes,
    so a run over a thousand files does not list the folder a thousand times."""

    size: int | None = None

    @classmethod
    def added(cls, entry: Path) -> None:
        if cls.size is None:
            cls.size = sum(size for _, size, _ in _entries())
        else:
            cls.size += entry.stat().st_size
        if cls.size > limit():
            cls.size = prune(limit())


def _entries() -> list[tuple[float, int, Path]]:
    found = []
    for file in folder().glob("*/*.pickle"):
        try:
            stat = file.stat()
        except OSError:
            continue  # removed by another process meanwhile
        found.append((stat.st_mtime, stat.st_size, file))
    return found


def prune(limit_bytes: int) -> int:
    """Remove the least recently used entries until the folder holds at most limit_bytes; returns
    the size left. Safe beside other processes: a missing file is skipped, a removed entry is a miss."""
    entries = sorted(_entries())
    total = sum(size for _, size, _ in entries)
    for _, size, file in entries:
        if total <= limit_bytes:
            break
        try:
            file.unlink()
        except OSError:
            continue
        total -= size
    return total
