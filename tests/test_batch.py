"""Many documents: `--jobs N` and a Dask cluster give exactly the output of one process, in order."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from citations import batch

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "citations", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Six documents (the corpus twice, under other names), so two workers interleave."""
    out = tmp_path_factory.mktemp("theses")
    for k, f in enumerate(sorted(CORPUS.glob("*.txt")) * 2):
        (out / f"{k:02d}_{f.name}").write_bytes(f.read_bytes())
    return out


def audit_json(*args: str) -> dict:
    done = cli("audit", *args, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_audit_with_two_jobs_is_the_output_of_one_job_in_the_same_order(folder):
    one = audit_json(str(folder), "--jobs", "1", "--no-cache")
    two = audit_json(str(folder), "--jobs", "2", "--no-cache")
    assert one == two
    assert [d["source"] for d in two["documents"]] == [str(p) for p in sorted(folder.iterdir())]
    assert two["summary"]["total"] > 0


def test_bib_and_tasks_with_two_jobs_match_one_job(folder, tmp_path):
    one = cli("bib", str(folder), "--jobs", "1", "--format", "csl-json")
    two = cli("bib", str(folder), "--jobs", "2", "--format", "csl-json")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout and len(json.loads(two.stdout)) > 100
    for jobs in ("1", "2"):
        assert cli("tasks", str(folder), "-o", str(tmp_path / f"t{jobs}.json"), "--jobs", jobs).returncode == 0
    assert (tmp_path / "t1.json").read_bytes() == (tmp_path / "t2.json").read_bytes()


def test_html_report_with_two_jobs_is_the_report_of_one_job(folder, tmp_path):
    for jobs in ("1", "2"):
        done = cli("audit", str(folder), "--jobs", jobs, "--html", str(tmp_path / f"r{jobs}.html"))
        assert done.returncode in (0, 1), done.stderr
    assert (tmp_path / "r1.html").read_bytes() == (tmp_path / "r2.html").read_bytes()


def test_a_bad_document_in_a_parallel_run_is_a_one_line_error(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes((CORPUS / "000_88da3538dd038a9b.txt").read_bytes())
    (tmp_path / "b.txt").write_bytes(b"")
    done = cli("audit", str(tmp_path), "--jobs", "2")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("citeaudit: error:") and "b.txt" in done.stderr


def test_results_come_in_input_order_with_a_bounded_number_in_flight():
    """The window: never more than `window` documents submitted and not yet handed back."""
    inputs = [batch.Input(Path(str(k)), Path(str(k))) for k in range(50)]
    in_flight, most = set(), 0

    def submit(item):
        nonlocal most
        in_flight.add(item.path)
        most = max(most, len(in_flight))
        return item

    def wait(item):
        in_flight.discard(item.path)
        return int(str(item.path))

    closed = []
    got = list(batch._windowed(submit, wait, inputs, 4, lambda: closed.append(True)))
    assert got == list(range(50)) and most == 4 and closed == [True]


# --- Dask: a real scheduler and worker processes on 127.0.0.1 -----------------------------------


@pytest.fixture(scope="module")
def scheduler():
    distributed = pytest.importorskip("distributed")  # the [test] extra installs it
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_dask_cluster_gives_the_output_of_one_process(folder, scheduler, tmp_path):
    assert audit_json(str(folder), "--scheduler", scheduler) == audit_json(str(folder), "--jobs", "1")
    one = cli("bib", str(folder), "--jobs", "1")
    dask = cli("bib", str(folder), "--scheduler", scheduler)
    assert dask.returncode == 0, dask.stderr
    assert dask.stdout == one.stdout
    for how in (("--jobs", "1"), ("--scheduler", scheduler)):
        assert cli("tasks", str(folder), "-o", str(tmp_path / f"t{how[0]}.json"), *how).returncode == 0
    assert (tmp_path / "t--jobs.json").read_bytes() == (tmp_path / "t--scheduler.json").read_bytes()


def test_unreachable_scheduler_is_a_one_line_error(tmp_path):
    pytest.importorskip("distributed")
    done = cli("audit", str(CORPUS), "--scheduler", "tcp://127.0.0.1:9")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "cannot reach the Dask scheduler" in done.stderr
