"""A .docx that expands to far more XML than any real document is refused before it is parsed."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from citations.errors import CiteauditError
from citations.formats.docx import read_docx
from tests.conftest import ROOT

SOURCE = ROOT / "tests" / "data" / "en_paper.docx"


def padded_docx(out: Path, megabytes: int) -> Path:
    """en_paper.docx with `megabytes` of empty-ish paragraphs streamed into word/document.xml."""
    chunk = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 30000
    with zipfile.ZipFile(SOURCE) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename != "word/document.xml":
                zout.writestr(item, data)
                continue
            head, tail = data.split(b"</w:body>")
            with zout.open(item.filename, "w", force_zip64=True) as fh:
                fh.write(head)
                for _ in range(megabytes * 2**20 // len(chunk)):
                    fh.write(chunk)
                fh.write(b"</w:body>" + tail)
    return out


def test_a_small_docx_expanding_to_100_mb_of_xml_is_refused_in_one_line_exit_2(tmp_path):
    bomb = padded_docx(tmp_path / "thesis.docx", 100)
    assert bomb.stat().st_size < 1_000_000
    r = subprocess.run([sys.executable, "-m", "citations", "parse", str(bomb)], capture_output=True, text=True,
                       cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "MiB" in r.stderr and "Traceback" not in r.stderr


def test_a_part_that_expands_hundreds_of_times_is_refused_even_under_the_size_cap(tmp_path):
    bomb = padded_docx(tmp_path / "small.docx", 8)
    with pytest.raises(CiteauditError, match="expands .* times"):
        read_docx(bomb)


def test_a_real_docx_passes_the_checks():
    assert read_docx(SOURCE).footnotes
