"""The server driven by the SDK's own client over a real stdio subprocess, and the raw wire."""

import json
import sys

import anyio
import pytest
from conftest import ROOT, server_env
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from test_hardening_helpers import raw_session

pytestmark = pytest.mark.model  # a server subprocess with the real model; test_server_memory.py is the fast twin
GOOD = {"title": "Anthropic releases Claude 3.7 Sonnet", "content": "Anthropic launched Claude 3.7 Sonnet with an extended thinking mode and a coding agent, Claude Code."}


def params(*args, **env):
    return StdioServerParameters(command=sys.executable, args=["-m", "mcp_server", *args], cwd=str(ROOT), env=server_env(**env))


def run(coro_fn):
    return anyio.run(coro_fn)


@pytest.fixture(scope="module")
def session_results():
    """One server process for the module: list tools, call both, collect what came back."""
    out = {}

    async def main():
        async with Client(params()) as client:
            out["tools"] = (await client.list_tools()).tools
            out["single"] = await client.call_tool("enhance_news_item", GOOD)
            out["empty"] = await client.call_tool("enhance_news_item", {"title": " ", "content": ""})
            out["wrong_type"] = await client.call_tool("enhance_news_item", {"title": 5, "content": ["x"]})
            progress = []

            async def on_progress(p, total, message):
                progress.append((p, total))

            batch = [GOOD, {"title": "", "content": ""}, "not an object", {"id": "mine", **GOOD, "source": "TLDR AI"},
                     {"title": "x", "content": "y", "unexpected": 1}]
            out["batch"] = await client.call_tool("batch_enhance", {"items": batch}, progress_callback=on_progress)
            out["progress"] = progress
            out["empty_batch"] = await client.call_tool("batch_enhance", {"items": []})
            out["huge_content"] = await client.call_tool("enhance_news_item", {"title": "Big", "content": "word " * 200_000})

    run(main)
    return out


def test_tools_are_listed_with_output_schemas(session_results):
    tools = {t.name: t for t in session_results["tools"]}
    assert set(tools) >= {"enhance_news_item", "batch_enhance"}
    for tool in tools.values():
        assert tool.output_schema and tool.output_schema["type"] == "object"
    meta = tools["enhance_news_item"].output_schema
    assert "metadata" in meta["properties"]


def test_single_item_returns_structured_metadata(session_results):
    result = session_results["single"]
    assert not result.is_error
    meta = result.structured_content["metadata"]
    from news_core.contract import validate

    validate(meta)
    assert result.structured_content["content_truncated"] is False


def test_empty_item_is_a_clear_tool_error(session_results):
    result = session_results["empty"]
    assert result.is_error and "empty title and empty content" in result.content[0].text


def test_wrong_types_are_a_tool_error_in_one_plain_sentence(session_results):
    result = session_results["wrong_type"]
    assert result.is_error
    assert result.content[0].text == ("Invalid arguments for enhance_news_item: title must be a string, not an integer; "
                                      "content must be a string, not a list.")


def test_batch_keeps_order_and_isolates_bad_items(session_results):
    result = session_results["batch"]
    assert not result.is_error
    entries = result.structured_content["items"]
    assert [e["index"] for e in entries] == [0, 1, 2, 3, 4]
    assert [e["ok"] for e in entries] == [True, False, False, True, False]
    assert entries[3]["id"] == "mine" and entries[0]["id"] == "item-0"
    assert "empty title" in entries[1]["error"]
    assert "must be an object" in entries[2]["error"]
    assert "unexpected" in entries[4]["error"]
    assert result.structured_content["succeeded"] == 2 and result.structured_content["failed"] == 3


def test_progress_notifications_reach_a_client_that_asks(session_results):
    assert session_results["progress"][-1] == (5, 5)


def test_empty_batch_is_a_clear_error(session_results):
    assert session_results["empty_batch"].is_error
    assert "empty" in session_results["empty_batch"].content[0].text


def test_oversized_content_is_truncated_and_flagged(session_results):
    result = session_results["huge_content"]
    assert not result.is_error
    assert result.structured_content["content_truncated"] is True


def test_batch_over_the_limit_is_rejected_before_any_work():
    async def main():
        async with Client(params(NEWS_ENHANCER_MAX_BATCH_ITEMS="3")) as client:
            return await client.call_tool("batch_enhance", {"items": [GOOD] * 4})

    result = run(main)
    assert result.is_error and "over the limit of 3" in result.content[0].text


def test_stdout_carries_only_json_rpc():
    """Speak the protocol by hand, as a client that waits for its answers before closing stdin
    (closing stdin is the MCP stdio shutdown signal: the server then cancels what is still running)."""
    lines = [json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}}),
             json.dumps({"jsonrpc": "2.0", "id": 3, "method": "tools/call",
                         "params": {"name": "enhance_news_item", "arguments": GOOD}})]
    answers, stderr = raw_session(lines, expect={0, 2, 3}, timeout=300)  # raises on any stray stdout line
    assert {0, 2, 3} <= answers.keys(), stderr[-2000:]
    assert "tools" in answers[2]["result"]
    result = answers[3]["result"]
    assert not result.get("isError") and result["structuredContent"]["metadata"]["relevance_score"] in range(1, 11)
