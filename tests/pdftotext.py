"""The `pdftotext` fixture: poppler's PDF-to-text tool, installed with apt-get (Debian package
`poppler-utils`) when missing, as CI runs on a fresh machine. Import it into a test module:
`from tests.pdftotext import pdftotext`."""
from __future__ import annotations

import shutil

import pytest

from tests.chromium import apt_install


@pytest.fixture(scope="session")
def pdftotext() -> str:
    if not shutil.which("pdftotext"):
        apt_install("poppler-utils")
    found = shutil.which("pdftotext")
    assert found, "apt-get installed poppler-utils but pdftotext is not on PATH"
    return found
