"""One citation string -> a CSL-JSON item and its locator.

The trained tagger (tagger.py) labels every token; the labelled spans are then normalised one
field family at a time, as AnyStyle's normalisers do: names (names.py: CJK names whole, Western
family/given order, et al.), dates (民國 years, month names, days), volume / issue / pages
(full-width digits, page ranges, Chinese numerals), imprint words, titles without their brackets.
The type is inferred last from which fields were found. Nothing is invented: a field that is not
printed stays empty.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import regex

from . import names as N
from . import tagger as T
from .repair import TYPE_CODE, juan_after_title, repair
from .text import MARKUP, cjk_share, respace

DASHES = "‐‑‒–—~～－〜"
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
MONTHS_DE = {"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12}
ROLE_WORDS = regex.compile(
    r"\s*[（(]?(?:原著|編著|编著|主編|主编|合編|合编|編印|编印|編纂|编纂|編譯|编译|合著|等著|合譯|合译|著|譯|译|編|编|"
    r"eds?\.?|editors?|edited by|hrsg\.?|hg\.?|trans\.?|translated by|übers\.?|tr\.)[)）]?\s*[:：,，.]?\s*$", regex.I)
ROLE_HEAD = regex.compile(r"^\s*(?:in[:\s]+|edited by\s+|translated by\s+|trans\.\s+|hrsg\.\s+v(?:on)?\.\s+|收錄於|收录于|載於|载于|載|载)", regex.I)
PUBLISHER_WORD = regex.compile(r"(?:出版社|出版公司|書局|书局|印書館|印书馆|Press|Verlag|Publishers?|Publishing)", regex.I)
INSTITUTION = regex.compile(
    r"(?:研究所|研究院|基金會|基金会|研究中心|協會|协会|銀行|银行|部|委員會|委员会|Institute|Foundation|Council|"
    r"Department|Ministry|Office|Commission|Center|Centre|Bank|Agency)\b", regex.I)
NEWSPAPER = regex.compile(r"(?:報|报|日報|时报|時報|電臺|电台|電視|通訊社|Times|Post|News|Daily|Herald|Guardian|Journal$)", regex.I)
FIELD_LABELS = {"author", "editor", "translator", "title", "container-title", "collection-title", "volume", "issue",
                "date", "publisher", "publisher-place", "edition", "genre", "url", "doi", "accessed", "pages",
                "citation-number", "identifier"}


@dataclass
class Labelled:
    """A citation string and its labelled spans."""
    text: str
    spans: list[tuple[str, int, int]]

    def values(self, label: str) -> list[str]:
        return self._values.get(label, [])

    @cached_property
    def _values(self) -> dict[str, list[str]]:
        """Each label's values, brackets balanced, computed once (a Labelled is cached and read often)."""
        out: dict[str, list[str]] = {}
        for lab, a, b in self.spans:
            a, b = balanced(self.text, a, b)
            out.setdefault(lab, []).append(self.text[a:b])
        return out

    def first(self, label: str) -> str | None:
        v = self.values(label)
        return v[0] if v else None

    @property
    def labels(self) -> set[str]:
        return {lab for lab, _, _ in self.spans}

    def cites(self) -> bool:
        """Does the string name a source rather than only comment? A field beyond a bare title or
        name (a quoted term in prose is no citation), and commentary covering less than half. A
        Chinese or Japanese one also prints something only sources have: a year, a page, a URL,
        a book or article mark 《》〈〉, a GB/T type code [M]: explanatory notes ('上海五國是指：中國、
        俄羅斯…') have none, and 99.5 % of the zotero-chinese notes do."""
        return self._cites

    @cached_property
    def _cites(self) -> bool:  # computed once: splitting asks it of every piece
        if not SOURCE_EVIDENCE.search(self.text) and cjk_share(self.text) > 0.5:  # the search is the cheaper test
            return False
        found = self.labels & FIELD_LABELS
        # a passage quoted from the source after a colon ends the citation ('《漢書》卷 96〈西域傳〉上：「罽賓國……」'):
        # however long, it is no commentary of the note's own
        quoted = QUOTED_PASSAGE.search(self.text) if self.text.rstrip(" 。.")[-1:] in QUOTE_CLOSERS else None
        end = quoted.start() if quoted else len(self.text)
        commentary = sum(min(b, end) - a for lab, a, b in self.spans if lab == "note" and a < end)
        return bool(found - {"title", "author"} or {"title", "author"} <= found) and commentary < end / 2


