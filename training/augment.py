"""Make clean labelled strings look like real footnotes, and write notes in more styles.

An example is handled as pieces `[(text, label | None)]` so that every edit keeps its labels:
Traditional script through OpenCC (s2twp) with Taiwanese conventions (〈篇名〉《刊名》, 頁 N,
民國 years, (臺北：出版社，年)), pinpoint pages, signals (參見, See, Vgl.), commentary around a
citation, PDF noise (full-width points and letters, U+2010 hyphens, broken spaces), and
cross-reference notes (同前註, Ibid., ebd., a.a.O., op. cit., supra note). `render` writes items
in note styles the zotero set lacks (Taiwanese, Chicago, German humanities, US law). Every choice
comes from a `random.Random` seeded by the caller, so the output is deterministic.
"""
from __future__ import annotations

import random
from functools import lru_cache

import regex

from citations.references.text import MARKUP

from .sources import Example

Pieces = list[tuple[str, str | None]]


def pieces_of(ex: Example) -> Pieces:
    out: Pieces = []
    at = 0
    for a, b, lab in sorted(ex.spans):
        if a < at:
            continue
        if a > at:
            out.append((ex.text[at:a], None))
        out.append((ex.text[a:b], lab))
        at = b
    if at < len(ex.text):
        out.append((ex.text[at:], None))
    return out


def example_of(pieces: Pieces, source: str, group: str) -> Example:
    text, spans = "", []
    for t, lab in pieces:
        if lab and t.strip():
            lead = len(t) - len(t.lstrip())
            spans.append((len(text) + lead, len(text) + len(t.rstrip()), lab))
        text += t
    return Example(text, spans, source, group)


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("s2twp")


def han(pieces: Pieces) -> bool:
    return any(regex.search(r"\p{Han}", t) for t, _ in pieces)


# ---- Taiwanese conventions -----------------------------------------------------------------------

def taiwanese(pieces: Pieces, rng: random.Random) -> Pieces:
    cc = _opencc()
    out = [(cc.convert(t), lab) for t, lab in pieces]
    labels = [lab for _, lab in out]
    has_container = "container-title" in labels
    res: Pieces = []
    for k, (t, lab) in enumerate(out):
        nxt = out[k + 1][1] if k + 1 < len(out) else None
        if lab is None:
            if k and out[k - 1][1] in ("author", "editor") and regex.fullmatch(r"\s*[：:]\s*", t):
                t = "，"  # 作者：《書名》 -> 作者，《書名》
            if has_container and nxt == "title" and t.endswith("《"):
                t = t[:-1] + "〈"
            if has_container and k and out[k - 1][1] == "title" and t.startswith("》"):
                t = "〉" + t[1:]
            if t.endswith("第") and nxt == "pages":
                t = t[:-1]
        if lab == "pages":
            t = regex.sub(r"^第\s*", "", t)
            t = regex.sub(r"^(.*?)\s*[页頁]$", lambda m: "頁 " + m.group(1), t)
            t = t.replace("—", "-")
        if lab == "date" and rng.random() < 0.25:
            m = regex.match(r"(\d{4})(\s*年.*)", t)
            if m and int(m.group(1)) > 1911:
                t = f"民國 {int(m.group(1)) - 1911}{m.group(2)}" if rng.random() < 0.5 else f"民國{int(m.group(1)) - 1911}{m.group(2)}"
        if lab == "date":
            t = t.replace("年版", "年")
        if rng.random() < 0.5:
            t = regex.sub(r"(?<=\d)(?=[年月日卷期])|(?<=[第頁])(?=\d)", " ", t)
        res.append((t, lab))
    return imprint_in_parentheses(res, rng)


