"""Citation string -> tokens -> one field label per token, by a trained linear-chain CRF.

Three small layers, as in AnyStyle: `tokenize` (words, single Han characters, each punctuation
mark), `features` (a few named observations per token, combined with the neighbours' at -2..+2),
and `Tagger` (python-crfsuite over the shipped model file, loaded lazily on first use, so that
importing the package costs nothing). Labelled tokens become spans with `spans`; spans become
CSL-JSON in parse.py. Training lives in the top-level `training/` folder.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import regex

MODEL = Path(__file__).with_name("model") / "tagger.crfsuite"
MODEL_NAME = "citeaudit-crf"
MODEL_VERSION = "6"  # bump when the feature set or the label set changes (the model must be retrained)

# The label set. "O" is punctuation and connecting words; "note" is commentary that cites nothing.
LABELS = (
    "author", "editor", "translator", "title", "container-title", "collection-title", "volume", "issue",
    "pages", "date", "publisher", "publisher-place", "edition", "genre", "url", "doi", "accessed",
    "signal", "crossref", "note", "citation-number", "identifier", "O",
)
# The model's own labels mark each field's first token (GROBID's `I-<title>`), so the CRF learns where
# a field starts apart from which field goes on: a word after a sentence stop opens the next field far
# more often than it continues a title ('Zwei neue Gattungen. Wiener Entomologische Zeitung, Bd. 26').
BEGIN = "B-"

_WORD_CHAR = r"[^\W\p{Han}_]"  # a word character, not Han
# Inside a word, no next character where a lower-case run meets a capitalised word or a number.
_GLUED = r"(?-i:(?!\p{Lu}\p{Ll}(?<=\p{Ll}{3}..)|\p{N}(?<=\p{Ll}{3}.)))"
_WORD_RUN = _WORD_CHAR + "(?:" + _GLUED + _WORD_CHAR + ")*"
TOKEN = regex.compile(  # case-insensitive: 'Vol.7', 'No.2', 'P.4', 'S.12'
    r"(?:https?|ftp)[:：]//[^\s，。；、）)」》〉\]]+|(?<![\w@])www\.[^\s，。；、）)」》〉\]]+"
    r"|10\.\d{4,9}/[^\s，。；、）)」》〉]+"
    r"|\p{Han}"
    r"|(?<![\p{L}\p{N}])(?:pp|p|s|ss|vol|vols|no|nos|nr|bd|jg|h|art|ch|chap|para|sec|fn|n|nn|ed|eds)[.．](?=\s?\d)"  # p.295 -> p. 295
    r"|\p{Lu}{1,5}(?=\d+(?!" + _WORD_CHAR + "))"  # 'D95', 'JHEP03', 'CNKI2016年': a journal's series letter, then the volume
    # A word: letters, marks and digits but not Han ('2012年第11期' is five tokens), joined by . ' - /
    # ('U.S.', 'Ph.D.', 'Gelfand-Tsetlin'). PDF text loses spaces, so a word also ends where a
    # lower-case run meets a capitalised word or a number ('detectorsNucl', 'Groups10'), and a full
    # stop after a lower-case letter does not join a capitalised word ('matrices.Publ', 'al.Electronic'),
    # nor any stop a number ('Univ.9').
    r"|(?:" + _WORD_RUN + r"(?:[.'’‐\-/](?!(?<=[\p{L}\p{M}]\.)\p{N})(?-i:(?!(?<=\p{Ll}\.)\p{Lu}\p{Ll}))" + _WORD_RUN + r")*\.?)"
    r"|\S",
    regex.I,
)
OPEN = {"《": "》", "〈": "〉", "「": "」", "『": "』", "“": "”", "(": ")", "（": "）", "[": "]", "［": "］", "【": "】", "〔": "〕", "‘": "’"}
CLOSE = {v: k for k, v in OPEN.items()}


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    out = []
    new = tuple.__new__  # Token(...) without the Python-level __new__: tokens are made by the thousand
    for m in TOKEN.finditer(text, concurrent=False):  # keeping the GIL: regex drops and retakes it per match otherwise
        t = m.group()
        a, b = m.span()
        if len(t) > 4 and ("//" in t or t.startswith(("www.", "10."))):
            stripped = t.rstrip(".,;:")  # a URL does not end with the sentence's full stop
            out.append(new(Token, (stripped, a, a + len(stripped))))
            for k in range(len(stripped), len(t)):
                out.append(new(Token, (t[k], a + k, a + k + 1)))
            continue
        out.append(new(Token, (t, a, b)))
    return out


# ---- observations: one small function each -------------------------------------------------------

WORDS = {
    "role": r"(?:著|編|编|譯|译|主編|主编|編著|编著|合著|eds?\.?|editors?|edited|hrsg\.?|hg\.?|trans\.?|translated|übers\.?|tr\.?|comp\.?)",
    "page": r"(?:pp?\.?|pages?|s\.|ss\.|頁|页|at|seite|seiten|f\.|ff\.)",
    "vol": r"(?:vol\.?|vols\.?|volume|bd\.?|band|jg\.?|t\.|tome|卷|册|冊)",
    "issue": r"(?:no\.?|nos\.?|nr\.?|number|issue|h\.|heft|期|號|号)",
    "edition": r"(?:ed\.?|edn\.?|edition|aufl\.?|auflage|版|rev\.?)",
    "month": r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember)[a-z]*\.?",
    "signal": r"(?:see|cf\.?|vgl\.?|also|siehe|參見|参见|參閱|参阅|見|见|詳見|详见|請|请|e\.g\.?|compare)",
    "xref": r"(?:ibid\.?|ibidem|id\.?|ebd\.?|ebenda|a\.a\.o\.?|op\.?|cit\.?|loc\.?|supra|infra|同|前|揭|引|上|註|注)",
    "pub": r"(?:press|verlag|publishers?|publishing|books|university|universität|出|版|社|局|館|馆|書|书|印)",
    "journal": r"(?:journal|review|quarterly|studies|bulletin|proceedings|annals|zeitschrift|letters|affairs|學|学|報|报|刊|研|究|誌|志)",
    "in": r"(?:in|in:|載|载|收|錄|录|於|于|dans|en)",
    "genre": r"(?:thesis|dissertation|diss\.?|phd|ph\.d\.?|論|论|文|碩|硕|博|士|report|working|paper)",
    "access": r"(?:accessed|retrieved|abgerufen|zugriff|visited|last|引|用|日|期|瀏|览|覽|訪|访|問|问)",
}
KEYWORD = [(k, regex.compile(v, regex.I)) for k, v in WORDS.items()]
DIGIT = regex.compile(r"\d")
YEAR = regex.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
ROMAN = regex.compile(r"[ivxlcdm]+", regex.I)


UPPER, LOWER, NUMERAL, HAN = (regex.compile(p) for p in (r"\p{Lu}", r"\p{Ll}", r"\p{N}", r"\p{Han}"))
REPEAT = regex.compile(r"(.)\1+")
DIGITS = regex.compile(r"\d+")
RANGE = regex.compile(r"\d+[\-‐–]\d+")
ISODATE = regex.compile(r"\d{4}[\-/.]\d{1,2}(?:[\-/.]\d{1,2})?")


def canonical(t: str) -> str:
    return unicodedata.normalize("NFKC", t).lower()


def shape(t: str) -> str:
    s = UPPER.sub("A", t)
    s = LOWER.sub("a", s)
    s = NUMERAL.sub("9", s)
    s = HAN.sub("H", s)
    return REPEAT.sub(r"\1\1", s)[:6]


def number(t: str) -> str:
    t = t.rstrip(".")
    if not t:
        return "-"
    if not DIGIT.search(t):
        return "roman" if ROMAN.fullmatch(t) and len(t) < 6 else "-"
    if YEAR.fullmatch(t):
        return "year"
    if DIGITS.fullmatch(t):
        return f"n{min(len(t), 5)}"
    if RANGE.fullmatch(t):
        return "range"
    if ISODATE.fullmatch(t):
        return "isodate"
    return "mixed"


def keyword(t: str) -> str:
    for name, pattern in KEYWORD:
        if pattern.fullmatch(t):
            return name
    return "-"




def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or bool(HAN.match(c))


def category(t: str) -> str:
    c = t[0]
    if is_han(c):
        return "han"
    if c.isdigit():
        return "digit"
    if c.isalpha():
        if len(t) <= 2 and t.endswith("."):
            return "initial"
        return "upper" if c.isupper() else "lower"
    if len(t) > 4:
        return "link"
    return "p" + unicodedata.normalize("NFKC", c)


MARKS = frozenset(OPEN) | frozenset(CLOSE) | {'"'}


def brackets(tokens: list[Token]) -> list[str]:
    """The innermost open bracket or quote around each token ('-' outside all)."""
    stack: list[str] = []
    out = []
    inside = "-"  # the innermost bracket, NFKC
    for tok in tokens:
        t = tok.text
        if t not in MARKS:
            out.append(inside)
            continue
        if t in CLOSE and CLOSE[t] in stack:
            while stack and stack.pop() != CLOSE[t]:
                pass
            out.append("close")
        elif t in OPEN:
            out.append("open")
            stack.append(t)
        elif t == '"':  # a straight quote toggles
            if '"' in stack:
                while stack and stack.pop() != '"':
                    pass
            else:
                stack.append('"')
            out.append("q")
        else:
            out.append(inside)
            continue
        inside = unicodedata.normalize("NFKC", stack[-1]) if stack else "-"
    return out


def han_runs(tokens: list[Token], obs: list[Observed]) -> list[tuple[bytes, bytes]]:
    """For a Han character: its place in the run of adjacent Han characters and the run's last two
    (the 'run=' and 'tail=' attributes)."""
    out = [NO_RUN] * len(tokens)
    i = 0
    n = len(tokens)
    while i < n:
        if obs[i].han:
            j = i
            while j + 1 < n and obs[j + 1].han and tokens[j + 1].start == tokens[j].end:
                j += 1
            last = tokens[j].text if i == j else tokens[j - 1].text + tokens[j].text
            tail = _TAIL.get(last) or _tail(last)
            length = j - i + 1
            if length == 1:
                out[i] = (_RUN["S1"], tail)
            else:
                size = min(length, 8)
                out[i], out[j] = (_RUN[f"B{size}"], tail), (_RUN[f"E{size}"], tail)
                middle = (_RUN[f"M{size}"], tail)
                for k in range(i + 1, j):
                    out[k] = middle
            i = j + 1
        else:
            i += 1
    return out


LEXICON = MODEL.with_name("words.tsv.gz")  # given names, place words: built by training/lexicon.py


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """word -> the lists it is in ('given', 'place', 'given+place'); empty without the file."""
    import gzip

    try:
        with gzip.open(LEXICON, "rt", encoding="utf-8") as f:
            return dict(line.rstrip("\n").split("\t", 1) for line in f)
    except FileNotFoundError:
        return {}


def in_lists(w: str) -> str:
    return lexicon().get(w.rstrip("."), "-") if len(w) > 1 else "-"


def segments(tokens: list[Token], obs: list[Observed]) -> list[int]:
    """Which sentence segment each token is in: the count of sentence stops ('. ' after a number or
    a word, not after an initial; or '.' glued to a capitalised word, 'matrices.Publ') before it. author. (date). title. container ... sit in successive
    segments."""
    out, seg = [], 0
    last = len(tokens) - 1
    for k, tok in enumerate(tokens):
        out.append(seg)
        if obs[k].stop and k < last and (tokens[k + 1].start > tok.end or tokens[k + 1].text[0].isupper()):
            seg += 1
    return out


def segment_context(seg: list[int], obs: list[Observed]) -> tuple[list[tuple[bytes, ...]], list[bytes]]:
    """What each token's segment looks like as a whole, which no window of +-2 tokens sees: its
    casing (a journal or book title is Title Case, an APA article title sentence case, a name
    list often CAPS), the keyword classes of its Latin words ('University of Chicago Press' is a
    publisher segment down to 'Chicago'), whether the token opens or closes it and how many
    segments follow; and apart, whether a year came before or comes after the token (APA puts it
    before the title, Chicago after the container)."""
    n = len(obs)
    starts = [0] + [k for k in range(1, n) if seg[k] != seg[k - 1]] + [n]
    count = len(starts) - 1
    context: list[tuple[bytes, ...]] = []
    for i in range(count):
        a, b = starts[i], starts[i + 1]
        part = obs[a:b]
        cases = [o.case for o in part if o.case]
        if cases and all(c == "U" for c in cases):
            case = "U"
        elif len(cases) < 2:  # the first word of a segment is capitalised anyway
            case = "-"
        else:
            share = sum(c != "l" for c in cases[1:]) / (len(cases) - 1)
            case = "T" if share >= 0.75 else "S" if share <= 0.25 else "M"
        common = (SEGCASE[case], *(SEGKW[w] for w in sorted({o.latin_kw for o in part if o.latin_kw})[:3]),
                  SEGLEFT[min(count - 1 - i, 3)])
        first, middle, last = common + (SEGPOS["1"],), common + (SEGPOS["5"],), common + (SEGPOS["9"],)
        context.append(first)
        context += [middle] * (b - a - 2)
        if b - a > 1:
            context.append(last)
    at = [k for k, o in enumerate(obs) if o.year]
    first, last_year = (at[0], at[-1]) if at else (n, -1)
    return context, [YEARS[k > first, k < last_year] for k in range(n)]


def word_window(obs: list[Observed]) -> list[tuple[bytes, bytes, bytes, bytes]]:
    """The two words before and after each token, skipping marks: the +-2 token window sees one
    word across a comma or a bracket, AnyStyle's (whose tokens carry their marks) sees two."""
    before = []  # ('pw=', 'pw2=') of each token: one pass forward, remembering the last two words
    pw, pw2, last = NO_WORD[0], NO_WORD[1], None
    for o in obs:
        before.append((pw, pw2))
        if not o.punct:
            pw, pw2, last = o.words[0], last.words[1] if last else NO_WORD[1], o
    after = []  # ('nw=', 'nw2='), backwards
    nw, nw2, last = NO_WORD[2], NO_WORD[3], None
    for o in reversed(obs):
        after.append((nw, nw2))
        if not o.punct:
            nw, nw2, last = o.words[2], last.words[3] if last else NO_WORD[3], o
    return [b + a for b, a in zip(before, reversed(after))]


