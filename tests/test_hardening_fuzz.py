"""Hostile arguments for every tool, all through ONE real stdio server: property-based fuzzing
(hypothesis), binary garbage, 5 MB content, deeply nested JSON, unicode edge cases. Each call
must get a result or a clear error, no batch item may be lost, and the server must stay up.

The server runs with max_tokens=4 (CHEAP) so each model call ends fast with a per-item error; the full
answers are checked in test_hardening_model.py. Its context is 1024 tokens, not the default 2048: a
hostile item is cut to fit the window and prefilled all the same (the longest garbage title here takes
about 520 tokens, so every item still reaches the model), in half the prefill time.
"""

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hardening_helpers import (
    CHEAP,
    TOOLS,
    RawServer,
    assert_answered,
    assert_batch_complete,
    error_text,
    initialize_lines,
    raw_session,
    served,
    tool_call_line,
)

from newsletters import split_newsletter
from news_core.contract import validate
from news_core.errors import InputError

pytestmark = [pytest.mark.slow, pytest.mark.model]

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "mcp_server" / "samples" / "newsletters").iterdir())
FUZZ = settings(max_examples=25, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.large_base_example])
FIELDS = ("title", "content", "source", "url", "published", "id")
GOOD = {"title": "Anthropic releases a new model", "content": "Anthropic launched a model with a coding agent."}

text = st.text(max_size=300)  # every code point but surrogates: RTL, combining marks, emoji, NUL ...
leaf = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text
json_value = st.recursive(leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                          max_leaves=10)
good_item = st.fixed_dictionaries({"title": st.text(min_size=1, max_size=120), "content": text},
                                  optional={k: st.text(max_size=30) for k in ("source", "url", "published", "id")})
any_item = st.one_of(good_item, st.dictionaries(st.sampled_from(FIELDS + ("extra",)), st.one_of(text, json_value), max_size=4), json_value)
item_args = st.dictionaries(st.sampled_from(FIELDS + ("bogus",)), st.one_of(text, text, json_value), max_size=6)


@pytest.fixture(scope="module")
def server():
    with served(**CHEAP, NEWS_ENHANCER_MAX_NEWSLETTER_ITEMS="5", NEWS_ENHANCER_N_CTX="1024") as srv:
        yield srv


@FUZZ
@given(args=item_args)
def test_fuzzed_enhance_news_item_is_answered(server, args):
    result = server.call("enhance_news_item", args)
    assert_answered(result, "enhance_news_item")
    if not getattr(result, "is_error", True):
        validate(result.structured_content["metadata"])
        if isinstance(args.get("id"), str) and args["id"]:
            assert result.structured_content["id"] == args["id"]


@FUZZ
@given(items=st.one_of(st.lists(any_item, max_size=4), json_value))
def test_fuzzed_batch_loses_no_item(server, items):
    result = server.call("batch_enhance", {"items": items})
    assert_answered(result, "batch_enhance")
    if isinstance(items, list) and items:
        assert_batch_complete(result, items)
    else:
        assert result.is_error


def _newsletter_text():
    def piece(path_and_cut):
        path, start, size = path_and_cut
        raw = path.read_text(encoding="utf-8")
        return raw[start % len(raw):][:size]

    cut = st.tuples(st.sampled_from(SAMPLES), st.integers(0, 10_000), st.integers(0, 1200)).map(piece)
    return st.one_of(text, cut, st.tuples(cut, text, cut).map("".join))


@FUZZ
@given(raw=_newsletter_text(), fmt=st.one_of(st.none(), st.sampled_from(["", "text", "markdown", "html", "auto", "pdf"]), st.text(max_size=8)))
def test_fuzzed_enhance_newsletter_matches_the_splitter(server, raw, fmt):
    result = server.call("enhance_newsletter", {"raw": raw} if fmt is None else {"raw": raw, "format": fmt})
    assert_answered(result, "enhance_newsletter")
    try:
        expected = split_newsletter(raw, fmt or None)
    except InputError:
        assert result.is_error and "format" in error_text(result)
        return
    assert not result.is_error, error_text(result)
    items = result.structured_content["items"]
    assert [(e["index"], e["id"], e["title"]) for e in items] == [
        (n, f"nl-{n + 1}", i.title) for n, i in enumerate(expected.items)]


