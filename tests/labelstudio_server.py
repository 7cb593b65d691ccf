"""A real Label Studio server for the tests: installed into a cached virtualenv, started on a free port.

Label Studio pins label-studio-sdk exactly, so it lives in its own venv (reused between runs) and
our pyproject pins the SDK version this Label Studio release requires. Each test session starts
it on a fresh SQLite data folder with a preset user token, and stops it at the end.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

LABEL_STUDIO_VERSION = "1.23.2"  # requires label-studio-sdk==2.1.2, the version pyproject pins
VENV = Path(os.environ.get("CITEAUDIT_LABELSTUDIO_VENV", Path.home() / ".cache" / "citeaudit" / "labelstudio-venv"))
USER, PASSWORD, TOKEN = "lead@example.com", "citeaudit-test-pw", "citeaudit0test0token0123456789"


def executable() -> Path:
    return VENV / ("Scripts" if os.name == "nt" else "bin") / "label-studio"


def installed_version() -> str | None:
    python = executable().parent / "python"
    if not executable().exists() or not python.exists():
        return None
    probe = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('label-studio'))"], capture_output=True, text=True
    )
    return probe.stdout.strip() or None


def ensure_installed() -> Path:
    """Create the venv and pip-install Label Studio into it unless the right version is already there."""
    VENV.parent.mkdir(parents=True, exist_ok=True)
    with open(VENV.parent / f"{VENV.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test sessions must not install into one venv at once
        _install()
    return executable()


def _install() -> None:
    if installed_version() != LABEL_STUDIO_VERSION:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(executable().parent / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        log = VENV.parent / "labelstudio-install.log"
        with log.open("w") as out:
            done = subprocess.run([*pip, f"label-studio=={LABEL_STUDIO_VERSION}"], stdout=out, stderr=subprocess.STDOUT)
        if done.returncode != 0:
            raise RuntimeError(f"installing label-studio failed; see {log}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningServer:
    url: str
    token: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(data_dir: Path, timeout: float = 300) -> RunningServer:
    """Start Label Studio on 127.0.0.1 with a fresh data folder and wait until it answers."""
    program = ensure_installed()
    port = free_port()
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir), "DJANGO_DB": "sqlite"}
    env.pop("LABEL_STUDIO_URL", None)
    env.pop("LABEL_STUDIO_API_KEY", None)
    log = data_dir / "server.log"
    args = [str(program), "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port),
            "--data-dir", str(data_dir), "--username", USER, "--password", PASSWORD,
            "--user-token", TOKEN, "--enable-legacy-api-token"]  # fmt: skip
    process = subprocess.Popen(args, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=data_dir)
    server = RunningServer(f"http://127.0.0.1:{port}", TOKEN, process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Label Studio exited with {process.returncode}; see {log}")
        if _authorised(server):
            return server
        time.sleep(1)
    server.stop()
    raise RuntimeError(f"Label Studio did not come up in {timeout:.0f} s; see {log}")


def _authorised(server: RunningServer) -> bool:
    """Up and the preset token accepted (the user is created after the web server starts)."""
    request = urllib.request.Request(f"{server.url}/api/current-user/whoami", headers={"Authorization": f"Token {server.token}"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def personal_access_token(url: str, legacy_token: str) -> str:
    """Create the user's Personal Access Token (a JWT refresh token), as Account & Settings does."""
    request = urllib.request.Request(f"{url}/api/token/", data=b"{}", method="POST",
                                     headers={"Authorization": f"Token {legacy_token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["token"]


def set_legacy_tokens(url: str, personal_token: str, enabled: bool) -> None:
    """Turn the organisation's legacy tokens on or off (off is Label Studio 1.23's default)."""
    from label_studio_sdk import LabelStudio

    client = LabelStudio(base_url=url, api_key=personal_token)
    client.jwt_settings.update(api_token_ttl_days=200 * 365, api_tokens_enabled=True, legacy_api_tokens_enabled=enabled)
