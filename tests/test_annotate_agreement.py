"""Inter-annotator agreement figures."""
import pytest

from annotate.agreement import agreement, cohen_kappa, fleiss_kappa, span_f1


def test_fleiss_kappa_matches_the_published_worked_example():
    # Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories -> 0.210
    rows = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]  # fmt: skip
    table = [{c: n for c, n in zip("abcde", row) if n} for row in rows]
    overall, per = fleiss_kappa(table, list("abcde"))
    assert overall == pytest.approx(0.210, abs=5e-4)
    assert per["e"] == pytest.approx(0.5077, abs=5e-4)


def test_cohen_kappa_by_hand():
    # observed 4/5, expected (2*1 + 2*3 + 1*1)/25 = 0.36 -> (0.8 - 0.36) / 0.64
    assert cohen_kappa(list("aabbc"), list("abbbc")) == pytest.approx(0.6875)
    assert cohen_kappa(list("aaa"), list("aaa")) is None  # chance agreement 1: undefined, not perfect


def record(*annotations):
    return {"annotations": [{"annotator": who, "stance": stance, "entities": [{"start": s, "end": e, "label": lab} for s, e, lab in ents]}
                            for who, stance, ents in annotations]}  # fmt: skip


def test_span_f1_is_per_label_and_pooled_over_pairs():
    records = [
        record(("a", "supports", [(0, 2, "GPE"), (3, 5, "ORG")]), ("b", "supports", [(0, 2, "GPE"), (3, 6, "ORG")])),
    ]
    f1 = span_f1(records)
    assert f1["GPE"] == 1.0 and f1["ORG"] == 0.0 and f1["ALL"] == pytest.approx(0.5)


def test_agreement_reports_kappas_over_the_claims_rated_by_the_usual_number_of_annotators():
    records = [
        record(("a", "supports", []), ("b", "supports", []), ("c", "supports", [])),
        record(("a", "opposes", []), ("b", "opposes", []), ("c", "neutral", [])),
        record(("a", "neutral", []), ("b", "neutral", []), ("c", "neutral", [])),
        record(("a", "mixed", []), ("b", "opposes", [])),
    ]
    result = agreement(records)
    assert (result.fleiss_items, result.fleiss_raters) == (3, 3)
    assert result.annotators == {"a": 4, "b": 4, "c": 3}
    assert result.cohen["a | b"] == pytest.approx(cohen_kappa(["supports", "opposes", "neutral", "mixed"], ["supports", "opposes", "neutral", "opposes"]))
    assert result.cohen["a | c"] == pytest.approx(cohen_kappa(["supports", "opposes", "neutral"], ["supports", "neutral", "neutral"]))


def test_one_annotator_is_a_clear_error_not_a_kappa_over_zero_annotators():
    from citations.errors import CiteauditError

    records = [record(("lead@example.com", "supports", [])) for _ in range(443)]
    with pytest.raises(CiteauditError, match="needs at least two annotators; 443 claims are annotated by 1"):
        agreement(records)


def test_annotators_who_never_share_a_claim_are_a_clear_error():
    from citations.errors import CiteauditError

    with pytest.raises(CiteauditError, match="never labelled the same claim"):
        agreement([record(("a", "supports", [])), record(("b", "opposes", []))])


def test_agreement_command_with_one_annotator_is_one_line_exit_2(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    pulled = [{"claim_id": f"c{i}", "text": "上海合作組織成立。", "annotations": [
        {"annotator": "lead@example.com", "stance": "neutral", "entities": []}]} for i in range(3)]
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps(pulled), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "citations", "agreement", str(path)], capture_output=True, text=True,
                       cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "two annotators" in r.stderr and not r.stdout
