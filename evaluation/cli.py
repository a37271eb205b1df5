"""`news-enhancer eval`: generate and score, score existing predictions, or export references.

    news-enhancer eval --models baseline,default,PATH... --split test --out DIR [--limit N]
    news-enhancer eval score --references REFS.jsonl --predictions NAME=PREDS.jsonl [...] --out DIR
    news-enhancer eval refs --split test --out refs.jsonl
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from news_core.errors import ConfigError, InputError

from .config import EvalConfig

HELP = "generate predictions and score models"


SETTINGS = EvalConfig
SCORING = ("out", "bertscore", "bertscore_layers", "rouge_stemmer", "alpha", "repair", "soft_match",
           "soft_match_threshold", "strict")


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    EvalConfig.add_arguments(parser)
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    score = sub.add_parser("score", help="score prediction files made anywhere; no model is loaded")
    EvalConfig.add_arguments(score, only=SCORING)
    score.add_argument("--references", required=True, help="JSONL: id, relevance_score, summary, key_insights, company_names[, is_sponsored]")
    score.add_argument("--predictions", action="append", required=True, metavar="NAME=PREDS.jsonl",
                       help="JSONL of {id, output} or {id, four fields[, is_valid_json]}; repeat per model")
    refs = sub.add_parser("refs", help="write the references of a split as JSONL (the format `eval score` reads)")
    refs.add_argument("--split", default="test", help="test | train | PATH.jsonl (default: test)")
    refs.add_argument("--limit", type=int)
    refs.add_argument("--out", required=True, help="output .jsonl file")


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "action", None)
    if action == "refs":
        return _run_refs(args)
    config = EvalConfig.from_args(args, os.environ)
    if not config.out:
        raise ConfigError("--out is required: the folder for predictions, metrics, plots and report")
    if action == "score":
        return _run_score(args, config)
    return _run_generate(config)


def load_split(split: str) -> list:
    try:
        from training_data import default_split, load_records
    except ImportError as exc:
        raise ConfigError(f"the training_data package is not importable ({exc}); --split needs it") from exc
    if split in ("test", "train"):
        train, test = default_split()
        return list(test if split == "test" else train)
    path = Path(split)
    if not path.is_file():
        raise ConfigError(f"--split {split!r} is neither test, train nor an existing .jsonl file")
    return list(load_records([path]))


def references_from_records(records) -> list:
    from .inputs import Reference

    return [Reference(r.id, r.metadata().model_dump(), bool(r.sponsored)) for r in records]


def _run_refs(args) -> int:
    from .inputs import reference_to_row, write_jsonl
    from .predictions import selected

    refs = references_from_records(selected(load_split(args.split), args.limit))
    write_jsonl((reference_to_row(r) for r in refs), args.out)
    print(f"wrote {len(refs)} references to {args.out}")
    return 0


def _options(config: EvalConfig, source: str):
    from .pipeline import ScoreOptions

    return ScoreOptions(bertscore=config.bertscore, bertscore_layers=config.bertscore_layers,
                        rouge_stemmer=config.rouge_stemmer, alpha=config.alpha, source=source, repair=config.repair,
                        soft_match=config.soft_match, soft_match_threshold=config.soft_match_threshold)


def _run_score(args, config: EvalConfig) -> int:
    from .inputs import load_predictions, load_references
    from .pipeline import write_evaluation

    out = Path(config.out)
    references = load_references(args.references)
    predictions = {}
    for entry in args.predictions:
        name, sep, path = entry.partition("=")
        if not sep or not name or not path:
            raise ConfigError(f"--predictions {entry!r}: expected NAME=PREDS.jsonl")
        if name in predictions:
            raise ConfigError(f"--predictions names {name!r} twice")
        predictions[name] = load_predictions(path, config.repair, config.strict)
        (out / "predictions").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, out / "predictions" / f"{name}.jsonl")
    shutil.copyfile(args.references, out / "references.jsonl")
    return _finish(write_evaluation(references, predictions, out, _options(config, str(args.references))), out)


def _run_generate(config: EvalConfig) -> int:
    from mcp_server.backends import load_backend
    from mcp_server.config import load_config

    from .inputs import load_predictions, reference_to_row, write_jsonl
    from .models import check_backend_available, parse_models
    from .pipeline import write_evaluation
    from .predictions import generate_predictions, selected

    out = Path(config.out)
    specs = parse_models(config.models, load_config(config.server_config or None))
    for spec in specs:
        check_backend_available(spec)
    records = selected(load_split(config.split), config.limit or None)
    if not records:
        raise InputError(f"split {config.split!r} has no records")
    references = references_from_records(records)
    write_jsonl((reference_to_row(r) for r in references), out / "references.jsonl")
    wanted = {r.id for r in records}
    predictions = {}
    for spec in specs:  # one model in memory at a time
        path = out / "predictions" / f"{spec.name}.jsonl"
        backend = load_backend(spec.config)
        try:
            generate_predictions(backend, records, path, timeout_s=spec.config.item_timeout_s, label=spec.name)
        finally:
            backend.close()
        predictions[spec.name] = {k: v for k, v in load_predictions(path, config.repair, config.strict).items() if k in wanted}
    return _finish(write_evaluation(references, predictions, out, _options(config, f"split {config.split}")), out)


def _finish(result: dict, out: Path) -> int:
    from .report import summary_table

    print("\n".join(summary_table(result["scores"])))
    print(f"wrote {out}/metrics.json, statistics.json, plots/ and report: {result['report']}")
    return 0
