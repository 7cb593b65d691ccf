"""Labelled spans -> spans whose boundaries the citation's own typography settles.

The tagger decides token by token; some decisions are fixed by marks it can only see as
features: a closing title mark ends a title, a role word (著, 譯, eds.) ends a name list, the word
after `Place:` in an imprint is the publisher, a word that announces a URL (網址：, URL:) is no
field. Each repair is one small function over (label, start, end) spans of the cleaned text;
`repair` runs them in order. They move boundaries and relabel spans; they never invent text.
"""
from __future__ import annotations

import regex

Span = tuple[str, int, int]
NAMES = ("author", "editor", "translator")
TITLES = ("title", "container-title", "collection-title")
IMPRINT = ("publisher-place", "publisher", "date")
OPENERS = {"」": "「", "》": "《", "〉": "〈", "』": "『", "”": "“"}

# Words that announce the URL that follows them: never a place, publisher or title.
URL_WORD = regex.compile(r"(?:參閱)?(?:網址|網站|網頁|网址|网站|來源|来源|取自|檢自|检自|URL|Available\s+(?:at|from)|Retrieved\s+from|Online|Web)", regex.I)
# A role word closing a name list, with the list separator after it: 'X 著，Y 譯' / 'X 編、Y 譯'.
ROLE_END = regex.compile(r"(?:編著|编著|主編|主编|合著|編譯|编译|著|編|编|譯|译)(?=\s*[，,、])")
ROLE_NEAR = regex.compile(r"(?:著|編|编|譯|译|eds?\.|editors?|edited|hrsg|hg\.|trans)", regex.I)
ROLE_AROUND = regex.compile(r"(?:主編|主编|編|编|譯|译|\beds?\.|\bedited by|\bhrsg\.|\btrans\.|\btranslated by)", regex.I)
ROLE_AFTER = regex.compile(r"[\s,，(（]*(?:主編|主编|編|编|譯|译|eds?\.|editors?\b|hrsg\.|hg\.|trans\.)", regex.I)
IN_WORD = regex.compile(r"(?:^|\s)(?:in|In|IN)[:\s]*$|(?:收錄於|收录于|載於|载于|載|载|见|見)\s*$")
PART_WORD = regex.compile(r"^\s*(?:卷|第)")  # 「舊唐書」卷一百九十八…: a juan or chapter of the work, not a periodical
SEPARATORS = regex.compile(r"[\s，,、：:；;。.]*")
BODY_END = regex.compile(r"(?:部|局|署|院|會|会|社|所|處|处|室|中心|政府|大學|大学|銀行|银行|公司|網|网|報|报|組|组|團|团)$")
HAN_TITLE = regex.compile(r"\p{Han}[\p{Han}\p{N}\s「」『』：:—\-]{4,}")


def repair(text: str, spans: list[Span]) -> list[Span]:
    spans = list(spans)
    for step in (parenthesised_imprint, after_the_end, url_words, title_marks, title_ends, role_words, shared_role, names_before_role, editor_lists, imprint,
                 body_before_title, names_after_title, periodical_before_issue, missing_title, subtitle, date_issue, quoted_title,
                 unlabelled_dates, date_after_title, unlabelled_pages):
        spans = step(text, spans)
    return spans


def _gap(text: str, left: Span, right: Span) -> str:
    return text[left[2]: right[1]]


# '(臺北：五南，2008 年)', '(New York: Routledge, 2008)', '(北京市：人民出版社，2005 年版)': place, publisher, year.
IMPRINT_GROUP = regex.compile(
    r"[(（]\s*(?P<place>[^()（）：:，,;；\d]{2,30}?)\s*[：:]\s*(?P<publisher>[^()（）：:;；]{2,80}?)\s*[，,]\s*"
    r"(?P<date>(?:民國\s*)?\d{2,4}(?:\s*年)?(?:\s*\d{1,2}\s*月)?(?:\s*版)?)\s*[)）]")


