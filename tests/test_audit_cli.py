"""`citeaudit audit`: exit codes, formats, options and the HTML file, on hand-made documents.

The document pipeline is replaced by a lookup of prepared Documents so these tests pin the command
itself; tests/test_audit_corpus.py runs it on the real pipeline and corpus.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from citations import cli
from citations.audit import command
from tests.audit_docs import Note, cite, make_doc

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "schemas" / "audit.schema.json").read_text("utf-8"))
BOOK = cite("蔡東杰，《中國外交》(台北：大屯，2006年)，頁 5。", title="中國外交", publisher="大屯", year=2006,
            authors=[("蔡", "東杰")])
WEB = cite("〈宣言〉，2001 年，http://www.sectsco.org/CN/show.asp?id=100。", type="webpage", title="宣言", year=2001)

DOCS = {
    "clean.txt": make_doc("甲。{1}乙。{2}", [Note(1, [BOOK]), Note(2, [BOOK])], doc_id="clean"),
    "gappy.txt": make_doc("甲。{1}乙。{3}", [Note(1, [BOOK]), Note(3, [BOOK])], doc_id="gappy"),  # CA101 error
    "web.txt": make_doc("甲。{1}", [Note(1, [WEB])], doc_id="web"),  # CA504 warning
}


@pytest.fixture
def files(tmp_path, monkeypatch):
    """The prepared documents as files in a folder, and the pipeline answering with them."""
    for name in DOCS:
        (tmp_path / name).write_text("placeholder", encoding="utf-8")
    monkeypatch.setattr(command, "load_document", lambda path, encoding=None, **_: DOCS[Path(path).name])
    monkeypatch.chdir(tmp_path)  # no citeaudit.toml of ours is picked up
    return tmp_path


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    # one process: the prepared documents above are patched into this one (a spawned worker would not see them)
    monkeypatch.setattr(sys, "argv", ["citeaudit", "audit", *args, "--jobs", "1"])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    out = capsys.readouterr()
    return exited.value.code or 0, out.out, out.err


def test_clean_document_exits_0(files, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "clean.txt")
    assert code == 0 and "0 findings in 1 document" in out


def test_error_finding_exits_1_and_is_printed_on_one_line(files, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "gappy.txt")
    assert code == 1
    (line,) = [l for l in out.splitlines() if l.startswith("error")]
    assert "CA101" in line and "fn.3" in line and "footnote 2 is missing" in line


def test_warnings_fail_only_with_fail_on_warning(files, monkeypatch, capsys):
    assert run(monkeypatch, capsys, "web.txt")[0] == 0
    assert run(monkeypatch, capsys, "web.txt", "--fail-on", "warning")[0] == 1


def test_ignore_switches_a_check_off(files, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "gappy.txt", "--ignore", "CA101")
    assert code == 0 and "CA101" not in out


def test_config_file_in_the_working_folder_is_used(files, monkeypatch, capsys):
    (files / "citeaudit.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert run(monkeypatch, capsys, "web.txt")[0] == 1


def test_folder_gives_every_document_grouped_in_json(files, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, ".", "--format", "json")
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert code == 1
    assert [d["doc"] for d in report["documents"]] == ["clean", "gappy", "web"]
    assert report["summary"]["by_code"] == {"CA101": 1, "CA504": 1}
    assert report["summary"]["by_severity"] == {"error": 1, "warning": 1, "info": 0}


@pytest.mark.parametrize("args, message", [
    (["missing.txt"], "missing.txt: no such file or folder"),
    (["clean.txt", "--ignore", "CA999"], "unknown check code"),
])
def test_bad_input_is_one_line_and_exit_2(files, monkeypatch, capsys, args, message):
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_malformed_config_is_exit_2(files, monkeypatch, capsys):
    (files / "citeaudit.toml").write_text("ignore = [", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "clean.txt")
    assert code == 2 and "not valid TOML" in err


def test_html_report_is_written_and_never_overwritten_without_force(files, monkeypatch, capsys):
    report = files / "report.html"
    assert run(monkeypatch, capsys, "gappy.txt", "--html", str(report))[0] == 1
    assert "CA101" in report.read_text("utf-8")
    report.write_text("my notes", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "gappy.txt", "--html", str(report))
    assert code == 2 and "--force" in err and report.read_text("utf-8") == "my notes"
    assert run(monkeypatch, capsys, "gappy.txt", "--html", str(report), "--force")[0] == 1
    assert "CA101" in report.read_text("utf-8")


def test_list_checks_names_every_code(files, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "--list-checks")
    assert code == 0 and all(c in out for c in ("CA101", "CA305", "CA404", "CA505", "CA701"))


def test_schema_rejects_a_finding_without_a_stable_code_or_with_an_unknown_severity(files, monkeypatch, capsys):
    report = json.loads(run(monkeypatch, capsys, "gappy.txt", "--format", "json")[1])
    for field, value in (("code", "gap"), ("severity", "fatal")):
        broken = json.loads(json.dumps(report))
        broken["findings"][0][field] = value
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)
