"""Labelled spans -> spans whose boundaries the citation's own typography settles.

The tagger decides token by token; some decisions are fixed by marks it can only see as
features: a closing title mark ends a title, a role word (著, 譯, eds.) ends a name list, the word
after `Place:` in an imprint is the publisher, a word that announces a URL (網址：, URL:) is no
field. Each repair is one small function over (label, start, end) spans of the cleaned text;
`repair` runs them in order. They move boundaries and relabel spans; they never invent text.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from . import names as N
from .tagger import lexicon

Span = tuple[str, int, int]
NAMES = ("author", "editor", "translator")
TITLES = ("title", "container-title", "collection-title")
IMPRINT = ("publisher-place", "publisher", "date")
OPENERS = {"」": "「", "》": "《", "〉": "〈", "』": "『", "”": "“"}

# Words that announce the URL that follows them: never a place, publisher or title.
URL_WORD = regex.compile(r"(?:參閱)?(?:網址|網站|網頁|网址|网站|來源|来源|取自|檢自|检自|URL|Available\s+(?:at|from)|Retrieved\s+from|Online|Web)", regex.I)
# Role words: the role each gives the names printed before it ('X 著', 'A、B 編', 'Y 譯', 'Lee eds.').
ROLE_WORDS = {
    "author": ("原著", "編著", "编著", "合著", "著"),
    "editor": ("編印", "主編", "主编", "合編", "合编", "編", "编", r"\beds\b\.?", r"\bed\.", r"\beditors?\b", r"\bedited\b", r"\bhrsg\.?", r"\bhg\."),
    "translator": ("編譯", "编译", "譯", "译", r"\btrans\b\.?", r"\btranslated\b"),
}


def _words(*roles: str, cjk: bool = False) -> str:
    """An alternation of the roles' words, longest first (編譯 before 編), optionally the Chinese ones only."""
    words = [w for r in roles for w in ROLE_WORDS[r] if not cjk or not w.startswith("\\")]
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


ROLE = regex.compile(_words("author", "editor", "translator"), regex.I)  # a list's role is printed
HOST_ROLE = regex.compile(_words("editor", "translator"), regex.I)  # the names of a host: editors, translators
ROLE_AFTER = regex.compile(r"[\s,，(（]*" + HOST_ROLE.pattern, regex.I)  # right after a name span: 'Lee (eds.)'
ROLE_TAIL = regex.compile(HOST_ROLE.pattern + r"\s*$", regex.I)  # ending a name span: 'A、B 編'
CJK_ROLE = _words("author", "editor", "translator", cjk=True)
ROLE_END = regex.compile(CJK_ROLE + r"(?=\s*[，,、])")  # closing a Chinese list, separator after: 'X 著，Y 譯'
CJK_ROLE_WORD = regex.compile(CJK_ROLE)


ROLE_OF = {r: regex.compile(_words(r), regex.I) for r in ("author", "translator", "editor")}  # in the order role_of tries them


def role_of(word: str) -> str:
    return next(r for r, words in ROLE_OF.items() if words.fullmatch(word))
IN_WORD = regex.compile(r"(?:^|\s)(?:in|In|IN)[:\s]*$|(?:收錄於|收录于|載於|载于|載|载|见|見)\s*$")
PART_WORD = regex.compile(r"^\s*(?:卷|第)")  # 「舊唐書」卷一百九十八…: a juan or chapter of the work, not a periodical
SEPARATORS = regex.compile(r"[\s，,、：:；;。.]*")
BODY_END = regex.compile(r"(?:部|局|署|院|會|会|社|所|處|处|室|中心|政府|大學|大学|銀行|银行|公司|網|网|報|报|組|组|團|团)$")
HAN_TITLE = regex.compile(r"\p{Han}[\p{Han}\p{N}\s「」『』：:—\-]{4,}")


def repair(text: str, spans: list[Span]) -> list[Span]:
    spans = list(spans)
    for step in (parenthesised_imprint, after_the_end, url_words, identifiers, numbers_end_at_semicolon, date_words, type_code_title, title_in_note, one_title_in_marks, title_marks, title_ends,
                 role_words, shared_role, role_at_the_end, names_before_role, host_before_imprint, body_before_quote, editor_lists, imprint, body_before_title, names_after_title,
                 numbered_parts, juan, glued_fields, title_to_closer, periodical_before_issue, periodical_in_title, missing_title, subtitle, volume_issue_pages, volume_and_page, page_after_volume, quoted_title, unlabelled_dates, date_after_field, unlabelled_pages, author_before_comma, prose_in_names, journal_word_in_names,
                 orphan_head, thesis_genre, pinpoint_after_range, host_after_in, crossref_locator, locator_after_colon, page_range_start, page_word, author_stop_title,
                 host_after_editors, title_in_editors, url_then_date, newspaper_page, newspaper, meeting_host, session_ordinal):
        spans = step(text, spans)
    return spans


def _gap(text: str, left: Span, right: Span) -> str:
    return text[left[2]: right[1]]


def _after_spaces(text: str, i: int, end: int) -> int:
    """The first position at or after i (before end) that is not white space."""
    return i + len(text[i:end]) - len(text[i:end].lstrip())


# '(臺北：五南，2008 年)', '(New York: Routledge, 2008)', '(北京市：人民出版社，2005 年版)': place, publisher, year.
IMPRINT_GROUP = regex.compile(
    r"[(（]\s*(?P<place>[^()（）：:，,;；\d]{2,30}?)\s*[：:]\s*(?P<publisher>[^()（）：:;；]{2,80}?)\s*[，,]\s*"
    r"(?P<date>(?:民國\s*)?\d{2,4}(?:\s*年)?(?:\s*\d{1,2}\s*月)?(?:\s*版)?)\s*[)）]")


# '(台北市，2008 年)': an imprint without publisher, its place a city or county
PLACE_YEAR = regex.compile(
    r"[(（]\s*(?P<place>\p{Han}{1,8}[市縣县])\s*[，,]\s*(?P<date>(?:民國\s*)?\d{2,4}(?:\s*年)?(?:\s*\d{1,2}\s*月)?)\s*[)）]")


@lru_cache(maxsize=1)
def _imprint_group(text: str) -> regex.Match | None:
    """The first parenthesised imprint: two steps of one repair ask for it, and most notes print no
    parenthesis to search for."""
    return IMPRINT_GROUP.search(text) if "(" in text or "（" in text else None


def parenthesised_imprint(text: str, spans: list[Span]) -> list[Span]:
    """An imprint in parentheses is place, publisher and year whatever the tagger made of it; a span
    that ran into it (a title swallowing '(台北市') ends where it opens."""
    if "(" not in text and "（" not in text:  # both patterns open with one
        return spans
    m = _imprint_group(text) or PLACE_YEAR.search(text)
    if not m:
        return spans
    g0, g1 = m.span()
    out: list[Span] = []
    for lab, a, b in spans:
        if b <= g0 or a >= g1:
            out.append((lab, a, b))
        elif a < g0:
            out.append((lab, a, g0))
    out += [(lab, *m.span(group)) for lab, group in (("publisher-place", "place"), ("publisher", "publisher"), ("date", "date"))
            if group in m.re.groupindex]
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


# Identifiers by their registered shapes (the CRF sees digits, not the shape of the whole): arXiv
# ('arXiv:1107.1553', 'arXiv :hep-ph/0104148', the old 'hep-ph/9501269' alone), PubMed, ISBN / ISSN,
# Mathematical Reviews ('MR0423716'); PDF text breaks them with spaces ('hep -lat/ 0306034').
ARCHIVE = r"(?:(?:hep|astro|cond|gr|nucl|quant|math|physics|nlin)(?:\s?-\s?(?:ph|th|lat|ex|mat|qc))?(?:\.[A-Z]{2})?\s?/\s?)"
IDENTIFIER = regex.compile(
    r"(?<![\w/.])(?:arXiv\s?(?:\.\s?org)?\s?[:：]\s?" + ARCHIVE + r"?\d{4}\s?\.?\s?\d{3,5}(?:v\d+)?"
    r"|" + ARCHIVE + r"\d{7}(?:v\d+)?"
    r"|PMC?ID\s?[:：]?\s?(?:PMC)?\d{5,9}"
    r"|IS[BS]N(?:-1[03])?\s?[:：]?\s?[\dX](?:[\-‐ ]?[\dX]){7,16}"
    r"|MR\s?\d{6,7})(?![\w/])", regex.I)


def identifiers(text: str, spans: list[Span]) -> list[Span]:
    """An identifier in a registered shape is an `identifier` whatever the CRF read it as (a volume, a
    page, a title); one inside a link stays in the link."""
    if not any(c in text for c in "/:：0123456789"):
        return spans
    for m in IDENTIFIER.finditer(text):
        a, b = m.span()
        if any(lab in ("url", "doi") and s0 < b and a < s1 or lab == "identifier" and s0 <= a and b <= s1
               for lab, s0, s1 in spans):
            continue
        spans = sorted(_carve(text, spans, a, b) + [("identifier", a, b)], key=lambda s: s[1])
    return spans


URL_START = regex.compile(r"[，,\s]*(?:https?://|www\.)")
TITLE_CLOSED = regex.compile(r"\s*(?:[，,。.；;：:]|$)")  # a title's closer ends a part of the citation
HAN_NAME = regex.compile(r"\p{Han}[\p{Han}、·‧]{1,15}")  # a Chinese name or list of them, no words of prose around


