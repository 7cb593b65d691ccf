"""Shared fixtures. The `labelstudio` fixture installs (once, cached) and runs a real Label Studio."""
from __future__ import annotations

import os

import pytest

from tests import labelstudio_server


@pytest.fixture(scope="session")
def labelstudio(tmp_path_factory):
    """(url, token) of a Label Studio server that lives for the whole test session."""
    server = labelstudio_server.start(tmp_path_factory.mktemp("labelstudio"))
    yield server.url, server.token
    server.stop()


@pytest.fixture
def studio_env(labelstudio, monkeypatch):
    """The environment the CLI reads its server and key from."""
    url, token = labelstudio
    monkeypatch.setenv("LABEL_STUDIO_URL", url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", token)
    return {**os.environ}