def imprint_in_parentheses(pieces: Pieces, rng: random.Random) -> Pieces:
    """北京：中華書局，2002年 -> (北京：中華書局，2002年)."""
    labels = [lab for _, lab in pieces]
    for first in ("publisher-place", "publisher"):
        if first in labels and "date" in labels:
            a = labels.index(first)
            b = labels.index("date")
            if a < b and all(lab in (None, "publisher", "publisher-place") for lab in labels[a:b]) and b - a <= 4:
                open_, close = ("（", "）") if rng.random() < 0.5 else ("(", ")")
                before = pieces[a - 1][0] if a else ""
                head = list(pieces[: a - 1]) + [(regex.sub(r"[，,]\s*$", "", before), None)] if a else []
                mid = [(regex.sub(r"^\s*", "", t) if lab is None else t, lab) for t, lab in pieces[a: b + 1]]
                mid = [(("：" if regex.fullmatch(r"\s*[：:]\s*", t) else "，" if lab is None and regex.fullmatch(r"\s*[，,]?\s*", t) else t), lab)
                       for t, lab in mid]
                return head + [(open_, None)] + mid + [(close, None)] + list(pieces[b + 1:])
    return pieces


# ---- footnote surroundings -----------------------------------------------------------------------

SIGNALS = {"zh": ["參見", "參閱", "請參閱", "見", "详见", "参见", "相關論述請參閱", "轉引自"],
           "en": ["See", "See also", "Cf.", "see", "See, e.g.,"], "de": ["Vgl.", "Vgl. auch", "Siehe", "S. auch"]}
COMMENTS = {
    "zh": ["此一說法仍有爭議。", "關於此點，學界看法不一。", "本文所引數據均出自此書。", "相關討論甚多，此處僅舉其要。",
           "作者對此另有詳細說明。", "这一观点参考了以下研究。", "以下引文皆據此版本。"],
    "en": ["For a different view, see the discussion below.", "This point is contested.",
           "The figures are taken from the following study.", "On this debate more generally,"],
    "de": ["Zu dieser Debatte ausführlich", "Anders die herrschende Meinung;", "Dazu kritisch"],
}


# The author's note that opens many articles: who funded the work, who read a draft. It names a
# project (by its title, in quotes) and a grant number, yet cites nothing.
FUNDERS = {
    "zh": ["国家社会科学基金项目", "国家社会科学基金青年项目", "国家社会科学基金重大项目", "教育部人文社会科学研究规划基金项目",
           "中央高校基本科研业务费专项资金资助项目", "国家自然科学基金项目", "科技部專題研究計畫", "國科會專題研究計畫",
           "上海市哲学社会科学规划课题", "中国博士后科学基金面上资助项目"],
    "en": ["National Science Foundation", "Economic and Social Research Council", "European Research Council",
           "Social Sciences and Humanities Research Council of Canada", "Ministry of Science and Technology, Taiwan",
           "Deutsche Forschungsgemeinschaft", "Japan Society for the Promotion of Science"],
}
THANKED = {"zh": ["匿名审稿专家", "匿名審查人", "两位匿名评审人", "编辑部", "與會學者", "课题组成员"],
           "en": ["the anonymous reviewers", "the editors", "two anonymous referees", "participants of the workshop",
                  "colleagues at the institute"]}