def title_in_note(text: str, spans: list[Span]) -> list[Span]:
    """A citation with no title whose commentary holds a title mark closed inside it ('陳某「中亞五國的…問題」，
    世界民族，2001 年 2 月' read as commentary, then a date): the marked words are its title, as written
    (`title_marks` then ends it at the closer, the periodical after it), a name printed right before the
    mark at the head of the note its author, and a URL in the commentary the URL; so is commentary
    alone that holds a URL ('巴某，「…」，中國大陸網，http://…': a web page). Commentary with more than
    a name before the mark or a sentence after it is prose quoting a name, left alone."""
    labels = {s[0] for s in spans}
    if "title" in labels or not CLOSING_MARK.search(text) or not labels - {"note", "signal"} and not URL_START.search(text):
        return spans
    out: list[Span] = []
    for lab, a, b in spans:
        opener = OPENING_MARK.search(text, max(0, a - 1), b) if lab == "note" else None
        closer = CLOSING_MARK.search(text, opener.end(), b) if opener else None
        if not closer or not TITLE_CLOSED.match(text, closer.end()):  # '「一帶一路」倡議': a quote in a sentence
            out.append((lab, a, b))
            continue
        name = text[a:opener.start()].strip(" ，,：:")
        url = URL_START.search(text, closer.end(), b)
        end = url.start() if url else b
        if name and (out or "author" in labels or not HAN_NAME.fullmatch(name)) or end - closer.end() > 20:
            out.append((lab, a, b))  # prose around the quote: '2010年9月，在…舉行軍事演習「和平使命2010」，雙方…'
            continue
        if name:
            out.append(("author", a, a + len(text[a:opener.start()].rstrip(" ，,：:"))))
        out.append(("title", max(a, opener.end()), end))
        if url and "url" not in labels:
            out.append(("url", url.end() - len(url.group().lstrip("，, ")), b))
    return out


# A pair of book-title marks and what it holds, other pairs nested inside ('《論〈資本論〉》').
BOOK_MARKS = regex.compile(r"《(?:[^《》]|《[^《》]*》)*》|〈[^〈〉《》]*〉")


def one_title_in_marks(text: str, spans: list[Span]) -> list[Span]:
    """A pair of book-title marks holds one title: title spans the tagger started afresh inside one pair
    (`《2003 年亞太地區發展報告》` read as a periodical 2003 and a title) are the field that begins at its
    opening mark."""
    if "《" not in text and "〈" not in text:
        return spans
    out = list(spans)
    for m in BOOK_MARKS.finditer(text):
        inside = [k for k, (_, a, b) in enumerate(out) if a < m.end() and b > m.start()]
        if len(inside) < 2 or any(out[k][0] not in TITLES or out[k][1] < m.start() or out[k][2] > m.end() for k in inside):
            continue
        first, last = out[inside[0]], out[inside[-1]]
        out[inside[0]: inside[-1] + 1] = [(first[0], first[1], last[2])]
    return out


def title_marks(text: str, spans: list[Span]) -> list[Span]:
    """A title span that runs over the closing mark of the quote it opened in ('歐盟與…夥伴」，國際問題研究')
    ends there; what follows is the periodical (or, after 卷/第, a part of the work, dropped). A
    periodical span doing so in a citation without a title holds both: the quoted part is the title
    ('龍舒甲，「論裏海能源…之關係」，問題與研究，第 42 卷')."""
    if not CLOSING_MARK.search(text):
        return spans
    out: list[Span] = []
    has_container = any(s[0] == "container-title" for s in spans)
    has_title = any(s[0] == "title" for s in spans)
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
                        part = PART_WORD.match(text[rest:b])  # 卷/第…: a part of the work, dropped
                        both = lab == "container-title" and not has_title and not part
                        out.append(("title" if both else lab, a, a + i))
                        if not part and (both or lab == "title" and not has_container):
                            out.append(("container-title", rest, b))
                            has_container = has_title = True
                        break
            else:
                out.append((lab, a, b))
            continue
        out.append((lab, a, b))
    return out


CLOSERS_OF = {o: c for c, o in OPENERS.items()}
CLOSING_MARKS = frozenset(OPENERS)
CLOSING_MARK, OPENING_MARK = (regex.compile("[" + "".join(marks) + "]") for marks in (OPENERS, CLOSERS_OF))


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
    if not CJK_ROLE_WORD.search(text):
        return spans
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


CJK_HOST_TAIL = regex.compile(_words("editor", "translator", cjk=True) + r"\s*$")


def role_at_the_end(text: str, spans: list[Span]) -> list[Span]:
    """An author span ending with an editor's or translator's role word is that role (`…研究所編《全球戰略大格局》`,
    the title mark right after the role word, read as the author)."""
    if not CJK_ROLE_WORD.search(text):
        return spans
    return [(role_of(m.group().strip()), a, b) if lab == "author" and (m := CJK_HOST_TAIL.search(text, a, b)) else (lab, a, b)
            for lab, a, b in spans]


# The opening names of a Chinese note end with their role word and a comma: '中華民國外交部禮賓司編印，…'.
OPENING_ROLE = regex.compile(  # a name may carry its original in parentheses: '布裏辛斯基(Zbigniew Brzezinski)原著'
    r"(?P<names>[^，,、；;。：:「」《》〈〉()（）“\"](?:[^，,；;。：:《》〈〉()（）]|[(（][^()（）]{1,40}[)）]){1,39}?)\s*"
    rf"(?P<role>{CJK_ROLE})\s*[，,：:]")
ROLE_THEN_COMMA = regex.compile(rf"{CJK_ROLE}\s*[，,：:]")
RUN = regex.compile(r"[^，,；;()（）]+")
BOOK_TITLE = regex.compile(r"[^，,；;()（）]+?")  # between the names and the imprint: one title, no list comma


COMPILATION = regex.compile(r"(?:彙|汇|匯|選|选|新|續|续|類|类|長|长)[編编]$")  # 史料彙編, 新編, 年谱长编: a title's word, no role
AUTHOR_STOP = regex.compile(r"\p{Han}\s*[.．]")  # GB/T 7714's 'Author. Title': a list of names holds no such stop


def names_before_role(text: str, spans: list[Span]) -> list[Span]:
    """The lists that open a Chinese note, each ended by its role word and a comma ('X 著，Y、Z 譯，',
    '…禮賓司編印，'), are the names, whatever the tagger made of them (a body read as publisher, names
    run into the title, a title read as one more translator)."""
    if not ROLE_THEN_COMMA.search(text):  # what every OPENING_ROLE holds; most notes have none
        return spans
    groups: list[regex.Match] = []
    at = 0
    while m := OPENING_ROLE.match(text, at):
        if ROLE_END.search(m.group("names")):  # 'X 著、Y 譯，': two lists in one, the tagger's spans stand
            break
        if groups and COMPILATION.search(text, m.start(), m.end("role")) or AUTHOR_STOP.search(m.group("names")):
            break  # '汤志钧. 章太炎年谱长编: 下册[M]': the author, then a title ending in 编
        groups.append(m)
        at = m.end()
    if not groups:
        return spans
    out: list[Span] = [(role_of(m.group("role")), m.start("names"), m.end("role")) for m in groups]
    comma = at
    imprint = IMPRINT_GROUP.search(text, comma)
    title = BOOK_TITLE.fullmatch(text, comma, imprint.start()) if imprint else None
    if title and title.group().strip(" 。."):  # 'X 著，中國「新安全觀」與…研究(北京市：…)': the whole run is the title
        t0 = title.start() + len(title.group()) - len(title.group().lstrip())
        t1 = title.start() + len(title.group().rstrip(" 。."))
        out.append(("title", t0, t1))
        comma = imprint.start()
    elif not imprint:  # 'X 著，歐盟「東部夥伴關係」計畫簡評，國際政治，…': a title the tagger ended inside its run
        run = RUN.match(text, comma)
        inside = [(a, b) for lab, a, b in spans if lab == "title" and text[comma:a].strip() == "" and b < run.end()]
        if inside and run.group().strip():
            out.append(("title", inside[0][0], comma + len(run.group().rstrip())))
            comma = run.end() + len(SEPARATORS.match(text, run.end()).group())
    for lab, a, b in spans:
        if b <= comma:
            continue
        out.append((lab, max(a, comma), b) if a < comma else (lab, a, b))
    return out


EDITOR_CJK = _words("editor", cjk=True)
EDITOR_THEN_COMMA = regex.compile(rf"{EDITOR_CJK}\s*[，,]")  # what every HOST_BEFORE_IMPRINT holds
HOST_BEFORE_IMPRINT = regex.compile(
    rf"(?<=[，,]\s*)(?P<names>[^，,；;。：:「」《》〈〉()（）“”\"]{{1,39}}?)\s*(?P<role>{EDITOR_CJK})\s*[，,]\s*"
    r"(?P<book>[^，,；;()（）「」《》〈〉“”]+?)\s*$")


def host_before_imprint(text: str, spans: list[Span]) -> list[Span]:
    """'X，「篇名」，Y 主編，書名(臺北：…)': after the part's title, the names ended by an editor's role
    word are the host's editors and the run from there to the imprint is the host (the book)."""
    imprint = _imprint_group(text)
    m = HOST_BEFORE_IMPRINT.search(text, 0, imprint.start()) if imprint and EDITOR_THEN_COMMA.search(text, 0, imprint.start()) else None
    if not m or not any(lab == "title" and b <= m.start() for lab, a, b in spans):
        return spans
    out = [(lab, a, b) for lab, a, b in spans if b <= m.start() or a >= imprint.start()]
    out += [("editor", m.start("names"), m.end("role")), ("container-title", *m.span("book"))]
    return sorted(out, key=lambda x: x[1])


