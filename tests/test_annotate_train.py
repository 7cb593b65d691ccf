"""Training NER and stance models from pulled annotations, and predicting with them."""
import json

import pytest

from annotate.tasks import build_tasks, predictor_for
from annotate.train import train
from citations.errors import CiteauditError
from tests.annotate_docs import SCO_DOC

ACTORS = [("美國", "GPE"), ("俄羅斯", "GPE"), ("上海合作組織", "ORG"), ("一帶一路", "POLICY"), ("習近平", "PERSON")]
FRAMES = [("{}促進了區域合作。", "supports"), ("{}構成嚴重威脅。", "opposes"), ("{}於二〇〇一年出現。", "neutral")]


def annotated_records():
    """Annotations as `studio pull` writes them: every actor in every frame, two annotators each."""
    records = []
    for name, label in ACTORS:
        for frame, stance in FRAMES:
            text = frame.format(name)
            ann = {"entities": [{"start": 0, "end": len(name), "label": label, "text": name, "stance": None}], "stance": stance}
            records.append({"claim_id": text, "text": text, "annotations": [ann | {"annotator": "a"}, ann | {"annotator": "b"}]})
    return records


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("models") / "m"
    report = train(annotated_records(), out, epochs=40, seed=1)
    assert [r.language for r in report.languages] == ["zh"]
    return out


def test_training_writes_one_pipeline_per_language_with_ner_and_textcat(model_dir):
    meta = json.loads((model_dir / "zh" / "meta.json").read_text())
    assert meta["lang"] == "zh" and meta["pipeline"] == ["ner", "textcat"]
    report = json.loads((model_dir / "training.json").read_text())
    assert report[0]["train_examples"] + report[0]["heldout_examples"] == 2 * len(ACTORS) * len(FRAMES)


def test_trained_model_recovers_entities_and_stance_it_was_taught(model_dir):
    predictor = predictor_for(str(model_dir))
    [spans] = predictor.entities.tag(["俄羅斯促進了區域合作。"])
    assert [(s.text, s.label) for s in spans] == [("俄羅斯", "GPE")]
    [stance] = predictor.stances(["美國構成嚴重威脅。"])
    assert stance.label == "opposes" and 0 <= stance.score <= 1


def test_tasks_made_with_the_trained_model_name_it_and_stay_valid(model_dir):
    tasks = build_tasks([SCO_DOC], predictor_for(str(model_dir)))
    assert {t["predictions"][0]["model_version"] for t in tasks} == {f"citeaudit/trained-{model_dir.name}+trained-{model_dir.name}"}


def test_a_language_without_training_data_falls_back_to_the_gazetteer(model_dir):
    [spans] = predictor_for(str(model_dir)).entities.tag(["Putin visited Astana."])
    assert [(s.text, s.label) for s in spans] == [("Putin", "PERSON"), ("Astana", "LOC")]


def test_training_without_annotations_is_a_clear_error(tmp_path):
    with pytest.raises(CiteauditError, match="no submitted annotations"):
        train([{"text": "x", "annotations": []}], tmp_path / "m")
    assert not (tmp_path / "m").exists()


def test_a_folder_without_a_trained_model_is_a_clear_error(tmp_path):
    with pytest.raises(CiteauditError, match="holds no model written by `citeaudit train`"):
        predictor_for(str(tmp_path))


def english_records():
    texts = ["Russia promotes regional cooperation.", "America poses a serious threat.", "China joined in 2001."]
    return [{"claim_id": t, "text": t, "annotations": [{"annotator": "a", "stance": s, "entities": []}]}
            for t, s in zip(texts, ["supports", "opposes", "neutral"])]


def test_retraining_with_force_replaces_the_folder_cleanly(tmp_path):
    from annotate.train import check_model_folder

    out = tmp_path / "models"
    train(annotated_records() + english_records(), out, epochs=2, seed=1)
    assert sorted(p.name for p in out.iterdir()) == ["en", "training.json", "zh"]
    with pytest.raises(CiteauditError, match="--force"):
        check_model_folder(out, force=False)
    check_model_folder(out, force=True)
    train(annotated_records(), out, epochs=2, seed=1)  # Chinese only this time
    assert sorted(p.name for p in out.iterdir()) == ["training.json", "zh"]  # no stale English model
    assert [r["language"] for r in json.loads((out / "training.json").read_text())] == ["zh"]
    assert build_tasks([SCO_DOC], predictor_for(str(out)))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left


def test_force_never_replaces_a_folder_holding_other_files(tmp_path):
    from annotate.train import check_model_folder

    (tmp_path / "thesis.docx").write_bytes(b"mine")
    with pytest.raises(CiteauditError, match="did not write"):
        check_model_folder(tmp_path, force=True)