QUOTE_CLOSERS = "」”』"  # the search below runs only on a note ending with one (cites() is asked of every piece)
QUOTED_PASSAGE = regex.compile(r"[：:]\s*[「“『][^「“『]*(?:[「“『][^」”』]*[」”』][^「“『]*)*[」”』]\s*[。.]?\s*$")
SOURCE_EVIDENCE = regex.compile(
    r"(?<!\d)(?:1[5-9]|20)\d{2}(?!\d)|民國\s*\d{2,3}|\d{2,3}\s*年|https?[:：]|www\.|\b(?:pp?|vol|no)\.\s*\d|頁|页|[《〈]"
    r"|\[[A-Z]{1,2}(?:/OL)?\]|n\.\s*d\.|no date|出版年不詳|未註明", regex.I)
PAREN = {"(": ")", "（": "）", "[": "]", "［": "］", "〔": "〕", "【": "】", "“": "”", "「": "」", "『": "』"}
UNPAREN = {v: k for k, v in PAREN.items()}
BRACKET_CHARS = frozenset(PAREN) | frozenset(UNPAREN)


def balanced(text: str, a: int, b: int) -> tuple[int, int]:
    """Widen a span over the bracket that closes one it opens ('学报（自然科学版' + '）') or opens
    one it closes ('[英' + ']劳特派特'): the tagger leaves punctuation at span edges outside."""
    value = text[a:b]
    if BRACKET_CHARS.isdisjoint(value):
        return a, b
    for o, c in PAREN.items():
        if value.count(o) > value.count(c) and b < len(text) and text[b] == c:
            b += 1
        if value.count(c) > value.count(o) and a > 0 and text[a - 1] == o:
            a -= 1
    return a, b


SPACES = regex.compile(r"\s+")


def clean(raw: str) -> str:
    # NFC maps CJK compatibility ideographs (年 U+F98E) to the unified ones, one to one
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    if "<" in text:
        text = MARKUP.sub("", text)
    if not (text.isprintable() and "  " not in text):  # every other \s is unprintable: else only single spaces
        text = SPACES.sub(" ", text)
    return respace(text.strip())


def label(raw: str) -> Labelled:
    """Tag a citation string. Cached on the cleaned text: splitting reads a footnote's NFC form and
    parsing the verbatim piece (CJK compatibility ideographs), and both must hit one tagging."""
    return _label_raw(raw, T.model_file())


@lru_cache(maxsize=8192)
def _label_raw(raw: str, model: str) -> Labelled:
    return _label(clean(raw), model)


@lru_cache(maxsize=8192)
def _label(text: str, model: str) -> Labelled:
    tokens = T.tokenize(text)
    return Labelled(text, repair(text, T.spans(text, tokens, T.tag(tokens))))


def parse_citation(raw: str) -> tuple[dict[str, Any], str | None]:
    """Parse one citation string; returns (CSL-JSON item without id, locator)."""
    lab = label(raw)
    return to_csl(lab), locator(lab)


# ---- spans -> CSL-JSON ---------------------------------------------------------------------------

# The edges strip_value removes, as str.strip sets (no regex search from every position): regex's \s
# (Unicode White_Space, without the separators 0x1c-0x1f that str.isspace adds), quotes and brackets.
WHITE_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
EDGE_OPEN = "\"‘'(（[［【«" + WHITE_SPACE  # title marks: strip_marks
EDGE_CLOSE = "\"’'»" + WHITE_SPACE
LIST_PUNCT = ",，.。:：;；" + WHITE_SPACE
ABBREVIATION_END = regex.compile(r"(?:^|[\s.])\p{Lu}\.$")
TITLE_MARKS = {"《": "》", "〈": "〉", "「": "」", "『": "』", "“": "”"}
UNTITLE = {c: o for o, c in TITLE_MARKS.items()}


