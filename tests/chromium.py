"""The `chromium` fixture: a headless browser for the HTML report tests, installed with apt-get when missing
(CI runs on a fresh machine). Import it into a test module: `from tests.chromium import chromium`."""
from __future__ import annotations

import pytest

from tests.debian import debian_tool


@pytest.fixture(scope="session")
def chromium() -> str:
    """A headless Chromium; installed with apt-get (Debian package `chromium`) when missing."""
    return debian_tool("chromium", "chromium", "chromium-browser", "google-chrome")
