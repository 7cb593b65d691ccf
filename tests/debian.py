"""Debian tools the tests need (Chromium, biber, pandoc, the CSL styles, pdftotext), installed with apt-get when
missing: CI runs on a fresh machine and the README's test command is all it runs. A test skips only
when apt-get as root is not available; a failed install fails the test."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CSL_STYLES = Path("/usr/share/citation-style-language/styles")


_updated: list[bool] = []  # apt-get update once per session, not once per package


def apt_install(package: str) -> None:
    if not shutil.which("apt-get") or os.geteuid() != 0:
        pytest.skip(f"{package} is not installed and apt-get (as root) is not available to install it")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    commands = [] if _updated else [["apt-get", "update", "-q"]]
    commands.append(["apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", package])
    for command in commands:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
        _updated.append(True)


def debian_tool(package: str, *binaries: str) -> str:
    """Path of the first of `binaries` on PATH, installing Debian `package` with apt-get first if none is."""
    names = binaries or (package,)

    def find() -> str | None:
        return next((path for name in names if (path := shutil.which(name))), None)

    if not find():
        apt_install(package)
        assert find(), f"apt-get installed {package} but none of {', '.join(names)} is on PATH"
    return find()  # type: ignore[return-value]


def debian_file(package: str, path: Path) -> Path:
    """A data file Debian `package` ships, installed with apt-get first if it is missing."""
    if not path.exists():
        apt_install(package)
        assert path.exists(), f"apt-get installed {package} but {path} is not there"
    return path


@pytest.fixture(scope="session")
def biber() -> str:
    """biber, biblatex's backend (`--tool --validate-datamodel` checks a .bib against biblatex's data model)."""
    return debian_tool("biber")


@pytest.fixture(scope="session")
def pandoc() -> str:
    """pandoc, whose `--citeproc` formats a BibTeX or CSL-JSON library through a CSL style."""
    return debian_tool("pandoc")


@pytest.fixture(scope="session")
def chicago_notes() -> Path:
    """The Chicago notes-and-bibliography CSL style, from Debian's citation-style-language-styles."""
    return debian_file("citation-style-language-styles", CSL_STYLES / "chicago-note-bibliography.csl")


@pytest.fixture(scope="session")
def pdftotext() -> str:
    """poppler's pdftotext, the plain-text route many users take before they meet citeaudit."""
    return debian_tool("poppler-utils", "pdftotext")
