"""Several clients at once, overlapping batches with one of them cancelled, per-item time
limits, and a client that goes away mid-batch: no crash, no mixed-up or lost item."""

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import anyio
import pytest
from conftest import ROOT, server_env
from test_hardening_helpers import (
    CHEAP,
    FULL,
    assert_batch_complete,
    expected_batch_ids,
    gather,
    initialize_lines,
    served,
)

from newsletters import split_newsletter

pytestmark = [pytest.mark.slow, pytest.mark.model]

SAMPLES = Path(__file__).resolve().parents[1] / "mcp_server" / "samples" / "newsletters"
SHARED = {"title": "Mistral ships a small open model", "content": "Mistral AI released a compact open-weights model for laptops."}


def test_several_clients_each_get_their_own_results():
    """Three clients (stdio: one server process each) at once; the item they share gets the same
    answer everywhere, and each client's own item comes back under its own id."""
    def work(server, k):
        items = [{**SHARED, "id": f"shared-{k}"},
                 {"id": f"own-{k}", "title": f"Startup {k} raises a seed round", "content": f"Startup number {k} raised money for AI agents."}]
        return items, server.call("batch_enhance", {"items": items})

    with ExitStack() as stack:
        servers = [stack.enter_context(served(**FULL)) for _ in range(3)]
        with ThreadPoolExecutor(len(servers)) as pool:
            outcomes = list(pool.map(work, servers, range(len(servers))))
    shared = []
    for items, result in outcomes:
        assert_batch_complete(result, items)
        entries = result.structured_content["items"]
        assert all(e["ok"] for e in entries), [e["error"] for e in entries]
        shared.append(entries[0]["metadata"])
    assert shared[0] == shared[1] == shared[2]


def test_overlapping_calls_lose_nothing_even_when_one_is_cancelled():
    batches = {name: [{"id": f"{name}-{n}", "title": f"{name} headline {n}", "content": f"Body {n} of {name}."}
                      for n in range(size)] for name, size in (("a", 3), ("b", 5), ("c", 2), ("doomed", 60))}
    newsletter = (SAMPLES / "tldr-ai-2025-06-11.md").read_text(encoding="utf-8")
    with served(**CHEAP) as server:
        client = server.client

        async def doomed():
            with anyio.move_on_after(1.0):
                await client.call_tool("batch_enhance", {"items": batches["doomed"]})
                return "finished"
            return "cancelled"

        async def overlap():
            calls = [lambda name=name: client.call_tool("batch_enhance", {"items": batches[name]}) for name in "abc"]
            calls.append(lambda: client.call_tool("enhance_newsletter", {"raw": newsletter}))
            return await gather(doomed, *calls)

        fate, *results = server.run(overlap)
        for name, result in zip("abc", results):
            assert_batch_complete(result, batches[name])
        expected = split_newsletter(newsletter).items
        got = results[3].structured_content["items"]
        assert [(e["id"], e["title"]) for e in got] == [(f"nl-{n}", i.title) for n, i in enumerate(expected, 1)]
        # the cancelled batch, sent again, still accounts for every item
        assert_batch_complete(server.call("batch_enhance", {"items": batches["doomed"][:10]}), batches["doomed"][:10])
    assert fate == "cancelled"


def test_per_item_time_limit_gives_each_item_its_own_error():
    items = [{**SHARED, "id": f"t{n}"} for n in range(3)] + [{"title": "", "content": ""}, {**SHARED, "id": "t-last"}]
    with served(NEWS_ENHANCER_ITEM_TIMEOUT_S="0.05") as server:
        result = server.call("batch_enhance", {"items": items})
        assert_batch_complete(result, items)
        errors = [e["error"] for e in result.structured_content["items"]]
        assert all("time limit" in errors[n] for n in (0, 1, 2, 4)), errors
        assert "empty title" in errors[3]
        raw = (SAMPLES / "tldr-ai-2025-06-12.html").read_text(encoding="utf-8")
        letter = server.call("enhance_newsletter", {"raw": raw}).structured_content
        assert len(letter["items"]) == len(split_newsletter(raw).items) and letter["succeeded"] == 0
        assert all("time limit" in e["error"] for e in letter["items"])


def test_server_exits_when_its_client_goes_away_mid_batch():
    items = [{"title": f"Item {n}", "content": "Body text about AI chips."} for n in range(300)]
    call = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                       "params": {"name": "batch_enhance", "arguments": {"items": items}}})
    proc = subprocess.Popen([sys.executable, "-m", "mcp_server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=server_env(**CHEAP))
    try:
        proc.stdin.write("\n".join(initialize_lines() + [call]) + "\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["id"] == 0  # initialized: the model is loaded
        time.sleep(2)  # the batch is running
        proc.stdin.close()
        start = time.monotonic()
        proc.wait(timeout=30)
        print(f"\nserver exited {time.monotonic() - start:.2f}s after its stdin closed, rc={proc.returncode}")
    except subprocess.TimeoutExpired:
        pytest.fail("the server kept running (generating) for 30 s after its client went away")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_expected_ids_helper_matches_the_server_contract():
    assert expected_batch_ids([{"id": "x"}, {"id": "  "}, "junk", {"id": 5}]) == ["x", "item-1", "item-2", "item-3"]
