"""Label Studio addresses and keys: Personal Access Tokens as well as legacy tokens, and every wrong
address or key one line, exit 2."""
from __future__ import annotations

import http.server
import json
import threading
import time

import jwt
import pytest

from annotate.studio import Studio
from citations.errors import CiteauditError
from tests import labelstudio_server
from tests.annotate_docs import SCO_DOC
from tests.test_annotate_studio_live import cli, title


def refresh_token_like() -> str:
    """A JWT shaped like a Personal Access Token (unexpired refresh token), signed by nobody real."""
    return jwt.encode({"exp": int(time.time()) + 3600, "token_type": "refresh", "user_id": 1}, "x" * 32, algorithm="HS256")


@pytest.fixture(scope="module")
def other_web_server():
    """A web server that is not Label Studio: an HTML page for every request, on 200 or 404."""

    class Page(http.server.BaseHTTPRequestHandler):
        def answer(self) -> None:
            body = b"<html><body>intranet</body></html>"
            self.send_response(404 if "missing" in self.path else 200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = answer

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def one_line_exit_2(done, *words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("citeaudit: error:") and "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr


@pytest.mark.parametrize("url", ["http://[::1", "localhost:8080", "ftp://example.org", "http://host:port"])
def test_a_malformed_address_is_a_clear_error(url):
    with pytest.raises(CiteauditError, match="LABEL_STUDIO_URL="):
        Studio(url, "k")


def test_a_malformed_address_on_the_command_line_is_one_line_exit_2(tmp_path):
    done = cli("studio", "pull", "--project", "x", "-o", str(tmp_path / "a.json"), env={"LABEL_STUDIO_URL": "http://[::1", "LABEL_STUDIO_API_KEY": "k"})
    one_line_exit_2(done, "LABEL_STUDIO_URL")


@pytest.mark.parametrize("path", ["", "/extra/path", "/missing"])
@pytest.mark.parametrize("key", ["legacy-token-123", "pat"])
def test_another_web_server_is_a_clear_error_naming_the_address_setting(other_web_server, path, key):
    key = refresh_token_like() if key == "pat" else key
    with pytest.raises(CiteauditError, match="LABEL_STUDIO_URL must be the address") as raised:
        Studio(other_web_server + path, key).check()
    assert key not in str(raised.value)


def test_another_web_server_with_a_personal_access_token_is_one_line_exit_2(other_web_server, tmp_path):
    out = tmp_path / "a.json"
    done = cli("studio", "pull", "--project", "x", "-o", str(out),
               env={"LABEL_STUDIO_URL": other_web_server + "/extra/path", "LABEL_STUDIO_API_KEY": refresh_token_like()})
    one_line_exit_2(done, "LABEL_STUDIO_URL must be the address")
    assert not out.exists()


def test_an_expired_personal_access_token_is_a_clear_error(other_web_server):
    expired = jwt.encode({"exp": int(time.time()) - 60, "token_type": "refresh"}, "x" * 32, algorithm="HS256")
    with pytest.raises(CiteauditError, match="refused the API key.*Personal Access Token"):
        Studio(other_web_server, expired)


@pytest.mark.labelstudio
def test_push_and_pull_work_with_a_personal_access_token(labelstudio, labelstudio_pat, tmp_path):
    url, legacy = labelstudio
    assert labelstudio_pat.count(".") == 2 and labelstudio_pat != legacy  # a JWT, not the legacy token
    env = {"LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": labelstudio_pat}
    tasks_file = tmp_path / "tasks.json"
    from annotate.tasks import build_tasks

    tasks_file.write_text(json.dumps(build_tasks([SCO_DOC]), ensure_ascii=False), encoding="utf-8")
    name = title()
    pushed = cli("studio", "push", str(tasks_file), "--project", name, env=env)
    assert pushed.returncode == 0, pushed.stderr
    assert "4 tasks sent" in pushed.stderr and labelstudio_pat not in pushed.stderr + pushed.stdout
    pulled = cli("studio", "pull", "--project", name, "-o", str(tmp_path / "a.jsonl"), env=env)
    assert pulled.returncode == 0, pulled.stderr
    assert len((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()) == 4


@pytest.mark.labelstudio
def test_a_personal_access_token_with_an_extra_path_is_one_line_exit_2(labelstudio, labelstudio_pat, tmp_path):
    url, _ = labelstudio
    done = cli("studio", "pull", "--project", "x", "-o", str(tmp_path / "a.json"),
               env={"LABEL_STUDIO_URL": url + "/projects/extra", "LABEL_STUDIO_API_KEY": labelstudio_pat})
    one_line_exit_2(done, "LABEL_STUDIO_URL must be the address")


@pytest.mark.labelstudio
def test_a_legacy_token_where_legacy_tokens_are_off_tells_to_use_a_personal_access_token(labelstudio, labelstudio_pat, tmp_path):
    url, legacy = labelstudio
    labelstudio_server.set_legacy_tokens(url, labelstudio_pat, enabled=False)  # Label Studio 1.23's default
    try:
        done = cli("studio", "pull", "--project", "x", "-o", str(tmp_path / "a.json"),
                   env={"LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": legacy})
        one_line_exit_2(done, "refused the API key", "Personal Access Token")
        assert legacy not in done.stderr
        Studio(url, labelstudio_pat).check()  # the PAT still works
    finally:
        labelstudio_server.set_legacy_tokens(url, labelstudio_pat, enabled=True)
