"""Reading the shared hand-checked gold (../shared/gold) and normalising both sides the same way."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the project (or beside the folder of worktrees the project is checked out in)
GOLD = next((p / "shared" / "gold" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
            ROOT.parent / "shared" / "gold")
CORPUS = ROOT / "corpus"


def norm(text: str) -> str:
    """NFKC, whitespace removed: the gold README's comparison rule."""
    return regex.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def read_jsonl(name: str) -> list[dict]:
    path = GOLD / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus_file(doc: str) -> Path:
    return next(CORPUS.glob(f"{doc}_*.txt"))


def gold_docs(prefix: str) -> list[str]:
    """Documents that have a gold file of this kind (e.g. 'footnotes')."""
    return sorted(p.stem.split("_")[1] for p in GOLD.glob(f"{prefix}_*.jsonl"))
