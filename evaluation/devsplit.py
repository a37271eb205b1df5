"""The development split of an annotated v2 file, and import -> train -> export -> eval on it.

    python -m evaluation.devsplit prepare                  # import + temporal split into the workdir
    python -m evaluation.devsplit run default              # train, export, eval: runs/default/
    python -m evaluation.devsplit run greedy --adapter-from default --server-config greedy.toml
    python -m evaluation.devsplit compare default greedy   # paired tests between runs' predictions
    python -m evaluation.devsplit table                    # one Markdown row per run

The source defaults to ../shared/seed_data/news_train_data.jsonl beside the repository (reference
data: nothing made from it may enter the repository, so the workdir must lie outside it). The
split is the project's own temporal split (training_data/split.py): rows sorted by published
date (the v2 email_date), then id, or in file order when no row has a date; the newest
`dev_fraction` are the dev split. The trainer takes no validation set, so none is carved out. Every step is a
real `news-enhancer` command run in this process; each run's commands, timings, training summary
and metrics go to WORKDIR/runs/NAME/run.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from news_core.base_model import cache_root
from news_core.errors import ConfigError, InputError, NewsEnhancerError
from news_core.settings import Settings, setting

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "seed_data" / "news_train_data.jsonl"
LORA_FILE = "news-enhancer-lora.gguf"  # what `export --format lora` writes with the default name
TABLE_COLUMNS = ("json_validity_rate", "f1_overall", "f1_company_names", "f1_key_insights", "soft_f1_key_insights",
                 "exact_match_rate", "relevance_mae", "relevance_r2", "rougeL", "sponsored_f1")

HELP = "the dev split of an annotated v2 file and import -> train -> export -> eval on it"


@dataclass
class DevSplitConfig(Settings):
    table = "devsplit"
    label = "devsplit"

    source: str = setting("", 'annotated v2 JSONL; "" = ../shared/seed_data/news_train_data.jsonl beside the '
                          "repository")
    workdir: str = setting("", 'split, runs and results, outside the repository; "" = ~/.cache/news-enhancer/devsplit '
                           "(NEWS_ENHANCER_CACHE moves it)")
    dev_fraction: float = setting(0.2, "share of the newest rows in the dev split", gt=0, lt=1)
    adapter_from: str = setting("", '"" = train and export a new adapter; RUN = reuse that run\'s exported adapter '
                                "(decoding levers); shipped = the shipped adapter; none = the base model alone")
    train_config: str = setting("", 'train TOML (news-enhancer train --config); "" = finetune/configs/default.toml')
    epochs: float | None = setting(None, "training epochs; unset = the train config's", gt=0)
    max_steps: int | None = setting(None, "stop training after N optimizer steps (smoke runs); unset = all epochs",
                                    ge=1)
    batch_size: int | None = setting(None, "training batch size; unset = the train config's", ge=1)
    threads: int | None = setting(None, "training CPU threads; unset = all cores", ge=1)
    server_config: str = setting("", "server TOML for the eval: a lever's decoding settings, n_threads, max_tokens")
    limit: int = setting(0, "eval only the first N dev items; 0 = every one", ge=0)
    bertscore: bool = setting(True, "score BERTScore")
    soft_match: bool = setting(True, "score key_insights by meaning as well (soft F1)")
    repair: bool = setting(False, "score raw outputs after contract.normalise, as the server returns them")

    def check(self) -> list[str]:
        return [f"{name} {getattr(self, name)!r} is not a file" for name in ("train_config", "server_config")
                if getattr(self, name) and not Path(getattr(self, name)).expanduser().is_file()]

    def source_path(self) -> Path:
        return Path(self.source).expanduser() if self.source else DEFAULT_SOURCE

    def work_path(self) -> Path:
        return Path(self.workdir).expanduser() if self.workdir else cache_root() / "devsplit"


# -- the steps: each one a real news-enhancer command -----------------------------------------

def command(argv: list[str], log: list[dict] | None = None) -> None:
    """Run `news-enhancer ARGV` in this process; a failing command stops the pipeline."""
    from news_core.cli import main

    text = "news-enhancer " + shlex.join(argv)
    print(f"==> {text}", file=sys.stderr, flush=True)
    started = time.monotonic()
    code = main(argv)
    seconds = round(time.monotonic() - started, 1)
    if log is not None:
        log.append({"command": text, "seconds": seconds, "exit": code})
    if code != 0:
        raise InputError(f"step failed (exit {code}): {text}; its message is above")


def prepare(config: DevSplitConfig, force: bool = False) -> dict[str, Any]:
    """Import the source and split it: WORKDIR/data/{all,train,dev}.jsonl, dev_refs.jsonl, split.json."""
    source, work = config.source_path(), checked_workdir(config.work_path())
    if not source.is_file():
        raise ConfigError(f"no source file {source}: give --source PATH.jsonl (the v2 format of "
                          "`news-enhancer data import`)")
    data = work / "data"
    manifest_path = data / "split.json"
    wanted = {"source": str(source.resolve()), "source_sha256": sha256(source), "dev_fraction": config.dev_fraction}
    if manifest_path.is_file() and not force:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if all(manifest.get(k) == v for k, v in wanted.items()):
            return manifest
        raise ConfigError(f"{work} holds a split of another source or fraction ({manifest_path}); use another "
                          "--workdir, or `prepare --force` (runs made on the old split are then not comparable)")
    data.mkdir(parents=True, exist_ok=True)
    log: list[dict] = []
    command(["data", "import", str(source), "--out", str(data / "all.jsonl")], log)
    order = split_rows(data, config.dev_fraction, log)
    command(["eval", "refs", "--split", str(data / "dev.jsonl"), "--out", str(data / "dev_refs.jsonl")], log)
    manifest = {**wanted, "order": order, **describe_split(data), "commands": log}
    write_json(manifest, manifest_path)
    return manifest


def split_rows(data: Path, fraction: float, log: list[dict]) -> str:
    """all.jsonl -> train.jsonl + dev.jsonl, the newest rows in dev; returns how rows were ordered."""
    from training_data import load_records
    from training_data.load import write_jsonl
    from training_data.split import count_test

    records = load_records([data / "all.jsonl"])
    if not any(r.published for r in records):  # no dates at all: the file's order is the only time there is
        cut = len(records) - count_test(len(records), fraction)
        write_jsonl(records[:cut], data / "train.jsonl")
        write_jsonl(records[cut:], data / "dev.jsonl")
        return "file order (no row has a date)"
    command(["data", "split", "--data", str(data / "all.jsonl"), "--test-fraction", str(fraction), "--out", str(data)],
            log)
    (data / "test.jsonl").replace(data / "dev.jsonl")  # "test" is the study's held-out set, never seen here
    return "published date (v2 metadata.email_date), then id; undated rows go to train"


def describe_split(data: Path) -> dict[str, Any]:
    from training_data import load_records
    from training_data.leakage import check_leakage

    parts = {name: load_records([data / f"{name}.jsonl"]) for name in ("train", "dev")}
    doc: dict[str, Any] = {}
    for name, records in parts.items():
        dates = sorted(r.published for r in records if r.published)
        doc[name] = {"rows": len(records), "undated": len(records) - len(dates),
                     "sponsored": sum(r.sponsored for r in records),
                     "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None}
    findings = check_leakage(parts["train"], parts["dev"])
    doc["leakage"] = {kind: sum(f.kind == kind for f in findings) for kind in sorted({f.kind for f in findings})}
    return doc


def run_pipeline(config: DevSplitConfig, name: str, force: bool = False) -> dict[str, Any]:
    """One run: (train -> export, or a reused adapter) -> eval on the dev split -> run.json."""
    check_name(name)
    split = prepare(config)
    work = config.work_path()
    folder = work / "runs" / name
    settings = run_settings(config)
    record_path = folder / "run.json"
    if force and folder.exists():
        shutil.rmtree(folder)
    before = read_json(record_path) or {}
    if before and before.get("settings") != settings:
        raise ConfigError(f"run {name!r} exists with other settings ({record_path}); give another name or --force")
    log: list[dict] = before.get("commands", [])  # a resumed run keeps the commands of its earlier tries
    record = {"name": name, "settings": settings, "split": {k: split[k] for k in ("source_sha256", "train", "dev")},
              "commands": log}
    write_json(record, record_path)  # settings first: a rerun after a crash resumes the same run
    model = model_spec(config, name, work, folder, log)
    write_json(record, record_path)
    eval_dir = folder / "eval"
    command(eval_argv(config, model, work / "data" / "dev.jsonl", eval_dir), log)
    details = json.loads((eval_dir / "metrics_details.json").read_text(encoding="utf-8"))[name]
    record.update(metrics=json.loads((eval_dir / "metrics.json").read_text(encoding="utf-8"))[name],
                  n_items=details["n_items"], n_valid=details["n_valid"],
                  relevance_by_rule=details.get("relevance_by_rule"),
                  training=read_json(folder / "adapter" / "timings.json"), export=export_manifest(model))
    write_json(record, record_path)
    return record


def model_spec(config: DevSplitConfig, name: str, work: Path, folder: Path, log: list[dict]) -> str:
    """The eval's --models entry: a new adapter (trained and exported here), another run's, shipped or none."""
    source = config.adapter_from
    if source == "shipped":
        return f"{name}=default"
    if source == "none":
        return f"{name}=baseline"
    if source:
        lora = work / "runs" / check_name(source) / "export" / LORA_FILE
        if not lora.is_file():
            raise ConfigError(f"--adapter-from {source}: {lora} does not exist; run `run {source}` first")
        return f"{name}=lora:{lora}"
    adapter, export = folder / "adapter", folder / "export"
    if not (adapter / "adapter_model.safetensors").is_file():
        command(train_argv(config, work / "data" / "train.jsonl", adapter), log)
    if not (export / LORA_FILE).is_file():
        command(["export", "--adapter", str(adapter), "--format", "lora", "--out", str(export)], log)
    return f"{name}=lora:{export / LORA_FILE}"


def export_manifest(model: str) -> Any:
    """The export manifest (adapter sha256, base) of a lora: model, its own or the run's it reuses."""
    _, _, spec = model.partition("=")
    return read_json(Path(spec.removeprefix("lora:")).parent / "manifest.json") if spec.startswith("lora:") else None


