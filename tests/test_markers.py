from citations.document import parse_text

SEP = " " * 48


def parse(body_lines: list[str], numbers: list[int]):
    notes = [f"{n} 作者{n}，《書名{n}》(台北：出版社，2006年)，頁 {n}。 " for n in numbers]
    return parse_text("\n".join(body_lines + [SEP] + notes))


def marker_context(doc, seq, width=4):
    m = doc.footnotes[seq - 1].marker
    return doc.body[m.offset - width:m.offset], doc.body[m.offset:m.offset + width]


def test_marker_glued_after_full_stop_is_found_and_removed_from_body():
    doc = parse(["和平穩定的國際環境是重要基礎。1因此，中國開始提倡和諧世界觀。 "], [1])
    assert marker_context(doc, 1) == ("要基礎。", "因此，中")
    assert "1" not in doc.body


def test_century_and_year_are_not_mistaken_for_markers():
    doc = parse(["被視為是「21 世紀的戰略能源基地」，2所以在中國的亞洲戰略佈局上，2 國關係重要。 "], [2])
    left, right = marker_context(doc, 1)
    assert left == "基地」，" and right == "所以在中"
    assert "21 世紀" in doc.body and "2 國" in doc.body


def test_marker_glued_to_a_following_year_is_split_off():
    doc = parse(["其次，關於重新保證，131990 年代中期，中國領導人開始了解。 "], [13])
    assert marker_context(doc, 1) == ("新保證，", "1990")
    assert "1990 年代中期" in doc.body


def test_marker_glued_to_a_following_century():
    doc = parse(["決定國際體系性質的最重要因素。20520 世紀 80 年代以後，中國當局做出判斷。 "], [205])
    assert marker_context(doc, 1) == ("要因素。", "20 世")


def test_marker_on_a_line_of_its_own_is_attached_to_the_line_above():
    doc = parse(["相當於中國最大的內陸油田每日原油產量", "的 10 倍，", "122", "可見中國的石油對外依存度已經越來越高。 "], [122])
    m = doc.footnotes[0].marker
    assert m.line == 3
    assert doc.body[:m.offset].endswith("的 10 倍，")
    assert "122" not in doc.body and "10 倍" in doc.body


def test_marker_at_line_start_after_a_sentence_on_the_line_above():
    doc = parse(["石油與天然氣供應之興趣。", "531993 年中國從石油出口國轉變成淨進口國。 "], [53])
    assert doc.footnotes[0].marker.line == 2
    assert doc.body[:doc.footnotes[0].marker.offset].endswith("興趣。")


def test_quantities_with_units_are_not_markers():
    doc = parse(["中亞地區出現 5 個新興國家，因擁有豐富的天然資源。5 "], [5])
    assert marker_context(doc, 1) == ("然資源。", "")
    assert "5 個新興國家" in doc.body


def test_markers_follow_footnote_order_across_several_on_a_page():
    doc = parse(["美國進駐中亞，3確保美國的影響力，不僅有助於圍堵中國，4同時也成為主要區域。5 "], [3, 4, 5])
    offsets = [f.marker.offset for f in doc.footnotes]
    assert offsets == sorted(offsets) and len(set(offsets)) == 3
    assert doc.body[:offsets[0]].endswith("美國進駐中亞，")


def test_footnote_without_any_marker_in_the_body_has_none():
    doc = parse(["這段內文沒有任何註腳標記。 "], [7])
    assert doc.footnotes[0].marker is None
