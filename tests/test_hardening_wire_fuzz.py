"""A seeded fuzz run of the raw wire: several real server processes, each sent a random mix of
hostile lines (odd ids, batch arrays, unparseable JSON, oversized and blank fields, colliding ids,
wrong types) with cancels, then closed at a random moment. For each process: exit code 0, stdout
only JSON-RPC, every request id answered exactly once (at most once when the client cancelled it,
as MCP forbids answering a cancelled request), and each id-less error accounted for."""

import json
import random
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from test_hardening_helpers import CHEAP, RawServer, initialize_lines, tool_call_line

pytestmark = [pytest.mark.slow, pytest.mark.model]

PROCESSES, LINES = 6, 30
GOOD = {"title": "Anthropic releases a new model", "content": "Anthropic launched a model with a coding agent."}


class Plan:
    """The lines of one session and what each must get back."""

    def __init__(self, rng: random.Random):
        self.rng, self.lines, self.next_id = rng, [], 1
        self.once: set[str] = set()  # ids (as JSON text) answered exactly once
        self.cancelled: set[str] = set()  # at most once
        self.nulls = 0  # errors that can carry no id

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def request(self, line_for_id) -> None:
        request_id = self.new_id()
        self.lines.append(line_for_id(request_id))
        self.once.add(json.dumps(request_id))

    def add_random(self) -> None:
        kind = self.rng.choice(["item", "item", "batch", "list", "odd", "batch_array", "garbage", "cancel", "notify"])
        getattr(self, f"_{kind}")()

    def _item(self):
        args = self.rng.choice([
            GOOD, {"title": "   ", "content": "\u200b\u200d"}, {"title": 5, "content": ["x"]},
            {**GOOD, "source": "S" * (1 << 20)}, {**GOOD, "id": "i" * (1 << 20)}, {"title": "T", "content": "C" * (1 << 22)},
            {**GOOD, "published": "2025-06-11T13:40:02+00:00", "url": "https://example.com/" + "u" * 5000},
            {"title": "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"), "content": "x"}])
        self.request(lambda i: tool_call_line(i, "enhance_news_item", json.dumps(args)))

    def _batch(self):
        size = self.rng.randrange(1, 8)
        caller_ids = iter(self.rng.sample(range(8), size))  # distinct, and shaped like generated ids
        items = [self.rng.choice([GOOD, {"title": ""}, "junk", {**GOOD, "id": "x" * 300}, None]) for _ in range(size)]
        items = [{**GOOD, "id": f"item-{next(caller_ids)}"} if item is None else item for item in items]
        self.request(lambda i: tool_call_line(i, "batch_enhance", json.dumps({"items": items})))

    def _list(self):
        self.request(lambda i: json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/list", "params": {}}))

    def _odd(self):
        call = {"jsonrpc": "2.0", "method": "tools/call", "params": {"name": "enhance_news_item", "arguments": GOOD}}
        odd = self.rng.choice(["fraction", True, False, None, {"n": 1}, [1]])
        if odd == "fraction":
            request_id = self.new_id() + 0.5
            self.once.add(json.dumps(request_id))
        else:
            request_id = odd
            self.nulls += 1
        self.lines.append(json.dumps({**call, "id": request_id}))

    def _batch_array(self):
        parts = []
        for _ in range(self.rng.randrange(0, 4)):
            part = self.rng.choice(["request", "request", "notification", "scalar"])
            if part == "request":
                parts.append({"jsonrpc": "2.0", "id": self.new_id(), "method": "tools/list"})
                self.once.add(json.dumps(parts[-1]["id"]))
            elif part == "notification":
                parts.append({"jsonrpc": "2.0", "method": "notifications/initialized"})
            else:
                parts.append(42)
                self.nulls += 1
        self.nulls += not parts
        self.lines.append(json.dumps(parts))

    def _garbage(self):
        if self.rng.random() < 0.5:
            self.lines.append(self.rng.choice(["this is not JSON", "{", '{"jsonrpc": "2.0"}', "[" * 50_000]))
            self.nulls += 1
        else:
            self.request(lambda i: tool_call_line(i, "batch_enhance", '{"items": %s}' % ("[" * 5000 + "]" * 5000)))

    def _cancel(self):
        if self.once:
            target = self.rng.choice(sorted(self.once))
            if isinstance(json.loads(target), int):
                self.once.discard(target)
                self.cancelled.add(target)
                self.lines.append(json.dumps({"jsonrpc": "2.0", "method": "notifications/cancelled",
                                              "params": {"requestId": json.loads(target)}}))

    def _notify(self):
        self.lines.append(json.dumps({"jsonrpc": "2.0", "method": "notifications/roots/list_changed", "params": {"id": 9}}))


def run_one(seed: int) -> dict:
    rng = random.Random(seed)
    plan = Plan(rng)
    for _ in range(LINES):
        plan.add_random()
    server = RawServer(**CHEAP)
    server.send(*initialize_lines())
    assert server.wait_for({0}, 120), server.stderr[-2000:]
    for line in plan.lines:
        server.send(line)
        time.sleep(rng.choice([0, 0, 0.05, 0.3]))
    graceful = seed % 3 == 0
    if graceful:
        server.wait_for({json.loads(k) for k in plan.once}, 240)
    else:
        time.sleep(rng.uniform(0, 3))
    code = server.close(timeout=60)
    counts = server.answer_counts()
    report = {"seed": seed, "exit": code, "graceful": graceful, "ids": len(plan.once),
              "answered": sum(counts.get(k, 0) for k in plan.once), "cancelled": len(plan.cancelled),
              "cancelled_answered": sum(counts.get(k, 0) for k in plan.cancelled), "nulls": counts.get("null", 0)}
    assert not server.stray, server.stray[:3]
    assert code == 0, (report, server.stderr[-3000:])
    assert {k: counts.get(k) for k in plan.once if counts.get(k) != 1} == {}, (report, server.stderr[-3000:])
    assert all(counts.get(k, 0) <= 1 for k in plan.cancelled), report
    assert counts.get("null", 0) == plan.nulls, report
    assert set(counts) <= plan.once | plan.cancelled | {"0", "null"}, (set(counts), report)
    for message in server.messages:  # batch entries: one per item, ids unique within the call
        items = message.get("result", {}).get("structuredContent", {}).get("items")
        if isinstance(items, list) and items and "index" in items[0]:
            assert len({e["id"] for e in items}) == len(items), items
            assert all(len(e["id"]) <= 256 for e in items)
    return report


def test_fuzzed_wire_sessions_answer_every_id_once_and_exit_0():
    with ThreadPoolExecutor(max_workers=3) as pool:  # independent server processes: three at a time
        reports = list(pool.map(run_one, range(PROCESSES)))
    for report in reports:
        print(report)
    total = {key: sum(r[key] for r in reports) for key in ("ids", "answered", "cancelled", "cancelled_answered", "nulls")}
    print(f"{len(reports)} processes: {total['ids']} request ids sent and not cancelled, {total['answered']} answered "
          f"(each once); {total['cancelled']} cancelled, {total['cancelled_answered']} of them answered before the "
          f"cancel; {total['nulls']} id-less errors as planned; exit codes {[r['exit'] for r in reports]}")
