"""The `chromium` fixture: a headless browser for the HTML report tests, installed with apt-get when missing
(CI runs on a fresh machine). Import it into a test module: `from tests.chromium import chromium`."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def _find_chromium() -> str | None:
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def apt_install(package: str) -> None:
    """Install a Debian package for the tests, or skip them where apt-get (as root) is not available."""
    if not shutil.which("apt-get") or os.geteuid() != 0:
        pytest.skip(f"{package} is not installed and apt-get (as root) is not available to install it")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-q"],
                    ["apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", package]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")


@pytest.fixture(scope="session")
def chromium() -> str:
    """A headless Chromium; installed with apt-get (Debian package `chromium`) when missing."""
    found = _find_chromium()
    if found:
        return found
    apt_install("chromium")
    found = _find_chromium()
    assert found, "apt-get installed chromium but no chromium binary is on PATH"
    return found