def _bin(d: int | None) -> str:
    return "-" if d is None else str(d) if d < 4 else "4" if d < 6 else "6" if d < 10 else "10"


_BINS = tuple(_bin(d) for d in range(10))


def digit_distance(has: list[bool]) -> list[tuple[bytes, bytes, bytes]]:
    """How many tokens back to the previous and on to the next token with a digit (`has`, binned;
    the 'pd=', 'nd=', 'pd|nd=' attributes): a journal title sits just before its volume, an article
    title further off."""
    n = len(has)
    back, ahead = [], ["-"] * n
    last = None
    for k in range(n):
        back.append("-" if last is None else _BINS[k - last] if k - last < 10 else "10")
        if has[k]:
            last = k
    nxt = None
    for k in range(n - 1, -1, -1):
        if nxt is not None:
            ahead[k] = _BINS[nxt - k] if nxt - k < 10 else "10"
        if has[k]:
            nxt = k
    return [_DD[d] for d in zip(back, ahead)]


def _encoded(attrs) -> tuple[bytes, ...]:
    """Attribute strings as UTF-8, made once: pycrfsuite takes bytes as they are and encodes a str on
    every call (≈10 % of the tagger's time). `features` gives them back as str."""
    return tuple(a.encode() for a in attrs)


class Observed:
    """The observations of one token text, the attribute strings they give it and its neighbours,
    and the combined attributes built from them (each string made once per token text, not per token)."""
    __slots__ = ("w", "digit", "punct", "han", "stop", "year", "case", "latin_kw", "words", "own", "lend", "segcat", "wbr", "pair")

    def __init__(self, t: str) -> None:
        w = canonical(t)
        cat, sh, num, kw = category(t), shape(t), number(t), keyword(w)
        own = ["w=" + w, "cat=" + cat, "sh=" + sh, "num=" + num, "kw=" + kw]
        lists = "-"
        if cat in ("lower", "upper", "initial"):
            lists = in_lists(w)
            own += ["pre=" + w[:3], "suf=" + w[-3:], "dict=" + lists, "dict|cat=" + lists + "|" + cat]
        lend = {}
        for d in (-2, -1, 1, 2):
            attrs = [f"{d}w=" + w, f"{d}cat=" + cat, f"{d}kw=" + kw]
            if d in (-1, 1):
                attrs += [f"{d}num=" + num, f"{d}dict=" + lists, f"{d}sh=" + sh]
            lend[d] = tuple(attrs)
        self.w = w
        self.digit = bool(DIGIT.search(t))
        self.punct = is_punct(t)
        self.han = len(t) == 1 and is_han(t)  # one Han character: part of a run (han_runs)
        self.year = num == "year"
        latin = cat in ("lower", "upper", "initial")
        self.case = ("" if not latin or len(w.rstrip(".")) < 4 else "U" if t.isupper() else "C" if cat == "upper" else "l")
        self.words = _encoded(("pw=" + w, "pw2=" + w, "nw=" + w, "nw2=" + w))  # lent to the words around (word_window)
        self.latin_kw = kw if latin and kw != "-" else ""  # segment_context
        self.stop = t == "." or (t.endswith(".") and len(t) > 2 and (t[-2].islower() or t[-2].isdigit()))  # segments
        self.own = _encoded(own)
        self.lend = {d: _encoded(a) for d, a in lend.items()}  # offset -> attributes this token lends the token `offset` away
        self.segcat = _encoded(f"seg|{own[1]}|{s}" for s in range(6))
        self.wbr = {}  # bracket context -> 'w|br=' attribute
        self.pair = {}  # the next token's w -> ('w|1w=' attribute of this token, '-1w|w=' of the next)