def train_argv(config: DevSplitConfig, data: Path, out: Path) -> list[str]:
    argv = ["train", "--data", str(data), "--output-dir", str(out)]
    if config.train_config:
        argv += ["--config", config.train_config]
    for flag, value in (("--epochs", config.epochs), ("--max-steps", config.max_steps),
                        ("--batch-size", config.batch_size), ("--threads", config.threads)):
        if value is not None:
            argv += [flag, str(value)]
    if any(out.glob("checkpoint-*")):
        argv.append("--resume")  # an interrupted run continues from its last checkpoint
    return argv


def eval_argv(config: DevSplitConfig, model: str, split: Path, out: Path) -> list[str]:
    argv = ["eval", "--models", model, "--split", str(split), "--out", str(out)] + scoring_flags(config)
    if config.limit:
        argv += ["--limit", str(config.limit)]
    if config.server_config:
        argv += ["--server-config", config.server_config]
    return argv


def scoring_flags(config: DevSplitConfig) -> list[str]:
    return [f"--{'' if config.bertscore else 'no-'}bertscore", f"--{'' if config.soft_match else 'no-'}soft-match",
            f"--{'' if config.repair else 'no-'}repair"]


def run_settings(config: DevSplitConfig) -> dict[str, Any]:
    """What makes a run what it is (the workdir and source are the split's business); file contents count."""
    doc = {k: v for k, v in config.to_dict().items() if k not in ("source", "workdir", "dev_fraction")}
    for key in ("train_config", "server_config"):
        if doc[key]:
            doc[key] = {"path": doc[key], "text": Path(doc[key]).expanduser().read_text(encoding="utf-8")}
    return doc


