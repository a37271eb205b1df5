"""The relevance head (news_core/relevance_head.py): its featuriser, ridge and calibration equal
scikit-learn's; the shipped head matches the shipped train split and ranks items a real reader
annotated (../shared/seed_data, skipped when absent); training writes one beside the adapter and
the data CLI fits one; bad files are refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from news_core.errors import ConfigError
from news_core.prompt import render_prompt, title_and_content
from news_core.relevance_head import (FILE, RelevanceHead, cross_validate, data_sha256, fit, fit_examples, isotonic,
                                      matrix, ridge, terms, vocabulary)
from training_data import default_split

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "news_core" / "assets" / FILE
SEED = ROOT.parent / "shared" / "seed_data" / "news_train_data.jsonl"


@pytest.fixture(scope="module")
def split():
    return default_split()


def texts_and_scores(records):
    return ([title_and_content(record.example()[0]) for record in records],
            [record.annotation.relevance_score for record in records])


def test_features_equal_scikit_learns_tfidf(split):
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    texts, _ = texts_and_scores(split[0][:300])
    reference = sklearn_text.TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    expected = reference.fit_transform(texts).toarray()
    counts = [terms(t) for t in texts]
    index, idf = vocabulary(counts, 2)
    assert sorted(index) == sorted(reference.vocabulary_)
    ours = matrix(counts, index, idf)[:, [index[t] for t in reference.get_feature_names_out()]]
    np.testing.assert_allclose(ours, expected, atol=1e-12)


def test_ridge_and_calibration_equal_scikit_learns(split):
    linear = pytest.importorskip("sklearn.linear_model")
    isotonic_module = pytest.importorskip("sklearn.isotonic")
    texts, scores = texts_and_scores(split[0][:200])
    counts = [terms(t) for t in texts]
    x, y = matrix(counts, *vocabulary(counts, 2)), np.array(scores, dtype=float)
    weights, bias = ridge(x, y, 0.3)
    reference = linear.Ridge(alpha=0.3).fit(x, y)
    np.testing.assert_allclose(x @ weights + bias, reference.predict(x), atol=1e-8)
    raw = np.random.default_rng(1).normal(5, 2, 300)
    target = np.clip(np.round(raw + np.random.default_rng(2).normal(0, 2, 300)), 1, 10)
    cal_x, cal_y = isotonic(raw, target, loss="l2")
    iso = isotonic_module.IsotonicRegression(y_min=1, y_max=10, out_of_bounds="clip").fit(raw, target)
    probe = np.linspace(raw.min() - 1, raw.max() + 1, 500)
    np.testing.assert_allclose(np.interp(probe, cal_x, cal_y), iso.predict(probe), atol=1e-9)


def test_the_median_calibration_has_the_least_absolute_error_of_any_increasing_fit():
    """The served calibration (loss "l1") against the exact optimum: over points sorted by x, an
    increasing fit of integer scores has an optimal solution among the scores 1..10, found by
    dynamic programming; the step fit must reach the same total absolute error, and be increasing."""
    rng = np.random.default_rng(3)
    for n in (7, 40, 300):
        raw = rng.normal(5, 2, n)
        target = np.clip(np.round(raw + rng.normal(0, 2.5, n)), 1, 10)
        cal_x, cal_y = isotonic(raw, target)
        fitted = np.interp(raw, cal_x, cal_y)
        assert np.all(np.diff(fitted[np.argsort(raw)]) >= 0)
        ordered = target[np.argsort(raw)]
        levels = np.arange(1, 11)
        best = np.abs(ordered[0] - levels)
        for score in ordered[1:]:
            best = np.minimum.accumulate(best) + np.abs(score - levels)
        assert np.abs(fitted - target).sum() == pytest.approx(best.min(), abs=1e-9)
        squares = np.interp(raw, *isotonic(raw, target, loss="l2"))
        assert np.abs(fitted - target).sum() <= np.abs(squares - target).sum() + 1e-9


def test_cross_validation_on_the_gram_matrix_equals_fitting_each_fold(split):
    from news_core.relevance_head import folds

    texts, scores = texts_and_scores(split[0][:60])
    counts = [terms(t) for t in texts]
    x, y = matrix(counts, *vocabulary(counts, 2)), np.array(scores, dtype=float)
    result = cross_validate(x, y, alphas=(1.0,))
    for held in folds(len(y)):
        train = np.setdiff1d(np.arange(len(y)), held)
        weights, bias = ridge(x[train], y[train], 1.0)
        np.testing.assert_allclose(result["out_of_fold"][1.0][held], x[held] @ weights + bias, atol=1e-9)


def test_the_shipped_head_was_fitted_on_the_shipped_train_split(split):
    head = RelevanceHead.load(SHIPPED)
    texts, scores = texts_and_scores(split[0])
    assert head.meta["fitted_on"]["sha256"] == data_sha256(texts, scores), (
        "the train split changed: refit with `news-enhancer data relevance-head --out news_core/assets/relevance_head.json`")


def test_the_shipped_head_scores_the_test_split_it_never_saw(split):
    from scipy.stats import spearmanr

    head = RelevanceHead.load(SHIPPED)
    texts, scores = texts_and_scores(split[1])
    predicted = [head.score(t) for t in texts]
    assert np.mean(np.abs(np.array(predicted) - scores)) <= 1.0  # 0.81 when fitted
    assert spearmanr(predicted, scores).statistic >= 0.8  # 0.88


@pytest.mark.skipif(not SEED.is_file(), reason="the seed rows (../shared/seed_data) are not beside this checkout")
def test_the_shipped_head_ranks_items_a_real_reader_annotated(tmp_path):
    """The outside yardstick's rows, written and scored by someone who never saw the training data."""
    from scipy.stats import spearmanr

    from training_data.importer import import_v2

    records = import_v2(str(SEED), strict=False).records
    assert len(records) >= 300
    head = RelevanceHead.load(SHIPPED)
    texts, scores = texts_and_scores(records)
    values = [head.value(t) for t in texts]
    assert spearmanr(values, scores).statistic >= 0.6  # 0.68 when fitted (the probe: 0.35)
    mae = np.mean(np.abs(np.array([head.score(t) for t in texts]) - np.array(scores)))
    assert mae <= 2.0  # 1.98 when fitted (2.06 with the calibration at the steps' means); served: 1.97
    by_band = {band: np.mean([v for v, s in zip(values, scores) if lo <= s <= hi])
               for band, (lo, hi) in {"low": (1, 3), "high": (9, 10)}.items()}
    assert by_band["high"] - by_band["low"] >= 3.0  # 8.0 against 3.1 when fitted