# '上海合作組織區域經濟合作網，「上海合作組織的經濟合作歷程」': a body, then the title in its marks
BODY_QUOTE = regex.compile(r"(?P<body>[^「」《》〈〉“”，,()（）]{2,40}?)\s*[，,]\s*(?P<title>[「《〈“].+)")


def body_before_quote(text: str, spans: list[Span]) -> list[Span]:
    """A title span that opens with words and a comma before its title mark holds the author too."""
    if any(lab in NAMES for lab, _, _ in spans):
        return spans
    out = list(spans)
    for k, (lab, a, b) in enumerate(out):
        m = BODY_QUOTE.fullmatch(text, a, b) if lab == "title" else None
        if m:
            out[k: k + 1] = [("author", *m.span("body")), ("title", *m.span("title"))]
            break
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
        role = HOST_ROLE.search(before) or ROLE_AFTER.match(text, b)
        if role:
            out[k] = (role_of(role.group().strip(" ,，(（")), a, b)
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
        if lab == "note" or (lab == "editor" and not ROLE.search(text, a, min(len(text), b + 3))):
            out[k] = ("title", a, b)
            return out
    for k, (lab, a, b) in enumerate(out):
        if lab == "author":
            parts = list(NAME_PART.finditer(text[a:b]))
            last = parts[-1] if len(parts) > 1 else None
            if last and HAN_TITLE.fullmatch(last.group().strip()) and not ROLE.search(last.group()) \
                    and not BODY_END.search(last.group().strip()):
                out[k: k + 1] = [(lab, a, a + parts[-2].end()), ("title", a + last.start(), a + last.end())]
                return out
    return out


# A '?' or '!' printed right after a title (inside its closing quote or before it) is the title's own;
# a middle dot joins a classical work and its chapter (史記‧大宛列傳).
TITLE_TAIL = regex.compile(r"[”」』’\"]?[?!？！]|[‧·・]\p{Han}+")
TITLE_TAIL_START = regex.compile(r"[?!？！‧·・]")  # a character every TITLE_TAIL holds


def title_ends(text: str, spans: list[Span]) -> list[Span]:
    if not TITLE_TAIL_START.search(text):
        return spans
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
                and ROLE_AFTER.match(text, nb) is None and ROLE_TAIL.search(text, na, nb) and not ROLE.search(text, a, b):
            out[k] = (nlab, a, b)
    return out

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


# a month, maybe its day, and the year: 'Nov., 13, 2009', 'August, 2011', 'July/August 2015', '19-20 May, 2003'
# (a month's name or abbreviation only: not 'Decca', 'Marburg')
MONTH_WORD = (r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
              r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?:\.|(?!\p{L}))")
MONTH_DATE = regex.compile(
    rf"\b{MONTH_WORD}(?:\s*[/–‐-]\s*{MONTH_WORD})?,?\s*(?:\d{{1,2}}(?:\s*[-–‐]\s*\d{{1,2}})?,?\s*)?(?:19|20)\d{{2}}(?!\d)"
    rf"|(?<!\d)\d{{1,2}}(?:\s*[-–‐]\s*\d{{1,2}})?\s+{MONTH_WORD},?\s*(?:19|20)\d{{2}}(?!\d)")
NOT_DATED = frozenset({"date", "accessed", "url", "doi", "note", "signal", "crossref", "issue", *NAMES})  # a magazine's issue may be months: 'Sep.-Oct.'
DATE_PARTS = frozenset({"date", "volume", "issue", "pages"})  # what the tagger makes of a date's day and year


# A classical work's juan and chapter printed after its title: 《史記》卷一百二十三〈大宛列傳〉, 「遼史」卷二《太祖紀下》,
# 《新唐書》卷二二一上《西域傳上》 (the juan is the volume, the chapter CSL's section: parse.to_csl)
JUAN = regex.compile(r"[」》〉』”]?\s*卷\s*(?P<juan>[〇零一二三四五六七八九十百千兩\d]+(?:\s*[上中下](?![\p{Han}]))?)"
                     r"(?:\s*[《〈](?P<chapter>[^《》〈〉「」]{1,20})[》〉])?")


def juan_after_title(text: str, spans: list[Span]) -> regex.Match | None:
    """The juan (and chapter) printed right after a work's title, or after its collection's."""
    if "卷" not in text:
        return None
    return next((m for lab, _, b in spans if lab in ("title", "container-title") for m in [JUAN.match(text, b)] if m), None)


def juan(text: str, spans: list[Span]) -> list[Span]:
    """The juan printed right after a work's (or its collection's) title is its volume, whatever the tagger read it as
    (`《漢書》卷 96〈西域傳〉`: 96 read as the page); spans over it become one volume span (the number,
    as the training labels have it)."""
    m = juan_after_title(text, spans)
    if not m:
        return spans
    ja, jb = m.span("juan")
    inside = [s for s in spans if s[1] < jb and s[2] > ja]
    if any(s[0] not in ("volume", "pages", "issue", "date", "edition", "note") or s[1] < ja or s[2] > jb for s in inside):
        return spans  # the number belongs to a wider field: left alone
    return sorted([s for s in spans if s not in inside] + [("volume", ja, jb)], key=lambda s: s[1])


def date_after_field(text: str, spans: list[Span]) -> list[Span]:
    """A field that ran over the month (and day) of the date printed after its last comma, or a
    field that is only the month ('Oil Market Report, Aug. 11, 2010', 'POLITICO, Nov., 13, 2009',
    'Energy Policy, August, 2011' with 'August' read as the publisher): the field ends at that
    comma, the whole date is the date, with the day and year the tagger read as numbers of their own."""
    out = list(spans)
    for k, (lab, a, b) in enumerate(out):
        if lab in NOT_DATED:
            continue
        cut = max(text.rfind(",", a, b), text.rfind("，", a, b))
        start = _after_spaces(text, cut + 1, b) if cut > a else a
        m = MONTH_DATE.match(text, start)
        if not m or m.end() <= b:
            continue
        j = k + 1  # the spans the date runs over: the tagger's day and year of it, nothing else
        while j < len(out) and out[j][1] < m.end() and out[j][0] in DATE_PARTS and (out[j][2] <= m.end() or out[j][0] == "date"):
            j += 1
        if j < len(out) and out[j][1] < m.end():  # the 'date' runs into another field: not a date after the field
            continue
        end = max([m.end()] + [s[2] for s in out[k + 1: j]])
        out[k + 1: j] = [("date", start, end)]
        if start == a:
            del out[k]
        else:
            out[k] = (lab, a, cut)
        break
    return out



LATIN_NAME_HEAD = regex.compile(r"(?:\p{Lu}[\p{L}'’\-]*\.?\s+){0,4}\p{Lu}[\p{L}'’\-]*\.?")
LATIN_WORDS = regex.compile(r"[\p{Latin}\s.'’\-]+")  # letters of a Western name or title only: no digits, no marks
# A body's name: capitalised words (and of / on / for / and / the) holding a word that names a body
# ('Institute of Southeast Asian Studies', 'U.S. Senate Committee on Foreign Relations').
BODY_NAME = regex.compile(r"(?:(?:\p{Lu}[\p{L}.'’\-]*|of|on|for|and|the|&)\s+)*?(?:" + N.BODY_WORDS + r")s?"
                          r"(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|of|on|for|and|the|&))*")


NAME_CONNECTORS = N.PARTICLES | {"and", "und", "et", "al", "u", "a", "with", "mit", "y", "e",  # and the role words after names
                                  "ed", "eds", "edd", "editor", "editors", "hrsg", "hg", "trans", "transl", "tr", "dir", "comp", "coord", "éd", "éds"}
