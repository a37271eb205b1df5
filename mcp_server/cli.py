"""`news-enhancer`: one console script; each package registers its own subcommands.

Subcommand modules are imported only when their command runs, so `serve` never pulls in torch.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from .errors import NewsEnhancerError

# command -> (module exposing register(subparser) and run(args), one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("mcp_server.serve_cli", "run the MCP stdio server"),
    "demo": ("mcp_server.demo", "start the server, call its tools on the sample items, print the results"),
    "split": ("mcp_server.newsletter.cli", "show how a newsletter splits into items (no model is loaded)"),
    "data": ("training_data.cli", "dataset tools: stats | validate | split | import"),
    "train": ("finetune.cli", "fine-tune a LoRA adapter (trl | unsloth | tinker)"),
    "export": ("gguf_export.cli", "export an adapter to GGUF (lora | f16 | q8_0 | q4_k_m)"),
    "eval": ("evaluation.cli", "generate predictions and score models"),
}


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="news-enhancer", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted = next((a for a in argv if a in COMMANDS), None)
    for name, (module, help_text) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text)
        if name == wanted:  # import only the module of the command that runs
            importlib.import_module(module).register(sp)
            sp.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(importlib.import_module(args._module).run(args) or 0)
    except NewsEnhancerError as exc:
        print(f"news-enhancer {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
