"""CSL-JSON items x CSL note styles -> labelled footnotes, rendered by citeproc-js (and x in-text
styles -> labelled reference-list entries).

Each label comes from the item field that produced the characters, not from guessing:
- text fields (title, container-title, collection-title, publisher, publisher-place, genre, URL,
  DOI, and the signal put in a cite's prefix) are wrapped in private-use sentinel characters before
  rendering; citeproc-js copies them through quotes, affixes and case changes, and `unwrap` strips
  them while recording the spans. Each cite is wrapped too (prefix/suffix), so a note with several
  citations is cut into one segment per cite.
- names, dates and numbers are not wrapped (citeproc-js initialises given names and tests numbers,
  a sentinel would change the rendering): they are found inside their cite's segment by
  `sources.align_item`, with the sentinel spans masked so a year inside a title is never taken;
  the pinpoint is the CSL `locator` (label `pages`).
- what citeproc-js prints for a repeat (ebd., a.a.O., ibid, (n 3), supra note, 同上, 前引) is found in
  the unlabelled text of the cite by `XREF` and labelled `crossref`.

Notes come in short documents (`documents`): first citations, an ibid right after, a subsequent
citation a few notes later, 1-3 cites per note, pinpoints, signals (Vgl., See, 參見). citeproc-js
decides the positions itself (first / subsequent / ibid / ibid-with-locator), as in a word
processor. Styles: every German note style (de-DE/AT/CH), the Chinese note styles of
zotero-chinese-styles that are not among its 15 rendered ones, and a few Chicago, law (OSCOLA,
Bluebook, New Hart's) and French note styles; and the reference lists (`makeBibliography`) of an
even sample of the in-text styles, official and Chinese, each entry one string (`_entry`: a numeric
style's number is `citation-number`). Items: the zotero-chinese items, and items derived
from AnyStyle / GROBID tagged strings (their labelled fields become CSL fields, `derived_items`).

citeproc-js (npm `citeproc`, pinned) is installed once into ~/.cache/citeaudit; its answers are
cached there per style, keyed by the hash of everything sent to it (version, driver, style,
locales, items, notes), so a rebuild renders nothing twice. Deterministic: fixed seeds, sorted files.
"""
from __future__ import annotations

import fcntl
import hashlib
import itertools
import json
import os
import random
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import regex

from citations.references.text import fold

from . import augment as A
from . import sources as S
from .sources import SHARED, Example

CITEPROC = "2.4.63"
CACHE = Path(os.environ.get("CITEAUDIT_CACHE", Path.home() / ".cache" / "citeaudit"))
DRIVER = Path(__file__).with_name("render.js")
CSL = SHARED / "external" / "csl"
ZOTERO = SHARED / "external" / "zotero-chinese-styles"
SEED = 19

# the labels of the wrapped text fields; a cite's own wrapper is CITE_OPEN ... CITE_CLOSE
WRAPPED = {"title": "title", "title-short": "title", "container-title": "container-title",
           "container-title-short": "container-title", "collection-title": "collection-title",
           "publisher": "publisher", "publisher-place": "publisher-place", "genre": "genre",
           "URL": "url", "DOI": "doi", "event-title": "container-title"}
LABELS = sorted(set(WRAPPED.values())) + ["signal", "note"]
OPEN = {lab: chr(0xE000 + k) for k, lab in enumerate(LABELS)}
CLOSE = {lab: chr(0xE100 + k) for k, lab in enumerate(LABELS)}
CITE_OPEN, CITE_CLOSE = "\ue0f0", "\ue0f1"
SENTINEL = regex.compile(r"[\ue000-\ue1ff]")

XREF = regex.compile(
    r"(?<![A-Za-z])(?:ibid(?:em)?\.?|id\.|ebd\.?|ebenda|a\.\s?a\.\s?O\.?|op\.\s?cit\.?|loc\.\s?cit\.?|art\.\s?cit\.?"
    r"|ouvr\.\s?cit\.?|aaO|(?:wie\s)?(?:Anm|Fn|FN|Fußn)\.?\s?\d+|supra(?:,)?(?:\snote\s\d+|\sn\s\d+)?|infra|above\sn\s\d+|(?<=\()n\s\d+(?=\))"
    r"|note\s\d+(?=\)|,|\s(?:above|supra))|op\.\scit|idem)(?![A-Za-z])"
    r"|同上(?:注|註)?|同前(?:注|註)?\s*[〔\[（(]?\d*[〕\]）)]?|前引(?:书|書|文)?|前揭(?:书|書|文)?|上引(?:书|書|文)?|同注\s*\d+|同註\s*\d+|同\s?\d{1,3}(?![\d年月日号號期卷])",
    regex.I)
