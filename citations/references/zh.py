"""Chinese citations: 作者，〈篇名〉，《刊名》，第 N 卷，第 N 期(年)，頁 N; 作者著，書名(地：出版社，年); 收錄於 …編.

Segments are split on ，outside brackets, names are read up to the title (with their role words
著 / 編 / 譯), and what follows the title is sorted into container, volume, issue, date, imprint.
"""
from __future__ import annotations

import regex

from . import names as N
from .fields import (
    ISSUE, PLACE, PUBLISHER, ROLE, ROLE_END, VOLUME, ZH_DATE, Parse, parse_imprint, put_names, role_of,
    set_date, squeeze, title_span, zh_date,
)
from .text import TITLE_OPENERS, top_level_split

# '西安：西北大學出版社1986年版' — an imprint printed without parentheses (mainland style)
BARE_IMPRINT = regex.compile(r"(?:([^：:，,()（）]{1,12})[：:])?\s*([^：:，,()（）]+?(?:出版社|出版公司|書局|书局|印書館|印书馆|Press))\s*((?:1[6-9]|20)\d{2}\s*年.*)")
PUBLISHER_END = regex.compile(r"(?:出版社|出版公司|書局|书局|出版|印書館|印书馆|文化|圖書|图书|發行|发行)$")
# '北京：中華書局' — place and publisher without parentheses or year
PLACE_PUBLISHER = regex.compile(r"(\p{Han}{2,4}|[\p{Lu}][\p{L} .]{1,20})\s*[：:]\s*([^：:，,]*(?:出版社|出版公司|書局|书局|印書館|印书馆|出版|書店|书店|社|Press|Publishers?|Books))")


def parse_zh(p: Parse) -> None:
    """Names, then the title, then the rest (see the module docstring)."""
    segments = zh_segments(p.rest)
    i = 0
    pending: list[str] = []  # name segments waiting for a role word
    # 1. names before the title
    while i < len(segments):
        seg = segments[i]
        m = ROLE_END.search(seg)
        if m and not seg.startswith(tuple(TITLE_OPENERS)):
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
    """Could be a list of names: short, no digits or brackets, not a publisher (bodies can be long)."""
    return len(seg) <= 60 and not regex.search(r"\d|[（(《〈「]", seg) and not PUBLISHER_END.search(seg)


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
    """Segments after the title: host-work editors and name, volume, issue, date, imprint; the rest is sorted last."""
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
        for key, pattern in (("volume", VOLUME), ("issue", ISSUE)):
            m = pattern.search(seg)
            if m:
                p.csl.setdefault(key, next(g for g in m.groups() if g))
                found = True
        if regex.fullmatch(r"\d{4}", seg):  # a bare year (山東人民出版社，2004，頁71)
            found = set_date(p, seg) or True
        elif zh_date(p, seg):
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
