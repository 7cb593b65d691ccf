from citations.claims import split_sentences
from citations.document import parse_text

SEP = " " * 48


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_chinese_sentences_end_at_full_stop_question_and_exclamation():
    assert sentences("中國崛起。周邊如何回應？情勢緊張！") == ["中國崛起。", "周邊如何回應？", "情勢緊張！"]


def test_quotation_is_never_cut_inside():
    text = "宗旨是：「加強互信。建立新秩序。」所以提倡新安全觀。"
    assert sentences(text) == ["宗旨是：「加強互信。建立新秩序。」", "所以提倡新安全觀。"]


def test_unbalanced_quote_protects_nothing():
    assert sentences("“巴殿君認為，挑戰很多。從經濟看，設計不足。") == ["“巴殿君認為，挑戰很多。", "從經濟看，設計不足。"]


def test_english_abbreviations_initials_and_decimals_do_not_end_sentences():
    text = "The U.S. and Mr. Smith met in 2001.6 with B. M. Kulagin. Then they left! Why?"
    assert sentences(text) == ["The U.S. and Mr. Smith met in 2001.6 with B. M. Kulagin.", "Then they left!", "Why?"]


def doc_with(body: list[str], numbers: list[int]):
    notes = [f"{n} 作者，《書{n}》，頁 {n}。 " for n in numbers]
    return parse_text("\n".join(body + [SEP] + notes))


def test_sentence_with_a_marker_is_a_claim_linked_to_its_footnote():
    doc = doc_with(["中國快速崛起。和平穩定的國際環境是重要基礎。1因此，中國開始提倡和諧世界觀。 "], [1])
    assert [(c.text, c.footnotes) for c in doc.claims] == [("和平穩定的國際環境是重要基礎。", [1])]
    c = doc.claims[0]
    assert doc.body[c.start:c.end] == c.text


def test_several_markers_in_one_sentence_link_several_footnotes():
    doc = doc_with(["美國進駐中亞，3確保影響力，不僅圍堵中國，4同時成為主要區域。5 "], [3, 4, 5])
    assert [c.footnotes for c in doc.claims] == [[1, 2, 3]]


def test_marker_after_closing_quote_links_to_the_quoted_sentence():
    doc = doc_with(["宗旨是：「加強互信，建立新秩序。」4所以提倡新安全觀。 "], [4])
    assert [c.text for c in doc.claims] == ["宗旨是：「加強互信，建立新秩序。」"]


def test_sentences_without_markers_are_not_claims():
    doc = doc_with(["第一句沒有標記。第二句有標記。1第三句也沒有。 "], [1])
    assert [c.text for c in doc.claims] == ["第二句有標記。"]


def test_claim_ids_are_stable_across_reparses_and_unique():
    body = ["同一句話。1同一句話。2 "]
    a, b = doc_with(body, [1, 2]), doc_with(body, [1, 2])
    assert [c.id for c in a.claims] == [c.id for c in b.claims]
    assert len({c.id for c in a.claims}) == 2
