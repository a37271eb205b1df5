"""Serving the shipped LoRA over the bundled quantized base vs over its f16 copy (model = bundled-f16).

Both backends are loaded in one process and take the items in turn, so their ratio is measured
under the same load. Prints median tokens/s and per-item latency of the served (grammar-guided)
decode, the resident memory each load added, and whether the two answered alike.

    .venv/bin/python benchmarks/bench_base_precision.py [--items 10]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from bench_decode import load_items  # noqa: E402

from mcp_server.backends import load_backend
from mcp_server.config import ServerConfig
from news_core.prompt import render_prompt

MODELS = ("bundled", "bundled-f16")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10)
    args = parser.parse_args()
    proc, backends, rss = psutil.Process(), {}, {}
    for model in MODELS:
        before = proc.memory_info().rss
        backends[model] = load_backend(ServerConfig(model=model))
        backends[model].generate(render_prompt(load_items(1)[0]))  # warm-up: weights paged in
        rss[model] = (proc.memory_info().rss - before) / 2**20
    rows = {m: [] for m in MODELS}
    same = 0
    for item in load_items(args.items):
        prompt, answers = render_prompt(item), {}
        for model, backend in backends.items():
            start = time.perf_counter()
            gen = backend.generate(prompt)
            rows[model].append((gen.completion_tokens / gen.seconds, time.perf_counter() - start))
            answers[model] = gen.text
        same += answers[MODELS[0]] == answers[MODELS[1]]
    print(f"machine: {platform.machine()}, {psutil.cpu_count()} cores, {args.items} items, shipped adapter, 1 thread each")
    for model in MODELS:
        tok = statistics.median(r[0] for r in rows[model])
        lat = statistics.median(r[1] for r in rows[model])
        print(f"{model:<12} {tok:6.1f} tok/s  p50 latency {lat:5.2f} s  RSS +{rss[model]:.0f} MiB  ({backends[model].model_id})")
    ratio = statistics.median(a[0] / b[0] for a, b in zip(rows[MODELS[1]], rows[MODELS[0]]))
    print(f"f16 / quantized tokens/s, median of per-item ratios: {ratio:.2f}x; identical answers {same}/{args.items}")
    for backend in backends.values():
        backend.close()


if __name__ == "__main__":
    main()