NOT_LATIN = regex.compile(r"[\d\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
LOWER_WORD = regex.compile(r"(?<![\p{L}'’\-])\p{Ll}[\p{L}'’\-]*")


def prose_in_names(text: str, spans: list[Span]) -> list[Span]:
    """A Western name list holds no lowercase word but its particles and connectors: an author span opening
    the citation that runs on, after a comma, into words like 'Grundsätze sozialer Gerechtigkeit' has run
    over the title ('David Miller, Grundsätze sozialer Gerechtigkeit, Frankfurt/M.' read as one author):
    the title starts at that comma, and a last part that is a place name is the place."""
    k = 1 if spans and spans[0][0] == "signal" else 0
    if len(spans) <= k or spans[k][0] != "author":
        return spans
    _, a, b = spans[k]
    if NOT_LATIN.search(text, a, b):
        return spans
    parts = [(a + m.start(), a + m.end()) for m in regex.finditer(r"[^,]+", text[a:b])]
    cut = next((i for i, p in enumerate(parts) if i and any(
        w.group().lower() not in NAME_CONNECTORS for w in LOWER_WORD.finditer(text, *p))), None)
    if cut is None:
        return spans
    pieces = [("author", a, a + len(text[a:parts[cut][0]].rstrip(" ,")))]
    place = text[parts[-1][0]:parts[-1][1]].strip(" .")
    title_end = parts[-1][1]
    if len(parts) - 1 > cut and "place" in lexicon().get(regex.split(r"[\s/]", place.lower())[0], ""):
        title_end = parts[-2][1]
        pieces.append(("publisher-place", _after_spaces(text, parts[-1][0], b), b))
    pieces.insert(1, ("title", _after_spaces(text, parts[cut][0], b), title_end))
    return spans[:k] + pieces + spans[k + 1:]


INITIALS_FIRST = regex.compile(r"(?:\p{Lu}\.\s*-?\s*)+\p{Lu}[\p{L}'’\-]+")  # 'D. Lovelock', 'F.S.N. Lobo', 'J.-L. Koszul'
LONE_WORD = regex.compile(r"\p{Lu}[\p{L}]*\.")


def journal_word_in_names(text: str, spans: list[Span]) -> list[Span]:
    """Physics lists names initials first ('D. Lovelock, Commun. Math. Phys. 5, 205'): a last part that is
    one abbreviated word, no name of that form, right before the periodical, is the periodical's first word."""
    for k, (lab, a, b) in enumerate(spans[:-1]):
        nxt = spans[k + 1]
        if lab != "author" or nxt[0] != "container-title" or text[b:nxt[1]].strip():
            continue
        comma = text.rfind(",", a, b)
        head, last = text[a:comma].strip(), text[comma + 1:b].strip() if comma > 0 else ""
        names = [p.strip() for p in regex.split(r",|\band\b|\bet\b", head) if p.strip()]
        if last and LONE_WORD.fullmatch(last) and names and all(INITIALS_FIRST.fullmatch(n) for n in names):
            start = _after_spaces(text, comma + 1, b)
            return spans[:k] + [("author", a, comma), ("container-title", start, nxt[2])] + spans[k + 2:]
    return spans


def author_before_comma(text: str, spans: list[Span]) -> list[Span]:
    """Western notes print 'Author, Title' with a mark between the two: a title that opens the
    citation (or follows an author span with no mark between them) and holds, before its first
    comma, only capitalised name words, the first of them a given name or an initial, or a body's
    name (or only Latin words, after such an author span), starts after that comma; the words before
    it are the author ('Evan Medeiros, China's International Behavior (…)', 'Institute of Southeast
    Asian Studies, Developing ASEAN-China Relations', 'U.S. Senate Committee on …, Aid in Asia').
    Likewise an author run into a 'title' right before op. cit. ('U.S. Senate Committee …, op. cit.')."""
    k = next((i for i, sp in enumerate(spans) if sp[0] not in ("signal", "author")), None)
    if k is None or spans[k][0] != "title":
        return spans
    _, a, b = spans[k]
    author = spans[k - 1] if k and spans[k - 1][0] == "author" else None
    if author and (text[author[1]:a].rstrip()[-1:] in ",.:;" or _gap(text, author, spans[k]).strip()
                   or not LATIN_WORDS.fullmatch(text, author[1], author[2])):
        return spans  # a mark already separates the author from the title; or not a Western name
    if author and k + 1 < len(spans) and spans[k + 1][0] == "crossref" and LATIN_WORDS.fullmatch(text, a, b):
        return spans[:k - 1] + [("author", author[1], b)] + spans[k + 1:]  # 'U.S. Senate Committee …, op. cit.'
    comma = text.find(",", a, b)
    if comma < 0 or not text[comma + 1: b].strip():
        return spans
    head = text[a:comma].strip()
    if author is None:
        first = head.split()[0].rstrip(".") if head else ""
        person = LATIN_NAME_HEAD.fullmatch(head) and len(head.split()) >= 2 and (
            "given" in lexicon().get(first.lower(), "") or len(first) == 1)
        if not person and not BODY_NAME.fullmatch(head):
            return spans
    elif not LATIN_WORDS.fullmatch(head):
        return spans
    out = list(spans)
    first_span = k - 1 if author else k
    out[first_span: k + 1] = [("author", spans[first_span][1], comma), ("title", _after_spaces(text, comma + 1, b), b)]
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


# A periodical's numbers printed 'V(I): P': '39(5)：242', Vancouver '2011;118(20):5489', GB/T 7714's
# '2019(5): 62-63' (a periodical numbered by year: the year stands where the volume would).
VOLUME_ISSUE_PAGES = regex.compile(
    r"(?<![\w.\-‐–/])(?P<volume>\d{1,4})\s*[(（]\s*(?P<issue>\d{1,4}(?:\s*[-‐–/]\s*\d{1,4})?)\s*[)）]"
    r"\s*[:：]\s*(?P<pages>\d+(?:\s*[-‐–—~～]\s*\d+)?)(?![\w.]*\d)")
YEAR_LIKE = regex.compile(r"(?:1[5-9]|20)\d{2}")


def _carve(text: str, spans: list[Span], a: int, b: int) -> list[Span]:
    """The spans without the text a..b: a span over it keeps its parts before and after that hold a word."""
    out: list[Span] = []
    for lab, s0, s1 in spans:
        if s1 <= a or b <= s0:
            out.append((lab, s0, s1))
            continue
        cut = s0 + len(text[s0:a].rstrip(" ,，;；"))
        if s0 < a and WORD.search(text, s0, cut):
            out.append((lab, s0, cut))
        if b < s1 and (rest := WORD.search(text, b, s1)):
            out.append((lab, rest.start(), s1))
    return out


def volume_issue_pages(text: str, spans: list[Span]) -> list[Span]:
    """'V(I): P' is volume, issue and page whatever the tagger split of it ('39(5)：242' read as volume
    39 and pages '5)：242'); a year-like V is the date when the citation has no other. A year in the
    parentheses is Chicago's date ('24 (1935): 403-10'), left to the tagger, and so is a group under a
    span with another label than a number's."""
    if ")" not in text and "）" not in text:
        return spans
    for m in VOLUME_ISSUE_PAGES.finditer(text):
        a, b = m.span()
        inside = [s for s in spans if s[1] < b and a < s[2]]
        if YEAR_LIKE.fullmatch(m.group("issue")) or any(s[0] not in NUMBERS for s in inside):  # Chicago's '24 (1935): 403'
            continue
        # a span run into the group from before ('2011;118' as one volume) keeps its part before, a year the date
        out = [("date" if s1 <= a and YEAR_LIKE.fullmatch(text, s0, s1) and (lab, s0, s1) not in spans else lab, s0, s1)
               for lab, s0, s1 in _carve(text, spans, a, b)]
        dated = any(lab == "date" for lab, _, _ in out)
        first = "date" if YEAR_LIKE.fullmatch(m.group("volume")) and not dated else "volume"
        out += [(first, *m.span("volume")), ("issue", *m.span("issue")), ("pages", *m.span("pages"))]
        spans = sorted((s for s in out if s[2] > s[1]), key=lambda s: s[1])
    return spans


VOLUME_PAGE = regex.compile(r"(?P<volume>[A-Z]?\d{1,4})\s*[,:：]\s*(?P<pages>[A-Z]?\d+(?:\s*[-‐–—]\s*[A-Z]?\d+)?)")


def volume_and_page(text: str, spans: list[Span]) -> list[Span]:
    """A periodical's 'V, P' or 'V: P' read as one number span ('Eur. Phys. J. Plus 126, 89', 'Int. J.
    Cosmet. Sci., 2011, 33, 210–221'), the citation having no other volume or page: the volume, then
    the page. Without a periodical, in brackets or beside a Han word, the two numbers are left alone
    (a book's pages '2, 5-7', a newspaper's '2008-08-08(2, 5-7)' and '第2, 5-7版')."""
    labels = [s[0] for s in spans]
    if "container-title" not in labels or labels.count("volume") + labels.count("pages") != 1:
        return spans
    out: list[Span] = []
    for lab, a, b in spans:
        before, after = text[:a].rstrip()[-1:], text[b:].lstrip()[:1]  # a newspaper's '2008-08-08(2, 5-7)', '第2, 5-7版'
        apart = before not in ("(", "（") and not HAN.match(before) and not HAN.match(after)
        m = VOLUME_PAGE.fullmatch(text, a, a + len(text[a:b].rstrip(" .,;"))) if lab in ("volume", "pages") and apart else None
        out += [("volume", *m.span("volume")), ("pages", *m.span("pages"))] if m else [(lab, a, b)]
    return out


def page_after_volume(text: str, spans: list[Span]) -> list[Span]:
    """'2010, MNRAS, 407, 1581': a last number after the volume, in a citation already dated and with no
    page, is the page (the tagger reads any number from 1500 to 2099 as a year)."""
    if len(spans) < 3 or spans[-1][0] != "date" or spans[-2][0] != "volume" or any(s[0] == "pages" for s in spans):
        return spans
    lab, a, b = spans[-1]
    if sum(s[0] == "date" for s in spans) < 2 or not regex.fullmatch(r"\d{4}\.?", text[a:b]) \
            or not regex.fullmatch(r"\s*[,:]\s*", text[spans[-2][2]:a]):
        return spans
    return spans[:-1] + [("pages", a, a + 4)]


# One span the tagger read over several fields printed together: a part, the publisher and the year with
# no separator ('《邓小平文选》第2卷人民出版社1994年版'), a year and its page ('载《心理学报》，2008年第210-215页')
# or issue ('1993年第1期'; a month before the issue is the date's), a date and the page after it (below), a physics page and its year ('Tetrahedron Lett. 25, 1563 (1984)').
GLUED_IMPRINT = regex.compile(
    r"(?:(?P<volume>第\s*\d+\s*[卷册冊])\s*)?(?P<publisher>\p{Han}{2,20}?(?:出版社|出版公司|書局|书局|印書館|印书馆))"
    r"\s*(?P<date>(?:1[5-9]|20)\d{2}\s*年\s*版?)")
YEAR_ISSUE = regex.compile(r"(?P<date>(?:1[6-9]|20)\d{2}\s*年)\s*(?P<issue>第\s*\d+(?:\s*[-‐–/]\s*\d+)?\s*[期號号])")
YEAR_PAGES = regex.compile(r"(?P<date>(?:1[5-9]|20)\d{2}\s*年)\s*(?P<pages>第\s*\d+(?:\s*[-‐–—~～]\s*\d+)?\s*[页頁])")
CHINESE_DATE = regex.compile(r"(?P<date>(?:1[5-9]|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)")
# a date read over the page printed right after it: GB/T's newspaper '2019-01-11(274)' and '1913: 374-380',
# a Chinese newspaper's '1912年4月10日，336版'
DATE_THEN_PAGE = regex.compile(
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2})\s*[(（](?P<pages>\d+)[)）]"
    r"|(?P<date>(?:1[5-9]|20)\d{2})\s*[:：]\s*(?P<pages>\d+(?:\s*[-‐–—]\s*\d+)?)"
    r"|(?P<date>(?:1[5-9]|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[\s，,]*(?P<pages>(?:第\s*)?\d+\s*版)")
