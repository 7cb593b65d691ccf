"""Stage 1: bytes on disk → text, with the encoding detected and the original characters kept."""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from .errors import CiteauditError

MAX_BYTES = 64 * 1024 * 1024  # a thesis is a few MB of text; beyond this is not a document
# Detected encodings we trust for this field's texts; anything else is more likely a wrong guess.
CANDIDATES = ["utf_8", "big5hkscs", "cp950", "big5", "gb18030", "utf_16", "utf_16_le", "utf_16_be"]


@dataclass
class SourceText:
    text: str
    encoding: str


def read_source(path: str | Path, encoding: str | None = None) -> SourceText:
    path = Path(path)
    if not path.exists():
        raise CiteauditError(f"{path}: no such file")
    if path.is_dir():
        raise CiteauditError(f"{path}: is a folder, not a document")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise CiteauditError(f"{path}: {size / 2**20:.0f} MiB is larger than the {MAX_BYTES // 2**20} MiB limit")
    return decode(path.read_bytes(), name=str(path), encoding=encoding)


def decode(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> SourceText:
    if not data.strip():
        raise CiteauditError(f"{name}: file is empty")
    if encoding:
        try:
            return _finish(data.decode(encoding), codecs.lookup(encoding).name, name)
        except (LookupError, UnicodeDecodeError) as exc:
            raise CiteauditError(f"{name}: cannot decode as {encoding}: {exc.__class__.__name__}") from None
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _finish(data.decode(enc), enc, name)
    if b"\x00" not in data:
        try:
            return _finish(data.decode("utf-8"), "utf-8", name)
        except UnicodeDecodeError:
            pass
    return _detect(data, name)


def _detect(data: bytes, name: str) -> SourceText:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000], cp_isolation=CANDIDATES).best()
    if best is None or _looks_binary(str(best)):
        raise CiteauditError(f"{name}: not a text document (binary data or unknown encoding; try --encoding)")
    enc = codecs.lookup(best.encoding).name
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        raise CiteauditError(f"{name}: looks like {enc} but does not decode cleanly; try --encoding") from None
    return _finish(text, enc, name)


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:100_000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(8, len(text[:100_000]) // 200)


def _finish(text: str, encoding: str, name: str) -> SourceText:
    if _looks_binary(text):
        raise CiteauditError(f"{name}: not a text document (binary data)")
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceText(text.replace("\r\n", "\n").replace("\r", "\n"), encoding)