def parenthesised_imprint(text: str, spans: list[Span]) -> list[Span]:
    """An imprint in parentheses is place, publisher and year whatever the tagger made of it; a span
    that ran into it (a title swallowing '(台北市') ends where it opens."""
    m = IMPRINT_GROUP.search(text)
    if not m:
        return spans
    g0, g1 = m.span()
    out: list[Span] = []
    for lab, a, b in spans:
        if b <= g0 or a >= g1:
            out.append((lab, a, b))
        elif a < g0:
            out.append((lab, a, g0))
    out += [("publisher-place", *m.span("place")), ("publisher", *m.span("publisher")), ("date", *m.span("date"))]
    return sorted(out, key=lambda s: s[1])


def url_words(text: str, spans: list[Span]) -> list[Span]:
    """'網址：http://…', 'Available at: https://…': the announcing word is punctuation, not a field."""
    out = []
    for k, s in enumerate(spans):
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        if s[0] not in ("url", "note") and nxt and nxt[0] == "url" and URL_WORD.fullmatch(text[s[1]: s[2]].strip(" ：:")):
            continue
        out.append(s)
    return out


def title_marks(text: str, spans: list[Span]) -> list[Span]:
    """A title span that runs over the closing mark of the quote it opened in ('歐盟與…夥伴」，國際問題研究')
    ends there; what follows is the periodical (or, after 卷/第, a part of the work, dropped)."""
    out: list[Span] = []
    has_container = any(s[0] == "container-title" for s in spans)
    for lab, a, b in spans:
        if lab in TITLES and not CLOSING_MARKS.isdisjoint(text[a:b]):
            value = text[a:b]
            stack = _open_marks(text[:a])
            for i, ch in enumerate(value):
                if ch in CLOSERS_OF:
                    stack.append(ch)
                    continue
                opener = OPENERS.get(ch)
                if not opener or not stack or stack[-1] != opener:
                    continue
                stack.pop()
                # the closer of the outermost mark, opened before the span ('「「一帶一路」沿線…」' closes twice)
                later = text[a + i + 1:]
                if later.count(ch) > later.count(opener):  # another closer to come: this one is a stray
                    out.append((lab, a, b))
                    break
                if not stack and opener not in value[:i]:
                    rest = a + i + 1
                    rest += len(SEPARATORS.match(text, rest, b).group())
                    if rest < b:
                        out.append((lab, a, a + i))
                        if lab == "title" and not has_container and not PART_WORD.match(text[rest:b]):
                            out.append(("container-title", rest, b))
                            has_container = True
                        break
            else:
                out.append((lab, a, b))
            continue
        out.append((lab, a, b))
    return out


CLOSERS_OF = {o: c for c, o in OPENERS.items()}
CLOSING_MARKS = frozenset(OPENERS)


def _open_marks(prefix: str) -> list[str]:
    """The title marks still open at the end of `prefix`, outermost first."""
    stack: list[str] = []
    for ch in prefix:
        if ch in CLOSERS_OF:
            stack.append(ch)
        elif ch in OPENERS and stack and stack[-1] == OPENERS[ch]:
            stack.pop()
    return stack


def role_words(text: str, spans: list[Span]) -> list[Span]:
    """A name span holding 'X 著，Y' ends at the role word; Y belongs to the next name list
    ('Y、Z 譯': the translators) when one follows, else it keeps the span's role."""
    out: list[Span] = []
    for k, (lab, a, b) in enumerate(spans):
        m = ROLE_END.search(text, a, b) if lab in NAMES else None
        rest = m.end() + len(SEPARATORS.match(text, m.end(), b).group()) if m else b
        if not m or rest >= b:
            out.append((lab, a, b))
            continue
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        role = nxt[0] if nxt and nxt[0] in NAMES and not text[b: nxt[1]].strip(" ，,、") else lab
        out += [(lab, a, m.end()), (role, rest, b)]
    return out


# The opening names of a Chinese note end with their role word and a comma: '中華民國外交部禮賓司編印，…'.
OPENING_ROLE = regex.compile(
    r"(?P<names>[^，,、；;。：:「」《》〈〉()（）“\"][^，,；;。：:《》〈〉()（）]{1,39}?)\s*"
    r"(?P<role>編印|編著|编著|主編|主编|合著|編譯|编译|編|编|著|譯|译)\s*[，,：:]")
BOOK_TITLE = regex.compile(r"[^，,；;()（）]+?")  # between the names and the imprint: one title, no list comma


