"""Generate predictions with a loaded backend: one JSONL line per item, resumable.

Line format: {"id", "output": raw text or null, "parsed": the backend's metadata or null,
"is_valid_json": whether the raw output parses and matches the schema (what the metrics
count), "seconds", "error" when the backend raised, and "score_probs" (P(relevance_score = 1..10))
when the backend reads the score distribution}. Lines are flushed as they are
written; a rerun skips the ids already in the file, so an interrupted run resumes.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

from news_core.errors import ContractError, InputError, ModelError
from news_core.prompt import render_prompt

from .inputs import parse_output

log = logging.getLogger(__name__)


def done_ids(path: Path) -> set[str]:
    """Ids already in a predictions file. A torn last line (killed mid-write) is cut off;
    a broken line anywhere else is an error, never skipped."""
    if not path.exists():
        return set()
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    ids: set[str] = set()
    keep = 0  # bytes of intact content
    for number, line in enumerate(lines, 1):
        last = number == len(lines)
        if not line.strip():
            keep += len(line) + (0 if last else 1)
            continue
        try:
            row = json.loads(line)
            ids.add(row["id"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            if last:
                log.warning("%s: dropping an incomplete last line left by an interrupted run", path)
                break
            raise InputError(f"{path}:{number}: not a prediction line ({exc}); fix or delete the file") from exc
        keep += len(line) + (0 if last else 1)
    if keep < len(raw):
        with path.open("r+b") as fh:
            fh.truncate(keep)
    if keep and not raw[:keep].endswith(b"\n"):
        with path.open("ab") as fh:
            fh.write(b"\n")
    return ids


def _raw_text(exc: Exception) -> str | None:
    for attr in ("text", "raw", "output", "raw_text"):
        value = getattr(exc, attr, None)
        if isinstance(value, str):
            return value
    return None


def predict_one(backend, record, timeout_s: float | None = None) -> dict[str, Any]:
    prompt = render_prompt(record.item())
    start = time.monotonic()
    deadline = start + timeout_s if timeout_s else None
    row: dict[str, Any] = {"id": record.id}
    try:
        generation = backend.generate(prompt, deadline=deadline)
        row.update(output=generation.text, parsed=generation.metadata.model_dump())
        if generation.score_probs is not None:
            row["score_probs"] = generation.score_probs
    except (ModelError, ContractError) as exc:
        row.update(output=_raw_text(exc), parsed=None, error=f"{type(exc).__name__}: {exc}")
    row["is_valid_json"] = parse_output(row["output"]) is not None
    row["seconds"] = round(time.monotonic() - start, 3)
    return row


def generate_predictions(backend, records: Sequence, out_path: str | Path, *, timeout_s: float | None = None,
                         label: str = "generate") -> Path:
    """Write one prediction line per record into `out_path`, skipping ids already there."""
    from tqdm import tqdm

    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    done = done_ids(out)
    todo = [r for r in records if r.id not in done]
    if done:
        log.info("%s: %d of %d items already predicted, resuming", out, len(records) - len(todo), len(records))
    with out.open("a", encoding="utf-8") as fh:
        for record in tqdm(todo, desc=label, unit="item", total=len(todo)):
            fh.write(json.dumps(predict_one(backend, record, timeout_s), ensure_ascii=False) + "\n")
            fh.flush()
    return out


def selected(records: Iterable, limit: int | None) -> list:
    records = list(records)
    return records[:limit] if limit else records
