"""Merging pulled Label Studio tasks back onto claims."""
import json

import pytest

from annotate.annotations import annotator_counts, dumps, merge, read_annotations, span_offsets, utf16_to_codepoint
from citations.errors import CiteauditError


def entity(rid, start, end, text, label):
    return {"id": rid, "from_name": "entity", "to_name": "text", "type": "labels", "value": {"start": start, "end": end, "text": text, "labels": [label]}}


def choice(name, value, rid=None):
    region = {"from_name": name, "to_name": "text", "type": "choices", "value": {"choices": [value]}}
    return region | ({"id": rid} if rid else {})


TEXT = "🐱 美國圍堵中國"
PULLED = [
    {
        "id": 7,
        "data": {"claim_id": "d:1", "doc_id": "d", "page": 1, "footnotes": [3], "text": TEXT, "context": TEXT, "citations": "[3] x"},
        "predictions": [{"model_version": "m", "score": 0.8, "result": [entity("e0", 2, 4, "美國", "GPE"), choice("stance", "opposes")]}],
        "annotations": [
            {"annotator": "a@x", "result": [entity("r1", 2, 4, "美國", "GPE"), choice("entity_stance", "opposes", "r1"), choice("stance", "opposes"),
                                             {"from_name": "comment", "to_name": "text", "type": "textarea", "value": {"text": ["unsure"]}}]},
            {"annotator": "b@x", "result": [entity("q", 6, 8, "中國", "GPE"), choice("stance", "neutral")]},
            {"annotator": "c@x", "result": [], "was_cancelled": True},
        ],
    }
]  # fmt: skip


def test_annotations_land_on_their_claim_with_per_entity_stance_and_comment():
    [record] = merge(PULLED)
    assert record["claim_id"] == "d:1" and record["task_id"] == 7
    first, second = record["annotations"]
    assert first["entities"] == [{"start": 2, "end": 4, "label": "GPE", "text": "美國", "stance": "opposes"}]
    assert (first["stance"], first["comment"]) == ("opposes", "unsure")
    assert second["entities"][0]["stance"] is None
    assert record["predictions"][0]["stance"] == "opposes" and record["predictions"][0]["score"] == 0.8


def test_skipped_tasks_are_not_annotations_but_are_recorded():
    [record] = merge(PULLED)
    assert record["skipped_by"] == ["c@x"]
    assert annotator_counts([record]) == {"a@x": 1, "b@x": 1}


def test_utf16_offsets_are_converted_to_code_points():
    assert utf16_to_codepoint(TEXT, 3) == 2
    assert span_offsets(TEXT, {"start": 3, "end": 5, "text": "美國"}) == (2, 4)


def test_a_span_that_fits_no_counting_is_dropped_and_counted():
    [record] = merge([PULLED[0] | {"annotations": [{"annotator": "a", "result": [entity("x", 0, 3, "中國", "GPE")]}]}])
    assert record["annotations"][0]["entities"] == [] and record["annotations"][0]["bad_spans"] == 1


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_written_records_read_back(tmp_path, suffix):
    records = merge(PULLED)
    path = tmp_path / f"a{suffix}"
    path.write_text(dumps(records, jsonl=suffix == ".jsonl"), encoding="utf-8")
    assert read_annotations(path) == records


def test_a_file_that_is_not_pull_output_is_a_clear_error(tmp_path):
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps([{"data": {}}]), encoding="utf-8")
    with pytest.raises(CiteauditError, match="not the output of `citeaudit studio pull`"):
        read_annotations(path)
    with pytest.raises(CiteauditError, match="cannot read"):
        read_annotations(tmp_path / "missing.json")
