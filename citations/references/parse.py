"""One citation string -> a CSL-JSON item and its locator.

The shared steps take the URL, the page locator and a thesis genre off the string and decide the
language; a style reader (GB/T 7714, Chinese, English) takes the rest; the type is inferred last
from what was found. Nothing is invented: a field that is not printed stays empty.
"""
from __future__ import annotations

from typing import Any

import regex

from . import names as N
from .en import parse_en
from .fields import (
    INSTITUTION, MONTHS, NEWS_GENRE, PUBLISHER, Parse, clean, detect_language, take_locator, take_thesis, take_url,
)
from .gbt import GBT, GBT_TYPES, parse_gbt
from .zh import parse_zh

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