def names_before_role(text: str, spans: list[Span]) -> list[Span]:
    """The text before the first comma that ends with a role word (著 / 編 / 主編 / 編印) is the name
    list, whatever the tagger made of it (a body read as publisher, names run into the title)."""
    m = OPENING_ROLE.match(text)
    if not m or ROLE_END.search(m.group("names")):  # 'X 著、Y 譯，': two lists, the tagger's spans stand
        return spans
    word = m.group("role")
    role = "author" if word in ("著", "合著") else "translator" if word in ("譯", "译", "編譯", "编译") else "editor"
    out: list[Span] = [(role, m.start("names"), m.end("role"))]
    comma = m.end()
    imprint = IMPRINT_GROUP.search(text, comma)
    title = BOOK_TITLE.fullmatch(text, comma, imprint.start()) if imprint else None
    if title and title.group().strip(" 。."):  # 'X 著，中國「新安全觀」與…研究(北京市：…)': the whole run is the title
        t0 = title.start() + len(title.group()) - len(title.group().lstrip())
        t1 = title.start() + len(title.group().rstrip(" 。."))
        out.append(("title", t0, t1))
        comma = imprint.start()
    for lab, a, b in spans:
        if b <= comma:
            continue
        out.append((lab, max(a, comma), b) if a < comma else (lab, a, b))
    return out


def body_before_title(text: str, spans: list[Span]) -> list[Span]:
    """'Institute of Southeast Asian Studies, Developing … (Singapore: ISEAS, 2004)': a publisher
    printed before the title, with the imprint's publisher still to come, is the author (a body)."""
    if len(spans) < 3 or spans[0][0] != "publisher" or spans[1][0] != "title":
        return spans
    if not any(s[0] == "publisher" for s in spans[2:]):
        return spans
    return [("author",) + spans[0][1:]] + spans[1:]


NAME_LIKE = regex.compile(r"(?:\p{Lu}[\p{Ll}'’\-]*\.?\s*){1,4}|\p{Han}{2,4}")
JOINER = regex.compile(r"\s*(?:&|and|und|、|,|，)\s*")
IN_HEAD = regex.compile(r"(?:in|In)[:\s]+|(?:收錄於|收录于|載於|载于)\s*")


def editor_lists(text: str, spans: list[Span]) -> list[Span]:
    """'in Ann Lee & Bo Chen eds., Asia Now': a name joined by &/and/、 to an editor span, with the host's
    title still to come, is an editor too (the tagger took 'in Ann Lee' for the host)."""
    out = list(spans)
    for k in range(len(out) - 2, -1, -1):
        lab, a, b = out[k]
        nxt = out[k + 1]
        if nxt[0] != "editor" or lab == "editor" or lab not in TITLES + ("author",) or not JOINER.fullmatch(_gap(text, out[k], nxt)):
            continue
        if not any(s[0] in TITLES for s in out[k + 2:]):
            continue
        head = IN_HEAD.match(text, a, b)
        start = head.end() if head else a
        if NAME_LIKE.fullmatch(text[start:b].strip()):
            out[k] = ("editor", start, b)
    return out


PUBLISHER_AFTER_COLON = regex.compile(r"\s*[：:]\s*(?P<pub>[^，,()（）：:；;。\d]{2,60}?)\s*(?=[，,)）])")


IMPRINT_END = regex.compile(r"\s*[,，)）]")


def imprint(text: str, spans: list[Span]) -> list[Span]:
    """'(Place: X, year)': X is the publisher, whatever else it looks like (黎明文化事業股份有限公司),
    also when the tagger left it unlabelled."""
    out = list(spans)
    for k, (lab, a, b) in enumerate(spans):
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        m = PUBLISHER_AFTER_COLON.match(text, b) if lab == "publisher-place" else None
        if m and (nxt is None or nxt[1] >= m.end("pub")) and not any(s[0] == "publisher" for s in spans):
            out.insert(out.index((lab, a, b)) + 1, ("publisher", m.start("pub"), m.end("pub")))
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        if prev[0] == "publisher-place" and cur[0] in TITLES + NAMES + ("note",) and _gap(text, prev, cur).strip() in ("：", ":"):
            after = text[cur[2]: cur[2] + 2]
            if IMPRINT_END.match(after) or cur[2] == len(text):
                out[k] = ("publisher", cur[1], cur[2])
    return out


