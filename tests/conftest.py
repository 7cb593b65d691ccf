from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `bench` helpers import in tests

CORPUS = ROOT / "corpus"
SHARED_GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))
