"""Repeated citations of one work -> one merged CSL-JSON item with a stable, readable id.

Two citations are the same work when their first names and titles agree after folding (NFKC,
case, spacing, brackets, full/half width), or when one title is a short form of the other by the
same first name ("Sutter, Chinese Foreign Relations" for "Chinese Foreign Relations: Power and
Policy since the Cold War"). Each citation keeps its own CSL variant, so an audit can report
inconsistent repeats; the work holds the fullest variant, completed field by field.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from . import names as N
from .text import fold

MIN_SHORT_TITLE = 6  # folded characters a short title needs before it may stand for a longer one
SHARED_PREFIX = 0.85  # share of a short title that must open the full title when the ending differs
STOP = {"the", "a", "an", "on", "of", "in", "and", "for", "to"}


def first_name(csl: dict[str, Any]) -> str:
    for role in ("author", "editor"):
        if csl.get(role):
            name = csl[role][0]
            return fold(name.get("family") if "family" in name and not N.HAN.search(name["family"]) else N.display(name))
    return ""


def title_key(csl: dict[str, Any]) -> str:
    """What identifies the work: its title, else the periodical or site, else the URL (a bare URL cited twice)."""
    return fold(csl.get("title") or csl.get("container-title") or csl.get("URL") or "")


def same_name(a: str, b: str) -> bool:
    """Equal, or Chinese names one variant or mistyped character apart (德拉干那/德拉幹那, 陳聯璧/陳聯壁)."""
    if a == b:
        return True
    if len(a) == len(b) >= 2 and N.HAN_RUN.fullmatch(a + b):
        return sum(x != y for x, y in zip(a, b)) == 1
    return False


@dataclass
class Work:
    id: str
    item: dict[str, Any]
    name: str
    title: str
    # What `item` is made of, instead of every variant (a library of a thousand theses keeps only this):
    best: dict[str, Any] | None = None  # the fullest variant, the base of `item`
    first: dict[str, Any] = field(default_factory=dict)  # each field's first printed value, in first-seen order


class Library:
    """Works in first-seen order; `add` returns the id of the work a CSL item belongs to.

    Works are indexed by title key and by name (with each character of a Chinese name left open,
    for `same_name`), so finding a citation's work looks only at works that could match it.
    """

    def __init__(self) -> None:
        self.works: list[Work] = []
        self._ids: set[str] = set()
        self._order: dict[int, int] = {}  # id(work) -> position in self.works
        self._by_title: dict[str, list[Work]] = {}  # in first-seen order
        self._by_name: dict[str, list[Work]] = {}  # in first-seen order

    def add(self, csl: dict[str, Any], implicit_names: list[dict[str, str]] | None = None) -> str:
        """`implicit_names`: the authors an earlier citation of the same footnote printed for this one
        (Mackinder, “…”; “…”): they identify the work and complete its record, not this citation's."""
        name = first_name(csl) or (first_name({"author": implicit_names}) if implicit_names else "")
        title = title_key(csl)
        work = self.find(name, title)
        if work is None:
            work = Work(self._new_id(csl), {}, name, title)
            self._order[id(work)] = len(self.works)
            self.works.append(work)
            self._by_title.setdefault(title, []).append(work)
            for key in _name_keys(name):
                self._by_name.setdefault(key, []).append(work)
        self._merge(work, csl)
        if implicit_names and not (csl.get("author") or csl.get("editor")):
            work.first.setdefault("author", _copy(implicit_names))
            work.item.setdefault("author", _copy(implicit_names))
        if len(title) > len(work.title):
            self._retitle(work, title)
        return work.id

    def find(self, name: str, title: str) -> Work | None:
        if not title:
            return None
        for work in self._by_title.get(title, ()):
            if not name or not work.name or same_name(work.name, name):
                return work
        if not name:
            return None
        candidates = {id(w): w for key in _name_keys(name) for w in self._by_name.get(key, ())}
        for work in sorted(candidates.values(), key=lambda w: self._order[id(w)], reverse=True):
            if same_name(work.name, name) and _short_of(title, work.title):  # a short form repeats the latest match
                return work
        return None

    def items(self) -> list[dict[str, Any]]:
        return [w.item for w in self.works]

    @staticmethod
    def _merge(work: Work, csl: dict[str, Any]) -> None:
        """The fullest variant, with fields only other variants printed filled in (each field's first
        printed value), kept up to date one variant at a time."""
        for k, val in csl.items():
            work.first.setdefault(k, val)
        if work.best is None or _rank(csl) > _rank(work.best):  # a fuller variant is the new base
            work.best = csl
            work.item = _copy(csl)
            extra = work.first
        else:
            extra = csl
        for k, val in extra.items():
            work.item.setdefault(k, _copy(val))
        work.item["id"] = work.id

    def _retitle(self, work: Work, title: str) -> None:
        self._by_title[work.title].remove(work)
        work.title = title
        same = self._by_title.setdefault(title, [])
        same.append(work)
        same.sort(key=lambda w: self._order[id(w)])

    def _new_id(self, csl: dict[str, Any]) -> str:
        base = cite_key(csl)
        key, n = base, 0
        while key in self._ids:
            n += 1
            key = base + "abcdefghijklmnopqrstuvwxyz"[n - 1] if n <= 26 else f"{base}{n}"
        self._ids.add(key)
        return key


