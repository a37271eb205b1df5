"""The answering stdio transport's line checks (the end-to-end cases are in test_hardening_fuzz
and test_hardening_shutdown)."""

import json

from mcp_server.stdio_transport import replies, top_level_id


def test_top_level_id_ignores_nested_ids_and_survives_depth_no_parser_takes():
    assert top_level_id('{"params": {"id": 3}, "id": 7}') == 7
    assert top_level_id('{"id": "req-1", "params": {}}') == "req-1"
    assert top_level_id('{"a": %s, "id": 42}' % ("[" * 100_000 + "]" * 100_000)) == 42
    assert top_level_id('{"a": "a string with \\"id\\": 5 inside", "id": -2}') == -2


def test_top_level_id_echoes_numbers_and_none_when_absent_or_not_echoable():
    assert top_level_id("this is not JSON") is None
    assert top_level_id('{"jsonrpc": "2.0", "method": "x"}') is None
    assert top_level_id('{"id": 1.5}') == 1.5  # JSON-RPC allows any number (MCP: integers); echoed as sent
    assert top_level_id('{"id": 1e999}') is None  # not a finite number: cannot be written back
    assert top_level_id('{"id": true}') is None and top_level_id('{"id": {"a": 1}}') is None
    assert top_level_id('{"id": "\\ud800"}') is None  # a lone surrogate cannot be written back as UTF-8


def _one(line):
    errors = replies(line)
    assert errors is not None and len(errors) == 1, errors
    return errors[0]


def test_readable_lines_pass_and_bad_ones_get_the_right_code():
    ok = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}})
    assert replies(ok) is None
    assert replies(json.dumps({"jsonrpc": "2.0", "method": "notifications/x", "params": {"id": 3}})) is None
    surrogate = '{"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "t", "arguments": {"title": "\\ud800"}}}'
    error = _one(surrogate)
    assert (error.id, error.error.code) == (4, -32700) and "surrogate" in error.error.message
    error = _one('{"jsonrpc": "2.0", "id": 5}')
    assert (error.id, error.error.code) == (5, -32600)
    assert _one("garbage").id is None
    assert "errors.pydantic.dev" not in _one('{"jsonrpc": "2.0", "id": 5}').error.message


def test_requests_with_odd_ids_get_invalid_request_not_silence():
    """The SDK reads these as notifications and never answers; the id is echoed where JSON-RPC allows."""
    for raw_id, echoed in (("1.5", 1.5), ("true", None), ('{"a": 1}', None), ("null", None), ("[7]", None)):
        line = '{"jsonrpc": "2.0", "id": %s, "method": "tools/call", "params": {"name": "t", "arguments": {}}}' % raw_id
        error = _one(line)
        assert (error.id, error.error.code) == (echoed, -32600), raw_id
        wire = json.loads(error.model_dump_json(by_alias=True, exclude_unset=True))
        assert wire["id"] == echoed and "id" in wire


def test_a_batch_array_gets_one_error_per_request_in_it():
    batch = [{"jsonrpc": "2.0", "id": 507, "method": "tools/list"}, {"jsonrpc": "2.0", "id": "b", "method": "ping"},
             {"jsonrpc": "2.0", "method": "notifications/initialized"}, 42, {"jsonrpc": "2.0", "id": 2.5, "method": "x"}]
    errors = replies(json.dumps(batch))
    assert [(e.id, e.error.code) for e in errors] == [(507, -32600), ("b", -32600), (None, -32600), (2.5, -32600)]
    assert "batch" in errors[0].error.message
    assert [(e.id, e.error.code) for e in replies("[]")] == [(None, -32600)]
    assert [(e.id, e.error.code) for e in replies("[" * 100_000 + "]" * 100_000)] == [(None, -32700)]
    assert replies('[{"jsonrpc": "2.0", "method": "notifications/initialized"}]') == []
