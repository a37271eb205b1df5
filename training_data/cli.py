"""`news-enhancer data stats | validate | split | import | relevance-head`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import DataConfig

HELP = "dataset tools: stats | validate | split | import | relevance-head"
SETTINGS = DataConfig


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    stats = sub.add_parser("stats", help="print dataset statistics as Markdown")
    DataConfig.add_arguments(stats)
    stats.add_argument(
        "--write-readme",
        action="store_true",
        help="also rewrite the stats and examples sections of training_data/README.md",
    )
    stats.add_argument("--plot", metavar="PNG", help="also draw the histograms into this PNG file")
    validate = sub.add_parser("validate", help="check every record, the conventions, the split and leakage")
    DataConfig.add_arguments(validate)
    split = sub.add_parser("split", help="write the temporal split as train.jsonl and test.jsonl")
    DataConfig.add_arguments(split)
    split.add_argument("--out", required=True, metavar="DIR", help="folder for train.jsonl and test.jsonl")
    head = sub.add_parser("relevance-head", help="fit the relevance head (relevance_score from the item's words) on "
                          "the train split; `news-enhancer train` writes one beside every adapter")
    DataConfig.add_arguments(head)
    head.add_argument("--out", required=True, metavar="FILE.json",
                      help="where to write it: relevance_head.json beside a GGUF adapter is found by the server")
    imp = sub.add_parser("import", help="convert another dataset format into records")
    DataConfig.add_arguments(imp, only=())  # import reads no dataset settings
    imp.add_argument("--format", choices=["v2"], default="v2", help="input format (v2: chat messages + metadata)")
    imp.add_argument("input", metavar="INPUT.jsonl")
    imp.add_argument("--out", required=True, metavar="OUTPUT.jsonl")


def run(args: argparse.Namespace) -> int:
    handlers = {"stats": _stats, "validate": _validate, "split": _split, "import": _import,
                "relevance-head": _relevance_head}
    return handlers[args.data_command](args, DataConfig.from_args(args, os.environ))


def _stats(args: argparse.Namespace, config: DataConfig) -> int:
    from .load import load_records
    from .stats import README, plot_stats, stats_markdown, write_readme

    records = load_records(config.paths())
    print(stats_markdown(records, config.test_fraction))
    if args.write_readme:
        write_readme(records, config.test_fraction)
        print(f"\nwrote the stats and examples sections of {README}", file=sys.stderr)
    if args.plot:
        plot_stats(records, Path(args.plot))
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def _validate(args: argparse.Namespace, config: DataConfig) -> int:
    from .validate import validate_dataset

    result = validate_dataset(config)
    if result.ok:
        print("OK: " + result.summary())
        return 0
    for problem in result.problems:
        print(problem)
    print(f"{len(result.problems)} problem(s) found", file=sys.stderr)
    return 1


def _split(args: argparse.Namespace, config: DataConfig) -> int:
    from .load import load_records, write_jsonl
    from .split import split

    train, test = split(load_records(config.paths()), config.test_fraction)
    out = Path(args.out)
    for name, part in (("train", train), ("test", test)):
        write_jsonl(part, out / f"{name}.jsonl")
        dates = [r.published for r in part if r.published]
        span = f" ({dates[0]} to {dates[-1]})" if dates else ""
        print(f"{name}: {len(part)} records{span} -> {out / f'{name}.jsonl'}")
    return 0


def _import(args: argparse.Namespace, config: DataConfig) -> int:
    from .importer import import_v2
    from .load import write_jsonl

    report = import_v2(args.input, strict=False)
    for problem in report.problems:
        print(problem)
    written = write_jsonl(report.records, args.out)
    print(report.summary())
    print(f"wrote {written} records to {args.out}")
    return 1 if report.problems else 0


def _relevance_head(args: argparse.Namespace, config: DataConfig) -> int:
    from news_core.relevance_head import fit_examples

    from .load import load_records
    from .split import split

    train, test = split(load_records(config.paths()), config.test_fraction)
    head = fit_examples([record.example() for record in train])
    path = head.save(args.out)
    cv = head.meta["cv"]["mae_by_alpha"][str(head.meta["alpha"])]
    print(f"relevance head: {len(train)} train records ({len(test)} test records held out), "
          f"{head.meta['fitted_on']['terms']} terms, alpha {head.meta['alpha']:g}, "
          f"cross-validated MAE {cv:.3f} -> {path}")
    return 0
