"""Benchmark the citations stage against the hand-checked field gold.

    python bench/bench_citations.py [--misses] [--gold DIR] [--external DIR]

Prints field precision / recall / F1 per field and overall, cross-reference resolution accuracy
(gold `crossref_of`, and the work a `short_form` repeat lands on), citations per second, and a
robustness figure on the rendered notes of ../shared/external/zotero-chinese-styles.
Both sides get the same normalisation: NFKC, whitespace removed, outer bracket delimiters
stripped, page dashes unified, month names as numbers.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.gold import GOLD, corpus_file  # noqa: E402
from citations.model import Document, Footnote  # noqa: E402
from citations.references import names as N  # noqa: E402
from citations.references import parse_citation, resolve  # noqa: E402

SHARED = GOLD.parent
TYPE_MAP = {
    "article-journal": "article", "chapter": "incollection", "paper-conference": "incollection",
    "book": "book", "thesis": "thesis", "webpage": "online", "report": "report",
    "article-newspaper": "news", "document": "misc",
}
MONTHS = {m: str(i) for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
SCALAR = ["type", "lang", "title", "container", "volume", "issue", "year", "month", "day", "pages",
          "publisher", "address", "url", "chapter", "signal"]
LISTS = ["authors", "editors", "translators"]


def norm(value: str, key: str = "") -> str:
    v = unicodedata.normalize("NFKC", str(value))
    v = regex.sub(r"\s+", "", v)
    v = v.strip("〈〉《》「」“”\"")
    if key == "pages" or key == "day":
        v = regex.sub(r"[‐‑‒–—~～－]", "-", v)
    if key == "month":
        v = MONTHS.get(v[:3].lower(), v).lstrip("0")
    if key == "signal":
        v = v.strip("：:")
    return v


def predicted(cit) -> dict[str, object]:
    """The gold's field names, read from a Citation."""
    if cit.kind == "note":
        return {"type": "note"}
    out: dict[str, object] = {}
    if cit.locator and "locator-inherited" not in cit.flags:  # the gold records printed pages only
        out["pages"] = cit.locator
    if cit.signal:
        out["signal"] = cit.signal
    if cit.kind == "crossref":
        out["type"] = "crossref"
        return out
    c = cit.csl or {}
    out["type"] = TYPE_MAP.get(c.get("type"), c.get("type"))
    out["lang"] = c.get("language")
    for src, dst in [("author", "authors"), ("editor", "editors"), ("translator", "translators")]:
        if c.get(src):
            out[dst] = [N.display(n) for n in c[src]]
    for src, dst in [("title", "title"), ("container-title", "container"), ("volume", "volume"),
                     ("issue", "issue"), ("publisher", "publisher"), ("publisher-place", "address"),
                     ("URL", "url"), ("section", "chapter")]:
        if c.get(src):
            out[dst] = c[src]
    parts = c.get("issued", {}).get("date-parts", [])
    if parts:
        first = parts[0]
        for k, key in enumerate(["year", "month", "day"]):
            if len(first) > k:
                out[key] = str(first[k])
        if len(parts) > 1 and len(parts[1]) > 2 and parts[1][2] != first[2]:
            out["day"] = f"{first[2]}-{parts[1][2]}"
    return {k: v for k, v in out.items() if v}


def gold_fields(g: dict) -> dict[str, object]:
    out: dict[str, object] = {}
    if g["type"] == "note":
        return {"type": "note"}
    for key in SCALAR:
        if key in g:
            out[key] = g[key]
    if g["type"] == "crossref":
        out = {"type": "crossref"}
        if "locator_pages" in g:
            out["pages"] = g["locator_pages"]
        if "signal" in g:
            out["signal"] = g["signal"]
        return out
    for key in LISTS:
        if key in g:
            out[key] = g[key]
    return out


def same(key: str, a: object, b: object) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        if not (isinstance(a, list) and isinstance(b, list)) or len(a) != len(b):
            return False
        return all(norm(x) == norm(y) for x, y in zip(a, b))
    return norm(a, key) == norm(b, key)


def load_documents(docs: list[str]) -> dict[str, Document]:
    """The documents the gold refers to, through the real pipeline (parse_document + citations stage)."""
    from citations.pipeline import analyse

    return {doc: analyse(corpus_file(doc)) for doc in docs}


