"""The v2 importer: crafted rows with and without metadata, failures, and the 364 real seed rows."""

from __future__ import annotations

import email.utils
import json
from pathlib import Path

import pytest

from news_core.contract import FIELDS
from news_core.items import NewsItem
from training_data import DataError, import_v2

SEED = Path(__file__).resolve().parents[2] / "shared/seed_data/news_train_data.jsonl"
USER = (
    "Analyze this newsletter item:\n\nTitle: {title}\nContent: {content}\n\nProvide a JSON response with:\n"
    "- relevance_score (1-10): How relevant is this to tech professionals?\n- summary: One-sentence summary"
)


def row(
    title="**Cursor raises a big round **",
    content="Anysphere, maker of Cursor, raised money.",
    annotation=None,
    metadata=True,
    **meta,
):
    annotation = annotation or {
        "relevance_score": 7,
        "summary": "",
        "key_insights": ["Funding", "AI Coding"],
        "company_names": ["Cursor"],
    }
    doc = {
        "messages": [
            {"role": "user", "content": USER.format(title=title, content=content[:20])},
            {"role": "assistant", "content": json.dumps(annotation, indent=2)},
        ]
    }
    if metadata:
        doc["metadata"] = {
            "item_id": "abc_001",
            "article_title": title,
            "original_content": content,
            "truncated_content": content[:20],
            "source": "TLDR AI",
            "email_date": "Mon, 9 Dec 2024 14:11:51 +0000",
            "source_url": "https://example.com/a",
            "is_sponsored": False,
            **meta,
        }
        doc["annotation"] = {"relevance_score": 7, "topics": ["Funding"], "companies": ["Cursor"], "quality": 9}
    return doc


def write(path, rows):
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def test_row_with_metadata_is_imported_faithfully(tmp_path):
    report = import_v2(write(tmp_path / "v2.jsonl", [row()]))
    (record,) = report.records
    assert record.to_dict() == {
        "id": "abc_001",
        "title": "**Cursor raises a big round **",
        "content": "Anysphere, maker of Cursor, raised money.",
        "source": "TLDR AI",
        "published": "2024-12-09",
        "url": "https://example.com/a",
        "sponsored": False,
        "annotation": {
            "relevance_score": 7,
            "summary": "",
            "key_insights": ["Funding", "AI Coding"],
            "company_names": ["Cursor"],
        },
    }
    assert (report.rows, report.normalised, report.failed) == (1, [], 0)
    assert report.summary() == "1 rows: 1 imported, 0 normalised, 0 failed"


def test_dates_use_the_emails_own_time_zone_and_may_be_missing(tmp_path):
    rows = [row(email_date="Tue, 31 Dec 2024 23:30:00 -0800", item_id="late"), row(email_date="", item_id="none")]
    late, none = import_v2(write(tmp_path / "v2.jsonl", rows)).records
    assert late.published == "2024-12-31" and none.published == ""


def test_row_with_only_messages(tmp_path):
    rows = [row(metadata=False), row(title="**Try our vector DB (Sponsor)**", content="Fast search.", metadata=False)]
    first, ad = import_v2(write(tmp_path / "v2.jsonl", rows)).records
    assert (first.title, first.content) == ("**Cursor raises a big round **", "Anysphere, maker of ")
    assert first.id == NewsItem(title=first.title, content=first.content).item_id()
    assert (first.source, first.published, first.url, first.sponsored) == ("", "", "", False)
    assert ad.sponsored is True
    again = import_v2(write(tmp_path / "again.jsonl", rows)).records
    assert [r.id for r in again] == [first.id, ad.id]


def test_annotations_are_normalised_and_counted_extra_keys_reported(tmp_path):
    messy = {
        "relevance_score": 6,
        "summary": "  A summary.  ",
        "key_insights": ["Tag", " Tag ", ""],
        "company_names": [" Google", "Google"],
        "action_items": ["Read it"],
    }
    report = import_v2(write(tmp_path / "v2.jsonl", [row(annotation=messy), row(item_id="clean")]))
    assert report.normalised == ["abc_001"]
    assert report.records[0].annotation.model_dump() == {
        "relevance_score": 6,
        "summary": "A summary.",
        "key_insights": ["Tag"],
        "company_names": ["Google"],
    }
    assert report.dropped_keys == {"action_items": 1}
    assert "1 normalised" in report.summary() and "action_items (1)" in report.summary()


def test_failures_name_file_line_and_field(tmp_path):
    bad_score = {"relevance_score": 11, "summary": "", "key_insights": [], "company_names": []}
    no_summary = {"relevance_score": 3, "key_insights": [], "company_names": []}
    broken_answer = row(item_id="x3")
    broken_answer["messages"][1]["content"] = "{not json"
    rows = [
        row(item_id="x1"),
        "{oops",
        row(annotation=bad_score, item_id="x2"),
        broken_answer,
        row(annotation=no_summary, item_id="x4"),
        row(item_id="x5", email_date="yesterday"),
        {
            "messages": [
                {"role": "user", "content": "no item here"},
                {"role": "assistant", "content": json.dumps(bad_score)},
            ]
        },
        row(item_id="x1"),
        {"metadata": {}},
    ]
    path = write(tmp_path / "v2.jsonl", rows)
    report = import_v2(path, strict=False)
    found = {(p.line, p.field) for p in report.problems}
    assert {
        (2, "<json>"),
        (3, "messages[1].content.relevance_score"),
        (4, "messages[1].content"),
        (5, "messages[1].content.summary"),
        (6, "metadata.email_date"),
        (7, "metadata.article_title"),
        (7, "metadata.original_content"),
        (8, "metadata.item_id"),
        (9, "messages"),
        (9, "metadata.article_title"),
        (9, "metadata.original_content"),
    } == found
    assert [r.id for r in report.records] == ["x1"] and report.failed == 8
    assert f"{path}:6: metadata.email_date: not an RFC 2822 date: 'yesterday'" in [str(p) for p in report.problems]
    with pytest.raises(DataError, match=r"8 of 9 rows of .* cannot be imported"):
        import_v2(path)


@pytest.mark.skipif(not SEED.exists(), reason=f"seed data not found at {SEED}")
def test_the_364_real_seed_rows_import_intact():
    rows = [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    report = import_v2(SEED)
    assert (len(rows), len(report.records), report.failed) == (364, 364, 0)
    for source, record in zip(rows, report.records, strict=True):
        meta = source["metadata"]
        answer = json.loads(source["messages"][1]["content"])
        assert record.id == meta["item_id"]
        assert record.title == meta["article_title"] and record.content == meta["original_content"]
        assert record.published == email.utils.parsedate_to_datetime(meta["email_date"]).date().isoformat()
        assert (record.source, record.url, record.sponsored) == (
            meta["source"],
            meta["source_url"],
            meta["is_sponsored"],
        )
        assert record.annotation.model_dump() == {key: answer[key] for key in FIELDS}
    assert len(report.normalised) == 0
    assert sum(r.sponsored for r in report.records) == 18
