"""One full 500-item batch_enhance through the real stdio server, with real answers.

The test suite's memory test (tests/test_hardening_memory.py) caps answers at one token to stay
within the suite's time budget; this script runs the same batch with full answers and reports
wall time, items/s, how many items succeeded, and the server's resident memory (sampled every
0.2 s, and the kernel's high-water mark). Loopback only (stdio pipes); bounded by --max-seconds.

    .venv/bin/python benchmarks/batch_memory.py [--items 500] [--max-seconds 1800] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import anyio
import psutil

sys.path.insert(0, str(Path(__file__).parent))
from load_test import load_items, server_params  # noqa: E402  (same items and server start-up)
from rss import RssSampler, peak_rss_mb  # noqa: E402


def batch(n: int) -> list[dict]:
    pool = load_items()
    return [{**pool[i % len(pool)], "id": f"b{i}"} for i in range(n)]


def server_process(before: set[int]) -> psutil.Process:
    for proc in psutil.Process().children(recursive=True):
        if proc.pid not in before and "mcp_server" in " ".join(proc.cmdline()):
            return proc
    raise RuntimeError("the server process was not found")


async def run(args) -> dict:
    from mcp.client.session import ClientSession
    from mcp.client.stdio import stdio_client

    items = batch(args.items)
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    async with stdio_client(server_params({})) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        proc = server_process(before)
        await session.call_tool("batch_enhance", {"items": items[:3]})  # warm-up: model paged in
        baseline = proc.memory_info().rss / 2**20
        start = time.perf_counter()
        with RssSampler(proc) as sampler:
            result = await session.call_tool("batch_enhance", {"items": items},
                                              read_timeout_seconds=args.max_seconds)
        seconds = time.perf_counter() - start
        body = result.structured_content or {}
        entries = body.get("items", [])
        ids = [e["id"] for e in entries]
        return {
            "items": len(items), "returned": len(entries), "ids_exactly_once": sorted(ids) == sorted(i["id"] for i in items),
            "succeeded": body.get("succeeded"), "failed": body.get("failed"), "seconds": round(seconds, 1),
            "items_per_s": round(len(items) / seconds, 3), "rss_after_warmup_mib": round(baseline),
            "rss_sampled_peak_mib": round(sampler.peak_mb), "rss_high_water_mib": round(peak_rss_mb(proc)),
            "result_bytes": len(json.dumps(body)), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--max-seconds", type=float, default=1800)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    figures = anyio.run(run, args)
    for key, value in figures.items():
        print(f"{key:24} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if figures["ids_exactly_once"] else 1


if __name__ == "__main__":
    sys.exit(main())
