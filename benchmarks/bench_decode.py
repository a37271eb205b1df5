"""Decoding benchmark for the gguf backend: constrained vs unconstrained tokens/s, per-item latency.

For each item: (1) our grammar-guided greedy decode (what the server does: forced runs of keys
and separators appended in one decode call), the same one step per token, (2) unconstrained
greedy decode of the same number of tokens with the same loop, (3) llama-cpp-python's own
`create_completion`, free and with its built-in `grammar=` (the slow path we replace).
Prints medians; ratios are measured in one run on one machine, so they survive a noisy CPU better
than absolute figures.

    .venv/bin/python benchmarks/bench_decode.py [--adapter none|default|PATH] [--items N]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time

from mcp_server.backends import load_backend
from mcp_server.config import ServerConfig
from mcp_server.demo import SAMPLES
from news_core.grammar import completion_grammar
from news_core.items import NewsItem
from news_core.prompt import render_prompt


def load_items(n: int) -> list[NewsItem]:
    items = [NewsItem(**raw) for raw in json.loads(SAMPLES.read_text())]
    try:
        from training_data import default_split

        items += [r.item() for r in default_split()[1]]
    except Exception:  # the dataset package is optional for this benchmark
        pass
    return items[:n]


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="bundled", help="bundled | bundled-f16 | PATH.gguf")
    parser.add_argument("--adapter", default="default")
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--builtin-items", type=int, default=5, help="items for llama-cpp-python's slow grammar path")
    args = parser.parse_args()

    backend = load_backend(ServerConfig(model=args.model, adapter=args.adapter))
    from llama_cpp import LlamaGrammar

    grammar = LlamaGrammar.from_string(completion_grammar(), verbose=False)
    items = load_items(args.items)
    rows = []
    backend.generate(render_prompt(items[0]))  # warm-up
    for k, item in enumerate(items):
        prompt = render_prompt(item)
        backend.forced_tokens = False  # one decode step per token: the per-step speed
        start = time.perf_counter()
        gen = backend.generate(prompt)
        latency = time.perf_counter() - start
        backend.forced_tokens, appended = True, backend.forced_appended
        start = time.perf_counter()
        fast = backend.generate(prompt)  # what the server does: forced runs in one decode call
        row = {"latency_stepwise": latency, "latency": time.perf_counter() - start,
               "forced": backend.forced_appended - appended, "identical": fast.text == gen.text}
        n = gen.completion_tokens
        _, n_free, s_free = backend.generate_free(prompt, n)
        row.update({"tok": n, "constrained": n / gen.seconds, "free": n_free / s_free, **gen.stats})
        if k < args.builtin_items:
            for name, extra in (("builtin_free", {}), ("builtin_grammar", {"grammar": grammar})):
                t = time.perf_counter()
                out = backend._llm.create_completion(prompt, max_tokens=n, temperature=0.0, **extra)
                row[name] = out["usage"]["completion_tokens"] / (time.perf_counter() - t)
        rows.append(row)
        print(f"item {k:2d}: {n:3d} tokens, {row['latency']:5.2f}s ({latency:5.2f}s stepwise, {row['forced']} forced, "
              f"{'same' if row['identical'] else 'different'} answer), constrained {row['constrained']:5.1f} tok/s, "
              f"free {row['free']:5.1f} tok/s", flush=True)

    med = lambda key: statistics.median(r[key] for r in rows if key in r)  # noqa: E731
    lat = [r["latency"] for r in rows]
    print(f"\nmachine: {platform.machine()}, {backend.model_id}, {len(rows)} items, threads={backend._llm.n_threads}")
    print(f"guided decoding (ours)      {med('constrained'):6.1f} tok/s  (median)")
    print(f"unconstrained, same loop    {med('free'):6.1f} tok/s")
    print(f"ratio constrained/free      {med('constrained') / med('free'):6.2f}x  (target >= 0.85)")
    print(f"llama-cpp-python free       {med('builtin_free'):6.1f} tok/s  ({args.builtin_items} items)")
    print(f"llama-cpp-python grammar=   {med('builtin_grammar'):6.1f} tok/s  "
          f"({med('builtin_grammar') / med('builtin_free'):.2f}x of its free)")
    step = [r["latency_stepwise"] for r in rows]
    print(f"per-item latency            p50 {percentile(lat, 0.5):.2f}s  p95 {percentile(lat, 0.95):.2f}s  "
          f"(one step per token: p50 {percentile(step, 0.5):.2f}s  p95 {percentile(step, 0.95):.2f}s)")
    print(f"forced tokens per answer    median {med('forced'):.0f} appended without a step of their own; "
          f"{sum(r['identical'] for r in rows)} of {len(rows)} answers identical to one-step-per-token")
    print(f"tokens per answer           median {med('tok'):.0f}")
    print(f"fallbacks per answer        top-k {med('topk_hits'):.0f}, full vocabulary {med('full_scans'):.0f} (median)")
    backend.close()


if __name__ == "__main__":
    main()
