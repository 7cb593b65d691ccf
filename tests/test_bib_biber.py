"""biber on the corpus libraries: the export fits biblatex's data model, and each warning biber still
gives is a gap in the footnote that the audit reports on that footnote."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import regex

from citations.audit import audit
from citations.bibtex import dumps
from citations.pipeline import analyse
from tests.debian import biber  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[1]
WARNING = regex.compile(r"WARN - Datamodel: Entry '([^']+)' \([^)]*\): (.*)")

# What each biber complaint means in the footnote, and the audit checks that report it. A complaint
# not listed here (an invalid field, a non-integer volume, a collection without editor) is the
# export's fault and must not happen.
GAPS = {
    "Missing mandatory field 'author'": {"CA508"},
    "Missing mandatory field 'title'": {"CA509"},
    "Missing mandatory field 'journaltitle'": {"CA502"},
    "Missing mandatory field - one of 'date, year' must be defined": {"CA501", "CA502", "CA506", "CA507", "CA510"},
    "Missing mandatory field 'institution'": {"CA510"},
}


def biber_warnings(biber_path: str, bib_text: str, folder: Path) -> list[tuple[str, str]]:
    """(entry key, complaint) for every data-model warning biber gives on this library."""
    source = folder / "refs.bib"
    source.write_text(bib_text, encoding="utf-8")
    done = subprocess.run([biber_path, "--tool", "--validate-datamodel", "--nolog",
                           f"--outfile={folder / 'out.bib'}", str(source)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [m.groups() for line in done.stdout.splitlines() if (m := WARNING.search(line))]


@pytest.fixture(scope="module")
def documents():
    return [analyse(path) for path in sorted((ROOT / "corpus").glob("*.txt"))]


def test_every_biber_warning_on_a_document_library_is_an_audit_finding_on_that_footnote(biber, documents, tmp_path):
    unexplained, explained = [], 0
    for doc in documents:
        findings = audit(doc)
        codes_at = {}
        for f in findings:
            codes_at.setdefault(f.seq, set()).add(f.code)
        for key, complaint in biber_warnings(biber, dumps(doc.works), tmp_path):
            cited_in = {fn.seq for fn in doc.footnotes for c in fn.citations if c.work == key}
            found = set().union(*(codes_at.get(seq, set()) for seq in cited_in))
            if found & GAPS.get(complaint, set()):
                explained += 1
            else:
                unexplained.append(f"{doc.id} {key}: {complaint} (footnote findings: {sorted(found)})")
    assert not unexplained, "\n".join(unexplained)
    assert explained > 0  # the corpus has real gaps; a run that saw none did not check anything


def test_corpus_library_has_no_warning_that_is_the_exports_fault(biber, corpus_libraries, tmp_path):
    bib = corpus_libraries["bibtex"].read_text(encoding="utf-8")
    complaints = [c for _, c in biber_warnings(biber, bib, tmp_path)]
    assert complaints and set(complaints) <= set(GAPS), sorted(set(complaints) - set(GAPS))


@pytest.mark.parametrize("item, etype", [
    ({"type": "book", "title": "上海合作組織研究", "editor": [{"family": "邢", "given": "廣程"}], "publisher": "長春出版社",
      "issued": {"date-parts": [[2007]]}}, "collection"),
    ({"type": "report", "title": "深入中亞", "editor": [{"family": "傅", "given": "仁坤"}], "publisher": "清雲科技大學",
      "issued": {"date-parts": [[2007]]}}, "collection"),
    ({"type": "chapter", "title": "印度的中亞外交", "author": [{"family": "朱", "given": "明忠"}], "container-title": "報告",
      "publisher": "社會科學文獻出版社", "issued": {"date-parts": [[2004]]}}, "inbook"),
    ({"type": "webpage", "title": "現況", "author": [{"family": "傅", "given": "仁坤"}], "publisher": "清雲科技大學",
      "container-title": "中亞研究所", "URL": "http://x.tw/a", "issued": {"date-parts": [[2008]]}}, "online"),
    ({"type": "book", "title": "舊唐書", "author": [{"family": "張", "given": "昭遠"}], "volume": "一百九十八", "publisher": "中華書局",
      "issued": {"date-parts": [[1975]]}}, "book"),
    ({"type": "report", "title": "Oil Market Report", "author": [{"literal": "IEA"}], "issued": {"date-parts": [[2010]]}}, "report"),
    ({"type": "report", "title": "名冊", "author": [{"literal": "外交部禮賓司"}], "editor": [{"family": "王", "given": "五"}],
      "publisher": "外交部", "issued": {"date-parts": [[2001]]}}, "report"),
    ({"type": "article-journal", "title": "研究", "author": [{"family": "李", "given": "四"}], "container-title": "問題與研究",
      "publisher": "雜誌社", "volume": "Spring", "issued": {"date-parts": [[2002]]}}, "article"),
])
def test_export_faults_biber_named_are_gone(biber, tmp_path, item, etype):
    text = dumps([dict(item, id="k")])
    assert text.startswith(f"@{etype}{{k,")
    assert biber_warnings(biber, text, tmp_path) == []
