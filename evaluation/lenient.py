"""Reading prediction files written by other tools: what counts as a number, and bad lines.

Other tools' files (the reference study's among them) differ from ours in small ways that
should not cost a whole evaluation:
- Integral floats: JSON has one number type, and Python tools write a score of 9 as `9.0`
  (the study's baseline file does, and its metrics score it as 9). `9.0` is read as the
  integer 9 everywhere, with or without --strict: the contract's JSON Schema already accepts
  it as an integer, so only our own type checks refused it.
- Numeric strings: `"relevance_score": "9"` is read as the number. The study's metrics take
  the score as the number its parser returned (its per-item error for the 9.0 above is
  |9 - 10| = 1) and count a parseable answer as valid JSON, so a quoted score is read the
  way its tooling treats scores: as a number, the prediction valid if the rest is. A
  decision of ours (the study's files hold no quoted score). Only an integral value is read
  (`"9"`, `" 9 "`, `"9.0"` -> 9); `"8.5"` or `"nine"` stay strings and leave the prediction
  invalid. Each such line is named in one warning per file, because a model that quotes its
  score does not follow the contract and the reader should know.
- Bad lines (not JSON, not an object, a field missing, a wrong type where the producer said
  the output was valid): the line becomes that item's invalid prediction (scored as empty,
  like any invalid output), and ONE warning per file lists every such line and its problem.
  A line whose id cannot be read cannot be attributed: its item counts as missing, which is
  scored the same way. A repeated id keeps the first line.

`--strict` (EvalConfig.strict) keeps the behaviour from before: numeric strings are left as
they are and any bad line refuses the whole file.
"""

from __future__ import annotations

import json
import logging
import math
import re
from pathlib import Path
from typing import Any, Callable, Iterator

from news_core.errors import InputError

log = logging.getLogger(__name__)
SCORE = "relevance_score"
_ID_IN_BROKEN_LINE = re.compile(r'"id"\s*:\s*(?:"((?:[^"\\]|\\.)+)"|(\d+))')


def read_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of each non-blank line; InputError when the file is missing."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise InputError(f"{path} does not exist") from exc
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield number, line


def integral_number(text: str) -> int | None:
    """The integer a numeric string holds ("9", " 9 ", "9.0"), else None ("8.5", "nine")."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return int(value) if math.isfinite(value) and value.is_integer() else None


def read_score(doc: dict[str, Any], strict: bool = False) -> tuple[dict[str, Any], list[str]]:
    """`doc` with an integral float score as int (always) and, unless strict, a numeric-string
    score as its integer; the second value notes each string that was read as a number."""
    value = doc.get(SCORE)
    if isinstance(value, float) and value.is_integer():
        return {**doc, SCORE: int(value)}, []
    if isinstance(value, str) and not strict:
        number = integral_number(value)
        if number is not None:
            return {**doc, SCORE: number}, [f"{SCORE}: the string {value!r} was read as {number}"]
    return doc, []


def recover_id(line: str) -> str | None:
    """The id of a line that is not valid JSON, when it can still be seen (`"id": "x"` or 7)."""
    found = _ID_IN_BROKEN_LINE.search(line)
    if not found:
        return None
    return found.group(2) if found.group(1) is None else found.group(1)


def load_lenient(path: str | Path, convert: Callable[[Any], Any], invalid: Callable[[str, Any], Any],
                 id_of: Callable[[Any], str]) -> dict[str, Any]:
    """{id: item} from a JSONL file where a bad line costs only its item.

    convert(row) -> item with .id and .notes, raising ValueError on a bad row;
    invalid(id, row or None) -> the item's invalid prediction; id_of(row) -> id or ValueError.
    """
    items: dict[str, Any] = {}
    bad: list[str] = []
    noted: list[str] = []
    for number, line in read_lines(path):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            pid = recover_id(line)
            bad.append(f"line {number}: not valid JSON ({exc.msg})" + _fate(pid, items))
            _keep(items, pid, lambda: invalid(pid, None))
            continue
        try:
            item = convert(row) if isinstance(row, dict) else _not_object()
        except ValueError as exc:
            pid = _safe_id(id_of, row)
            bad.append(f"line {number}: {exc}" + _fate(pid, items))
            _keep(items, pid, lambda: invalid(pid, row))
            continue
        if item.id in items:
            bad.append(f"line {number}: id {item.id!r} appears more than once; the first line is kept")
            continue
        items[item.id] = item
        noted += [f"line {number}: {note}" for note in item.notes]
    _warn(path, bad, noted)
    return items


def _not_object():
    raise ValueError("<line>: must be a JSON object")


def _safe_id(id_of: Callable[[Any], str], row: Any) -> str | None:
    try:
        return id_of(row) if isinstance(row, dict) else None
    except ValueError:
        return None


def _fate(pid: str | None, items: dict[str, Any]) -> str:
    if pid is None:
        return "; no id could be read, so its item counts as missing"
    if pid in items:
        return f"; id {pid!r} appears more than once; the first line is kept"
    return ""


def _keep(items: dict[str, Any], pid: str | None, make: Callable[[], Any]) -> None:
    if pid is not None and pid not in items:
        items[pid] = make()


def _warn(path: str | Path, bad: list[str], noted: list[str]) -> None:
    if bad:
        log.warning("%s: %d bad line(s); each scored as its item's invalid prediction unless said otherwise "
                    "(--strict refuses the file instead):\n  %s", path, len(bad), "\n  ".join(bad))
    if noted:
        log.warning("%s: %s given as a numeric string on %d line(s), read as the number:\n  %s",
                    path, SCORE, len(noted), "\n  ".join(noted))
