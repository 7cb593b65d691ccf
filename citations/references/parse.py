"""One citation string -> a CSL-JSON item and its locator.

Like AnyStyle, the parser is a sequence of small steps over a `Parse` state: each takes one kind of
field off the string (URL, page locator, names, title, imprint, volume, date ...) and the type is
inferred last from what was found. Nothing is invented: a field that is not printed stays empty.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import unicodedata

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
BARE_IMPRINT = regex.compile(r"(?:([^：:，,()（）]{1,12})[：:])?\s*([^：:，,()（）]+?(?:出版社|出版公司|書局|书局|印書館|印书馆|Press))\s*((?:1[6-9]|20)\d{2}\s*年.*)")


PLACE_PUBLISHER = regex.compile(r"(\p{Han}{2,4}|[\p{Lu}][\p{L} .]{1,20})\s*[：:]\s*([^：:，,]*(?:出版社|出版公司|書局|书局|印書館|印书馆|出版|書店|书店|社|Press|Publishers?|Books))")


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


def parse_citation(raw: str) -> tuple[dict[str, Any], str | None]:
    """Parse one citation string; returns (CSL-JSON item without id, locator)."""
    p = Parse(rest=clean(raw))
    for step in (take_url, take_locator, take_thesis, detect_language):
        step(p)
    if GBT.search(p.rest):
        parse_gbt(p)
    elif p.lang == "zh":
        parse_zh(p)
    else:
        parse_en(p)
    finish(p)
    return p.csl, p.locator


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


# ---- Chinese ------------------------------------------------------------------------------------

def parse_zh(p: Parse) -> None:
    segments = zh_segments(p.rest)
    i = 0
    pending: list[str] = []  # name segments waiting for a role word
    title_found = False
    # 1. names before the title
    while i < len(segments):
        seg = segments[i]
        m = ROLE_END.search(seg)
        if m and not title_found and not seg.startswith(tuple(TITLE_OPENERS)):
            # 'X著、Y譯' holds two roles; 'A、B主編' one role for two names
            groups = list(regex.finditer(rf"(.+?)({ROLE})(?:、|$)", seg))
            for k, g in enumerate(groups):
                word = g.group(2)
                if word in ("編印", "编印"):
                    p.corporate_print = True
                names = (pending if k == 0 else []) + [g.group(1) + ("等" if word == "等著" else "")]
                for name_seg in names:
                    put_names(p, name_seg, role_of(word))
            pending = []
            i += 1
            continue
        if seg.startswith(tuple(TITLE_OPENERS)) or i == len(segments) - 1:
            break
        if not pending and person_then_title(segments, i):
            put_names(p, seg, "author")
            i += 1
            break
        if name_like_zh(seg) and (pending or any_title_ahead(segments[i:]) or role_ahead(segments[i + 1:]) or p.csl):
            pending.append(seg)
            i += 1
            continue
        break
    if pending and i < len(segments) and segments[i].startswith(tuple(TITLE_OPENERS)):
        for name_seg in pending:
            put_names(p, name_seg, "author")
        pending = []
    if pending:  # not names after all
        i -= len(pending)
    # 2. the title
    if i < len(segments):
        seg = segments[i]
        span = title_span(seg) if seg.startswith(tuple(TITLE_OPENERS)) else None
        if span:
            _, inside, after = span
            p.csl["title"] = squeeze(inside)
            rest_after = zh_after_title(p, after)
            i += 1
            if rest_after:  # 《書名》北京大學出版社2013年版: the imprint glued to the title
                segments = segments[:i] + [rest_after] + segments[i:]
        elif p.csl or not all_trivial(segments[i + 1:]) or regex.search(r"[（(]", seg):
            head, paren = split_paren(seg)
            if head and not (ZH_DATE.fullmatch(head) or head.isdigit()):
                p.csl["title"] = squeeze(head)
                if paren:
                    parse_imprint(p, paren)
                i += 1
    # 3. everything after the title
    zh_tail(p, segments[i:])


def zh_segments(text: str) -> list[str]:
    """Top-level ，-segments, with 'name：title' and 'name「title」' split into two."""
    out: list[str] = []
    for seg in top_level_split(text, "，,"):
        seg = seg.strip()
        if not seg:
            continue
        role_colon = regex.match(rf"^([^{TITLE_OPENERS}：:]{{1,40}}?{ROLE})[：:]\s*(.+)$", seg)
        if role_colon:  # '郑戈译：《法律的道德性》', '王宁主编：《全球化與後殖民批評》'
            out += [role_colon.group(1), role_colon.group(2)]
            continue
        if not out or not (any(o.startswith(tuple(TITLE_OPENERS)) for o in out) or ROLE_END.search(out[-1])):
            # names glued to the title ('查道炯：「…」', '吳良全「…」'), until a title or a role word is seen
            colon = regex.match(rf"^([^{TITLE_OPENERS}：:（(]{{1,60}}?)[：:]\s*(.+)$", seg)
            # 'name：' opens the first segment; later, only a bracketed title may follow the colon
            # (後冷戰時期美國的全球大戰略：新現實主義的觀點 is one title)
            if colon and not ZH_DATE.search(colon.group(1)) and (
                    (not out and len(colon.group(1)) <= 30) or colon.group(2).startswith(tuple(TITLE_OPENERS))):
                out += [colon.group(1), colon.group(2)]
                continue
            m = regex.search(f"[{TITLE_OPENERS}]", seg)
            if m and 0 < m.start() <= 15 and not ROLE_END.search(seg):
                head = seg[: m.start()]
                if not regex.search(r"\d", head):
                    out += [head, seg[m.start():]]
                    continue
        out.append(seg)
    return out


def name_like_zh(seg: str) -> bool:
    return len(seg) <= 30 and not regex.search(r"\d|[（(《〈「]", seg) and not PUBLISHER.search(seg)


def role_ahead(segments: list[str]) -> bool:
    """A later segment closes this name list with a role word (L.F.Locke, W.W.Spirduso and … 著)."""
    for seg in segments:
        if ROLE_END.search(seg):
            return True
        if not name_like_zh(seg):
            return False
    return False


def person_then_title(segments: list[str], i: int) -> bool:
    """'李希霍芬，中國大陸，第 1 卷': a personal-name-shaped first segment before an unbracketed title."""
    seg = segments[i]
    nxt = segments[i + 1] if i + 1 < len(segments) else ""
    return (i == 0 and not any_title_ahead(segments) and not role_ahead(segments[i + 1:])
            and bool(regex.fullmatch(r"\p{Han}{2,5}(?:、\p{Han}{2,4})*", seg)) and not N.is_org(seg)
            and bool(nxt) and not ZH_DATE.match(nxt) and not nxt.startswith(tuple(TITLE_OPENERS)))


def any_title_ahead(segments: list[str]) -> bool:
    return any(s.startswith(tuple(TITLE_OPENERS)) for s in segments)


def all_trivial(segments: list[str]) -> bool:
    """Only dates (and nothing else) follow: the one named thing is a newspaper or broadcaster."""
    return all(ZH_DATE.fullmatch(s.strip()) for s in segments)


IMPRINT_HINT = regex.compile(r"[：:]|\d{2,4}\s*年|(?<!\d)(?:1[6-9]|20)\d{2}(?!\d)|[，,]")


def split_paren(seg: str) -> tuple[str, str | None]:
    """Split off the parenthesis that ends a segment (the imprint); earlier ones such as
    '發展報告(2009)' stay in the title, and so does a series such as '學報(社會科學版)', which
    holds no place, publisher or date. An imprint left unclosed runs to the end."""
    head, inner = _split_paren(seg)
    if inner is not None and not IMPRINT_HINT.search(inner):
        return seg.strip("。. "), None
    return head, inner


def _split_paren(seg: str) -> tuple[str, str | None]:
    seg = seg.rstrip("。. ")
    if seg.endswith((")", "）")):
        depth = 0
        for i in range(len(seg) - 1, -1, -1):
            if seg[i] in ")）":
                depth += 1
            elif seg[i] in "(（":
                depth -= 1
                if depth == 0:
                    return seg[:i].strip("。 "), seg[i + 1: -1]
    m = regex.search(r"[（(](?=[^()（）]*$)", seg)
    if not m:
        return seg.strip("。 "), None
    return seg[: m.start()].strip("。 "), seg[m.end():]


def zh_after_title(p: Parse, after: str) -> str:
    """Text glued to the closing bracket: 卷二《太祖紀下》, （2014 年 6 月 13 日）, (第 4 屆…研討會，2008 年)."""
    after = after.strip()
    if not after:
        return ""
    vol = regex.match(r"卷\s*([\d一二三四五六七八九十百零]+)\s*", after)
    if vol:
        p.csl["volume"] = vol.group(1)
        after = after[vol.end():]
        span = title_span(after)
        if span and not span[0].strip():
            p.csl["_chapter"] = squeeze(span[1])
        p.csl["_classical"] = True
        return ""
    head, paren = split_paren(after)
    if paren is not None and not head:
        parse_imprint(p, paren)
        return ""
    return after


def zh_tail(p: Parse, segments: list[str]) -> None:
    unclassified: list[str] = []
    expect_container = False
    queue = list(segments)
    while queue:
        seg = queue.pop(0).strip()
        if not seg:
            continue
        m = regex.match(r"^(?:收錄於|收录于|收入|載於|载于|見於|见于|載|载)\s*", seg)
        if m:
            seg = seg[m.end():]
            expect_container = True
        role = ROLE_END.search(seg)
        if role and not seg.startswith(tuple(TITLE_OPENERS)) and name_like_zh(seg[: role.start()] or "x"):
            put_names(p, seg[: role.start()], "editor")
            p.container_editors = True
            expect_container = True
            continue
        if seg.startswith(tuple(TITLE_OPENERS)):
            span = title_span(seg)
            if span:
                target = "container-title" if ("title" in p.csl or expect_container) else "title"
                if target in p.csl:
                    target = "container-title"
                p.csl.setdefault(target, squeeze(span[1]))
                rest = span[2].strip()
                if rest:
                    head, paren = split_paren(rest)
                    if paren is not None and not head:
                        parse_imprint(p, paren)
                    else:  # 《社會科學》1990年第6期: what is glued to the name is read like a segment
                        queue.insert(0, rest)
                expect_container = False
                continue
        place_pub = PLACE_PUBLISHER.fullmatch(seg)
        if place_pub and "publisher" not in p.csl:  # 北京：中華書局 printed without parentheses
            p.csl["publisher-place"] = place_pub.group(1).strip()
            p.csl["publisher"] = squeeze(place_pub.group(2))
            continue
        bare = BARE_IMPRINT.fullmatch(seg)
        if bare:
            if bare.group(1):
                p.csl.setdefault("publisher-place", bare.group(1).strip())
            p.csl.setdefault("publisher", bare.group(2).strip())
            zh_date(p, seg[bare.start(3):])
            continue
        head, paren = split_paren(seg)
        if paren is not None and head and not ZH_DATE.search(head) and not VOLUME.search(head) and not ISSUE.search(head):
            # 深入中亞(台北市：…) or 清雲科技大學中亞研究所(2008 年 1 月 18 日)
            unclassified.append(head)
            parse_imprint(p, paren)
            continue
        found = False
        if VOLUME.search(seg):
            v = VOLUME.search(seg)
            p.csl.setdefault("volume", next(g for g in v.groups() if g))
            found = True
        if ISSUE.search(seg):
            s = ISSUE.search(seg)
            p.csl.setdefault("issue", next(g for g in s.groups() if g))
            found = True
        if zh_date(p, seg) or regex.fullmatch(r"\d{4}", seg.strip()):
            if regex.fullmatch(r"\d{4}", seg.strip()):
                set_date(p, seg.strip())
            found = True
        month = regex.fullmatch(r"(\d{1,2})\s*月", seg)
        if month and len(p.date) == 1:
            p.date.append(month.group(1))
            found = True
        if paren is not None and found:
            parse_imprint(p, paren)
        if found:
            continue
        unclassified.append(seg)
    assign_zh_slots(p, unclassified)


def assign_zh_slots(p: Parse, segs: list[str]) -> None:
    """Unlabelled segments after the title: container, publisher, place — by what they look like."""
    for k, seg in enumerate(segs):
        seg = squeeze(seg)
        if not seg:
            continue
        neighbour_pub = any(PUBLISHER.search(s) for s in segs[max(0, k - 1): k + 2] if s != seg)
        if PUBLISHER.search(seg) and "publisher" not in p.csl:
            p.csl["publisher"] = seg
        elif PLACE.match(seg) and len(seg) <= 4 and (neighbour_pub or "publisher" in p.csl):
            p.csl.setdefault("publisher-place", seg)
        elif "container-title" not in p.csl and "title" in p.csl:
            p.csl["container-title"] = seg
        elif "container-title" in p.csl and seg.endswith("版") and k > 0:
            p.csl["container-title"] += "，" + seg  # 學報，哲學社會科學版: the series belongs to the journal
        elif "title" not in p.csl:
            p.csl["title"] = seg
        elif "publisher" not in p.csl:
            p.csl["publisher"] = seg


# ---- English (Chicago notes, and the loose English of Chinese theses) ----------------------------

QUOTE_OPEN = "“"


def parse_en(p: Parse) -> None:
    text = p.rest
    q = quoted_title(text)
    if q:
        before, title, after = q
        put_en_names(p, before)
        p.csl["title"] = squeeze(title)
        en_tail(p, after)
        return
    # unquoted: 'Names, Title (Place: Publisher, Year)' or 'Names, Title, date'
    paren = regex.search(r"\s*\(([^()]*(?:[:：][^()]*|\d{4}[^()]*))\)\s*[,.]?\s*$", text)
    imprint = None
    if paren:
        imprint, text = paren.group(1), text[: paren.start()]
    segs = [s.strip() for s in top_level_split(text, ",")]
    m = regex.match(r"^(.*?)\s*\((\d{4})\)$", segs[0]) if segs else None
    if m:  # IEA(2010): author-date
        segs[0] = m.group(1)
        set_date(p, m.group(2))
    if len(segs) > 1 and name_like_en(segs[0]):
        names = [segs.pop(0)]
        # 'David E. Calkin, Alan A. Ager and Matthew P. Thompson, Title': more people, each with two names
        # (only after a person, and only while a title still follows: 'IEA(2010), Oil Market Report, Aug. 11')
        while len(segs) > 1 and not N.is_org(names[0]) and not en_date_only(segs[1]) and name_like_en(segs[0]) and all(
                person_shaped(part) for part in regex.split(r"\s+and\s+|\s*&\s*", regex.sub(r"\s*et al\.?$", "", segs[0]))):
            names.append(segs.pop(0))
        put_en_names(p, ", ".join(names))
    # the title runs until a date, a volume, a translator or an imprint printed without parentheses
    title_parts = []
    while segs and (not title_parts or not (en_date_only(segs[0]) or VOLUME.search(segs[0]) or EN_IMPRINT.match(segs[0])
                                             or TRANSLATED_BY.match(segs[0]) or publisher_before_date(segs))):
        title_parts.append(segs.pop(0))
    if title_parts:
        p.csl["title"] = squeeze(", ".join(title_parts))
    while segs and TRANSLATED_BY.match(segs[0]):
        put_names(p, TRANSLATED_BY.sub("", segs.pop(0)), "translator")
    if segs and EN_IMPRINT.match(segs[0]) and not imprint:
        # 'Chichester: John Wiley & Sons, 2020' — the rest is the imprint
        imprint, segs = ", ".join(segs), []
    if imprint:
        parse_imprint(p, imprint)
    en_tail(p, ", ".join(segs), book=True)


def quoted_title(text: str) -> tuple[str, str, str] | None:
    """The quoted title opens a comma segment ('Clarke, “…,”'); a quote inside an unquoted title does not."""
    start = next((m.start() for m in regex.finditer(QUOTE_OPEN, text)
                  if not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ",，.:："), -1)
    if start < 0:
        return None
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "“":
            depth += 1
        elif text[i] == "”":
            depth -= 1
            if depth == 0:
                return text[:start], text[start + 1: i].strip().rstrip(",，"), text[i + 1:]
    # opened with “ and closed by a straight quote (or never closed)
    end = text.rfind('"')
    if end > start:
        return text[:start], text[start + 1: end].strip().rstrip(",，"), text[end + 1:]
    return None


# words that name a periodical, not the body that issued a paper ('KSI Transactions on Knowledge Society')
JOURNAL = regex.compile(r"\b(?:Journal|Transactions|Review|Quarterly|Studies|Affairs|Bulletin|Proceedings|Annals|"
                        r"Magazine|Letters|Forum|Times|Post|News|Daily|Weekly|Monthly|Gazette)\b", regex.I)
TITLE_WORDS = {"a", "an", "the", "of", "in", "on", "for", "to", "with", "from", "at", "by", "and"}


def person_shaped(text: str) -> bool:
    """'Alan A. Ager': two to four capitalised names, none of them a title word."""
    tokens = text.split()
    return 2 <= len(tokens) <= 4 and not any(t.lower() in TITLE_WORDS for t in tokens)


EN_IMPRINT = regex.compile(r"^[\p{Lu}][\p{L}.]*(?:[ ,]+[\p{Lu}][\p{L}.]*){0,3}\s*:\s*\p{Lu}")
TRANSLATED_BY = regex.compile(r"^(?:translated|trans\.|tr\.)\s+(?:by\s+)?", regex.I)


def publisher_before_date(segs: list[str]) -> bool:
    """'…, Chelsea Green Publishing, 2008': the segment before a closing date names the publisher
    (an unquoted title is a book's, and a book note prints 'Title, Publisher, Year')."""
    return (len(segs) >= 2 and en_date_only(segs[1]) and not en_date_only(segs[0])
            and (len(segs) == 2 or bool(PUBLISHER.search(segs[0]) or N.is_org(segs[0]))))


def name_like_en(seg: str) -> bool:
    seg = regex.sub(r"\s*(?:\(?eds?\.\)?|et al\.?)$", "", seg.strip())
    if not seg or len(seg) > 70 or ":" in seg or "?" in seg:
        return False
    if N.is_org(seg) and len(seg.split()) <= 8:
        return True
    words = regex.split(r"\s+|\s*&\s*|\s+and\s+|\s*[,，]\s*", seg)
    return all(regex.fullmatch(r"(?:\p{Lu}[\p{L}’'\-]*\.?|(?:\p{Lu}\.)+\p{Lu}?[\p{L}]*|and|&|van|von|de|der|al|bin)", w) for w in words if w) and len(words) <= 7


def put_en_names(p: Parse, before: str) -> None:
    before = before.strip(" ,，.")
    if not before:
        return
    role = "author"
    eds = regex.search(r"\s*\(?\b(?:eds?|editors?)\.?\)?$", before)
    if eds:  # 'William Deverell & David Igler (eds.)'
        role, before = "editor", before[: eds.start()]
    # names in a note carry periods only after initials: 'Michael M. Du. China's' ends at 'Du.'
    m = regex.search(r"(?<=\p{L}{2})\.\s+\S", before)
    if m:
        before = before[: m.start()]
    put_names(p, before, role)


def en_date_only(seg: str) -> bool:
    return bool(regex.fullmatch(
        rf"(?:{MONTH_WORD}\s*,?\s*)?\d{{0,2}}\s*,?\s*(?:1[6-9]|20)\d{{2}}\.?|{MONTH_WORD}\s*\d{{0,2}}|\d{{1,2}}\s*{MONTH_WORD}|\(?\d{{4}}\)?",
        seg.strip()))


def en_tail(p: Parse, after: str, book: bool = False) -> None:
    """What follows the title; after an unquoted (book) title the first unlabelled segment is the publisher."""
    after = after.strip(" ,，.")
    m = regex.match(r"^in\s+(.+?)\s*,?\s*\beds?\.,?\s*(.*)$", after, flags=regex.I | regex.S)
    if m:
        put_names(p, m.group(1), "editor")
        p.container_editors = True
        after = m.group(2)
    paren = regex.search(r"\(([^()]*)\)", after)
    imprint_like = paren and (":" in paren.group(1) or "：" in paren.group(1))
    if imprint_like:
        parse_imprint(p, paren.group(1))
        after = after[: paren.start()] + after[paren.end():]
    segs = [s.strip() for s in top_level_split(after, ",，")]
    loose: list[str] = []
    for seg in segs:
        if not seg:
            continue
        found = False
        v = VOLUME.search(seg)
        if v:
            p.csl.setdefault("volume", next(g for g in v.groups() if g))
            found = True
        n = regex.search(r"(?<![\p{L}])No\.?\s*(\d+)", seg)
        if n:
            p.csl.setdefault("issue", n.group(1))
            found = True
        if found or en_date_only(seg) or regex.fullmatch(r"\d{1,2}(?:\s*[‐\-]\s*\d{1,2})?\s*" + MONTH_WORD + r"\s*\d{0,4}|\d{1,2}", seg):
            en_date(p, seg)
            if not p.date and found is False and regex.fullmatch(r"\d{1,2}", seg):
                continue
            continue
        if regex.fullmatch(r"(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}", seg):
            set_date(p, seg[:4])
            continue
        loose.append(seg)
    if "(" in after and not p.date:
        en_date(p, after)
    # 'Nov., 13, 2009' and '19‐20 May,2003' print the date across commas
    if not p.date or len(p.date) < 3:
        joined = ", ".join(s for s in segs if s and s not in loose)
        if joined:
            keep, p.date = p.date, []
            en_date(p, joined)
            if not p.date:
                p.date = keep
    # an institute or ministry in the container slot of a printed (not web) item issued it
    issued_by_body = (bool(loose) and (N.is_org(loose[0]) or book) and not JOURNAL.search(loose[0])
                      and not ({"volume", "issue", "URL"} & p.csl.keys()))
    for seg in loose:
        seg = squeeze(regex.sub(r"^in\s+", "", seg))  # 'in BVerfGE'
        dated = regex.search(r"\s*\(([^()]*\d{4}[^()]*)\)$", seg)
        if dated:  # 'Harper’s Weekly (December 20, 1913)'
            en_date(p, dated.group(1))
            seg = seg[: dated.start()]
        if issued_by_body and "publisher" not in p.csl:
            p.csl["publisher"] = seg  # an institute or ministry in the container slot issued the paper
        elif issued_by_body and "publisher-place" not in p.csl and PLACE.match(seg):
            p.csl["publisher-place"] = seg
        elif "container-title" not in p.csl:
            p.csl["container-title"] = seg
        elif "publisher" not in p.csl:
            p.csl["publisher"] = seg
        elif "publisher-place" not in p.csl and PLACE.match(seg):
            p.csl["publisher-place"] = seg


# ---- GB/T 7714 (“作者. 題名[J]. 刊名, 年, 卷(期): 頁.”) --------------------------------------------

GBT = regex.compile(r"\[([A-Z]{1,2})(?:/OL)?\]")
GBT_TYPES = {
    "J": "article-journal", "M": "book", "C": "paper-conference", "D": "thesis", "R": "report",
    "N": "article-newspaper", "EB": "webpage", "S": "standard", "A": "chapter", "G": "book",
    "P": "patent", "DS": "dataset", "CM": "map", "Z": "document",
}
GBT_YEAR = r"(?:1[6-9]|20)\d{2}"


def parse_gbt(p: Parse) -> None:
    """'Names. Title[M]. Translators, 译. Place: Publisher, Year: pages.' and '…[J]. Journal, Year, Vol(No): pages.'"""
    m = GBT.search(p.rest)
    head, tail = p.rest[: m.start()].strip(), p.rest[m.end():].strip(" .")
    p.gbt = m.group(1)
    # names end at the first '. ' that does not close an abbreviation (U.S.) or an initial of a name list
    # (an abbreviation such as 'U.S' never ends the list; a 'Family, Given' run after it means it goes on)
    cut = next((x for x in regex.finditer(r"\.\s+", head)
                if not regex.search(r"(?:^|\.)\p{Lu}$", head[: x.start()])
                and not regex.match(r"\p{Lu}[\p{L}\-]+[,，]|\p{Lu}\.\s", head[x.end():])), None)
    if cut and cut.start() < 80 and (name_like_en(head[: cut.start()]) or regex.search(r"\p{Han}", head[: cut.start()])):
        put_names(p, head[: cut.start()], "author")
        head = head[cut.end():]
    p.csl["title"] = squeeze(regex.sub(r"\s*[:：]\s*(?:第?\s*[\d一二三四五六七八九十]+\s*[卷册冊]|一部|上卷).*$", "", head))
    tail = regex.sub(r"\[(\d{4})-\d{2}-\d{2}\]", "", tail).strip(" .")  # access date
    if tail.startswith("//"):  # 析出: the host work follows '//'
        tail = tail[2:]
        parts = [x.strip() for x in regex.split(r"\.\s+", tail, maxsplit=1)]
        # '//Editor. Host. Place: Publisher, Year' — without the editor, the host comes first
        host_follows = len(parts) == 2 and not regex.search(GBT_YEAR, regex.split(r"\.\s+", parts[1])[0])
        if host_follows and not regex.search(rf"{GBT_YEAR}|[:：]", parts[0]) and (
                regex.search(r"\p{Han}", parts[0]) and len(parts[0]) <= 20 or name_like_en(parts[0]) and " " in parts[0]):
            put_names(p, parts[0], "editor")
            tail = parts[1]
        host = regex.match(r"^([^.]+?)(?:\.\s+|$)", tail)
        if host:
            p.csl["container-title"] = squeeze(regex.sub(r"\s*[:：]\s*(?:第?\s*[\d一二三四五六七八九十]+\s*[卷册冊]|一部|Vol\..*)$", "", host.group(1)))
            tail = tail[host.end():]
    for part in [x.strip() for x in regex.split(r"(?<!\b\p{Lu})\.\s+", tail) if x.strip()]:
        if regex.search(r"[,，]\s*(?:译|譯|trans)\.?$|等?[,，]?\s*(?:译|譯)$", part):
            put_names(p, regex.sub(r"[,，]?\s*(?:译|譯|trans)\.?$", "", part), "translator")
            continue
        if regex.fullmatch(r"\d+\s*版|\d+(?:st|nd|rd|th) ed|影印本|标点本|標點本|Rev\. ed", part):
            continue
        if p.gbt == "J":
            j = regex.match(rf"^(.+?)[,，]\s*({GBT_YEAR})(?:[.\-]\d{{1,2}}){{0,2}}(?:[,，]\s*([^(（:：，,]+?))?\s*(?:[(（]([^)）]+)[)）])?\s*(?:[:：,，]\s*(.+))?$", part)
            if j:
                p.csl["container-title"] = squeeze(j.group(1))
                set_date(p, j.group(2))
                if j.group(3):
                    p.csl["volume"] = j.group(3).strip()
                if j.group(4):
                    p.csl["issue"] = j.group(4)
                if j.group(5) and not p.locator:
                    p.locator = regex.sub(rf"\s*[{DASHES}\-]\s*", "-", j.group(5)).strip(" .")
                continue
        if p.gbt == "N":
            n = regex.match(rf"^(.+?)[,，]\s*({GBT_YEAR})-(\d{{1,2}})-(\d{{1,2}})", part)
            if n:
                p.csl["container-title"] = squeeze(n.group(1))
                set_date(p, n.group(2), str(int(n.group(3))), str(int(n.group(4))))
                continue
        imprint = regex.match(rf"^(?:([^:：,，]+?)\s*[:：]\s*)?([^:：]+?)[,，]\s*({GBT_YEAR})", part)
        if imprint:
            if imprint.group(1):
                p.csl.setdefault("publisher-place", squeeze(imprint.group(1)))
            p.csl.setdefault("publisher", squeeze(imprint.group(2)))
            set_date(p, imprint.group(3))
            pages = regex.search(rf"{GBT_YEAR}\s*[:：]\s*([\dIVXivx]+(?:\s*[{DASHES}\-]\s*[\dIVXivx]+)?)", part)
            if pages and not p.locator:
                p.locator = regex.sub(rf"\s*[{DASHES}\-]\s*", "-", pages.group(1))
            continue
        y = regex.search(rf"(?<!\d)({GBT_YEAR})(?!\d)", part)
        if y:
            set_date(p, y.group(1))


# ---- type and final shape ------------------------------------------------------------------------

def finish(p: Parse) -> None:
    c = p.csl
    c["language"] = p.lang
    # a bracketed name with an issue but no journal was the journal itself (「俄羅斯東歐中亞研究」，…，3 期)
    if "container-title" not in c and ("issue" in c or "volume" in c) and "title" in c and "editor" in c and "author" not in c:
        c["container-title"] = c.pop("title")
    # a newspaper or broadcaster named alone with a date (聯合報，1996 年 4 月 22 日，版 9)
    if "container-title" not in c and "title" in c and "author" not in c and "editor" not in c and p.date and (
        p.newspaper_page or (len(p.date) == 3 and "publisher" not in c and "URL" not in c and NEWS_GENRE.search(c["title"]) or
                             len(p.date) == 3 and regex.search(r"(?:報|报|電臺|电台|電視|通訊社)$", c["title"]))
    ):
        c["container-title"] = NEWS_GENRE.sub("", c.pop("title"))
    # a website named alone (上海合作組織秘書處網站：http…) is the container of the page
    if "URL" in c and "container-title" not in c and "author" not in c and regex.search(r"(?:網|網站|网站|網頁|Website)$", c.get("title", "")):
        c["container-title"] = c.pop("title")
    c["type"] = infer_type(p)
    if c["type"] == "thesis" and "container-title" in c and "publisher" not in c:
        c["publisher"] = c.pop("container-title")
    if c["type"] == "report" and "container-title" in c and "publisher" not in c:
        c["publisher"] = c.pop("container-title")
    if p.genre:
        c["genre"] = p.genre
    if p.date:
        c["issued"] = {"date-parts": [date_parts(p.date)]}
        if "-" in (p.date[2] if len(p.date) > 2 else ""):
            first, last = p.date[2].split("-", 1)
            c["issued"] = {"date-parts": [date_parts(p.date[:2] + [first]), date_parts(p.date[:2] + [last])]}
    if "_chapter" in c:
        c["section"] = c.pop("_chapter")  # 《太祖紀下》 of 遼史: CSL calls the part of a work its section
    classical = regex.fullmatch(r"(\p{Han}{1,6})[‧·・](\p{Han}.*)", c.get("title", ""))
    if classical and "container-title" not in c:  # 史記‧大宛列傳 = work ‧ chapter
        c["title"], c["section"] = classical.group(1), classical.group(2)
    for key in [k for k in c if k.startswith("_")]:
        c.pop(key)
    for key in ("title", "container-title", "publisher", "publisher-place"):
        if key in c and not c[key]:
            c.pop(key)


def date_parts(date: list[str]) -> list[int | str]:
    out: list[int | str] = []
    for k, v in enumerate(date):
        if k == 1 and not v.isdigit():
            v = str(MONTHS.get(v[:3].lower(), v))
        out.append(int(v) if v.isdigit() else v)
    return out


def infer_type(p: Parse) -> str:
    c = p.csl
    has_vol = "volume" in c or "issue" in c
    authors = c.get("author", [])
    corporate_author = bool(authors) and all("literal" in a and N.is_org(a["literal"]) for a in authors)
    if p.gbt in GBT_TYPES:
        if p.gbt == "C" and "container-title" not in c:
            return "book"  # a whole proceedings volume
        return GBT_TYPES[p.gbt]
    if p.genre:
        return "thesis"
    if p.newspaper_page:
        return "article-newspaper"
    if "URL" in c and not has_vol and not p.locator:
        return "webpage"
    if "container-title" in c and "title" not in c and len(p.date) == 3:
        return "article-newspaper"
    if c.get("_classical"):
        return "book"
    if p.container_editors or c.get("_event"):
        return "chapter" if not c.get("_event") else "paper-conference"
    container = c.get("container-title", "")
    if container and ("publisher" in c or "publisher-place" in c) and not has_vol:
        return "chapter"
    if container and INSTITUTION.search(container) and not has_vol:
        return "report"
    if container:
        return "article-journal"
    publisher = c.get("publisher", "")
    if p.corporate_print or corporate_author and (publisher or "publisher-place" in c or p.date):
        return "report"
    if publisher and INSTITUTION.search(publisher) and not PUBLISHER.search(publisher):
        return "report"
    if "URL" in c:
        return "webpage"
    if publisher or "publisher-place" in c or "title" in c:
        return "book"
    return "document"
