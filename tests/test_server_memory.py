"""The real MCP server, in memory, through the SDK's own Client, serving the fake backend.

What the tools do around the model (listing and schemas, results, per-item errors, limits) in
milliseconds, on both ways the SDK connects: "auto" (the 2026 protocol, no handshake) and
"legacy" (JSON-RPC messages and the initialize handshake, as on stdio). test_server_stdio.py
shows the same server as a subprocess with the real model.
"""

from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from mcp import Client
from support.fake_backend import FakeBackend

from mcp_server.config import ServerConfig
from newsletters import split_newsletter
from mcp_server.server import create_server
from news_core.contract import FIELDS, validate
from news_core.errors import ModelError

pytestmark = pytest.mark.anyio
ENHANCING = {"enhance_news_item", "batch_enhance", "enhance_newsletter", "newsletter_digest"}
JOB_TOOLS = {"start_batch", "batch_status", "batch_results", "cancel_batch"}
TOOLS = ENHANCING | JOB_TOOLS
GOOD = {"title": "Anthropic releases Claude 3.7 Sonnet", "content": "Anthropic launched a model. It has a coding agent."}
SAMPLE = Path(__file__).resolve().parents[1] / "mcp_server" / "samples" / "newsletters" / "tldr-ai-2025-06-10.txt"


@pytest.fixture(params=["auto", "legacy"])
def mode(request):
    return request.param


@asynccontextmanager
async def connected(backend, mode="auto", **settings):
    """A Client talking in memory to the real server (create_server) that serves `backend`."""
    async with Client(create_server(ServerConfig(**settings), backend), mode=mode) as client:
        yield client


async def call(backend, mode, tool, args, **settings):
    async with connected(backend, mode, **settings) as client:
        return await client.call_tool(tool, args)


def text(result) -> str:
    return result.content[0].text


async def test_tools_are_listed_with_their_schemas(fake_backend, mode):
    async with connected(fake_backend, mode) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    assert set(tools) == TOOLS
    item = tools["enhance_news_item"]
    assert set(item.input_schema["properties"]) == {"title", "content", "source", "url", "published", "id"}
    assert all(p["description"] for p in item.input_schema["properties"].values())
    assert tools["batch_enhance"].input_schema["required"] == ["items"]
    assert tools["enhance_newsletter"].input_schema["required"] == ["raw"]
    for tool in tools.values():
        assert tool.title and tool.description and tool.output_schema["type"] == "object"
    metadata = item.output_schema["$defs"]["NewsMetadata"]
    assert set(metadata["required"]) == set(FIELDS)


@pytest.mark.parametrize("backend_name, open_world", [("gguf", False), ("peft", False), ("openai", True)])
async def test_every_tool_is_annotated_and_open_world_only_when_text_leaves(fake_backend, backend_name, open_world):
    """Without hints a client must assume a tool may be destructive and open-world (MCP spec). The
    enhancing tools and the job readers only read; start_batch starts work, cancel_batch ends it, and
    newsletter_digest starts a job when asked to (job=true)."""
    async with Client(create_server(ServerConfig(backend=backend_name), fake_backend)) as client:
        tools = (await client.list_tools()).tools
    expected = {"start_batch": (False, False, False), "cancel_batch": (False, True, True),
                "newsletter_digest": (False, False, False)}
    for tool in tools:
        hints = tool.annotations
        assert (hints.read_only_hint, hints.destructive_hint, hints.idempotent_hint) == expected.get(
            tool.name, (True, False, True)), tool.name
        assert hints.open_world_hint is open_world and hints.title == tool.title


async def test_batch_items_and_newsletter_format_have_typed_schemas(fake_backend):
    """A model building a call sees the item fields and the refusal limits this server runs with,
    and the formats it may name; the server tells who it is."""
    async with connected(fake_backend, max_source_chars=50, max_batch_items=7) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        info = client.server_info
    items = tools["batch_enhance"].input_schema["properties"]["items"]
    assert items["maxItems"] == 7 and items["items"]["type"] == "object"
    fields = items["items"]["properties"]
    assert set(fields) == {"title", "content", "source", "url", "published", "id"}
    assert fields["source"]["maxLength"] == 50 and "maxLength" not in fields["content"]  # content is cut, not refused
    fmt = tools["enhance_newsletter"].input_schema["properties"]["format"]
    assert fmt["enum"] == ["", "text", "markdown", "html", "email"]
    assert info.title == "News Enhancer" and info.description


async def test_a_malformed_item_still_gets_its_own_entry_despite_the_typed_schema(fake_backend):
    result = await call(fake_backend, "auto", "batch_enhance", {"items": [GOOD, "not an object", {"title": 5}]})
    assert not result.is_error, text(result)
    entries = result.structured_content["items"]
    assert [e["ok"] for e in entries] == [True, False, False]


async def test_one_item_gets_schema_valid_metadata_and_its_id(fake_backend, mode):
    result = await call(fake_backend, mode, "enhance_news_item", {**GOOD, "id": "mine"})
    assert not result.is_error, text(result)
    out = result.structured_content
    validate(out["metadata"])
    assert (out["id"], out["model"], out["content_truncated"]) == ("mine", "fake-model", False)
    assert out["metadata"]["summary"] == GOOD["title"], "the metadata is the answer for this very item"


@pytest.mark.parametrize("args, message", [
    ({"title": " ", "content": ""}, "empty title and empty content"),
    ({"title": 5, "content": ["x"]}, "Invalid arguments for enhance_news_item: title must be a string, not an integer; "
                                     "content must be a string, not a list."),
    ({**GOOD, "source": "s" * 201}, "source is 201 characters, over the limit of 200 (max_source_chars)"),
])
async def test_bad_item_is_a_tool_error_naming_the_problem(fake_backend, mode, args, message):
    result = await call(fake_backend, mode, "enhance_news_item", args, max_source_chars=200)
    assert result.is_error and message in text(result)
    assert fake_backend.calls == [], "a refused item must never reach the model"


