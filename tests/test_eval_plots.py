"""Every plot is written as a non-empty PNG, for one model and for several."""

from __future__ import annotations

import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("scipy")

from test_eval_fakes import doc  # noqa: E402

from evaluation import plots  # noqa: E402
from evaluation.inputs import Prediction, Reference  # noqa: E402
from evaluation.metrics import score_model  # noqa: E402
from evaluation.stats import compare  # noqa: E402
from evaluation.text_metrics import TextScorer  # noqa: E402
from news_core.prompt import render_completion  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"
REFS = [Reference(f"r{k}", doc(1 + k % 10, f"Company {k} did thing {k}.", [f"i{k}", "x"], [f"C{k}"]), k % 7 == 0)
        for k in range(16)]


def model(name, shift):
    preds = {}
    for k, r in enumerate(REFS):
        if (k + shift) % 4 == 0:
            preds[r.id] = Prediction(r.id, "garbage " * k, None)
        else:
            d = doc(max(1, min(10, r.doc["relevance_score"] + shift - 1)), r.doc["summary"] if shift else "", ["x"], r.doc["company_names"])
            preds[r.id] = Prediction(r.id, render_completion(d), d)
    return score_model(name, REFS, preds, TextScorer(bertscore=False))


@pytest.mark.parametrize("n_models", [1, 3])
def test_every_plot_is_a_non_empty_png(tmp_path, n_models):
    models = [model(f"m{k}", k) for k in range(n_models)]
    stats = compare(models)
    written = plots.write_all(models, stats, tmp_path)
    assert len(written) == 13 == len(plots.PLOTS)
    for name, path in written.items():
        data = path.read_bytes()
        assert path.name == f"{name}.png" and data.startswith(PNG) and len(data) > 2000, name


def test_violin_copes_with_constant_series(tmp_path):
    constant = score_model("flat", REFS, {}, TextScorer(bertscore=False))  # every item missing: lengths all 0
    path = plots.response_length_violin([constant, model("m", 1)], tmp_path / "v.png")
    assert path.read_bytes().startswith(PNG)
