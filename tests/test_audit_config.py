"""Audit settings from [tool.citeaudit] / citeaudit.toml and the command line."""
from __future__ import annotations

import pytest
from tests.audit_docs import Note, make_doc

from citations.audit import AuditConfig, audit
from citations.audit.config import expand_codes, find_config, load_config
from citations.errors import CiteauditError

GAPPY = make_doc("甲{1}乙{3}", [Note(1), Note(3)])  # CA101 (gap)


def test_citeaudit_toml_is_found_from_a_subfolder(tmp_path):
    (tmp_path / "citeaudit.toml").write_text('ignore = ["CA101"]\nfail-on = "warning"\n', encoding="utf-8")
    sub = tmp_path / "chapters" / "one"
    sub.mkdir(parents=True)
    config = load_config(sub)
    assert config.ignore == {"CA101"} and config.fail_on == "warning"
    assert config.source == tmp_path / "citeaudit.toml"


def test_pyproject_without_a_citeaudit_table_is_passed_over(tmp_path):
    (tmp_path / "citeaudit.toml").write_text('ignore = ["CA7"]\n', encoding="utf-8")
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path / "thesis") == tmp_path / "citeaudit.toml"


def test_pyproject_tool_table_sets_ignore_and_severity(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citeaudit]\nignore = ["CA7"]\nseverity = { CA101 = "info" }\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.ignore == {"CA701"}
    assert [(f.code, f.severity) for f in audit(GAPPY, config)] == [("CA101", "info")]


def test_ignored_codes_are_not_reported():
    assert [f.code for f in audit(GAPPY)] == ["CA101"]
    assert audit(GAPPY, AuditConfig().with_options(ignore="CA101")) == []


def test_family_prefix_expands_to_its_codes():
    assert expand_codes(["ca1"], "test") == {"CA101", "CA102", "CA103"}


@pytest.mark.parametrize("text, complaint", [
    ("ignore = [", "not valid TOML"),
    ('ignore = ["CA999"]', "unknown check code"),
    ('colour = "red"', "unknown setting"),
    ('fail-on = "fatal"', "severity must be one of"),
    ("ignore = 3", "list of check codes"),
])
def test_bad_settings_are_one_line_user_errors(tmp_path, text, complaint):
    (tmp_path / "citeaudit.toml").write_text(text, encoding="utf-8")
    with pytest.raises(CiteauditError, match=complaint):
        load_config(tmp_path)


def test_command_line_ignore_adds_to_the_file_and_fail_on_replaces_it():
    config = AuditConfig(ignore=frozenset({"CA701"}), fail_on="info").with_options(ignore="CA101,CA2",
                                                                                  fail_on="error")
    assert config.ignore == {"CA701", "CA101", "CA201", "CA202", "CA203"} and config.fail_on == "error"


def test_someone_elses_broken_pyproject_is_not_our_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project\nname = ", encoding="utf-8")
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text("[tool.citeaudit\nignore = ", encoding="utf-8")
    with pytest.raises(CiteauditError, match="not valid TOML"):
        load_config(tmp_path)
