"""`news-enhancer enhance IN.jsonl --out OUT.jsonl`: batch_enhance without MCP, for backfills and
for pre-annotating new data. Resumable: items whose key is already in OUT are skipped, and every
result line is written and flushed as soon as its item is done, so a killed run loses at most the
items in flight. The checks, limits and per-item errors are the service's, as in the server.

IN may be - for standard input, so `news-enhancer split nl.eml --jsonl | news-enhancer enhance -
--out items.jsonl` works: the keys that `split --jsonl` adds for the reader and not the model
(newsletter, section, sponsored, read_time, author) hold no text the model reads, so they are
written back as they came under `passthrough` on the item's result line (passthrough.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from news_core.errors import InputError
from news_core.logs import configure

from .config import ServerConfig
from .jsonl_files import Line, parse_items, read_done, read_items, result_line
from .passthrough import line_fields
from .results import BatchEntry
from .service import Enhancer

log = logging.getLogger(__name__)

HELP = "enhance every item of a JSONL file into a JSONL file of results, resumably (no MCP)"
# The serve settings that concern only a server: its transport, request limits, jobs and shutdown.
SERVER_ONLY = ("max_batch_items", "max_newsletter_items", "max_jobs", "max_job_items", "job_retention_s", "jobs_dir",
               "shutdown_wait_s", "transport", "host", "port", "auth_token", "allowed_origins", "allowed_hosts",
               "max_body_bytes", "max_requests_per_client")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, metavar="IN.jsonl",
                        help="one item object per line (title, content, optional source, url, published, id); "
                             "- for standard input (what `news-enhancer split --jsonl` writes)")
    parser.add_argument("--out", type=Path, required=True, metavar="OUT.jsonl",
                        help="one result line per item, appended; items whose id is already there are skipped")
    parser.add_argument("--retry-errors", action="store_true",
                        help="remove the failed items' lines from OUT first, so they run again")
    parser.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bar on stderr")
    ServerConfig.add_arguments(parser, only=[n for n in ServerConfig.names() if n not in SERVER_ONLY])


@dataclass
class Tally:
    enhanced: int = 0
    failed: int = 0
    skipped: int = 0


def run(args: argparse.Namespace) -> int:
    config = ServerConfig.from_args(args, os.environ)
    configure("debug" if getattr(args, "verbose", False) else config.log_level)
    stdin = str(args.input) == "-"
    if not stdin and args.input.resolve() == args.out.resolve():
        raise InputError("--out must be another file than the input")
    # Before the model loads: a bad file fails fast.
    lines = (parse_items(sys.stdin.buffer.read(), config.max_id_chars) if stdin
             else read_items(args.input, config.max_id_chars))
    done = read_done(args.out, args.retry_errors)
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder of --out {args.out}: {exc.strerror or exc}") from None
    start, tally = time.monotonic(), Tally(skipped=len(lines))
    if any(line.key not in done for line in lines):  # else no model to load
        from .backends import load_backend

        backend = load_backend(config)
        try:
            tally = enhance_file(Enhancer(backend, config), lines, done, args.out, progress=args.progress)
        finally:
            backend.close()
    print(f"{args.out}: {tally.enhanced} enhanced, {tally.failed} failed, {tally.skipped} already there "
          f"({time.monotonic() - start:.1f} s)", file=sys.stderr)
    return 0


def enhance_file(svc: Enhancer, lines: list[Line], done: set[str], out_path: Path, *,
                 progress: bool = True) -> Tally:
    """Append a result line to `out_path` for every line whose key is not in `done`, a chunk of
    items at a time (svc.chunk_size: decode_batch_size on gguf, batch_size on peft, requests in flight on openai)."""
    from tqdm import tqdm

    todo = [line for line in lines if line.key not in done]
    tally = Tally(skipped=len(lines) - len(todo))
    size = svc.chunk_size
    with out_path.open("a", encoding="utf-8") as out, \
            tqdm(total=len(lines), initial=tally.skipped, desc="enhance", unit="item", file=sys.stderr,
                 disable=not progress) as bar:
        for first in range(0, len(todo), size):
            chunk = todo[first:first + size]
            for entry, passthrough in _entries(svc, chunk):
                kept = {"passthrough": passthrough} if passthrough else {}
                out.write(result_line({**entry.model_dump(mode="json"), "model": svc.backend.model_id, **kept}))
                tally.enhanced += entry.ok
                tally.failed += not entry.ok
            out.flush()
            bar.update(len(chunk))
    return tally


def _entries(svc: Enhancer, chunk: list[Line]) -> list[tuple[BatchEntry, dict]]:
    """One entry per line of the chunk, in file order, with the line's passthrough keys; `index` is
    the item's line number. A line's keys are split first (passthrough.py): text under a key that
    is not read is that line's error."""
    fields = {line.number: line_fields(line.raw, line.number) for line in chunk if line.error is None}
    readable = [line for line in chunk if line.error is None and fields[line.number].error is None]
    entries = svc.enhance_entries([fields[line.number].item for line in readable], 0,
                                  ids=[line.key for line in readable],
                                  indexes=[line.number for line in readable]) if readable else []
    enhanced = {line.number for line in readable}
    entries += [BatchEntry(index=line.number, id=line.key, ok=False, error=line.error or fields[line.number].error)
                for line in chunk if line.number not in enhanced]
    return [(entry, fields[entry.index].passthrough if entry.index in fields else {})
            for entry in sorted(entries, key=lambda entry: entry.index)]


def main(argv: list[str] | None = None) -> int:
    """`python -m mcp_server.enhance_cli`: `news-enhancer enhance`, through the one dispatcher."""
    from news_core.cli import main as dispatch

    return dispatch(["enhance", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
