"""The outside yardstick: a model on items annotated by a real reader, kept outside the repository.

    python -m evaluation.yardstick run shipped                       # the shipped model (default)
    python -m evaluation.yardstick run base --model baseline          # the base model alone
    python -m evaluation.yardstick run mine --model lora:runs/x/news-enhancer-lora.gguf --server-config x.toml
    python -m evaluation.yardstick compare shipped mine               # paired tests on the same items
    python -m evaluation.yardstick table                              # one Markdown row per run

The source defaults to the 364 rows of ../shared/seed_data/news_train_data.jsonl beside the
repository (a real AI-news reader's scores on TLDR and TLDR AI items). It is an evaluation set
for the shipped model, never training data for it, and nothing made from it may enter the
repository: rows, predictions and results go to a workdir outside it (default
~/.cache/news-enhancer/yardstick). Without the source file every action says so and exits 0,
so a clone without the seed rows skips it cleanly.

What it reports (yardstick.json per run): relevance Spearman (the reader's order), MAE and R²
over every item (an invalid answer scores 0, as in `eval`), sponsor recall, company F1 (the
reader lists companies for fewer than half of the items, so this one is noisy), and the share of
the numbers in the model's summaries and insights that do not occur in the item's title and
content (news_core/facts.py). Every step is a real `news-enhancer` command run in this process.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from news_core.base_model import cache_root
from news_core.errors import NewsEnhancerError
from news_core.facts import count_numbers, ungrounded_numbers
from news_core.settings import Settings, setting

from .inputs import parse_output
from .devsplit import DEFAULT_SOURCE, check_name, checked_workdir, command, read_json, sha256, write_json

COLUMNS = (("n_items", "items"), ("json_validity_rate", "valid JSON"), ("spearman", "Spearman"),
           ("relevance_mae", "MAE"), ("relevance_r2", "R²"), ("sponsor_recall", "sponsor recall"),
           ("f1_company_names", "company F1"), ("invented_numbers", "invented numbers"))


@dataclass
class YardstickConfig(Settings):
    table = "yardstick"
    label = "yardstick"

    source: str = setting("", 'annotated v2 JSONL; "" = ../shared/seed_data/news_train_data.jsonl beside the repository')
    workdir: str = setting("", 'rows, predictions and results, outside the repository; "" = '
                           "~/.cache/news-enhancer/yardstick (NEWS_ENHANCER_CACHE moves it)")
    model: str = setting("default", "the `eval --models` spec: default (the shipped adapter), baseline, lora:PATH.gguf, "
                         "PATH.gguf, peft:DIR")
    server_config: str = setting("", "server TOML for the run: decoding settings, n_threads, max_tokens")
    limit: int = setting(0, "only the first N rows; 0 = every one", ge=0)

    def check(self) -> list[str]:
        if self.server_config and not Path(self.server_config).expanduser().is_file():
            return [f"server_config {self.server_config!r} is not a file"]
        return []

    def source_path(self) -> Path:
        return Path(self.source).expanduser() if self.source else DEFAULT_SOURCE

    def work_path(self) -> Path:
        return Path(self.workdir).expanduser() if self.workdir else cache_root() / "yardstick"


def prepare(config: YardstickConfig) -> Path:
    """Import the source once into WORKDIR/items.jsonl (records); a changed source is imported again."""
    source, work = config.source_path(), checked_workdir(config.work_path())
    items, stamp = work / "items.jsonl", work / "items.json"
    digest = sha256(source)
    if items.is_file() and (read_json(stamp) or {}).get("source_sha256") == digest:
        return items
    work.mkdir(parents=True, exist_ok=True)
    command(["data", "import", str(source), "--out", str(items)])
    write_json({"source": str(source.resolve()), "source_sha256": digest}, stamp)
    return items


def run(config: YardstickConfig, name: str) -> dict[str, Any]:
    """Predict (resumable) and score one model on the rows: WORKDIR/runs/NAME/ and its yardstick.json."""
    items = prepare(config)
    folder = config.work_path() / "runs" / check_name(name)
    argv = ["eval", "--models", f"{name}={config.model}", "--split", str(items), "--out", str(folder),
            "--no-bertscore", "--no-soft-match"]
    if config.limit:
        argv += ["--limit", str(config.limit)]
    if config.server_config:
        argv += ["--server-config", config.server_config]
    command(argv)
    result = measure(items, folder, name)
    result["settings"] = {"model": config.model, "limit": config.limit,
                          "server_config": Path(config.server_config).read_text(encoding="utf-8")
                          if config.server_config else ""}
    write_json(result, folder / "yardstick.json")
    return result


def measure(items: Path, folder: Path, name: str) -> dict[str, Any]:
    """The yardstick's figures from an eval folder (metrics, per-item scores, predictions)."""
    from scipy.stats import spearmanr

    from training_data import load_records

    metrics = read_json(folder / "metrics.json")[name]
    details = read_json(folder / "metrics_details.json")[name]
    scores = [json.loads(line) for line in (folder / "scores" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = {r.id: f"{r.title}\n{r.content}" for r in load_records([items])}
    numbers = invented_numbers(folder / "predictions" / f"{name}.jsonl", texts)
    predicted = [row["relevance_pred"] for row in scores]
    reference = [row["relevance_ref"] for row in scores]
    rho = spearmanr(predicted, reference).statistic if len(set(predicted)) > 1 else 0.0
    return {"name": name, "n_items": len(scores), "json_validity_rate": metrics["json_validity_rate"],
            "spearman": round(float(rho), 4), "relevance_mae": metrics["relevance_mae"],
            "relevance_r2": metrics["relevance_r2"], "sponsor_recall": details["sponsored"]["recall"],
            "f1_company_names": metrics["f1_company_names"], **numbers,
            "mean_score_by_reference": mean_by_band(predicted, reference),
            "rules": by_rule(folder / "predictions" / f"{name}.jsonl", dict(zip([r["id"] for r in scores], reference)))}


def by_rule(predictions: Path, reference: dict[str, float]) -> dict[str, Any] | None:
    """Spearman and MAE of each score rule (news_core/score_rules.py) on the recorded P(score), over
    the items that have it: what the same answers would have scored under another rule."""
    from scipy.stats import spearmanr

    from news_core.score_rules import RULES, choose

    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r.get("score_probs") and str(r["id"]) in reference]
    if not rows:
        return None
    truth = [reference[str(r["id"])] for r in rows]
    out: dict[str, Any] = {"n_items": len(rows)}
    for rule in RULES:
        scores = [choose(r["score_probs"], rule) for r in rows]
        out[rule] = {"spearman": round(float(spearmanr(scores, truth).statistic), 4) if len(set(scores)) > 1 else 0.0,
                     "mae": round(sum(abs(s - t) for s, t in zip(scores, truth)) / len(rows), 4)}
    return out


def invented_numbers(predictions: Path, texts: dict[str, str]) -> dict[str, Any]:
    """Numbers in the valid answers' summaries and insights, and those the item's text lacks."""
    total, invented, examples = 0, 0, []
    for line in predictions.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        doc = row.get("parsed") or parse_output(row.get("output"))  # `eval` writes the parse, `eval score` not
        if not doc or row["id"] not in texts:
            continue
        claims = [doc["summary"], *doc["key_insights"]]
        missing = ungrounded_numbers(claims, texts[row["id"]])
        total += count_numbers(claims)
        invented += len(missing)
        examples += [{"id": row["id"], "numbers": missing, "claims": claims}] if missing else []
    return {"numbers": total, "invented": invented, "invented_numbers": round(invented / total, 4) if total else 0.0,
            "invented_examples": examples[:20]}


def mean_by_band(predicted: list[float], reference: list[float]) -> dict[str, float | None]:
    bands = {"1-3": (1, 3), "4-6": (4, 6), "7-8": (7, 8), "9-10": (9, 10)}
    out = {}
    for band, (low, high) in bands.items():
        values = [p for p, r in zip(predicted, reference) if low <= r <= high]
        out[band] = round(sum(values) / len(values), 2) if values else None
    return out


def compare(config: YardstickConfig, names: list[str]) -> Path:
    """`eval score` on two or more runs' predictions: paired tests on the same rows."""
    work = config.work_path()
    argv = ["eval", "score", "--references", str(work / "runs" / check_name(names[0]) / "references.jsonl"),
            "--no-bertscore", "--no-soft-match", "--out", str(work / "compare" / "_vs_".join(names))]
    for name in names:
        argv += ["--predictions", f"{name}={work / 'runs' / check_name(name) / 'predictions' / f'{name}.jsonl'}"]
    command(argv)
    return work / "compare" / "_vs_".join(names)


def table(work: Path) -> str:
    """One Markdown row per run that has a yardstick.json."""
    rows = ["| run | model | " + " | ".join(label for _, label in COLUMNS) + " |", "|---" * (len(COLUMNS) + 2) + "|"]
    for path in sorted((work / "runs").glob("*/yardstick.json")):
        doc = read_json(path)
        cells = [_cell(doc.get(key)) for key, _ in COLUMNS]
        cells[-1] = f"{doc['invented']}/{doc['numbers']} ({doc['invented_numbers']:.1%})"
        rows.append(f"| {doc['name']} | {doc.get('settings', {}).get('model', '')} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _cell(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


# -- command line ------------------------------------------------------------------------------

def register(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    run_parser = sub.add_parser("run", help="predict and score one model on the reader's rows, as run NAME")
    YardstickConfig.add_arguments(run_parser)
    run_parser.add_argument("name", nargs="?", default="shipped", metavar="NAME", help="the run's name (shipped)")
    compare_parser = sub.add_parser("compare", help="paired tests between two or more runs")
    YardstickConfig.add_arguments(compare_parser, only=("source", "workdir"))
    compare_parser.add_argument("names", nargs="+", metavar="NAME")
    YardstickConfig.add_arguments(sub.add_parser("table", help="one Markdown row per run"), only=("source", "workdir"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.yardstick")
    register(parser)
    args = parser.parse_args(argv)
    try:
        config = YardstickConfig.from_args(args, os.environ)
        if not config.source_path().is_file():
            print(f"yardstick: skipped: no source file {config.source_path()} (the reader's rows live outside the "
                  "repository; give --source PATH.jsonl)", file=sys.stderr)
            return 0
        if args.action == "run":
            result = run(config, args.name)
            print(json.dumps({k: v for k, v in result.items() if k != "invented_examples"}, indent=2))
        elif args.action == "compare":
            print(f"paired tests: {compare(config, args.names) / 'statistics.json'}")
        else:
            print(table(config.work_path()))
        return 0
    except NewsEnhancerError as exc:
        print(f"yardstick: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
