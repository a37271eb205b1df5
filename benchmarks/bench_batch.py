"""Items/s of the gguf backend's generate_many at several batch sizes (items decoded together).

Each size decodes the same items (the test split's first N, then the shipped samples) after a
warm-up; answers are compared with batch size 1 (one at a time, the prefix cache in use). Ratios
from one run on one machine are what to compare: absolute figures move with the machine's load.

    .venv/bin/python benchmarks/bench_batch.py [--items 32] [--sizes 1,2,4,8]
"""

from __future__ import annotations

import argparse
import platform
import resource
import time

from bench_decode import load_items

from mcp_server.backends import load_backend
from mcp_server.config import ServerConfig
from news_core.prompt import render_prompt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=32)
    parser.add_argument("--sizes", default="1,2,4,8")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    backend = load_backend(ServerConfig(decode_batch_size=1))
    prompts = [render_prompt(item) for item in load_items(args.items)]
    backend.generate(prompts[0])  # warm-up: weights paged in
    reference, rows = None, []
    for size in sizes:
        backend.batch_size = size
        if size > 1:
            backend.generate_many(prompts[:size])  # warm-up: this size's context made
        start = time.perf_counter()
        results = backend.generate_many(prompts)
        seconds = time.perf_counter() - start
        texts = [None if isinstance(r, Exception) else r.text for r in results]
        reference = reference or texts
        rows.append((size, len(prompts) / seconds, sum(a == b for a, b in zip(texts, reference)),
                     sum(t is None for t in texts), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
        print(f"batch size {size}: {rows[-1][1]:.2f} items/s", flush=True)
    base = rows[0][1]
    print(f"\nmachine: {platform.machine()}, {backend.model_id}, {len(prompts)} items, threads={backend._llm.n_threads}")
    print("| batch size | items/s | vs one at a time | answers identical to one at a time | errors | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for size, rate, same, errors, rss in rows:
        print(f"| {size} | {rate:.2f} | {rate / base:.2f}x | {same}/{len(prompts)} | {errors} | {rss:.0f} |")
    backend.close()


if __name__ == "__main__":
    main()
