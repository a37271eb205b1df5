"""`news-enhancer split FILE`: how a newsletter splits into items, without loading a model."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from news_core.errors import InputError

from .split import ALIASES, FORMATS, split_newsletter

HELP = "show how a newsletter splits into items (no model is loaded)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the newsletter: .txt, .md, .html, .eml, or a Gmail API raw message; - for stdin")
    parser.add_argument("--format", choices=[*FORMATS, *sorted(k for k in ALIASES if k)],
                        help="how to read it (default: detect)")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON, content included")


def run(args: argparse.Namespace) -> int:
    if args.file == "-":
        raw = sys.stdin.buffer.read()
    else:
        path = Path(args.file)
        if not path.is_file():
            raise InputError(f"{path} is not a file")
        raw = path.read_bytes()
    letter = split_newsletter(raw, args.format)
    if args.json:
        print(letter.model_dump_json(indent=2))
        return 0
    print(json.dumps({k: v for k, v in letter.model_dump(exclude={"items"}).items()}, ensure_ascii=False))
    print(f"{len(letter.items)} items")
    for n, item in enumerate(letter.items, start=1):
        flags = " [sponsored]" if item.sponsored else ""
        print(f"{n:3d}. {item.title}{flags}")
        print(f"     section: {item.section or '-'} | url: {item.url or '-'} | read time: {item.read_time or '-'} "
              f"| content: {len(item.content)} chars")
    return 0 if letter.items else 1
