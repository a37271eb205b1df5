"""The tools' contract, asserted the same way over every transport (stdio, Streamable HTTP).

`collect` drives one connected client through the calls; a test class that subclasses
ContractSuite provides a module-scoped `session_results` fixture holding what it gathered.
"""

GOOD = {"title": "Anthropic releases Claude 3.7 Sonnet",
        "content": ("Anthropic launched Claude 3.7 Sonnet with an extended thinking mode and a coding agent, "
                    "Claude Code.")}


async def collect(client) -> dict:
    """List tools, call each the contract covers, and return what came back, by name."""
    out = {}
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
    return out


class ContractSuite:
    """The assertions; not collected itself (no Test prefix), only through its subclasses."""

    def test_tools_are_listed_with_output_schemas(self, session_results):
        tools = {t.name: t for t in session_results["tools"]}
        assert set(tools) >= {"enhance_news_item", "batch_enhance"}
        for tool in tools.values():
            assert tool.output_schema and tool.output_schema["type"] == "object"
        meta = tools["enhance_news_item"].output_schema
        assert "metadata" in meta["properties"]

    def test_single_item_returns_structured_metadata(self, session_results):
        result = session_results["single"]
        assert not result.is_error
        meta = result.structured_content["metadata"]
        from news_core.contract import validate

        validate(meta)
        assert result.structured_content["content_truncated"] is False

    def test_empty_item_is_a_clear_tool_error(self, session_results):
        result = session_results["empty"]
        assert result.is_error and "empty title and empty content" in result.content[0].text

    def test_wrong_types_are_a_tool_error_in_one_plain_sentence(self, session_results):
        result = session_results["wrong_type"]
        assert result.is_error
        assert result.content[0].text == ("Invalid arguments for enhance_news_item: title must be a string, not an "
                                          "integer; content must be a string, not a list.")

    def test_batch_keeps_order_and_isolates_bad_items(self, session_results):
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

    def test_progress_notifications_reach_a_client_that_asks(self, session_results):
        assert session_results["progress"][-1] == (5, 5)

    def test_empty_batch_is_a_clear_error(self, session_results):
        assert session_results["empty_batch"].is_error
        assert "empty" in session_results["empty_batch"].content[0].text

    def test_oversized_content_is_truncated_and_flagged(self, session_results):
        result = session_results["huge_content"]
        assert not result.is_error
        assert result.structured_content["content_truncated"] is True
