"""Entity pre-annotation: gazetteer phrases over character-segmented Chinese and English tokens."""
import pytest

from annotate.entities import GazetteerTagger, language_of
from annotate.gazetteer import Entry, load_gazetteer, parse_gazetteer
from citations.errors import CiteauditError


@pytest.fixture(scope="module")
def tagger():
    return GazetteerTagger()


def spans(tagger, text):
    return [(text[s.start : s.end], s.label) for s in tagger.tag([text])[0]]


def test_shipped_gazetteer_covers_every_label():
    assert {e.label for e in load_gazetteer()} == {"PERSON", "ORG", "GPE", "LOC", "POLICY", "TREATY", "EVENT"}


def test_gazetteer_line_with_unknown_label_is_an_error_naming_the_line():
    with pytest.raises(CiteauditError, match=r"g:2:"):
        parse_gazetteer("GPE\t中國\n FRUIT\t蘋果\n", "g")


def test_chinese_phrases_match_over_single_characters(tagger):
    found = spans(tagger, "中國推動睦鄰外交，並以一帶一路深化與哈薩克的能源合作。")
    assert found == [("中國", "GPE"), ("睦鄰外交", "POLICY"), ("一帶一路", "POLICY"), ("哈薩克", "GPE")]


def test_longest_gazetteer_match_wins(tagger):
    assert spans(tagger, "各國簽署上海合作組織憲章。") == [("上海合作組織憲章", "TREATY")]


def test_acronym_is_not_matched_inside_a_longer_latin_word(tagger):
    assert spans(tagger, "中國與 SCOPE 計畫") == [("中國", "GPE")]
    assert spans(tagger, "中國與SCO合作") == [("中國", "GPE"), ("SCO", "ORG")]


def test_english_text_uses_word_tokens(tagger):
    found = spans(tagger, "Putin met Xi Jinping in Astana to discuss the Belt and Road Initiative.")
    assert found == [("Putin", "PERSON"), ("Xi Jinping", "PERSON"), ("Astana", "LOC"), ("Belt and Road Initiative", "POLICY")]


def test_offsets_count_code_points_after_a_character_outside_the_bmp(tagger):
    text = "😀𠀀 美國圍堵中國"  # an emoji and a CJK Extension B ideograph: two UTF-16 units each
    found = tagger.tag([text])[0]
    assert [(s.start, s.end) for s in found] == [(3, 5), (7, 9)]
    assert [text[s.start : s.end] for s in found] == ["美國", "中國"]


def test_custom_entries_replace_the_shipped_gazetteer():
    tagger = GazetteerTagger([Entry("PERSON", "許志嘉", ("許志嘉",))])
    assert spans(tagger, "許志嘉論中國外交") == [("許志嘉", "PERSON")]


def test_language_follows_the_script_of_the_prose():
    assert language_of("中國的 SCO 政策") == "zh"
    assert language_of("China's policy towards the SCO (上海合作組織) seeks stability.") == "en"


def test_paired_one_character_country_abbreviations_are_countries(tagger):
    assert spans(tagger, "在中、美兩國關係中") == [("中", "GPE"), ("美", "GPE")]
    assert spans(tagger, "中俄戰略協作") == [("中", "GPE"), ("俄", "GPE")]


def test_an_abbreviation_inside_a_common_word_is_not_a_country(tagger):
    assert spans(tagger, "其中美日關係") == [("美", "GPE"), ("日", "GPE")]  # 其中 is "among them"
    assert spans(tagger, "中國重視此事") == [("中國", "GPE")]  # no pairing word: the gazetteer decides