def _balanced(v: str, o: str, c: str) -> bool:
    depth = 0
    for ch in v:
        depth += (ch == o) - (ch == c)
        if depth < 0:
            return False
    return depth == 0


def strip_marks(v: str) -> str:
    """Title marks at the edges: a pair around the whole value, or one left unmatched; a mark that a
    mark inside balances stays ('「一帶一路」沿線…研究', '〈「一國兩制」的未來〉' -> '「一國兩制」的未來')."""
    v = v.strip()
    while v:
        o, e = v[0], v[-1]
        if o in TITLE_MARKS and e == TITLE_MARKS[o] and len(v) > 1 and _balanced(v[1:-1], o, e):
            v = v[1:-1].strip()
        elif o in TITLE_MARKS and v.count(o) > v.count(TITLE_MARKS[o]):
            v = v[1:].strip()
        elif e in UNTITLE and v.count(e) > v.count(UNTITLE[e]):
            v = v[:-1].strip()
        else:
            return v
    return v


def strip_value(v: str) -> str:
    """A field value without its delimiters: brackets, quotes, list punctuation."""
    v = strip_marks(v).lstrip(EDGE_OPEN).rstrip(EDGE_CLOSE)
    abbreviation = ABBREVIATION_END.search(v.rstrip(",，;； "))  # 'Washington D.C.'
    v = v.rstrip(LIST_PUNCT) + ("." if abbreviation else "")
    v = v.lstrip(LIST_PUNCT)
    if v.count("(") < v.count(")") or v.count("（") < v.count("）"):
        v = v.rstrip(")）")
    if v.count("(") > v.count(")") or v.count("（") > v.count("）"):
        v = v.lstrip("(（") if v[:1] in "(（" else v
    v = strip_marks(v).strip('"')
    return v.strip(" ,，")


# A part's title mark (〈〉 or 「」) closed, then a whole's (《》 or 『』) opened: article and journal, or
# chapter and book, labelled as one title.
TITLE_PAIR = regex.compile(r"\s*[〈「]?(?P<part>[^〈〉「」《》『』]+)[〉」]\s*[，,、]?\s*[《『](?P<whole>[^〈〉「」《》『』]+)[》』]?[\s，,。]*")


DOI = regex.compile(r"10\.\d{4,9}/\S+")
CLASSICAL = regex.compile(r"(\p{Han}{1,6})[‧·・](\p{Han}.*)")


def to_csl(lab: Labelled) -> dict[str, Any]:
    c: dict[str, Any] = {}
    for role in ("author", "editor", "translator"):
        for v in lab.values(role):
            put_names(c, v, role)
    for key, label_ in (("title", "title"), ("container-title", "container-title"), ("collection-title", "collection-title"),
                        ("publisher", "publisher"), ("publisher-place", "publisher-place"), ("genre", "genre")):
        v = lab.first(label_)
        if v:
            v = strip_value(ROLE_HEAD.sub("", v) if key == "container-title" else v)
            if v:
                c[key] = v
    juan = juan_after_title(lab.text, lab.spans)
    if juan and juan.group("chapter"):  # its juan is the volume (repair.juan)
        c["section"] = juan.group("chapter")
    pair = TITLE_PAIR.fullmatch(lab.first("title") or "")
    if pair and "container-title" not in c:  # 〈篇名〉，《刊名》 in one span: the marks tell the two apart
        c["title"], c["container-title"] = pair.group("part"), pair.group("whole")
    if len(lab.values("title")) > 1 and "container-title" not in c and "section" not in c:
        second = strip_value(lab.values("title")[1])
        if second:
            c["container-title"] = second
    if "publisher" in c and len(lab.values("publisher")) > 1:
        c["publisher"] = "; ".join(strip_value(v) for v in lab.values("publisher"))
    for key in ("volume", "issue", "edition"):
        v = lab.first(key)
        if v:
            n = number_of(v)
            if n:
                c[key] = n
    for ident in lab.values("identifier"):
        key, value = identifier_of(ident)
        if value:
            c.setdefault(key, value)
    url = url_of(lab)
    if url:
        c["URL"] = url
    doi = lab.first("doi")
    if doi:
        m = DOI.search(doi)
        if m:
            c["DOI"] = m.group().rstrip(".,;")
    dates = [d for d in (date_of(v) for v in date_values(lab)) if d]
    if dates:
        # the first date printed is the item's; a later one of the same year may give its month and day
        best = max((d for d in dates if d[0][0] == dates[0][0][0]), key=lambda d: len(d[0]))
        c["issued"] = {"date-parts": best}
    acc = lab.first("accessed")
    if acc:
        d = date_of(acc)
        if d:
            c["accessed"] = {"date-parts": d}
    classical = CLASSICAL.fullmatch(c.get("title", ""))
    if classical and "container-title" not in c:  # 史記‧大宛列傳 = work ‧ chapter (CSL: section)
        c["title"], c["section"] = classical.group(1), classical.group(2)
    c["language"] = language(frame(lab))
    c["type"] = infer_type(c, lab)
    c["custom"] = {"parsed-by": f"{T.MODEL_NAME} {T.MODEL_VERSION}"}  # CSL's slot for extra key-value pairs
    if c["type"] == "thesis" and "container-title" in c and "publisher" not in c:
        c["publisher"] = c.pop("container-title")
    if c["type"] == "report" and "publisher" not in c and INSTITUTION.search(c.get("container-title", "")):
        c["publisher"] = c.pop("container-title")  # the body that issued the report, printed where a host would be
    return c