def acknowledgement(rng: random.Random, title: str, lang: str) -> str:
    """A funding or acknowledgement note around a project title (an item's title: real words)."""
    digits = "".join(rng.choice("0123456789") for _ in range(3))
    code = rng.choice([f"{rng.randint(10, 24)}{rng.choice(['CGJ', 'BGJ', 'ZDA', 'AZD', 'QD', 'ZX'])}{digits}",
                       f"{rng.randint(2010, 2024)}{rng.choice(['ZX', 'QD', 'ZD'])}0{digits}",
                       f"MOST {rng.randint(100, 112)}-2410-H-{digits}-{rng.randint(1, 99):03d}"])
    funder, thanked = rng.choice(FUNDERS[lang]), rng.choice(THANKED[lang])
    if lang == "zh":
        parts = [rng.choice([f"本文系{funder}“{title}”（项目编号：{code}）的阶段性成果。",
                             f"本文为{funder}「{title}」（{code}）的研究成果。",
                             f"本文為{funder}「{title}」（計畫編號：{code}）之部分研究成果。",
                             f"基金项目：{funder}“{title}”（{code}）。"])]
        if rng.random() < 0.5:
            parts.append(rng.choice([f"感谢{thanked}提出的宝贵修改意见，文责自负。", f"作者感謝{thanked}的寶貴意見，惟文責由作者自負。",
                                     f"本文初稿曾在学术研讨会上宣读，感谢{thanked}的指导。"]))
        return "".join(parts)
    parts = [rng.choice([f"This research was supported by the {funder} (grant no. {code}).",
                         f"Research for this article was funded by the {funder} under the project “{title}” ({code}).",
                         f"The work on this article was part of the project “{title}”, funded by the {funder}."])]
    if rng.random() < 0.5:
        parts.append(rng.choice([f" The author thanks {thanked} for their comments on an earlier draft.",
                                 f" I am grateful to {thanked} for helpful suggestions; all errors remain my own.",
                                 f" An earlier version was presented at a workshop; I thank {thanked} for their comments."]))
    return "".join(parts)


def lang_of(pieces: Pieces) -> str:
    return "zh" if han(pieces) else "en"


def pinpoint(pieces: Pieces, rng: random.Random, lang: str) -> Pieces:
    if any(lab == "pages" for _, lab in pieces):
        return pieces
    n = rng.randint(1, 480)
    value = str(n) if rng.random() < 0.7 else f"{n}-{n + rng.randint(1, 9)}"
    body = list(pieces)
    while body and body[-1][1] is None and regex.fullmatch(r"[\s。．.，,]*", body[-1][0]):
        body.pop()
    if lang == "zh":
        form = rng.choice(["頁 {}", "頁{}", "第{}頁", "第 {} 页", "p. {}"])
        return body + [("，", None), (form.format(value), "pages"), ("。", None)]
    if lang == "de":
        return body + [(", ", None), (rng.choice(["S. {}", "S. {} f.", "S.{}"]).format(value), "pages"), (".", None)]
    return body + [(", ", None), (rng.choice(["p. {}", "pp. {}", "p.{}", "{}"]).format(value), "pages"), (".", None)]


def signal(pieces: Pieces, rng: random.Random, lang: str) -> Pieces:
    word = rng.choice(SIGNALS[lang])
    sep = "" if lang == "zh" and rng.random() < 0.6 else rng.choice([" ", "：" if lang == "zh" else " "])
    return [(word, "signal"), (sep, None)] + pieces


def comment(pieces: Pieces, rng: random.Random, lang: str) -> Pieces:
    text = rng.choice(COMMENTS[lang])
    if rng.random() < 0.5:
        return [(text, "note"), (" " if lang != "zh" else "", None)] + pieces
    return pieces + [(" " if lang != "zh" else "", None), (text, "note")]


NOISE = [(".", "．"), (",", "，"), ("R", "Ｒ"), ("-", "‐"), (":", "："), ("(", "（"), (")", "）")]


def pdf_noise(pieces: Pieces, rng: random.Random) -> Pieces:
    out = []
    for t, lab in pieces:
        for a, b in NOISE:
            if a in t and rng.random() < 0.3:
                t = t.replace(a, b)
        if lab and len(t) > 12 and rng.random() < 0.1:  # a space lost or doubled at a line join
            k = rng.randrange(1, len(t) - 1)
            t = t[:k] + rng.choice(["", " ", "  "]) + t[k + 1:] if t[k] == " " else t
        out.append((t, lab))
    return out


# ---- cross-reference notes -----------------------------------------------------------------------

