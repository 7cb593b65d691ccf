"""Person and body names as printed -> CSL-JSON name objects.

Chinese names stay whole and in their script ({"family": "許", "given": "志嘉"}, compound
surnames respected); transliterated foreign names and bodies become {"literal": ...}; a Western
name becomes family + given (Chicago "Given Family", Vancouver "Family I I").
"""
from __future__ import annotations

import regex

COMPOUND_SURNAMES = {
    "歐陽", "司馬", "諸葛", "上官", "東方", "皇甫", "尉遲", "公孫", "令狐", "慕容", "夏侯", "長孫", "宇文",
    "司徒", "司空", "端木", "申屠", "軒轅", "澹臺", "西門", "南宮", "獨孤", "呼延", "欧阳", "诸葛", "长孙",
}
# English words that name a body wherever they stand in a name ('Institute of …', '… Committee on …').
BODY_WORDS = (r"Institute|Committee|Department|Ministry|Office|Senate|Council|Commission|Agency|Bank|Center|Centre|"
              r"Foundation|University|Association|Bureau|Congress|Administration|Society")
# Words that mark a body (ministry, institute, committee ...) rather than a person.
ORG = regex.compile(
    r"(?:部|局|署|院|會|会|社|所|處|处|室|中心|委員|委员|組織|组织|政府|網|网|報|报|大學|大学|銀行|银行|公司|協會|基金|研究|"
    + BODY_WORDS + r"|Organi[sz]ation|Government|Library|Forum|Press|Group|Service|Nations|Union)",
    regex.I,
)
PARTICLES = {"van", "von", "der", "de", "den", "del", "della", "di", "da", "du", "la", "le", "bin", "al", "ter"}
NATIONALITY = regex.compile(r"^\s*[\[［〔（(【]\p{Han}{1,3}[\]］〕）)】]\s*")
HAN = regex.compile(r"\p{Han}")
ACRONYM = regex.compile(r"[A-Z]{2,6}")
HAN_NAME = regex.compile(r"\p{Han}{2,4}")
INITIALS_FAMILY = regex.compile(r"((?:\p{Lu}\.)+)\s*(\p{Lu}[\p{Ll}'’-]+)")
INITIAL = regex.compile(r"\p{Lu}")
HAN_RUN = regex.compile(r"\p{Han}+")
GLOSS = regex.compile(r"\s*[（(][^()（）]*[\p{Latin}][^()（）]*[)）]")  # (Zbigniew Brzezinski) after a CJK name


def is_org(name: str) -> bool:
    if ORG.search(name):
        return True
    return bool(ACRONYM.fullmatch(name.strip()))


def to_csl(name: str) -> dict[str, str]:
    """One printed name -> a CSL name object."""
    name = GLOSS.sub("", name).strip(" ,，.、")
    foreign = bool(NATIONALITY.match(name))
    name = NATIONALITY.sub("", name)  # 〔美〕富勒: the mark says the name is a transliteration, kept whole
    if HAN.search(name):
        if foreign:
            return {"literal": name}
        if is_org(name) or not HAN_NAME.fullmatch(name):
            return {"literal": name}
        if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
            return {"family": name[:2], "given": name[2:]}
        if len(name) == 4:
            return {"literal": name}  # a four-character name without a compound surname is ambiguous
        return {"family": name[0], "given": name[1:]}
    if is_org(name):
        return {"literal": name}
    tokens = name.split()
    if len(tokens) == 1:
        m = INITIALS_FAMILY.fullmatch(name)  # L.F.Locke
        if m:
            return {"family": m.group(2), "given": m.group(1)}
        return {"family": name}
    if len(tokens) > 5:
        return {"literal": name}
    if all(INITIAL.fullmatch(t) for t in tokens[1:]):  # Vancouver: Hong L, Lin S X
        return {"family": tokens[0], "given": " ".join(tokens[1:])}
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in PARTICLES:
        i -= 1
    return {"family": " ".join(tokens[i:]), "given": " ".join(tokens[:i])}


def display(name: dict[str, str]) -> str:
    """A CSL name as printed in the gold ("許志嘉", "Family, Given", or the literal)."""
    if "literal" in name:
        return name["literal"]
    family, given = name.get("family", ""), name.get("given", "")
    if HAN.search(family):
        return family + given
    return f"{family}, {given}" if given else family


NAMES_ET_AL = regex.compile(r"\s*(?:等人?|et al\.?)$")
NAMES_SEP = regex.compile(r"\s*(?:、|，|；|;|,\s*(?:and|&)\s+|\s+and\s+|\s*&\s*|,)\s*")


def split_names(text: str) -> tuple[list[str], bool]:
    """A printed name list -> names, and whether it ended with 等 / et al."""
    text = text.strip(" ，,.、：:")
    et_al = False
    m = NAMES_ET_AL.search(text)
    if m:
        et_al, text = True, text[: m.start()]
    text = GLOSS.sub("", text)
    parts = NAMES_SEP.split(text)
    # a name printed in a note ends with a word, so a final "." is punctuation (Pearson., Lin S X.)
    names = [p.strip(" 。,，").rstrip(".").strip() for p in parts]
    names = [n for n in names if n]
    return names, et_al
