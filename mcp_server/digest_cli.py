"""`news-enhancer digest INPUT... --out DIR`: many newsletters -> one report per day or week.

Every newsletter is split with the project's splitter (newsletters/), every item within the dates
enhanced through the service the server uses (service.Enhancer, with the backend and settings
`enhance` builds), and the digest package writes digest.md, digest.json, items.jsonl and plots/.

Resumable: each item's outcome is appended to DIR/cache.jsonl and flushed a chunk at a time, keyed
on the item's text (title, content, source, url, published) and the model's identity (the settings
that shape an answer, this package's version, and the sha256 of the adapter and the files beside
it that shape answers), so a run that was interrupted, or a rerun over more newsletters, enhances
only the items it has not done; an item that two newsletters carry word for word is enhanced once;
an adapter retrained in place is a new model. A base model file replaced in place under the same
path is noticed by its size and modification time only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import sys
import time
from datetime import date
from pathlib import Path

from digest import Options, build_digest, model_item, read_sources
from digest.build import wanted_lines
from digest.files import write_digest
from digest.periods import PERIODS
from news_core.errors import InputError

from . import __version__
from .config import ServerConfig
from .enhance_cli import SERVER_ONLY
from .service import Enhancer

log = logging.getLogger(__name__)

HELP = ("a digest of many newsletters (.eml, folders, mbox, Gmail JSON, feeds, text/Markdown/HTML): every item "
        "enhanced, resumably, into digest.md, digest.json, items.jsonl and plots")
CACHE = "cache.jsonl"
# The settings that do NOT change what the model answers for an item (how fast, how many at once, who
# may connect, what is logged). Every other setting is part of the model's identity in the cache key,
# with the package version, so a setting added later invalidates the cache rather than serving stale
# answers (tests/test_digest_cli.py holds every setting to one side or the other).
NOT_ANSWER_SETTINGS = ("n_threads", "decode_batch_size", "batch_size", "device", "item_timeout_s", "shutdown_wait_s",
                       "max_batch_items", "max_newsletter_items", "max_jobs", "max_job_items", "job_retention_s",
                       "jobs_dir", "transport", "host", "port", "auth_token", "allowed_origins", "allowed_hosts",
                       "max_body_bytes", "max_requests_per_client", "api_key", "max_in_flight", "log_level")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="a newsletter (.eml, .txt, .md, .html, Gmail API message JSON, an RSS or Atom feed), an "
                             "mbox such as Google Takeout's (each message), a folder (each newsletter file under it)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="the folder for digest.md, digest.json, items.jsonl, plots/ and the cache that makes a "
                             "rerun resume")
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="leave out items dated before this day")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="leave out items dated after this day")
    parser.add_argument("--min-relevance", type=int, default=1, choices=range(1, 11), metavar="N",
                        help="stories scored below N (1-10) stay out of the top lists (default 1)")
    parser.add_argument("--period", choices=PERIODS, default="week", help="one report per day or ISO week")
    parser.add_argument("--top", type=_positive, default=10, metavar="N", help="stories in each period's top list")
    parser.add_argument("--no-plots", dest="plots", action="store_false", help="write no PNG plots")
    parser.add_argument("--retry-errors", action="store_true", help="enhance again the items that failed before")
    parser.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bar on stderr")
    ServerConfig.add_arguments(parser, only=[n for n in ServerConfig.names() if n not in SERVER_ONLY])


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day as YYYY-MM-DD") from None


def run(args: argparse.Namespace) -> int:
    config = ServerConfig.from_args(args, os.environ)
    options = Options(period=args.period, since=args.since, until=args.until, min_relevance=args.min_relevance,
                      top=args.top)
    if options.since and options.until and options.since > options.until:
        raise InputError(f"--since {options.since} is after --until {options.until}")
    from tqdm import tqdm

    start = time.monotonic()
    with tqdm(desc="split", unit=" newsletters", file=sys.stderr, disable=not args.progress) as bar:
        letters = read_sources(args.inputs, bar.update)  # before the model loads: a missing input fails fast
    lines = wanted_lines(letters, options)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder --out {args.out}: {exc.strerror or exc}") from None
    identity = model_identity(config)
    cache = read_cache(args.out / CACHE, args.retry_errors)
    keys = {line["id"]: item_key(line, identity) for line in lines}
    todo = list({keys[line["id"]]: line for line in lines if keys[line["id"]] not in cache}.items())
    model = cache_model(cache, keys.values()) or f"{config.backend}:{config.model}+{config.adapter}"
    if todo:  # else no model to load
        model = enhance_missing(config, todo, cache, args.out / CACHE, progress=args.progress)
    outcomes = {line["id"]: cache[keys[line["id"]]] for line in lines}
    report = build_digest(letters, outcomes, options, model)
    write_digest(report, args.out, plots=args.plots)
    read = report["read"]
    print(f"{args.out}/digest.md: {read['newsletters']} newsletters, {read['items']} items ({read['enhanced']} "
          f"enhanced, {read['failed']} failed, {read['outside_dates']} outside the dates; {len(lines) - len(todo)} "
          f"from the cache), {read['periods']} periods ({time.monotonic() - start:.1f} s)", file=sys.stderr)
    return 0


def enhance_missing(config: ServerConfig, todo: list[tuple[str, dict]], cache: dict[str, dict], path: Path, *,
                    progress: bool) -> str:
    """Enhance `todo` ([(key, line)]) a chunk at a time, each chunk's outcomes appended to the cache
    file and flushed before the next starts; returns the model's id."""
    from tqdm import tqdm

    from .backends import load_backend

    backend = load_backend(config)
    try:
        svc = Enhancer(backend, config)
        size = svc.chunk_size
        with path.open("a", encoding="utf-8") as out, \
                tqdm(total=len(todo), desc="digest", unit="item", file=sys.stderr, disable=not progress) as bar:
            for first in range(0, len(todo), size):
                chunk = todo[first:first + size]
                entries = svc.enhance_entries([model_item(line) for _, line in chunk], 0,
                                              ids=[line["id"] for _, line in chunk])
                for (key, _), entry in zip(chunk, entries):
                    cache[key] = {**entry.model_dump(mode="json", include={"ok", "metadata", "error",
                                                                           "content_truncated"}),
                                  "key": key, "model": backend.model_id}
                    out.write(json.dumps(cache[key], ensure_ascii=False, sort_keys=True) + "\n")
                out.flush()
                bar.update(len(chunk))
        return backend.model_id
    finally:
        backend.close()


