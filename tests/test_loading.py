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
