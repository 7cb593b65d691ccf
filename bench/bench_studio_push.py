"""Push benchmark: 10,000 synthetic tasks to a local Label Studio, then the same push again.

    python bench/bench_studio_push.py [--tasks 10000] [--batch-size 500]

Uses LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY when set; otherwise installs (cached) and starts a
throw-away server the way the tests do. Prints the time of both pushes and the task count in the
project after the second one, which must be exactly the number of tasks (no duplicates).
"""
from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate.studio import Studio  # noqa: E402
from annotate.tasks import build_tasks  # noqa: E402
from citations.pipeline import analyse, expand_inputs  # noqa: E402


def synthetic_tasks(n: int) -> list[dict]:
    """n distinct tasks: the corpus's claims (with their real pre-annotations) repeated under new ids."""
    base = build_tasks(analyse(f) for f in expand_inputs([ROOT / "corpus"]))
    out = []
    for i in range(n):
        task = copy.deepcopy(base[i % len(base)])
        task["data"]["claim_id"] = f"synthetic:{i:06d}"
        out.append(task)
    return out


def run(studio: Studio, n: int, batch_size: int) -> None:
    tasks = synthetic_tasks(n)
    title = f"bench push {uuid.uuid4().hex[:8]}"
    start = time.perf_counter()
    first = studio.push(tasks, title, batch_size=batch_size)
    middle = time.perf_counter()
    second = studio.push(tasks, title, batch_size=batch_size)
    end = time.perf_counter()
    print(f"push of {n:,} tasks in batches of {batch_size}: {middle - start:.1f} s ({n / (middle - start):,.0f} tasks/s); sent {first.sent:,}")
    print(f"second push of the same tasks: {end - middle:.1f} s; sent {second.sent:,}, skipped {second.skipped:,}")
    verdict = "exactly" if second.total == n else "NOT"
    print(f"tasks in the project after both pushes: {second.total:,} ({verdict} {n:,})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    if os.environ.get("LABEL_STUDIO_URL") and os.environ.get("LABEL_STUDIO_API_KEY"):
        run(Studio.from_env(), args.tasks, args.batch_size)
        return
    from tests import labelstudio_server

    with tempfile.TemporaryDirectory() as data:
        started = time.perf_counter()
        server = labelstudio_server.start(Path(data))
        print(f"local Label Studio {labelstudio_server.LABEL_STUDIO_VERSION} up in {time.perf_counter() - started:.0f} s at {server.url}")
        try:
            run(Studio(server.url, server.token), args.tasks, args.batch_size)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
