"""Cross-references -> the earlier citation they mean.

同前註 / 同上 / Ibid. point at the previous footnote (its last citation; several -> "ambiguous");
同註 N at footnote N of the same numbering run; 前揭書 / 前引文 / op. cit. with an author at the
latest earlier work by that author, and without one at the nearest earlier work. Chains
(Ibid. -> op. cit. -> full citation) are followed to the full citation. Unresolvable ones stay,
flagged "unresolved".
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..model import Citation, CrossRefTarget, Footnote
from . import names as N
from .split import OPCIT, SAME_NOTE, crossref_form
from .text import fold

BOOK_TYPES = {"book", "report", "thesis"}
ROLE_TAIL = regex.compile(r"\s*(?:主編|編著|合編|編|著|等)$")
SAME_HEAD = regex.compile(r"^(?:同|見|见|參見|参见)\s*")


Ref = tuple[int, int, int, dict]  # (reading order, footnote seq, citation index, csl) of a full citation


@dataclass
class _Uses:
    """The citations of one work under one name key, in reading order (all, books, others)."""
    every: list[Ref] = field(default_factory=list)
    book: list[Ref] = field(default_factory=list)
    other: list[Ref] = field(default_factory=list)


class _Earlier:
    """Every earlier full citation, indexed by each name it carries and then by work, so an op. cit.
    looks only at the works of the author it names (linear time in the document, not quadratic)."""

    def __init__(self) -> None:
        self.by_name: dict[str, dict[str, _Uses]] = {}
        self.all = _Uses()  # every full citation: for a bare 前揭書, or a printed author no name is read from
        self.works: set[str] = set()
        self.count = 0
        self._scanned: dict[tuple, tuple[dict[int, int], Ref | None]] = {}  # multi-author queries, see _latest

    def add(self, seq: int, index: int, cit: Citation) -> None:
        ref: Ref = (self.count, seq, index, cit.csl)
        self.count += 1
        work = cit.work or fold(cit.csl.get("title", ""))
        book = cit.csl.get("type") in BOOK_TYPES
        self.works.add(work)
        for uses in [self.all] + [self.by_name.setdefault(k, {}).setdefault(work, _Uses()) for k in _citation_keys(cit.csl)]:
            uses.every.append(ref)
            (uses.book if book else uses.other).append(ref)

    def last(self) -> Ref | None:
        return self.all.every[-1] if self.all.every else None

    def naming(self, keys: list[set[str]], kind: str | None) -> tuple[Ref | None, Ref | None, int]:
        """The latest citation naming every printed author, the latest of those of the wanted kind
        ("every", "book", "other" or None), and how many different works name them all."""
        if not keys:
            return self.last(), (_last(getattr(self.all, kind)) if kind else None), len(self.works)
        first, others = keys[0], keys[1:]
        signature = tuple(frozenset(ks) for ks in keys)
        per_work: dict[str, list[_Uses]] = {}
        for key in first:
            for work, uses in self.by_name.get(key, {}).items():
                per_work.setdefault(work, []).append(uses)
        latest = preferred = None
        works = 0
        for work, uses in per_work.items():
            hit = self._latest([u.every for u in uses], others, (work, "every", signature))
            if hit is None:
                continue
            works += 1
            latest = hit if latest is None or hit[0] > latest[0] else latest
            if kind:
                pick = self._latest([getattr(u, kind) for u in uses], others, (work, kind, signature))
                if pick is not None and (preferred is None or pick[0] > preferred[0]):
                    preferred = pick
        return latest, preferred, works

    def _latest(self, lists: list[list[Ref]], others: list[set[str]], memo: tuple) -> Ref | None:
        """The latest ref in these lists whose citation also names every other printed author. The
        lists only grow, so each ref is checked once per query (what was scanned is remembered)."""
        if not others:
            return max((refs[-1] for refs in lists if refs), key=lambda r: r[0], default=None)
        scanned, hit = self._scanned.get(memo, ({}, None))
        for refs in lists:
            for ref in refs[scanned.get(id(refs), 0):]:
                if (hit is None or ref[0] > hit[0]) and all(_has_name(ref[3], ks) for ks in others):
                    hit = ref
            scanned[id(refs)] = len(refs)
        self._scanned[memo] = (scanned, hit)
        return hit


def _last(refs: list[Ref]) -> Ref | None:
    return refs[-1] if refs else None


def _citation_keys(csl: dict) -> set[str]:
    """Every key `_has_name` would match this citation's names by."""
    keys: set[str] = set()
    for role in ("author", "editor"):
        for name in csl.get(role, []):
            keys |= _keys_of(name)
    return keys