def crossref(rng: random.Random, name: str | None, lang: str) -> Pieces:
    n = str(rng.randint(1, 400))
    note = str(rng.randint(1, 90))
    if lang == "zh":
        form = rng.choice(["同前註", "同上", "同上註", "同前注", "同前揭書", "前揭書", "前揭文", "前引書", f"同註 {note}", f"同註{note}",
                           f"同前注〔{note}〕", f"見前註 {note}"])
        head: Pieces = [(name, "author"), ("，", None)] if name and "揭" in form or name and "引" in form else []
        tail = rng.choice([[("，", None), (f"頁 {n}", "pages"), ("。", None)], [("，", None), (f"第{n}页", "pages"), ("。", None)],
                           [("。", None)], [("，頁", None), (n, "pages")]])
        return head + [(form, "crossref")] + tail
    if lang == "de":
        form = rng.choice(["Ebd.", "ebd.", "Ebenda", "a.a.O.", "a. a. O."])
        head = [(name, "author"), (", ", None)] if name and form.startswith("a") else []
        return head + [(form, "crossref"), (", ", None), (f"S. {n}", "pages"), (".", None)]
    form = rng.choice(["Ibid.", "Ibid", "ibid.", "op. cit.", "op.cit.", f"supra note {note}", "Id.", f"note {note} above"])
    head = [(name, "author"), (", ", None)] if name and not form.lower().startswith(("ibid", "id.")) else []
    pages = rng.choice([(", ", f"p. {n}"), (", ", f"pp. {n}-{int(n) + 3}"), (", at ", n), (" at ", n), ("", "")])
    out = head + [(form, "crossref")]
    if pages[1]:
        out += [(pages[0], None), (pages[1], "pages")]
    return out + [(".", None)]


# ---- more note styles, written from the items ----------------------------------------------------

def _person(n: dict, order: str) -> str:
    if n.get("literal"):
        return n["literal"]
    fam, giv = n.get("family", ""), n.get("given", "")
    if regex.search(r"\p{Han}", fam):
        return fam + giv
    return f"{fam}, {giv}" if order == "inverted" and giv else f"{giv} {fam}".strip()


def _names(names: list[dict], lang: str, rng: random.Random) -> str:
    people = [_person(n, "natural") for n in names[:4]]
    if lang == "zh":
        return "、".join(people)
    if len(people) > 3:
        return people[0] + " et al."
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + rng.choice([" and ", " & ", " und "]) + people[-1]


def _year(item: dict) -> str | None:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return str(parts[0][0]) if parts and parts[0] else None


def _date_parts(item: dict) -> list:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return [str(x) for x in parts[0]] if parts and parts[0] else []


def _pick(rng: random.Random, *options):
    return rng.choice(options)