GLUED_MARKS = regex.compile(r"[年(（:：]")  # what every pattern above holds
MONTH_ISSUE = regex.compile(r"(?P<month>\d{1,2}\s*月)[\s，,]*(?P<issue>第\s*\d+\s*[期號号])")
# a year in brackets and the page printed after them, read as one date: physics' '31 (1980) 1510', '26 (1971), 1656-1658'
YEAR_THEN_PAGE = regex.compile(r"(?<=[(（]\s?)(?P<date>(?:1[5-9]|20)\d{2}[a-z]?)\s*[)）]\s*[,，]?\s*(?P<pages>[A-Z]?\d+(?:\s*[-‐–—]\s*[A-Z]?\d+)?)")
PAGES_YEAR = regex.compile(r"(?P<pages>[A-Z]?\d+(?:\s*[-‐–—]\s*[A-Z]?\d+)?)\s*,?\s*[(（]\s*(?P<date>(?:1[5-9]|20)\d{2}[a-z]?)\s*[)）]?")


def glued_fields(text: str, spans: list[Span]) -> list[Span]:
    """Each field of a span printed over several (above) its own; a year and its issue only when no
    issue was found elsewhere, a number and a year only when no page was (it is then a volume)."""
    if not GLUED_MARKS.search(text):
        return spans
    issued, dated, paged = (any(s[0] == k for s in spans) for k in ("issue", "date", "pages"))
    out: list[Span] = []
    for lab, a, b in spans:
        end = a + len(text[a:b].rstrip(" ，,。.；;"))
        m = None if lab in TITLES else GLUED_IMPRINT.fullmatch(text, a, end) or YEAR_PAGES.fullmatch(text, a, end)
        if not m and lab == "date":
            p = None if paged else PAGES_YEAR.fullmatch(text, a, end)  # not 'J. Lumin. 119-120, (2006), pp 277'
            m = (DATE_THEN_PAGE.fullmatch(text, a, end) or (None if issued else YEAR_ISSUE.fullmatch(text, a, b))
                 or (p if p and _page_before_year(text, a, p) else None) or (None if paged else YEAR_THEN_PAGE.fullmatch(text, a, end)))
        if not m and lab in ("volume", "issue", "pages") and not dated:
            m = CHINESE_DATE.fullmatch(text, a, end)  # '第9卷第1期，1998年3月' read as numbers: the date
            dated = m is not None
        month = MONTH_ISSUE.fullmatch(text, a, end) if lab == "issue" and out and out[-1][0] == "date" else None
        if month and not text[out[-1][2]:a].strip():  # '2015 年 3 月，第 03 期' read as year + issue '3 月，第 03 期'
            out[-1] = ("date", out[-1][1], month.end("month"))
            m = month
        if m:
            out += [(k, *m.span(k)) for k, v in m.groupdict().items() if v and k != "month"]
        else:
            out.append((lab, a, b))
    return out


AFTER_VOLUME = regex.compile(r"\d\s*,\s*$")


def _page_before_year(text: str, a: int, m: regex.Match) -> bool:
    """'1563 (1984)' is a page and a year after a volume ('Lett. 25, 1563 (1984)'); a year before a year
    elsewhere is a reprint's ('1995 (2001)')."""
    return not YEAR_LIKE.fullmatch(m.group("pages")) or AFTER_VOLUME.search(text, max(0, a - 12), a) is not None


NUMBERED_PART = regex.compile(r"第\s*(?P<part>\d+\s*(?P<unit>[卷期版]))")
UNIT = {"卷": "volume", "期": "issue", "版": "edition"}


def _unit_part(text: str, span: Span, m: regex.Match, lab: str) -> list[Span]:
    """A number span over the part `m` names: the part (with its 第) labelled by its unit, the rest of
    the span as it was ('第8版上卷第1分冊' read as one volume: edition 第8版, volume 上卷第1分冊)."""
    old, a, b = span
    if not (a <= m.start("part") and m.end("part") <= b):
        return [span]
    start, end = m.start(), m.end()
    before = a + len(text[a:start].rstrip(" ，,、"))
    after = WORD.search(text, end, b)
    return ([(old, a, before)] if WORD.search(text, a, before) else []) + [(lab, start, end)] + ([(old, after.start(), b)] if after else [])


def numbered_parts(text: str, spans: list[Span]) -> list[Span]:
    """'第 12卷', '第 4期' left unlabelled: 第 N 卷 is a volume and, in a citation of a periodical,
    第 N 期 its issue. 第 N 號 is left alone: '釋字第 748 號' numbers a ruling, not an
    issue. The unit also names the field of a part the tagger labelled another number ('第 10卷，第 1期' with 1期 a volume,
    '第2卷' an edition, '第5版' a volume; a newspaper's 第 4 版 becomes its page later, `newspaper_page`)."""
    if "第" not in text:
        return spans
    out = list(spans)
    periodical = any(s[0] == "container-title" for s in spans)
    parts = [(m, UNIT[m.group("unit")]) for m in NUMBERED_PART.finditer(text)]
    for m, lab in parts:
        split = [piece for s in out for piece in (_unit_part(text, s, m, lab) if s[0] in UNIT.values() and s[0] != lab else [s])]
        if split != out:  # the part took its 第 from whatever span held it
            part = next(s for s in split if s[0] == lab and s[1] <= m.start("part") < s[2])
            out = [s for s in split if s == part or not (part[1] <= s[1] and s[2] <= part[2])]
    for m, lab in parts:
        if lab == "edition" or lab == "issue" and not periodical:
            continue
        a, b = m.span("part")
        if not any(s[0] == lab or s[1] < b and a < s[2] for s in out):
            out.append((lab, a, b))
    return sorted(out, key=lambda s: s[1])


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
    # the same words left unlabelled: '「…」，問題與研究，第 44 卷第 3 期'; Chinese words before a Chinese
    # date are the periodical or site: '「…」，世界民族，2001 年 2 月', '「…」（2014 年 6 月 13 日），人民網，2016 年…'
    for k in range(len(out) - 1):
        if out[k][0] != "title":
            continue
        j = k + 1 if out[k + 1][0] != "date" or k + 2 >= len(out) or text[out[k][2]: out[k + 1][1]].strip(" 」》〉”") not in ("(", "（") else k + 2
        nxt = out[j]
        m = GAP_WORDS.fullmatch(text, out[j - 1][2], nxt[1])
        if not m:
            continue
        if nxt[0] in ("volume", "issue") or nxt[0] == "date" and "年" in text[nxt[1]: nxt[2]] and HAN.search(m.group("words")) \
                and not INSTITUTION_END.search(m.group("words")):
            return out[:j] + [("container-title", m.start("words"), m.end("words"))] + out[j:]
    return out


LAST_HAN_CHUNK = regex.compile(r"[，,]\s*(?P<words>\p{Han}{2,10})\s*$")
DATED_ISSUE = regex.compile(r"[\s，,]*(?:\d{4}\s*年|第?\s*\d+\s*[卷期])")


def periodical_in_title(text: str, spans: list[Span]) -> list[Span]:
    """'林霖著，歐盟「東部夥伴關係」計畫簡評，國際政治，2009 年第 12 期': a title printed without marks that ran
    over the periodical after its last comma, right before the year and issue, in a citation with an
    issue or volume and no periodical or imprint: the last part is the periodical."""
    labels = {s[0] for s in spans}
    if labels & {"container-title", "publisher", "publisher-place"} or not labels & {"volume", "issue"}:
        return spans  # a periodical's citation numbers its issue or volume
    for k, (lab, a, b) in enumerate(spans[:-1]):
        if lab != "title" or text[a - 1: a] in OPENERS.values():
            continue
        m = LAST_HAN_CHUNK.search(text, a, b)
        nxt = spans[k + 1]
        if m and m.start() > a and nxt[0] in ("date", "volume", "issue") and DATED_ISSUE.match(text, b, nxt[2]) \
                and not INSTITUTION_END.search(m.group("words")):
            return spans[:k] + [("title", a, m.start()), ("container-title", m.start("words"), m.end("words"))] + spans[k + 1:]
    return spans


HAN = regex.compile(r"\p{Han}")
# an archive or a body that issued the document ('武汉大学档案馆'), not a periodical or a site ('人民網')
INSTITUTION_END = regex.compile(r"(?:館|馆|部|局|署|院|會|会|所|處|处|室|中心|政府|大學|大学|公司)$")


