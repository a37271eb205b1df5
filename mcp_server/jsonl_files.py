"""The files of `news-enhancer enhance`: items in, one result line per item out, and what a
resumed run finds already done.

An item's key (the `id` of its result line) is its own id when it has a usable one (a non-blank
string within max_id_chars, as batch_enhance echoes), else `item-<12 hex>` from its title and
content (what enhance_news_item answers with), else `line-<n>` for a line that is no JSON object.
A key seen before in the same file gets `#2`, `#3`, ... in file order, so every line has its own.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from news_core.errors import InputError

from .service import given_id

log = logging.getLogger(__name__)


@dataclass
class Line:
    number: int  # 1-based line number in the input file
    key: str
    raw: Any = None  # the parsed JSON value
    error: str | None = None  # why the line could not be read as JSON


def read_items(path: Path, max_id_chars: int) -> list[Line]:
    """Every non-blank line of a JSONL file, parsed, with its key; unreadable lines keep their error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_items(data, max_id_chars)


def parse_items(data: bytes, max_id_chars: int) -> list[Line]:
    """read_items on bytes already read (standard input)."""
    lines, seen = [], {}
    for number, chunk in enumerate(data.split(b"\n"), start=1):
        if not chunk.strip():
            continue
        raw, error = _parse(chunk, number)
        key = _key(raw, number, max_id_chars) if error is None else f"line-{number}"
        seen[key] = seen.get(key, 0) + 1
        lines.append(Line(number, key if seen[key] == 1 else f"{key}#{seen[key]}", raw, error))
    return lines


def _parse(chunk: bytes, number: int) -> tuple[Any, str | None]:
    try:
        text = chunk.decode("utf-8").removeprefix("\ufeff")  # a BOM from Windows editors
    except UnicodeDecodeError as exc:
        return None, f"item {number} is not UTF-8 text (byte {exc.start + 1} of the line); save the file as UTF-8"
    try:
        return json.loads(text), None
    except ValueError as exc:  # RecursionError is no ValueError: a line nested that deep is refused too
        return None, f"item {number} is not valid JSON ({exc}); write one item object per line"
    except RecursionError:
        return None, f"item {number} is nested too deeply to read; write one flat item object per line"


def _key(raw: Any, number: int, max_id_chars: int) -> str:
    if not isinstance(raw, dict):
        return f"line-{number}"
    if (own := given_id(raw, max_id_chars)) is not None:
        return own
    title, content = (v if isinstance(v := raw.get(name), str) else "" for name in ("title", "content"))
    digest = hashlib.sha1(f"{title}\n{content}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"item-{digest[:12]}"  # NewsItem.item_id's rule, so a key matches enhance_news_item's id


def read_done(path: Path, retry_errors: bool = False) -> set[str]:
    """The keys that already have a result line in `path`. An unfinished last line (a killed run)
    is cut off first; with `retry_errors` the failed items' lines are removed, so they run again."""
    if not path.exists():
        return set()
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
        log.warning("%s: dropped an unfinished last line (an interrupted run); its item runs again", path)
        with path.open("r+b") as out:
            out.truncate(keep)
        data = data[:keep]
    results = [_result(line, n, path) for n, line in enumerate(data.splitlines(), start=1) if line.strip()]
    if retry_errors and not all(r["ok"] for r in results):
        kept = path.with_name(f".{path.name}.retry")
        kept.write_text("".join(result_line(r) for r in results if r["ok"]), encoding="utf-8")
        kept.replace(path)
        results = [r for r in results if r["ok"]]
    return {r["id"] for r in results}


def _result(line: bytes, number: int, path: Path) -> dict:
    try:
        result = json.loads(line)
    except ValueError:
        result = None
    if not (isinstance(result, dict) and isinstance(result.get("id"), str) and isinstance(result.get("ok"), bool)):
        raise InputError(f"{path} line {number} is not a result line of news-enhancer enhance; "
                         "fix or remove it, or write to another --out file")
    return result


def result_line(result: dict) -> str:
    """One JSON line; non-ASCII text as itself unless it cannot be written as UTF-8 (a lone surrogate)."""
    text = json.dumps(result, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(result)
    return text + "\n"
