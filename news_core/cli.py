"""`news-enhancer`: one console script; each package registers its own subcommands.

A package declares its commands as entry points in the group `news_enhancer.commands`
(pyproject.toml): the name is the command, the value a module with HELP, register(parser) and
run(args). Only the module of the command that runs is imported, so `serve` never pulls in torch
and this dispatcher names no package.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import metadata
from importlib.metadata import EntryPoint, entry_points

from .errors import NewsEnhancerError
from .logs import configure

GROUP = "news_enhancer.commands"
DESCRIPTION = "Structured metadata for AI-industry newsletter items: the MCP server and the tools around its model."


def version() -> str:
    """The installed distribution's version (pyproject.toml's, through the package metadata)."""
    try:
        return metadata.version("news-enhancer")
    except metadata.PackageNotFoundError:  # run from sources that were never installed
        return "unknown (not installed: pip install -e .)"


def commands() -> dict[str, EntryPoint]:
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
    if not found:
        raise SystemExit("news-enhancer: no commands are registered; install the project (pip install -e .) "
                         "so its entry points exist")
    return dict(sorted(found.items()))


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="news-enhancer", description=DESCRIPTION)
    parser.add_argument("-V", "--version", action="version", version=f"news-enhancer {version()}",
                        help="print the version and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    found = commands()
    wanted = next((a for a in argv if a in found), None)
    for name, entry in found.items():
        if wanted not in (None, name):
            sub.add_parser(name)  # listed, not imported
            continue
        module = entry.load()
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.register(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    # info for the commands that report progress in their log; serve and enhance then apply their
    # log_level setting (default warning), so a server's stderr carries only what needs attention.
    configure("debug" if args.verbose else "info")
    try:
        return int(args._run(args) or 0)
    except NewsEnhancerError as exc:
        print(f"news-enhancer {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader left (`| head`): stop quietly, as other command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        return 141


if __name__ == "__main__":
    sys.exit(main())
