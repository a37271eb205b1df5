"""`news-enhancer data ...` end to end on small files, plus the config, stats and README writer."""

from __future__ import annotations

import json

import pytest

from news_core.cli import main
from news_core.errors import ConfigError
from training_data import Record, load_jsonl
from training_data.config import DataConfig, load_data_config
from training_data.stats import band_examples, replace_section, stats_markdown, write_readme


def rec(k, published, sponsored=False, score=5, companies=()):
    title = f"Headline number {k} about topic {k * 7}" + (" (Sponsor)" if sponsored else "")
    return {
        "id": f"{published}-item-{k}",
        "title": title,
        "content": f"Body {k}: " + " ".join(f"word{k}x{j}" for j in range(12)) + "".join(f" {c}." for c in companies),
        "source": "TLDR AI",
        "published": published,
        "url": "",
        "sponsored": sponsored,
        "annotation": {
            "relevance_score": 1 if sponsored else score,
            "summary": f"Summary {k}.",
            "key_insights": [f"Insight {k}"],
            "company_names": list(companies),
        },
    }


@pytest.fixture
def dataset(tmp_path):
    rows = [
        rec(
            k,
            f"2025-0{1 + k % 3}-{10 + k:02d}",
            sponsored=(k == 4),
            score=1 + k % 10,
            companies=[f"Co{j}" for j in range(k % 5)],
        )
        for k in range(10)
    ]
    path = tmp_path / "part-a.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_validate_ok(dataset, capsys):
    assert main(["data", "validate", "--data", str(dataset), "--min-items", "10", "--min-sponsored", "0.1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 10 records, 1 sponsored (10.0%), split train 8 / test 2")


def test_validate_lists_every_problem(dataset, tmp_path, capsys):
    rows = [json.loads(line) for line in dataset.read_text().splitlines()]
    rows[1]["annotation"]["relevance_score"] = 0  # contract
    rows[2]["sponsored"] = True  # convention: no (Sponsor) tag, score
    rows[3]["annotation"]["company_names"] = ["NVIDIA"]  # canonical spelling, and not in the text
    rows[5]["annotation"]["key_insights"] = ["Revenue grew 40%"]  # a number the text does not hold
    rows[6]["annotation"]["company_names"].append("Anthropic")  # not named in the text...
    rows[6]["content"] += " Claude helped."  # ...but by its product: grounded
    rows[7]["annotation"]["summary"] += " Sold 3,000 units."
    rows[7]["content"] += " It sold 3000 units."  # the same number, written without the comma
    rows[8]["title"] = rows[0]["title"]  # leaks into test
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["data", "validate", "--data", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{bad}:2: annotation.relevance_score: 0 is less than the minimum of 1"]  # load errors stop there
    rows[1]["annotation"]["relevance_score"] = 2
    bad.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["data", "validate", "--data", str(bad), "--min-sponsored", "0.3"]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:3: title: sponsored item: the title must end with ' (Sponsor)'" in out
    assert f"{bad}:3: annotation.relevance_score: sponsored item: must be 1, got 3" in out
    assert f"{bad}:4: annotation.company_names: write 'Nvidia', not 'NVIDIA'" in out
    assert f"{bad}:4: annotation.company_names: 'NVIDIA' is not named in the title or content" in out
    assert f"{bad}:6: annotation.key_insights: the number 40 does not occur in the title or content" in out
    assert f"{bad}:7:" not in out and f"{bad}:8:" not in out
    assert "dataset: 10 records, fewer than min_items = 400" in out
    assert "dataset: 2 sponsored of 10 (20.0%), below min_sponsored = 30%" in out
    assert "leakage (train ~ test): same_title (1.00)" in out and f"{bad}:9 [2025-03-18-item-8]" in out


def test_split_writes_train_and_test(dataset, tmp_path, capsys):
    out_dir = tmp_path / "split"
    assert main(["data", "split", "--data", str(dataset), "--test-fraction", "0.3", "--out", str(out_dir)]) == 0
    train, test = load_jsonl(out_dir / "train.jsonl"), load_jsonl(out_dir / "test.jsonl")
    assert (len(train), len(test)) == (7, 3)
    assert max(r.published for r in train) <= min(r.published for r in test)
    assert "train: 7 records" in capsys.readouterr().out


def test_import_command_reports_counts_and_failures(tmp_path, capsys):
    answer = {"relevance_score": 4, "summary": "", "key_insights": [" tag "], "company_names": []}
    good = {
        "messages": [
            {"role": "user", "content": "Title: A title\nContent: Some text."},
            {"role": "assistant", "content": json.dumps(answer)},
        ]
    }
    source = tmp_path / "v2.jsonl"
    source.write_text(json.dumps(good) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "records.jsonl"
    assert main(["data", "import", "--format", "v2", str(source), "--out", str(out)]) == 1
    text = capsys.readouterr().out
    assert f"{source}:2: <json>: invalid JSON" in text and "2 rows: 1 imported, 1 normalised, 1 failed" in text
    (record,) = load_jsonl(out)
    assert record.annotation.key_insights == ["tag"] and record.title == "A title"


def test_bad_settings_give_one_clear_error(dataset, tmp_path, capsys):
    assert main(["data", "split", "--data", str(dataset), "--test-fraction", "2", "--out", str(tmp_path)]) == 2
    assert "test_fraction must be a number strictly between 0 and 1" in capsys.readouterr().err
    assert main(["data", "stats", "--data", str(tmp_path / "missing.jsonl")]) == 2
    assert "file does not exist" in capsys.readouterr().err


def test_config_file_and_overrides(tmp_path):
    toml = tmp_path / "data.toml"
    toml.write_text('[data]\ndata = ["a.jsonl"]\ntest_fraction = 0.25\nmin_items = 10\n', encoding="utf-8")
    config = load_data_config(toml, {"min_items": 20, "min_sponsored": None})
    assert config == DataConfig(data=("a.jsonl",), test_fraction=0.25, min_items=20)
    toml.write_text("min_itemz = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting.*min_itemz"):
        load_data_config(toml)
    with pytest.raises(ConfigError, match="min_sponsored"):
        DataConfig(min_sponsored=4)


def test_stats_tables_and_readme_sections(dataset, tmp_path, capsys):
    records = load_jsonl(dataset)
    text = stats_markdown(records)
    assert "| items | 10 |" in text and "| sponsored | 1 (10.0%) |" in text
    assert "| 2025-01 | 4 | 0 |" in text and "| 2025-02 | 3 | 1 |" in text and "| 4+ | 2 | 20.0% |" in text
    assert "train 8 / test 2" in text and "| 10 | 1 | 10.0% |" in text
    examples = band_examples(records)
    assert "- **1 (sponsored or off-topic)**: score 1, *Headline number 4 about topic 28 (Sponsor)*" in examples
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Data\n<!-- stats:start -->\nold\n<!-- stats:end -->\nmid\n"
        "<!-- examples:start -->\n<!-- examples:end -->\nend\n"
    )
    write_readme(records, path=readme)
    written = readme.read_text()
    assert "old" not in written and text in written and examples in written
    assert written.startswith("# Data\n") and "\nmid\n" in written and written.endswith("end\n")
    with pytest.raises(ConfigError, match="stats:start"):
        replace_section("no markers", "stats", "x")
    assert main(["data", "stats", "--data", str(dataset)]) == 0
    assert capsys.readouterr().out.strip() == text


def test_stats_plot(dataset, tmp_path):
    pytest.importorskip("matplotlib")
    png = tmp_path / "stats.png"
    assert main(["data", "stats", "--data", str(dataset), "--plot", str(png)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_record_factory_is_valid():
    assert Record.model_validate(rec(1, "2025-01-01")).id == "2025-01-01-item-1"