SIGNALS = {"de": ["Vgl.", "Vgl. auch", "Siehe", "Vgl. dazu", "S. auch", "Dazu"], "en": ["See", "See also", "Cf.", "See, e.g.,"],
           "fr": ["Voir", "Cf.", "V."], "zh": ["參見", "参见", "見", "详见", "參閱"]}


class RenderUnavailable(RuntimeError):
    """node / npm / citeproc-js cannot be had: the message says what is missing."""


@dataclass(frozen=True)
class Style:
    path: Path
    family: str  # de | zh | chicago | law | fr | bib | bib-zh: what the bench reports separately
    lang: str    # the locale to render with (the style's default one)

    @property
    def bibliography(self) -> bool:
        """An in-text style, rendered as its reference list rather than as notes."""
        return self.family.startswith("bib")

    @property
    def name(self) -> str:
        return ("bib:" if self.bibliography else "") + self.path.stem


# ---- citeproc-js -----------------------------------------------------------------------------------

def ensure_citeproc() -> tuple[str, Path]:
    """(node, node_modules): npm-installs the pinned citeproc-js into the cache once (a lock keeps runs apart)."""
    node, npm = shutil.which("node") or shutil.which("nodejs"), shutil.which("npm")
    if not node or not npm:
        raise RenderUnavailable("rendering CSL styles needs node and npm (Debian: apt-get install nodejs npm)")
    home = CACHE / f"citeproc-{CITEPROC}"
    home.mkdir(parents=True, exist_ok=True)
    with open(home / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (home / "node_modules" / "citeproc" / "package.json").exists():
            done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(home), f"citeproc@{CITEPROC}"],
                                  capture_output=True, text=True, timeout=900)
            if done.returncode != 0:
                raise RenderUnavailable(f"npm install citeproc@{CITEPROC} failed: {done.stderr.strip().splitlines()[-1:]}")
    return node, home / "node_modules"


def run_jobs(jobs: list[dict]) -> list[dict]:
    """Render jobs in one node process (one JSON line each way)."""
    node, modules = ensure_citeproc()
    data = "".join(json.dumps(j, ensure_ascii=False) + "\n" for j in jobs)
    done = subprocess.run([node, str(DRIVER)], input=data, capture_output=True, text=True, timeout=1800,
                          env={**os.environ, "NODE_PATH": str(modules)})
    if done.returncode != 0:
        raise RenderUnavailable(f"citeproc-js driver failed: {done.stderr.strip()[-300:]}")
    return [json.loads(x) for x in done.stdout.splitlines() if x.strip()]


# ---- styles ------------------------------------------------------------------------------------------

def _default_locale(path: Path) -> str | None:
    m = regex.search(r'default-locale="([^"]+)"', path.read_text(encoding="utf-8")[:3000])
    return m.group(1) if m else None


def _is_note(path: Path) -> bool:
    return 'class="note"' in path.read_text(encoding="utf-8")[:3000]


CHICAGO = ["chicago-notes-bibliography", "chicago-notes-bibliography-subsequent-ibid", "chicago-shortened-notes-bibliography",
           "chicago-notes-bibliography-16th-edition", "chicago-notes-classic", "chicago-notes-publisher-place"]
LAW = ["oscola", "oscola-no-ibid", "bluebook-law-review", "new-harts-rules-notes", "new-harts-rules-short-notes",
       "mhra-notes-subsequent-ibid", "mhra-notes", "european-journal-of-international-law", "cambridge-university-press-law-note",
       "leiden-journal-of-international-law"]


