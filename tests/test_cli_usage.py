"""Usage errors are one line on stderr and exit 2, like bad input (no rich boxes)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "citations", *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.mark.parametrize("args, words", [
    (["audit", "--fail-on", "bogus"], "'bogus' is not one of"),
    (["audit", "--bogus"], "No such option: --bogus"),
    (["parse"], "Missing argument"),
    (["bib", "corpus", "--format"], "requires an argument"),
    (["studio", "push"], "Missing option '--project'"),
])
def test_usage_errors_are_one_line_and_exit_2(args, words):
    r = cli(*args)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("citeaudit: error:") and words in r.stderr
    assert "╭" not in r.stderr and "Traceback" not in r.stderr and "--help" in r.stderr


def test_a_file_name_starting_with_a_dash_gets_a_hint(tmp_path):
    (tmp_path / "-draft.txt").write_text("正文。\n", encoding="utf-8")
    r = cli("parse", "-draft.txt", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "./-draft.txt" in r.stderr
    assert cli("parse", "--", "-draft.txt", cwd=tmp_path).returncode == 0


def test_an_unreadable_input_is_one_line_and_exit_2(tmp_path):
    folder_as_file = tmp_path / "chapter.txt"
    folder_as_file.mkdir()
    r = cli("parse", str(folder_as_file))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "chapter.txt" in r.stderr


def test_bare_command_still_shows_the_help():
    r = cli()
    assert "Usage" in r.stdout and "audit" in r.stdout
