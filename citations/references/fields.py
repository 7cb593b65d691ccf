"""The shared steps of the citation parser: the `Parse` state and the extractors every style uses.

Like AnyStyle, the parser is a sequence of small steps over a `Parse` state: each takes one kind of
field off the string (URL, page locator, names, dates, imprint ...). The style readers (zh.py,
en.py, gbt.py) build on these; parse.py runs them and infers the type last.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import regex

from . import names as N
from .text import PAIRS, TITLE_OPENERS, cjk_share, top_level_split

DASHES = "‐‑‒–—~～－〜"
ROLE = r"(?:原著|編著|编著|主編|主编|合編|合编|編印|编印|編篡|編撰|編纂|编纂|編譯|编译|合著|等著|合譯|合译|著|譯|译|編|编)"
ROLE_END = regex.compile(rf"{ROLE}$")
URL = regex.compile(r"https?[:：]//|(?<![/\w])www\.", regex.I)
PAGE_NUM = rf"[\dIVXLivxl]+(?:\s*[{DASHES}\-]\s*[\dIVXLivxl]+)?"
LOCATORS = [  # (pattern, is_newspaper_page)
    (regex.compile(rf"[頁页]\s*({PAGE_NUM})"), False),
    (regex.compile(rf"第\s*({PAGE_NUM})\s*[頁页]"), False),
    (regex.compile(r"第\s*(\d+)\s*版|版\s*(\d+)"), True),
    (regex.compile(rf"(?<![\p{{L}}])(?:pp|PP|p|P)\.?\s*({PAGE_NUM})\b"), False),
]
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
ZH_DATE = regex.compile(r"(\d{2,4})\s*年\s*(?:版|度)?\s*(?:第\s*\d+\s*期)?\s*(?:(\d{1,2})\s*月)?\s*(?:(\d{1,2})\s*日)?")
PUBLISHER = regex.compile(
    r"(?:出版社|出版公司|書局|书局|出版|印書館|印书馆|發行|发行|雜誌社|杂志社|文化|圖書|图书|"
    r"Press|Publishers?|Publishing|Books|Routledge|Rouledge|Macmillan|RAND|Wiley|Sage|Springer|Holt|Company)",
    regex.I,
)
INSTITUTION = regex.compile(
    r"(?:研究所|研究院|基金會|基金会|研究中心|協會|协会|銀行|银行|部|委員會|委员会|Institute|Foundation|Council|"
    r"Department|Ministry|Office|Commission|Center|Centre)$|^(?:The )?(?:\p{Lu}[\w.’'-]* )*(?:Institute|Foundation|Council|Centre|Center)\b",
    regex.I,
)
THESIS = regex.compile(r"(?<=\p{Han})(?:(博士論文|碩士論文|博士论文|硕士论文|學位論文|Ph\.?\s*D\.? (?:dissertation|thesis)|M\.?A\.? thesis))(?=[，,\s（(]|$)", regex.I)
NEWS_GENRE = regex.compile(r"(?:評論|社論|報導|报道|新聞|新闻)$")
PLACE = regex.compile(r"^(?:\p{Han}{1,3}[市縣县]?|[\p{Lu}][\w.]*(?:[ ,]+[\p{Lu}][\w.]*){0,2})$")
# 'N 卷' is the modern volume; '卷 N' (classical fascicle) only when nothing earlier matched
VOLUME = regex.compile(r"第\s*(\d+)\s*卷|(?<!\d)(\d+)\s*卷|(?<![\p{L}])Vol\.?\s*(\d+)|卷\s*([\d一二三四五六七八九十百零]+)", regex.I)
ISSUE = regex.compile(r"第\s*(\d+)\s*期|(?<![\d\p{L}])(\d+)\s*期|(?<![\p{L}])No\.?\s*(\d+)", regex.I)


# '西安：西北大學出版社1986年版' — an imprint printed without parentheses (mainland style)


@dataclass
class Parse:
    rest: str
    lang: str = "zh"
    csl: dict[str, Any] = field(default_factory=dict)
    locator: str | None = None
    date: list[str] = field(default_factory=list)  # [year, month, day] as printed
    newspaper_page: bool = False
    container_editors: bool = False
    genre: str | None = None
    corporate_print: bool = False  # 編印: a body that compiles and prints its own publication
    gbt: str | None = None  # GB/T 7714 document-type mark ([J], [M] …) when the note prints one


def clean(raw: str) -> str:
    # NFC maps CJK compatibility ideographs (年 U+F98E) to the unified ones our patterns use
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    text = regex.sub(r"\s+", " ", text).strip()
    return text.rstrip("。．.，, ")


def squeeze(text: str) -> str:
    return regex.sub(r"\s+", " ", text).strip(" ，,。.;；:：")


# ---- steps shared by both languages -------------------------------------------------------------

def take_url(p: Parse) -> None:
    """The URL runs to the end of the citation (extracted URLs break at spaces); a trailing date is not part of it."""
    m = URL.search(p.rest)
    if not m:
        return
    url = p.rest[m.start():]
    starts = [u.start() for u in URL.finditer(url)]
    if len(starts) > 1:  # a truncated copy printed before the full URL: keep the longest
        pieces = [url[a:b] for a, b in zip(starts, starts[1:] + [len(url)])]
        url = max(pieces, key=len)
    date = regex.search(r"\s+(\d{4}\s*年.*)$", url)
    tail = ""
    if date:
        url, tail = url[: date.start()], date.group(1)
    p.csl["URL"] = url.strip().rstrip("。.，, ")
    head = regex.sub(r"(?:網址|网址|URL|Available at|Retrieved from)\s*[：:]?\s*$", "", p.rest[: m.start()], flags=regex.I)
    p.rest = (head.rstrip(" ，,。") + ("，" + tail if tail else "")).strip()


def take_locator(p: Parse) -> None:
    """The printed page(s) at the end of the citation are its locator."""
    for pattern, newspaper in LOCATORS:
        matches = list(pattern.finditer(p.rest))
        if not matches:
            continue
        m = matches[-1]
        tail = p.rest[m.end():]
        after = tail.strip(" 。.，,")
        # text after a full stop that follows the page is a remark, not part of the citation
        if len(after) > 3 and not after.startswith("原文") and not tail.lstrip().startswith("。"):
            continue
        value = next(g for g in m.groups() if g)
        value = regex.sub(rf"\s*[{DASHES}\-]\s*", "-", value).replace(" ", "")
        p.locator = value
        p.newspaper_page = newspaper
        p.rest = p.rest[: m.start()].rstrip(" ，,：:")
        return
    # a bare page number printed after the date: '…(2009 年 10 月)，94'
    bare = regex.search(rf"(?<=[)）年])\s*[，,]\s*({PAGE_NUM})$", p.rest)
    if bare and regex.fullmatch(r"[\d\s\-‐–~]+", bare.group(1)):
        p.locator = regex.sub(rf"\s*[{DASHES}\-]\s*", "-", bare.group(1))
        p.rest = p.rest[: bare.start()]


def take_thesis(p: Parse) -> None:
    m = THESIS.search(p.rest)
    if m:
        p.genre = m.group(1)
        p.rest = (p.rest[: m.start()] + p.rest[m.end():]).strip()


def detect_language(p: Parse) -> None:
    """The language of the citation's frame; a parenthesised original-language gloss does not count."""
    frame = regex.sub(r"[（(][^()（）]*[)）]", "", p.rest)
    if not regex.search(r"\p{L}", frame):  # a bare URL: full-width punctuation betrays a Chinese text
        p.lang = "zh" if regex.search(r"[\u3000-\u303F\uFF00-\uFFEF]", p.csl.get("URL", "")) else "en"
        return
    p.lang = "zh" if cjk_share(frame) > 0.25 or regex.search(rf"[「」《》〈〉]|{ROLE}[，、]", frame) else "en"


