"""Cross-references -> the earlier citation they mean.

同前註 / 同上 / Ibid. point at the previous footnote (its last citation; several -> "ambiguous");
同註 N at footnote N of the same numbering run; 前揭書 / 前引文 / op. cit. with an author at the
latest earlier work by that author, and without one at the nearest earlier work. Chains
(Ibid. -> op. cit. -> full citation) are followed to the full citation. Unresolvable ones stay,
flagged "unresolved".
"""
from __future__ import annotations

import regex

from ..model import Citation, CrossRefTarget, Footnote
from . import names as N
from .split import OPCIT, SAME_NOTE, crossref_form
from .text import fold

BOOK_TYPES = {"book", "report", "thesis"}
ROLE_TAIL = regex.compile(r"\s*(?:主編|編著|合編|編|著|等)$")


def resolve_crossrefs(footnotes: list[Footnote]) -> None:
    """Fill crossref_of (and flags) on every cross-reference, in reading order."""
    done: list[tuple[Footnote, int, Citation]] = []  # every earlier citation, in order
    for k, fn in enumerate(footnotes):
        for i, cit in enumerate(fn.citations):
            if cit.kind == "crossref":
                cit.form = crossref_form(cit.raw) or "opcit"
                target = _target(cit, fn, k, i, footnotes, done)
                if target is None:
                    cit.flags.append("unresolved")
                else:
                    direct = _by_seq(footnotes, target[0]).citations[target[1]]
                    if cit.form == "ibid" and cit.locator is None and direct.locator:
                        # a bare 同上 / Ibid. means the same page as well; flagged, as the page is not printed here
                        cit.locator = direct.locator
                        cit.flags.append("locator-inherited")
                    seq, index = _full(target, footnotes)
                    cit.crossref_of = CrossRefTarget(seq, index)
            done.append((fn, i, cit))


def _by_seq(footnotes: list[Footnote], seq: int) -> Footnote:
    return footnotes[seq - 1] if 0 < seq <= len(footnotes) and footnotes[seq - 1].seq == seq else next(f for f in footnotes if f.seq == seq)


def _full(target: tuple[int, int], footnotes: list[Footnote]) -> tuple[int, int]:
    """Follow a chain of cross-references to the full citation."""
    seen = set()
    while target not in seen:
        seen.add(target)
        cit = _by_seq(footnotes, target[0]).citations[target[1]]
        if cit.kind != "crossref" or cit.crossref_of is None:
            break
        target = (cit.crossref_of.seq, cit.crossref_of.index)
    return target


def _cited(fn: Footnote) -> list[int]:
    return [i for i, c in enumerate(fn.citations) if c.kind != "note"]


def _target(cit, fn, k, i, footnotes, done) -> tuple[int, int] | None:
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
        for other in reversed(footnotes[:k]):
            if other.number == number and other.chapter == fn.chapter:
                idx = _cited(other)
                if not idx:
                    return None
                if len(idx) > 1:
                    cit.flags.append("ambiguous")
                return other.seq, idx[0]
        return None
    return _opcit(cit, fn, i, done)


def _cited_before(fn: Footnote, i: int) -> list[int]:
    return [j for j in range(i) if fn.citations[j].kind != "note"]


def _opcit(cit, fn, i, done) -> tuple[int, int] | None:
    m = OPCIT.search(cit.raw)
    word = m.group()
    wants_book = "書" in word
    wants_article = "文" in word
    printed = ROLE_TAIL.sub("", cit.raw[: m.start()].strip(" ，,、：:"))
    printed = regex.sub(r"^(?:同|見|见|參見|参见)\s*", "", printed)  # 同前揭書 is a bare 前揭書
    earlier = [(f, j, c) for f, j, c in done if c.kind == "citation" and c.csl]
    if not printed:  # bare 前揭書: the nearest earlier work
        if not earlier:
            return None
        f, j, c = earlier[-1]
        if wants_book and c.csl.get("type") not in BOOK_TYPES:
            cit.flags.append("ambiguous")
        return f.seq, j
    keys = [_name_keys(n) for n in N.split_names(printed)[0]]
    matches = [(f, j, c) for f, j, c in earlier if all(_has_name(c.csl, ks) for ks in keys)]
    if not matches:
        return None
    preferred = [
        (f, j, c) for f, j, c in matches
        if (wants_book and c.csl.get("type") in BOOK_TYPES) or (wants_article and c.csl.get("type") not in BOOK_TYPES)
    ]
    f, j, c = (preferred or matches)[-1]
    works = {x[2].work or fold(x[2].csl.get("title", "")) for x in matches}
    if len(works) > 1 and not preferred:
        cit.flags.append("ambiguous")
    return f.seq, j


def _name_keys(printed: str) -> set[str]:
    """A printed name can match a family name, a whole name or a body's name."""
    keys = {fold(printed)}
    parts = printed.split()
    if len(parts) > 1:
        keys.add(fold(parts[-1]))
    return keys


def _has_name(csl: dict, keys: set[str]) -> bool:
    for role in ("author", "editor"):
        for name in csl.get(role, []):
            whole = fold(name.get("literal") or name.get("family", "") + name.get("given", ""))
            if keys & {whole, fold(name.get("family", "")), fold(N.display(name))}:
                return True
    return False
