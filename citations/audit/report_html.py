"""The HTML report: one self-contained file to read an audit in.

Each document's body with markers and claims highlighted, its footnotes beside it, every finding
inline where it occurs, and a filterable list of all findings on top. Every piece of document text
goes through `html.escape`; a Content-Security-Policy allows only this module's own script (by hash),
so even a slip in escaping could not run anything that came from a document.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Sequence
from html import escape

from ..model import Document
from .findings import SEVERITIES, Finding
from .registry import REGISTRY

_CSS = """
body{font:15px/1.6 system-ui,"Noto Sans CJK TC","PingFang TC",sans-serif;margin:0;color:#222;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.6em 1.2em;z-index:2}
h1{font-size:1.2em;margin:0 0 .3em} h2{font-size:1.05em;margin:1.2em 0 .4em}
.filters label{margin-right:1em} .filters input[type=search]{width:18em}
main{padding:0 1.2em 3em} table{border-collapse:collapse;width:100%;font-size:.9em}
.summary{max-height:45vh;overflow:auto;border:1px solid #e4e4e4;background:#fff}
td,th{border-bottom:1px solid #eee;padding:.2em .4em;text-align:left;vertical-align:top}
.doc{display:grid;grid-template-columns:3fr 2fr;gap:1.5em;border-top:2px solid #ccc;margin-top:1.5em}
.doc>h2{grid-column:1/3} .docfindings{grid-column:1/3}
.text{white-space:pre-wrap;background:#fff;padding:1em;border:1px solid #e4e4e4}
.notes{font-size:.9em;list-style:none;padding-left:0;margin-top:0} .notes li{margin-bottom:.5em;padding:.2em .4em;background:#fff;border:1px solid #eee}
.notes li:target,.marker:target{outline:2px solid #36c}
.marker{color:#fff;background:#36c;border-radius:3px;padding:0 .25em;font-size:.75em;text-decoration:none}
.claim{background:#fff3b0} .fnum{font-weight:bold;margin-right:.4em}
.finding{display:inline-block;font-size:.8em;border-radius:3px;padding:0 .35em;margin:0 .2em;white-space:normal}
.error{background:#fdd;color:#900} .warning{background:#fec;color:#840} .info{background:#def;color:#046}
.related{margin:.2em 0;font-size:.9em;background:#f6f6f6} .hidden{display:none!important}
"""

# Filters rows and inline findings alike, and shows how many are visible.
_SCRIPT = """
(function(){
  var boxes=document.querySelectorAll('input[data-severity]');
  var code=document.getElementById('filter-code'), text=document.getElementById('filter-text');
  function apply(){
    var on={}; boxes.forEach(function(b){on[b.dataset.severity]=b.checked;});
    var c=code.value, q=text.value.toLowerCase(), shown=0;
    document.querySelectorAll('[data-finding]').forEach(function(el){
      var ok=on[el.dataset.severity]&&(!c||el.dataset.code===c)&&(!q||el.textContent.toLowerCase().indexOf(q)>=0);
      el.classList.toggle('hidden',!ok);
      if(ok&&el.tagName==='TR'){shown++;}
    });
    document.getElementById('count-shown').textContent=String(shown);
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  code.addEventListener('change',apply); text.addEventListener('input',apply);
  apply(); document.documentElement.dataset.ready='1';
})();
"""


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:"


def _attrs(f: Finding, n: int) -> str:
    return f'data-finding="{n}" data-code="{escape(f.code)}" data-severity="{escape(f.severity)}"'


def _badge(f: Finding, n: int) -> str:
    return (f'<span class="finding {f.severity}" id="f{n}" {_attrs(f, n)} '
            f'title="{escape(f.message)}">{escape(f.code)} {escape(f.message)}</span>')


def _body(doc: Document, d: int, inline: dict[int, list[tuple[int, Finding]]]) -> str:
    """The body text, escaped, with markers, claims and findings inserted at their offsets."""
    events: dict[int, list[tuple[int, str]]] = {}  # offset -> (order, html); closing tags sort first

    def put(offset: int, order: int, html: str) -> None:
        events.setdefault(max(0, min(offset, len(doc.body))), []).append((order, html))

    last_end = -1
    for claim in sorted(doc.claims, key=lambda c: c.start):
        if claim.start >= last_end and claim.end > claim.start:  # overlapping claims would break nesting
            put(claim.start, 2, f'<mark class="claim" title="claim {escape(claim.id)}">')
            put(claim.end, 0, "</mark>")
            last_end = claim.end
    for fn in doc.footnotes:
        if fn.marker is not None:
            put(fn.marker.offset, 1, f'<a class="marker" id="d{d}m{fn.seq}" href="#d{d}n{fn.seq}">{fn.number}</a>')
    for offset, items in inline.items():
        for n, f in items:
            put(offset, 3, _badge(f, n))
    out, pos = [], 0
    for offset in sorted(events):
        out.append(escape(doc.body[pos:offset]))
        out.extend(html for _, html in sorted(events[offset], key=lambda e: e[0]))
        pos = offset
    out.append(escape(doc.body[pos:]))
    return "".join(out)


def section(doc: Document, d: int, numbered: list[tuple[int, Finding]]) -> str:
    """Document d's part of the page: its text, notes and findings (numbered across the report)."""
    in_body: dict[int, list[tuple[int, Finding]]] = {}
    in_note: dict[int, list[tuple[int, Finding]]] = {}
    elsewhere: list[tuple[int, Finding]] = []
    for n, f in numbered:
        if f.offset is not None:
            in_body.setdefault(f.offset, []).append((n, f))
        elif f.seq is not None:
            in_note.setdefault(f.seq, []).append((n, f))
        else:
            elsewhere.append((n, f))
    notes = "".join(
        f'<li id="d{d}n{fn.seq}"><a class="fnum" href="#d{d}m{fn.seq}">{fn.number}</a>{escape(fn.text)}'
        f'{"".join(_badge(f, n) for n, f in in_note.get(fn.seq, []))}</li>' for fn in doc.footnotes)
    loose = "".join(f"<div>{_badge(f, n)} {escape(f.snippet)}</div>" for n, f in elsewhere)
    return (f'<section class="doc" id="doc{d}"><h2>{escape(doc.source)} — {len(doc.footnotes)} footnotes, '
            f'{len(numbered)} findings</h2>'
            f'{f"<div class=docfindings>{loose}</div>" if loose else ""}'
            f'<div class="text">{_body(doc, d, in_body)}</div><ol class="notes">{notes}</ol></section>')


def _related(f: Finding) -> str:
    """Variants side by side: footnote number, the differing value and the citation as printed."""
    if not f.related:
        return ""
    rows = "".join(f"<tr><td>fn. {escape(str(r.get('footnote', '')))}</td><td>{escape(str(r.get('value', '')))}</td>"
                   f"<td>{escape(str(r.get('text', '')))}</td></tr>" for r in f.related)
    return f'<table class="related">{rows}</table>'


def _row(f: Finding, n: int) -> str:
    cells = [f'<a href="#f{n}">{escape(f.code)}</a>', escape(f.severity), escape(f.doc),
             "" if f.page is None else str(f.page), "" if f.footnote is None else str(f.footnote),
             "" if f.line is None else str(f.line), escape(f.message) + _related(f), escape(f.snippet)]
    return f'<tr {_attrs(f, n)}>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def render(docs: Sequence[Document], findings: Sequence[Finding]) -> str:
    numbered = list(enumerate(findings))
    return page(len(docs), findings, "".join(section(doc, d, [(n, f) for n, f in numbered if f.doc == doc.id])
                                             for d, doc in enumerate(docs)))


def page(n_docs: int, findings: Sequence[Finding], sections: str) -> str:
    """The whole report around the documents' sections (rendered one document at a time by `section`)."""
    numbered = list(enumerate(findings))
    by_severity = Counter(f.severity for f in findings)
    codes = sorted({f.code for f in findings})
    checkboxes = "".join(f'<label><input type="checkbox" data-severity="{s}" checked> {s} '
                         f'({by_severity.get(s, 0)})</label>' for s in SEVERITIES)
    options = "".join(f'<option value="{c}">{c} — {escape(REGISTRY[c].description)}</option>' for c in codes)
    rows = "".join(_row(f, n) for n, f in numbered)
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-Hant\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{_csp()}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>citeaudit report</title><style>{_CSS}</style></head><body>"
        f'<header><h1>citeaudit report: <span id="count-shown">{len(findings)}</span> of '
        f'<span id="count-total">{len(findings)}</span> findings in {n_docs} document{"s" if n_docs != 1 else ""}</h1>'
        f'<div class="filters">{checkboxes}<select id="filter-code"><option value="">all checks</option>{options}'
        '</select> <input type="search" id="filter-text" placeholder="filter text"></div></header><main>'
        '<h2>All findings</h2><div class="summary"><table id="findings"><thead><tr><th>code</th><th>severity</th><th>document</th>'
        f"<th>page</th><th>footnote</th><th>line</th><th>message</th><th>snippet</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>{sections}</main><script>{_SCRIPT}</script></body></html>\n"
    )
