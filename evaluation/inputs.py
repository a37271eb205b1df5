"""The `eval score` input formats: references and predictions, one JSON object per line.

References: {"id", "relevance_score", "summary", "key_insights", "company_names"} and
optionally "is_sponsored"; the four fields must follow the output contract.

Predictions, either
  {"id", "output": "<raw model text>"}: parsed with json.loads and validated against the
      contract schema here, whatever system produced it (extra keys such as the "parsed" and
      "seconds" written by `generate_predictions` are ignored: the raw text is what is scored);
  {"id", "relevance_score", "summary", "key_insights", "company_names"} with an optional
      "is_valid_json": when the flag is given it decides validity (the producer's own verdict),
      otherwise the fields are checked against the schema.
An invalid prediction is scored as EMPTY (empty lists, empty summary, relevance 0).

`repair=True` (opt-in, `--repair`) passes parsed raw output through `contract.normalise`
(trim strings, drop empty and repeated list entries, cap key_insights) before the schema check,
i.e. scores what the server returns rather than what the model emitted. Off by default: the
validity rate then measures the model's own output, as the reference study defines it.

Files from other tools (evaluation/lenient.py): a score of `9.0` is the integer 9, a score
written as a numeric string (`"9"`) is read as the number and named in a warning, and a bad
line becomes that item's invalid prediction with one warning listing the lines, unless
`strict=True` (`--strict`), which refuses the file as before. Ids may be strings or integers
(the study numbers its items); an integer id is read as its decimal string.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from news_core.contract import FIELDS, normalise, schema_errors
from news_core.errors import InputError
from news_core.prompt import render_completion

from .lenient import load_lenient, read_lines, read_score

EMPTY: dict[str, Any] = {"relevance_score": 0, "summary": "", "key_insights": [], "company_names": []}


@dataclass(frozen=True)
class Reference:
    id: str
    doc: dict[str, Any]  # the four contract fields
    is_sponsored: bool | None = None


@dataclass(frozen=True)
class Prediction:
    id: str
    text: str  # the raw response, used for length statistics
    doc: dict[str, Any] | None  # the four fields when valid, None when invalid
    notes: tuple[str, ...] = ()  # what a lenient read changed (a numeric-string score), for the warning
    score_probs: tuple[float, ...] | None = None  # P(relevance_score = 1..10), when the generator recorded it

    @property
    def is_valid(self) -> bool:
        return self.doc is not None

    def scored_doc(self) -> dict[str, Any]:
        return self.doc if self.doc is not None else EMPTY


def parse_output(text: str | None, repair: bool = False, strict: bool = False) -> dict[str, Any] | None:
    """Raw model text -> the four fields when it parses and matches the schema, else None."""
    return read_output(text, repair, strict)[0]


def read_output(text: str | None, repair: bool = False, strict: bool = False) -> tuple[dict[str, Any] | None, list[str]]:
    """parse_output, plus the notes of what a lenient read changed (see evaluation/lenient.py)."""
    if not isinstance(text, str):
        return None, []
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        return None, []
    notes: list[str] = []
    if isinstance(doc, dict):
        doc, notes = read_score(doc, strict)
        if repair:
            doc = normalise(doc)
    return (doc if not schema_errors(doc) else None), notes


def prediction_from_row(row: dict[str, Any], repair: bool = False, strict: bool = False) -> Prediction:
    """One predictions line -> Prediction; raises ValueError naming the problem."""
    pid = _id_of(row)
    if "output" in row:
        text = row["output"]
        if text is not None and not isinstance(text, str):
            raise ValueError("output: must be a string or null")
        doc, notes = read_output(text, repair, strict)
        return Prediction(pid, text or "", doc, tuple(notes), _score_probs(row))
    missing = [f for f in FIELDS if f not in row]
    if missing:
        raise ValueError(f"{', '.join(missing)}: missing (give either 'output' or all of {', '.join(FIELDS)})")
    doc, notes = read_score({f: row[f] for f in FIELDS}, strict)
    flag = row.get("is_valid_json")
    if flag is None:
        valid = not schema_errors(doc)
    elif isinstance(flag, bool):
        valid = flag
        if valid:
            _check_types(doc)
    else:
        raise ValueError("is_valid_json: must be true, false or absent")
    return Prediction(pid, render_completion(doc), doc if valid else None, tuple(notes))


def _score_probs(row: dict[str, Any]) -> tuple[float, ...] | None:
    """The optional "score_probs" of a line: ten non-negative numbers, else ignored (not a reason to refuse)."""
    probs = row.get("score_probs")
    ok = isinstance(probs, list) and len(probs) == 10 and all(
        isinstance(p, (int, float)) and not isinstance(p, bool) and p >= 0 for p in probs) and sum(probs) > 0
    return tuple(float(p) for p in probs) if ok else None


def invalid_prediction(pid: str, row: Any = None) -> Prediction:
    """What a bad line scores as: an invalid prediction (its raw output kept when it has one)."""
    text = row.get("output") if isinstance(row, dict) else None
    return Prediction(pid, text if isinstance(text, str) else "", None)


def reference_from_row(row: dict[str, Any]) -> Reference:
    rid = _id_of(row)
    doc, _ = read_score({f: row.get(f) for f in FIELDS}, strict=True)  # 9.0 is 9; a string stays wrong
    problems = schema_errors(doc)
    if problems:
        raise ValueError("; ".join(problems))
    flag = row.get("is_sponsored")
    if flag is not None and not isinstance(flag, bool):
        raise ValueError("is_sponsored: must be true, false or absent")
    return Reference(rid, doc, flag)


def load_references(path: str | Path) -> list[Reference]:
    refs = _load(path, reference_from_row)
    if not refs:
        raise InputError(f"{path}: no references")
    return refs


def load_predictions(path: str | Path, repair: bool = False, strict: bool = False) -> dict[str, Prediction]:
    """{id: Prediction}. Lenient by default (a bad line costs its item, with one warning);
    strict refuses the file on any bad line (evaluation/lenient.py)."""
    if strict:
        return {p.id: p for p in _load(path, lambda row: prediction_from_row(row, repair, strict=True))}
    return load_lenient(path, lambda row: prediction_from_row(row, repair), invalid_prediction, _id_of)


def reference_to_row(ref: Reference) -> dict[str, Any]:
    row = {"id": ref.id, **ref.doc}
    if ref.is_sponsored is not None:
        row["is_sponsored"] = ref.is_sponsored
    return row


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed object) for each non-blank line; raises InputError on bad JSON."""
    for number, line in read_lines(path):
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc


def _load(path: str | Path, convert) -> list:
    out, problems, seen = [], [], set()
    for number, row in iter_jsonl(path):
        try:
            if not isinstance(row, dict):
                raise ValueError("<line>: must be a JSON object")
            item = convert(row)
        except ValueError as exc:
            problems.append(f"{path}:{number}: {exc}")
            continue
        if item.id in seen:
            problems.append(f"{path}:{number}: id: {item.id!r} appears more than once")
        seen.add(item.id)
        out.append(item)
    if problems:
        raise InputError(f"{len(problems)} bad line(s):\n" + "\n".join(problems))
    return out


def _id_of(row: dict[str, Any]) -> str:
    rid = row.get("id")
    if isinstance(rid, int) and not isinstance(rid, bool):
        return str(rid)
    if not isinstance(rid, str) or not rid:
        raise ValueError("id: missing or not a non-empty string or an integer")
    return rid


def _check_types(doc: dict[str, Any]) -> None:
    """A prediction flagged valid must at least have the right types to be scored."""
    if not isinstance(doc["relevance_score"], int) or isinstance(doc["relevance_score"], bool):
        raise ValueError("relevance_score: must be an integer when is_valid_json is true")
    if not isinstance(doc["summary"], str):
        raise ValueError("summary: must be a string when is_valid_json is true")
    for key in ("key_insights", "company_names"):
        if not isinstance(doc[key], list) or not all(isinstance(v, str) for v in doc[key]):
            raise ValueError(f"{key}: must be a list of strings when is_valid_json is true")