def taiwan_note(item: dict, rng: random.Random) -> Pieces:
    """A note as Taiwanese (and mainland) theses print it, with the variety real ones show."""
    kind = item.get("type")
    title = item["title"]
    P: Pieces = []
    people = [(item.get("author") or [], "author", _pick(rng, "", "", "著")),
              (item.get("editor") or [], "editor", _pick(rng, "主編", "編", "編著")) if not item.get("author") else ([], "", "")]
    for names, role, word in people:
        if names:
            P += [(_names(names, "zh", rng) + word, role), (_pick(rng, "，", "，", "：", " "), None)]
    if item.get("translator") and rng.random() < 0.7:
        P += [(_names(item["translator"], "zh", rng) + "譯", "translator"), ("，", None)]
    d = _date_parts(item)
    y = d[0] if d else None
    roc = rng.random() < 0.15 and y and y.isdigit() and int(y) > 1911
    def year_text(with_month: bool) -> str:
        t = f"民國 {int(y) - 1911} 年" if roc else _pick(rng, f"{y} 年", f"{y}年", f"{y}")
        if with_month and len(d) > 1 and "年" in t:
            t += _pick(rng, f" {d[1]} 月", f"{d[1]}月")
            if len(d) > 2 and rng.random() < 0.6:
                t += _pick(rng, f" {d[2]} 日", f"{d[2]}日")
        return t
    container = item.get("container-title")
    if container and kind not in ("book", "thesis", "report"):
        o, c = _pick(rng, ("〈", "〉"), ("〈", "〉"), ("「", "」"), ("“", "”"), ("", ""))
        P += [(o, None), (title, "title"), (c + "，", None)]
        if kind == "chapter" and item.get("editor") and item.get("author"):
            P += [(_pick(rng, "收錄於", "載於", "收入", ""), None), (_names(item["editor"], "zh", rng) + _pick(rng, "編", "主編"), "editor"), ("，", None)]
        o, c = _pick(rng, ("《", "》"), ("《", "》"), ("「", "」"), ("", ""))
        P += [(o, None), (container, "container-title"), (c, None)]
        v, i = item.get("volume"), item.get("issue")
        form = rng.randrange(4)
        if v:
            P += [(("，第 " if form == 0 else "，第" if form == 1 else "，" if form == 2 else "，Vol."), None),
                  ((f"{v} 卷" if form == 0 else f"{v}卷" if form == 1 else f"{v} 卷" if form == 2 else f"{v}"), "volume")]
        if i:
            P += [(("，第 " if form == 0 else "第" if form == 1 else " " if form == 2 else ", No."), None),
                  ((f"{i} 期" if form == 0 else f"{i}期" if form == 1 else f"{i} 期" if form == 2 else f"{i}"), "issue")]
        if y:
            o, c = _pick(rng, ("（", "）"), ("(", ")"), ("，", ""))
            P += [(o, None), (year_text(True), "date"), (c, None)]
        if item.get("URL") and rng.random() < 0.5:
            P += [("，", None), (item["URL"], "url")]
        return P
    o, c = _pick(rng, ("《", "》"), ("《", "》"), ("《", "》"), ("「", "」"), ("", ""))
    P += [(o, None), (title, "title"), (c, None)]
    school = item.get("publisher")
    if kind == "thesis" and school:
        genre = item.get("genre") or _pick(rng, "碩士論文", "博士論文")
        P += [("，" if c else "", None), (school, "publisher"), (genre, "genre")]
        if y:
            P += [("，", None), (year_text(False), "date")]
        return P
    place, pub = item.get("publisher-place"), item.get("publisher")
    form = rng.randrange(4)
    imp: Pieces = []
    if form <= 1:  # (臺北：五南，2008 年)
        if place:
            imp += [(place, "publisher-place"), ("：", None)]
        if pub:
            imp += [(pub, "publisher"), ("，", None)]
        if y:
            imp += [(year_text(False), "date")]
        if imp:
            o, c2 = ("（", "）") if form == 0 else ("(", ")")
            P += [(o, None)] + imp + [(c2, None)]
    elif form == 2:  # ，北京：中華書局，2002年
        if place:
            P += [("，", None), (place, "publisher-place"), ("：", None)]
        if pub:
            P += [("" if place else "，", None), (pub, "publisher")]
        if y:
            P += [("，", None), (year_text(False), "date")]
    else:  # ，中華書局2002年版
        if pub:
            P += [("，", None), (pub, "publisher")]
        if y:
            P += [("", None), (f"{y}年版", "date")]
    if item.get("URL") and not pub and rng.random() < 0.7:
        P += [("，", None), (item["URL"], "url")]
    return P