@lru_cache(maxsize=1)
def styles() -> tuple[Style, ...]:
    """The rendered styles, in a fixed order."""
    out: list[Style] = []
    official = sorted((CSL / "styles").glob("*.csl"))
    notes = [p for p in official if _is_note(p)]
    for p in notes:
        loc = _default_locale(p) or ""
        if loc.startswith("de"):
            out.append(Style(p, "de", loc))
    rendered = {json.loads(x)["style"] for x in (ZOTERO / "rendered_notes.jsonl").open(encoding="utf-8")}
    for p in sorted((ZOTERO / "csl").glob("*.csl")):
        if _is_note(p) and p.stem not in rendered:
            out.append(Style(p, "zh", _default_locale(p) or "zh-CN"))
    for p in notes:
        if (_default_locale(p) or "").startswith("zh"):
            out.append(Style(p, "zh", "zh-CN"))
    by_name = {p.stem: p for p in notes}
    out += [Style(by_name[n], "chicago", "en-US") for n in CHICAGO if n in by_name]
    out += [Style(by_name[n], "law", _default_locale(by_name[n]) or "en-GB") for n in LAW if n in by_name]
    french = [p for p in notes if (_default_locale(p) or "").startswith("fr")]
    out += [Style(p, "fr", _default_locale(p) or "fr-FR") for p in french[:: max(1, len(french) // 10)][:10]]
    # reference lists of in-text styles (author-date, numeric), an even sample of the official ones and
    # of the Chinese ones: AnyStyle's and GROBID's strings are such entries, written in styles of their own
    in_text = [p for p in official if not _is_note(p)]
    out += [Style(p, "bib", _default_locale(p) or "en-US") for p in in_text[:: max(1, len(in_text) // BIB_STYLES)][:BIB_STYLES]]
    chinese = [p for p in sorted((ZOTERO / "csl").glob("*.csl")) if not _is_note(p)]
    out += [Style(p, "bib-zh", _default_locale(p) or "zh-CN") for p in chinese[:: max(1, len(chinese) // BIB_ZH_STYLES)][:BIB_ZH_STYLES]]
    return tuple(out)


BIB_STYLES, BIB_ZH_STYLES = 60, 20


KIN = regex.compile(r"^(?:chicago|mhra|new-harts-rules|oscola|bluebook|GB-T-7714|juristische-zitierweise|infoclio|"
                    r"technische-universitat-dresden|technische-universitat-munchen)")


def kin(name: str) -> str:
    """Styles that are variants of one another (chicago-notes-*, GB-T-7714—2015（注释…）…) share a kin: held out together.
    A reference-list style's kin is its name's first word (bib:apa-6th-edition with bib:apa, bib:american-*)."""
    if name.startswith("bib:"):
        return "bib:" + regex.split(r"[-_—（(]", name[4:])[0]
    m = KIN.match(name)
    return m.group() if m else name


NOTES_PER_STYLE = {"de": 40, "zh": 70, "chicago": 30, "law": 30, "fr": 30, "bib": 40, "bib-zh": 40}  # entries of a reference list
CITATION_NUMBER = regex.compile(r"^\s*[\[(（]?\d{1,4}[\])）.．]?\s")  # '[12] ', '12. ' before a numeric style's entry


# ---- items -------------------------------------------------------------------------------------------

GERMAN = regex.compile(r"\b(?:und|der|die|das|des|dem|den|zur|zum|für|über|im|mit|von|Verlag|Zeitschrift|Geschichte|Recht|"
                       r"Gesellschaft|Politik|Hrsg|Aufl)\b|[äöüß]")


def _split_names(text: str) -> list[dict]:
    """'Miller, D.; Smith, J.' / 'D. Miller and J. Smith' / 'Miller, David' -> CSL names (a heuristic)."""
    text = regex.sub(r"\s*(?:\((?:Hrsg|Hg|eds?|Ed)\.?\)|,?\s*(?:eds?\.|Hrsg\.|Hg\.)|et al\.?|u\.\s?a\.)\s*$", "", text.strip(" .,;:"))
    parts = [p for p in regex.split(r"\s*(?:;|&|\band\b|\bund\b|\bet\b|/)\s*", text) if p.strip(" ,.")]
    out: list[dict] = []
    for p in parts:
        bits = [b.strip() for b in p.split(",") if b.strip()]
        if len(bits) >= 2 and all(len(b.split()) <= 3 for b in bits):
            pairs = bits if len(bits) % 2 == 0 else bits[:-1]
            for fam, giv in zip(pairs[::2], pairs[1::2]):
                out.append({"family": fam.strip(" ."), "given": giv.strip()})
        else:
            words = p.strip(" ,.").split()
            if len(words) == 1:
                out.append({"family": words[0]})
            elif words:
                out.append({"family": words[-1], "given": " ".join(words[:-1])})
    return [n for n in out if regex.fullmatch(r"[\p{L}\p{M}'’\-. ]+", n["family"] + n.get("given", ""))][:6]


def item_of(ex: Example, key: str) -> dict | None:
    """The CSL item behind one AnyStyle / GROBID tagged string (its labelled fields), or None if too thin."""
    fields: dict[str, str] = {}
    for a, b, lab in ex.spans:
        fields.setdefault(lab, ex.text[a:b].strip(" ,.;:()[]"))
    year = regex.search(r"\b(1[6-9]\d\d|20[0-2]\d)\b", fields.get("date", ""))
    if not (fields.get("author") and fields.get("title") and year):
        return None
    authors = _split_names(fields["author"])
    if not authors:
        return None
    title = fields["title"].strip("“”\"'‘’")
    item: dict = {"id": key, "title": title, "author": authors, "issued": {"date-parts": [[int(year.group(1))]]}}
    if fields.get("editor"):
        item["editor"] = _split_names(fields["editor"])
    for lab, key2 in [("container-title", "container-title"), ("publisher", "publisher"), ("publisher-place", "publisher-place"),
                      ("collection-title", "collection-title")]:
        if fields.get(lab):
            item[key2] = regex.sub(r"^(?:In|in)[:\s]+", "", fields[lab])
    for lab in ("volume", "issue"):
        m = regex.search(r"\d+", fields.get(lab, ""))
        if m:
            item[lab] = m.group()
    m = regex.search(r"\d+\s*[-–]\s*\d+|\d+", fields.get("pages", ""))
    if m:
        item["page"] = regex.sub(r"\s*[-–]\s*", "-", m.group())
    if item.get("container-title"):
        item["type"] = "chapter" if item.get("editor") or item.get("publisher") and not item.get("volume") else "article-journal"
    else:
        item["type"] = "book"
    item["language"] = "de-DE" if GERMAN.search(title + " " + item.get("container-title", "")) else "en-US"
    return item


def cited_here(item: dict, k: int) -> bool:
    """Whether the rendered notes cite the item of the k-th string of its source (every German one,
    every 8th English one); build.py's hand-written styles take the others, so a style held out
    here never meets its items in training written in another style."""
    return item["language"] == "de-DE" or k % 8 == 0


@lru_cache(maxsize=1)
def derived_items() -> tuple[dict, ...]:
    """Items from AnyStyle and GROBID strings: every German one, and every 8th English one."""
    out = []
    for reader in (S.anystyle, S.grobid):
        for k, ex in enumerate(reader()):
            item = item_of(ex, f"{ex.source}:{ex.group}:{k}")
            if item and cited_here(item, k):
                item["_from"] = [ex.source, ex.group]
                out.append(item)
    return tuple(out)


@lru_cache(maxsize=1)
def zotero_items() -> tuple[dict, ...]:
    items = json.loads((ZOTERO / "items.csl.json").read_text(encoding="utf-8"))
    return tuple({k: v for k, v in it.items() if not k.startswith("_")} for _, it in sorted(items.items()) if it.get("title"))


def pool(style: Style) -> list[dict]:
    """The items a style's notes cite: the language its readers cite most, and some of the others."""
    zot, der = zotero_items(), derived_items()
    if style.family in ("zh", "bib-zh"):
        return list(zot)
    western = [i for i in zot if not str(i.get("language", "")).startswith(("zh", "ja"))]
    german = [i for i in der if i["language"] == "de-DE"]
    english = [i for i in der if i["language"] != "de-DE"]
    if style.family == "de":
        return german * 3 + western + english[: len(german)]
    return english + western


# ---- notes -------------------------------------------------------------------------------------------

def wrap(item: dict) -> dict:
    out = {}
    for k, v in item.items():
        out[k] = f"{OPEN[WRAPPED[k]]}{v}{CLOSE[WRAPPED[k]]}" if k in WRAPPED and isinstance(v, str) and v else v
    return out


def documents(style: Style, items: list[dict], n_notes: int, rng: random.Random) -> list[tuple[dict, list[list[dict]]]]:
    """Short documents of notes citing a few items each: (items by id, notes as citeproc cite lists)."""
    lang = {"de": "de", "zh": "zh", "fr": "fr"}.get(style.family, "en")
    out = []
    made = 0
    while made < n_notes:
        chosen = rng.sample(items, min(len(items), rng.randint(3, 6)))
        by_id = {}
        for k, it in enumerate(chosen):
            key = f"i{k}"
            by_id[key] = {**wrap(it), "id": key}
        keys = list(by_id)
        cited: list[str] = []
        notes = []
        for _ in range(min(rng.randint(5, 10), n_notes - made)):
            cites = []
            for _ in range(rng.choices([1, 2, 3], [0.75, 0.2, 0.05])[0]):
                if cited and rng.random() < 0.4:
                    key = cited[-1] if rng.random() < 0.5 else rng.choice(cited)
                else:
                    fresh = [k for k in keys if k not in cited]
                    key = rng.choice(fresh or keys)
                if any(c["id"] == key for c in cites):
                    continue
                locator = None
                if rng.random() < 0.65:
                    n = rng.randint(1, 480)
                    locator = str(n) if rng.random() < 0.8 else f"{n}-{n + rng.randint(1, 9)}"
                c = cite(key, locator, rng.choice(SIGNALS[lang]) if rng.random() < 0.2 else None)
                if lang == "zh":
                    c["prefix"] = c["prefix"].rstrip(" ")
                cites.append(c)
                if key not in cited:
                    cited.append(key)
                else:
                    cited.append(cited.pop(cited.index(key)))
            notes.append(cites)
            made += 1
        out.append((by_id, notes))
    return out


def unwrap(text: str, items: dict[str, dict], cites: list[dict]) -> tuple[str, list[tuple[int, int, str]]] | None:
    """Strip the sentinels of a rendered note; spans from them, then names/dates/numbers per cite."""
    plain, spans, stack, segments = [], [], [], []
    seg_start = None
    for c in text:
        if c == CITE_OPEN:
            seg_start = len(plain)
        elif c == CITE_CLOSE:
            if seg_start is not None:
                segments.append((seg_start, len(plain)))
            seg_start = None
        elif "\ue000" <= c < "\ue100":
            stack.append((c, len(plain)))
        elif "\ue100" <= c < "\ue200":
            opener = chr(ord(c) - 0x100)
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == opener:
                    spans.append((stack[k][1], len(plain), LABELS[ord(opener) - 0xE000]))
                    del stack[k]
                    break
        else:
            plain.append(c)
    out = "".join(plain)
    if len(segments) != len(cites):
        return None  # citeproc-js merged or dropped a cite: the segments would not match the items
    cites = in_print_order(out, segments, items, cites)
    marked = [None] * len(out)
    for a, b, lab in spans:
        for k in range(a, b):
            marked[k] = lab
    for (s0, s1), cite in zip(segments, cites):
        item = {k: (SENTINEL.sub("", v) if isinstance(v, str) else v) for k, v in items[cite["id"]].items()
                if k not in WRAPPED}
        seg = out[s0:s1]
        for m in XREF.finditer(seg):
            if all(marked[s0 + k] is None for k in range(m.start(), m.end())):
                for k in range(m.start(), m.end()):
                    marked[s0 + k] = "crossref"
        _locator(out, marked, s0, s1, cite.get("locator"))
        _page_range(out, marked, s0, s1, S.note_fields(items[cite["id"]]).get("page"))
        masked = "".join("\u25a1" if marked[k] else out[k] for k in range(s0, s1))
        for a, b, lab in S.align_item(masked, item):
            for k in range(s0 + a, s0 + b):
                if marked[k] is None and lab != "url":
                    marked[k] = lab
    # the role word after an editor list ('(Hg.)', ', Hg.', '(eds.)') belongs to it
    for m in regex.finditer(r"[,\s]*[(（]?(?:Hg|Hrsg|eds?|Ed)\.[)）]?", out):
        if m.start() and marked[m.start() - 1] in ("editor", "author") and all(
                x in (None, "author") for x in marked[m.start():m.end()]):
            for k in range(m.start(), m.end()):
                marked[k] = "editor"
            for k in range(m.start() - 1, -1, -1):  # the names before a role word are editors
                if marked[k] not in ("author", "editor") and not out[k].isspace():
                    break
                if marked[k] == "author":
                    marked[k] = "editor"
    # a lone initial the name search took from a page label ('hier S. 338') is not a name; one before
    # a year is ('Nietzsche, F. 1999')
    for m in regex.finditer(r"(?<![\p{L}.])[A-Z]\.?(?=\s*(\d))", out):
        if all(marked[k] in ("author", "editor", "translator") for k in range(m.start(), m.end())) and marked[m.start(1)] == "pages":
            for k in range(m.start(), m.end()):
                marked[k] = None
    res, k = [], 0
    while k < len(marked):
        j = k
        while j < len(marked) and marked[j] == marked[k]:
            j += 1
        if marked[k]:
            a, b = k, j
            while a < b and out[a].isspace():
                a += 1
            while b > a and out[b - 1].isspace():
                b -= 1
            if a < b:
                res.append((a, b, marked[k]))
        k = j
    return out, S.widen(out, res)  # the words around a field ('in:', 'S.', 'hrsg. v.') as the other sources have them


def _printed(seg: str, item: dict, cite: dict) -> int:
    """How many of a cite's own values (names, year, title, locator) its segment prints."""
    seg = fold(seg)
    names = [n.get("family") or n.get("literal") or "" for role in ("author", "editor") for n in item.get(role) or []]
    values = [*names, str(_year_of(item) or ""), cite.get("locator") or "",
              *(SENTINEL.sub("", str(item.get(k) or ""))[:40] for k in ("title", "title-short", "container-title"))]
    return sum(1 for v in values if fold(v) and fold(v) in seg)


def in_print_order(out: str, segments: list[tuple[int, int]], items: dict[str, dict], cites: list[dict]) -> list[dict]:
    """The cites in the order the note prints them: styles that sort the cites of a citation (by author,
    by year) print them in another order than they were cited, and each segment must be labelled
    from its own item ('Vgl. Husserl 2001; Siehe Yeni 2008' cited Yeni first)."""
    if len(cites) < 2:
        return cites
    fit = [[_printed(out[a:b], items[c["id"]], c) for c in cites] for a, b in segments]
    order = max(itertools.permutations(range(len(cites))),
                key=lambda p: (sum(fit[i][k] for i, k in enumerate(p)), p == tuple(range(len(cites)))))
    return [cites[k] for k in order]


def _year_of(item: dict) -> int | None:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return parts[0][0] if parts and parts[0] else None


LOCATOR_BEFORE = regex.compile(r"(?:\b(?:S|Sp|pp?|Rn|Rz|at)\.?|第|頁|页)\s*$", regex.I)
LOCATOR_AFTER = regex.compile(r"^\s*(?:页|頁|f\.|ff\.)")


DASHES = rf"[\-{S.DASH}]"  # citeproc-js prints a range with an en dash, French styles with U+2011


# a page number is a whole number outside a date: not the 4 of 1912年4月10日 nor the 11 of 2019-01-11
NOT_IN_DATE = (r"(?<!\d)(?<!\d[\-./])", r"(?!\d)(?!\s*[年月日])")


def printed_range(pages: str) -> str:
    """A pattern of a page or range as a style prints it: '140-148' is 140–148, or 140–48 / 140–8 after
    CSL's page-range-format (chicago, minimal) keeps only the last digits of the second number."""
    m = regex.fullmatch(r"\s*(\d+)\s*[-–—]\s*(\d+)\s*", pages)
    if not m:
        return regex.escape(pages)
    first, last = m.groups()
    return rf"{first}\s*{DASHES}\s*(?:{'|'.join(last[k:] for k in range(len(last)))})"


def _locator(text: str, marked: list, s0: int, s1: int, locator: str | None) -> None:
    """Mark the cite's pinpoint (its last printed occurrence, with 'S.' / 'p.' / 第…页 around it) as pages first,
    so the item's page range or volume is never looked for inside it."""
    if not locator:
        return
    digits = printed_range(locator)
    hits = [m for m in regex.finditer(rf"{NOT_IN_DATE[0]}{digits}{NOT_IN_DATE[1]}", text[s0:s1]) if all(marked[s0 + k] is None for k in range(*m.span()))]
    if not hits:
        return
    a, b = s0 + hits[-1].start(), s0 + hits[-1].end()
    m = LOCATOR_BEFORE.search(text[s0:a])
    a = s0 + m.start() if m else a
    m = LOCATOR_AFTER.match(text[b:s1])
    b = b + m.end() if m else b
    for k in range(a, b):
        marked[k] = "pages"


def _page_range(text: str, marked: list, s0: int, s1: int, page: str | None) -> None:
    """The item's page range as the style prints it ('282–87', '282 f.', '282'): from its first page on."""
    first = regex.match(r"\d+", str(page or ""))
    if not first:
        return
    for m in regex.finditer(rf"{NOT_IN_DATE[0]}{first.group()}(?:\s*{DASHES}\s*\d+|\s?ff?\.)?{NOT_IN_DATE[1]}", text[s0:s1]):
        a, b = s0 + m.start(), s0 + m.end()
        if all(marked[k] is None for k in range(a, b)):
            before = LOCATOR_BEFORE.search(text[s0:a])
            for k in range(s0 + before.start() if before else a, b):
                marked[k] = "pages"
            return


def locales() -> dict[str, str]:
    return {p.stem.removeprefix("locales-"): p.read_text(encoding="utf-8") for p in sorted((CSL / "locales").glob("locales-*.xml"))}


def job(style_xml: str, lang: str, items: dict[str, dict], notes: list[list[dict]], locales: dict[str, str],
        force: bool = False, bibliography: bool = False) -> dict:
    """One citeproc-js job: wrapped items cited note by note in one style (`force`: lang over the style's own),
    or (`bibliography`) the style's reference list of them."""
    # a style may ask for its own default locale (de-AT, zh-TW) and for those its layouts name (locale="zh ja")
    named = regex.findall(r'(?:xml:lang|locale)="([^"]+)"', style_xml)
    need = {lang.split("-")[0], "en", "zh", "de", "fr"} | {t.split("-")[0] for v in named for t in v.split()}
    return {"style": style_xml, "lang": lang, "force": force, "items": items, "notes": notes, "bibliography": bibliography,
            "locales": {k: v for k, v in locales.items() if k.split("-")[0] in need}}


def cite(key: str, locator: str | None = None, signal: str | None = None) -> dict:
    """A citeproc cite of item `key`, wrapped so `unwrap` finds its segment (and its signal)."""
    c: dict = {"id": key, "prefix": CITE_OPEN + (f"{OPEN['signal']}{signal}{CLOSE['signal']} " if signal else ""),
               "suffix": CITE_CLOSE}
    if locator:
        c.update(locator=locator, label="page")
    return c


def _render_style(style: Style, locales: dict[str, str]) -> list[dict]:
    """Every note of one style (or entry of its reference list) as {text, spans, from}; citeproc-js's output is
    cached by the hash of its inputs."""
    rng = random.Random(f"{SEED}:{style.name}")
    items = pool(style)
    xml = style.path.read_text(encoding="utf-8")
    if style.bibliography:  # one reference list: its entries are the strings
        chosen = rng.sample(items, min(len(items), NOTES_PER_STYLE[style.family]))
        by_id = {f"i{k}": {**wrap(it), "id": f"i{k}"} for k, it in enumerate(chosen)}
        docs = [(by_id, [])]
        lang, force = ("zh-TW", True) if style.family == "bib-zh" and rng.random() < 0.5 else (style.lang, False)
        jobs = [job(xml, lang, by_id, [], locales, force, bibliography=True)]
    else:
        docs = documents(style, items, NOTES_PER_STYLE[style.family], rng)
        jobs = []
        for by_id, notes in docs:
            lang, force = (("zh-TW", True) if style.family == "zh" and rng.random() < 0.5 else (style.lang, False))
            jobs.append(job(xml, lang, by_id, notes, locales, force))
    key = hashlib.sha256(json.dumps([CITEPROC, DRIVER.read_text(), jobs], ensure_ascii=False, sort_keys=True).encode())
    path = CACHE / "render" / f"{style.name[:60]}-{key.hexdigest()[:20]}.json"
    if path.exists():  # citeproc-js's answers for exactly these inputs
        answers = json.loads(path.read_text(encoding="utf-8"))
    else:
        answers = run_jobs(jobs)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    rows = []
    for (by_id, notes), ans in zip(docs, answers):
        if style.bibliography:
            rows += [row for key, text in zip(ans.get("ids") or [], ans.get("entries") or []) if key in by_id
                     for row in [_entry(text, by_id, key)] if row]
            continue
        for cites, text in zip(notes, ans.get("notes") or []):
            if not text or not text.strip():
                continue
            got = unwrap(text, by_id, cites)
            if not got or not got[1]:
                continue
            origin = sorted({tuple(by_id[c["id"]].get("_from") or ()) for c in cites} - {()})
            rows.append({"text": got[0], "spans": got[1], "from": origin})
    return rows


def _entry(text: str, by_id: dict[str, dict], key: str) -> dict | None:
    """One reference-list entry as {text, spans, from}: its first line (a bilingual style prints a second
    one) unwrapped as a note citing its item once, a numeric style's number before it labelled apart."""
    text = text.strip().split("\n")[0].replace("\t", " ").strip()
    m = CITATION_NUMBER.match(text)
    number = m.group() if m else ""
    if not text[len(number):].strip():
        return None
    got = unwrap(number + CITE_OPEN + text[len(number):] + CITE_CLOSE, by_id, [{"id": key}])
    if not got or not got[1]:
        return None
    out, spans = got
    if number.strip():
        a = len(number) - len(number.lstrip())
        spans = [(a, len(number.rstrip()), "citation-number"), *spans]
    return {"text": out, "spans": spans, "from": sorted({tuple(by_id[key].get("_from") or ())} - {()})}


def rendered() -> Iterator[Example]:
    """Labelled notes of every chosen style (source `render`, group = the style), style by style."""
    locs = locales()
    for style in styles():
        rng = random.Random(f"{SEED}:post:{style.name}")
        for row in _render_style(style, locs):
            ex = Example(row["text"], [tuple(s) for s in row["spans"]], "render", style.name,
                         {"family": style.family, "from": [tuple(f) for f in row["from"]]})
            if style.family == "zh" and "《" in ex.text and rng.random() < 0.4:
                ex = _relabel(ex, A.taiwanese(A.pieces_of(ex), rng))
            elif rng.random() < 0.08:
                ex = _relabel(ex, A.pdf_noise(A.pieces_of(ex), rng))
            ex.meta["train"] = not unlabelled_run(ex)
            yield ex


WORD = regex.compile(r"\p{Han}|[\p{L}\p{N}]+")


def unlabelled_run(ex: Example, words: int = 3) -> bool:
    """Whether the note has `words` words in a row outside every span: values the item does not hold
    (an archive's shelf mark, 'hier', a name citeproc-js abbreviated past recognition). Such a note
    is scored by the bench but not trained on: the tagger would learn that a date or a journal after
    a title can be nothing."""
    covered = [False] * len(ex.text)
    for a, b, _ in ex.spans:
        covered[a:b] = [True] * (b - a)
    run = 0
    for m in WORD.finditer(ex.text):
        run = 0 if any(covered[m.start():m.end()]) else run + 1
        if run >= words:
            return True
    return False


def _relabel(ex: Example, pieces: A.Pieces) -> Example:
    new = A.example_of(pieces, ex.source, ex.group)
    new.meta = ex.meta
    return new


def main() -> None:
    """`python -m training.render [STYLE...]`: print rendered notes with their labels (a look at the data)."""
    import sys

    want = set(sys.argv[1:])
    for ex in itertools.islice((e for e in rendered() if not want or e.group in want), 40):
        print(ex.group, "|", ex.text)
        print("   ", [(ex.text[a:b], lab) for a, b, lab in ex.spans])


if __name__ == "__main__":
    main()
