"""Per-item latency of the gguf backend at several llama.cpp thread counts, taking turns.

One backend per thread count (shipped adapter, default decoding); each item is decoded by every
backend in turn, so a change in the machine's load hits them alike; speedups are medians of
per-item ratios against the first count, and answers are compared with the first count's.
The default `n_threads = 0` is half the cores: llama.cpp threads spin-wait, and with a busy
neighbour on 2 cores two threads ran about 10x slower than one. This shows what a quiet machine
leaves on the table.

    .venv/bin/python benchmarks/bench_threads.py [--items 12] [--threads 1,2]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

from bench_decode import load_items

from mcp_server.backends import load_backend
from mcp_server.config import ServerConfig
from news_core.prompt import render_prompt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=12)
    parser.add_argument("--threads", default="1,2")
    args = parser.parse_args()
    counts = [int(t) for t in args.threads.split(",")]
    prompts = [render_prompt(item) for item in load_items(args.items)]
    backends = {n: load_backend(ServerConfig(n_threads=n)) for n in counts}
    for backend in backends.values():
        backend.generate(prompts[0])  # warm-up: weights paged in, prefix cached
    seconds = {n: [] for n in counts}
    texts = {n: [] for n in counts}
    load_before = os.getloadavg()[0]
    for prompt in prompts:
        for n, backend in backends.items():
            start = time.perf_counter()
            texts[n].append(backend.generate(prompt).text)
            seconds[n].append(time.perf_counter() - start)
    first = counts[0]
    print(f"{platform.machine()}, {os.cpu_count()} cores, {len(prompts)} items, 1-min load {load_before:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after")
    print("| n_threads | p50 s/item | p95 s/item | speedup vs first (median of per-item ratios) | answers identical |")
    print("|---|---|---|---|---|")
    for n in counts:
        ratio = statistics.median(a / b for a, b in zip(seconds[first], seconds[n]))
        same = sum(a == b for a, b in zip(texts[first], texts[n]))
        print(f"| {n} | {statistics.median(seconds[n]):.2f} | {_p95(seconds[n]):.2f} | {ratio:.2f}x | {same}/{len(prompts)} |")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
