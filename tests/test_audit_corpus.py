"""The audit on the real pipeline and corpus: faults injected into copies must all be reported.

Each test copies a corpus file, finds its target with the pipeline (no line numbers written in here),
breaks the copy the way a writer would, and checks the new finding against the untouched original.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from citations.audit import audit
from citations.audit.findings import Finding
from citations.model import Document, Footnote
from citations.pipeline import analyse
from tests.chromium import chromium  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
GOLD = ROOT.parent / "shared" / "gold"
SCHEMA = json.loads((ROOT / "schemas" / "audit.schema.json").read_text("utf-8"))
STRUCTURE = {"CA101", "CA102", "CA103", "CA201", "CA202"}

needs_citations = pytest.mark.skipif(
    not any(getattr(stage, "__module__", "").startswith("citations.references")
            for stage in __import__("citations.pipeline", fromlist=["STAGES"]).STAGES),
    reason="the citations stage (citations.references, issue 3) is not in this build's pipeline yet")


def lines_of(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines(keepends=True)


def footnote_lines(doc: Document, lines: list[str], fn: Footnote) -> list[int]:
    """Source lines (0-based) holding one footnote: its first line and the continuation lines whose
    text is part of it (blank lines between them skipped)."""
    flat = re.sub(r"\s+", "", fn.text)
    found, i = [fn.line - 1], fn.line
    while i < len(lines) and sum(len(re.sub(r"\s+", "", lines[j])) for j in found) < len(flat):
        piece = re.sub(r"\s+", "", lines[i])
        if piece:
            if piece not in flat or re.match(rf"\s*{fn.number + 1}\D", lines[i]):
                break
            found.append(i)
        i += 1
    return found


def broken_copy(tmp_path: Path, source: Path, edit: Callable[[Document, list[str]], Footnote]) -> tuple[Path, Footnote]:
    """A copy of `source` after `edit(original_doc, lines)` changed its lines; returns the footnote edited."""
    doc = analyse(source)
    lines = lines_of(source)
    target = edit(doc, lines)
    copy = tmp_path / source.name
    copy.write_text("".join(lines), encoding="utf-8")
    return copy, target


def new_findings(source: Path, copy: Path) -> list[Finding]:
    """Findings on the copy that the original does not have (compared without line numbers)."""
    key = lambda f: (f.code, f.footnote, f.snippet)  # noqa: E731
    before = {key(f) for f in audit(analyse(source))}
    return [f for f in audit(analyse(copy)) if key(f) not in before]


def middle_footnote(doc: Document, ok: Callable[[int, Footnote], bool] = lambda i, fn: True) -> tuple[int, Footnote]:
    """A footnote near the middle of the document with neighbours in its own chapter, chosen by `ok`."""
    fns = doc.footnotes
    order = sorted(range(1, len(fns) - 1), key=lambda i: abs(i - len(fns) // 2))
    for i in order:
        if fns[i - 1].chapter == fns[i].chapter == fns[i + 1].chapter and fns[i].marker and ok(i, fns[i]):
            return i, fns[i]
    raise AssertionError("no suitable footnote")


def _sole_number(line: str, number: int) -> re.Match | None:
    found = list(re.finditer(rf"(?<!\d){number}(?!\d)", line))
    return found[0] if len(found) == 1 else None


# --- the untouched corpus -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", [p for p in CORPUS if (GOLD / f"markers_{p.name[:3]}.jsonl").exists()],
                         ids=lambda p: p.name[:3])
def test_gold_checked_documents_have_no_numbering_or_orphan_findings(path):
    # The gold lists every footnote with its marker, numbered without gaps: none of these may fire.
    gold = [json.loads(l) for l in (GOLD / f"markers_{path.name[:3]}.jsonl").read_text("utf-8").splitlines()]
    assert len(gold) == len(analyse(path).footnotes)
    assert [f for f in audit(analyse(path)) if f.code in STRUCTURE] == []


# --- injected faults -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_deleted_footnote_is_reported_as_a_gap_and_a_lost_marker(tmp_path, path):
    def delete(doc, lines):
        _, fn = middle_footnote(doc)
        for i in reversed(footnote_lines(doc, lines, fn)):
            del lines[i]
        return fn

    copy, fn = broken_copy(tmp_path, path, delete)
    found = {(f.code, f.footnote) for f in new_findings(path, copy)}
    assert ("CA101", fn.number + 1) in found
    assert any(code == "CA202" for code, _ in found)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_duplicated_number_is_reported(tmp_path, path):
    def duplicate(doc, lines):
        # Footnote n is numbered n-1 (in its block and at its marker), as after a bad copy and paste.
        _, fn = middle_footnote(doc, lambda i, fn: _sole_number(lines[fn.marker.line - 1], fn.number) is not None
                                and fn.marker.line != fn.line)
        first = fn.line - 1
        lines[first] = re.sub(rf"^(\s*){fn.number}(?!\d)", rf"\g<1>{fn.number - 1}", lines[first], count=1)
        m = _sole_number(lines[fn.marker.line - 1], fn.number)
        at = fn.marker.line - 1
        lines[at] = lines[at][: m.start()] + str(fn.number - 1) + lines[at][m.end():]
        return fn

    copy, fn = broken_copy(tmp_path, path, duplicate)
    assert ("CA102", fn.number - 1) in {(f.code, f.footnote) for f in new_findings(path, copy)}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_removed_marker_is_reported(tmp_path, path):
    def unmark(doc, lines):
        _, fn = middle_footnote(doc, lambda i, fn: _sole_number(lines[fn.marker.line - 1], fn.number) is not None)
        at = fn.marker.line - 1
        m = _sole_number(lines[at], fn.number)
        lines[at] = lines[at][: m.start()] + lines[at][m.end():]
        return fn

    copy, fn = broken_copy(tmp_path, path, unmark)
    assert ("CA201", fn.number) in {(f.code, f.footnote) for f in new_findings(path, copy)}


def replace_footnote(doc: Document, lines: list[str], fn: Footnote, text: str) -> None:
    span = footnote_lines(doc, lines, fn)
    lines[span[0]] = f"{fn.number} {text}\n"
    for j in reversed(span[1:]):
        del lines[j]


@needs_citations
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_changed_year_in_a_repeated_citation_is_reported(tmp_path, path):
    def change_year(doc, lines):
        from citations.audit.checks.common import citations, year

        # A work cited in full twice with its year: the second gets the year after.
        seen: dict[str, int] = {}
        for fn, _, cit in citations(doc):
            y = year(cit.csl) if cit.kind == "citation" else None
            if cit.work and y and seen.get(cit.work) == y:
                for i in footnote_lines(doc, lines, fn):
                    if str(y) in lines[i]:
                        lines[i] = lines[i].replace(str(y), str(y + 1), 1)
                        return fn
            if cit.work and y:
                seen.setdefault(cit.work, y)
        # None (this document repeats with op. cit.): an op. cit. is written out in full again, a year off.
        by_seq = {f.seq: f for f in doc.footnotes}
        for fn, _, cit in citations(doc):
            if cit.kind == "crossref" and cit.form == "opcit" and cit.crossref_of and len(fn.citations) == 1:
                target = by_seq[cit.crossref_of.seq].citations[cit.crossref_of.index]
                y = year(target.csl)
                if y and str(y) in target.raw:
                    replace_footnote(doc, lines, fn, target.raw.replace(str(y), str(y + 1), 1))
                    return fn
        raise AssertionError("no repeated citation to change")

    copy, fn = broken_copy(tmp_path, path, change_year)
    found = [f for f in new_findings(path, copy) if f.code == "CA401"]
    assert [f.footnote for f in found] == [fn.number]
    assert len({r["value"] for r in found[0].related}) == 2  # both variants, side by side


@needs_citations
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_ibid_after_a_two_citation_footnote_is_reported(tmp_path, path):
    def ambiguous_ibid(doc, lines):
        # Footnote n gets a second citation (one cited earlier); footnote n+1 becomes "同前註" / "Ibid.".
        i, fn = middle_footnote(doc, lambda i, fn: len(fn.citations) == 1 and fn.citations[0].kind == "citation")
        other = next(c for f in doc.footnotes[:i] for c in f.citations if c.kind == "citation")
        last = footnote_lines(doc, lines, fn)[-1]
        lines[last] = lines[last].rstrip().rstrip("。.") + "；" + other.raw.strip() + "\n"
        after = doc.footnotes[i + 1]
        replace_footnote(doc, lines, after, "同前註，頁 5。")
        return after

    copy, fn = broken_copy(tmp_path, path, ambiguous_ibid)
    assert ("CA301", fn.number) in {(f.code, f.footnote) for f in new_findings(path, copy)}


# --- end to end -------------------------------------------------------------------------------------

def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "citations", "audit", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_corpus_json_report_validates_and_html_count_matches_in_chromium(chromium, tmp_path):
    done = cli("corpus", "--format", "json", "--html", str(tmp_path / "report.html"))
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["total"] == len(report["findings"]) > 0
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                          "--virtual-time-budget=5000", "--dump-dom", (tmp_path / "report.html").as_uri()],
                         capture_output=True, text=True, timeout=300).stdout
    assert 'data-ready="1"' in dom
    shown = re.search(r'<span id="count-shown">(\d+)</span>', dom)
    assert shown and int(shown.group(1)) == report["summary"]["total"]
    assert dom.count('class="marker"') == sum(1 for d in CORPUS for f in analyse(d).footnotes if f.marker)


def test_text_report_groups_by_document_and_exit_code_follows_fail_on(tmp_path):
    done = cli("corpus", "--fail-on", "info")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for path in CORPUS:
        assert f"corpus/{path.name}" in done.stdout
    assert re.search(r"\d+ findings in \d+ documents", done.stdout)
    assert cli("corpus", "--ignore", "CA1,CA2,CA3,CA4,CA5,CA6,CA7").returncode == 0


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\xff" * 50], ids=["empty", "binary"])
def test_unreadable_document_is_one_line_and_exit_2(tmp_path, content):
    (tmp_path / "thesis.txt").write_bytes(content)
    done = cli(str(tmp_path / "thesis.txt"))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
