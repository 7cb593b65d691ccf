import json
import subprocess
import sys

import pytest

CORPUS_FILE = "corpus/000_88da3538dd038a9b.txt"


def run(*args, cwd=None):
    from tests.conftest import ROOT

    return subprocess.run([sys.executable, "-m", "citations", *args], capture_output=True, text=True, cwd=cwd or ROOT)


def test_parse_prints_a_human_summary():
    r = run("parse", CORPUS_FILE)
    assert r.returncode == 0
    assert "101 footnotes, 101 markers found" in r.stdout


def test_parse_json_to_stdout_follows_the_contract():
    r = run("parse", CORPUS_FILE, "--format", "json")
    data = json.loads(r.stdout)
    assert set(data) >= {"document", "body", "footnotes", "claims"}
    assert data["footnotes"][0]["seq"] == 1 and data["footnotes"][0]["marker"]["line"] == 65


def test_parse_writes_output_atomically_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "out.json"
    assert run("parse", CORPUS_FILE, "-o", str(out)).returncode == 0
    first = out.read_text()
    r = run("parse", CORPUS_FILE, "-o", str(out))
    assert r.returncode == 2 and "--force" in r.stderr
    assert out.read_text() == first
    assert run("parse", CORPUS_FILE, "-o", str(out), "--force").returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("content", [b"", bytes(range(256)) * 20])
def test_bad_input_is_one_line_error_and_exit_2(tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    r = run("parse", str(bad))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("citeaudit: error:")
    assert "Traceback" not in r.stderr


def test_big5_file_parses_like_its_utf8_original(tmp_path):
    from tests.conftest import ROOT

    text = (ROOT / CORPUS_FILE).read_text(encoding="utf-8")
    big5 = tmp_path / "big5.txt"
    big5.write_bytes(text.encode("big5", errors="replace"))
    r = run("parse", str(big5))
    assert r.returncode == 0 and "101 footnotes" in r.stdout and "big5" in r.stdout
