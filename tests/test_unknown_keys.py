"""What a tool cannot read is refused by name, never dropped: `{"title": ..., "body": ...}` used to
be enhanced from the title alone. Every tool lists its fields with additionalProperties: false, an
unknown key is an error naming it, the accepted fields and the likeliest one; `news-enhancer
enhance` refuses text under a key it does not read and keeps other keys as passthrough.

In memory through the SDK's client (fake backend); test_server_stdio.py::test_unknown_keys_over_stdio
shows the same over a real stdio subprocess. The payloads are other tools' real shapes (callers.py).
"""

import json

import pytest
from callers import (
    MAIL_AND_AGENT_ITEMS,
    NEWS_ANALYST_NEWSLETTER,
    TEXT,
    feed_entries,
)
from support.fake_backend import FakeBackend
from test_enhance_cli import enhance, read_jsonl
from test_server_jobs import all_results, ok, until
from test_server_memory import GOOD, connected, mode, text  # noqa: F401 (mode: a fixture)

from mcp_server.passthrough import line_fields
from news_core.fields import closest

pytestmark = pytest.mark.anyio
ITEM_KEYS = ["title", "content", "source", "url", "published", "id"]
SHAPES = {**MAIL_AND_AGENT_ITEMS, **feed_entries()}


def object_schemas(schema):
    """Every object schema with properties inside `schema`, nested ones included."""
    if isinstance(schema, dict):
        if schema.get("type") == "object" and "properties" in schema:
            yield schema
        for value in schema.values():
            yield from object_schemas(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from object_schemas(value)


async def test_every_input_schema_closes_every_object_it_lists(fake_backend):
    async with connected(fake_backend) as client:
        tools = (await client.list_tools()).tools
    seen = 0
    for tool in tools:
        for schema in object_schemas(tool.input_schema):
            assert schema.get("additionalProperties") is False, tool.name
            seen += 1
    assert seen == len(tools) + 3  # every tool's arguments, the items of batch_enhance and start_batch, newsletter_digest's newsletters


@pytest.mark.parametrize("tool, arguments, named", [
    ("enhance_news_item", {"title": "Weekly roundup", "body": TEXT}, "'body' (did you mean 'content'?)"),
    ("enhance_news_item", {"headline": "Nvidia", "text": TEXT}, "'headline' (did you mean 'title'?), 'text' (did you "
                                                                "mean 'content'?)"),
    ("batch_enhance", {"item": [GOOD]}, "'item' (did you mean 'items'?)"),
    ("enhance_newsletter", NEWS_ANALYST_NEWSLETTER, "'content' (did you mean 'raw'?), 'source', 'email_subject', "
                                                    "'email_date'"),
    ("start_batch", {"items": [GOOD], "priority": 1}, "'priority'"),
    ("batch_status", {"jobid": "x"}, "'jobid' (did you mean 'job_id'?)"),
    ("batch_results", {"job_id": "x", "page": 2}, "'page'"),
    ("cancel_batch", {"job": "x"}, "'job' (did you mean 'job_id'?)"),
])
async def test_an_unknown_argument_is_refused_by_name_on_every_tool(fake_backend, mode, tool, arguments, named):
    async with connected(fake_backend, mode) as client:
        result = await client.call_tool(tool, arguments)
        listed = {t.name: list(t.input_schema["properties"]) for t in (await client.list_tools()).tools}
    assert result.is_error and fake_backend.calls == []
    message = text(result)
    assert message.startswith(f"the call to {tool} has") and named in message, message
    assert message.endswith(f"the accepted arguments are {', '.join(listed[tool])}")


@pytest.mark.parametrize("shape", sorted(SHAPES))
async def test_other_tools_items_in_a_batch_get_their_own_error_naming_their_keys(fake_backend, shape):
    """A client passing a mail tool's messages or a feed's entries on as items: each such item is
    refused by name (the batch goes on), the well-formed one beside it is enhanced."""
    payload = SHAPES[shape]
    async with connected(fake_backend) as client:
        result = await client.call_tool("batch_enhance", {"items": [payload, GOOD]})
    assert not result.is_error, text(result)
    bad, good = result.structured_content["items"]
    assert good["ok"] and not bad["ok"] and fake_backend.calls == [GOOD["title"]]
    unknown = [key for key in payload if key not in ITEM_KEYS]
    assert bad["error"].startswith(f"item 0 has {len(unknown)} fields that are not read: {unknown[0]!r}")
    assert bad["error"].endswith("the accepted fields are title, content, source, url, published, id")


async def test_the_text_key_of_each_shape_gets_its_field_suggested(fake_backend):
    """Where each tool keeps an item's text and headline, and what is suggested for it."""
    async with connected(fake_backend) as client:
        payloads = [SHAPES[name] for name in ("gmail-mcp", "universal-mcp", "gmail-api", "news-analyst",
                                              "feedparser-rss")]
        result = await client.call_tool("batch_enhance", {"items": payloads})
    errors = [entry["error"] for entry in result.structured_content["items"]]
    assert "'subject' (did you mean 'title'?)" in errors[0] and "'body' (did you mean 'content'?)" in errors[0]
    assert "'body_content' (did you mean 'content'?)" in errors[1] and "'subject' (did you mean 'title'?)" in errors[1]
    assert "'snippet' (did you mean 'content'?)" in errors[2]
    assert "'article_title' (did you mean 'title'?)" in errors[3]
    assert "'original_content' (did you mean 'content'?)" in errors[3]
    assert "'link' (did you mean 'url'?)" in errors[4] and "'summary' (did you mean 'content'?)" in errors[4]


async def test_a_job_refuses_an_unknown_item_key_per_item_too(mode):
    backend = FakeBackend()
    async with connected(backend, mode) as client:
        job = (await ok(client, "start_batch", items=[SHAPES["gmail-mcp"], GOOD]))["job_id"]
        await until(client, job, "completed")
        entries = await all_results(client, job, 10)
    assert [e["ok"] for e in entries] == [False, True]
    assert "'body' (did you mean 'content'?)" in entries[0]["error"]


def test_suggestions_for_names_other_tools_use():
    assert [closest(key, ITEM_KEYS) for key in (
        "body", "summary", "snippet", "description", "messageText", "original_content", "article_title", "subject",
        "headline", "source_url", "link", "email_date", "pubDate", "published_parsed", "item_id", "contents", "titel",
    )] == ["content"] * 6 + ["title"] * 3 + ["url"] * 2 + ["published"] * 3 + ["id", "content", "title"]
    assert [closest(key, ITEM_KEYS) for key in ("labelIds", "attachments", "is_sponsored", "sizeEstimate")] == [None] * 4
    assert closest("email_subject", ["raw", "format"]) is None  # a subject is no newsletter, whatever else it names


# --- news-enhancer enhance: the keys of a JSONL line

def test_a_line_whose_text_is_under_a_key_not_read_is_its_own_error():
    cases = {
        "gmail-mcp": ("subject", "body", "snippet"), "universal-mcp": ("subject", "body_content"),
        "gmail-api": ("snippet",), "news-analyst": ("article_title", "original_content", "truncated_content"),
        "feedparser-rss": ("summary", "summary_detail"),
    }
    for shape, named in cases.items():
        split = line_fields(SHAPES[shape], 7)
        assert split.error and split.error.startswith("item 7 has"), shape
        for key in named:
            assert f"{key!r} (did you mean" in split.error, (shape, key)
        assert set(split.passthrough).isdisjoint(named)  # what is named is not kept as well
        assert set(split.passthrough) | set(named) | set(split.item) == set(SHAPES[shape])


def test_keys_with_no_text_beside_title_and_content_are_kept_as_passthrough():
    line = {"title": "Nvidia", "content": TEXT, "labels": ["ai"], "date": "2025-06-10", "summary": "short",
            "threadId": "18f2"}
    split = line_fields(line, 1)
    assert split.error is None and split.item == {"title": "Nvidia", "content": TEXT}
    assert split.passthrough == {"labels": ["ai"], "date": "2025-06-10", "summary": "short", "threadId": "18f2"}
    only_unread = line_fields({"labels": ["ai"], "score": 3}, 2)
    assert only_unread.error.startswith("item 2 has no title or content, only fields that are not read: 'labels'")


def test_enhance_writes_passthrough_and_refuses_unread_text(monkeypatch, tmp_path):
    rows = [{"title": "Nvidia", "content": TEXT, "labels": ["ai"], "date": "2025-06-10"}, SHAPES["gmail-mcp"],
            SHAPES["feedparser-atom"], {"title": "Plain", "content": "No extra keys."}]
    code, out = enhance(monkeypatch, tmp_path, FakeBackend(), rows=rows)
    results = read_jsonl(out)
    assert code == 0 and [r["ok"] for r in results] == [True, False, False, True]
    assert results[0]["passthrough"] == {"labels": ["ai"], "date": "2025-06-10"}
    assert "'body' (did you mean 'content'?)" in results[1]["error"] and results[1]["passthrough"]["labelIds"]
    assert "content must be a string, not a list" in results[2]["error"]  # feedparser's content is a list
    assert "passthrough" not in results[3]
    assert json.loads(out.read_text().splitlines()[0])["passthrough"]["labels"] == ["ai"]


def test_the_docs_example_lines_give_the_documented_results(monkeypatch, tmp_path):
    """docs/input-fields.md: its two input lines through enhance give the result lines it shows."""
    import re

    from conftest import ROOT

    page = (ROOT / "docs" / "input-fields.md").read_text(encoding="utf-8")
    inputs, outputs = (block.splitlines() for block in re.findall(r"```json\n(.*?)```", page, re.S))
    code, out = enhance(monkeypatch, tmp_path, FakeBackend(), rows=[json.loads(line) for line in inputs])
    results = read_jsonl(out)
    assert code == 0
    for result, shown in zip(results, map(json.loads, outputs), strict=True):
        assert {key: result.get(key) for key in shown} == shown


async def test_the_docs_refusal_is_the_servers_own_words(fake_backend):
    from conftest import ROOT

    page = (ROOT / "docs" / "input-fields.md").read_text(encoding="utf-8")
    shown = next(line for line in page.splitlines() if line.startswith("the call to enhance_news_item"))
    async with connected(fake_backend) as client:
        result = await client.call_tool("enhance_news_item", {"title": "Weekly roundup", "body": TEXT})
    assert result.is_error and text(result) == shown
