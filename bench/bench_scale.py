"""Scale benchmark: linear time in one document, documents/s over a folder, memory, cached re-runs.

    python bench/bench_scale.py              # 1,000 generated documents (several minutes on 2 cores)
    python bench/bench_scale.py --docs 200   # a quicker look

Printed:
1. parse time of one file of 32 copies of a corpus document (3,232 notes) against 4 copies (404
   notes), after start-up: at most 10x for 8x the notes means linear (or n log n) growth;
2. `citeaudit audit FOLDER --format json` over a generated folder (windows of the corpus documents,
   each a small paper of its own) with --jobs 1, --jobs 2 and on a local Dask cluster (2 worker
   processes on 127.0.0.1), every run --no-cache: documents/s, wall and CPU seconds, peak memory
   of the largest process, and whether the output is byte-identical to --jobs 1;
3. the same audit run twice with the cache (cold, then every file unchanged);
4. whole-process start-up: `citeaudit --help` and a parse of a small English text file.
Wall times depend on what else runs on the machine; CPU seconds are printed beside them.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
SAMPLE = ROOT / "corpus" / "000_88da3538dd038a9b.txt"  # 101 notes
WINDOW = 200  # source lines per generated document
ENGLISH = ("China's policy toward Central Asia changed after 2001.1 The SCO grew.2\n\n" + " " * 30 + "\n"
           "1 Robert Sutter, Chinese Foreign Relations (Lanham: Rowman & Littlefield, 2012), 45.\n"
           "2 Ibid., 50.\n")


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, float, bytes]:
    """Wall s, CPU s (the process and the workers it waited for), peak MiB of the largest, stdout."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(args)} failed with exit code {proc.returncode}")
        out.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read()


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "citations", *args]


def one_document(env: dict[str, str]) -> None:
    code = ("import sys, time; from citations.pipeline import analyse\n"
            "analyse(sys.argv[1])\n"  # warm-up: imports and regex compilation are start-up, not growth
            "for p in sys.argv[1:]:\n"
            "    t = time.process_time(); d = analyse(p); print(len(d.footnotes), time.process_time() - t)\n")
    with tempfile.TemporaryDirectory() as tmp:
        text = SAMPLE.read_text(encoding="utf-8")
        files = []
        for n in (4, 32):
            path = Path(tmp) / f"copies{n}.txt"
            path.write_text(text * n, encoding="utf-8")
            files.append(str(path))
        done = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, env=env, check=True)
    (n4, t4), (n32, t32) = [(int(a), float(b)) for a, b in (line.split() for line in done.stdout.split("\n") if line)]
    print(f"one document: {n32} notes {t32:.2f} s CPU vs {n4} notes {t4:.2f} s: {t32 / t4:.1f}x time for "
          f"{n32 / n4:.0f}x the notes (target <= 10x)")


def make_folder(folder: Path, count: int) -> int:
    sources = [f.read_text(encoding="utf-8").splitlines(keepends=True) for f in CORPUS]
    for k in range(count):
        lines = sources[k % len(sources)]
        start = (k * 97) % (len(lines) - WINDOW)
        (folder / f"doc{k:05d}.txt").write_text("".join(lines[start:start + WINDOW]), encoding="utf-8")
    return count


def folder_runs(folder: Path, count: int, env: dict[str, str]) -> None:
    audit = cli("audit", str(folder), "--format", "json", "--no-cache")
    results = {}
    for jobs in ("1", "2"):
        results[f"--jobs {jobs}"] = run([*audit, "--jobs", jobs], env)
    try:
        from distributed import LocalCluster
    except ImportError:
        print("  (Dask run skipped: pip install 'citeaudit[dask]')")
    else:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            results["Dask, 2 workers"] = run([*audit, "--scheduler", cluster.scheduler_address], env)
    base = results["--jobs 1"]
    print(f"folder of {count} generated documents ({WINDOW} source lines each), audit --format json --no-cache:")
    for name, (wall, cpu, peak, out) in results.items():
        same = "identical to --jobs 1" if out == base[3] else "DIFFERENT from --jobs 1"
        print(f"  {name:<16} {count / wall:6.1f} documents/s  wall {wall:6.1f} s  cpu {cpu:6.1f} s  "
              f"peak {peak:5.0f} MiB (largest process)  output {same} (sha256 {hashlib.sha256(out).hexdigest()[:12]})")
    print(f"  --jobs 2 speed-up over --jobs 1: {base[0] / results['--jobs 2'][0]:.2f}x wall (target >= 1.5x on two free cores)")
    cached = cli("audit", str(folder), "--format", "json", "--jobs", "1")
    cold = run(cached, env)
    warm = run(cached, env)
    print(f"  cache: first run {cold[0]:.1f} s (parses and stores), re-run of unchanged files {warm[0]:.1f} s "
          f"wall, {warm[1]:.1f} s cpu; output {'identical' if warm[3] == base[3] else 'DIFFERENT'}")


def start_up(env: dict[str, str], runs: int = 7) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paper = Path(tmp) / "paper.txt"
        paper.write_text(ENGLISH, encoding="utf-8")
        for name, args in (("citeaudit --help", ["--help"]), ("citeaudit parse paper.txt (English, 2 notes)",
                                                              ["parse", str(paper), "--no-cache"])):
            times = [run(cli(*args), env)[:2] for _ in range(runs + 1)][1:]
            bare = [run([sys.executable, "-c", "pass"], env)[:2] for _ in range(runs)]
            print(f"start-up, {name}: median wall {statistics.median(t[0] for t in times):.3f} s, "
                  f"cpu {statistics.median(t[1] for t in times):.3f} s (python -c pass: wall "
                  f"{statistics.median(t[0] for t in bare):.3f} s, cpu {statistics.median(t[1] for t in bare):.3f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents in the generated folder")
    count = parser.parse_args().docs
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # never the user's cache (Dask workers too)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
        one_document(env)
        folder = Path(tmp) / "theses"
        folder.mkdir()
        folder_runs(folder, make_folder(folder, count), env)
        start_up(env)
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