_OBSERVED: dict[str, Observed] = {}  # token texts repeat across citations: most tokens cost one look-up


def observe(t: str) -> Observed:
    o = _OBSERVED.get(t)
    if o is None:
        if len(_OBSERVED) >= 1 << 18:  # bounded memory in a long batch run
            _OBSERVED.clear()
        o = _OBSERVED[t] = Observed(t)
    return o


# Every attribute is bytes, made once (see _encoded): the constant ones here, a token text's own in
# Observed, the combined ones in the memo dicts below.
EDGE = {d: _encoded([f"{d}w=#"]) for d in (-2, -1, 1, 2)}
POS = _encoded(f"pos={i}" for i in range(10))
SEG = _encoded(f"seg={i}" for i in range(6))
SEGCASE = {c: ("segcase=" + c).encode() for c in "UTSM-"}
SEGKW = {k: ("segkw=" + k).encode() for k in WORDS}
SEGLEFT = _encoded(f"segleft={i}" for i in range(4))
SEGPOS = {e: ("segpos=" + e).encode() for e in "159"}
YEARS = {(b, a): f"years={b:d}{a:d}".encode() for b in (False, True) for a in (False, True)}
SP = _encoded(("sp=0", "sp=1"))
NO_WORD = _encoded(("pw=#", "pw2=#", "nw=#", "nw2=#"))
BOS, EOS = (b"BOS",), (b"EOS",)
_RUN = {p: ("run=" + p).encode() for p in ["-", "S1"] + [f"{e}{n}" for e in "BME" for n in range(2, 9)]}
NO_RUN = (_RUN["-"], b"tail=-")
_DD = {(a, b): _encoded(("pd=" + a, "nd=" + b, "pd|nd=" + a + "|" + b))
       for a in ("-", "1", "2", "3", "4", "6", "10") for b in ("-", "1", "2", "3", "4", "6", "10")}
