"""Writing results: atomically, never over a user's file unless asked, never replacing anything
that is not a regular file.

`check_output` runs before the slow work so a refusal (an existing file, a missing or read-only
folder) costs nothing; `write_atomic` writes a temporary file beside the target and renames it,
so a crash never leaves half a file. A FIFO or a character device (`-o /dev/stdout`, a named
pipe another program reads) is written into, as any tool would: renaming over it would replace
the node with a regular file. Files are created with the permissions the umask allows, like
`cp` or a shell redirection would (a replaced file keeps its own).
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import CiteauditError


def _writable_into(mode: int) -> bool:
    """Nodes that are written into rather than replaced."""
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def check_output(path: str | Path, *, force: bool = False) -> Path:
    """Refuse, in one line naming the user's path, an output that cannot or must not be written."""
    path = Path(path)
    try:
        mode = path.stat().st_mode  # follows a symlink: its target is what gets written
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise CiteauditError(f"cannot write {path}: {exc.strerror}") from None
    if mode is not None:
        if _writable_into(mode):
            return path
        if stat.S_ISDIR(mode):
            raise CiteauditError(f"cannot write {path}: it is a folder")
        if not stat.S_ISREG(mode):
            raise CiteauditError(f"cannot write {path}: not a regular file (a socket or a block device)")
        if not force:
            raise CiteauditError(f"{path} exists; use --force to overwrite it")
    folder = _target(path).parent
    if not folder.is_dir():
        raise CiteauditError(f"cannot write {path}: folder {folder} does not exist")
    try:  # os.access is not enough: root ignores permission bits but not a read-only mount
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CiteauditError(f"cannot write {path}: folder {folder} is not writable ({exc.strerror})") from None
    os.close(fd)
    os.unlink(probe)
    return path


def write_atomic(path: str | Path, data: str | bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` (see the module docstring); returns the path."""
    path = Path(path)
    check_output(path, force=force)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists() and _writable_into(path.stat().st_mode):
        _write_into(path, raw)
        return path
    target = _target(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise CiteauditError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.chmod(tmp, stat.S_IMODE(target.stat().st_mode) if target.exists() else default_mode())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CiteauditError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _write_into(path: Path, raw: bytes) -> None:
    """Write into a FIFO or device in place. A FIFO nobody reads is refused, not waited on forever."""
    fifo = stat.S_ISFIFO(path.stat().st_mode)
    try:
        fd = os.open(path, os.O_WRONLY | (os.O_NONBLOCK if fifo else 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO and fifo:
            raise CiteauditError(f"cannot write {path}: a FIFO that no program is reading") from None
        raise CiteauditError(f"cannot write {path}: {exc.strerror}") from None
    os.set_blocking(fd, True)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
    except OSError as exc:
        raise CiteauditError(f"cannot write {path}: {exc.strerror}") from None


def _target(path: Path) -> Path:
    """The file a symlink points to (so the link stays a link), else the path itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def default_mode(folder: bool = False) -> int:
    """0666 (0777 for a folder) less the umask: what open(..., 'w') or mkdir would have given."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if folder else 0o666) & ~umask
