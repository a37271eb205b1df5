"""The answering stdio transport's line checks (the end-to-end case is in test_hardening_fuzz)."""

import json

from mcp_server.stdio_transport import top_level_id, unreadable


def test_top_level_id_ignores_nested_ids_and_survives_depth_no_parser_takes():
    assert top_level_id('{"params": {"id": 3}, "id": 7}') == 7
    assert top_level_id('{"id": "req-1", "params": {}}') == "req-1"
    assert top_level_id('{"a": %s, "id": 42}' % ("[" * 100_000 + "]" * 100_000)) == 42
    assert top_level_id('{"a": "a string with \\"id\\": 5 inside", "id": -2}') == -2


def test_top_level_id_none_when_absent_or_not_echoable():
    assert top_level_id("this is not JSON") is None
    assert top_level_id('{"jsonrpc": "2.0", "method": "x"}') is None
    assert top_level_id('{"id": 1.5}') is None  # JSON-RPC ids are integers or strings
    assert top_level_id('{"id": "\\ud800"}') is None  # a lone surrogate cannot be written back as UTF-8


def test_readable_lines_pass_and_bad_ones_get_the_right_code():
    ok = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}})
    assert unreadable(ok) is None
    surrogate = '{"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "t", "arguments": {"title": "\\ud800"}}}'
    error = unreadable(surrogate)
    assert (error.id, error.error.code) == (4, -32700) and "surrogate" in error.error.message
    error = unreadable('{"jsonrpc": "2.0", "id": 5}')
    assert (error.id, error.error.code) == (5, -32600)
    assert unreadable("garbage").id is None
