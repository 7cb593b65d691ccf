import codecs

import pytest

from citations.errors import CiteauditError
from citations.loading import decode, read_source

SAMPLE = "中亞地區不僅地處重要的戰略地位，又具有豐富的礦產。1因此，中國開始提倡「和諧世界觀」。\n" * 20


@pytest.mark.parametrize("encoding", ["big5", "cp950", "gb18030"])
def test_legacy_chinese_encodings_are_detected_and_decoded(encoding):
    result = decode(SAMPLE.encode(encoding), name="t.txt")
    assert result.text == SAMPLE


def test_utf8_bom_is_dropped_and_reported():
    result = decode(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"))
    assert result.text == SAMPLE and result.encoding == "utf-8-sig"


def test_utf16_with_bom_is_decoded():
    assert decode(SAMPLE.encode("utf-16")).text == SAMPLE


def test_full_width_punctuation_and_nbsp_are_kept_verbatim():
    text = "頁\u00a059‐72。http：//x（2007）\n"
    assert decode(text.encode("utf-8")).text == text


def test_crlf_is_normalised_to_newlines():
    assert decode("一\r\n二\r三".encode("utf-8")).text == "一\n二\n三"


def test_explicit_encoding_overrides_detection():
    assert decode(SAMPLE.encode("big5"), encoding="big5").encoding == "big5"


def test_wrong_explicit_encoding_is_a_one_line_error():
    with pytest.raises(CiteauditError, match="cannot decode as utf-8"):
        decode(SAMPLE.encode("big5"), encoding="utf-8")


@pytest.mark.parametrize("data", [b"", b"  \n\n "])
def test_empty_file_is_an_error(data):
    with pytest.raises(CiteauditError, match="empty"):
        decode(data)


def test_binary_data_is_an_error():
    with pytest.raises(CiteauditError, match="not a text document"):
        decode(bytes(range(256)) * 40)


def test_missing_file_and_folder_are_errors(tmp_path):
    with pytest.raises(CiteauditError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(CiteauditError, match="folder"):
        read_source(tmp_path)


def test_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    import citations.loading as loading

    monkeypatch.setattr(loading, "MAX_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("字" * 200, encoding="utf-8")
    with pytest.raises(CiteauditError, match="limit"):
        read_source(big)


def _with_stray_bytes(text: str, count: int) -> bytes:
    """UTF-8 with `count` bytes overwritten by 0xFF, spread over the text (each breaks one character)."""
    data = bytearray(text.encode("utf-8"))
    step = len(data) // (count + 1)
    for i in range(1, count + 1):
        data[i * step] = 0xFF
    return bytes(data)


def test_a_few_invalid_bytes_in_utf8_are_replaced_and_reported_with_their_lines():
    text = "".join(f"第{i}行：上海合作組織的成立與中亞地區安全。\n" for i in range(1, 400))
    result = decode(_with_stray_bytes(text, 6), name="thesis.txt")
    assert result.encoding == "utf-8"
    assert result.text.count("\ufffd") >= 6 and len(result.text) >= len(text) - 12
    assert len(result.notices) == 1 and "invalid byte" in result.notices[0] and "line" in result.notices[0]


def test_explicit_utf8_with_a_few_invalid_bytes_reads_with_replacement():
    result = decode(_with_stray_bytes(SAMPLE * 5, 6), encoding="utf-8")
    assert result.encoding == "utf-8" and "U+FFFD" in result.notices[0]


def test_shift_jis_japanese_is_not_read_as_chinese():
    japanese = "日本の外交政策は、上海協力機構（SCO）に対して慎重な姿勢を示してきた。中央アジア諸国との関係は重要である。\n" * 20
    result = decode(japanese.encode("shift_jis"))
    assert result.text == japanese and result.encoding in ("cp932", "shift_jis")


def test_text_that_decodes_into_rare_characters_is_reported_as_a_doubtful_encoding():
    # Shift-JIS without kana (nothing tells it from Chinese) decodes as GB18030 into rare characters
    kanji_only = "日本国憲法第九条与集団的自衛権問題、安全保障関連法案審議経過概要。国会答弁記録参照。\n" * 30
    result = decode(kanji_only.encode("shift_jis"))
    assert len(result.notices) == 1 and "encoding may be wrong" in result.notices[0]
    assert not decode(SAMPLE.encode("big5")).notices  # real Chinese text gives no such doubt


def test_stray_bytes_reach_the_document_notices_and_stderr(tmp_path, capsys):
    from citations.document import parse_document

    thesis = tmp_path / "thesis.txt"
    thesis.write_bytes(_with_stray_bytes(SAMPLE * 5, 6))
    doc = parse_document(thesis)
    assert any("invalid byte" in n for n in doc.notices)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "thesis.txt" in err and "invalid byte" in err
