"""`news-enhancer export` and `news-enhancer export parity`.

  news-enhancer export --adapter runs/default-adapter --format lora --format q4_k_m --out export --ollama
  news-enhancer export parity --adapter runs/default-adapter --n 20 [--format f16 ...]
"""

from __future__ import annotations

import argparse

from .config import FORMATS, LORA_DTYPES

S = argparse.SUPPRESS  # unset flags stay out of the namespace: TOML and defaults apply


HELP = "export an adapter to GGUF (lora | f16 | q8_0 | q4_k_m)"


def register(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    actions = parser.add_subparsers(dest="export_action", metavar="ACTION")
    parity = actions.add_parser("parity", help="export, then compare each format's greedy answers with the PEFT model")
    _common(parity)
    parity.add_argument("--n", dest="n_items", type=int, default=S, help="number of items (default 20)")
    parity.add_argument("--max-tokens", type=int, default=S, help="tokens per answer (default 256)")
    parity.add_argument("--items", default=S, help=".json list or .jsonl of items (default: the held-out split)")
    parity.add_argument("--llama-threads", type=int, default=S, help="llama.cpp threads (default: half the cores, at most 4)")
    parity.add_argument("--no-lora-over-f16", dest="lora_over_f16", action="store_false", default=S,
                        help="skip the extra row: the LoRA over an f16 copy of the base")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default=S, help="TOML file with an [export] table")
    parser.add_argument("--adapter", default=S, help="PEFT adapter folder (adapter_config.json + adapter_model.safetensors)")
    parser.add_argument("--base", default=S, help="'bundled' or the base model's .gguf (default: the adapter's base)")
    parser.add_argument("--format", "--formats", dest="formats", action="append", default=S,
                        help=f"{' | '.join(FORMATS)} | all; repeat or comma-separate (default: lora; parity: all)")
    parser.add_argument("--out", default=S, help="output folder (default: export)")
    parser.add_argument("--name", default=S, help="file prefix and model name (default: news-enhancer)")
    parser.add_argument("--ollama", action="store_true", default=S, help="write an Ollama Modelfile beside each GGUF")
    parser.add_argument("--lora-dtype", choices=LORA_DTYPES, default=S, help="LoRA tensor type (default: f32)")
    parser.add_argument("--threads", type=int, default=S, help="quantization threads (default: all cores)")


def run(args: argparse.Namespace) -> int:
    from .config import load_export_config
    from .export import export, size_table

    overrides = {k: v for k, v in vars(args).items() if k not in ("config", "command", "verbose", "export_action")
                 and not k.startswith("_")}
    parity = getattr(args, "export_action", None) == "parity"
    defaults = {"formats": list(FORMATS)} if parity else {}
    config = load_export_config(getattr(args, "config", None), overrides, defaults)
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
