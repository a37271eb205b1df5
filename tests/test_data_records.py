"""Record model and JSONL loading: valid records round-trip, every bad line is named."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from news_core.contract import parse
from news_core.errors import InputError
from news_core.prompt import RESPONSE_MARKER, render_example
from training_data import DataError, Record, load_jsonl, load_records
from training_data.load import dataset_files, write_jsonl


def raw(**changes):
    doc = {
        "id": "2025-01-21-openai-stargate",
        "title": "**OpenAI unveils Stargate 🚀 (3 minute read)**",
        "content": "OpenAI, SoftBank and Oracle announced a joint AI infrastructure venture.",
        "source": "TLDR AI",
        "published": "2025-01-21",
        "url": "",
        "sponsored": False,
        "annotation": {
            "relevance_score": 9,
            "summary": "A new AI infrastructure venture was announced.",
            "key_insights": ["Big compute build-out"],
            "company_names": ["OpenAI", "SoftBank", "Oracle"],
        },
    }
    doc.update(changes)
    return doc


def write_lines(path, lines):
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def problems_of(exc_info):
    return [(p.line, p.field) for p in exc_info.value.problems]


def test_record_round_trip_and_views(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [raw(), raw(id="b", url="https://github.com/deepseek-ai/DeepSeek-V3")])
    first, second = load_jsonl(path)
    assert first.to_dict() == raw()
    assert json.loads(first.to_json()) == raw()
    assert first.origin == f"{path}:1" and second.origin == f"{path}:2"
    item = first.item()
    assert (item.title, item.content, item.source, item.published, item.id) == (
        raw()["title"],
        raw()["content"],
        "TLDR AI",
        "2025-01-21",
        "2025-01-21-openai-stargate",
    )
    assert first.metadata().company_names == ["OpenAI", "SoftBank", "Oracle"]
    prompt, completion = first.example()
    assert (prompt, completion) == render_example(item, raw()["annotation"])
    assert prompt.endswith(RESPONSE_MARKER) and "Title: **OpenAI unveils Stargate" in prompt
    assert parse(completion) == first.metadata()
    assert second.item().url == "https://github.com/deepseek-ai/DeepSeek-V3" and "github.com" not in second.example()[0]
    out = tmp_path / "copy.jsonl"
    assert write_jsonl([first, second], out) == 2
    assert load_jsonl(out) == [first, second]


def test_every_bad_line_is_named_with_its_field(tmp_path):
    bad_annotation = raw(id="c", annotation={**raw()["annotation"], "relevance_score": 11, "company_names": ["A", "A"]})
    no_title = {k: v for k, v in raw(id="d").items() if k != "title"}
    path = write_lines(
        tmp_path / "bad.jsonl",
        [
            raw(id="a"),
            '{"id": "b", "title": ',  # broken JSON
            bad_annotation,
            no_title,
            raw(id="e", sponsored="false", published="21 Jan 2025", url="www.example.com", extra=1),
            "[1, 2]",
            raw(id="a"),  # duplicate id
        ],
    )
    with pytest.raises(DataError) as info:
        load_jsonl(path)
    found = problems_of(info)
    assert (2, "<json>") in found
    assert (3, "annotation.relevance_score") in found and (3, "annotation.company_names") in found
    assert (4, "title") in found
    assert {(5, "sponsored"), (5, "published"), (5, "url"), (5, "extra")} <= set(found)
    assert (6, "<line>") in found
    assert (7, "id") in found
    message = str(info.value)
    assert f"{path}:3: annotation.relevance_score: 11 is greater than the maximum of 10" in message
    assert f"{path}:4: title: missing (required field)" in message
    assert f"{path}:7: id: duplicate id 'a' (first at {path}:1)" in message
    assert isinstance(info.value, InputError)


def test_load_records_reports_all_files_and_cross_file_duplicates(tmp_path):
    a = write_lines(tmp_path / "part-a.jsonl", [raw(id="x"), raw(id="y", published="2025-02-30")])
    b = write_lines(tmp_path / "part-b.jsonl", ["", raw(id="x"), "   ", raw(id="z")])
    with pytest.raises(DataError) as info:
        load_records([a, b])
    assert [(p.file, p.line, p.field) for p in info.value.problems] == [(str(a), 2, "published"), (str(b), 2, "id")]
    assert "2 problems in the dataset" in str(info.value)
    ok = write_lines(tmp_path / "part-c.jsonl", [raw(id="w")])
    assert [r.id for r in load_records([b, ok])] == ["x", "z", "w"]


def test_blank_lines_are_skipped_and_order_is_file_then_line(tmp_path):
    b = write_lines(tmp_path / "part-b.jsonl", [raw(id="b1"), "", raw(id="b2")])
    a = write_lines(tmp_path / "part-a.jsonl", [raw(id="a1")])
    assert dataset_files(tmp_path) == [a, b]
    assert [r.id for r in load_records(dataset_files(tmp_path))] == ["a1", "b1", "b2"]
    assert [r.origin for r in load_records([b])] == [f"{b}:1", f"{b}:3"]


def test_missing_file_and_no_files_are_errors(tmp_path):
    with pytest.raises(DataError, match="file does not exist"):
        load_records([tmp_path / "nope.jsonl"])
    with pytest.raises(DataError, match="no dataset files were given"):
        load_records([])


def test_record_is_strict_and_immutable():
    record = Record.model_validate(raw())
    with pytest.raises(ValidationError, match="frozen"):
        record.title = "changed"
    with pytest.raises(ValidationError, match="sponsored"):
        Record.model_validate(raw(sponsored=0))
    assert len({record, Record.model_validate(raw())}) == 1