# -- comparing runs ------------------------------------------------------------------------------

def compare(config: DevSplitConfig, names: list[str]) -> Path:
    """`eval score` on the runs' prediction files: metrics again, and paired tests for every pair."""
    if len(names) < 2 or len(set(names)) != len(names):
        raise ConfigError("compare needs two or more different run names")
    work = config.work_path()
    argv = ["eval", "score", "--references", str(work / "data" / "dev_refs.jsonl")]
    for name in names:
        predictions = work / "runs" / check_name(name) / "eval" / "predictions" / f"{name}.jsonl"
        if not predictions.is_file():
            raise ConfigError(f"run {name!r} has no predictions ({predictions}); run it first")
        argv += ["--predictions", f"{name}={predictions}"]
    out = work / "compare" / "_vs_".join(names)
    command(argv + scoring_flags(config) + ["--out", str(out)])
    return out


def results_table(work: Path) -> str:
    """One Markdown row per run in WORKDIR/runs, from each run.json."""
    rows = ["| run | adapter | items | " + " | ".join(TABLE_COLUMNS) + " |", "|---" * (len(TABLE_COLUMNS) + 3) + "|"]
    for path in sorted((work / "runs").glob("*/run.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        metrics = record.get("metrics")
        if not metrics:
            continue
        adapter = record["settings"]["adapter_from"] or "trained here"
        cells = [_cell(metrics.get(key)) for key in TABLE_COLUMNS]
        rows.append(f"| {record['name']} | {adapter} | {record.get('n_items', '')} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _cell(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


# -- helpers -----------------------------------------------------------------------------------

def checked_workdir(work: Path) -> Path:
    """Refuse a workdir inside this repository: nothing made from the source may be committed."""
    resolved, repo = work.resolve(), ROOT.resolve()
    if (repo / ".git").exists() and (resolved == repo or repo in resolved.parents):
        raise ConfigError(f"workdir {work} is inside the repository {repo}; rows, models and predictions made from "
                          "the source must never be committed: choose a folder outside it")
    return work


def check_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name or ""):
        raise ConfigError(f"run name {name!r}: use letters, digits, '.', '_' or '-'")
    return name


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def write_json(doc: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# -- command line ------------------------------------------------------------------------------

FLAGS = {"prepare": ("source", "workdir", "dev_fraction"),
         "compare": ("workdir", "bertscore", "soft_match", "repair"),
         "table": ("workdir",)}


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions = {"prepare": "import the source and write the temporal train/dev split",
               "run": "import -> train -> export -> eval on the dev split, as run NAME",
               "compare": "paired tests between two or more runs' predictions",
               "table": "one Markdown row of metrics per run"}
    for action, text in actions.items():
        p = sub.add_parser(action, help=text, description=text)
        DevSplitConfig.add_arguments(p, only=FLAGS.get(action))
        if action in ("prepare", "run"):
            p.add_argument("--force", action="store_true", help="redo it: delete what an earlier one wrote")
        if action == "run":
            p.add_argument("name", metavar="NAME", help="the run's name: its folder and its model name in the eval")
        if action == "compare":
            p.add_argument("names", nargs="+", metavar="NAME")


def run(args: argparse.Namespace) -> int:
    config = DevSplitConfig.from_args(args, os.environ)
    if args.action == "prepare":
        manifest = prepare(config, args.force)
        print(json.dumps({k: manifest[k] for k in ("train", "dev", "leakage")}, indent=2))
        print(f"split in {config.work_path() / 'data'}")
    elif args.action == "run":
        record = run_pipeline(config, args.name, args.force)
        print(results_table(config.work_path()))
        print(f"run {record['name']}: {config.work_path() / 'runs' / args.name / 'run.json'}")
    elif args.action == "compare":
        out = compare(config, args.names)
        print(f"paired tests: {out / 'statistics.json'}, report: {out / 'report.md'}")
    else:
        text = results_table(config.work_path())
        if (config.work_path() / "runs").is_dir():
            (config.work_path() / "results.md").write_text(text + "\n", encoding="utf-8")
        print(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.devsplit")
    register(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except NewsEnhancerError as exc:
        print(f"devsplit: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
