"""The `citation_js` fixture: citation-js (npm), the BibTeX reader many web tools use, as a second,
independent reader of our .bib. Installed once with npm into ~/.cache/citeaudit/citation-js-<version>
(node and npm from Debian when missing); nothing is downloaded at run time by citeaudit itself."""
from __future__ import annotations

import fcntl
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.debian import debian_tool

VERSION = "0.7.21"  # @citation-js/core and @citation-js/plugin-bibtex are released together
PACKAGES = [f"@citation-js/core@{VERSION}", f"@citation-js/plugin-bibtex@{VERSION}"]
CACHE = Path(os.environ.get("CITEAUDIT_CITATIONJS_DIR", Path.home() / ".cache" / "citeaudit" / f"citation-js-{VERSION}"))
READER = Path(__file__).resolve().parent / "data" / "citationjs_read.js"


def ensure_installed(npm: str) -> Path:
    """npm-install the pinned packages into CACHE unless they are there (a lock keeps parallel runs apart)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (CACHE / "node_modules" / "@citation-js" / "plugin-bibtex" / "package.json").exists():
            done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), *PACKAGES],
                                  capture_output=True, text=True, timeout=900)
            if done.returncode != 0:
                pytest.fail(f"npm install {' '.join(PACKAGES)} failed:\n{done.stderr[-2000:]}")
    return CACHE / "node_modules"


@pytest.fixture(scope="session")
def citation_js() -> Callable[[str], list[dict]]:
    """A function: BibTeX text -> the CSL-JSON items citation-js reads from it."""
    node = debian_tool("nodejs", "node")
    modules = ensure_installed(debian_tool("npm"))

    def read(bib_text: str) -> list[dict]:
        done = subprocess.run([node, str(READER)], input=bib_text, capture_output=True, text=True, timeout=600,
                              env={**os.environ, "NODE_PATH": str(modules)})
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout)

    return read
