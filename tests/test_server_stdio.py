"""The server driven by the SDK's own client over a real stdio subprocess, and the raw wire."""

import json
import sys

import anyio
import pytest
from conftest import ROOT, server_env
from contract_suite import GOOD, ContractSuite, collect
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from test_hardening_helpers import raw_session

pytestmark = pytest.mark.model  # a server subprocess with the real model; test_server_memory.py is the fast twin


def params(*args, **env):
    return StdioServerParameters(command=sys.executable, args=["-m", "mcp_server", *args], cwd=str(ROOT), env=server_env(**env))


def run(coro_fn):
    return anyio.run(coro_fn)


@pytest.fixture(scope="module")
def session_results():
    """One server process for the module: the contract suite's calls, collected."""
    async def main():
        async with Client(params()) as client:
            return await collect(client)

    return run(main)


class TestStdioContract(ContractSuite):
    """tests/contract_suite.py over a real stdio subprocess; test_server_http.py runs it over HTTP."""


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


def test_unknown_keys_over_stdio():
    """tests/test_unknown_keys.py over a real stdio subprocess: the published schemas are closed, an
    unknown argument is refused by name before any model work, and a mail tool's message in a batch
    gets its own error naming its keys while the item beside it is enhanced."""
    from callers import GMAIL_MCP_MESSAGE, TEXT

    async def main():
        async with Client(params()) as client:
            tools = (await client.list_tools()).tools
            refused = await client.call_tool("enhance_news_item", {"title": "Weekly roundup", "body": TEXT})
            batch = await client.call_tool("batch_enhance", {"items": [GMAIL_MCP_MESSAGE, GOOD]})
            return tools, refused, batch

    tools, refused, batch = run(main)
    assert all(t.input_schema["additionalProperties"] is False for t in tools)
    assert all("\n " not in t.description and t.description == t.description.strip() for t in tools)
    assert refused.is_error and "'body' (did you mean 'content'?)" in refused.content[0].text
    bad, good = batch.structured_content["items"]
    assert not bad["ok"] and "'subject' (did you mean 'title'?)" in bad["error"] and good["ok"]