def put_names(p: Parse, text: str, role: str) -> None:
    """Add a printed name list to author / editor / translator."""
    names, et_al = N.split_names(text)
    if names:
        p.csl.setdefault(role, []).extend(N.to_csl(n) for n in names)
    if et_al:
        p.csl.setdefault("_et_al", []).append(role)


def role_of(word: str) -> str:
    if regex.search("[譯译]", word) and not regex.search("[編编][譯译]", word):
        return "translator"
    if regex.search("[編编]", word):
        return "editor"
    return "author"


def set_date(p: Parse, year: str | None, month: str | None = None, day: str | None = None) -> bool:
    """Record the first date printed (the item's own date); later ones are access or posting dates."""
    if not year:
        return False
    if p.date:
        if p.date[0] == year and month and len(p.date) == 1:  # same year printed again with its month
            p.date = [year, month] + ([day] if day else [])
        return False
    p.date = [year] + ([month] if month else []) + ([day] if month and day else [])
    return True


def zh_date(p: Parse, text: str) -> bool:
    m = ZH_DATE.search(text)
    if not m:
        return False
    return set_date(p, m.group(1), m.group(2), m.group(3)) or True


def en_date(p: Parse, text: str) -> bool:
    """'(2006)', 'Dec. 2004.', 'Nov., 13, 2009', 'May 5 2017', '19-20 May,2003', 'October 2005', '2015.10.3'."""
    y = regex.search(r"(?<!\d)(1[6-9]\d{2}|20\d{2})(?!\d)", text)
    if not y:
        return False
    month = regex.search(rf"\b({MONTH_WORD})", text)
    day = None
    if month:
        d = regex.search(rf"\b(\d{{1,2}}(?:\s*[{DASHES}\-]\s*\d{{1,2}})?)\s*,?\s*{MONTH_WORD}|{MONTH_WORD}\s*,?\s*(\d{{1,2}})\b(?!\d)", text)
        if d:
            day = regex.sub(rf"\s*[{DASHES}\-]\s*", "-", d.group(1) or d.group(2))
    set_date(p, y.group(1), month.group(1).rstrip(".") if month else None, day)
    return True