_BR: dict[str, tuple[bytes, bytes, bytes]] = {}  # bracket context -> its 'br=', '-1br=', '1br=' attributes
_PP: dict[tuple[str, str], bytes] = {}  # the marks just before and after a token -> its 'pp=' attribute
_TAIL: dict[str, bytes] = {}  # a Han run's last two characters -> its 'tail=' attribute


def _pp(key: tuple[str, str]) -> bytes:
    """'pp=(|)' for a token between two marks: a year in brackets, a word between commas."""
    return _PP.setdefault(key, ("pp=" + key[0] + "|" + key[1]).encode())


def _br(b: str) -> tuple[bytes, bytes, bytes]:
    f = _BR.get(b)
    if f is None:
        f = _BR[b] = _encoded(["br=" + b, "-1br=" + b, "1br=" + b])
    return f


def _tail(last: str) -> bytes:
    if len(_TAIL) >= 1 << 18:  # bounded, like _OBSERVED
        _TAIL.clear()
    return _TAIL.setdefault(last, ("tail=" + last).encode())


def _wbr(o: Observed, b: str) -> bytes:
    return o.wbr.setdefault(b, ("w|br=" + o.w + "|" + b).encode())


def _pair(o: Observed, w: str) -> tuple[bytes, bytes]:
    """The 'w|1w=' attribute of a token and the '-1w|w=' of the next one (whose w is `w`)."""
    return o.pair.setdefault(w, _encoded(["w|1w=" + o.w + "|" + w, "-1w|w=" + o.w + "|" + w]))