def test_binary_garbage_in_every_field(server):
    rng = random.Random(3)
    garbage = [rng.randbytes(n).decode("utf-8", errors="replace") for n in (1, 4096)]
    garbage.append(rng.randbytes(2048).decode("latin-1"))  # every byte value, NUL and ESC included
    for blob in garbage:
        single = server.call("enhance_news_item", {"title": blob, "content": blob, "id": blob[:20]})
        assert_answered(single, "enhance_news_item")
        assert "max_tokens=4" in error_text(single), error_text(single)  # fitted, prefilled, decoded: it reached the model
        items = [{"title": blob, "content": blob}, {"title": blob[:5]}, GOOD]
        assert_batch_complete(server.call("batch_enhance", {"items": items}), items)
        assert_answered(server.call("enhance_newsletter", {"raw": blob}), "enhance_newsletter")


def test_five_megabyte_content(server):
    huge = "word " * 1_000_000
    assert_answered(server.call("enhance_news_item", {"title": "Big", "content": huge}), "enhance_news_item")
    items = [{"title": "Big", "content": huge, "id": "big"}, {**GOOD, "id": "small"}]
    assert_batch_complete(server.call("batch_enhance", {"items": items}), items)
    prose = server.call("enhance_newsletter", {"raw": huge})
    assert not prose.is_error and prose.structured_content["items"] == [] and prose.structured_content["reason"]
    raw = SAMPLES[0].read_text(encoding="utf-8") * 1200
    many = server.call("enhance_newsletter", {"raw": raw})
    assert_answered(many, "enhance_newsletter")  # over max_newsletter_items: an entry for every item
    entries = many.structured_content["items"]
    assert len(entries) == len(split_newsletter(raw).items) > 10_000
    assert all("over the limit" in e["error"] for e in entries[5:])


def test_deeply_nested_json_arguments_through_the_client(server):
    nested_list, nested_dict = [], {}
    for _ in range(100):
        nested_list, nested_dict = [nested_list], {"a": nested_dict}
    for value in (nested_list, nested_dict):
        assert server.call("enhance_news_item", {"title": value, "content": value}).is_error
        items = [{"title": "x", "content": value}, value, GOOD]
        assert_batch_complete(server.call("batch_enhance", {"items": items}), items)