# An identifier's CSL variable, by the prefix printed with it; anything else is the item's own `number`
# (a standard's 'GB/T 7714—2015', a report's 'NBER Working Paper 123', a patent's 'CN1318281A').
IDENTIFIER = regex.compile(r"^\s*(?:(?P<key>ISBN|ISSN|PMID|PMCID)(?:-1[03])?\s*[:：]?\s*)?(?P<value>.*?)[\s.,;，。；]*$", regex.I)


def identifier_of(text: str) -> tuple[str, str]:
    """('ISBN', '978-7-01-…') for 'ISBN 978-7-01-…'; ('number', 'GB/T 7714—2015') for a number of the item's own."""
    m = IDENTIFIER.match(text)
    key = m.group("key")
    return (key.upper(), m.group("value")) if key else ("number", strip_value(text))


NAME_HEAD = regex.compile(r"^\s*(?:by|von|von\s+|见|見)\s+", regex.I)


def put_names(c: dict[str, Any], text: str, role: str) -> None:
    text = ROLE_HEAD.sub("", text)
    text = ROLE_WORDS.sub("", text)
    text = NAME_HEAD.sub("", text)
    names, et_al = split_names(text)
    if names:
        c.setdefault(role, []).extend(names)


GIVEN = regex.compile(r"(?:\p{Lu}\.?\s*(?:-\s*)?){1,4}|(?:\p{Lu}[\p{Ll}'’\-]+\.?\s*){1,3}(?:\p{Lu}\.\s*)*")


NAME_END_DOT = regex.compile(r"(?<=\p{L}{2}|\p{Han})\.$")
ET_AL = regex.compile(r"[\s,，]*(?:等人?|et\s+al\.?|u\.\s*a\.|and others)$", regex.I)
LATIN_WORD = regex.compile(r"\p{Latin}{2}")
CJK_NAME_SEP = regex.compile(r"\s*[、，,；;/]\s*")
NAME_SEP = regex.compile(r"\s*[;；、]\s*|\s*,?\s+(?:and|und|&|et)\s+|\s*,?\s*&\s*")
CONJUNCTION = regex.compile(r"\s+(?:and|und|&|et)\s+|\s*&\s*")  # a NAME_SEP without a comma


def name_groups(text: str) -> list[str]:
    """`text` split at NAME_SEP, except at a body's own 'and': where one side of a conjunction
    is a body and the other is not ('Center for Strategic and International Studies', 'Groningen
    Growth and Development Centre', 'Bill & Melinda Gates Foundation'), the two are one name."""
    groups, pos, seps = [], 0, []
    for m in NAME_SEP.finditer(text):
        groups.append(text[pos:m.start()])
        seps.append(m.group())
        pos = m.end()
    groups.append(text[pos:])
    out = [groups[0]]
    for sep, g in zip(seps, groups[1:]):
        prev = out[-1]
        if CONJUNCTION.fullmatch(sep) and "," not in prev + g and N.is_org(prev) != N.is_org(g):
            out[-1] = prev + sep + g
        else:
            out.append(g)
    return out


