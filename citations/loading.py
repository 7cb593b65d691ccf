"""Stage 1: bytes on disk → text, with the encoding detected and the original characters kept.

A few invalid bytes (a stray Latin-1 byte, a character cut by a bad copy) do not make a thesis
unreadable: they are replaced by U+FFFD and reported with their lines, and the rest is read. A
file where they are more than a small share is in another encoding, and detection takes over.
"""
from __future__ import annotations

import codecs
import contextvars
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import CiteauditError, warn

MAX_BYTES = 64 * 1024 * 1024  # a thesis is a few MB of text; beyond this is not a document
# Detected encodings we trust for this field's texts; anything else is more likely a wrong guess.
CANDIDATES = ["utf_8", "big5hkscs", "cp950", "big5", "gb18030", "utf_16", "utf_16_le", "utf_16_be"]
REPLACEABLE = 0.01  # invalid bytes replaced, at most, as a share of the non-ASCII bytes
IMPLAUSIBLE = 0.15  # share of rare characters above which a detected decoding is suspect
SAMPLE = 2_000_000  # bytes given to charset detection
JAPANESE = 0.05  # share of kana among non-ASCII characters that makes a text Japanese

_ASCII = bytes(range(0x80))


class _TooMany(Exception):
    """More invalid bytes than may be replaced: stop decoding at once."""


@dataclass
class _Invalid:
    budget: float  # invalid bytes that may be replaced
    spans: list[tuple[int, int]] = field(default_factory=list)
    bytes: int = 0


_invalid: contextvars.ContextVar[_Invalid] = contextvars.ContextVar("invalid")


def _record(exc: UnicodeDecodeError) -> tuple[str, int]:
    state = _invalid.get()
    state.bytes += exc.end - exc.start
    if state.bytes > state.budget:
        raise _TooMany
    state.spans.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("citeaudit.record", _record)


@dataclass
class SourceText:
    text: str
    encoding: str
    notices: list[str] = field(default_factory=list)  # what the reader had to repair or doubts


def read_source(path: str | Path, encoding: str | None = None) -> SourceText:
    path = Path(path)
    if not path.exists():
        raise CiteauditError(f"{path}: no such file")
    if path.is_dir():
        raise CiteauditError(f"{path}: is a folder, not a document")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise CiteauditError(f"{path}: {size / 2**20:.0f} MiB is larger than the {MAX_BYTES // 2**20} MiB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CiteauditError(f"cannot read {path}: {exc.strerror}") from None
    source = decode(data, name=str(path), encoding=encoding)
    for notice in source.notices:
        warn(f"{path}: {notice}")
    return source


def decode(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> SourceText:
    if not data.strip():
        raise CiteauditError(f"{name}: file is empty")
    if encoding:
        try:
            enc = codecs.lookup(encoding).name
        except LookupError:
            raise CiteauditError(f"{name}: unknown encoding {encoding!r}") from None
        decoded = _lenient(data, enc)
        if decoded is None:
            raise CiteauditError(f"{name}: cannot decode as {encoding}: too many invalid bytes; is it another encoding?")
        return _finish(*decoded, name)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom) and (decoded := _lenient(data, enc)):
            return _finish(*decoded, name)
    if b"\x00" not in data and (decoded := _lenient(data, "utf-8")):
        return _finish(*decoded, name)
    return _detect(data, name)


def _lenient(data: bytes, enc: str) -> tuple[str, str, list[str]] | None:
    """(text, encoding, notices) with a few invalid bytes replaced, or None when there are too many."""
    state = _Invalid(budget=max(1, REPLACEABLE * len(data.translate(None, _ASCII))))
    token = _invalid.set(state)
    try:
        text = data.decode(enc, errors="citeaudit.record")
    except _TooMany:
        return None
    finally:
        _invalid.reset(token)
    spans, bad = state.spans, state.bytes
    if not spans:
        return text, enc, []
    lines = list(dict.fromkeys(_line_of(data, enc, start) for start, _ in spans[:50]))
    where = ", ".join(map(str, lines[:5])) + (" …" if len(lines) > 5 or len(spans) > 50 else "")
    return text, enc, [f"{bad} invalid byte(s) for {enc} replaced by U+FFFD (line{'s' if len(lines) > 1 else ''} {where})"]


def _line_of(data: bytes, enc: str, offset: int) -> int:
    if enc.startswith("utf_16"):  # a newline is two bytes there
        return data[:offset].decode(enc, errors="replace").count("\n") + 1
    return data.count(b"\n", 0, offset) + 1


def _detect(data: bytes, name: str) -> SourceText:
    from charset_normalizer import from_bytes

    if (japanese := _japanese(data)) is not None:
        return _finish(japanese, "cp932", [], name)
    cut = SAMPLE
    if len(data) > SAMPLE and b"\x00" not in data[:SAMPLE]:  # a multibyte character cut in two fails detection
        cut = data.rfind(b"\n", 0, SAMPLE) + 1 or SAMPLE
    best = from_bytes(data[:cut], cp_isolation=CANDIDATES).best()
    if best is None or _looks_binary(str(best)):
        raise CiteauditError(f"{name}: not a text document (binary data or unknown encoding; try --encoding)")
    enc = codecs.lookup(best.encoding).name
    decoded = _lenient(data, enc)
    if decoded is None:
        raise CiteauditError(f"{name}: looks like {enc} but does not decode cleanly; try --encoding")
    text, enc, notices = decoded
    rare = rare_share(text)
    if rare > IMPLAUSIBLE:
        notices.append(f"read as {enc}, but {rare:.0%} of its characters are rare ones: "
                       f"the encoding may be wrong (give --encoding if the text looks garbled)")
    return _finish(text, enc, notices, name)


def _japanese(data: bytes) -> str | None:
    """The text of Shift-JIS (cp932) Japanese, else None. GB18030 decodes those bytes too, as
    nonsense Chinese; the kana that make up much of any Japanese text tell the two apart."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return None
    wide = [ch for ch in text if ord(ch) >= 0x80]
    kana = sum("\u3041" <= ch <= "\u30ff" for ch in wide)
    return text if wide and kana / len(wide) >= JAPANESE else None


def rare_share(text: str, sample: int = 20_000) -> float:
    """Share of non-ASCII letters outside the common Chinese sets (GB2312, Big5) and kana: near 0
    for real Chinese text, high for bytes decoded with the wrong legacy encoding."""
    wide = [ch for ch in text if ord(ch) >= 0x80 and ch.isalpha()][:sample]
    return sum(not _common(ch) for ch in wide) / len(wide) if wide else 0.0


@lru_cache(maxsize=None)
def _common(ch: str) -> bool:
    ch = unicodedata.normalize("NFC", ch)  # compatibility ideographs (from PDFs) are their usual selves
    if ord(ch) < 0x250 or "\u3040" <= ch <= "\u30ff" or "\uff01" <= ch <= "\uff5e":
        return True
    for enc in ("gb2312", "cp950"):
        try:
            ch.encode(enc)
            return True
        except UnicodeEncodeError:
            pass
    return False


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:100_000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(8, len(text[:100_000]) // 200)


def _finish(text: str, encoding: str, notices: list[str], name: str) -> SourceText:
    if _looks_binary(text):
        raise CiteauditError(f"{name}: not a text document (binary data)")
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceText(text.replace("\r\n", "\n").replace("\r", "\n"), encoding, notices)
