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
def corpus_libraries(tmp_path_factory) -> dict[str, Path]:
    """`citeaudit bib corpus/` written once per format (bibtex, csl-json, ris) for the reader tests."""
    import subprocess

    folder = tmp_path_factory.mktemp("corpus-libraries")
    paths = {}
    for fmt, name in (("bibtex", "refs.bib"), ("csl-json", "refs.json"), ("ris", "refs.ris")):
        done = subprocess.run([sys.executable, "-m", "citations", "bib", "corpus/", "--format", fmt, "-o",
                               str(folder / name)], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        paths[fmt] = folder / name
    return paths


@pytest.fixture(scope="session", autouse=True)
def document_cache(tmp_path_factory):
    """The document cache of every test (and every CLI run a test starts) lives in a temporary
    folder: never in the user's cache, shared within the session so the corpus is parsed once."""
    import os

    folder = tmp_path_factory.mktemp("xdg-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session")
def labelstudio_pat(labelstudio) -> str:
    """A Personal Access Token of the test user on the session's Label Studio."""
    url, token = labelstudio
    return labelstudio_server.personal_access_token(url, token)
