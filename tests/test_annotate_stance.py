"""Stance pre-annotation: none without a trained model, and a trained one only where it beat the
majority answer on held-out claims."""
import json

from annotate.tasks import build_tasks, predictor_for
from annotate.train import train
from tests.annotate_docs import SCO_DOC

FRAMES = [("{}促進了區域合作。", "supports"), ("{}構成嚴重威脅。", "opposes"), ("{}於二〇〇一年出現。", "neutral")]
NAMES = ["美國", "俄羅斯", "中國", "日本", "印度", "伊朗", "蒙古", "土耳其", "越南", "韓國"]


def records(stance_of):
    out = []
    for i, name in enumerate(NAMES):
        for j, (frame, stance) in enumerate(FRAMES):
            text = frame.format(name)
            ann = {"annotator": "a", "stance": stance_of(i, j, stance),
                   "entities": [{"start": 0, "end": len(name), "label": "GPE", "text": name}]}
            out.append({"claim_id": text, "text": text, "annotations": [ann]})
    return out


def test_default_tasks_carry_no_stance_guess():
    tasks = build_tasks([SCO_DOC])
    for task in tasks:
        [prediction] = task["predictions"]
        assert prediction["model_version"] == "citeaudit/gazetteer-v1"
        assert not [r for r in prediction["result"] if r["from_name"] == "stance"]


def test_a_classifier_that_beats_the_majority_answer_pre_annotates_stance(tmp_path):
    train(records(lambda i, j, stance: stance), tmp_path / "m", epochs=30, seed=1)
    [report] = json.loads((tmp_path / "m" / "training.json").read_text())
    assert report["stance_used"] and report["stance_accuracy"] > report["stance_majority"]
    [guess] = predictor_for(str(tmp_path / "m")).stances(["美國構成嚴重威脅。"])
    assert guess is not None and guess.label == "opposes"


def test_a_classifier_no_better_than_the_majority_answer_pre_annotates_no_stance(tmp_path):
    # nearly every claim neutral, the rest labelled at random: nothing to learn beyond "neutral"
    noisy = records(lambda i, j, stance: "supports" if (i * 7 + j * 3) % 11 == 0 else "neutral")
    train(noisy, tmp_path / "m", epochs=10, seed=1)
    [report] = json.loads((tmp_path / "m" / "training.json").read_text())
    assert report["stance_accuracy"] <= report["stance_majority"] and not report["stance_used"]
    predictor = predictor_for(str(tmp_path / "m"))
    assert predictor.stances(["美國構成嚴重威脅。"]) == [None]
    tasks = build_tasks([SCO_DOC], predictor)
    assert not [r for t in tasks for r in t["predictions"][0]["result"] if r["from_name"] == "stance"]