def render(item: dict, rng: random.Random) -> tuple[Pieces, str] | None:
    """One note for an item in a style the zotero set does not have; returns (pieces, style)."""
    item = {k: MARKUP.sub("", v) if isinstance(v, str) else v for k, v in item.items()}
    title = item.get("title")
    if not title:
        return None
    zh = bool(regex.search(r"\p{Han}", title))
    kind = item.get("type")
    authors = item.get("author") or []
    year = _year(item)
    P: Pieces = []
    if zh:
        return [(_opencc().convert(t), lab) for t, lab in taiwan_note(item, rng)], "synthetic:taiwan"
    style = rng.choice(["synthetic:chicago", "synthetic:german", "synthetic:law"])
    if rng.random() < 0.6:  # Chicago titles are title case, German ones capitalise every noun
        title = " ".join(w[:1].upper() + w[1:] if len(w) > 3 or rng.random() < 0.3 else w for w in title.split())
    who = _names(authors, "en", rng) if authors else None
    if who:
        P += [(who, "author"), (", ", None)]
    journal = item.get("container-title") if kind in ("article-journal", "article-magazine", "article-newspaper") else None
    if style == "synthetic:chicago":
        if journal:
            P += [("“", None), (title, "title"), (_pick(rng, ",” ", ",” ", "”, "), None), (journal, "container-title")]
            vol_form = rng.randrange(3)
            if item.get("volume"):
                P += [(" " if vol_form == 0 else ", ", None),
                      ((str(item["volume"]) if vol_form == 0 else f"Vol.{item['volume']}" if vol_form == 1 else f"Vol. {item['volume']}"), "volume")]
            if item.get("issue"):
                P += [(", ", None), ((f"no. {item['issue']}" if vol_form == 0 else f"No.{item['issue']}" if vol_form == 1 else f"No. {item['issue']}"), "issue")]
            if year:
                P += [(" (", None), (year, "date"), (")", None)]
        else:
            if kind == "chapter" and item.get("container-title"):
                P += [("“", None), (title, "title"), (",” in ", None)]
                if item.get("editor"):
                    P += [(_names(item["editor"], "en", rng) + _pick(rng, " eds.", ", eds.", " (eds.)", " ed."), "editor"), (", ", None)]
                title = item["container-title"]
                P += [(title, "container-title"), (" (", None)]
            else:
                P += [(title, "title"), (" (", None)]
            if item.get("publisher-place"):
                P += [(item["publisher-place"], "publisher-place"), (": ", None)]
            if item.get("publisher"):
                P += [(item["publisher"], "publisher"), (", ", None)]
            P += [(year or "n.d.", "date"), (")", None)]
    elif style == "synthetic:german":
        P += [(title, "title")]
        if journal:
            P += [(", in: ", None), (journal, "container-title")]
            if item.get("volume"):
                P += [(" ", None), (str(item["volume"]), "volume")]
            if year:
                P += [(" (", None), (year, "date"), (")", None)]
        else:
            if item.get("publisher-place"):
                P += [(", ", None), (item["publisher-place"], "publisher-place")]
            if year:
                P += [(" ", None), (year, "date")]
    else:  # US law reviews: Name, Title, 12 J. NAME 345 (1999).
        P += [(title, "title")]
        if journal:
            P += [(", ", None), (str(item.get("volume") or rng.randint(1, 120)), "volume"), (" ", None), (journal, "container-title")]
            if item.get("page"):
                P += [(" ", None), (str(item["page"]).split("-")[0], "pages")]
        if year:
            P += [(" (", None), (year, "date"), (")", None)]
    return P, style


def variants(ex: Example, rng: random.Random, lang: str | None = None) -> Pieces:
    """One footnote-like variant of a clean example."""
    pieces = pieces_of(ex)
    lang = lang or lang_of(pieces)
    if lang == "zh" and ex.source == "zotero" and "《" in ex.text and rng.random() < 0.6:
        pieces = taiwanese(pieces, rng)
    if rng.random() < 0.4:
        pieces = pinpoint(pieces, rng, lang)
    if rng.random() < 0.15:
        pieces = signal(pieces, rng, lang)
    if rng.random() < 0.05:
        pieces = comment(pieces, rng, lang)
    if lang != "zh" and rng.random() < 0.1 or lang == "zh" and rng.random() < 0.1:
        pieces = pdf_noise(pieces, rng)
    return pieces