# An unlabelled run between a title and its volume: separators, then words without digits (the
# periodical's name, not a book after 'in'), then separators and a volume word ('第', 'Vol.') the
# volume span may leave out.
GAP_WORDS = regex.compile(r"[\s，,、：:；;。.」》〉』”\"')）]*(?P<words>(?!(?:in|en|dans|im)\b)[\p{L}][\p{L}\s&'’·‧．-]*?[\p{L}])[\s，,、：:；;。.]*(?:第|vol\.?|no\.?)?\s*",
                          regex.I)


def after_the_end(text: str, spans: list[Span]) -> list[Span]:
    """A Chinese citation ends with its page and '。' ('…，頁 67-68。'): what a footnote prints after
    that (a stray figure label, a remark) is no field of it."""
    for k, (lab, a, b) in enumerate(spans):
        if lab == "pages" and text[b: b + 1] == "。" and k + 1 < len(spans):
            return spans[: k + 1] + [("note", a2, b2) for _, a2, b2 in spans[k + 1:]]
    return spans


WORD = regex.compile(r"\w")
SEMICOLON = regex.compile(r"[;；](?!\s*\d)")  # not Vancouver's '2011;118(20)': year; volume
NUMBERS = ("volume", "issue", "pages", "date", "citation-number")


def numbers_end_at_semicolon(text: str, spans: list[Span]) -> list[Span]:
    """A number never runs over the ';' that ends its citation ('…[J]. 192; 上海县续志'): cut it there
    (a ';' before a number is Vancouver's year; volume)."""
    out = []
    for lab, a, b in spans:
        cut = SEMICOLON.search(text, a, b) if lab in NUMBERS else None
        if cut:
            b = a + len(text[a: cut.start()].rstrip(" ,，.．"))
        if b > a:
            out.append((lab, a, b))
    return out


# GB/T 7714 prints the document type right after the title: '章太炎年谱长编[M]', '…[J/OL]', '民法典［A］'.
TYPE_CODE = regex.compile(r"[\[［](?P<code>M|C|N|J|D|R|S|P|A|G|Z|EB|DB|CP|DS|CM|CA|CK)(?:/OL)?[\]］]")
# What ends the part before a GB/T title: the authors' stop ('汤志钧. ', 'CAPLAN P. ', '裴丽生．'; not the
# points of 'U.S. and world'), another citation (';') or a host ('//').
PART_STOP = regex.compile(r"(?<=\S)(?<!\.\p{L})\.\s+|．\s*|。\s*|[;；]\s*|(?<![:：/])//\s*")  # not a URL's '://'
LEAD_SIGNAL = regex.compile(r"(?:請參閱|請參見|请参阅|请参见|參閱|參見|参阅|参见|詳見|详见|見|见|See also|See|Cf\.)\s*")
# After the title's colon, a volume ('：卷 1', '：下册') or a number of the document ('：GB/T 7714—2015',
# '：法释［2018］1号', ': CN1318281A') is not the title.
TITLE_COLON = regex.compile(r"：\s*|:\s+")  # not the ':' inside '2.1:3'
VOLUME_TAIL = regex.compile(r"(?:卷\s*[\d一二三四五六七八九十〇百千]+|第\s*[\d一二三四五六七八九十〇百千]+\s*[卷冊册]|[上中下][卷冊册]).*")
NUMBER_TAIL = regex.compile(r"(?=.*\d)(?=.*[\p{Lu}号號])[^\p{Ll}]*")


LETTER = regex.compile(r"\p{L}")


def type_code_title(text: str, spans: list[Span]) -> list[Span]:
    """The words between the authors' stop and a GB/T type code are the title when the tagger found
    no title there (it read them as an author, a host, a name list that ran on)."""
    if "[" not in text and "［" not in text:  # no type code
        return spans
    for code in reversed(list(TYPE_CODE.finditer(text))):
        c = code.start()
        s = max((m.end() for m in PART_STOP.finditer(text, 0, c)), default=0)
        found = [(a, b) for lab, a, b in spans if lab == "title" and b > s and a < c]
        if found:  # the tagger found the title ('Brown v. Board…[A]', '康熙字典: 巳集上[M]'): it stands, but a volume
            spans = _no_author_in_part(text, spans, s, *found[-1])
            found = [(a, b) for lab, a, b in spans if lab == "title" and b > s and a < c]
            spans = _volume_after_colon(text, spans, *found[-1], c)  # after its colon is no title ('长编: 下册[M]')
            continue
        lead = LEAD_SIGNAL.match(text, s, c) if s == 0 or text[s - 1] in ";；" or text[:s].strip() == "" else None
        if lead:
            s = lead.end()
        e = c
        colon = list(TITLE_COLON.finditer(text, s, c))
        tail = None
        if colon:
            after = colon[-1].end()
            vol = VOLUME_TAIL.fullmatch(text, after, c)
            if vol or NUMBER_TAIL.fullmatch(text, after, c):
                e = colon[-1].start()
                tail = ("volume", after, after + len(text[after:c].rstrip())) if vol else None
        e = s + len(text[s:e].rstrip())
        if e <= s or not LETTER.search(text, s, e) or URL_HEAD.match(text, s):
            continue
        out: list[Span] = []
        for lab, a, b in spans:
            if b <= s or a >= code.end():
                out.append((lab, a, b))
            elif a < s and WORD.search(text, a, s):  # the authors (or a signal) ran into the title
                out.append(("author" if lab in TITLES else lab, a, a + len(text[a:s].rstrip(" .．;；,，"))))
        out += [("title", s, e)] + ([tail] if tail else [])
        spans = sorted(out, key=lambda x: x[1])
    return spans


def _no_author_in_part(text: str, spans: list[Span], s: int, a: int, b: int) -> list[Span]:
    """GB/T 7714 ends the authors with a stop: an 'author' in the title's own part, after the last stop
    ('中国大百科全书·法学[M]' read as author 中国大百科全 + title 书·法学), is the title's start."""
    lead = LEAD_SIGNAL.match(text, s, a)
    start = lead.end() if lead else s
    inside = [sp for sp in spans if sp[0] == "author" and start <= sp[1] and sp[2] <= a]
    if not inside:
        return spans
    return sorted([sp for sp in spans if sp not in inside and sp != ("title", a, b)] + [("title", inside[0][1], b)], key=lambda x: x[1])


def _volume_after_colon(text: str, spans: list[Span], a: int, b: int, code: int) -> list[Span]:
    """A title span ending at a type code whose last colon is followed by a volume: title, then volume."""
    colon = list(TITLE_COLON.finditer(text, a, min(b, code)))
    if not colon or colon[-1].start() <= a:
        return spans
    after, end = colon[-1].end(), a + len(text[a:min(b, code)].rstrip())
    if not VOLUME_TAIL.fullmatch(text, after, end):
        return spans
    t = colon[-1].start()
    return sorted([s for s in spans if s != ("title", a, b) and (s[2] <= a or s[1] >= b)]
                  + [("title", a, a + len(text[a:t].rstrip())), ("volume", after, end)], key=lambda s: s[1])


SAME_NOTE = regex.compile(r"同\s*\d")
BARE_SAME_NOTE = regex.compile(r"(?:^|(?<=[;；]\s*))(?P<ref>同\s*\d+)(?=\s*(?:[：:;；.．]|$))")
LOCATOR = r"(?:第\s*)?\d+(?:\s*[\-–—~～‐]\s*\d+)?(?:\s*[页頁])?"
CROSSREF_THEN_PAGE = regex.compile(rf"(?P<ref>.*?\S)(?:\s*[：:，,]\s*|(?<=ibid\.|同上|ebd\.)\s*)(?P<page>{LOCATOR})\s*[.．。]?", regex.I)
PAGE_AFTER_CODE = regex.compile(rf"\s*[.．]\s*(?P<page>{LOCATOR})\s*[.．]?\s*(?=[;；]|$)")
PAGE_IN_PARENS = regex.compile(r"\s*[(（](?P<page>\d+)[)）]")
PAGE_AFTER = regex.compile(rf"\s*[：:]\s*(?P<page>{LOCATOR})(?=\s*(?:[.．。](?!\d)|[;；,，\[［]|$))")  # not '2008: 19 (3)', '5(4): 10.1371/…'


def crossref_locator(text: str, spans: list[Span]) -> list[Span]:
    """'ibid.: 309', '同上：362', 'ibid.387': the page after a cross-reference is its locator, inside its
    span or not ('同4：6'); a note number ('同前注 3', 'supra note 5') stays in the cross-reference."""
    if "同" not in text and not any(lab == "crossref" for lab, _, _ in spans):  # the citations that are none
        return sorted(spans, key=lambda x: x[1])
    out: list[Span] = []
    for lab, a, b in spans:
        if lab == "citation-number" and SAME_NOTE.match(text, a, b):  # GB/T '同 3': the work of note 3
            lab = "crossref"
        m = CROSSREF_THEN_PAGE.fullmatch(text, a, b) if lab == "crossref" else None
        if m:
            out += [(lab, a, m.end("ref")), ("pages", *m.span("page"))]
        else:
            out.append((lab, a, b))
    for a, b in _gaps(text, out):  # '同1: 233; 同4：42' left unlabelled after the first
        for m in BARE_SAME_NOTE.finditer(text, a, b):
            out.append(("crossref", *m.span("ref")))
    return _pages_after(text, sorted(out, key=lambda x: x[1]), ("crossref",))


