"""Third-party labelled citations -> one form: `Example(text, spans, source, group)`.

`spans` are (start, end, label) character ranges in `text` with the labels of
`citations.references.tagger.LABELS`; characters outside every span are "O". `group` is what a
held-out split keeps together: an AnyStyle file slice, a GROBID file, a zotero style, a corpus
document. Every reader is deterministic (files in sorted order).
"""
from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import os

import regex

from citations.references.text import MARKUP  # what parse.clean drops

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the clone (a worktree sits one level deeper); CITEAUDIT_SHARED overrides
SHARED = Path(os.environ.get("CITEAUDIT_SHARED") or next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.exists()), ROOT.parent / "shared"))


@dataclass
class Example:
    text: str
    spans: list[tuple[int, int, str]]
    source: str  # anystyle | grobid | zotero | gold | synthetic
    group: str
    meta: dict = field(default_factory=dict)


# ---- one convention for the words around a field ------------------------------------------------

# Words a source may keep inside a field's span or leave outside it ('Vol. 5' or 'Vol.' + '5',
# 'In: J. Smith (ed.)' or 'In' + 'J. Smith' + '(ed.)'): AnyStyle and the aligned notes keep them
# inside, GROBID outside. Training widens every span over them (`widen`), so the tagger learns one
# convention; the bench strips them from both sides before comparing values (`strip_affixes`).
LEAD = {
    "volume": r"vols?|volumes?|v|bd|band|jg|jahrgang|t|tome|tomo",
    "issue": r"nos?|nr|numbers?|issues?|iss|n|no°|n°|h|heft|fasc",
    "pages": r"pp|p|pages?|pgs?|s|ss|seiten?|at",
    "editor": r"in|edited\s+by|ed\.?\s+by|eds?|edd|hrsg\.?\s+v(?:on)?|hg\.?\s+v(?:on)?|herausgegeben\s+von|compiled\s+by|sous\s+la\s+direction\s+de|dir|éds?",
    "translator": r"trans|transl|translated\s+by|tr|trad|traduit\s+par|übers\.?\s+v(?:on)?|übersetzt\s+von",
    "container-title": r"in|dans",
    "doi": r"doi",
    "url": r"url|available(?:\s+(?:at|from))?|online|retrieved\s+from",
}
TRAIL = {
    "editor": r"\(?(?:eds?|edd|editors?|hrsg|hg|dir|éds?|coord)\.?\)?",
    "translator": r"\(?(?:trans|transl|tr|trad)\.?\)?",
}
_LEAD_BEFORE = {k: regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{v})\s*[.:]?\s*$", regex.I) for k, v in LEAD.items()}
_TRAIL_AFTER = {k: regex.compile(rf"[\s,]*{v}(?![\p{{L}}\p{{N}}])", regex.I) for k, v in TRAIL.items()}
_LEAD_IN = {k: regex.compile(rf"^[\W_]*(?:{v})(?![\p{{L}}\p{{N}}])[\W_]*", regex.I) for k, v in LEAD.items()}
_TRAIL_IN = {k: regex.compile(rf"[\W_]*{v}[\W_]*$", regex.I) for k, v in TRAIL.items()}


