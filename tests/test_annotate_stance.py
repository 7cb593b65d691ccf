"""The cue-word stance baseline."""
from annotate.stance import guess_stance


def test_favourable_cues_mean_supports_and_are_reported():
    guess = guess_stance("上海合作組織有助於促進該地區穩定。")
    assert guess.label == "supports" and guess.cues == ["有助於", "促進", "穩定"]


def test_unfavourable_cues_mean_opposes():
    assert guess_stance("美國藉此圍堵中國，構成威脅。").label == "opposes"


def test_negation_flips_a_cue():
    guess = guess_stance("該組織並未促進區域合作。")
    assert guess.label == "opposes" and guess.cues == ["-促進"]


def test_no_cue_is_neutral_with_an_uninformative_score():
    guess = guess_stance("上海合作組織成立於2001年。")
    assert (guess.label, guess.score) == ("neutral", 0.5)


def test_balanced_cues_are_mixed():
    assert guess_stance("The SCO benefits its members but raises concerns.").label == "mixed"


def test_english_cues_match_whole_words_only():
    assert guess_stance("The risky trip to Moscow.").label == "neutral"  # "risk" inside "risky" is not a cue