def locator_after_colon(text: str, spans: list[Span]) -> list[Span]:
    """GB/T 7714 and author-date notes print the cited page after the year or the issue and a colon
    ('1984: 193', '126(1): 460'), or after the type code ('[J]. 360'): that number is the page."""
    spans = _pages_after(text, spans, ("date", "issue"))
    if "[" not in text and "［" not in text:  # no GB/T type code
        return spans
    for code in TYPE_CODE.finditer(text):
        m = PAGE_AFTER_CODE.match(text, code.end())
        if m and not YEAR_LIKE.fullmatch(m.group("page")):  # '[M]. 2008.': the year of a book without imprint
            spans = _put_pages(text, spans, *m.span("page"))
    return spans


def _pages_after(text: str, spans: list[Span], after: tuple[str, ...]) -> list[Span]:
    for lab, a, b in list(spans):
        if lab not in after:
            continue
        end = b + 1 if lab == "issue" and text[b: b + 1] in ")）" else b
        m = PAGE_AFTER.match(text, end)
        if not m and lab == "date":  # a newspaper's page: '2000-11-20(97)'
            m = PAGE_IN_PARENS.match(text, b)
            m = m if m and FULL_DATE.fullmatch(text, a, b) else None
        if m:
            spans = _put_pages(text, spans, *m.span("page"))
    return spans


def _put_pages(text: str, spans: list[Span], a: int, b: int) -> list[Span]:
    """Label a..b the page; spans over it give way (a signal that took '362；參見' keeps its word)."""
    out: list[Span] = []
    for lab, x, y in spans:
        if y <= a or x >= b:
            out.append((lab, x, y))
        elif lab == "pages" and x <= a and y >= b:
            return spans  # already the page
        else:
            if x < a and WORD.search(text, x, a):
                out.append((lab, x, a))
            if y > b and WORD.search(text, b, y):
                out.append((lab, b, y))
    return sorted(out + [("pages", a, b)], key=lambda s: s[1])


RANGE_START = regex.compile(r"(\d+)\s*[\-–—~～‐]\s*$")


def page_range_start(text: str, spans: list[Span]) -> list[Span]:
    """'162—167' with only '167' the page: the range starts at its first number (unlabelled or read as a
    volume)."""
    out = list(spans)
    for k, (lab, a, b) in enumerate(out):
        if lab != "pages" or not text[a:b][:1].isdigit():
            continue
        m = RANGE_START.search(text, max(0, a - 12), a)
        if not m:
            continue
        prev = out[k - 1] if k else None
        if prev and prev[2] > m.start(1):
            if prev[0] not in ("volume", "issue") or (prev[1], prev[2]) != m.span(1):
                continue
            out[k - 1] = ("", 0, 0)
        out[k] = ("pages", m.start(1), b)
    return [s for s in out if s[0]]


CJK_DATE = regex.compile(r"(?:民國\s*\d{1,3}|(?:1[5-9]|20)\d{2})\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?(?:\s*版)?")


TWO_HAN = regex.compile(r"\p{Han}{2}")
YEAR_BEFORE = regex.compile(r"(?<!\d)(?:1[5-9]|20)\d{2}\s*$")
DATE_WORD_AFTER = regex.compile(r"(?<=\d)\s*[年月日](?!\p{Han})")


def date_words(text: str, spans: list[Span]) -> list[Span]:
    """A Chinese date is '2014年10月23日' (民國 103 年, 2019年版): its last word belongs to it, a date span running on into words
    ('…23日中國共產黨…通過') ends with the date, a '第' it took opens the issue ('2025年第 2 期'), and a
    year opening another span ('2000年博士学位论文', the genre) is the date."""
    if "年" not in text and "月" not in text and "日" not in text:  # no Chinese date word: nothing to do
        return spans
    out: list[Span] = []
    spans = [(lab, a, b + len(DATE_WORD_AFTER.match(text, b).group())) if lab == "date" and DATE_WORD_AFTER.match(text, b)
             else (lab, a, b) for lab, a, b in spans]  # '2014 年 6 月 13' + '日'
    if "年" not in text:  # the rest reads years
        return spans
    free = None  # the unlabelled stretches before any change: made only when a year is found
    for k, (lab, a, b) in enumerate(spans):  # '(2009' + '年 12月': the year the tagger left out
        y = YEAR_BEFORE.search(text, max(0, a - 8), a) if lab == "date" and text[a:a + 1] == "年" else None
        if y and free is None:
            free = _gaps(text, spans)
        if y and any(g0 <= y.start() and a <= g1 for g0, g1 in free):
            spans[k] = (lab, y.start(), b)
    for k, (lab, a, b) in enumerate(spans):
        m = CJK_DATE.match(text, a, b)
        if not m or m.end() == b:
            out.append((lab, a, b))
            continue
        rest = _after_spaces(text, m.end(), b)
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        if lab == "date" and text[rest:b] == "第" and nxt and nxt[0] == "issue" and nxt[1] >= b:
            out.append((lab, a, m.end()))
            spans[k + 1] = ("issue", rest, nxt[2])
        elif lab == "date" and TWO_HAN.match(text, rest, b):
            out.append((lab, a, m.end()))
        elif lab in ("genre", "publisher", "note") and not any(s[0] == "date" for s in spans):
            out += [("date", a, m.end()), (lab, rest, b)]
        else:
            out.append((lab, a, b))
    return out


PAGE_WORD = regex.compile(r"第?\s*\d+(?:\s*[\-–—~～]\s*\d+)?\s*[页頁]")


def page_word(text: str, spans: list[Span]) -> list[Span]:
    """'第133页' is a page whatever it was labelled ('第 2 卷' is the volume)."""
    return [("pages", a, b) if lab in ("volume", "issue") and PAGE_WORD.fullmatch(text, a, b) else (lab, a, b) for lab, a, b in spans]


HAN_STOP_HAN = regex.compile(r"(?<=\p{Han})．(?=\p{Han})")


def author_stop_title(text: str, spans: list[Span]) -> list[Span]:
    """'王叔岷．論校詩之難．臺大中文學報，…' (GB/T 7714-2005 notes without type codes): with no title found, an
    author span running over the full-width point between two Chinese runs ends there; the rest is the title."""
    if any(lab == "title" for lab, _, _ in spans):
        return spans
    out = list(spans)
    for k, (lab, a, b) in enumerate(out):
        m = HAN_STOP_HAN.search(text, a, b) if lab == "author" else None
        if m:
            out[k: k + 1] = [(lab, a, m.start()), ("title", m.end(), b)]
            break
    return out


CITATION_END = regex.compile(r"[;；。]|[.．]\s")
COLON_MARK = regex.compile(r"\s*[：:]?\s*[《〈「]?")


def host_after_editors(text: str, spans: list[Span]) -> list[Span]:
    """'〈篇名〉，秦亞主編：《書名》': a second title printed right after its editors (role word, colon) is
    the host book."""
    if any(lab == "container-title" for lab, _, _ in spans):
        return spans
    out = list(spans)
    for k in range(2, len(out)):
        (plab, pa, pb), (lab, a, b) = out[k - 1], out[k]
        part = next((s for s in reversed(out[: k - 1]) if s[0] == "title"), None)  # the part's title, same citation
        if lab == "title" and plab == "editor" and part and not CITATION_END.search(text, part[2], pa) \
                and ROLE_TAIL.search(text, pa, pb) and COLON_MARK.fullmatch(text, pb, a):
            out[k] = ("container-title", a, b)
            break
    return out


# one editor span over the editors and the edited book's title, told apart by where the role word stands:
# after the names ('Gorky, Maxim, et al., eds. Belomorsko-Baltiyskiy Kanal.') or before them ('Ghost
# Stories. Ed. Peter Washington.', '…, De libero arbitrio, ed. W. M. Green.')
EDITORS_THEN_TITLE = regex.compile(r"(?P<names>.+?[,\s(](?:eds?|editors?|hrsg|hg)\.?\)?)[.,:]?\s+(?P<title>\p{Lu}[^.]*\p{L}.*)", regex.I)
NAMES_FIRST = regex.compile(r"\p{Lu}[\p{L}'’\-]+,\s+\p{Lu}")  # 'Gorky, Maxim': a name list opens the span
TITLE_THEN_EDITORS = regex.compile(r"(?P<title>\p{Lu}.*?\p{L}[.?!]?)[.,]\s+(?P<names>(?:(?:Ed|Eds|ed|eds)\.|[Ee]dited by|Hrsg\. v\.|hg\. v\.)\s+\p{Lu}.*)")


def title_in_editors(text: str, spans: list[Span]) -> list[Span]:
    """A book with no title found whose one editor span holds the title too: the CRF stays in the editor
    state across the role word. The part on the role word's far side from the names is the title."""
    labels = [s[0] for s in spans]
    if "title" in labels or "container-title" in labels or labels.count("editor") != 1:
        return spans
    k = labels.index("editor")
    _, a, b = spans[k]
    if not NAMES_FIRST.match(text, a, b):
        m = TITLE_THEN_EDITORS.fullmatch(text, a, b)
        if m:
            return spans[:k] + [("title", a, m.end("title")), ("editor", m.start("names"), b)] + spans[k + 1:]
        return spans
    m = EDITORS_THEN_TITLE.fullmatch(text, a, b)
    if m and len(m.group("title").split()) >= 2:
        return spans[:k] + [("editor", a, m.end("names")), ("title", m.start("title"), b)] + spans[k + 1:]
    return spans


URL_THEN_DATE = regex.compile(r"(?<=[\w/])\s+(?=(?:19|20)\d{2}\s*年)|\s*[,，]\s*(?=(?:19|20)\d{2}\s*年)")
URL_HEAD = regex.compile(r"(?:https?|ftp)[:：]//|www\.", regex.I)


