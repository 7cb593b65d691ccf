"""Benchmark the citations stage on held-out data only.

    python bench/bench_citations.py [--folds 3] [--sample N] [--reuse] [--misses] [--sets gold,zotero-csl]
    python bench/bench_citations.py --speed [--runs 9]     # only the speed of the shipped model (seconds)

The tagger is trained on ../shared; scoring it on what it saw would measure memory, not
generalisation. So the bench trains one model per fold (training/build.py, same recipe as the
shipped model) and scores each set only with the model that never saw it:
- zotero-chinese-styles: whole styles held out (style i in fold i mod K): every note of a style
  is scored by a model trained without any note of that style (leave-styles-out);
- AnyStyle: slices of 200 consecutive sequences of each file; GROBID: whole files, every string
  of a held-out file scored (training reads a third of the strings of the others);
- notes rendered by citeproc-js in more CSL note styles (training/render.py): whole styles held out,
  German styles, the new Chinese styles and the Chicago / law / French ones printed apart; and the
  reference lists of in-text styles (official, Chinese), whole styles held out too; a rendered note
  or entry citing an item derived from a held-out AnyStyle / GROBID string is left out of training;
- corpus gold (../shared/gold/fields.jsonl): whole documents held out, scored through the real
  pipeline (document -> footnotes -> citations -> cross-references -> works);
- prose that cites nothing (training/sources.prose): body sentences of the corpus documents (held
  out with their gold document) and of AnyStyle's finder dissertations (whole documents held out),
  and the body sentences of the real CNKI PDFs, which nothing is trained on: the share the
  citations stage takes for commentary only.
Prints field P/R/F1 per set, the share of citations with every field right, cross-reference
resolution, and the speed of the shipped model (citations per second on one core).
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

from bench.gold import corpus_file  # noqa: E402
from citations.model import Document, Footnote  # noqa: E402
from citations.references import names as N  # noqa: E402
from citations.references import parse_citation, resolve  # noqa: E402
from citations.references import tagger as T  # noqa: E402
from citations.references.parse import _label, _label_raw, own_language  # noqa: E402
from citations.references.works import ascii_word  # noqa: E402
from training import build as B  # noqa: E402
from training import render as R  # noqa: E402
from training import sources as S  # noqa: E402
from training.sources import SHARED  # noqa: E402

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
        Console(width=100).print(t)
    else:
        print(title)
        for key, (p, r, f, n) in sorted(table.items()):
            print(f"{key:12} P={p:.3f} R={r:.3f} F1={f:.3f} n={n}")


class Score:
    """Field counts summed over folds, and citations with every field right."""

    def __init__(self) -> None:
        self.tp, self.fp, self.fn = Counter(), Counter(), Counter()
        self.all_right = self.n = 0

    def add(self, want: dict[str, object], got: dict[str, object], same_fn=None) -> list[str]:
        wrong = []
        for key in set(want) | set(got):
            if key in want and key in got and (same_fn or same)(key, want[key], got[key]):
                self.tp[key] += 1
            else:
                wrong.append(key)
                if key in got:
                    self.fp[key] += 1
                if key in want:
                    self.fn[key] += 1
        self.n += 1
        self.all_right += not wrong
        return wrong

    def table(self) -> tuple[dict, tuple[float, float, float]]:
        table = {}
        for key in sorted(set(self.tp) | set(self.fp) | set(self.fn)):
            table[key] = prf(self.tp[key], self.fp[key], self.fn[key]) + (self.tp[key] + self.fn[key],)
        return table, prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---- corpus gold, through the real pipeline -----------------------------------------------------

def score_gold(gold: list[dict], docs: dict[str, Document], score: Score, xref: list[int], misses: list) -> None:
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
        for key in score.add(want, pred):
            misses.append((g["doc"], g.get("doc_chapter", ""), g["footnote"], g["index"], key, want.get(key), pred.get(key)))
        if "crossref_of" in g and doc is not None and footnote is not None:
            xref[1] += 1
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
            xref[0] += ok
            if not ok:
                misses.append((g["doc"], g.get("doc_chapter", ""), g["footnote"], g["index"], "crossref_of",
                               g["crossref_of"], cit.crossref_of if cit else None))


# ---- labelled strings: spans against spans ------------------------------------------------------

def fold_text(v: str) -> str:
    v = unicodedata.normalize("NFKC", v).casefold()
    return regex.sub(r"[\s\p{P}\p{S}]+", "", v)


def span_fields(text: str, spans) -> dict[str, str]:
    """Each label's values, folded, without the words a source may keep inside a span or leave
    outside ('Vol. 5' = '5', 'In: J. Smith (ed.)' = 'J. Smith'): equivalent spans score alike."""
    out: dict[str, list[str]] = {}
    for a, b, lab in spans:
        if lab not in ("O",):
            out.setdefault(lab, []).append(S.strip_affixes(lab, text[a:b]))
    return {k: fold_text(" ".join(v)) for k, v in out.items() if fold_text(" ".join(v))}


# month and day printed with a year ('2019-01-11', '2019年4月16日'), folded
MONTH_DAY = regex.compile(r"(?:年?\d{1,2}月?(?:\d{1,2}日?)?)")


def same_span(key: str, want: str, got: str) -> bool:
    """Folded spans alike; a date is also right when the labelled data marked only its year and the
    tagger the whole printed date ('2019' of '2019-01-11(274)': the item's date, printed in full; the
    aligner left month and day out where a number of the item had taken one of them)."""
    if want == got:
        return True
    return key == "date" and regex.fullmatch(r"(?:1[5-9]|20)\d{2}", want) is not None and got.startswith(want) \
        and MONTH_DAY.fullmatch(got[len(want):]) is not None


def score_spans(exs: list[S.Example], score: Score, misses: list, parts: dict[str, Score] | None = None) -> None:
    """`parts`: also count each example in the Score of its file (AnyStyle's core / good / ugly / bad)."""
    from citations.references.parse import label as tag_label

    for ex in exs:
        want = span_fields(ex.text, ex.spans)
        lab = tag_label(ex.text)
        # the tagger reads the cleaned string; clean() keeps offsets unless it squeezes spaces, so compare folded values
        got = span_fields(lab.text, [(a, b, l) for l, a, b in lab.spans])
        if parts is not None:
            parts.setdefault(ex.group.split(":")[0], Score()).add(want, got, same_span)
        for key in score.add(want, got, same_span):
            misses.append((ex.source, ex.group, key, want.get(key), got.get(key), ex.text))


def score_zotero_csl(exs: list[S.Example], score: Score) -> None:
    """The CSL fields parse_citation gives a rendered note against the item's own (printed fields only)."""
    for ex in exs:
        item, cite = ex.meta["item"], ex.meta["cite"]
        csl, _ = parse_citation(ex.text)
        want, got = {}, {}
        for key in ("title", "container-title", "publisher", "publisher-place", "volume", "issue"):
            if cite["fields_in_text"].get(key) is True and item.get(key):
                want[key] = str(item[key])
            if csl.get(key) and cite["fields_in_text"].get(key) is not False:
                got[key] = str(csl[key])
        if cite["fields_in_text"].get("year") and item.get("issued", {}).get("date-parts"):
            want["year"] = str(item["issued"]["date-parts"][0][0])
        if csl.get("issued"):
            got["year"] = str(csl["issued"]["date-parts"][0][0])
        # styles re-case English titles (sentence/title case): compare case-insensitively
        score.add(want, got, lambda k, a, b: fold_text(a) == fold_text(b))


# ---- prose: sentences that cite nothing --------------------------------------------------------------

class Commentary:
    """Sentences of prose, and how many of them the citations stage takes for commentary only."""

    def __init__(self) -> None:
        self.n = self.right = 0
        self.wrong: list[str] = []

    def add(self, text: str) -> None:
        from citations.references.split import split_footnote

        self.n += 1
        if all(p.kind == "note" for p in split_footnote(text)):
            self.right += 1
        else:
            self.wrong.append(text)


def cnki_sentences() -> list[str]:
    """Body sentences of the real CNKI PDFs, which nothing is trained on."""
    from citations.document import parse_document

    return [t for path in sorted((SHARED / "external" / "cnki-pdfs").glob("*.pdf"))
            for t in S.chinese_sentences(parse_document(path).body)]


# ---- folds -----------------------------------------------------------------------------------------

# rendered notes (training/render.py), reported by style family; a style is held out whole
RENDER_SETS = {"render-de": ("de",), "render-zh": ("zh",), "render-other": ("chicago", "law", "fr"),
               "render-bib": ("bib",), "render-bib-zh": ("bib-zh",)}


def folds(base: list[S.Example], k: int) -> dict[tuple[str, str], int]:
    """(source, group) -> fold: zotero styles, AnyStyle slices, GROBID files, gold documents."""
    out = {}
    for source in ("zotero", "anystyle", "grobid", "gold", "prose"):
        groups = sorted({e.group for e in base if e.source == source})
        for i, g in enumerate(groups):
            out[(source, g)] = out.get(("gold", g), i % k)  # a gold document's prose is held out with it
    # rendered styles: variants of one style (chicago-notes-*, mhra-*) fall in one fold together; note
    # styles and reference-list styles are dealt out apart, so adding styles of one kind moves none of the other
    for bib in (False, True):
        kins = sorted({R.kin(e.group) for e in base if e.source == "render" and e.group.startswith("bib:") == bib})
        for e in base:
            if e.source == "render" and e.group.startswith("bib:") == bib:
                out[("render", e.group)] = kins.index(R.kin(e.group)) % k
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--sample", type=int, default=None, help="read only the first N examples of each source (quick look)")
    ap.add_argument("--models", type=Path, default=ROOT / ".cache" / "bench_citations", help="where fold models go")
    ap.add_argument("--reuse", action="store_true", help="reuse fold models already trained in --models")
    ap.add_argument("--misses", action="store_true", help="print every missed field")
    ap.add_argument("--fold", type=int, default=None, help="train and score only this fold (run folds in parallel, then --reuse)")
    ap.add_argument("--rendered", action=argparse.BooleanOptionalAction, default=B.RENDERED,
                    help="fold models also train on the rendered notes of their other folds, as the shipped recipe does (--no-rendered: without)")
    ap.add_argument("--sets", default="zotero,zotero-csl,anystyle,grobid,render,gold,prose",
                    help="comma-separated sets to score (with --reuse, a quick rescoring of the pipeline: gold,zotero-csl)")
    ap.add_argument("--speed", action="store_true", help="only measure the speed of the shipped model (no training, no scoring)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of the speed measurement")
    args = ap.parse_args()
    if args.speed:
        speed(args.runs)
        return
    sets = set(args.sets.split(","))
    base = B.base_examples(args.sample, rendered="render" in sets)  # scored even when not trained on
    assign = folds(base, args.folds)
    gold = [json.loads(x) for x in (SHARED / "gold" / "fields.jsonl").open(encoding="utf-8")]
    scores = {name: Score() for name in ("zotero", "zotero-csl", "anystyle", "grobid", "gold", *RENDER_SETS)}
    xref, misses = [0, 0], []
    prose = {"zh": Commentary(), "en": Commentary(), "cnki": Commentary()}
    cnki = cnki_sentences() if "prose" in sets else []
    anystyle_files: dict[str, Score] = {}  # AnyStyle's files differ a lot in how clean their labels are
    for k in range(args.folds):
        if args.fold is not None and k != args.fold:
            continue
        held = {key for key, f in assign.items() if f == k}
        path = args.models / f"fold{k}-of-{args.folds}{'-s' + str(args.sample) if args.sample else ''}{'-r' if args.rendered else ''}.crfsuite"
        if not (args.reuse and path.exists()):
            print(f"fold {k + 1}/{args.folds}: training without {len(held)} held-out groups ...", flush=True)
            B.train(B.examples(args.sample, exclude=held, rendered=args.rendered), path)
        T.use_model(path)
        test = [e for e in base if (e.source, e.group) in held]
        for source in ("zotero", "anystyle", "grobid"):
            if source in sets:
                score_spans([e for e in test if e.source == source], scores[source], misses,
                            anystyle_files if source == "anystyle" else None)
        if "render" in sets:
            for name, families in RENDER_SETS.items():
                score_spans([e for e in test if e.source == "render" and e.meta["family"] in families],
                            scores[name], misses)
        if "prose" in sets:
            for ex in (e for e in test if e.source == "prose"):
                prose["en" if ex.group.startswith("finder:") else "zh"].add(ex.text)
            for text in cnki:
                prose["cnki"].add(text)
        if "zotero-csl" in sets:
            score_zotero_csl([e for e in test if e.source == "zotero"], scores["zotero-csl"])
        docs = sorted({g for s_, g in held if s_ == "gold"})
        if "gold" in sets:
            score_gold([g for g in gold if g["doc"] in docs], load_documents(docs), scores["gold"], xref, misses)
    T.use_model(None)
    titles = {
        "zotero": "zotero-chinese-styles, styles held out: labelled spans",
        "zotero-csl": "zotero-chinese-styles, styles held out: CSL fields vs the items",
        "anystyle": "AnyStyle parser sets, slices held out: labelled spans",
        "grobid": "GROBID citation corpus, files held out: labelled spans",
        "gold": "corpus gold, documents held out from the model (repair.py was written from its errors): fields through the pipeline",
        "render-de": "German note styles rendered by citeproc-js, styles held out: labelled spans",
        "render-zh": "Chinese note styles not among the 15, rendered by citeproc-js, styles held out: labelled spans",
        "render-other": "Chicago / law / French note styles rendered by citeproc-js, styles held out: labelled spans",
        "render-bib": "reference lists of in-text CSL styles rendered by citeproc-js, styles held out: labelled spans",
        "render-bib-zh": "reference lists of Chinese in-text CSL styles rendered by citeproc-js, styles held out: labelled spans",
    }
    for name, sc in scores.items():
        if not sc.n:
            continue
        table, overall = sc.table()
        show(f"{titles[name]} ({sc.n} citations)", table, overall)
        print(f"{name}: field micro-F1 {overall[2]:.4f}; citations with every field right {sc.all_right}/{sc.n} = {sc.all_right / sc.n:.3f}")
        if name == "anystyle":
            print("anystyle by file: " + ", ".join(f"{f} {p.table()[1][2]:.3f} ({p.n} citations, every field right {p.all_right / p.n:.3f})"
                                                   for f, p in sorted(anystyle_files.items())))
    print(f"corpus gold cross-references resolved right (held-out models): {xref[0]}/{xref[1]}")
    for name, title in (("zh", "corpus bodies (documents held out)"), ("en", "AnyStyle finder dissertations (documents held out)"),
                        ("cnki", "CNKI PDF bodies (never trained on; every fold model)")):
        if prose[name].n:
            c = prose[name]
            print(f"prose read as commentary, {title}: {c.right}/{c.n} sentences = {c.right / c.n:.3f}")
            misses += [("prose", name, "cited", text) for text in c.wrong]
    if args.misses:
        for m in misses:
            print("MISS", *m)
    speed(args.runs)


def speed(runs: int = 5) -> None:
    """The shipped model on the corpus documents: the whole citations stage (split + tag + normalise +
    resolve + merge) from cold tagging caches, and the tagger alone. CPU time of this process (what one core
    does, whatever else the shared machine runs): the median and the best of `runs`, and the load average,
    since a busy machine slows even CPU time (its caches are shared)."""
    import os
    import statistics

    docs = load_documents(["000", "001", "004"])
    raws = [c.raw for d in docs.values() for f in d.footnotes for c in f.citations]
    n = len(raws)
    stage, tagger = [], []
    for _ in range(runs):
        for cache in (_label, _label_raw, own_language, ascii_word):  # every run from cold caches
            cache.cache_clear()
        started = time.process_time()
        for doc in docs.values():
            resolve(doc)
        stage.append(time.process_time() - started)
        started = time.process_time()
        for r in raws:
            T.tag(T.tokenize(r))
        tagger.append(time.process_time() - started)
    print(f"speed (shipped model, CPU time on one core, {runs} runs, load average {os.getloadavg()[0]:.1f}): citations stage "
          f"median {n / statistics.median(stage):.0f} citations/s (best {n / min(stage):.0f}); tokens+features+CRF alone "
          f"median {n / statistics.median(tagger):.0f} citations/s (best {n / min(tagger):.0f}) ({n} citations)")


if __name__ == "__main__":
    main()