def split_names(text: str) -> tuple[list[dict[str, str]], bool]:
    """A printed name list -> CSL names. 'Family, Given' lists ('Gendler, Tamar Szabó.',
    'Romero, C., Paunesku, D., & Dweck, C.') stay one person per pair; others split on commas."""
    text = text.strip(" ，,、：:;；")
    text = NAME_END_DOT.sub("", text).strip()  # a name ends with a word: its final '.' is punctuation
    et_al = False
    m = ET_AL.search(text)
    if m:
        et_al, text = True, text[: m.start()]
    text = N.GLOSS.sub("", text)
    if not text.strip():
        return [], et_al
    if N.HAN.search(text) and not LATIN_WORD.search(text):
        parts = [p for p in CJK_NAME_SEP.split(text) if p.strip(" .")]
        return [N.to_csl(p) for p in parts], et_al
    groups = [g for g in name_groups(text) if g.strip(" ,.")]
    out: list[dict[str, str]] = []
    for g in groups:
        parts = [p.strip() for p in g.split(",") if p.strip(" .")]
        k = 0
        while k < len(parts):
            p = parts[k]
            nxt = parts[k + 1] if k + 1 < len(parts) else None
            if nxt is not None and len(p.split()) <= 3 and not N.is_org(p) and GIVEN.fullmatch(nxt.strip() + " ") and (
                    len(p.split()) == 1 or p.split()[0].lower() in N.PARTICLES):
                out.append({"family": p.strip(" ."), "given": nxt.strip()})
                k += 2
                continue
            name = N.to_csl(p)
            if name:
                out.append(name)
            k += 1
    return out, et_al


URL_TAIL = regex.compile(r"\s*(?:[\[［(（]\s*(?:\d{4}[\-/.]\d{1,2}|accessed|引用|访问|瀏覽|檢索)|\s\d{4}\s*年|[，,;；]\s*(?:accessed|retrieved|last|瀏覽|檢索))", regex.I)
WORDS_AFTER = regex.compile(r"[\p{Han}]{2}|\s\p{L}{4,}\s\p{L}{4,}")
URL_START = regex.compile(r"(?:https?|ftp)[:：]//|(?<![/\w])www\.", regex.I)


def url_of(lab: Labelled) -> str | None:
    """Extracted URLs break at spaces and line joins, so a URL runs to the end of the citation;
    a truncated copy printed before the full one gives way to the longest, and a trailing access
    date ('[2025-01-11]', '2019 年 …') is not part of it."""
    spans = [(a, b) for l_, a, b in lab.spans if l_ == "url"]
    if not spans:
        return None
    a = spans[0][0]
    tail = lab.text[a:]
    cut = URL_TAIL.search(tail)
    if cut:
        tail = tail[: cut.start()]
    if WORDS_AFTER.search(tail):  # words after the URL: keep the tagged span only
        tail = lab.text[a: spans[0][1]]
    starts = [m.start() for m in URL_START.finditer(tail)]
    if len(starts) > 1:
        tail = max((tail[x:y] for x, y in zip(starts, starts[1:] + [len(tail)])), key=len)
    return tail.strip().rstrip("。.，,;；)） ") or None


NUMBER = regex.compile(r"\d+(?:\s*[\-/–]\s*\d+)?")
HAN_NUMBER = regex.compile(r"[〇一二三四五六七八九十百]+")
ROMAN = regex.compile(r"\b[IVXLC]+\b")


def number_of(v: str) -> str | None:
    v = unicodedata.normalize("NFKC", v)
    m = NUMBER.search(v)
    if m:
        return SPACES.sub("", m.group()).replace("–", "-")
    m = HAN_NUMBER.search(v)
    if m:
        return m.group()  # as printed (卷二): the gold and BibTeX keep it
    m = ROMAN.search(v)
    return m.group() if m else None


