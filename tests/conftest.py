"""Shared fixtures. The `labelstudio` fixture installs (once, cached) and runs a real Label Studio."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `bench` helpers import in tests

from tests import labelstudio_server  # noqa: E402

CORPUS = ROOT / "corpus"
SHARED_GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def labelstudio(tmp_path_factory):
    """(url, token) of a Label Studio server that lives for the whole test session."""
    server = labelstudio_server.start(tmp_path_factory.mktemp("labelstudio"))
    yield server.url, server.token
    server.stop()


@pytest.fixture(scope="session")
def labelstudio_pat(labelstudio) -> str:
    """A Personal Access Token of the test user on the session's Label Studio."""
    url, token = labelstudio
    return labelstudio_server.personal_access_token(url, token)