TRANSLATOR_WORD = regex.compile(r"(?i)譯|译|trans")


def names_after_title(text: str, spans: list[Span]) -> list[Span]:
    """Chinese and Chicago notes print the authors before the title; an 'author' after the title of
    a work whose authors came first is the editor of the host ('in …', '收錄於 …') or, when a date or
    volume follows it and no periodical was found, the periodical ('「…」，改革，2014 年')."""
    first_title = next((k for k, s in enumerate(spans) if s[0] == "title"), None)
    if first_title is None or not any(s[0] == "author" for s in spans[:first_title]):
        return spans
    out = list(spans)
    for k in range(first_title + 1, len(out)):
        lab, a, b = out[k]
        if lab != "author":
            continue
        before = text[out[k - 1][2]: a]
        nxt = out[k + 1] if k + 1 < len(out) else None
        role = ROLE_AROUND.search(before) or ROLE_AFTER.match(text, b)
        if role:
            out[k] = ("translator" if TRANSLATOR_WORD.match(role.group().strip(" ,，(（")) else "editor", a, b)
        elif IN_WORD.search(before.strip(" ，,")):
            out[k] = ("editor", a, b)
        elif not any(s[0] == "container-title" for s in out) and nxt and nxt[0] in ("date", "volume", "issue"):
            out[k] = ("container-title", a, b)
        elif "·" in before or "‧" in before:  # 「舊唐書」…·西戎·龜茲國: a part of the work, not a second author
            out[k] = ("note", a, b)
    return out


NAME_PART = regex.compile(r"[^，,、]+")


def missing_title(text: str, spans: list[Span]) -> list[Span]:
    """A citation with names and an imprint but no title has its title under another label: a lone
    container without volume or issue (the book of an edited volume, 'X 主編，深入中亞(台北…)'),
    commentary or an editor without a role word right before the imprint, or a long non-name at
    the end of a Chinese author list ('丁勝，多極化遇到挑戰(北京市：…)')."""
    labels = [s[0] for s in spans]
    if "title" in labels or not any(l in labels for l in IMPRINT + ("pages",)):
        return spans
    out = list(spans)
    containers = [k for k, s in enumerate(out) if s[0] == "container-title"]
    if len(containers) == 1 and not {"volume", "issue"} & set(labels) and {"publisher", "publisher-place"} & set(labels):
        k = containers[0]
        before = text[out[k - 1][2]: out[k][1]] if k else ""
        if not IN_WORD.search(before.strip(" ，,")):
            out[k] = ("title",) + out[k][1:]
            return out
    for k, (lab, a, b) in enumerate(out):
        nxt = out[k + 1] if k + 1 < len(out) else None
        if not nxt or nxt[0] not in IMPRINT or k == 0 or not all(s[0] in NAMES for s in out[:k]):
            continue
        if lab == "note" or (lab == "editor" and not ROLE_NEAR.search(text, a, min(len(text), b + 3))):
            out[k] = ("title", a, b)
            return out
    for k, (lab, a, b) in enumerate(out):
        if lab == "author":
            parts = list(NAME_PART.finditer(text[a:b]))
            last = parts[-1] if len(parts) > 1 else None
            if last and HAN_TITLE.fullmatch(last.group().strip()) and not ROLE_NEAR.search(last.group()) \
                    and not BODY_END.search(last.group().strip()):
                out[k: k + 1] = [(lab, a, a + parts[-2].end()), ("title", a + last.start(), a + last.end())]
                return out
    return out


# A '?' or '!' printed right after a title (inside its closing quote or before it) is the title's own;
# a middle dot joins a classical work and its chapter (史記‧大宛列傳).
TITLE_TAIL = regex.compile(r"[”」』’\"]?[?!？！]|[‧·・]\p{Han}+")