def _keys_of(name: dict) -> set[str]:
    whole = fold(name.get("literal") or name.get("family", "") + name.get("given", ""))
    return {whole, fold(name.get("family", "")), fold(N.display(name))}


def resolve_crossrefs(footnotes: list[Footnote]) -> None:
    """Fill crossref_of (and flags) on every cross-reference, in reading order."""
    by_seq: dict[int, Footnote] = {}
    for fn in footnotes:
        by_seq.setdefault(fn.seq, fn)
    earlier = _Earlier()
    numbered: dict[tuple[int, int], Footnote] = {}  # (chapter, printed number) -> latest earlier footnote
    for k, fn in enumerate(footnotes):
        for i, cit in enumerate(fn.citations):
            if cit.kind == "crossref":
                cit.form = crossref_form(cit.raw) or "opcit"
                target = _target(cit, fn, k, i, footnotes, numbered, earlier)
                if target is None:
                    cit.flags.append("unresolved")
                else:
                    direct = by_seq[target[0]].citations[target[1]]
                    if cit.form == "ibid" and cit.locator is None and direct.locator:
                        # a bare 同上 / Ibid. means the same page as well; flagged, as the page is not printed here
                        cit.locator = direct.locator
                        cit.flags.append("locator-inherited")
                    seq, index = _full(target, by_seq)
                    cit.crossref_of = CrossRefTarget(seq, index)
            elif cit.kind == "citation" and cit.csl:
                earlier.add(fn.seq, i, cit)
        numbered[(fn.chapter, fn.number)] = fn


def _full(target: tuple[int, int], by_seq: dict[int, Footnote]) -> tuple[int, int]:
    """Follow a chain of cross-references to the full citation."""
    seen = set()
    while target not in seen:
        seen.add(target)
        cit = by_seq[target[0]].citations[target[1]]
        if cit.kind != "crossref" or cit.crossref_of is None:
            break
        target = (cit.crossref_of.seq, cit.crossref_of.index)
    return target


def _cited(fn: Footnote) -> list[int]:
    return [i for i, c in enumerate(fn.citations) if c.kind != "note"]


def _target(cit, fn, k, i, footnotes, numbered, earlier) -> tuple[int, int] | None:
    if cit.form == "ibid":
        if i > 0 and _cited_before(fn, i):  # 'X; Ibid.' inside one footnote means the citation before it
            return fn.seq, _cited_before(fn, i)[-1]
        if k == 0:
            return None
        prev = footnotes[k - 1]
        idx = _cited(prev)
        if not idx:
            return None
        if len(idx) > 1:
            cit.flags.append("ambiguous")
        return prev.seq, idx[-1]
    if cit.form == "note":
        m = SAME_NOTE.search(cit.raw)
        number = int(next(g for g in m.groups() if g))
        other = numbered.get((fn.chapter, number))
        if other is None:
            return None
        idx = _cited(other)
        if not idx:
            return None
        if len(idx) > 1:
            cit.flags.append("ambiguous")
        return other.seq, idx[0]
    return _opcit(cit, earlier)


def _cited_before(fn: Footnote, i: int) -> list[int]:
    return [j for j in range(i) if fn.citations[j].kind != "note"]


def _opcit(cit: Citation, earlier: _Earlier) -> tuple[int, int] | None:
    m = OPCIT.search(cit.raw)
    word = m.group()
    wants_book = "書" in word
    wants_article = "文" in word
    printed = ROLE_TAIL.sub("", cit.raw[: m.start()].strip(" ，,、：:"))
    printed = SAME_HEAD.sub("", printed)  # 同前揭書 is a bare 前揭書
    if not printed:  # bare 前揭書: the nearest earlier work
        last = earlier.last()
        if last is None:
            return None
        if wants_book and last[3].get("type") not in BOOK_TYPES:
            cit.flags.append("ambiguous")
        return last[1], last[2]
    keys = [_name_keys(n) for n in N.split_names(printed)[0]]
    kind = ("every" if wants_article else "book") if wants_book else ("other" if wants_article else None)
    latest, preferred, works = earlier.naming(keys, kind)
    if latest is None:
        return None
    if works > 1 and preferred is None:
        cit.flags.append("ambiguous")
    ref = preferred or latest
    return ref[1], ref[2]


def _name_keys(printed: str) -> set[str]:
    """A printed name can match a family name, a whole name or a body's name."""
    keys = {fold(printed)}
    parts = printed.split()
    if len(parts) > 1:
        keys.add(fold(parts[-1]))
    return keys


def _has_name(csl: dict, keys: set[str]) -> bool:
    return any(keys & _keys_of(name) for role in ("author", "editor") for name in csl.get(role, []))