def run(gold_dir: Path, show_misses: bool) -> dict:
    gold = [json.loads(x) for x in (gold_dir / "fields.jsonl").open(encoding="utf-8")]
    docs = load_documents(sorted({g["doc"] for g in gold}))
    started = time.perf_counter()
    n_cit = 0
    for doc in docs.values():  # time the citations stage alone (documents are already parsed)
        resolve(doc)
        n_cit += sum(len(f.citations) for f in doc.footnotes)
    elapsed = time.perf_counter() - started
    tp, fp, fn_ = Counter(), Counter(), Counter()
    xref_ok = xref_all = 0
    misses = []
    for g in gold:
        doc = docs.get(g["doc"])
        cit, footnote = None, None
        if doc is not None:
            chapter = g.get("doc_chapter", 1)
            footnote = next((f for f in doc.footnotes if f.number == g["footnote"] and f.chapter == chapter), None)
            if footnote and len(footnote.citations) >= g["index"]:
                cit = footnote.citations[g["index"] - 1]
        pred = predicted(cit) if cit else {}
        want = gold_fields(g)
        for key in set(want) | set(pred):
            if key in want and key in pred and same(key, want[key], pred[key]):
                tp[key] += 1
            else:
                if key in pred:
                    fp[key] += 1
                if key in want:
                    fn_[key] += 1
                misses.append((g["doc"], g.get("doc_chapter", ""), g["footnote"], g["index"], key, want.get(key), pred.get(key)))
        if "crossref_of" in g and doc is not None and footnote is not None:
            xref_all += 1
            ok = False
            if cit is not None:
                target_fn = next((f for f in doc.footnotes if f.number == g["crossref_of"]
                                  and f.chapter == g.get("doc_chapter", 1) and f.seq <= footnote.seq), None)
                if target_fn:
                    t_index = g.get("crossref_index", None)
                    if cit.kind == "crossref" and cit.crossref_of:
                        ok = cit.crossref_of.seq == target_fn.seq and (t_index is None or cit.crossref_of.index == t_index - 1)
                    elif cit.work:  # short form: lands on the work of the full citation
                        cands = [c for c in target_fn.citations if c.kind == "citation"]
                        idx = (t_index or 1) - 1
                        ok = idx < len(cands) and cands[idx].work == cit.work
            xref_ok += ok
            if not ok:
                misses.append((g["doc"], g.get("doc_chapter", ""), g["footnote"], g["index"], "crossref_of",
                               g["crossref_of"], cit.crossref_of if cit else None))
    fields = sorted(set(tp) | set(fp) | set(fn_))
    table = {}
    for key in fields:
        p = tp[key] / (tp[key] + fp[key]) if tp[key] + fp[key] else 1.0
        r = tp[key] / (tp[key] + fn_[key]) if tp[key] + fn_[key] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[key] = (p, r, f, tp[key] + fn_[key])
    T, FP, FN = sum(tp.values()), sum(fp.values()), sum(fn_.values())
    P, R = T / (T + FP), T / (T + FN)
    overall = (P, R, 2 * P * R / (P + R))
    if show_misses:
        for m in misses:
            print("MISS", *m)
    return {"fields": table, "overall": overall, "xref": (xref_ok, xref_all), "rate": n_cit / elapsed if elapsed else 0,
            "n_cit": n_cit, "docs": sorted(docs)}


