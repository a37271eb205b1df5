"""`news-enhancer eval` end to end: score files made elsewhere, generate with a fake backend, refs."""

from __future__ import annotations

import json
import logging

import pytest

pytest.importorskip("rouge_score")
pytest.importorskip("matplotlib")
pytest.importorskip("scipy")

from test_eval_fakes import FakeBackend, FakeRecord, doc, write_jsonl  # noqa: E402

import evaluation.cli as eval_cli  # noqa: E402
import evaluation.models as eval_models  # noqa: E402
import mcp_server.backends as backends  # noqa: E402
from evaluation.metrics import METRIC_KEYS  # noqa: E402
from evaluation.models import parse_models  # noqa: E402
from news_core.cli import main  # noqa: E402
from news_core.errors import ConfigError  # noqa: E402
from news_core.prompt import render_completion  # noqa: E402

REFS = [
    {"id": "a", **doc(8, "OpenAI released a new model.", ["New model", "Faster"], ["OpenAI"])},
    {"id": "b", **doc(1, "An ad for a database.", ["Sponsored content"], ["DBCo"]), "is_sponsored": True},
    {"id": "c", **doc(5, "", [], [])},
]


def files(tmp_path):
    refs = write_jsonl(tmp_path / "refs.jsonl", REFS)
    raw = write_jsonl(tmp_path / "raw.jsonl", [
        {"id": "a", "output": render_completion(doc(7, "OpenAI launched a model.", [" new model "], ["openai"]))},
        {"id": "b", "output": "Sure! Here is the JSON: {"},
    ])
    perfect = write_jsonl(tmp_path / "perfect.jsonl", [{k: v for k, v in r.items() if k != "is_sponsored"} for r in REFS])
    return refs, raw, perfect


def test_eval_score_end_to_end(tmp_path, capsys):
    refs, raw, perfect = files(tmp_path)
    out = tmp_path / "out"
    code = main(["eval", "score", "--references", str(refs), "--predictions", f"raw={raw}",
                 "--predictions", f"perfect={perfect}", "--out", str(out), "--no-bertscore", "--no-soft-match"])
    assert code == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert list(metrics) == ["raw", "perfect"]
    assert all(list(m) == list(METRIC_KEYS) for m in metrics.values())
    raw_m, perfect_m = metrics["raw"], metrics["perfect"]
    assert raw_m["json_validity_rate"] == pytest.approx(1 / 3)  # b invalid, c missing
    assert raw_m["f1_key_insights"] == pytest.approx((2 / 3 + 0 + 1) / 3)
    assert raw_m["f1_company_names"] == pytest.approx(2 / 3)
    assert raw_m["relevance_mae"] == pytest.approx(7 / 3)
    assert raw_m["rouge1"] == pytest.approx((2 / 3 + 0 + 1) / 3)
    assert raw_m["sponsored_f1"] == 0.0 and raw_m["bertscore_f1"] is None
    assert perfect_m["exact_match_rate"] == 1.0 and perfect_m["relevance_r2"] == 1.0
    stats = json.loads((out / "statistics.json").read_text())
    assert list(stats) == ["raw_vs_perfect"]
    f1 = stats["raw_vs_perfect"]["metrics"]["f1_overall"]
    assert f1["mean_difference"] == pytest.approx(1.0 - raw_m["f1_overall"])
    assert len(list((out / "plots").glob("*.png"))) == 13
    report = (out / "report.md").read_text()
    assert "| raw |" in report and "](plots/forest_plot.png)" in report and "BERTScore model: not computed" in report
    assert (out / "predictions" / "raw.jsonl").read_text() == raw.read_text()
    assert len((out / "scores" / "raw.jsonl").read_text().splitlines()) == 3
    assert "| perfect | 1.0000 |" in capsys.readouterr().out


