"""The curated gazetteer of actors, places, organisations, policies, treaties and events of the field.

The data lives in `gazetteer.tsv` next to this module (one entry a line: label, canonical name,
other surface forms). Editing that file is how a research lead teaches the pre-annotator new names.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from citations.errors import CiteauditError

# The span labels of the Label Studio config (schemas/labelstudio/claims.xml), in display order.
LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "POLICY", "TREATY", "EVENT")


@dataclass(frozen=True)
class Entry:
    label: str
    name: str  # canonical form (kept in the pattern id, so a match says what it stands for)
    forms: tuple[str, ...]  # every surface form, canonical first


def parse_gazetteer(text: str, source: str = "gazetteer") -> list[Entry]:
    """Parse the TSV format; a malformed line is a user-fixable error naming its line."""
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) not in (2, 3) or cols[0] not in LABELS or not cols[1].strip():
            raise CiteauditError(f"{source}:{number}: expected LABEL<TAB>name[<TAB>form|form...] with LABEL in {', '.join(LABELS)}")
        others = [f.strip() for f in cols[2].split("|")] if len(cols) == 3 else []
        forms = tuple(dict.fromkeys([cols[1].strip(), *[f for f in others if f]]))
        entries.append(Entry(cols[0], cols[1].strip(), forms))
    return entries


@lru_cache(maxsize=1)
def load_gazetteer() -> tuple[Entry, ...]:
    """The gazetteer shipped with the package."""
    text = resources.files("annotate").joinpath("gazetteer.tsv").read_text(encoding="utf-8")
    return tuple(parse_gazetteer(text, "annotate/gazetteer.tsv"))
