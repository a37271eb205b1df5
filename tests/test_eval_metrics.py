"""Metrics on hand-computed cases (the reference study's definitions)."""

from __future__ import annotations

import pytest
from test_eval_fakes import doc

from evaluation.inputs import Prediction, Reference, parse_output, prediction_from_row
from evaluation.metrics import (
    METRIC_KEYS,
    describe,
    exact_match,
    looks_sponsored,
    norm_set,
    r_squared,
    score_model,
    set_scores,
    sponsored_detection,
)
from news_core.prompt import render_completion


def sets(pred, ref):
    return set_scores(norm_set(pred), norm_set(ref))


def test_both_empty_scores_one_and_one_empty_scores_zero():
    assert sets([], []) == (s := sets([], [])) and (s.precision, s.recall, s.f1, s.jaccard) == (1.0, 1.0, 1.0, 1.0)
    for pred, ref in (([], ["OpenAI"]), (["OpenAI"], [])):
        s = sets(pred, ref)
        assert (s.precision, s.recall, s.f1, s.jaccard) == (0.0, 0.0, 0.0, 0.0)


def test_partial_overlap_hand_computed():
    # pred {a, b, c}, ref {b, c, d, e}: tp 2, P 2/3, R 1/2, F1 4/7, Jaccard 2/5
    s = sets(["a", "b", "c"], ["b", "c", "d", "e"])
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(1 / 2)
    assert s.f1 == pytest.approx(4 / 7)
    assert s.jaccard == pytest.approx(2 / 5)


def test_no_overlap_is_zero():
    s = sets(["a"], ["b"])
    assert (s.precision, s.recall, s.f1, s.jaccard) == (0.0, 0.0, 0.0, 0.0)


def test_case_whitespace_and_duplicates_are_normalised():
    s = sets(["  OpenAI ", "openai", "NVIDIA"], ["OpenAI", "Nvidia\t"])
    assert (s.precision, s.recall, s.f1, s.jaccard) == (1.0, 1.0, 1.0, 1.0)
    # trimming only: inner whitespace is part of the string
    assert sets(["Google  DeepMind"], ["Google DeepMind"]).f1 == 0.0


def test_exact_match_uses_the_same_normalisation():
    ref = doc(7, "OpenAI ships a model.", ["Fast", "Cheap"], ["OpenAI"])
    assert exact_match(doc(7, "  openai ships a model. ", ["cheap", "FAST", "fast"], [" openai"]), ref)
    assert not exact_match(doc(6, "OpenAI ships a model.", ["Fast", "Cheap"], ["OpenAI"]), ref)
    assert not exact_match(doc(7, "OpenAI ships a model", ["Fast", "Cheap"], ["OpenAI"]), ref)
    assert not exact_match(doc(7, "OpenAI ships a model.", ["Fast"], ["OpenAI"]), ref)


def test_r_squared_and_degenerate_reference():
    # ref 1,2,3 mean 2, SS_tot 2; pred 1,3,3: SS_res 1 -> R^2 0.5
    assert r_squared([1, 3, 3], [1, 2, 3]) == pytest.approx(0.5)
    assert r_squared([4, 4], [4, 4]) == 1.0
    assert r_squared([3, 4], [4, 4]) == 0.0


