"""Read records from JSONL files, reporting every bad line (file, line, field) at once."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import DataError, Problem
from .records import Record, parse_record

DATA_DIR = Path(__file__).resolve().parent / "data"


def dataset_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """The shipped dataset: every *.jsonl in `data_dir`, sorted by name."""
    return sorted(data_dir.glob("*.jsonl"))


def load_jsonl(path: str | Path) -> list[Record]:
    """Records of one file; raises DataError listing every bad line and duplicate id."""
    records, problems = _read(Path(path))
    problems += duplicate_id_problems(records)
    if problems:
        raise DataError(problems, f"{len(problems)} problem(s) in {path}")
    return records


def load_records(paths: Iterable[str | Path] | None = None) -> list[Record]:
    """Records of all `paths` (default: the shipped dataset), in file order then line order.

    Raises DataError listing every problem in every file, ids repeated across files included.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = [Path(p) for p in paths] if paths is not None else dataset_files()
    if not files:
        where = "no dataset files were given" if paths is not None else "no *.jsonl dataset files found"
        raise DataError([Problem(str(DATA_DIR) if paths is None else "<paths>", 0, "<files>", where)])
    records: list[Record] = []
    problems: list[Problem] = []
    for path in files:
        found, bad = _read(path)
        records += found
        problems += bad
    problems += duplicate_id_problems(records)
    if problems:
        raise DataError(problems)
    return records


def duplicate_id_problems(records: Sequence[Record]) -> list[Problem]:
    first: dict[str, Record] = {}
    problems = []
    for record in records:
        if record.id in first:
            file, line = split_origin(record.origin)
            problems.append(
                Problem(file, line, "id", f"duplicate id {record.id!r} (first at {first[record.id].origin})")
            )
        else:
            first[record.id] = record
    return problems


def _read(path: Path) -> tuple[list[Record], list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], [Problem(str(path), 0, "<file>", "file does not exist")]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(str(path), 0, "<file>", f"cannot be read as UTF-8 text: {exc}")]
    records: list[Record] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():  # blank lines carry nothing; everything else is a record or an error
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), number, "<json>", f"invalid JSON: {exc.msg} at column {exc.colno}"))
            continue
        record, bad = parse_record(raw, origin=f"{path}:{number}")
        problems += [Problem(str(path), number, field, message) for field, message in bad]
        if record is not None:
            records.append(record)
    return records, problems


def split_origin(origin: str) -> tuple[str, int]:
    file, _, line = origin.rpartition(":")
    return (file, int(line)) if file and line.isdigit() else (origin, 0)


def write_jsonl(records: Iterable[Record], path: str | Path) -> int:
    """Write records as JSONL (UTF-8, one per line); returns how many were written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(record.to_json() + "\n")
            count += 1
    return count
