"""English citations: Chicago notes (Name, “Title,” Journal, Vol.4, No.4 (2006), pp.1-2; Name, Title
(Place: Publisher, Year)) and the looser English of Chinese theses (“Title”, Journal, 2015, PP. 1~4).
"""
from __future__ import annotations

import regex

from . import names as N
from .fields import (
    MONTH_WORD, PLACE, PUBLISHER, VOLUME, Parse, en_date, parse_imprint, put_names, set_date, squeeze,
)
from .text import top_level_split

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