def parse_imprint(p: Parse, inner: str) -> None:
    """'(place：publisher，year)', '(place，year)', '(year)', or a conference/series name with a year."""
    parts = [s.strip() for s in top_level_split(inner, "，,")]
    rest: list[str] = []
    for part in parts:
        if (zh_date(p, part) or en_date(p, part)) and regex.fullmatch(
            rf"[\d\s年月日版度\.]*|(?:{MONTH_WORD}\s*)?(?:\d{{1,2}},?\s*)?\d{{4}}\.?|\d{{4}}\s*年.*", part
        ):
            continue
        rest.append(part)
    if not rest:
        return
    head = rest[0]
    colon = regex.search(r"\s*[：:]\s*", head)
    if colon:
        p.csl.setdefault("publisher-place", head[: colon.start()].strip())
        publisher = "，".join([head[colon.end():]] + rest[1:]) if p.lang == "zh" else ", ".join([head[colon.end():]] + rest[1:])
        if publisher.strip():
            p.csl.setdefault("publisher", squeeze(publisher))
    elif p.lang == "en" and len(rest) >= 2 and any(regex.search(r":", r) for r in rest[1:]):
        # '(Northants, UK : Oxford University Press, 2005)': the place itself holds a comma
        i = next(i for i, r in enumerate(rest) if ":" in r)
        place, pub = rest[i].split(":", 1)
        p.csl.setdefault("publisher-place", squeeze(", ".join(rest[:i] + [place])))
        p.csl.setdefault("publisher", squeeze(", ".join([pub] + rest[i + 1:])))
    elif len(rest) >= 3 and p.date:
        # the original edition restated in parentheses (Author, Title, Vol., Publisher, Year): keep its imprint
        p.csl.setdefault("publisher", squeeze(rest[-1]))
    elif len(rest) == 1 and PLACE.match(head) and len(head) <= 4:
        p.csl.setdefault("publisher-place", head)
    elif PUBLISHER.search(head):
        p.csl.setdefault("publisher", squeeze(head))
    else:
        p.csl.setdefault("container-title", squeeze("，".join(rest)))
        p.csl["_event"] = True


def title_span(text: str) -> tuple[str, str, str] | None:
    """(before, inside, after) for the first bracketed title; doubled 「「…」…」 keeps the inner pair."""
    m = regex.search(f"[{TITLE_OPENERS}]", text)
    if not m:
        return None
    opener = m.group()
    closer = PAIRS[opener]
    depth = 0
    for i in range(m.start(), len(text)):
        if text[i] == opener:
            depth += 1
        elif text[i] == closer:
            depth -= 1
            if depth == 0:
                return text[: m.start()], text[m.start() + 1: i], text[i + 1:]
    # an opener that never closes: the title runs to the imprint parenthesis or the end
    end = regex.search(r"[（(]", text[m.end():])
    stop = m.end() + end.start() if end else len(text)
    return text[: m.start()], text[m.end(): stop], text[stop:]