ROC_YEAR = regex.compile(r"民國\s*(\d{1,3})\s*年")
BARE_ROC_YEAR = regex.compile(r"^\s*(\d{2,3})\s*年")  # a Taiwanese date printed '109 年 8 月 1 日': the 民國 left out
YEAR = regex.compile(r"(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)")
ISO_REST = regex.compile(r"\s*[\-/.]\s*(\d{1,2})(?:\s*[\-/.]\s*(\d{1,2}))?")
ZH_MONTH_DAY = regex.compile(r"(\d{1,2})\s*月(?:\s*(\d{1,2})(?:\s*[\-~～]\s*(\d{1,2}))?\s*日)?")
WORD3 = regex.compile(r"\p{L}{3,}")
DAY = regex.compile(rf"(?<!\d)(\d{{1,2}})(?:\s*[{DASHES}\-]\s*(\d{{1,2}}))?(?!\d)")


def date_of(v: str) -> list[list[int | str]] | None:
    """'2006年', '民國 95 年 3 月', '109 年 8 月 1 日' (民國 109), '(2011).', 'Dec. 2004', 'May 5, 2017', '2019-07-03', '19-20 May 2003'."""
    v = unicodedata.normalize("NFKC", v)
    roc = ROC_YEAR.search(v) or (None if YEAR.search(v) else BARE_ROC_YEAR.match(v))
    if roc:
        year = 1911 + int(roc.group(1))
        v = v[roc.end():]
    else:
        y = YEAR.search(v)
        if not y:
            return None
        year = int(y.group(1))
        before, v = v[: y.start()], v[y.end():]
        iso = ISO_REST.match(v)
        if iso:
            parts = [year, int(iso.group(1))] + ([int(iso.group(2))] if iso.group(2) else [])
            return [parts]
        v = before + " " + v
    zh = ZH_MONTH_DAY.search(v)
    if zh:
        parts: list[int | str] = [year, int(zh.group(1))]
        if zh.group(2):
            parts.append(int(zh.group(2)))
            if zh.group(3):
                return [parts, [year, int(zh.group(1)), int(zh.group(3))]]
        return [parts]
    month = None
    for m in WORD3.finditer(v):
        w = m.group().lower()
        if w[:3] in MONTHS and (len(w) == 3 or w.startswith(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))):
            month = MONTHS[w[:3]]
            break
        if w in MONTHS_DE:
            month = MONTHS_DE[w]
            break
    if month:
        d = DAY.search(v)
        if d:
            if d.group(2):
                return [[year, month, int(d.group(1))], [year, month, int(d.group(2))]]
            return [[year, month, int(d.group(1))]]
        return [[year, month]]
    return [[year]]


MONTH_BEFORE = regex.compile(
    r"(?:(\d{1,2}(?:\s*[\-‐–]\s*\d{1,2})?)\s+)?\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?\s*,?\s*(\d{1,2})?\s*,?\s*$")


MONTH_WORD = regex.compile(r"\p{L}{3}|月")


def date_values(lab: Labelled) -> list[str]:
    """Date spans, each with a month and day printed just before it ('Nov., 13, 2009') that the
    tagger left outside."""
    out = []
    for l_, a, b in lab.spans:
        if l_ != "date":
            continue
        v = lab.text[a:b]
        if not MONTH_WORD.search(v):
            m = MONTH_BEFORE.search(lab.text[max(0, a - 16): a])
            if m:
                v = m.group() + " " + v
        out.append(v)
    return out


PAGE_RANGE = regex.compile(rf"[\dIVXLivxl]+(?:\s*[{DASHES}\-]\s*[\dIVXLivxl]+)?")
DASH = regex.compile(rf"\s*[{DASHES}\-]\s*")
BEFORE_DIGIT = regex.compile(r"^\D*?(?=\d)")
DIGIT = regex.compile(r"\d")


def locator(lab: Labelled) -> str | None:
    """The printed page(s): the last page span (a note's pinpoint follows the item's range)."""
    pages = lab.values("pages")
    if not pages:
        return None
    v = unicodedata.normalize("NFKC", pages[-1])
    m = PAGE_RANGE.search(BEFORE_DIGIT.sub("", v) if DIGIT.search(v) else v)
    if not m:
        return None
    return DASH.sub("-", m.group()).replace(" ", "")


