"""Scale: work grows linearly with the document, and commands import only what they need."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from citations.document import parse_text
from citations.references import crossrefs, resolve, works

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "000_88da3538dd038a9b.txt"


def copies(n: int):
    return resolve(parse_text(SAMPLE.read_text(encoding="utf-8") * n, doc_id="big"))


def count_comparisons(monkeypatch, n: int) -> int:
    """Name and title comparisons made while resolving n copies of a document."""
    calls = [0]
    for module, name in ((crossrefs, "_has_name"), (crossrefs, "_keys_of"), (works, "same_name"), (works, "_short_of")):
        real = getattr(module, name)

        def counting(*args, _real=real):
            calls[0] += 1
            return _real(*args)

        monkeypatch.setattr(module, name, counting)
    copies(n)
    return calls[0]


def test_comparisons_grow_linearly_with_the_number_of_notes(monkeypatch):
    four, eight = count_comparisons(monkeypatch, 4), count_comparisons(monkeypatch, 8)
    assert four > 500
    assert eight <= 2.3 * four  # twice the notes; a scan of every earlier work would make it 4 times


def test_a_document_of_four_copies_resolves_each_copy_like_the_first():
    single, big = copies(1), copies(4)
    n = len(single.footnotes)
    assert len(big.footnotes) == 4 * n and len(big.works) == len(single.works)  # repeats merge across copies
    for k in range(1, 4):
        for fn, again in zip(single.footnotes, big.footnotes[k * n:(k + 1) * n]):
            for cit, cit_again in zip(fn.citations, again.citations):
                assert cit_again.work == cit.work or cit.work is None
                if cit.crossref_of:  # same target, in its own copy (ibid., 同註 N) or the nearest earlier one
                    assert cit_again.crossref_of is not None
                    assert big.footnotes[cit_again.crossref_of.seq - 1].citations[cit_again.crossref_of.index].work == cit.work


def modules_loaded(*argv: str) -> set[str]:
    code = ("import sys, runpy; sys.argv = ['citeaudit', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('citations', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=ROOT)
    return set(done.stderr.split())


HEAVY = {"spacy", "label_studio_sdk", "pypdfium2", "pypinyin", "docx", "distributed", "rich.progress", "typer.rich_utils"}


def test_help_imports_no_heavy_library():
    assert not HEAVY & modules_loaded("--help")


def test_parsing_an_english_text_imports_only_the_pipeline(tmp_path):
    doc = tmp_path / "paper.txt"
    doc.write_text("China's policy changed.1\n\n" + " " * 20 + "\n1 Robert Sutter, Chinese Foreign Relations "
                   "(Lanham: Rowman & Littlefield, 2012), 45.\n", encoding="utf-8")
    loaded = modules_loaded("parse", str(doc))
    assert "citations.pipeline" in loaded and not HEAVY & loaded
