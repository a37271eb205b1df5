"""Generation bookkeeping with a fake backend: lines written, errors recorded, resume."""

from __future__ import annotations

import json

import pytest
from test_eval_fakes import FakeBackend, FakeRecord, doc

from evaluation.inputs import load_predictions
from evaluation.predictions import done_ids, generate_predictions
from news_core.errors import InputError

RECORDS = [FakeRecord(f"id-{k}", f"Title {k}", doc(k + 1, f"Summary {k}.", [f"insight {k}"], [])) for k in range(4)]
ANSWERS = {r.title: r.doc for r in RECORDS}


def lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_writes_one_line_per_item_and_records_errors(tmp_path):
    out = tmp_path / "preds.jsonl"
    backend = FakeBackend(ANSWERS, fail={"Title 2"})
    generate_predictions(backend, RECORDS, out)
    rows = lines(out)
    assert [r["id"] for r in rows] == [r.id for r in RECORDS]
    assert rows[0]["parsed"] == RECORDS[0].doc and rows[0]["is_valid_json"] is True
    assert rows[0]["seconds"] >= 0
    failed = rows[2]
    assert failed["parsed"] is None and failed["is_valid_json"] is False
    assert failed["output"] == '{"relevance_score": 11' and "ErrorWithText" in failed["error"]
    preds = load_predictions(out)  # the file is valid `eval score` input
    assert preds["id-0"].is_valid and not preds["id-2"].is_valid


def test_resume_skips_done_ids(tmp_path):
    out = tmp_path / "preds.jsonl"
    first = FakeBackend(ANSWERS)
    generate_predictions(first, RECORDS[:2], out)
    second = FakeBackend(ANSWERS)
    generate_predictions(second, RECORDS, out)
    assert second.calls == ["Title 2", "Title 3"]
    assert [r["id"] for r in lines(out)] == [r.id for r in RECORDS]


def test_resume_after_a_torn_last_line(tmp_path):
    out = tmp_path / "preds.jsonl"
    generate_predictions(FakeBackend(ANSWERS), RECORDS[:2], out)
    with out.open("a") as fh:
        fh.write('{"id": "id-2", "output": "{\\"rel')  # killed mid-write
    assert done_ids(out) == {"id-0", "id-1"}
    backend = FakeBackend(ANSWERS)
    generate_predictions(backend, RECORDS, out)
    assert backend.calls == ["Title 2", "Title 3"]
    assert [r["id"] for r in lines(out)] == [r.id for r in RECORDS]


def test_a_broken_line_in_the_middle_is_an_error(tmp_path):
    out = tmp_path / "preds.jsonl"
    out.write_text('{"id": "a"}\nnot json\n{"id": "b"}\n')
    with pytest.raises(InputError, match=":2:"):
        done_ids(out)