def _copy(value: Any) -> Any:
    """A deep copy of CSL-JSON (dicts, lists, scalars), a few times faster than copy.deepcopy."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _name_keys(name: str) -> list[str]:
    """Index keys under which `same_name` can find a name: itself, and for a Chinese name each
    form with one character left open (陳聯璧 -> ?聯璧, 陳?璧, 陳聯?)."""
    if not name:
        return []
    keys = [name]
    if len(name) >= 2 and N.HAN_RUN.fullmatch(name):
        keys += [name[:i] + "?" + name[i + 1:] for i in range(len(name))]
    return keys


def _rank(variant: dict[str, Any]) -> tuple[int, int]:
    return len(variant), len(variant.get("title", ""))


def _short_of(a: str, b: str) -> bool:
    """A short title is a prefix of the full one, or shares most of it ('…toward Central Asia' for
    '…toward Central – Reasons for Optimism' when the author abridges and rewords the ending)."""
    short, long = sorted((a, b), key=len)
    if len(short) < MIN_SHORT_TITLE:
        return False
    common = len(os.path.commonprefix([short, long]))
    return common == len(short) or (common >= 12 and common >= SHARED_PREFIX * len(short))


NOT_ASCII_WORD = regex.compile(r"[^a-z0-9]")
URL_HEAD = regex.compile(r"^(?:https?[:：]//)?(?:www\.)?")
NOT_HAN = regex.compile(r"[^\p{Han}]")
WORD = regex.compile(r"[\p{L}\d]+")
ASCII_LETTER = regex.compile(r"[a-z]")


@lru_cache(maxsize=8192)
def ascii_word(text: str) -> str:
    """Pinyin for Han characters, ASCII letters kept, everything else dropped."""
    if N.HAN.search(text):
        from pypinyin import lazy_pinyin  # imported on first use: its phrase dictionary takes ~0.5 s to load

        out = "".join(lazy_pinyin(text))
    else:
        out = text
    out = unicodedata.normalize("NFKD", out).encode("ascii", "ignore").decode()
    return NOT_ASCII_WORD.sub("", out.lower())


def cite_key(csl: dict[str, Any]) -> str:
    """xu2007zhongguo: surname, year and first title word, all ASCII."""
    name = ""
    for role in ("author", "editor", "translator"):
        if csl.get(role):
            n = csl[role][0]
            name = n.get("family") or n.get("literal", "")
            if "literal" in n and N.HAN.search(name):
                name = name[:2]
            elif "literal" in n:
                name = name.split()[0] if name.split() else name
            break
    year = ""
    parts = csl.get("issued", {}).get("date-parts", [[]])
    if parts and parts[0]:
        year = str(parts[0][0])
    host = URL_HEAD.sub("", csl.get("URL", "")).split(".")[0]
    if not name:  # a page of a site, a newspaper article: the site or paper stands in for the author
        name = csl.get("container-title", "")[:2] if N.HAN.search(csl.get("container-title", "")[:1]) else host
    title = csl.get("title") or csl.get("container-title") or host
    if N.HAN.search(title[:4]):
        word = ascii_word(NOT_HAN.sub("", title)[:2])
    else:
        words = [w for w in WORD.findall(title) if w.lower() not in STOP]
        word = ascii_word(words[0]) if words else ""
    name = ascii_word(name)
    key = name + year + (word if word != name else "")
    return key if ASCII_LETTER.match(key) else "anon" + key
