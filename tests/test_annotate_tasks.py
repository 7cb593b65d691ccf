"""Claims -> validated Label Studio tasks with pre-annotations."""
import copy
import json

import pytest

from annotate.tasks import build_tasks, load_tasks, stable_claim_id, task_errors, validate_tasks
from citations.errors import CiteauditError
from citations.model import Claim
from tests.annotate_docs import SCO_DOC, make_document


@pytest.fixture(scope="module")
def tasks():
    return build_tasks([SCO_DOC])


def test_one_task_per_claim_with_its_shown_context(tasks):
    assert [t["data"]["text"] for t in tasks] == [c.text for c in SCO_DOC.claims]
    first = tasks[0]["data"]
    assert first["context"] == SCO_DOC.claims[0].text + SCO_DOC.claims[1].text  # the whole paragraph
    assert (first["doc_id"], first["page"], first["footnotes"], first["footnote_label"]) == ("sco", 1, [1], "1")
    assert tasks[3]["data"]["page"] == 2


def test_citations_come_from_csl_fields_then_crossref_target_then_footnote_text(tasks):
    shown = [t["data"]["citations"] for t in tasks]
    assert shown[0] == "[1] 許志嘉, 中國新外交, 2009"
    assert shown[1] == "[2] 同前註，頁7。 → 許志嘉, 中國新外交, 2009"
    assert shown[2].startswith("[3] 趙華勝，〈上海合作組織〉")  # no citations stage output: footnote text


def test_predictions_carry_model_version_scores_and_entities(tasks):
    prediction = tasks[2]["predictions"][0]
    assert prediction["model_version"] == "citeaudit/gazetteer-v1"
    assert 0 <= prediction["score"] <= 1
    by_name = {}
    for region in prediction["result"]:
        by_name.setdefault(region["from_name"], []).append(region["value"])
    assert "stance" not in by_name  # no stance guess without a trained model (annotate/stance.py)
    assert ("911恐怖攻擊事件", ["EVENT"]) in [(v["text"], v["labels"]) for v in by_name["entity"]]


def test_span_offsets_read_the_span_text_after_an_emoji(tasks):
    task = tasks[3]
    text = task["data"]["text"]
    assert text.startswith("🐱")
    for region in task["predictions"][0]["result"]:
        value = region["value"]
        if "start" in value:
            assert text[value["start"] : value["end"]] == value["text"]
    assert [r["value"]["start"] for r in task["predictions"][0]["result"][:1]] == [2]  # "Putin", code points


def test_claim_id_is_stable_when_offsets_move_and_unique_across_documents():
    claim = SCO_DOC.claims[0]
    moved = Claim(id="other", start=claim.start + 40, end=claim.end + 40, text=claim.text, footnotes=claim.footnotes)
    assert stable_claim_id("sco", claim, {}) == stable_claim_id("sco", moved, {})
    assert stable_claim_id("sco", claim, {}) != stable_claim_id("other-doc", claim, {})


def test_a_sentence_repeated_with_the_same_note_gets_a_distinct_id():
    doc = make_document("rep", [[("中國崛起。", [1]), ("中國崛起。", [1])]], {1: "note"})
    ids = [t["data"]["claim_id"] for t in build_tasks([doc])]
    assert len(set(ids)) == 2


def bad_task(tasks, **value):
    task = copy.deepcopy(tasks[2])
    task["predictions"][0]["result"][0]["value"].update(value)
    return task


@pytest.mark.parametrize(
    "change, message",
    [
        ({"start": 3, "end": 200}, "not inside a text"),
        ({"start": 9, "end": 4}, "not inside a text"),
        ({"start": 1, "end": 10}, "reads"),
        ({"labels": ["FRUIT"]}, "Invalid value"),
    ],
)
def test_validation_rejects_spans_label_studio_would_store(tasks, change, message):
    errors = task_errors(bad_task(tasks, **change))
    assert errors and message in errors[0]


def test_utf16_offsets_for_text_after_an_emoji_are_rejected(tasks):
    task = copy.deepcopy(tasks[3])
    value = task["predictions"][0]["result"][0]["value"]
    value["start"], value["end"] = value["start"] + 1, value["end"] + 1  # what a browser would count
    assert "reads" in task_errors(task)[0]


def test_one_bad_task_fails_the_batch_with_a_one_line_error(tasks):
    with pytest.raises(CiteauditError, match=r"^1 of 5 tasks are invalid; first, task sco:") as info:
        validate_tasks([*tasks, bad_task(tasks, start=3, end=200)])
    assert "\n" not in str(info.value)


def test_task_without_claim_id_is_rejected(tasks):
    task = copy.deepcopy(tasks[0])
    del task["data"]["claim_id"]
    assert "claim_id" in task_errors(task)[0]


def test_task_file_round_trips_and_bad_json_is_a_clear_error(tasks):
    assert load_tasks(json.dumps(tasks, ensure_ascii=False), "t.json") == tasks
    with pytest.raises(CiteauditError, match="t.json is not JSON"):
        load_tasks("[{", "t.json")
    with pytest.raises(CiteauditError, match="JSON list"):
        load_tasks("{}", "t.json")


def test_tasks_command_writes_validated_tasks_for_every_claim_of_the_corpus(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from citations.pipeline import analyse, expand_inputs

    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "tasks.json"
    done = subprocess.run([sys.executable, "-m", "citations", "tasks", str(root / "corpus"), "-o", str(out)], capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    made = load_tasks(out.read_text(encoding="utf-8"), str(out))
    assert len(made) == sum(len(analyse(f).claims) for f in expand_inputs([root / "corpus"]))
    again = subprocess.run([sys.executable, "-m", "citations", "tasks", str(root / "corpus"), "-o", str(out)], capture_output=True, text=True, cwd=root)
    assert again.returncode == 2 and "--force" in again.stderr  # never over a user's file


def test_hand_labelled_entity_data_reads_its_own_spans():
    from pathlib import Path

    gold = Path(__file__).parent / "data" / "entities_gold.jsonl"
    for line in gold.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert all(row["text"][e["start"] : e["end"]] == e["text"] for e in row["entities"])
        assert row["stance"] in ("supports", "opposes", "neutral", "mixed")


def test_carriage_returns_never_reach_the_shown_text():
    doc = make_document("crlf", [[("中國崛起\r\n而美國擔憂。", [1])]], {1: "n"})
    [task] = build_tasks([doc])
    assert "\r" not in task["data"]["text"]
