"""Push, annotate through the API and pull, against the real Label Studio the session fixture runs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from label_studio_sdk import LabelStudio

from annotate.studio import Studio
from annotate.tasks import build_tasks
from citations.errors import CiteauditError
from tests.annotate_docs import SCO_DOC
from tests.labelstudio_server import free_port

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")} | (env or {})
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "citations", *args], capture_output=True, text=True, env=environment, cwd=cwd)


def title() -> str:
    return f"SCO stances {uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def tasks():
    return build_tasks([SCO_DOC])


@pytest.fixture
def client(labelstudio):
    url, token = labelstudio
    return LabelStudio(base_url=url, api_key=token)


def annotate(client: LabelStudio, project_id: int, who: dict[str, int], answers) -> None:
    """Submit annotations as other users, as annotators in the browser would."""
    tasks = {t.data["claim_id"]: t.id for t in client.tasks.list(project=project_id, include="id,data")}
    for claim_id, annotator, result in answers:
        client.annotations.create(id=tasks[claim_id], result=result, completed_by=who[annotator])


def users(client: LabelStudio, *names: str) -> dict[str, int]:
    found = {u.email: u.id for u in client.users.list()}
    for name in names:
        email = f"{name}@example.com"
        if email not in found:
            found[email] = client.users.create(email=email, username=name).id
    return {n: found[f"{n}@example.com"] for n in names}


def stance(value: str) -> dict:
    return {"from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": [value]}}


def span(rid: str, text: str, part: str, label: str) -> dict:
    start = text.index(part)
    return {"id": rid, "from_name": "entity", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": start + len(part), "text": part, "labels": [label]}}  # fmt: skip


@pytest.mark.labelstudio
def test_push_creates_the_project_and_a_second_push_adds_no_duplicates(labelstudio, tasks, client):
    studio, name = Studio(*labelstudio), title()
    first = studio.push(tasks, name, batch_size=2)
    assert (first.project_created, first.sent, first.skipped, first.total) == (True, 4, 0, 4)
    again = studio.push(tasks, name)
    assert (again.project_created, again.sent, again.skipped, again.total) == (False, 0, 4, 4)
    stored = list(client.tasks.list(project=first.project_id, fields="all"))
    assert sorted(t.data["claim_id"] for t in stored) == sorted(t["data"]["claim_id"] for t in tasks)
    assert all(t.predictions and t.predictions[0].model_version.startswith("citeaudit/") for t in stored)


@pytest.mark.labelstudio
def test_pushing_tasks_of_a_new_model_adds_its_predictions_to_existing_tasks(labelstudio, tasks, client):
    studio, name = Studio(*labelstudio), title()
    studio.push(tasks, name)
    retrained = json.loads(json.dumps(tasks))
    for task in retrained:
        task["predictions"][0]["model_version"] = "citeaudit/trained-v2"
    report = studio.push(retrained, name)
    assert (report.sent, report.skipped, report.predictions_added, report.total) == (0, 4, 4, 4)
    assert studio.push(retrained, name).predictions_added == 0
    stored = list(client.tasks.list(project=report.project_id, fields="all"))
    assert all(sorted(p.model_version for p in t.predictions) == ["citeaudit/gazetteer-v1", "citeaudit/trained-v2"] for t in stored)


@pytest.mark.labelstudio
def test_pull_merges_annotations_and_predictions_onto_claims(labelstudio, tasks, client):
    studio, name = Studio(*labelstudio), title()
    report = studio.push(tasks, name)
    who = users(client, "ann1", "ann2")
    emoji = tasks[3]["data"]
    text = emoji["text"]
    annotate(client, report.project_id, who, [
        (emoji["claim_id"], "ann1", [span("r1", text, "Putin", "PERSON"), stance("neutral"),
                                     {"id": "r1", "from_name": "entity_stance", "to_name": "text", "type": "choices", "value": {"choices": ["supports"]}}]),
        (emoji["claim_id"], "ann2", [span("q1", text, "Putin", "PERSON"), stance("supports")]),
        (tasks[0]["data"]["claim_id"], "ann1", [stance("supports")]),
    ])  # fmt: skip
    from annotate.annotations import annotator_counts, merge

    records = {r["claim_id"]: r for r in merge(studio.pull(name))}
    assert len(records) == 4
    ann = records[emoji["claim_id"]]["annotations"]
    assert {a["annotator"] for a in ann} == {"ann1@example.com", "ann2@example.com"}
    first = next(a for a in ann if a["annotator"] == "ann1@example.com")
    assert first["entities"] == [{"start": 2, "end": 7, "label": "PERSON", "text": "Putin", "stance": "supports"}]
    assert records[emoji["claim_id"]]["predictions"][0]["entities"][0]["text"] == "Putin"
    assert annotator_counts(list(records.values())) == {"ann1@example.com": 2, "ann2@example.com": 1}


@pytest.mark.labelstudio
def test_the_five_command_loop_through_the_cli(labelstudio, tasks, client, tmp_path):
    url, token = labelstudio
    env = {"LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": token}
    name = title()
    tasks_file = tmp_path / "tasks.json"
    tasks_file.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    pushed = cli("studio", "push", str(tasks_file), "--project", name, env=env)
    assert pushed.returncode == 0, pushed.stderr
    assert "4 tasks sent" in pushed.stderr and token not in pushed.stderr + pushed.stdout
    project_id = Studio(url, token).project(name)
    who = users(client, "ann1", "ann2")
    answers = []
    for i, task in enumerate(tasks):
        text = task["data"]["text"]
        gold = [span("g", text, p["value"]["text"], p["value"]["labels"][0]) for p in task["predictions"][0]["result"][:1] if "start" in p["value"]]
        answers += [(task["data"]["claim_id"], "ann1", [*gold, stance("supports")]),
                    (task["data"]["claim_id"], "ann2", [*gold, stance("supports" if i % 2 else "opposes")])]  # fmt: skip
    annotate(client, project_id, who, answers)

    out = tmp_path / "annotations.jsonl"
    pulled = cli("studio", "pull", "--project", name, "-o", str(out), env=env)
    assert pulled.returncode == 0, pulled.stderr
    assert "ann1@example.com" in pulled.stderr and len(out.read_text(encoding="utf-8").splitlines()) == 4

    agreed = cli("agreement", str(out))
    assert agreed.returncode == 0, agreed.stderr
    assert "Fleiss' kappa" in agreed.stdout and "span F1" in agreed.stdout

    trained = cli("train", str(out), "-o", str(tmp_path / "models"), "--epochs", "3")
    assert trained.returncode == 0, trained.stderr
    assert (tmp_path / "models" / "zh" / "meta.json").exists()


@pytest.mark.labelstudio
def test_push_without_a_tasks_file_makes_them_from_the_corpus(labelstudio):
    url, token = labelstudio
    name = title()
    done = cli("studio", "push", "--project", name, "--corpus", str(ROOT / "corpus"), env={"LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": token})
    assert done.returncode == 0, done.stderr
    from citations.pipeline import analyse, expand_inputs

    claims = sum(len(analyse(f).claims) for f in expand_inputs([ROOT / "corpus"]))
    assert len(Studio(url, token).present(Studio(url, token).project(name))) == claims


@pytest.mark.labelstudio
def test_wrong_key_is_a_one_line_error_that_writes_nothing_and_hides_the_key(labelstudio, tmp_path):
    url, _ = labelstudio
    out = tmp_path / "a.json"
    done = cli("studio", "pull", "--project", "x", "-o", str(out), env={"LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": "not-the-key-42"})
    assert done.returncode == 2 and not out.exists()
    assert done.stderr.strip().count("\n") == 0 and "refused the API key" in done.stderr
    assert "not-the-key-42" not in done.stderr


@pytest.mark.labelstudio
def test_pulling_an_unknown_project_names_the_existing_ones(labelstudio, tasks, tmp_path):
    studio, name = Studio(*labelstudio), title()
    studio.push(tasks[:1], name)
    with pytest.raises(CiteauditError, match=rf"no project titled 'nope' on .*; there are: .*{name}"):
        studio.pull("nope")


@pytest.mark.labelstudio
def test_push_refuses_a_project_labelled_with_another_config(labelstudio, tasks, client):
    name = title()
    client.projects.create(title=name, label_config='<View><Text name="text" value="$text"/><Choices name="c" toName="text"><Choice value="a"/></Choices></View>')
    with pytest.raises(CiteauditError, match="different labelling config"):
        Studio(*labelstudio).push(tasks, name)


def test_server_down_is_a_one_line_error_and_nothing_is_written(tmp_path):
    out = tmp_path / "a.json"
    env = {"LABEL_STUDIO_URL": f"http://127.0.0.1:{free_port()}", "LABEL_STUDIO_API_KEY": "k"}
    done = cli("studio", "pull", "--project", "x", "-o", str(out), env=env)
    assert done.returncode == 2 and not out.exists()
    assert done.stderr.startswith("citeaudit: error: cannot reach Label Studio") and done.stderr.count("\n") == 1


def test_missing_credentials_name_the_environment_variables(tmp_path):
    done = cli("studio", "push", "--project", "x")
    assert done.returncode == 2 and "set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY" in done.stderr


def test_invalid_tasks_file_is_refused_before_anything_is_sent(tmp_path, tasks):
    bad = json.loads(json.dumps(tasks))
    bad[0]["predictions"][0]["result"][0]["value"]["end"] = 999
    path = tmp_path / "t.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    env = {"LABEL_STUDIO_URL": f"http://127.0.0.1:{free_port()}", "LABEL_STUDIO_API_KEY": "k"}
    done = cli("studio", "push", str(path), "--project", "x", env=env)
    assert done.returncode == 2 and "cannot reach" in done.stderr  # server checked first: fast failure
