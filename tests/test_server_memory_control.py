"""The in-memory server (fake backend) under time: item time limits, cancellation, progress,
overlapping calls and shutdown. Slow items are the fake's: seconds of checkpoints, no model;
test_hardening_model.py cancels the real model in a subprocess."""

import anyio
import pytest
from support.fake_backend import FakeBackend
from test_server_memory import GOOD, SAMPLE, connected, mode, text  # noqa: F401 (mode: a fixture)

pytestmark = pytest.mark.anyio
SLOW = {"title": "Slow", "content": "Takes its time."}


async def eventually(condition, within: float = 3.0) -> None:
    """Wait until condition() holds: the worker thread stops on its own schedule, after the call returns."""
    with anyio.fail_after(within):
        while not condition():
            await anyio.sleep(0.01)


async def test_an_item_past_its_time_limit_is_a_clear_error(mode):
    backend = FakeBackend(slow={"Slow": 30})
    async with connected(backend, mode, item_timeout_s=0.2) as client:
        with anyio.fail_after(5):
            result = await client.call_tool("enhance_news_item", SLOW)
    assert result.is_error and "exceeded its time limit (item_timeout_s)" in text(result)


async def test_a_slow_batch_item_times_out_alone(mode):
    backend = FakeBackend(slow={"Slow": 30})
    async with connected(backend, mode, item_timeout_s=0.2) as client:
        with anyio.fail_after(5):
            result = await client.call_tool("batch_enhance", {"items": [GOOD, SLOW, GOOD]})
    entries = result.structured_content["items"]
    assert [e["ok"] for e in entries] == [True, False, True]
    assert "exceeded its time limit" in entries[1]["error"]


async def test_progress_reaches_a_client_that_asks(fake_backend, mode):
    progress = []

    async def on_progress(done, total, message):
        progress.append((done, total, message))

    async with connected(fake_backend, mode, max_newsletter_items=2) as client:
        await client.call_tool("batch_enhance", {"items": [GOOD] * 3}, progress_callback=on_progress)
        await client.call_tool("enhance_newsletter", {"raw": SAMPLE.read_text(encoding="utf-8")},
                               progress_callback=on_progress)
    assert progress == [(1, 3, "1/3 items"), (2, 3, "2/3 items"), (3, 3, "3/3 items"),
                        (1, 2, "1/2 items"), (2, 2, "2/2 items")]  # a newsletter counts the items it enhances


@pytest.mark.parametrize("tool", ["enhance_news_item", "batch_enhance"])
async def test_a_cancelled_call_stops_generating_and_the_server_answers_at_once(mode, tool):
    backend = FakeBackend(slow={"Slow": 30})
    args = SLOW if tool == "enhance_news_item" else {"items": [GOOD, SLOW, GOOD]}
    async with connected(backend, mode, shutdown_wait_s=2) as client:
        async with anyio.create_task_group() as tg:
            tg.start_soon(client.call_tool, tool, args)
            await eventually(lambda: "Slow" in backend.calls)
            tg.cancel_scope.cancel()
        await eventually(lambda: backend.cancelled == ["Slow"])
        with anyio.fail_after(2):
            after = await client.call_tool("enhance_news_item", GOOD)
    assert not after.is_error, text(after)
    before = [GOOD["title"]] if tool == "batch_enhance" else []
    assert backend.calls == [*before, "Slow", GOOD["title"]], "nothing after the cancelled item was generated"


async def test_overlapping_calls_each_get_their_own_result(fake_backend, mode):
    items = [{"id": f"i{n}", "title": f"Item {n}", "content": f"Content {n}."} for n in range(3)]
    results = {}

    async def one(item):
        results[item["id"]] = await client.call_tool("enhance_news_item", item)

    async with connected(fake_backend, mode) as client:
        async with anyio.create_task_group() as tg:
            for item in items:
                tg.start_soon(one, item)
    assert {k: r.structured_content["metadata"]["summary"] for k, r in results.items()} == {
        f"i{n}": f"Item {n}" for n in range(3)}


async def test_shutdown_stops_running_work_before_closing_the_backend(mode):
    """The client goes away mid-call: the server cancels the item, then frees the model."""
    backend = FakeBackend(slow={"Slow": 30})

    async def abandoned_call(client):
        try:
            await client.call_tool("enhance_news_item", SLOW)
        except Exception:  # the connection closes under it: that is the point
            pass

    with anyio.fail_after(10):
        async with anyio.create_task_group() as tg:
            async with connected(backend, mode, shutdown_wait_s=2) as client:
                tg.start_soon(abandoned_call, client)
                await eventually(lambda: "Slow" in backend.calls)
            assert backend.closed and backend.running_at_close == 0 and backend.cancelled == ["Slow"]
            tg.cancel_scope.cancel()
