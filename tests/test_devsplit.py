"""The dev split of the seed data and the import -> train -> export -> eval pipeline on it
(evaluation/devsplit.py). Everything is written under tmp_path; the seed rows never enter the
repository, and the tests that need them skip when ../shared/seed_data is absent."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from evaluation.devsplit import (
    ROOT,
    DevSplitConfig,
    checked_workdir,
    compare,
    export_manifest,
    model_spec,
    prepare,
    results_table,
    run_pipeline,
    train_argv,
)
from news_core.contract import FIELDS
from news_core.errors import ConfigError

SEED = Path(__file__).resolve().parents[2] / "shared/seed_data/news_train_data.jsonl"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"seed data not found at {SEED}")


def config(tmp_path, **values) -> DevSplitConfig:
    return DevSplitConfig.load(None, {"source": str(SEED), "workdir": str(tmp_path / "work"), **values})


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def repo_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True,
                          text=True).stdout


@needs_seed
def test_the_dev_split_is_the_newest_fifth_by_date_and_loses_no_row(tmp_path):
    manifest = prepare(config(tmp_path))
    data = tmp_path / "work" / "data"
    every, train, dev = (read_jsonl(data / f"{n}.jsonl") for n in ("all", "train", "dev"))
    assert (len(every), len(train), len(dev)) == (364, 291, 73)  # 364 * 0.2 = 72.8 -> 73
    assert sorted(r["id"] for r in train + dev) == sorted(r["id"] for r in every)
    assert all(r["published"] for r in every)  # every seed row is dated: the split is by date, not file order
    assert max((r["published"], r["id"]) for r in train) < min((r["published"], r["id"]) for r in dev)
    assert [r["id"] for r in read_jsonl(data / "dev_refs.jsonl")] == [r["id"] for r in dev]
    assert manifest["order"].startswith("published date") and manifest["train"]["rows"] == 291
    assert manifest["dev"]["last_date"] == max(r["published"] for r in dev)
    assert json.loads((data / "split.json").read_text())["source_sha256"] == manifest["source_sha256"]
    stamp = (data / "dev.jsonl").stat().st_mtime_ns
    assert prepare(config(tmp_path)) == manifest and (data / "dev.jsonl").stat().st_mtime_ns == stamp  # no redo
    with pytest.raises(ConfigError, match="another source or fraction"):
        prepare(config(tmp_path, dev_fraction=0.3))


def test_rows_without_dates_are_split_in_file_order(tmp_path):
    """No row has a date: the last fifth of the file is the dev split (ids here run against file order)."""
    source = tmp_path / "undated.jsonl"
    answer = {"relevance_score": 5, "summary": "", "key_insights": ["AI"], "company_names": []}
    rows = [{"messages": [{"role": "user", "content": f"Title: Item {n}\nContent: Text of item {n}."},
                          {"role": "assistant", "content": json.dumps(answer)}], "metadata": {"item_id": f"id-{9 - n}"}}
            for n in range(5)]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    manifest = prepare(config(tmp_path, source=str(source)))
    data = tmp_path / "work" / "data"
    assert [r["id"] for r in read_jsonl(data / "train.jsonl")] == ["id-9", "id-8", "id-7", "id-6"]
    assert [r["id"] for r in read_jsonl(data / "dev.jsonl")] == ["id-5"]
    assert manifest["order"] == "file order (no row has a date)" and manifest["dev"]["undated"] == 1


def test_a_lever_file_that_is_not_there_is_named(tmp_path):
    with pytest.raises(ConfigError, match="server_config .* is not a file"):
        config(tmp_path, server_config=str(tmp_path / "median.toml"))


def test_a_workdir_inside_the_repository_is_refused(tmp_path):
    for inside in (ROOT, ROOT / "runs" / "devsplit"):
        with pytest.raises(ConfigError, match="inside the repository"):
            checked_workdir(inside)
    assert checked_workdir(tmp_path) == tmp_path


def test_a_missing_source_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="no source file"):
        prepare(config(tmp_path, source=str(tmp_path / "nothing.jsonl")))


@needs_seed
@pytest.mark.slow
@pytest.mark.model
def test_the_pipeline_runs_end_to_end_on_a_tiny_budget(tmp_path):
    """Eight real rows (the shortest), one optimizer step of batch 1 on the real bundled base, the
    LoRA export, an eval of the 2 dev items with short answers, then the paired comparison with a
    second run and the results table. Nothing is written into the repository."""
    before = repo_status()
    rows = sorted(SEED.read_text(encoding="utf-8").splitlines(), key=len)[:8]
    source = tmp_path / "seed-subset.jsonl"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    server = tmp_path / "server.toml"
    server.write_text("max_tokens = 24\nn_threads = 1\n", encoding="utf-8")
    tiny = dict(source=str(source), max_steps=1, batch_size=1, threads=1, server_config=str(server),
                bertscore=False, soft_match=False)

    record = run_pipeline(config(tmp_path, **tiny), "tiny")
    work = tmp_path / "work"
    assert [c["command"].split()[1] for c in record["commands"]] == ["train", "export", "eval"]
    assert record["training"]["steps"] == 1 and record["n_items"] == 2
    assert set(record["metrics"]) >= {"json_validity_rate", "f1_overall", "relevance_mae"}
    assert "relevance_by_rule" in record  # None here: no answer of 24 tokens reaches the score
    assert (work / "runs/tiny/export/news-enhancer-lora.gguf").stat().st_size > 1_000_000
    assert json.loads((work / "runs/tiny/run.json").read_text())["metrics"] == record["metrics"]
    with pytest.raises(ConfigError, match="other settings"):
        run_pipeline(config(tmp_path, **{**tiny, "max_steps": 2}), "tiny")

    fake_run(work, "perfect", read_jsonl(work / "data/dev_refs.jsonl"))  # a run that answered the references
    out = compare(config(tmp_path, **tiny), ["tiny", "perfect"])
    statistics = json.loads((out / "statistics.json").read_text())
    assert "tiny_vs_perfect" in statistics
    assert json.loads((out / "metrics.json").read_text())["perfect"]["f1_overall"] == 1.0
    table = results_table(work).splitlines()
    assert len(table) == 4 and table[3].startswith("| tiny | trained here | 2 |")
    assert repo_status() == before


def fake_run(work: Path, name: str, answers: list[dict]) -> None:
    """A run folder as run_pipeline leaves it, with the given answers as predictions (no model)."""
    folder = work / "runs" / name
    rows = [{"id": a["id"], "output": json.dumps({k: a[k] for k in FIELDS})} for a in answers]
    (folder / "eval" / "predictions").mkdir(parents=True)
    (folder / "eval" / "predictions" / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    record = {"name": name, "settings": {"adapter_from": "shipped"}, "n_items": len(rows),
              "metrics": {"json_validity_rate": 1.0, "f1_overall": 0.5, "soft_f1_key_insights": None}}
    (folder / "run.json").write_text(json.dumps(record))


def test_the_adapter_of_a_run_is_trained_reused_shipped_or_none(tmp_path):
    work = tmp_path / "work"
    spec = {source: model_spec(config(tmp_path, adapter_from=source), "x", work, work / "runs/x", [])
            for source in ("shipped", "none")}
    assert spec == {"shipped": "x=default", "none": "x=baseline"}
    with pytest.raises(ConfigError, match="run `run other` first"):
        model_spec(config(tmp_path, adapter_from="other"), "x", work, work / "runs/x", [])
    lora = work / "runs/other/export/news-enhancer-lora.gguf"
    lora.parent.mkdir(parents=True)
    lora.write_bytes(b"GGUF")
    assert model_spec(config(tmp_path, adapter_from="other"), "x", work, work / "runs/x", []) == f"x=lora:{lora}"
    assert export_manifest(f"x=lora:{lora}") is None and export_manifest("x=default") is None
    (lora.parent / "manifest.json").write_text('{"adapter": {"sha256": "abc"}}')
    assert export_manifest(f"x=lora:{lora}") == {"adapter": {"sha256": "abc"}}
    folder = work / "runs/x"  # a rerun finds its adapter and export: neither step runs again
    for done in ("adapter/adapter_model.safetensors", "export/news-enhancer-lora.gguf"):
        (folder / done).parent.mkdir(parents=True, exist_ok=True)
        (folder / done).write_bytes(b"")
    log = []
    assert model_spec(config(tmp_path), "x", work, folder, log) == f"x=lora:{folder / 'export/news-enhancer-lora.gguf'}"
    assert log == []
    with pytest.raises(ConfigError, match="run name"):
        model_spec(config(tmp_path, adapter_from="../elsewhere"), "x", work, work / "runs/x", [])


def test_an_interrupted_training_resumes_from_its_checkpoint(tmp_path):
    out = tmp_path / "adapter"
    argv = train_argv(config(tmp_path, epochs=2, threads=1), tmp_path / "train.jsonl", out)
    assert argv == ["train", "--data", str(tmp_path / "train.jsonl"), "--output-dir", str(out), "--epochs", "2.0",
                    "--threads", "1"]
    (out / "checkpoint-40").mkdir(parents=True)
    assert train_argv(config(tmp_path), tmp_path / "train.jsonl", out)[-1] == "--resume"


def test_the_table_has_a_row_per_finished_run(tmp_path):
    work = tmp_path / "work"
    fake_run(work, "b-run", [])
    fake_run(work, "a-run", [])
    (work / "runs" / "unfinished").mkdir()
    (work / "runs" / "unfinished" / "run.json").write_text(json.dumps({"name": "unfinished", "settings": {}}))
    table = results_table(work).splitlines()
    assert [row.split(" | ")[0] for row in table[2:]] == ["| a-run", "| b-run"]
    assert table[2].startswith("| a-run | shipped | 0 | 1.000 | 0.500 |") and "n/a" in table[2]
