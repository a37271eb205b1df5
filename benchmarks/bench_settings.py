"""Per-item latency of the gguf backend under several server settings, taking turns.

One backend per variant (shipped adapter, default decoding plus the variant's settings); each item
is decoded by every backend in turn, so a change in the machine's load hits them alike; speedups
are medians of per-item ratios against the first variant, and answers are compared with its.

Thread counts: the default `n_threads = 0` picks every core (at most 4) for an item while the
rest of the machine is idle, else half of them (news_core/threads.py): llama.cpp threads
spin-wait, and beside a busy neighbour on 2 cores two threads ran several times slower than one.
The short output layer: `head_words` (mcp_server/backends/short_head.py).

    .venv/bin/python benchmarks/bench_settings.py [--items 20] \
        [--variant n_threads=1 --variant n_threads=1,head_words=20000 ...]
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
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--variant", action="append", help="SETTING=VALUE[,SETTING=VALUE...] (repeat; the first "
                        "is the baseline); default: n_threads=1 and n_threads=2")
    args = parser.parse_args()
    counts = args.variant or ["n_threads=1", "n_threads=2"]
    prompts = [render_prompt(item) for item in load_items(args.items)]
    backends = {n: load_backend(ServerConfig(**_settings(n))) for n in counts}
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
    print("| settings | p50 s/item | p95 s/item | speedup vs first (median of per-item ratios) | answers identical |")
    print("|---|---|---|---|---|")
    for n in counts:
        ratio = statistics.median(a / b for a, b in zip(seconds[first], seconds[n]))
        same = sum(a == b for a, b in zip(texts[first], texts[n]))
        print(f"| {n} | {statistics.median(seconds[n]):.2f} | {_p95(seconds[n]):.2f} | {ratio:.2f}x | {same}/{len(prompts)} |")


def _settings(variant: str) -> dict:
    """"n_threads=1,head_words=20000" -> {"n_threads": 1, "head_words": 20000}."""
    defaults, out = ServerConfig(), {}
    for part in filter(None, variant.split(",")):
        key, _, value = part.partition("=")
        if not hasattr(defaults, key):
            raise SystemExit(f"--variant {variant!r}: no server setting {key!r}")
        kind = type(getattr(defaults, key))
        out[key] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