@pytest.mark.parametrize("field", ["source", "published", "url", "id"])
async def test_each_refused_when_longer_field_names_itself_and_its_setting(fake_backend, mode, field):
    """Alone it is a tool error; in a batch, that item's own error."""
    settings = {f"max_{field}_chars": 10}
    message = f"{field} is 11 characters, over the limit of 10 (max_{field}_chars)"
    alone = await call(fake_backend, mode, "enhance_news_item", {**GOOD, field: "x" * 11}, **settings)
    assert alone.is_error and message in text(alone)
    batch = await call(fake_backend, mode, "batch_enhance", {"items": [{**GOOD, field: "x" * 11}, GOOD]}, **settings)
    first, second = batch.structured_content["items"]
    assert message in first["error"] and second["ok"]


async def test_model_failure_of_one_item_is_a_tool_error(mode):
    backend = FakeBackend(fail={GOOD["title"]: ModelError("no valid answer within max_tokens")})
    result = await call(backend, mode, "enhance_news_item", GOOD)
    assert result.is_error and "no valid answer within max_tokens" in text(result)


async def test_batch_keeps_order_and_gives_each_failure_its_own_entry(mode):
    backend = FakeBackend(fail={"Broken": ModelError("model gave up"), "Buggy": RuntimeError("boom")})
    items = [GOOD, {"title": "", "content": ""}, "not an object", {"id": "mine", **GOOD}, {"title": "x", "unexpected": 1},
             {"title": "Broken", "content": "c"}, {"title": "Buggy", "content": "c"}]
    result = await call(backend, mode, "batch_enhance", {"items": items})
    assert not result.is_error, text(result)
    out = result.structured_content
    entries = out["items"]
    assert [e["index"] for e in entries] == list(range(7))
    assert [e["ok"] for e in entries] == [True, False, False, True, False, False, False]
    assert [e["id"] for e in entries[:4]] == ["item-0", "item-1", "item-2", "mine"]
    errors = [e["error"] for e in entries]
    assert "empty title" in errors[1] and "must be an object" in errors[2] and "unexpected" in errors[4]
    assert errors[5] == "model gave up" and errors[6] == "internal error: RuntimeError: boom"
    assert (out["succeeded"], out["failed"], out["model"]) == (2, 5, "fake-model")
    assert entries[0]["metadata"] == entries[3]["metadata"], "the same item gets the same answer"


@pytest.mark.parametrize("items, message", [([], "items is empty"), ([GOOD] * 4, "over the limit of 3")])
async def test_empty_or_oversized_batch_is_refused_before_any_work(fake_backend, mode, items, message):
    result = await call(fake_backend, mode, "batch_enhance", {"items": items}, max_batch_items=3)
    assert result.is_error and message in text(result)
    assert fake_backend.calls == []


async def test_long_content_is_cut_and_flagged(fake_backend, mode):
    result = await call(fake_backend, mode, "enhance_news_item", {"title": "Big", "content": "word " * 5000},
                        max_content_chars=100)
    assert result.structured_content["content_truncated"] is True


async def test_content_is_cut_by_tokens_until_the_prompt_fits(mode):
    """A backend that knows its context: the service bisects the content to fit, and flags it."""
    backend = FakeBackend(max_prompt_tokens=200)
    result = await call(backend, mode, "enhance_news_item", {"title": "Dense", "content": "字" * 2000})
    assert not result.is_error, text(result)
    assert result.structured_content["content_truncated"] is True


async def test_newsletter_items_come_back_in_order_each_with_its_outcome(mode):
    raw = SAMPLE.read_text(encoding="utf-8")
    expected = split_newsletter(raw).items
    backend = FakeBackend(fail={expected[1].title: ModelError("model gave up")})
    result = await call(backend, mode, "enhance_newsletter", {"raw": raw})
    assert not result.is_error, text(result)
    out = result.structured_content
    assert [(e["index"], e["id"], e["title"]) for e in out["items"]] == [
        (n, f"nl-{n + 1}", item.title) for n, item in enumerate(expected)]
    assert [e["ok"] for e in out["items"]] == [n != 1 for n in range(len(expected))]
    assert out["items"][1]["error"] == "model gave up"
    assert (out["succeeded"], out["failed"], out["format"]) == (len(expected) - 1, 1, "text")


async def test_newsletter_items_over_the_limit_each_get_an_error_entry(fake_backend, mode):
    raw = SAMPLE.read_text(encoding="utf-8")
    total = len(split_newsletter(raw).items)
    result = await call(fake_backend, mode, "enhance_newsletter", {"raw": raw}, max_newsletter_items=2)
    entries = result.structured_content["items"]
    assert len(entries) == total > 2 and [e["ok"] for e in entries[:2]] == [True, True]
    assert all(not e["ok"] and "max_newsletter_items" in e["error"] for e in entries[2:])
    assert len(fake_backend.calls) == 2


async def test_unknown_newsletter_format_is_a_tool_error(fake_backend, mode):
    result = await call(fake_backend, mode, "enhance_newsletter", {"raw": "Hello", "format": "pdf"})
    assert result.is_error and "format" in text(result)


async def test_no_tool_description_carries_indentation_or_trailing_spaces(fake_backend):
    """Clients show the description as it is: a docstring's indentation would show as well."""
    async with connected(fake_backend) as client:
        tools = (await client.list_tools()).tools
    for tool in tools:
        for line in tool.description.splitlines():
            assert line == line.strip(), (tool.name, line)
        assert "  " not in tool.description and tool.description.strip() == tool.description, tool.name
