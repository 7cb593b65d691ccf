"""The document cache: an unchanged file is a lookup, a changed one is parsed again, --no-cache skips it."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from citations import cache, pipeline
from citations.serialize import to_json

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "000_88da3538dd038a9b.txt"


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "citeaudit" / "documents"


@pytest.fixture
def parses(monkeypatch) -> list[Path]:
    """Every real parse the cache asks the pipeline for."""
    calls: list[Path] = []
    real = pipeline.analyse

    def counting(path, encoding=None):
        calls.append(Path(path))
        return real(path, encoding)

    monkeypatch.setattr(pipeline, "analyse", counting)
    return calls


@pytest.fixture
def doc_file(tmp_path) -> Path:
    path = tmp_path / "docs" / SAMPLE.name
    path.parent.mkdir()
    path.write_bytes(SAMPLE.read_bytes())
    return path


def test_second_load_of_an_unchanged_file_is_a_lookup_with_the_same_result(cache_home, parses, doc_file):
    first = cache.load_document(doc_file)
    second = cache.load_document(doc_file)
    assert len(parses) == 1
    assert to_json(second) == to_json(first) == to_json(pipeline.analyse(doc_file))
    assert len(list(cache_home.rglob("*.pickle"))) == 1 and not list(cache_home.rglob("*.tmp"))


def test_a_changed_file_is_parsed_again(cache_home, parses, doc_file):
    cache.load_document(doc_file)
    doc_file.write_bytes(doc_file.read_bytes().replace("中國".encode(), "中华".encode(), 1))
    cache.load_document(doc_file)
    assert len(parses) == 2


def test_no_cache_parses_and_writes_nothing(cache_home, parses, doc_file):
    cache.load_document(doc_file, use_cache=False)
    cache.load_document(doc_file, use_cache=False)
    assert len(parses) == 2 and not cache_home.exists()


def test_a_corrupt_entry_is_ignored_and_replaced(cache_home, parses, doc_file):
    expected = to_json(cache.load_document(doc_file))
    (entry,) = cache_home.rglob("*.pickle")
    entry.write_bytes(b"\x80\x05 not a pickle")
    assert to_json(cache.load_document(doc_file)) == expected
    assert len(parses) == 2
    assert isinstance(pickle.loads(entry.read_bytes()), type(pipeline.analyse(doc_file)))


def test_the_same_bytes_elsewhere_report_their_own_path(cache_home, parses, doc_file, tmp_path):
    other = tmp_path / "copy" / doc_file.name
    other.parent.mkdir()
    other.write_bytes(doc_file.read_bytes())
    cache.load_document(doc_file)
    assert cache.load_document(other).source == str(other) and len(parses) == 1


def test_the_key_holds_the_file_name_encoding_and_code(doc_file):
    data = doc_file.read_bytes()
    keys = {cache.key(doc_file, data, None), cache.key(doc_file.with_name("renamed.txt"), data, None),
            cache.key(doc_file, data, "big5"), cache.key(doc_file, data + b"\n", None)}
    assert len(keys) == 4


def test_an_unwritable_cache_only_costs_the_speed_up(monkeypatch, tmp_path, parses, doc_file):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.load_document(doc_file).footnotes and cache.load_document(doc_file).footnotes
    assert len(parses) == 2


def test_the_cache_stays_under_its_size_limit_dropping_the_least_recently_used(cache_home, monkeypatch, tmp_path):
    files = []
    for i in range(4):
        f = tmp_path / f"doc{i}.txt"
        f.write_text(f"正文{i}。1\n\n1 作者{i}，《書名{i}》（臺北：出版社，2001），頁{i + 1}。\n", encoding="utf-8")
        files.append(f)
    cache.load_document(files[0])
    (entry,) = cache_home.rglob("*.pickle")
    one = entry.stat().st_size
    # room for a little more than two entries: the third write must evict the oldest
    monkeypatch.setattr(cache, "limit", lambda: int(one * 2.5))
    monkeypatch.setattr(cache._Usage, "size", None)
    os.utime(entry, (1, 1))  # used long ago
    cache.load_document(files[1])
    cache.load_document(files[2])
    names = {p.name for p in cache_home.rglob("*.pickle")}
    assert len(names) == 2 and entry.name not in names


def test_a_hit_counts_as_recent_use(cache_home, doc_file):
    cache.load_document(doc_file)
    (entry,) = cache_home.rglob("*.pickle")
    os.utime(entry, (1, 1))
    cache.load_document(doc_file)
    assert entry.stat().st_mtime > 1