def test_eval_score_reports_bad_lines(tmp_path, capsys):
    refs, raw, _ = files(tmp_path)
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "a", **doc(11)}, {"summary": "no id"}])
    assert main(["eval", "score", "--references", str(bad), "--predictions", f"x={raw}", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:1: relevance_score" in err and "bad.jsonl:2: id" in err
    assert main(["eval", "score", "--references", str(refs), "--predictions", str(raw), "--out", str(tmp_path / "o")]) == 2
    assert "NAME=PREDS.jsonl" in capsys.readouterr().err


def test_eval_score_reads_other_tools_files_and_strict_refuses_them(tmp_path, caplog, capsys):
    refs = write_jsonl(tmp_path / "refs.jsonl", REFS)
    preds = tmp_path / "messy.jsonl"
    preds.write_text("\n".join([
        json.dumps({**REFS[0], "relevance_score": 8.0, "is_valid_json": True}),  # the study writes 9.0 for 9
        json.dumps({**{k: v for k, v in REFS[1].items() if k != "is_sponsored"}, "relevance_score": "1"}),
        '{"id": "c", "output": "{\\"relevance_score\\": 5, \\"summ',  # cut off
    ]) + "\n", encoding="utf-8")
    args = ["eval", "score", "--references", str(refs), "--predictions", f"m={preds}", "--no-bertscore",
            "--no-soft-match"]
    with caplog.at_level(logging.WARNING):
        assert main([*args, "--out", str(tmp_path / "o")]) == 0
    m = json.loads((tmp_path / "o" / "metrics.json").read_text())["m"]
    assert m["json_validity_rate"] == pytest.approx(2 / 3) and m["relevance_mae"] == pytest.approx(5 / 3)
    assert m["exact_match_rate"] == pytest.approx(2 / 3)  # a (8.0 is 8) and b ("1" read as 1) match exactly
    warned = "\n".join(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert "1 bad line(s)" in warned and "line 3: not valid JSON" in warned and "line 2: relevance_score" in warned
    assert main([*args, "--out", str(tmp_path / "s"), "--strict"]) == 2
    assert "messy.jsonl:3: not valid JSON" in capsys.readouterr().err


def test_model_specs(tmp_path):
    lora = tmp_path / "adapter.gguf"
    lora.write_bytes(b"GGUF")
    peft_dir = tmp_path / "run1"
    peft_dir.mkdir()
    specs = parse_models(f"baseline,default,lora:{lora},{lora},{peft_dir},mine=peft:{peft_dir}")
    got = [(s.name, s.config.backend, s.config.model, s.config.adapter) for s in specs]
    assert got == [
        ("baseline", "gguf", "bundled", "none"),
        ("default", "gguf", "bundled", "default"),
        ("lora-adapter", "gguf", "bundled", str(lora)),
        ("gguf-adapter", "gguf", str(lora), "none"),
        ("peft-run1", "peft", "bundled", str(peft_dir)),
        ("mine", "peft", "bundled", str(peft_dir)),
    ]
    with pytest.raises(ConfigError, match="does not exist"):
        parse_models("baseline,/nope/model.gguf")
    with pytest.raises(ConfigError, match="twice"):
        parse_models("baseline,baseline")


def test_missing_backend_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(backends, "REGISTRY", {"gguf": "mcp_server.backends.gguf:GGUFBackend"})
    (peft_dir := tmp_path / "adapter").mkdir()
    spec = parse_models(str(peft_dir))[0]
    with pytest.raises(ConfigError, match="'peft' backend"):
        eval_models.check_backend_available(spec)


RECORDS = [FakeRecord(f"r{k}", f"Item {k}", doc(1 + k % 10, f"Summary {k}.", [f"insight {k}"], [f"Co{k % 3}"]), k % 10 == 0)
           for k in range(16)]


@pytest.mark.slow  # a few seconds of CPU: out of make test-fast
def test_eval_generates_and_scores_three_models(tmp_path, monkeypatch):
    lora = tmp_path / "ft.gguf"
    lora.write_bytes(b"GGUF")
    loaded = []

    def fake_load(config):
        good = config.adapter != "none"
        answers = {r.title: (r.doc if good or k % 2 else doc(5)) for k, r in enumerate(RECORDS)}
        backend = FakeBackend(answers, fail=set() if good else {"Item 3"})
        loaded.append((config.adapter, backend))
        return backend

    monkeypatch.setattr(backends, "load_backend", fake_load)
    monkeypatch.setattr(eval_models, "check_backend_available", lambda spec: None)
    monkeypatch.setattr(eval_cli, "load_split", lambda split: list(RECORDS))
    out = tmp_path / "out"
    args = ["eval", "--models", f"baseline,default,ft=lora:{lora}", "--split", "test", "--out", str(out), "--no-bertscore",
            "--no-soft-match"]
    assert main(args) == 0
    assert [a for a, _ in loaded] == ["none", "default", str(lora)] and all(b.closed for _, b in loaded)
    metrics = json.loads((out / "metrics.json").read_text())
    assert list(metrics) == ["baseline", "default", "ft"]
    assert metrics["default"]["exact_match_rate"] == 1.0
    assert metrics["baseline"]["json_validity_rate"] == pytest.approx(15 / 16)
    assert set(json.loads((out / "statistics.json").read_text())) == {"baseline_vs_default", "baseline_vs_ft", "default_vs_ft"}
    assert len((out / "references.jsonl").read_text().splitlines()) == 16
    assert len(list((out / "plots").glob("*.png"))) == 13
    # a rerun resumes: nothing left to generate, same metrics
    loaded.clear()
    assert main(args) == 0
    assert all(b.calls == [] for _, b in loaded)
    assert json.loads((out / "metrics.json").read_text()) == metrics


def test_eval_refs_from_a_records_file(tmp_path, capsys):
    pytest.importorskip("training_data")
    rows = [{"id": "2025-01-02-x", "title": "X ships", "content": "X shipped a thing.", "source": "TLDR AI",
             "published": "2025-01-02", "url": "", "sponsored": False, "annotation": doc(6, "X shipped.", ["Shipped"], ["X"])}]
    data = write_jsonl(tmp_path / "records.jsonl", rows)
    out = tmp_path / "refs.jsonl"
    assert main(["eval", "refs", "--split", str(data), "--out", str(out)]) == 0
    assert [json.loads(line) for line in out.read_text().splitlines()] == [
        {"id": "2025-01-02-x", **doc(6, "X shipped.", ["Shipped"], ["X"]), "is_sponsored": False}]


def test_default_without_the_shipped_adapter_is_refused(monkeypatch, tmp_path):
    from news_core import bundled

    monkeypatch.setattr(bundled, "DEFAULT_GGUF_ADAPTER", tmp_path / "missing.gguf")
    with pytest.raises(ConfigError, match="shipped adapter"):
        eval_models.check_backend_available(parse_models("default")[0])
    eval_models.check_backend_available(parse_models("baseline")[0])  # the base model needs no adapter


def test_config_toml_then_flags(tmp_path):
    from evaluation.config import load_eval_config

    toml = tmp_path / "eval.toml"
    toml.write_text('[eval]\nmodels = ["baseline", "default"]\nlimit = 10\nbertscore = false\n')
    config = load_eval_config(toml, {"limit": 3, "alpha": None})
    assert (config.models, config.limit, config.bertscore, config.alpha) == ("baseline,default", 3, False, 0.05)
    with pytest.raises(ConfigError, match="unknown eval setting"):
        load_eval_config(None, {"bert": True})
    with pytest.raises(ConfigError, match="alpha"):
        load_eval_config(None, {"alpha": 2.0})
    with pytest.raises(ConfigError, match="does not exist"):
        load_eval_config(tmp_path / "none.toml")