def features(tokens: list[Token]) -> list[list[str]]:
    """CRF attributes for each token: its observations and those of its neighbours (-2..+2)."""
    return [[a.decode() for a in f] for f in _features(tokens, [observe(tok.text) for tok in tokens])]


def _features(tokens: list[Token], obs: list[Observed]) -> list[list[bytes]]:
    n = len(tokens)
    if not n:
        return []
    brs = brackets(tokens)
    br = [_br(b) for b in brs]
    runs = han_runs(tokens, obs)
    seg = segments(tokens, obs)
    segctx, years = segment_context(seg, obs)
    around = word_window(obs)
    dd = digit_distance([o.digit for o in obs])
    sp = [SP[1]] + [SP[t.start > p.end] for p, t in zip(tokens, tokens[1:])]  # a space before the token
    marks = ["_"] + [o.w if o.punct else "_" for o in obs] + ["_"]  # the mark on each side, for 'pp='
    pairs = [o.pair.get(nxt.w) or _pair(o, nxt.w) for o, nxt in zip(obs, obs[1:])]
    # What the neighbours lend each token, in the attribute order the model was trained with: the one
    # before (or BOS), the one after (or EOS), two before, two after, and the edges past the ends.
    before = [BOS] + [o.lend[-1] + (b[1], p[1]) for o, b, p in zip(obs, br, pairs)]
    after = [o.lend[1] + (b[2], p[0]) for o, b, p in zip(obs[1:], br[1:], pairs)] + [EOS]
    far = [EDGE[-2], EDGE[-2]] + [o.lend[-2] for o in obs[:-2]]
    ends = ([o.lend[2] for o in obs[2:]] + [EDGE[2]] * 2)[:n]
    ends[0] += EDGE[-1]
    ends[-1] += EDGE[1]
    return [[*o.own, b3[0], POS[10 * k // n], *run, o.wbr.get(b) or _wbr(o, b), space, SEG[min(s, 5)], o.segcat[min(s, 5)], *d,
             *ctx, yr, *words, _PP.get(pp) or _pp(pp), *left, *right, *far2, *end]
            for k, (o, b, b3, run, space, s, d, ctx, yr, words, pp, left, right, far2, end) in enumerate(zip(
                obs, brs, br, runs, sp, seg, dd, segctx, years, around, zip(marks, marks[2:]), before, after, far, ends))]


# ---- the trained model ---------------------------------------------------------------------------

_model: Path | None = None  # set by use_model (benchmarks score models trained on folds)


def use_model(path: Path | None) -> None:
    """Tag with another model file from now on (None: the shipped one)."""
    global _model
    _model = path


def model_file() -> str:
    return str(_model or MODEL)


def model_info() -> dict[str, str]:
    """What parsed a citation: recorded in outputs."""
    return {"name": MODEL_NAME, "version": MODEL_VERSION, "file": model_file()}


@lru_cache(maxsize=4)
def _tagger(path: str):
    import pycrfsuite  # imported here: CLI start-up must not pay for it

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def tag(tokens: list[Token], model: Path | None = None) -> list[str]:
    """One label per token (punctuation is always O)."""
    if not tokens:
        return []
    seen = _OBSERVED.get
    obs = [seen(tok.text) or observe(tok.text) for tok in tokens]  # most tokens: one look-up, no call
    tagger = _tagger(str(model or _model or MODEL))
    marked = tagger.tag(_features(tokens, obs))
    labels = unmarked(marked)
    for field in ("title", "container-title"):
        if lacks(labels, field):
            marked = with_field(tagger, tokens, obs, marked, field)
            labels = unmarked(marked)
    return [("O" if o.punct else lab) for o, lab in zip(obs, labels)]


def begin_marked(labels: list[str]) -> list[str]:
    """The model's form of a labelling: BEGIN on the first token of each field."""
    out, prev = [], "O"
    for lab in labels:
        out.append(BEGIN + lab if lab != "O" and lab != prev else lab)
        prev = lab
    return out


def unmarked(marked: list[str]) -> list[str]:
    return [lab[2:] if lab.startswith(BEGIN) else lab for lab in marked]


def _relabelled(marked: list[str], a: int, b: int, field: str) -> list[str]:
    """`marked` with tokens a..b as one `field`; the field after them now begins at b."""
    out = marked[:a] + [BEGIN + field] + [field] * (b - a - 1) + marked[b:]
    if b < len(out) and out[b] != "O" and not out[b].startswith(BEGIN):
        out[b] = BEGIN + out[b]
    return out


# The fields a citation must have somewhere (`with_field`): a title where there is an imprint, a
# host, pages or editors (names alone, a link or a cross-reference need none); a host where there
# are a volume and a page or issue but no imprint (a periodical), or a title and editors (a chapter:
# 'Ingold, Tim. 1988 The Animal in the Study of Humanity. In What Is an Animal? Tim Ingold, ed.').
HOST = frozenset({"publisher", "publisher-place", "container-title", "collection-title", "pages", "volume", "issue",
                  "edition", "genre", "editor"})
IMPRINT = frozenset({"publisher", "publisher-place"})
NAMES = frozenset({"author", "container-title"})  # a short piece of these is a name or an abbreviation, not a title
NO_FIELD = frozenset({"note", "crossref", "signal", "citation-number", "url", "accessed", "doi", "identifier", "O"})
FIELD_ODDS = 0.1  # chosen on fold 1 of the bench (README, "The field search")
CHUNK_END = frozenset(",;:.?!)]）》〉」』”’，；：。、？！")  # a title may end with its question


def lacks(labels: list[str], field: str) -> bool:
    """Whether this labelling has no `field` though a citation with its other fields must have one."""
    have = set(labels)
    if field in have or "crossref" in have:  # 'Ibid., p. 12' names no field of its own
        return False
    if field == "title":
        return not HOST.isdisjoint(have)
    if "editor" in have and "title" in have:  # a chapter: an edited work holds it
        return True
    return "volume" in have and not {"pages", "issue"}.isdisjoint(have) and IMPRINT.isdisjoint(have)


def chunks(tokens: list[Token], obs: list[Observed]) -> list[tuple[int, int]]:
    """The token ranges between commas, colons, sentence stops and closing brackets: the pieces a
    field is made of ('Counterfactuals.', 'Harvard University Press,', 'Cambridge, MA.')."""
    out, start = [], 0
    for k, (tok, o) in enumerate(zip(tokens, obs)):
        if o.stop or tok.text in CHUNK_END:
            if k + 1 < len(tokens) and obs[k + 1].punct and tokens[k + 1].text in CHUNK_END:
                continue  # '.),' ends the chunk at its last mark
            out.append((start, k + 1))
            start = k + 1
    if start < len(tokens):
        out.append((start, len(tokens)))
    return out


def with_field(tagger, tokens: list[Token], obs: list[Observed], marked: list[str], field: str) -> list[str]:
    """A citation that must have `field` and has none holds it under another label: the CRF sees two
    words either side, so a short title before a strong field takes that field's label ('Lewis, D.
    (1973). Counterfactuals. Harvard University Press' read as one publisher), and a periodical
    printed without its article's title is read as the title ('Will, C. M. 2014, Living Reviews in
    Relativity, 17, 4'). Try each run of whole chunks inside one predicted field as `field` and keep
    the likeliest labelling if the model gives it at least FIELD_ODDS of the best one's probability
    (a physics reference 'Phys. Rev. D 95, 1234 (2017)' has no title, and no labelling with one comes close).
    Labellings are in the model's form (`begin_marked`)."""
    best_p = tagger.probability(marked)
    if best_p <= 0:
        return marked
    labels = unmarked(marked)
    pieces = chunks(tokens, obs)
    # group the chunks by the field their first word was given; a run never crosses two fields
    runs: list[list[tuple[int, int]]] = []
    for a, b in pieces:
        lab = labels[a]
        if runs and labels[runs[-1][-1][0]] == lab:
            runs[-1].append((a, b))
        else:
            runs.append([(a, b)])
    choice, choice_p = marked, best_p * FIELD_ODDS
    for run in runs:
        if labels[run[0][0]] in NO_FIELD or labels[run[0][0]] == field or len(run) > 12:
            continue
        for i in range(len(run)):
            for j in range(i, len(run)):
                a, b = run[i][0], run[j][1]
                if labels[a] in NAMES and sum(len(o.w) > 2 and not o.digit for o in obs[a:b]) < 3:
                    continue
                cand = _relabelled(marked, a, b, field)
                p = tagger.probability(cand)
                if p > choice_p:
                    choice, choice_p = cand, p
    return choice


def is_punct(t: str) -> bool:
    return len(t) == 1 and not t.isalnum() and not is_han(t)


def spans(text: str, tokens: list[Token], labels: list[str]) -> list[tuple[str, int, int]]:
    """Maximal runs of one label as (label, start, end) in `text`; punctuation between two tokens
    of the same label belongs to the run (a title with a colon, 'Smith, J. & Lee, K.')."""
    out: list[tuple[str, int, int]] = []
    cur: list = []  # [label, start, end]
    gap = False
    for tok, lab in zip(tokens, labels):
        if lab == "O":
            punct = observe(tok.text).punct
            gap = gap or not punct
            if not punct and cur:
                out.append(tuple(cur))
                cur = []
            continue
        if cur and cur[0] == lab and not gap:
            cur[2] = tok.end
        else:
            if cur:
                out.append(tuple(cur))
            cur = [lab, tok.start, tok.end]
        gap = False
    if cur:
        out.append(tuple(cur))
    return out