def model_identity(config: ServerConfig) -> str:
    settings = {name: getattr(config, name) for name in config.names() if name not in NOT_ANSWER_SETTINGS}
    return json.dumps({"version": __version__, **settings, "files": model_files(config)}, sort_keys=True, default=str)


def model_files(config: ServerConfig) -> dict[str, str]:
    """Fingerprints of the local files the settings point at: sha256 of the adapter and of the files
    beside it that shape answers (relevance head, probe, vocabulary), size and mtime of a base model."""
    from news_core.probe import FILE as PROBE_FILE
    from news_core.relevance_head import FILE as HEAD_FILE
    from news_core.vocabulary import FILE as VOCABULARY

    from .models import resolve_adapter

    files: dict[str, Path] = {}
    adapter = resolve_adapter(config.adapter, config.model) if config.backend == "gguf" else (
        Path(config.adapter).expanduser() if config.backend == "peft" and config.adapter not in ("", "none", "default")
        else None)
    if adapter is not None:
        folder = adapter if adapter.is_dir() else adapter.parent
        files.update({p.name: p for p in ([adapter] if adapter.is_file() else sorted(adapter.glob("adapter_*")))})
        files.update({n: folder / n for n in (HEAD_FILE, PROBE_FILE, VOCABULARY) if (folder / n).is_file()})
    for name in ("relevance_head", "relevance_probe"):
        value = getattr(config, name)
        if value not in ("auto", "off") and Path(value).expanduser().is_file():
            files[name] = Path(value).expanduser()
    out = {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in files.items()}
    if config.model.endswith(".gguf") and Path(config.model).expanduser().is_file():
        stat = Path(config.model).expanduser().stat()
        out["model"] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return out


def item_key(line: dict, identity: str) -> str:
    text = {name: line.get(name) or "" for name in ("title", "content", "source", "url", "published")}
    data = json.dumps([identity, text], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


def read_cache(path: Path, retry_errors: bool = False) -> dict[str, dict]:
    """key -> outcome, the last line for a key winning. A last line cut by a kill is cut off the file (so
    the next line appended starts on a line of its own) and its item runs again."""
    found: dict[str, dict] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return found
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the cache {path}: {exc}: delete it to start over") from None
    complete = text[:text.rfind("\n") + 1]
    if complete != text:
        log.warning("%s: the last line was cut off (a killed run): its item is enhanced again", path)
        path.write_text(complete, encoding="utf-8")
    for line in complete.splitlines():
        try:
            entry = json.loads(line)
            found[entry["key"]] = entry
        except (ValueError, KeyError, TypeError):
            log.warning("%s: a line that cannot be read is left out (its item is enhanced again)", path)
    return {key: e for key, e in found.items() if e.get("ok") or not retry_errors}


def cache_model(cache: dict[str, dict], keys) -> str | None:
    """The model named by the cached outcomes of this run's items (the first, in key order)."""
    return next((cache[key]["model"] for key in sorted(set(keys)) if key in cache and cache[key].get("model")), None)


def main(argv: list[str] | None = None) -> int:
    """`python -m mcp_server.digest_cli`: `news-enhancer digest`, through the one dispatcher."""
    from news_core.cli import main as dispatch

    return dispatch(["digest", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