def test_a_head_reads_the_prompt_text_training_and_serving_share(split):
    record = split[0][0]
    assert title_and_content(render_prompt(record.item())) == title_and_content(record.example()[0])
    assert title_and_content(render_prompt(record.item())) == f"{record.title}\n{record.content.strip()}"


def test_a_head_round_trips_and_refuses_bad_files_by_name(tmp_path, split):
    texts, scores = texts_and_scores(split[0][:40])
    head = fit(texts, scores)
    path = head.save(tmp_path / FILE)
    again = RelevanceHead.load(path)
    assert [again.score(t) for t in texts] == [head.score(t) for t in texts]
    doc = json.loads(path.read_text())
    for broken, message in ((dict(doc, kind="ridge"), "not a relevance head"),
                            (dict(doc, weights=doc["weights"][:-1]), "one length"),
                            ({k: v for k, v in doc.items() if k != "idf"}, "idf")):
        path.write_text(json.dumps(broken))
        with pytest.raises(ConfigError, match=message):
            RelevanceHead.load(path)
    with pytest.raises(ConfigError, match="at least 10 scored items"):
        fit(texts[:6], scores[:6])


def test_training_writes_a_head_beside_the_adapter(tmp_path, split):
    from finetune.train import write_relevance_head

    examples = [record.example() for record in split[0][:30]]
    path = write_relevance_head(examples, tmp_path)
    assert path == tmp_path / FILE
    assert RelevanceHead.load(path).meta["fitted_on"]["sha256"] == fit_examples(examples).meta["fitted_on"]["sha256"]
    assert write_relevance_head(examples[:5], tmp_path / "few") is None  # too few to fit: none, and said


def test_the_data_command_fits_a_head_on_the_train_part_only(tmp_path, capsys, split):
    from news_core.cli import main
    from training_data.load import write_jsonl

    data = tmp_path / "records.jsonl"
    write_jsonl(split[0][:50], data)
    assert main(["data", "relevance-head", "--data", str(data), "--out", str(tmp_path / FILE)]) == 0
    head = RelevanceHead.load(tmp_path / FILE)
    assert head.meta["fitted_on"]["items"] == 40  # 50 records, the newest 20% held out
    assert "cross-validated MAE" in capsys.readouterr().out
