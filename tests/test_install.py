"""A normal (non-editable) install works for a new user: `citeaudit audit` with no path audits the
sample corpus shipped inside the package, from any folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SOURCES = ["pyproject.toml", "README.md", "citations", "annotate", "schemas", "corpus"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv (seeing this Python's packages, for the dependencies) with citeaudit pip-installed from a
    copy of the sources, as `pip install .` does on a user's machine."""
    base = tmp_path_factory.mktemp("install")
    source = base / "src"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(source)],
                         capture_output=True, text=True, env=clean_env())
    assert pip.returncode == 0, pip.stderr[-2000:]
    return venv


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def test_audit_without_a_path_reads_the_shipped_corpus_from_any_folder(installed, tmp_path):
    where = subprocess.run([str(installed / "bin" / "python"), "-c", "import citations, corpus; print(citations.__file__, corpus.sample())"],
                           capture_output=True, text=True, cwd=tmp_path, env=clean_env())
    assert str(installed) in where.stdout  # the installed copy, not the source tree
    r = subprocess.run([str(installed / "bin" / "citeaudit"), "audit"], capture_output=True, text=True, cwd=tmp_path, env=clean_env())
    assert "no such file" not in r.stderr
    assert r.returncode == 1  # the sample corpus has real errors in its footnotes
    assert "in 3 documents" in r.stdout and "000_88da3538dd038a9b.txt" in r.stdout


def test_help_says_the_sample_corpus_is_the_default(installed, tmp_path):
    r = subprocess.run([str(installed / "bin" / "citeaudit"), "audit", "--help"], capture_output=True, text=True,
                       cwd=tmp_path, env={**clean_env(), "COLUMNS": "200"})
    assert "default: the sample corpus shipped with citeaudit" in r.stdout