def test_unicode_edge_cases_in_a_batch(server):
    cases = ["שחרור מודל חדש", "إطلاق نموذج", "Ze\u0301ro t\u0336\u0321e\u0334x\u0337t", "👩🏽‍💻🏳️‍🌈👨‍👩‍👧‍👦",
             "\u202eevil RTL override\u202c", "\ufeffBOM\u200b\u200d", "\x00NUL\x1b[31mESC", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 " * 50, "\U0010fffd"]
    items = [{"title": c, "content": c * 3, "id": f"u{n}-{c[:4]}"} for n, c in enumerate(cases)]
    result = server.call("batch_enhance", {"items": items})
    assert_batch_complete(result, items)
    assert [e["id"] for e in result.structured_content["items"]] == [i["id"] for i in items]  # unicode ids intact


def test_server_still_answers_normally_after_all_of_it(server):
    assert TOOLS <= server.tool_names()
    items = [GOOD, {**GOOD, "id": "last"}]
    assert_batch_complete(server.call("batch_enhance", {"items": items}), items)
    assert server.process.is_running()


# -- the raw wire: what the SDK's client cannot even send -------------------------------------------
def test_every_raw_request_is_answered_even_deep_nesting_and_lone_surrogates():
    """Lines the SDK's own transport cannot parse (deep nesting, lone surrogate escapes, no JSON at
    all) must not take the server down, and every request id must get an answer: the transport in
    mcp_server/stdio_transport.py replies with a JSON-RPC error where the SDK would drop the line."""
    deep = {depth: "[" * depth + "]" * depth for depth in (100, 1_000, 100_000)}
    cases = {
        1: ("enhance_news_item", '{"title": %s, "content": "x"}' % deep[100]),
        2: ("enhance_news_item", '{"title": %s, "content": "x"}' % deep[1_000]),
        3: ("batch_enhance", '{"items": %s}' % deep[100_000]),
        4: ("enhance_news_item", '{"title": "lone \\ud800 surrogate", "content": "x"}'),
        5: ("batch_enhance", '{"items": [{"title": "\\udfff", "content": "c", "id": "\\udc00"}]}'),
        6: ("enhance_news_item", '{"title": "", "content": ""}'),
    }
    lines = [tool_call_line(i, name, args) for i, (name, args) in cases.items()]
    lines += ["this is not JSON", '{"jsonrpc": "2.0", "id": 7}',
              json.dumps({"jsonrpc": "2.0", "id": 99, "method": "tools/list", "params": {}})]
    answers, stderr = raw_session(lines, set(cases) | {7, 99, None}, timeout=120, sentinel=99, grace=15, **CHEAP)
    missing = sorted((set(cases) | {7, 99}) - answers.keys(), key=str)
    assert not missing, f"requests {missing} got no answer at all (the client would hang): {stderr[-2000:]}"
    for request_id in (2, 3, 4, 5, None):  # unparseable for pydantic-core: answered by our transport
        assert answers[request_id]["error"]["code"] == -32700, answers[request_id]
        assert "news-enhancer could not parse" in answers[request_id]["error"]["message"]
    assert answers[7]["error"]["code"] == -32600
    assert answers[1]["result"]["isError"] and answers[6]["result"]["isError"]  # parsed, then refused
    assert "tools" in answers[99]["result"]


def test_odd_ids_and_batch_arrays_are_answered_for_each_request():
    """Ids the SDK would read as a notification (fraction, boolean, object, null) get -32600, the id
    echoed where JSON-RPC allows (numbers) and null otherwise; a batch array gets one error per
    request in it (MCP removed batching in 2025-06-18), none for its notifications."""
    call = {"jsonrpc": "2.0", "method": "tools/call", "params": {"name": "enhance_news_item", "arguments": GOOD}}
    lines = [json.dumps({**call, "id": odd}) for odd in (1.5, True, {"a": 1}, None)]
    lines.append(json.dumps([{**call, "id": 507}, {**call, "id": 508}, {"jsonrpc": "2.0", "method": "notifications/initialized"}]))
    lines += ["[]", json.dumps({"jsonrpc": "2.0", "id": 99, "method": "tools/list", "params": {}})]
    server = RawServer(**CHEAP)
    server.send(*initialize_lines(), *lines)
    server.wait_for({1.5, 507, 508, 99}, 120)
    assert server.close() == 0
    counts, answers = server.answer_counts(), server.answered()
    assert {k: counts.get(k) for k in ("1.5", "507", "508", "99", "null")} == {
        "1.5": 1, "507": 1, "508": 1, "99": 1, "null": 4}, counts  # null: true, {"a": 1}, null, []
    for request_id in (1.5, 507, 508, None):
        assert answers[request_id]["error"]["code"] == -32600, answers[request_id]
    assert "batch" in answers[507]["error"]["message"] and "integer" in answers[1.5]["error"]["message"]
    assert not server.stray


def test_colliding_and_huge_ids_wrong_types_and_blank_items_get_clear_errors(server):
    """Caller id item-13 and the 14th item's generated id; a 1 MB id; wrong argument types; a blank item.
    On the module's server: these calls use neither enhance_newsletter (its item limit is the only
    setting that server adds to CHEAP) nor any state of earlier calls."""
    items = [{**GOOD, "id": "item-13"}] + [dict(GOOD) for _ in range(13)]
    srv = server
    result = srv.call("batch_enhance", {"items": items})
    huge_ids = [{**GOOD, "id": f"{n}" * (1 << 20)} for n in range(5)]
    huge = srv.call("batch_enhance", {"items": huge_ids})
    huge_single = srv.call("enhance_news_item", {**GOOD, "id": "i" * (1 << 20)})
    wrong = srv.call("enhance_news_item", {"title": 5, "content": ["x"]})
    wrong_batch = srv.call("batch_enhance", {"items": {"title": "x"}})
    blank = srv.call("enhance_news_item", {"title": "   ", "content": "\u200b\u200c\ufeff"})
    blank_in_batch = srv.call("batch_enhance", {"items": [{"title": " \t", "content": "\u2060\x00"}, GOOD]})
    ids = [e["id"] for e in result.structured_content["items"]]
    assert ids[0] == "item-13" and len(set(ids)) == 14 and ids[13] != "item-13", ids
    assert_batch_complete(result, items)
    entries = huge.structured_content["items"]
    assert [e["id"] for e in entries] == [f"item-{n}" for n in range(5)] and not any(e["ok"] for e in entries)
    assert all("id is 1048576 characters" in e["error"] and "max_id_chars" in e["error"] for e in entries)
    assert len(json.dumps(huge.structured_content)) < 10_000  # the ids are not echoed back
    assert huge_single.is_error and "max_id_chars" in error_text(huge_single) and len(error_text(huge_single)) < 500
    for bad, words in ((wrong, ("title must be a string, not an integer", "content must be a string, not a list")),
                       (wrong_batch, ("items must be a list, not an object",))):
        text = error_text(bad)
        assert bad.is_error and all(w in text for w in words) and "pydantic" not in text and "http" not in text, text
    assert blank.is_error and "empty title and empty content" in error_text(blank)
    first = blank_in_batch.structured_content["items"][0]
    assert not first["ok"] and "empty title and empty content" in first["error"]
