"""pandoc --citeproc renders the corpus libraries, BibTeX and CSL-JSON, through Chicago notes without a
warning, every work cited once in a note and listed in the bibliography."""
from __future__ import annotations

import json
import subprocess

import pytest
import regex

from citations.bibtex import keys
from tests.debian import chicago_notes, pandoc  # noqa: F401  (fixtures)


@pytest.mark.parametrize("which", ["bibtex", "csl-json"])
def test_pandoc_renders_the_corpus_library_in_chicago_notes_without_a_warning(pandoc, chicago_notes, corpus_libraries,
                                                                              tmp_path, which):
    items = json.loads(corpus_libraries["csl-json"].read_text(encoding="utf-8"))
    library = corpus_libraries[which]
    ids = keys(items) if which == "bibtex" else [item["id"] for item in items]
    paper = tmp_path / "paper.md"
    paper.write_text("\n\n".join(f"Claim {i}.[@{key}]" for i, key in enumerate(ids)), encoding="utf-8")
    done = subprocess.run([pandoc, str(paper), "--citeproc", f"--bibliography={library}", f"--csl={chicago_notes}",
                           "--wrap=none", "-t", "plain"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stderr == "", done.stderr[-3000:]
    assert "???" not in done.stdout  # citeproc's mark for a citation it could not resolve
    notes = [line for line in done.stdout.splitlines() if line.startswith("[")]
    assert len(notes) == len(ids)  # one footnote per citation
    # plain text: the body, then the bibliography, then the notes
    bibliography = done.stdout.split(f"Claim {len(ids) - 1}.", 1)[1].split(notes[0], 1)[0].casefold()
    # each title's first word (typesetting changes quotes and dashes, and title-cases English)
    missing = [item["title"] for item in items
               if item.get("title") and regex.search(r"\w+", item["title"]).group().casefold() not in bibliography]
    assert not missing, missing[:5]