def url_then_date(text: str, spans: list[Span]) -> list[Span]:
    """'http://www.beiwang.com 2004 年 11 月 15 日': a URL ends before a date printed right after it;
    after a comma ('…loc.gov/, 2020年6月12日') that date is the access date."""
    out = []
    for lab, a, b in spans:
        m = URL_THEN_DATE.search(text, a + 8, b) if lab == "url" and URL_HEAD.match(text, a, b) else None
        d = FULL_DATE.match(text, m.end(), b) if m else None
        if d:
            out += [(lab, a, m.start()), ("accessed" if m.group()[:1] in ",，" else "date", *d.span())]
        else:
            out.append((lab, a, b))
    return out


NEWSPAPER_PAGE = regex.compile(r"第\s*\d+\s*版|版\s*\d+|(?<!\d)\d+\s*版")


def newspaper_page(text: str, spans: list[Span]) -> list[Span]:
    """'第 1 版', '版 9', 'A3 版' after a full date: a newspaper's page, its word kept (the type reads it)."""
    if "版" not in text or not any(lab == "date" and FULL_DATE.fullmatch(text, a, b) for lab, a, b in spans):
        return spans
    for m in NEWSPAPER_PAGE.finditer(text):
        if not any(a <= m.start() and m.end() <= b and lab not in ("pages", "volume", "issue", "edition") for lab, a, b in spans):
            spans = _put_pages(text, [s for s in spans if not (s[0] == "pages" and m.start() <= s[1] < m.end())], *m.span())
    return spans


DAY = regex.compile(r"\d\s*日")  # a paper's issue is dated to the day
PAPER_BETWEEN = regex.compile(r"》?\s*[，,]\s*(?P<paper>[^，,()（）\d]{2,20}?)\s*[，,]\s*")


def newspaper(text: str, spans: list[Span]) -> list[Span]:
    """A newspaper page and no title: '《公報》，人民日報，1989 年…' prints the title in marks and the paper
    unmarked; '聯合報，1996 年 4 月 22 日，版 9' names only the paper. With a title and no periodical, a
    publisher printed right before the full date is the paper ('「…」，中國青年報，2004 年 6 月 15 日，第 1 版')."""
    labels = {lab for lab, _, _ in spans}
    if not any(lab == "pages" and "版" in text[a:b] for lab, a, b in spans):
        return spans
    out = list(spans)
    if "title" in labels:
        if "container-title" in labels or "publisher-place" in labels:
            return spans
        for k, (lab, a, b) in enumerate(out[:-1]):
            nxt = out[k + 1]
            if lab == "publisher" and nxt[0] == "date" and FULL_DATE.fullmatch(text, nxt[1], nxt[2]) and DAY.search(text, nxt[1], nxt[2]):
                out[k] = ("container-title", a, b)
        return out
    for k, (lab, a, b) in enumerate(out):
        nxt = out[k + 1] if k + 1 < len(out) else None
        if lab == "container-title" and text[a - 1: a] == "《" and nxt and nxt[0] == "date":
            m = PAPER_BETWEEN.fullmatch(text[b: nxt[1]])
            if m:
                out[k: k + 1] = [("title", a, b), ("container-title", b + m.start("paper"), b + m.end("paper"))]
                return out
        if lab == "author" and "container-title" not in labels and nxt and nxt[0] == "date" and FULL_DATE.fullmatch(text, nxt[1], nxt[2]):
            out[k] = ("container-title", a, b)
            return out
    return out


ORPHAN_HEAD = regex.compile(r"(?<=[，,：:]\s*)\p{Han}{1,2}$")  # a character or two: a longer run is a field of its own


def orphan_head(text: str, spans: list[Span]) -> list[Span]:
    """Han characters the tagger left unlabelled between a separator and a publisher, place or periodical
    ('，中華書局' read as 中 + publisher 華書局) are the start of it."""
    out: list[Span] = []
    for lab, a, b in spans:
        if lab in ("publisher", "publisher-place", "container-title") and a and HAN.match(text, a):
            prev = out[-1][2] if out else 0
            m = ORPHAN_HEAD.search(text, prev, a)
            if m:
                a = m.start()
        out.append((lab, a, b))
    return out


THESIS = regex.compile(r"(?:博士|碩士|硕士)(?:學位|学位)?(?:論文|论文)|(?:學位|学位)(?:論文|论文)")


def thesis_genre(text: str, spans: list[Span]) -> list[Span]:
    """'蘭州大學博士論文' is the university and the genre, however the tagger cut it ('博士' alone a genre,
    論文 left out, or the whole a publisher); inside a title the words are the title's."""
    for m in THESIS.finditer(text):
        a, b = m.span()
        if any(lab == "title" and s0 < b and a < s1 for lab, s0, s1 in spans):
            continue
        spans = sorted(_carve(text, spans, a, b) + [("genre", a, b)], key=lambda s: s[1])
    return spans


DIGIT = regex.compile(r"\d")
PINPOINT_AFTER_RANGE = regex.compile(r"\s*[,;，；]\s*(?=(?:hier\s+|here\s+|at\s+)?(?:S|Sp|p|pp|pág|str)\.\s*\d)", regex.I)


def pinpoint_after_range(text: str, spans: list[Span]) -> list[Span]:
    """'S. 5–12, S. 301' read as one page span is the article's range, then the pinpoint (the locator
    is the last page span)."""
    out: list[Span] = []
    for lab, a, b in spans:
        cut = PINPOINT_AFTER_RANGE.search(text, a, b) if lab == "pages" else None
        if cut and DIGIT.search(text, a, cut.start()):
            out += [(lab, a, cut.start()), (lab, cut.end(), b)]
        else:
            out.append((lab, a, b))
    return out


IN_HOST = regex.compile(r"(?<=[.”\"?!’])\s+In:?\s+(?=[\p{Lu}\d“\"])")
ROLE_MARK = regex.compile(r"[:：(（]")
HOST_THEN_EDITOR = regex.compile(r"In:?\s+(?P<host>.+?),?\s+(?:ed\.|eds\.|edited\s+by)\s+(?P<names>\S.*)", regex.S)


def host_after_in(text: str, spans: list[Span]) -> list[Span]:
    """Western notes print a chapter's host after 'In': a title span running over '… Humanity. In What Is an
    Animal?' is the title, then the host; an editor span 'In Famulus Christi, ed. Gerald Bonner' is the
    host, then its editors (only where no host was found)."""
    if " In" not in text or any(s[0] == "container-title" for s in spans):
        return spans
    for k, (lab, a, b) in enumerate(spans):
        if lab == "title" and (m := IN_HOST.search(text, a, b)) and WORD.search(text, m.end(), b):
            return spans[:k] + [("title", a, m.start()), ("container-title", m.end(), b)] + spans[k + 1:]
        m = HOST_THEN_EDITOR.fullmatch(text, a, b) if lab == "editor" else None
        if m and " " in m.group("host").strip() and not ROLE_MARK.search(m.group("names")):  # not German 'In: X (Hg.): Host'
            return spans[:k] + [("container-title", *m.span("host")), ("editor", *m.span("names"))] + spans[k + 1:]
    return spans


def title_to_closer(text: str, spans: list[Span]) -> list[Span]:
    """A title opened by a mark runs to its closer: '“Military Power of … Chin 2007”' (the tagger ended
    it before the year and read the year as the date)."""
    if not OPENING_MARK.search(text):
        return spans
    out = list(spans)
    for k, (lab, a, b) in enumerate(out):
        opener = text[a] if lab == "title" and text[a] in CLOSERS_OF else text[a - 1: a] if lab == "title" else ""
        closer = CLOSERS_OF.get(opener)
        if not closer or closer in text[a:b]:
            continue
        c = text.find(closer, b)
        if c < 0 or c - b > 12 or text.find(opener, b, c) >= 0:
            continue
        out = [s for s in out[:k]] + [(lab, a, c)] + [
            (l2, max(a2, c + 1), b2) for l2, a2, b2 in out[k + 1:] if b2 > c + 1 and WORD.search(text, max(a2, c + 1), b2)]
        break
    return out


ORDINAL_BEFORE = regex.compile(r"第\s*\d+\s*$")


# a meeting's name, not a body's: no 'Congress' (the Library of Congress), no bare 會議 (中國人民政治協商會議)
MEETING_END = regex.compile(r"(?:研討會|研讨会|學術會議|学术会议|論壇|论坛|年會|年会|Conference|Symposium|Workshop|Colloquium)\s*$", regex.I)


def meeting_host(text: str, spans: list[Span]) -> list[Span]:
    """A paper's conference read as its publisher ('「…」(第 4 屆恐怖主義與國家安全學術研討會，2008 年)') is the
    host it was presented at, where the citation has a title and no host of its own."""
    labels = [s[0] for s in spans]
    if "title" not in labels or "container-title" in labels or labels.count("publisher") != 1:
        return spans
    k = labels.index("publisher")
    lab, a, b = spans[k]
    if k and labels.index("title") < k and MEETING_END.search(text, a, b):
        return spans[:k] + [("container-title", a, b)] + spans[k + 1:]
    return spans


def session_ordinal(text: str, spans: list[Span]) -> list[Span]:
    """'第 4 屆…研討會': the session ordinal is part of the conference's name."""
    out = list(spans)
    for k, (lab, a, b) in enumerate(out):
        m = ORDINAL_BEFORE.search(text, max(0, a - 8), a) if lab in TITLES and text[a:a + 1] in "屆届" else None
        if m:
            out = [s for s in out[:k] if s[2] <= m.start()] + [(lab, m.start(), b)] + out[k + 1:]
            break
    return out
