"""Writing outputs: what may be replaced, what is written into, permissions, and refusing early."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from citations.errors import CiteauditError
from citations.outputs import check_output, write_atomic
from tests.conftest import ROOT

DOC = ROOT / "corpus" / "000_88da3538dd038a9b.txt"


def cli(*args: str, cwd: Path = ROOT, user: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*(user or []), sys.executable, "-m", "citations", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = cli("parse", str(DOC), "-o", str(fifo), "--force")
    reader.join(timeout=60)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith(b"{")


def test_a_fifo_nobody_reads_is_refused_in_one_line_not_waited_on(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    with pytest.raises(CiteauditError, match="no program is reading"):
        write_atomic(fifo, "x", force=True)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_character_device_is_written_into_not_replaced(tmp_path):
    # A null device of the test's own (never /dev/null itself: a broken writer would replace it)
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    try:
        write_atomic(node, "discarded", force=True)
    except CiteauditError as exc:  # a folder mounted nodev refuses to open device nodes
        if "ermission" not in str(exc):
            raise
    assert stat.S_ISCHR(node.stat().st_mode)


def test_a_socket_or_a_folder_is_refused(tmp_path):
    import socket

    sock_path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(sock_path))
        with pytest.raises(CiteauditError, match="not a regular file"):
            write_atomic(sock_path, "x", force=True)
    with pytest.raises(CiteauditError, match="is a folder"):
        write_atomic(tmp_path, "x", force=True)


def test_new_files_honour_the_umask_and_replaced_files_keep_their_mode(tmp_path):
    old = os.umask(0o022)
    try:
        fresh = write_atomic(tmp_path / "a.json", "{}")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        os.umask(0o002)
        assert stat.S_IMODE(write_atomic(tmp_path / "b.json", "{}").stat().st_mode) == 0o664
        os.chmod(fresh, 0o640)
        write_atomic(fresh, "{1}", force=True)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640 and fresh.read_text() == "{1}"
    finally:
        os.umask(old)


def test_a_symlinked_output_is_replaced_through_the_link(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomic(link, "new", force=True)
    assert link.is_symlink() and target.read_text() == "new"


@pytest.fixture
def read_only_folder():
    """A folder the command cannot write in: chmod 555, or, for root (who ignores permission bits),
    a read-only bind mount in a private mount namespace around the command."""
    folder = Path(tempfile.mkdtemp(prefix="citeaudit-ro-"))
    folder.chmod(0o555)
    wrap = None
    if os.geteuid() == 0:
        mount = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} && exec \"$@\""
        wrap = ["unshare", "--mount", "sh", "-c", mount, "sh"]
        if subprocess.run([*wrap, "true"], capture_output=True).returncode != 0:
            pytest.skip("running as root without the right to mount: cannot make a folder read-only")
    yield folder, wrap
    folder.chmod(0o755)
    shutil.rmtree(folder)


@pytest.mark.parametrize("command", [["parse", str(DOC), "-o"], ["bib", str(DOC), "-o"], ["audit", str(DOC), "--html"]])
def test_a_read_only_output_folder_is_refused_before_the_work_naming_the_users_path(read_only_folder, command):
    folder, user = read_only_folder
    out = folder / "out.file"
    r = cli(*command, str(out), cwd=Path("/"), user=user)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and f"cannot write {out}" in r.stderr
    assert ".tmp" not in r.stderr and "Traceback" not in r.stderr
    assert not r.stdout.strip()  # refused before the work: no report was printed


def test_check_output_names_a_missing_folder(tmp_path):
    with pytest.raises(CiteauditError, match="folder .*nope does not exist"):
        check_output(tmp_path / "nope" / "out.json")
