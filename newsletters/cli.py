"""`news-enhancer split INPUT...`: how newsletters split into items, without loading a model.

An INPUT is a newsletter file in any form split_newsletter reads, an mbox (each message), a JSON
file of Gmail API messages (each message), a folder (every newsletter file under it) or - for
standard input (sources.py). Output, one of:
- default: per newsletter, its headers as one JSON line and its items, for a person to read;
- --json: the whole result as JSON, content included (one document; a list when there are several);
- --jsonl: one item per line in the form `news-enhancer enhance` reads (item_lines.py), to pipe on.
Exit status: 0 when every input was read and items were found, 1 when no item was found at all,
2 when an input could not be read (each named on stderr; the others are still split).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from news_core.errors import InputError

from .item_lines import item_lines
from .model import Newsletter
from .sources import iter_sources
from .split import ALIASES, FORMATS, split_newsletter

HELP = "show how newsletters split into items (no model is loaded); --jsonl pipes them to enhance"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="a newsletter (.txt, .md, .html, .eml, a Gmail API message as JSON, an RSS or Atom "
                             "feed), an mbox (each message), a folder (each newsletter file in it), or - for stdin")
    parser.add_argument("--format", choices=[*FORMATS, *sorted(k for k in ALIASES if k)],
                        help="how to read each body (default: detect)")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the whole result as JSON, content included")
    out.add_argument("--jsonl", action="store_true",
                     help="print one item per line, in the form `news-enhancer enhance -` reads")


@dataclass
class Tally:
    newsletters: int = 0
    items: int = 0
    empty: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except BrokenPipeError:  # the reader stopped early ('| head'): not an error of this command
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush raises no second time
        return 0


def _run(args: argparse.Namespace) -> int:
    tally = Tally()
    # Several newsletters: more than one input, a folder, or one file that holds several (its first
    # source is named FILE#1); known before the first one is printed.
    several = len(args.inputs) > 1 or any(p != "-" and Path(p).is_dir() for p in args.inputs)
    first = True
    for source in iter_sources(args.inputs):
        several = several or source.name != source.origin
        try:
            letter = split_newsletter(source.raw, args.format)
        except InputError as exc:
            if not several:  # the one input: the command's own error
                raise
            tally.unreadable.append(source.name)
            print(f"{source.name}: cannot be read: {exc}", file=sys.stderr)
            continue
        tally.newsletters += 1
        tally.items += len(letter.items)
        if not letter.items:
            tally.empty.append(source.name)
        _print(letter, source.name, args, first=first, several=several)
        first = False
    if args.json and several:
        print("]" if not first else "[]")
    _summary(tally, args)
    return 2 if tally.unreadable else 0 if tally.items else 1


def _print(letter: Newsletter, name: str, args: argparse.Namespace, *, first: bool, several: bool) -> None:
    if args.jsonl:
        for line in item_lines(letter, name):
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        if not letter.items:
            print(f"{name}: no items: {letter.reason}", file=sys.stderr)
        return
    if args.json:
        if not several:
            print(letter.model_dump_json(indent=2))
            return
        print("[" if first else ",", json.dumps({"input": name, **letter.model_dump()}, ensure_ascii=False, indent=2))
        return
    if several:
        print(f"== {name}")
    print(json.dumps(letter.model_dump(exclude={"items"}), ensure_ascii=False))
    print(f"{len(letter.items)} items")
    for n, item in enumerate(letter.items, start=1):
        flags = " [sponsored]" if item.sponsored else ""
        print(f"{n:3d}. {item.title}{flags}")
        print(f"     section: {item.section or '-'} | url: {item.url or '-'} | read time: {item.read_time or '-'} "
              f"| content: {len(item.content)} chars")


def _summary(tally: Tally, args: argparse.Namespace) -> None:
    """On stderr, when there was more than one newsletter or something was missing."""
    if tally.newsletters + len(tally.unreadable) <= 1:
        return
    line = f"{tally.newsletters} newsletters, {tally.items} items"
    if tally.empty:
        shown = ", ".join(tally.empty[:10]) + (f" and {len(tally.empty) - 10} more" if len(tally.empty) > 10 else "")
        line += f"; no items in {len(tally.empty)}: {shown}"
    if tally.unreadable:
        line += f"; {len(tally.unreadable)} could not be read (above)"
    print(line, file=sys.stderr)
