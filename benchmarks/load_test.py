"""Load test of the MCP stdio server: throughput and p50/p95 latency of enhance_news_item calls.

Two modes, both loopback-only (stdio pipes), both bounded in calls and in time:
  processes  N clients at once; stdio serves one client per process, so each has its own server
  overlap    one client and one server, N calls in flight at once in the same session

Items are the shipped samples (samples/items.json and the items split from the sample
newsletters), cycled with unique ids. Server start-up and one warm-up call per server are
not timed. Prints a table; --json also writes the rows.

    .venv/bin/python benchmarks/load_test.py [--clients 4] [--calls 3] [--mode both] [--max-seconds 300]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from importlib.resources import files
from pathlib import Path

import anyio
from tqdm import tqdm

SAMPLES = Path(str(files("mcp_server").joinpath("samples")))


def load_items() -> list[dict]:
    from newsletters import split_newsletter

    items = [{k: v for k, v in raw.items() if k != "id"} for raw in json.loads((SAMPLES / "items.json").read_text("utf-8"))]
    for path in sorted((SAMPLES / "newsletters").iterdir()):
        for item in split_newsletter(path.read_text(encoding="utf-8")).to_news_items():
            items.append(item.model_dump(exclude={"id"}))
    return items


def server_params(env: dict[str, str]):
    from mcp.client.stdio import StdioServerParameters

    keep = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_ENHANCER_")}
    # info: the cold-start breakdown (cold_start.py) reads the server's "starting" and "model ready" lines.
    env = {"NEWS_ENHANCER_LOG_LEVEL": "info", **env}
    return StdioServerParameters(command=sys.executable, args=["-m", "mcp_server"], env={**keep, **env})


class Run:
    """Latencies and outcomes of one mode, with the time window the calls ran in."""

    def __init__(self, mode: str, clients: int, total: int, max_seconds: float):
        self.mode, self.clients, self.total = mode, clients, total
        self.latencies: list[float] = []
        self.failed = 0
        self.deadline = 0.0
        self.max_seconds = max_seconds

    def start(self) -> None:
        """All servers are up and warm: the timed window opens."""
        self.bar = tqdm(total=self.total, desc=self.mode, unit="call", file=sys.stderr)
        self.started = time.perf_counter()
        self.deadline = self.started + self.max_seconds

    def over_time(self) -> bool:
        return time.perf_counter() > self.deadline

    async def call(self, client, item: dict) -> None:
        start = time.perf_counter()
        result = await client.call_tool("enhance_news_item", item)
        self.latencies.append(time.perf_counter() - start)
        self.failed += bool(result.is_error)
        self.bar.update()

    async def calls(self, client, work: list[dict]) -> None:
        """One client's calls in order, stopping once the time budget is spent."""
        for item in work:
            if self.over_time():
                return
            await self.call(client, item)

    def row(self) -> dict:
        self.bar.close()
        wall = time.perf_counter() - self.started
        done = len(self.latencies)
        return {"mode": self.mode, "clients": self.clients, "calls": done, "skipped": self.total - done,
                "failed": self.failed, "wall_s": round(wall, 2), "items_per_s": round(done / wall, 3) if wall else 0.0,
                "p50_s": round(percentile(self.latencies, 0.50), 3), "p95_s": round(percentile(self.latencies, 0.95), 3),
                "max_s": round(max(self.latencies, default=0.0), 3)}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def work_for(items: list[dict], client_no: int, calls: int) -> list[dict]:
    return [{**items[(client_no * calls + n) % len(items)], "id": f"load-{client_no}-{n}"} for n in range(calls)]


async def run_processes(items, clients: int, calls: int, env, max_seconds: float) -> dict:
    """N clients, each with its own server process, all calling at once."""
    from mcp import Client

    run, ready, go = Run("processes", clients, clients * calls, max_seconds), [], anyio.Event()

    async def one_client(k: int) -> None:
        async with Client(server_params(env)) as client:
            await client.call_tool("enhance_news_item", {**items[0], "id": "warm-up"})
            ready.append(k)
            if len(ready) == clients:
                run.start()
                go.set()
            await go.wait()
            await run.calls(client, work_for(items, k, calls))

    async with anyio.create_task_group() as tg:
        for k in range(clients):
            tg.start_soon(one_client, k)
    return run.row()


async def run_overlap(items, clients: int, calls: int, env, max_seconds: float) -> dict:
    """One client, one server, `clients` calls in flight at once in the same session."""
    from mcp import Client

    run = Run("overlap", clients, clients * calls, max_seconds)
    async with Client(server_params(env)) as client:
        await client.call_tool("enhance_news_item", {**items[0], "id": "warm-up"})
        run.start()

        async def worker(k: int) -> None:
            await run.calls(client, work_for(items, k, calls))

        async with anyio.create_task_group() as tg:
            for k in range(clients):
                tg.start_soon(worker, k)
    return run.row()


def print_table(rows: list[dict]) -> None:
    cols = ["mode", "clients", "calls", "skipped", "failed", "wall_s", "items_per_s", "p50_s", "p95_s", "max_s"]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    print(" | ".join(c.ljust(widths[c]) for c in cols))
    print("-+-".join("-" * widths[c] for c in cols))
    for row in rows:
        print(" | ".join(str(row[c]).ljust(widths[c]) for c in cols))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (processes) / calls in flight (overlap)")
    parser.add_argument("--calls", type=int, default=3, help="calls per client (bounds the run)")
    parser.add_argument("--mode", choices=["both", "processes", "overlap"], default="both")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop starting new calls after this long")
    parser.add_argument("--max-tokens", type=int, help="NEWS_ENHANCER_MAX_TOKENS for the servers (default: server's)")
    parser.add_argument("--adapter", help="NEWS_ENHANCER_ADAPTER for the servers (default: the shipped one)")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.calls < 1:
        parser.error("--clients and --calls must be at least 1")
    env = {k: str(v) for k, v in (("NEWS_ENHANCER_MAX_TOKENS", args.max_tokens), ("NEWS_ENHANCER_ADAPTER", args.adapter)) if v}
    items = load_items()
    modes = ["processes", "overlap"] if args.mode == "both" else [args.mode]
    runners = {"processes": run_processes, "overlap": run_overlap}
    rows = [anyio.run(runners[m], items, args.clients, args.calls, env, args.max_seconds) for m in modes]
    print(f"\nload test: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"{args.clients} clients x {args.calls} calls, env {env or 'default'}")
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 1 if any(r["failed"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