def title_ends(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for k, (lab, a, b) in enumerate(spans):
        nxt = spans[k + 1][1] if k + 1 < len(spans) else len(text)
        m = TITLE_TAIL.match(text, b, nxt) if lab == "title" else None
        out.append((lab, a, m.end()) if m else (lab, a, b))
    return out


def shared_role(text: str, spans: list[Span]) -> list[Span]:
    """'A. J. Cotterell、R. M. Burrell 編': a role word at the end of a list is every listed name's role."""
    out = list(spans)
    for k in range(len(out) - 2, -1, -1):
        (lab, a, b), (nlab, na, nb) = out[k], out[k + 1]
        if lab in NAMES and nlab in NAMES and lab != nlab and text[b:na].strip() in ("、", ",", "，", "&", "and") \
                and ROLE_AFTER.match(text, nb) is None and ROLE_TAIL.search(text, na, nb) and not ROLE_NEAR.search(text, a, b):
            out[k] = (nlab, a, b)
    return out


ROLE_TAIL = regex.compile(r"(?:主編|主编|編|编|譯|译|eds?\.?|hrsg\.?)\s*$", regex.I)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
FULL_DATE = regex.compile(
    rf"(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?"
    rf"|(?<!\d)(?:19|20)\d{{2}}([/\-])(?:1[0-2]|0?[1-9])(?:\1\d{{1,2}})?(?!\d)"  # '2015.10.3' may be year.volume.issue
    rf"|\b{_MONTH}\s*\d{{1,2}},?\s*(?:19|20)\d{{2}}|\b\d{{1,2}}\s+{_MONTH},?\s*(?:19|20)\d{{2}}")
ACCESS_BEFORE = regex.compile(r"(?:檢索|瀏覽|上網|查閱|擷取|存取|引用|accessed|retrieved|visited|viewed)[^，,;；]{0,8}$", regex.I)


def _gaps(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    out, at = [], 0
    for _, a, b in sorted(spans, key=lambda s: s[1]):
        if a > at:
            out.append((at, a))
        at = max(at, b)
    if at < len(text):
        out.append((at, len(text)))
    return out


def unlabelled_dates(text: str, spans: list[Span]) -> list[Span]:
    """A full date the tagger left unlabelled ('Aug. 11, 2010', '2015.10.3', '(2009 年 11月)') is the
    date, or the access date after 瀏覽 / accessed; dates inside labelled spans are not looked at."""
    found = []
    for a, b in _gaps(text, spans):
        for m in FULL_DATE.finditer(text, a, b):
            lab = "accessed" if ACCESS_BEFORE.search(text, max(0, m.start() - 12), m.start()) else "date"
            found.append((lab, m.start(), m.end()))
    if not found and not any(s[0] == "date" for s in spans):  # no date at all: a bare year printed outside the fields
        for a, b in _gaps(text, spans):
            m = BARE_YEAR.search(text, a, b)
            if m:
                found.append(("date", m.start(), m.end()))
                break
    return sorted(spans + found, key=lambda s: s[1]) if found else spans


def date_after_title(text: str, spans: list[Span]) -> list[Span]:
    """A title that ran over the month and day of the full date printed after its last comma
    ('Oil Market Report, Aug. 11, 2010'): the title ends at that comma, the whole date is the date."""
    out = list(spans)
    for k, (lab, a, b) in enumerate(out):
        cut = max(text.rfind(",", a, b), text.rfind("，", a, b)) if lab == "title" else -1
        if cut <= a:
            continue
        start = cut + 1 + len(text[cut + 1: b]) - len(text[cut + 1: b].lstrip())
        m = FULL_DATE.match(text, start)
        if not m or m.end() <= b:
            continue
        nxt = out[k + 1] if k + 1 < len(out) else None
        if nxt and nxt[1] < m.end() and nxt[0] != "date":
            continue  # the 'date' runs into another field: not a date after the title
        end = max(m.end(), nxt[2]) if nxt and nxt[0] == "date" and nxt[1] < m.end() else m.end()
        out[k] = (lab, a, cut)
        out[k + 1: k + 2 if nxt and nxt[0] == "date" and nxt[1] < m.end() else k + 1] = [("date", start, end)]
        break
    return out


BARE_YEAR = regex.compile(r"(?<![\d\p{L}/_%.\-])(?:1[6-9]|20)\d{2}(?![\d\p{L}/_%\-])")
PAGE_AT_END = regex.compile(r"(?:pp?\.?|頁|页|S\.)\s*(\d+(?:\s*[\-–‐~～]\s*\d+)?)\s*[.。]?\s*$", regex.I)


def unlabelled_pages(text: str, spans: list[Span]) -> list[Span]:
    """A page printed last and left unlabelled ('…, 2008. p1.') is the locator."""
    if any(s[0] == "pages" for s in spans):
        return spans
    gaps = _gaps(text, spans)
    if not gaps or gaps[-1][1] != len(text):
        return spans
    m = PAGE_AT_END.search(text, gaps[-1][0])
    return spans + [("pages", m.start(), m.end(1))] if m else spans


QUOTED = regex.compile(r"“[^“”]{8,}”|「[^「」]{4,}」|〈[^〈〉]{4,}〉|《[^《》]{4,}》")


def quoted_title(text: str, spans: list[Span]) -> list[Span]:
    """A citation with no title whose title marks hold unlabelled text: that text is the title."""
    if any(s[0] == "title" for s in spans):
        return spans
    for a, b in _gaps(text, spans):
        m = QUOTED.search(text, a, b)
        if m:
            return sorted(spans + [("title", m.start() + 1, m.end() - 1)], key=lambda s: s[1])
    return spans


def subtitle(text: str, spans: list[Span]) -> list[Span]:
    """'後冷戰時期美國的全球大戰略：新現實主義的觀點(高雄市：…)': commentary after a title's colon, right
    before the imprint, is its subtitle."""
    out = list(spans)
    for k in range(len(out) - 2, 0, -1):
        (lab, a, b), (nlab, na, nb) = out[k - 1], out[k]
        after = out[k + 1][0] if k + 1 < len(out) else None
        if lab == "title" and nlab == "note" and text[b:na].strip() in ("：", ":") and after in IMPRINT:
            out[k - 1: k + 1] = [("title", a, nb)]
    return out


YEAR_ISSUE = regex.compile(r"(?P<date>(?:1[6-9]|20)\d{2}\s*年)\s*(?P<issue>第\s*\d+\s*[期號号])")


def date_issue(text: str, spans: list[Span]) -> list[Span]:
    """'1993年第1期' labelled as one date: the year, then the issue."""
    out = []
    for lab, a, b in spans:
        m = YEAR_ISSUE.fullmatch(text, a, b) if lab == "date" else None
        if m and not any(s[0] == "issue" for s in spans):
            out += [("date", m.start("date"), m.end("date")), ("issue", m.start("issue"), m.end("issue"))]
        else:
            out.append((lab, a, b))
    return out


def periodical_before_issue(text: str, spans: list[Span]) -> list[Span]:
    """'「…若干思考」，俄羅斯中亞東歐市場，11 期(2006 年)': commentary between a title and a volume or issue,
    with no periodical found, is the periodical."""
    if any(s[0] == "container-title" for s in spans):
        return spans
    out = list(spans)
    for k in range(1, len(out) - 1):
        if out[k][0] == "note" and out[k - 1][0] == "title" and out[k + 1][0] in ("volume", "issue"):
            out[k] = ("container-title",) + out[k][1:]
            return out
    # the same words left unlabelled: '「…」，問題與研究，第 44 卷第 3 期'
    for k in range(len(out) - 1):
        if out[k][0] == "title" and out[k + 1][0] in ("volume", "issue"):
            m = GAP_WORDS.fullmatch(text, out[k][2], out[k + 1][1])
            if m:
                return out[: k + 1] + [("container-title", m.start("words"), m.end("words"))] + out[k + 1:]
    return out


# An unlabelled run between a title and its volume: separators, then words without digits (the
# periodical's name, not a book after 'in'), then separators and a volume word ('第', 'Vol.') the
# volume span may leave out.
GAP_WORDS = regex.compile(r"[\s，,、：:；;。.」》〉』”\"']*(?P<words>(?!(?:in|en|dans|im)\b)[\p{L}][\p{L}\s&'’·‧-]*?[\p{L}])[\s，,、：:；;。.]*(?:第|vol\.?|no\.?)?\s*",
                          regex.I)


def after_the_end(text: str, spans: list[Span]) -> list[Span]:
    """A Chinese citation ends with its page and '。' ('…，頁 67-68。'): what a footnote prints after
    that (a stray figure label, a remark) is no field of it."""
    for k, (lab, a, b) in enumerate(spans):
        if lab == "pages" and text[b: b + 1] == "。" and k + 1 < len(spans):
            return spans[: k + 1] + [("note", a2, b2) for _, a2, b2 in spans[k + 1:]]
    return spans
