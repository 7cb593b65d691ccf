"""The `pdftotext` fixture: poppler's PDF-to-text tool, installed with apt-get (Debian package
`poppler-utils`) when missing, as CI runs on a fresh machine. Import it into a test module:
`from tests.pdftotext import pdftotext`."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest


@pytest.fixture(scope="session")
def pdftotext() -> str:
    if found := shutil.which("pdftotext"):
        return found
    if not shutil.which("apt-get") or os.geteuid() != 0:
        pytest.skip("pdftotext is not installed and apt-get (as root) is not available to install poppler-utils")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-q"],
                    ["apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", "poppler-utils"]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    found = shutil.which("pdftotext")
    assert found, "apt-get installed poppler-utils but pdftotext is not on PATH"
    return found
