"""The outside yardstick (evaluation/yardstick.py): skips cleanly without the reader's rows, measures
what it says on hand-made eval folders, and runs the shipped model on a few rows when they exist.
Everything is written under tmp_path; the rows never enter the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.yardstick import main, measure, table
from news_core.cli import main as cli

SEED = Path(__file__).resolve().parents[2] / "shared/seed_data/news_train_data.jsonl"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"seed data not found at {SEED}")


def test_without_the_source_every_action_skips_cleanly(tmp_path, capsys):
    missing = tmp_path / "absent.jsonl"
    for argv in (["run", "x"], ["table"], ["compare", "a", "b"]):
        assert main([*argv[:1], "--source", str(missing), "--workdir", str(tmp_path / "w"), *argv[1:]]) == 0
        assert "skipped: no source file" in capsys.readouterr().err
    assert not (tmp_path / "w").exists()


def test_a_workdir_inside_the_repository_is_refused(tmp_path, capsys):
    source = tmp_path / "rows.jsonl"
    source.write_text("{}\n")
    inside = Path(__file__).resolve().parents[1] / "yardstick-work"
    assert main(["run", "x", "--source", str(source), "--workdir", str(inside)]) == 2
    assert "inside the repository" in capsys.readouterr().err and not inside.exists()


def _record(k: int, score: int, sponsored=False) -> dict:
    return {"id": f"2025-01-0{k}-item-{k}", "title": f"Item {k} raises $12M" + (" (Sponsor)" if sponsored else ""),
            "content": f"Text of item {k} with 40 words.", "source": "TLDR", "published": f"2025-01-0{k}",
            "url": "", "sponsored": sponsored,
            "annotation": {"relevance_score": score, "summary": "", "key_insights": ["tag"],
                           "company_names": ["Acme"] if k % 2 else []}}


def test_measure_reports_order_errors_sponsors_companies_and_invented_numbers(tmp_path):
    records = [_record(1, 9), _record(2, 2), _record(3, 1, sponsored=True), _record(4, 7)]
    items = tmp_path / "items.jsonl"
    items.write_text("".join(json.dumps(r) + "\n" for r in records))
    answers = {1: (8, "Raised $12M and 40 more", ["Acme"]), 2: (3, "Up 75% on 9 servers", []),
               3: (1, "An ad", []), 4: (6, "Nothing numeric", ["Acme"])}
    preds = tmp_path / "preds.jsonl"
    preds.write_text("".join(json.dumps({"id": f"2025-01-0{k}-item-{k}", "output": json.dumps(
        {"summary": s, "key_insights": [], "company_names": c, "relevance_score": r})}) + "\n"
        for k, (r, s, c) in answers.items()))
    assert cli(["eval", "refs", "--split", str(items), "--out", str(tmp_path / "refs.jsonl")]) == 0
    folder = tmp_path / "runs" / "m"
    assert cli(["eval", "score", "--references", str(tmp_path / "refs.jsonl"), "--predictions", f"m={preds}",
                "--no-bertscore", "--no-soft-match", "--out", str(folder)]) == 0
    result = measure(items, folder, "m")
    assert result["spearman"] == pytest.approx(1.0) and result["relevance_mae"] == pytest.approx(0.75)
    assert result["sponsor_recall"] == 1.0 and result["f1_company_names"] == pytest.approx(0.5)
    assert (result["numbers"], result["invented"]) == (4, 2)  # 12 and 40 are in the text, 75 and 9 are not
    assert result["invented_examples"][0]["numbers"] == ["75", "9"]
    (folder / "yardstick.json").write_text(json.dumps({**result, "settings": {"model": "lora:x.gguf"}}))
    assert "| m | lora:x.gguf | 4 | 1.000 | 1.000 | 0.750 |" in table(tmp_path) and "2/4 (50.0%)" in table(tmp_path)


@needs_seed
@pytest.mark.slow
@pytest.mark.model
def test_the_shipped_model_on_three_reader_rows(tmp_path):
    """The real path: import the reader's rows, run the shipped model on three, measure."""
    assert main(["run", "shipped", "--source", str(SEED), "--workdir", str(tmp_path), "--limit", "3"]) == 0
    result = json.loads((tmp_path / "runs" / "shipped" / "yardstick.json").read_text())
    assert result["n_items"] == 3 and result["json_validity_rate"] == 1.0
    assert set(result) >= {"spearman", "relevance_mae", "relevance_r2", "sponsor_recall", "f1_company_names",
                           "invented_numbers"}