def test_describe_population_std_and_cv():
    d = describe([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    assert (d["mean"], d["std"], d["min"], d["max"], d["median"]) == (5.0, 2.0, 2.0, 9.0, 4.5)
    assert d["cv"] == pytest.approx(0.4)
    assert describe([0.0, 0.0])["cv"] == 0.0


def test_sponsored_rule_and_detection_scores():
    assert looks_sponsored(doc(1))
    assert looks_sponsored(doc(5, "", ["  Sponsored content", "A database"]))
    assert looks_sponsored(doc(5, "Sponsored Ad"))
    assert not looks_sponsored(doc(5, "Research sponsored by DARPA shows gains.", ["Not sponsored"]))
    # pred flags T,T,F,F ; ref flags T,F,T,F -> tp 1, fp 1, fn 1, tn 1
    r = sponsored_detection([True, True, False, False], [True, False, True, False])
    assert (r["precision"], r["recall"], r["f1"], r["accuracy"]) == (0.5, 0.5, 0.5, 0.5)
    assert (r["true_positives"], r["false_positives"], r["false_negatives"], r["true_negatives"]) == (1, 1, 1, 1)
    # no sponsored item on either side: the set convention gives 1.0
    assert sponsored_detection([False, False], [False, False])["f1"] == 1.0


def test_invalid_json_and_schema_violations_are_invalid():
    assert parse_output("not json") is None
    assert parse_output('{"relevance_score": 11, "summary": "", "key_insights": [], "company_names": []}') is None
    assert parse_output('{"relevance_score": 5, "summary": ""}') is None
    assert parse_output(None) is None
    good = render_completion(doc(5, "x", ["a"], ["B"]))
    assert parse_output(good) == doc(5, "x", ["a"], ["B"])


def references():
    return [
        Reference("a", doc(8, "OpenAI released a new model.", ["New model", "Faster"], ["OpenAI"])),
        Reference("b", doc(1, "An ad for a database.", ["Sponsored content"], ["DBCo"]), True),
        Reference("c", doc(5, "", [], [])),
    ]


def test_score_model_hand_computed_with_invalid_and_missing():
    preds = {
        "a": prediction_from_row({"id": "a", "output": render_completion(doc(7, "x", [" new model "], ["openai"]))}),
        "b": prediction_from_row({"id": "b", "output": "not json"}),
        # "c" is missing: scored as invalid (empty lists, empty summary, relevance 0)
    }
    s = score_model("m", references(), preds)
    m = s.metrics
    assert set(m) == set(METRIC_KEYS)
    assert m["json_validity_rate"] == pytest.approx(1 / 3)
    # key insights: a P1 R.5 F2/3 J.5; b 0; c both empty 1
    assert m["f1_key_insights"] == pytest.approx((2 / 3 + 0 + 1) / 3)
    assert m["precision_key_insights"] == pytest.approx((1 + 0 + 1) / 3)
    assert m["recall_key_insights"] == pytest.approx((0.5 + 0 + 1) / 3)
    assert m["jaccard_key_insights"] == pytest.approx(0.5)
    assert m["f1_company_names"] == pytest.approx(2 / 3)
    assert m["f1_overall"] == pytest.approx(((2 / 3 + 1) / 3 + 2 / 3) / 2)
    assert m["jaccard_overall"] == pytest.approx((0.5 + 2 / 3) / 2)
    assert m["exact_match_rate"] == 0.0
    assert m["relevance_mae"] == pytest.approx((1 + 1 + 5) / 3)
    assert m["relevance_r2"] == pytest.approx(1 - 27 / (74 / 3))  # ref mean 14/3, SS_tot 74/3, SS_res 27
    assert m["sponsored_f1"] == 0.0  # the sponsored item's output was invalid
    assert m["rouge1"] is None and m["bertscore_f1"] is None  # no text scorer given
    assert s.details["n_missing_predictions"] == 1 and s.details["n_valid"] == 1
    assert s.per_item["response_length"][2] == 0.0 and s.per_item["response_length"][1] == len("not json")


def test_perfect_predictions_score_perfectly():
    refs = references()
    preds = {r.id: Prediction(r.id, render_completion(r.doc), r.doc) for r in refs}
    m = score_model("m", refs, preds).metrics
    for key in ("json_validity_rate", "f1_overall", "jaccard_overall", "exact_match_rate", "relevance_r2", "sponsored_f1"):
        assert m[key] == 1.0, key
    assert m["relevance_mae"] == 0.0


def test_field_format_predictions_and_validity_flag():
    row = {"id": "a", **doc(5, "s", ["x", "x"], ["A", "A"])}  # duplicate companies break the schema
    assert not prediction_from_row(row).is_valid
    flagged = prediction_from_row({**row, "is_valid_json": True})
    assert flagged.is_valid and flagged.doc["company_names"] == ["A", "A"]
    assert not prediction_from_row({"id": "a", **doc(5), "is_valid_json": False}).is_valid
    with pytest.raises(ValueError, match="relevance_score"):
        prediction_from_row({"id": "a", **doc(5), "relevance_score": "5", "is_valid_json": True}, strict=True)
    with pytest.raises(ValueError, match="relevance_score"):  # not a number even when read leniently
        prediction_from_row({"id": "a", **doc(5), "relevance_score": "five", "is_valid_json": True})
    with pytest.raises(ValueError, match="summary"):
        prediction_from_row({"id": "a", "relevance_score": 5})


def test_repair_is_opt_in():
    raw = '{"relevance_score": 5, "summary": " s ", "key_insights": ["a", "a "], "company_names": ["X", "X"]}'
    assert parse_output(raw) is None  # repeated company names break uniqueItems
    assert parse_output(raw, repair=True) == doc(5, "s", ["a"], ["X"])
    ref = [Reference("a", doc(5, "s", ["a"], ["X"]))]
    strict = score_model("m", ref, {"a": prediction_from_row({"id": "a", "output": raw})})
    repaired = score_model("m", ref, {"a": prediction_from_row({"id": "a", "output": raw}, repair=True)})
    assert strict.metrics["json_validity_rate"] == 0.0 and strict.details["n_valid_after_repair"] == 1
    assert repaired.metrics["exact_match_rate"] == 1.0


def test_relevance_by_rule_from_recorded_score_distributions():
    """Predictions that carry score_probs are scored under each rule; the others are left out."""
    # item a: greedy says 1 (first digit 1 most likely), median 8; reference 8
    bimodal = [0.4, 0, 0, 0, 0, 0, 0, 0.3, 0.3, 0]
    rows = [
        {"id": "a", "output": render_completion(doc(1)), "score_probs": bimodal},
        {"id": "b", "output": render_completion(doc(5)), "score_probs": [0, 0, 0, 0, 1.0, 0, 0, 0, 0, 0]},
        {"id": "c", "output": render_completion(doc(5)), "score_probs": "not a distribution"},
    ]
    preds = {r["id"]: prediction_from_row(r) for r in rows}
    assert preds["c"].score_probs is None
    refs = [Reference("a", doc(8)), Reference("b", doc(5)), Reference("c", doc(5))]
    by_rule = score_model("m", refs, preds).details["relevance_by_rule"]
    assert by_rule["n_items"] == 2
    assert by_rule["greedy"]["mae"] == pytest.approx(3.5) and by_rule["median"]["mae"] == 0.0
    assert by_rule["mean"]["mae"] == pytest.approx(abs(round(0.4 + 8 * 0.3 + 9 * 0.3) - 8) / 2)
    assert set(by_rule["median"]["vs_greedy"]) == {"ttest_p", "wilcoxon_p"}
    no_probs = {k: prediction_from_row({"id": k, "output": render_completion(doc(5))}) for k in "abc"}
    assert "relevance_by_rule" not in score_model("m", refs, no_probs).details
