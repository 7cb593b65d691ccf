"""Text-layer repair: full-width forms inside Latin runs become ASCII; CJK punctuation stays."""
from __future__ import annotations

import pytest

from citations.document import parse_text
from citations.textrepair import repair, repair_mapped


@pytest.mark.parametrize("raw, clean", [
    ("ＭｉｃｈａｅｌＬ．Ｒｏｓｓ，", "MichaelL. Ross,"),
    ("KalＲaustiala", "KalRaustiala"),
    ("Vol．9，No．4，2014，p．389", "Vol.9, No.4, 2014, p.389"),
    ("參見 https： / / www.example.org/a", "參見 https://www.example.org/a"),
    ("Ｒobert O． Keohane，International Institutions，1989，pp．3－4", "Robert O. Keohane, International Institutions, 1989, pp.3-4"),
    ("Ｐｒｅｓｓ（２００１）：ｐ．３", "Press (2001): p.3"),
    ("U．S．Ａrmy，1，000 men", "U.S. Army, 1,000 men"),
    ("pp.854-858．托马斯", "pp.854-858.托马斯"),
    ("Ross，“Does Oil？”", "Ross, “Does Oil?”"),
])
def test_full_width_latin_becomes_ascii(raw: str, clean: str) -> None:
    assert repair(raw) == clean


@pytest.mark.parametrize("text", [
    "中國，北京；上海：（臺北）",
    "中國（China）的",  # marks between CJK and Latin are CJK punctuation
    "美國的ＧＤＰ，而中國",
    "二００九年 6 月",  # digits among CJK, no Latin letter in the run
    "０１０－８４０８３６８３",
    "讓－弗雷德里克",
    "《中國統計年鑑－2009》",
    "http://www.fmprc.gov.cn/，2019年5月1日檢索。",  # a separator needs a Latin word after it
    "Ross，2001。",
])
def test_cjk_punctuation_and_digits_among_cjk_stay(text: str) -> None:
    assert repair(text).replace("GDP", "ＧＤＰ") == text


def test_offsets_map_onto_the_repaired_text() -> None:
    text = "Ｒｏｓｓ，Ｄｏｅｓ https： / / x"
    clean, at = repair_mapped(text)
    assert clean == "Ross, Does https://x"
    assert len(at) == len(text) + 1
    assert clean[at[text.index("Ｄ")] - 1] == ","  # a mark after the comma stays on it
    assert clean[at[text.index("x")]] == "x" and at[-1] == len(clean)


def test_text_route_repairs_footnotes() -> None:
    doc = parse_text("正文引用。1\n" + " " * 20 + "\n1 ＭｉｃｈａｅｌＬ．Ｒｏｓｓ，Ｏｉｌ，Ｖｏｌ．５３，２００１．\n")
    assert [f.text for f in doc.footnotes] == ["MichaelL. Ross, Oil, Vol.53, 2001."]