def external(ext_dir: Path, limit: int | None = None) -> tuple[dict, int]:
    """Field recall/precision on notes rendered from known CSL items (only fields that occur in the text)."""
    items = json.loads((ext_dir / "items.csl.json").read_text(encoding="utf-8"))
    tp, total_gold, total_pred = Counter(), Counter(), Counter()
    rows = [json.loads(x) for x in (ext_dir / "rendered_notes.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows if len(r["cites"]) == 1][:limit]
    for r in rows:
        cite = r["cites"][0]
        item = items.get(cite["id"]) if isinstance(items, dict) else None
        if not item:
            continue
        csl, _ = parse_citation(r["text"])
        for key in ("title", "container-title", "publisher", "publisher-place", "volume", "issue"):
            present = cite["fields_in_text"].get(key)
            if present is True and item.get(key):
                total_gold[key] += 1
                # styles re-case English titles (sentence/title case): compare case-insensitively
                if csl.get(key) and norm(csl[key]).casefold() == norm(item[key]).casefold():
                    tp[key] += 1
            if csl.get(key) and present is True:
                total_pred[key] += 1
        if cite["fields_in_text"].get("year") and item.get("issued"):
            total_gold["year"] += 1
            want = str(item["issued"].get("date-parts", [[""]])[0][0]) if "date-parts" in item["issued"] else ""
            got = str(csl.get("issued", {}).get("date-parts", [[""]])[0][0]) if csl.get("issued") else ""
            tp["year"] += bool(got) and got == want
            total_pred["year"] += bool(got)
    out = {}
    for key in total_gold:
        p = tp[key] / total_pred[key] if total_pred[key] else 0.0
        r = tp[key] / total_gold[key]
        out[key] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, total_gold[key])
    return out, len(rows)


def external_repeats(ext_dir: Path) -> tuple[int, int, int, int]:
    """Repeat notes of the 'default_test' section (同上, 同前注〔2〕, 同2, short forms): each style's
    nine notes become one document; a repeat is right when it lands on the work of the earlier note
    citing the same item, and its locator is the rendered one. Returns (work ok, locator ok, n, styles)."""
    rows = [json.loads(x) for x in (ext_dir / "rendered_notes.jsonl").open(encoding="utf-8")]
    by_style: dict[str, list[dict]] = {}
    for r in rows:
        if r["section"] == "default_test" and r["citation_format"] == "note":
            by_style.setdefault(r["style"], []).append(r)
    ok_work = ok_loc = n = 0
    for notes in by_style.values():
        notes.sort(key=lambda r: r["note"])
        fns = [Footnote(seq=k + 1, number=r["note"], page=1, text=r["text"], line=k + 1) for k, r in enumerate(notes)]
        doc = resolve(Document(id="x", source="x", encoding="utf-8", pages=[], body="", footnotes=fns))
        first: dict[str, str | None] = {}
        for r, fn in zip(notes, doc.footnotes):
            cid = r["cites"][0]["id"]
            cit = next((c for c in fn.citations if c.kind != "note"), None)
            work = cit.work if cit else None
            if cid in first:
                n += 1
                ok_work += work is not None and work == first[cid]
                want = r["cites"][0].get("locator")
                ok_loc += bool(cit) and norm(cit.locator or "", "pages") == norm(want or "", "pages")
            else:
                first[cid] = work
    return ok_work, ok_loc, n, len(by_style)


def show(title: str, table: dict, overall=None) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # pragma: no cover
        Console = None
    if Console:
        t = Table(title=title)
        for col in ("field", "precision", "recall", "F1", "gold n"):
            t.add_column(col, justify="right" if col != "field" else "left")
        for key, (p, r, f, n) in sorted(table.items()):
            t.add_row(key, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(n))
        if overall:
            t.add_row("[b]overall", f"{overall[0]:.3f}", f"{overall[1]:.3f}", f"[b]{overall[2]:.3f}", "")
        Console().print(t)
    else:
        print(title)
        for key, (p, r, f, n) in sorted(table.items()):
            print(f"{key:12} P={p:.3f} R={r:.3f} F1={f:.3f} n={n}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--external", type=Path, default=SHARED / "external" / "zotero-chinese-styles")
    ap.add_argument("--misses", action="store_true", help="print every missed field")
    ap.add_argument("--no-external", action="store_true")
    args = ap.parse_args()
    res = run(args.gold, args.misses)
    show(f"Citation fields vs gold (documents {', '.join(res['docs'])})", res["fields"], res["overall"])
    ok, n = res["xref"]
    print(f"cross-references resolved right: {ok}/{n} = {ok / n if n else 0:.3f}")
    print(f"speed: {res['n_cit']} citations in the documents, {res['rate']:.0f} citations/s (split+parse+resolve+merge)")
    if not args.no_external and args.external.exists():
        table, rows = external(args.external)
        show(f"Robustness: zotero-chinese-styles rendered notes ({rows} single-cite notes)", table)
        ok_work, ok_loc, n, styles = external_repeats(args.external)
        print(f"repeat notes (同上 / 同前注 / 同N / short forms) in {styles} styles: work right {ok_work}/{n} = "
              f"{ok_work / n:.3f}, locator right {ok_loc}/{n} = {ok_loc / n:.3f}")


if __name__ == "__main__":
    main()