def widen(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each span widened over the lead and trail words of its field that sit unlabelled next to it."""
    taken = [False] * len(text)
    for a, b, _ in spans:
        for k in range(a, b):
            taken[k] = True
    out = []
    for a, b, lab in sorted(spans):
        if lab in _LEAD_BEFORE:
            m = _LEAD_BEFORE[lab].search(text, 0, a)
            if m and m.start() < a and not any(taken[m.start(): a]):
                for k in range(m.start(), a):
                    taken[k] = True
                a = m.start()
        if lab in _TRAIL_AFTER:
            m = _TRAIL_AFTER[lab].match(text, b)
            if m and m.end() > b and not any(taken[b: m.end()]):
                for k in range(b, m.end()):
                    taken[k] = True
                b = m.end()
        out.append((a, b, lab))
    return out


def strip_affixes(label: str, value: str) -> str:
    """A field value without the lead and trail words of `widen` ('Vol. 5' -> '5')."""
    value = unicodedata.normalize("NFKC", value)
    for _ in range(2):  # 'In: edited by'
        if label in _LEAD_IN:
            value = _LEAD_IN[label].sub("", value, count=1)
        if label in _TRAIL_IN:
            value = _TRAIL_IN[label].sub("", value, count=1)
    return value


# ---- AnyStyle tagged XML -------------------------------------------------------------------------

ANYSTYLE = {
    "author": "author", "editor": "editor", "translator": "translator", "title": "title",
    "container-title": "container-title", "journal": "container-title", "collection-title": "collection-title",
    "volume": "volume", "pages": "pages", "date": "date", "publisher": "publisher", "location": "publisher-place",
    "edition": "edition", "genre": "genre", "medium": "genre", "url": "url", "doi": "doi", "note": "note",
    "citation-number": "citation-number", "isbn": "identifier", "source": "note", "director": "author",
    "producer": "author", "dataset": "note",
}
# AnyStyle tags an access date as a `note` ('Accessed May 29, 2013.', '[Accessed: 19-Oct-2017]')
# where the zotero items and the rendered notes have `accessed`, and the words before a URL
# ('Retrieved from') as a `note` where our convention keeps them in the URL's span (`widen`)
ACCESSED = regex.compile(r"\W*(?:last\s+)?(?:accessed|retrieved|viewed|visited|consulted|consulté|abgerufen|zugriff)\b.*\d", regex.I)
URL_LEAD = regex.compile(r"\W*(?:retrieved|available)(?:\s+(?:from|at))?\W*", regex.I)
# Vancouver's 'Journal. 2002;7(1):' is tagged as one AnyStyle volume ('2002;7(1):', '2015 . 13(24):', '2010, 213:'):
# the year is the date, as GROBID and the rendered notes have it
YEAR_VOLUME = regex.compile(r"^((?:1[5-9]|20)\d\d[a-z]?)\s*[;,.]\s*(?=.*\d)")
VOL_ISSUE = regex.compile(r"^(.*?\d[\w.]*)\s*((?:\(\s*[\w\-–/ ]+\s*\)|,?\s*(?:no|nos|issue|nr|h|n[°º]|num)\.?\s*\d[\w\-–/]*).*)$", regex.I)


HOST_LEAD = regex.compile(r"(?:in|dans|en|im)\b", regex.I)  # a host follows: "In Essays on Time"


def book_title(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A book's title, tagged `container-title` (most of them in ugly.xml: 'Taylor, C. (1992). The
    malaise of modernity. Ontario: Anansi.'), is its `title`, as core.xml, GROBID, CSL and our
    parser have it: a lone container with an imprint and no volume, issue or 'In' before it."""
    labels = [lab for _, _, lab in spans]
    if "title" in labels or "volume" in labels or "issue" in labels or labels.count("container-title") != 1 \
            or not {"publisher", "publisher-place"} & set(labels):
        return spans
    k = labels.index("container-title")
    a, b, _ = spans[k]
    if HOST_LEAD.match(text, a) or HOST_LEAD.search(text[spans[k - 1][1] if k else 0: a]):
        return spans
    return spans[:k] + [(a, b, "title")] + spans[k + 1:]


def unmarked(text: str, spans: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """The string without its inline markup ('<italic>Trends in Plant Science</italic>', as the
    parser's `clean` drops it), each span moved with its characters."""
    if "<" not in text or not MARKUP.search(text):
        return text, spans
    keep = [True] * len(text)
    for m in MARKUP.finditer(text):
        for k in range(*m.span()):
            keep[k] = False
    new_at, n = [], 0
    for k in range(len(text) + 1):
        new_at.append(n)
        n += k < len(text) and keep[k]
    out = "".join(c for c, kept in zip(text, keep) if kept)
    moved = [(new_at[a], new_at[b], lab) for a, b, lab in spans]
    return out, [(a, len(out[:b].rstrip()), lab) for a, b, lab in moved if out[a:b].strip()]


def anystyle(root: Path | None = None) -> Iterator[Example]:
    root = root or SHARED / "external" / "anystyle" / "parser"
    for path in sorted(root.glob("*.xml")):
        for k, seq in enumerate(ET.parse(path).getroot().iter("sequence")):
            text, spans = "", []
            for el in seq:
                value = " ".join((el.text or "").split())
                if not value:
                    continue
                label = ANYSTYLE.get(el.tag, "note")
                if label == "note" and ACCESSED.match(value):
                    label = "accessed"
                elif label == "note" and URL_LEAD.fullmatch(value):
                    label = None  # widened into the URL that follows
                if text:
                    text += " "
                start = len(text)
                text += value
                if label == "volume" and (y := YEAR_VOLUME.match(value)):
                    spans.append((start, start + len(y.group(1)), "date"))
                    start += y.end()
                    value = value[y.end():]
                if label == "volume":  # AnyStyle keeps 'vol. 36, no. 9' in one span: split the issue off
                    m = VOL_ISSUE.match(value)
                    if m and m.group(2):
                        cut = start + m.start(2)
                        spans += [(start, start + len(m.group(1)), "volume"), (cut, len(text), "issue")]
                        continue
                if label:
                    spans.append((start, len(text), label))
            if text:
                spans = book_title(text, spans)
                text, spans = unmarked(text, spans)
                # groups: slices of each file, so a held-out slice is a contiguous run of the file
                yield Example(text, widen(text, spans), "anystyle", f"{path.stem}:{k // 200}")


# ---- GROBID TEI <bibl> ---------------------------------------------------------------------------

def _grobid_label(el: ET.Element, has_article_title: bool) -> str | None:
    """Our label of a TEI element. GROBID's `<note type="report">` ('Ph.D. thesis', 'Tech Report')
    is AnyStyle's and our `genre`, its `<orgName>` (not a collaboration) the `publisher`."""
    tag = el.tag.split("}")[-1]
    kind = el.get("level") or el.get("unit") or el.get("type") or ""
    if tag == "title":
        return {"a": "title", "j": "container-title", "s": "collection-title"}.get(
            kind, "container-title" if has_article_title else "title")
    if tag == "biblScope":
        return {"vol": "volume", "volume": "volume", "issue": "issue", "pp": "pages", "page": "pages"}.get(kind, "pages")
    if tag == "author" or tag == "orgName" and kind == "collaboration":
        return "author"
    if tag == "orgName":  # the university of a thesis, the institution of a report: AnyStyle's publisher
        return "publisher"
    if tag == "idno":
        return "doi" if kind.lower() == "doi" else "identifier"
    if tag == "ptr":
        return "url"
    return {"editor": "editor", "date": "date", "publisher": "publisher", "pubPlace": "publisher-place",
            "pubplace": "publisher-place", "note": "genre" if kind == "report" else "note"}.get(tag)


def grobid(root: Path | None = None) -> Iterator[Example]:
    root = root or SHARED / "external" / "grobid-citation"
    for path in sorted(root.glob("*.xml")):
        try:
            tree = ET.parse(path)
        except ET.ParseError:
            continue
        for bibl in tree.getroot().iter():
            if bibl.tag.split("}")[-1] != "bibl":
                continue
            has_a = any(c.tag.split("}")[-1] == "title" and c.get("level") == "a" for c in bibl)
            parts: list[tuple[str, str | None]] = [(bibl.text or "", None)]
            for el in bibl:
                parts.append(("".join(el.itertext()), _grobid_label(el, has_a)))
                parts.append((el.tail or "", None))
            text, spans = "", []
            for value, label in parts:
                value = regex.sub(r"\s", " ", value)  # one for one, so offsets hold
                start = len(text)
                text += value
                if label and value.strip():
                    a = start + len(value) - len(value.lstrip())
                    spans.append((a, start + len(value.rstrip()), label))
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            spans = [(a - lead, b - lead, lab) for a, b, lab in spans]
            text, spans = unmarked(text, spans)
            if text:
                yield Example(text, widen(text, spans), "grobid", path.name)


# ---- alignment of a rendered string with the item it was rendered from --------------------------

DASH = "‐‑‒–—~～－〜"


def _norm_char(c: str) -> str:
    f = unicodedata.normalize("NFKC", c)
    return f if len(f) == 1 else c


def _fold_char(c: str) -> str:
    if c in DASH:
        return "-"
    f = unicodedata.normalize("NFKC", c).lower()
    return f[0] if len(f) == 1 else c.lower()[:1] or c


class Aligner:
    """Marks where an item's field values occur in its rendered text (case- and width-insensitive)."""

    def __init__(self, text: str) -> None:
        self.text = "".join(_norm_char(c) for c in text)  # same length: offsets hold
        self.folded = "".join(_fold_char(c) for c in text)
        self.labels: list[str | None] = [None] * len(text)

    def free(self, a: int, b: int) -> bool:
        return all(x is None for x in self.labels[a:b])

    def find(self, value: str, label: str, after: int = 0, last: bool = False, number: bool = False) -> tuple[int, int] | None:
        value = " ".join(MARKUP.sub("", str(value)).split())
        if not value:
            return None
        key = "".join(_fold_char(c) for c in value)
        # a space of the value is any run of spaces in print ('信息技术\xa0 中文编码字符集')
        pattern = r"\s+".join(regex.escape(part) for part in key.split(" "))
        hits = [m.span() for m in regex.finditer(pattern, self.folded, overlapped=True)]
        if last:
            hits.reverse()
        for s, e in hits:
            if s < after or not self.free(s, e):
                continue
            if number and ((s and self.folded[s - 1].isdigit()) or (e < len(self.folded) and self.folded[e].isdigit())):
                continue
            self.mark(s, e, label)
            return s, e
        return None

    def mark(self, a: int, b: int, label: str) -> None:
        for k in range(a, b):
            if self.labels[k] is None:
                self.labels[k] = label

    def extend(self, pattern: str, label: str) -> None:
        """Widen each span of `label` over affix words next to it ('第 5 卷', 'Vol. 5', 'pp. 3')."""
        for m in regex.finditer(pattern, self.text, flags=regex.I):  # NFKC per character
            if m.groupdict().get("v") is None:
                continue
            a, b = m.span("v")
            if all(x == label for x in self.labels[a:b]):
                for k in range(m.start(), m.end()):
                    if self.labels[k] is None:
                        self.labels[k] = label

    def spans(self) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        k = 0
        while k < len(self.labels):
            lab = self.labels[k]
            j = k
            while j < len(self.labels) and self.labels[j] == lab:
                j += 1
            if lab:
                out.append((k, j, lab))
            k = j
        return out


NAME_SEP = r"[\s,，、;；&.]*(?:and|und|et|&|与|與|和)?[\s,，、;；&.]*"
AFFIXES = {
    "volume": [r"第\s*(?P<v>[\d一二三四五六七八九十]+)\s*[卷册冊辑輯]", r"(?:vol|vols|bd|jg|t)\.?\s*(?P<v>\d+)", r"(?P<v>\d+)\s*[卷册冊]"],
    "issue": [r"第\s*(?P<v>\d+)\s*[期号號]", r"[(（]\s*(?P<v>\d+[\-/]?\d*)\s*[)）]", r"(?:no|nr|h|issue)\.?\s*(?P<v>\d+)", r"(?P<v>\d+)\s*[期号號]"],
    "pages": [r"第\s*(?P<v>[\d\-–—~～]+)\s*[页頁]", r"[页頁]\s*(?P<v>[\d\-–—~～]+)", r"(?:pp?|s|ss)\.?\s*(?P<v>\d[\d\-–—~～f.]*)"],
    "date": [r"(?P<v>\d{4})\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?(?:版)?", r"[(（]\s*(?P<v>\d{4})\s*[)）]"],
    # '2. Aufl.', '4th ed.', '2e éd.': the ordinal's letters belong to the number, whose token they share
    "edition": [r"(?:第\s*)?(?P<v>\d+)(?:st|nd|rd|th|e|er|ème)?\.?\s*(?:版|ed\.|edn\.?|éd\.|aufl\.|edition\b|auflage\b)"],
}
ROLE_AFTER = r"(?:\s*(?:等|等人|et al\.?))?\s*[（(]?(?:主编|主編|编著|編著|编|編|著|译|譯|等著|合著|eds?\.|hrsg\.|trans\.|ed\.)[)）]?"


# the CSL name roles and the label of their names: the makers of a work (a song's composer, a film's
# director) are its authors, as AnyStyle tags them
ROLES = {"author": "author", "composer": "author", "director": "author", "script-writer": "author",
         "original-author": "author", "editor": "editor", "editorial-director": "editor", "collection-editor": "editor",
         "compiler": "editor", "translator": "translator"}


def _particles_and_suffix(al: Aligner, hit: tuple[int, int], name: dict, label: str) -> tuple[int, int]:
    """A name's span over its particles and suffix where citeproc-js prints them ('van der Merwe K',
    'Veen, Pieternella H. van der', 'Peebles, Jr.'), and over the gap between a given and a family
    name found apart, when only particles fill it ('Pieternella H. van der Veen')."""
    a, b = hit
    particles = " ".join(p for p in (name.get("dropping-particle"), name.get("non-dropping-particle")) if p)
    words = r"\s+".join(regex.escape(w) for w in particles.split())
    if particles:
        m = regex.search(rf"(?<!\p{{L}}){words}\s+$", al.text[:a], flags=regex.I)
        if m and al.free(m.start(), a):
            a = m.start()
        m = regex.match(rf"\s+{words}(?!\p{{L}})", al.text[b:], flags=regex.I)
        if m and al.free(b, b + m.end()):
            b += m.end()
    if name.get("suffix"):
        m = regex.match(rf",?\s*{regex.escape(name['suffix'])}", al.text[b:])
        if m and al.free(b, b + m.end()):
            b += m.end()
    gap = "".join(al.text[k] for k in range(hit[0], hit[1]) if al.labels[k] is None)
    if regex.fullmatch(rf"[\s,]*(?:{words})?[\s,]*", gap, flags=regex.I):
        al.mark(a, b, label)
    else:  # something else sits between the two names: widen only at the ends
        al.mark(a, hit[0], label)
        al.mark(hit[1], b, label)
    return a, b


def _names(al: Aligner, names: list[dict], label: str) -> None:
    found = []
    for n in names:
        cands = []
        if n.get("literal"):
            cands.append(n["literal"])
        fam, giv = n.get("family", ""), n.get("given", "")
        if fam and giv:
            cands += [fam + giv, giv + " " + fam, fam + ", " + giv, fam + " " + giv, giv + fam]
            initials = " ".join(p[0] + "." for p in giv.replace("-", " ").split() if p)  # 'D. J.'
            plain = initials.replace(".", "")  # 'D J'
            cands += [initials + " " + fam, fam + ", " + initials, fam + " " + plain.replace(" ", ""),
                      fam + " " + plain, initials.replace(" ", "") + " " + fam]
            bare = " ".join(giv.replace(".", " ").split())  # a style that strips periods: 'David J Des Marais', 'M A S Abdel Haleem'
            if bare != giv:
                cands += [bare + " " + fam, fam + ", " + bare, fam + " " + bare]
            cands += [plain + " " + fam, plain.replace(" ", "") + " " + fam]
        elif fam:
            cands.append(fam)
        hit = None
        for c in cands:
            hit = al.find(c, label)
            if hit:
                break
        if not hit and fam and giv:
            hit = al.find(fam, label)
            if hit:
                g = al.find(giv, label) or al.find(giv.split()[0][0] + ".", label)
                hit = (min(hit[0], g[0]), max(hit[1], g[1])) if g and abs(g[0] - hit[0]) < 40 else hit
        if hit:
            found.append(_particles_and_suffix(al, hit, n, label))
    if len(found) >= 1:
        found.sort()
        # fill the separators between names of one list, and the role word or 'et al.' after it
        for (a0, a1), (b0, b1) in zip(found, found[1:]):
            if regex.fullmatch(NAME_SEP, al.text[a1:b0]) and al.free(a1, b0):
                al.mark(a1, b0, label)
        last = found[-1][1]
        m = regex.match(r"[\s,，、]*(?:等|等人|et al\.?|u\.\s*a\.|\[?等\]?)", al.text[last:])
        if m and m.end() and al.free(last, last + m.end()):
            al.mark(last, last + m.end(), label)
            last += m.end()
        m = regex.match(ROLE_AFTER, al.text[last:], flags=regex.I)
        if m and m.end() and al.free(last, last + m.end()):
            al.mark(last, last + m.end(), label)


# citeproc-js reads `key: value` lines at the head of an item's `note` (Zotero's Extra field) as CSL
# variables and prints them: 'page: 78' is the page of '2023: 78', 'issued: 1912' the year
NOTE_FIELD = regex.compile(r"^([\-_a-z]+|[A-Z]+):\s*([^}]+)$")
NAME_KEYS = {"author", "editor", "translator", "original-author", "container-author", "collection-editor",
             "compiler", "contributor", "director", "editorial-director", "illustrator", "interviewer",
             "organizer", "recipient", "reviewed-author", "executive-producer", "producer", "host", "guest"}
DATE_KEYS = {"issued", "accessed", "original-date", "event-date", "available-date", "submitted"}


def note_fields(item: dict) -> dict:
    """The item with the variables of its `note` as citeproc-js sets them (CSL.parseNoteFieldHacks):
    a date overrides, any other key only fills an empty field; the first free-text line ends the list."""
    if not isinstance(item.get("note"), str):
        return item
    out, names = dict(item), {}
    for k, line in enumerate(item["note"].split("\n")):
        m = NOTE_FIELD.match(line.strip())
        if not line.strip():
            continue
        if not m:
            if k:
                break
            continue
        key, val = m.group(1), m.group(2).strip()
        if key in DATE_KEYS:
            out[key] = {"raw": val}
        elif not item.get(key) and key in NAME_KEYS:
            fam_giv = regex.split(r"\s*\|\|\s*", val)
            names.setdefault(key, []).append({"family": fam_giv[0], "given": fam_giv[1]} if len(fam_giv) == 2 else {"literal": val})
        elif not item.get(key):
            out[key] = val
    return {**out, **names}


def _year(item: dict, key: str = "issued") -> str | None:
    parts = (item.get(key) or {}).get("date-parts") or [[]]
    if parts and parts[0]:
        return str(parts[0][0])
    raw = (item.get(key) or {}).get("raw") or (item.get(key) or {}).get("literal")
    return str(raw)[:4] if raw else None


ACCESS_WORDS = (r"(?:最后|最後)?(?:引用|访问|訪問|浏览|瀏覽|查询|查詢|查阅|查閱)(?:日期|时间|時間)|(?:last\s+)?(?:accessed|visited|viewed|retrieved|consulted)(?:\s+on)?"
                r"|consulté\s+le|abgerufen\s+am|(?:letzter\s+)?zugriff(?:\s+am)?")
ACCESS_AFTER = r"(?:访问|訪問|浏览|瀏覽|查阅|查閱|引用)"


def _date_forms(y: str, m: str, d: str) -> str:
    """A pattern of the ways a style prints one date: 2025-01-11, 2025年1月11日, 11.1.2025,
    11 January 2025, 11. Januar 2025, January 11, 2025 (any month name: the numbers must match)."""
    m, d = rf"0?{m}", rf"0?{d}"
    month = r"\p{L}{3,}\.?"
    return (rf"{y}\s*[\-/.年]\s*{m}\s*[\-/.月]\s*{d}\s*日?|{d}\s*[./]\s*{m}\s*[./]\s*{y}"
            rf"|{d}\.?\s+{month}\s+{y}|{month}\s+{d},?\s+{y}")


def _accessed(al: Aligner, item: dict) -> None:
    """The item's access date where it is printed, with its words ('[引用日期2025-01-11]', '(accessed
    June 12, 2020)', '最后访问日期：2025年3月6日'): found by its own year, month and day, so the
    issued date is never taken for it, and marked before the URL so no URL swallows it."""
    parts = ((item.get("accessed") or {}).get("date-parts") or [[]])[0]
    if len(parts) < 3:
        return
    body = rf"(?:(?:{ACCESS_WORDS})\s*[:：]?\s*)?(?:{_date_forms(*(str(int(p)) for p in parts[:3]))})(?:\s*{ACCESS_AFTER})?"
    for m in regex.finditer(rf"[\[［(（]\s*{body}\s*[\]］)）]|(?<!\d){body}(?!\d)", al.text, flags=regex.I):
        if al.free(m.start(), m.end()):
            al.mark(m.start(), m.end(), "accessed")
            return


def _has_month(item: dict) -> bool:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return len(parts[0]) > 1 or bool(regex.match(r"\s*\d{4}-\d", str((item.get("issued") or {}).get("raw") or "")))


def _years(item: dict) -> tuple[str | None, str | None]:
    """The first and, for a range (date-parts [[2002], [2008]], raw '2002/2008'), the last year of `issued`."""
    issued = item.get("issued") or {}
    parts = issued.get("date-parts") or []
    if len(parts) > 1 and parts[1]:
        return _year(item), str(parts[1][0])
    m = regex.match(r"\s*\d{4}\s*/\s*(\d{4})", str(issued.get("raw") or ""))
    return _year(item), m.group(1) if m else None


def align_item(text: str, item: dict, locator: str | None = None) -> list[tuple[int, int, str]]:
    """Label `text` by the CSL fields of the item it renders."""
    item = note_fields(item)
    al = Aligner(text)
    raw, text = text, al.text
    _accessed(al, item)
    # a URL ends before the note's closing stop, a space (and a stop or comma before one), a CJK comma
    # (in the text as printed: NFKC makes it ','), a bracket that opens a date and the access date
    # found above ('…c.html[2025-01-11]', '…htm（2012-03-23）')
    for m in regex.finditer(r"(?:https?|ftp)[:：]//\S+?(?=[.。，,;；\s]*$|[\s，。；]|[.,;](?=\s)|[\[［(（]\s*\d{4}|$)", raw):
        end = next((k for k in range(m.start(), m.end()) if not al.free(k, k + 1)), m.end())  # up to the access date
        al.mark(m.start(), end, "url")
    if item.get("DOI"):
        al.find(item["DOI"], "doi")
    for key, label in [("title", "title"), ("container-title", "container-title"), ("collection-title", "collection-title"),
                       ("publisher", "publisher"), ("publisher-place", "publisher-place"), ("genre", "genre"),
                       ("event-title", "container-title")]:
        if item.get(key):
            al.find(item[key], label) or (key == "title" and item.get("title-short") and al.find(item["title-short"], label))
    if item.get("number"):  # a report's, standard's, patent's or court case's number: '（2016）最高法民再61号'
        al.find(str(item["number"]), "identifier", number=str(item["number"]).isdigit())
    for role, label in ROLES.items():
        if item.get(role):
            _names(al, item[role], label)
    container = next((s for s in al.spans() if s[2] == "container-title"), None)
    after = container[1] if container else 0
    numbers = [(key, str(item[key])) for key in ("volume", "issue", "edition") if item.get(key)]
    for key, value in numbers:  # a worded one ('2011年卷', '2020版', '2005年修订') before the year inside it
        if not value.isdigit():
            al.find(value, key, after=after) or al.find(value, key)
    year, last_year = _years(item)
    if year:
        hit = al.find(year, "date", number=True)
        if hit:
            # widen over the printed month and day around the year: a word before the year is its month
            # only if the item has one ('23 January 2018', '22. März 2018', 'June 12, 2020', '28 février 2025')
            m = regex.compile(r"(?:\d{1,2}\s*[./\-]?\s*)?(?:\p{L}{3,}\.?\s+(?:\d{1,2},?\s+)?)?$").search(text[: hit[0]])
            if m and m.group().strip() and al.free(m.start(), hit[0]) and regex.search(r"\p{L}{3}", m.group()) and _has_month(item):
                al.mark(m.start(), hit[0], "date")
            # the numeric form first: the other one matches the empty string, and the first match wins
            end = rf"\s*[\-–—/]\s*{last_year}(?!\d)|" if last_year else ""  # a range: 2002–2008
            m = regex.match(rf"{end}[\-./]\d{{1,2}}(?:[\-./]\d{{1,2}})?|(?:\s*年)?(?:\s*\d{{1,2}}\s*月)?(?:\s*\d{{1,2}}\s*日)?(?:\s*版)?", text[hit[1]:])
            if m and m.end() and al.free(hit[1], hit[1] + m.end()):
                al.mark(hit[1], hit[1] + m.end(), "date")
    for key, value in numbers:
        if value.isdigit():
            al.find(value, key, after=after, number=True) or al.find(value, key, number=True)
    if item.get("page"):
        page = str(item["page"])
        # a whole number: page 4 is not the 4 of the date 1925-08-14
        al.find(page, "pages", after=after, number=True) or al.find(regex.sub(r"[\-–—]", "—", page), "pages", number=True) or al.find(
            regex.sub(r"[\-–—]", "-", page), "pages", number=True)
    if locator:
        loc = str(locator)
        al.find(loc, "pages", last=True, number=True) or al.find(loc.replace("-", "—"), "pages", last=True) or al.find(
            loc.replace("-", "–"), "pages", last=True)
    for m in regex.finditer(r"(?:博士|碩士|硕士|學位|学位)(?:論文|论文)|Ph\.?\s?D\.? (?:diss\.|dissertation|thesis)|M\.?A\.? thesis|Diss\.", text, flags=regex.I):
        if al.free(m.start(), m.end()):
            al.mark(m.start(), m.end(), "genre")
    for label, patterns in AFFIXES.items():
        for p in patterns:
            al.extend(p, label)
    return al.spans()


# ---- zotero-chinese items and rendered notes ----------------------------------------------------

def zotero(root: Path | None = None) -> Iterator[Example]:
    root = root or SHARED / "external" / "zotero-chinese-styles"
    items = json.loads((root / "items.csl.json").read_text(encoding="utf-8"))
    for line in (root / "rendered_notes.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if len(row["cites"]) != 1:
            continue
        cite = row["cites"][0]
        item = items.get(cite["id"])
        if not item:
            continue
        # fields_in_text is a literal test, blind to a value with rich-text tags: those are looked for anyway
        shown = {k: v for k, v in item.items() if cite["fields_in_text"].get(k) is not False or MARKUP.search(str(v))}
        text = row["text"]
        spans = align_item(text, shown, cite.get("locator"))
        xref = regex.match(r"\s*(同上|同前注\s*[〔\[]?\d*[〕\]]?|同前|同\s*\d+|Ibid\.?|前引)", text)
        if xref:
            spans = [(xref.start(1), xref.end(1), "crossref")] + [s for s in spans if s[0] >= xref.end(1)]
        yield Example(text, spans, "zotero", row["style"], {"item": item, "cite": cite, "format": row["citation_format"]})


def zotero_items(root: Path | None = None) -> dict[str, dict]:
    root = root or SHARED / "external" / "zotero-chinese-styles"
    return json.loads((root / "items.csl.json").read_text(encoding="utf-8"))


# ---- the corpus gold ------------------------------------------------------------------------------

GOLD_FIELDS = [("title", "title"), ("container", "container-title"), ("publisher", "publisher"),
               ("address", "publisher-place"), ("url", "url")]


def gold(path: Path | None = None) -> Iterator[Example]:
    path = path or SHARED / "gold" / "fields.jsonl"
    for line in path.open(encoding="utf-8"):
        g = json.loads(line)
        raw = g["raw"]
        if g["type"] == "note":
            yield Example(raw, [(0, len(raw), "note")], "gold", g["doc"], {"gold": g})
            continue
        item: dict = {}
        for src, dst in GOLD_FIELDS:
            if g.get(src):
                item[{"url": "URL"}.get(dst, dst)] = g[src]
        for src, dst in [("authors", "author"), ("editors", "editor"), ("translators", "translator")]:
            if g.get(src):
                item[dst] = [_gold_name(n) for n in g[src]]
        for key in ("volume", "issue"):
            if g.get(key):
                item[key] = g[key]
        if g.get("year"):
            item["issued"] = {"date-parts": [[g["year"]]]}
        spans = align_item(raw, item, g.get("pages") or g.get("locator_pages"))
        if g["type"] == "crossref":
            from citations.references.split import IBID, OPCIT, SAME_NOTE

            for pattern in (IBID, SAME_NOTE, OPCIT):
                m = pattern.search(raw)
                if m:
                    spans = [s for s in spans if s[1] <= m.start() or s[0] >= m.end()] + [(m.start(), m.end(), "crossref")]
                    break
        yield Example(raw, sorted(spans), "gold", g["doc"], {"gold": g})


def _gold_name(printed: str) -> dict:
    if "," in printed:
        fam, giv = (x.strip() for x in printed.split(",", 1))
        return {"family": fam, "given": giv}
    return {"literal": printed}


# ---- prose that cites nothing ----------------------------------------------------------------------

# An author-date citation inside a sentence ('(Bernanke 2004)', '(see Smith, 2000: 12)'): such a
# sentence cites something, so it is no commentary example.
AUTHOR_DATE = regex.compile(r"\([^()]*\b(?:1[5-9]|20)\d{2}[a-z]?\b[^()]*\)")
SENTENCE = regex.compile(r"[^。！？!?]*[。！？!?]+[」』”’）)]*|[^。！？!?]+$")
CJK_SPACE = regex.compile(r"(?<=[\p{Han}，。、；：「」『』（）《》〈〉])\s+|\s+(?=[\p{Han}，。、；：「」『』（）《》〈〉])")
LATIN_SENTENCE = regex.compile(r"(?<=[a-z\d)”\"'][.!?][”\"')]?)\s+(?=[A-Z“\"(])")


def prose(corpus: Path | None = None, finder: Path | None = None, per_doc: int = 300, per_dissertation: int = 60) -> Iterator[Example]:
    """Sentences of real scholarly prose, each a whole 'note' (commentary, text that cites nothing),
    so the tagger learns that a sentence about a year, a treaty or a quoted term is no citation:
    the bodies of the corpus documents (Traditional Chinese; every other sentence put into mainland
    script by OpenCC t2s; grouped by their gold document id, so that a held-out gold document's
    prose is held out with it) and the text blocks of AnyStyle's finder documents (English
    dissertations; sentences with an author-date citation left out). `per_doc` (`per_dissertation`)
    sentences at most from each document, spread over it; one in four joined with the next, as
    notes run on."""
    from citations.document import parse_document
    import opencc

    t2s = opencc.OpenCC("t2s")
    corpus = corpus or SHARED / "corpus"
    for path in sorted(corpus.glob("*.txt")):
        for k, text in enumerate(_spread(chinese_sentences(parse_document(path).body), per_doc)):
            text = t2s.convert(text) if k % 2 else text
            yield Example(text, [(0, len(text), "note")], "prose", path.stem.split("_")[0])
    finder = finder or SHARED / "external" / "anystyle" / "finder"
    for path in sorted(finder.glob("*.ttx")):
        sents = []
        for block in _text_blocks(path):
            sents += [s for s in LATIN_SENTENCE.split(block) if 40 <= len(s) <= 400 and not AUTHOR_DATE.search(s)
                      and s[0].isupper() and s.rstrip()[-1:] in ".!?"]
        for text in _spread(sents, per_dissertation):
            yield Example(text, [(0, len(text), "note")], "prose", "finder:" + path.stem)


def chinese_sentences(body: str) -> list[str]:
    """The sentences of a Chinese document's body text (12-300 characters, with a run of Han)."""
    body = regex.sub(r"\s+", " ", CJK_SPACE.sub("", body))  # a line join inside Chinese prose is no space
    return [s.strip() for s in SENTENCE.findall(body) if 12 <= len(s.strip()) <= 300 and regex.search(r"\p{Han}{6}", s)]


def _spread(sents: list[str], n: int) -> list[str]:
    """At most n sentences taken evenly over the document; every fourth joined with the next."""
    step = max(1, len(sents) // n)
    picked = sents[::step][:n]
    out = []
    for k, s in enumerate(picked):
        if k % 4 == 3 and k + 1 < len(picked):  # Chinese sentences join without a space
            s += ("" if s[-1:] in "。！？" else " ") + picked[k + 1]
        out.append(s)
    return out


def _text_blocks(path: Path) -> Iterator[str]:
    """The 'text' blocks of an AnyStyle finder document (label | line), lines joined, hyphenation undone."""
    lines: list[str] = []
    label = ""
    for raw in path.open(encoding="utf-8"):
        head, _, line = raw.rstrip("\n").partition("|")
        if head.strip():
            if label == "text" and lines:
                yield _joined(lines)
            label, lines = head.strip(), []
        if label == "text" and line.strip():
            lines.append(line.strip())
    if label == "text" and lines:
        yield _joined(lines)


def _joined(lines: list[str]) -> str:
    return regex.sub(r"-\s+(?=\p{Ll})", "", " ".join(lines)).strip()
