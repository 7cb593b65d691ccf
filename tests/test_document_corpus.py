"""The shipped corpus, scored against the shared hand-checked gold (never against our own output)."""
import json
from importlib import resources

import jsonschema
import pytest

from bench.bench_document import score_footnotes, score_markers
from bench.gold import corpus_file, gold_docs, read_jsonl
from citations.document import parse_document
from citations.serialize import document_to_dict

GOLD_DOCS = gold_docs("footnotes")


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.files("schemas").joinpath("document.schema.json").read_text(encoding="utf-8"))


def test_every_corpus_file_parses_and_validates_against_the_schema(corpus_files, schema):
    assert len(corpus_files) == 3
    for path in corpus_files:
        doc = parse_document(path)
        assert doc.footnotes and doc.claims
        jsonschema.validate(document_to_dict(doc), schema)


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_footnotes_match_the_gold(doc_id):
    gold = read_jsonl(f"footnotes_{doc_id}.jsonl")
    ok, misses = score_footnotes(parse_document(corpus_file(doc_id)), gold)
    assert ok / len(gold) >= 0.995, misses


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_markers_match_the_gold(doc_id):
    gold = read_jsonl(f"markers_{doc_id}.jsonl")
    ok, misses = score_markers(parse_document(corpus_file(doc_id)), gold)
    assert ok / len(gold) >= 0.99, misses


def test_footnote_numbers_run_without_gaps_in_every_corpus_file(corpus_files):
    for path in corpus_files:
        doc = parse_document(path)
        for prev, fn in zip(doc.footnotes, doc.footnotes[1:]):
            assert fn.number == prev.number + 1 or (fn.number == 1 and fn.chapter == prev.chapter + 1), (path.name, fn.seq)


def test_no_layout_noise_survives_in_the_body(corpus_files):
    for path in corpus_files:
        body = parse_document(path).body
        assert "Chengch" not in body and "DOI:" not in body


def test_claims_point_at_their_own_text_in_the_body(corpus_files):
    doc = parse_document(corpus_files[0])
    for c in doc.claims:
        assert doc.body[c.start:c.end] == c.text
        for seq in c.footnotes:
            m = doc.footnotes[seq - 1].marker
            assert c.start <= m.offset <= c.end + 3  # a marker sits in or right after its sentence
