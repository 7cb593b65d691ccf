"""GB/T 7714 notes: 作者. 題名[J]. 刊名, 年, 卷(期): 頁. / 作者. 書名[M]. 譯者, 譯. 地: 出版社, 年.

The bracketed document-type mark ([J], [M], [D], [EB/OL] ...) gives the type; '//' opens the host work.
"""
from __future__ import annotations

import regex

from .en import name_like_en
from .fields import DASHES, Parse, put_names, set_date, squeeze

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
    head = regex.sub(r"\s*[:：]\s*(?:第?\s*[\d一二三四五六七八九十]+\s*[卷册冊]|卷\s*\d+|[一二三四五六七八九十]部|[上中下]卷|v\.\s*\d+).*$", "", head)
    code = regex.search(r"\s*[:：]\s*([^:：\s][^:：]{0,24})$", head)
    if code and regex.search(r"\d", code.group(1)) and not regex.search(r"\p{Han}{4}", code.group(1)):
        # 'Title: GB/T 7714—2015' / '：法释〔2018〕1号' / ': CN1318281A' — the document's number
        p.csl["number"] = code.group(1).strip()
        head = head[: code.start()]
    p.csl["title"] = squeeze(head)
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