PARENTHESISED = regex.compile(r"[（(][^()（）]*[)）]")
URL_WORD = regex.compile(r"(?:https?[:：]//|www\.)[^\s\p{Han}，。；、）)」》〉]*")  # not \S*: Chinese runs have no spaces
LETTER = regex.compile(r"\p{L}")
CJK_PUNCT = regex.compile(r"[\u3000-\u303F\uFF00-\uFFEF]")
CJK_TITLE_MARK = regex.compile(r"[「」《》〈〉]")


def frame(lab: Labelled) -> str:
    """The citation without its names: the names keep their own script ('Frederic S. Pearson 著，…'),
    the frame around them is in the citation's language."""
    out, at = [], 0
    for l_, a, b in lab.spans:
        if l_ in ("author", "editor", "translator"):
            out.append(lab.text[at:a])
            at = b
    return "".join(out) + lab.text[at:]


def language(text: str) -> str:
    """The language of the citation's frame; a parenthesised original-language gloss does not count."""
    return own_language(text) or ("zh" if CJK_PUNCT.search(text) else "en")


@lru_cache(maxsize=8192)
def own_language(text: str) -> str | None:
    """The frame's language, or None when it has no words (a bare URL and a date): the document's then."""
    frame = URL_WORD.sub("", PARENTHESISED.sub("", text))
    if not LETTER.search(frame):
        return None
    return "zh" if cjk_share(frame) > 0.25 or CJK_TITLE_MARK.search(frame) else "en"


CONFERENCE = regex.compile(r"(?:研討會|研讨会|會議|会议|論壇|论坛|論文集|论文集|Proceedings|Conference|Symposium|Workshop)", regex.I)
THESIS = regex.compile(r"(?:論文|论文|thesis|dissertation|diss\.|Doktorarbeit)", regex.I)


# GB/T 7714's document type codes, where they name one CSL type ('[C]' is a whole proceedings or a paper
# in one, '[G]' / '[Z]' are collections and others: the fields decide those).
TYPE_OF_CODE = {"M": "book", "J": "article-journal", "D": "thesis", "N": "article-newspaper", "R": "report",
                "S": "standard", "P": "patent", "A": "chapter", "EB": "webpage"}


def infer_type(c: dict[str, Any], lab: Labelled) -> str:
    """The item type follows from the fields the tagger found, or from the type code a GB/T reference prints."""
    codes = [TYPE_OF_CODE[m.group("code")] for m in TYPE_CODE.finditer(lab.text) if m.group("code") in TYPE_OF_CODE]
    if len(set(codes)) == 1:  # one code (a note citing two works may print two)
        return codes[0]
    has_vol = "volume" in c or "issue" in c
    container = c.get("container-title", "")
    day = any(len(p) >= 3 for p in c.get("issued", {}).get("date-parts", []))
    authors = c.get("author", [])
    corporate = bool(authors) and all("literal" in a and N.is_org(a["literal"]) for a in authors)
    page_word = any("版" in v for v in lab.values("pages"))
    if THESIS.search(c.get("genre", "")):
        return "thesis"
    if container and (page_word or day and not has_vol and NEWSPAPER.search(container)):
        return "article-newspaper"
    if "URL" in c and not has_vol and not container and "publisher" not in c:
        return "webpage"
    if "URL" in c and container and not has_vol and not lab.values("pages"):
        return "webpage"
    if container and "title" in c and ("editor" in c or "publisher" in c or "publisher-place" in c) and not has_vol:
        return "chapter"
    if container and "title" in c and not has_vol and CONFERENCE.search(container):
        return "paper-conference"
    if container and INSTITUTION.search(container) and not has_vol:
        return "report"
    if container:
        return "article-journal" if has_vol or "title" in c else "article-newspaper" if day else "article-journal"
    publisher = c.get("publisher", "")
    if corporate and (publisher or "publisher-place" in c or "issued" in c):
        return "report"
    if publisher and INSTITUTION.search(publisher) and not PUBLISHER_WORD.search(publisher):
        return "report"
    if "URL" in c:
        return "webpage"
    if publisher or "publisher-place" in c or "title" in c:
        return "book"
    return "document"
