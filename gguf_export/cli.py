"""`news-enhancer export` and `news-enhancer export parity`.

  news-enhancer export --adapter runs/default-adapter --format lora --format q4_k_m --out export --ollama
  news-enhancer export parity --adapter runs/default-adapter --n 20 [--format f16 ...]
"""

from __future__ import annotations

import argparse
import os

from .config import FORMATS, ExportConfig

HELP = "export an adapter to GGUF (lora | f16 | q8_0 | q4_k_m)"
SETTINGS = ExportConfig


def register(parser: argparse.ArgumentParser) -> None:
    ExportConfig.add_arguments(parser)
    actions = parser.add_subparsers(dest="export_action", metavar="ACTION")
    parity = actions.add_parser("parity", help="export, then compare each format's greedy answers with the PEFT model")
    ExportConfig.add_arguments(parity)


def run(args: argparse.Namespace) -> int:
    from .export import export, size_table

    parity = getattr(args, "export_action", None) == "parity"
    config = ExportConfig.from_args(args, os.environ, {"formats": list(FORMATS)} if parity else None)
    results = export(config)
    print(size_table(results))
    if not parity:
        return 0

    from .parity_run import report_text, run_parity, write_report

    scores, details = run_parity(config, results)
    json_path, png_path = write_report(config, scores, details)
    print()
    print(report_text(scores, details))
    print(f"\nanswers: {json_path}\nplot: {png_path}")
    return 0 if all(s.meets_target for s in scores) else 1
