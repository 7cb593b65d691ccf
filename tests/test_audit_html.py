"""The HTML report: self-contained, every document text escaped, and it works in a real browser."""
from __future__ import annotations

import base64
import hashlib
import re
import subprocess
from pathlib import Path

from citations.audit import audit, report_html, report_json
from citations.model import Document
from tests.audit_docs import Note, cite, make_doc, xref
from tests.chromium import chromium  # noqa: F401  (fixture)

# Every way a document could try to run code in the report, each setting the same flag.
PAYLOADS = [
    "<script>document.documentElement.setAttribute('data-pwned','script')</script>",
    "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
    "\"><svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\">",
]


def hostile_doc() -> Document:
    body = f"甲{PAYLOADS[0]}。{{1}}乙{PAYLOADS[1]}。{{2}}\n\n丙。{{3}}"
    return make_doc(body, [
        Note(1, [cite(f"蔡東杰，《中國外交{PAYLOADS[2]}》", title=f"中國外交{PAYLOADS[2]}", work="w", year=2006)]),
        Note(2, [cite(f"蔡東杰，《中國外交》{PAYLOADS[0]}", title="中國外交", work="w", year=2007)]),
        Note(5, [xref(f"Ibid.{PAYLOADS[1]}", "ibid")], marker=False),
    ], claims=True, doc_id=f"x{PAYLOADS[2]}")


def test_document_text_is_escaped_everywhere():
    doc = hostile_doc()
    html = report_html.render([doc], audit(doc))
    assert "<script>document" not in html and "<img" not in html and "<svg" not in html
    assert "&lt;script&gt;document" in html and "&lt;img src=x onerror=" in html


def test_only_the_reports_own_script_is_allowed_to_run():
    html = report_html.render([], [])
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert len(scripts) == 1 and f"script-src 'sha256-{digest}'" in html and "default-src 'none'" in html


def test_markers_claims_footnotes_and_findings_are_all_in_place():
    doc = hostile_doc()
    findings = audit(doc)
    html = report_html.render([doc], findings)
    assert html.count('class="marker"') == 2 and html.count('<mark class="claim"') == 2
    assert html.count("<li id=") == 3
    assert len(re.findall(r"<tr data-finding=", html)) == len(findings)
    assert {"CA101", "CA201", "CA401"} <= {f.code for f in findings}


def dump_dom(chromium_path: str, html_file: Path) -> str:
    """The page's DOM after load, scripts run, as Chromium sees it."""
    done = subprocess.run([chromium_path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--virtual-time-budget=3000", "--dump-dom", html_file.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_report_renders_in_chromium_with_the_json_count_and_runs_nothing_from_the_document(chromium, tmp_path):
    doc = hostile_doc()
    findings = audit(doc)
    page = tmp_path / "report.html"
    page.write_text(report_html.render([doc], findings), encoding="utf-8")
    dom = dump_dom(chromium, page)
    assert 'data-ready="1"' in dom  # the report's own script ran, so scripts were enabled
    assert "data-pwned=" not in dom.split("<body", 1)[0]  # no payload set the flag on <html>
    shown = re.search(r'<span id="count-shown">(\d+)</span>', dom)
    assert shown and int(shown.group(1)) == report_json.to_dict([doc], findings)["summary"]["total"] > 0
