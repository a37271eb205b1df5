"""Per-item latency of every inference backend available on this machine, on the same items.

For each backend: the items one at a time (per-item latency p50/p95, tokens, tokens/s), then the
same items in one `generate_many` call (what a batch gets: batched forward passes for peft,
concurrent requests for openai, one after another for gguf). Prints a markdown table.

    .venv/bin/python benchmarks/bench_backends.py [--items 6] [--backends gguf,peft,openai]
        [--adapter default|none|LORA.gguf] [--peft-adapter DIR] [--base-url URL] [--quick]

openai: without --base-url a llama.cpp server (llama-cpp-python's own) is started on 127.0.0.1
with the bundled model (and the GGUF adapter), so the row measures HTTP plus that server here.
--quick decodes with the smaller-capped test grammar, for a fast comparison of the machinery.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # test support: the loopback server

from bench_decode import load_items, percentile  # noqa: E402
from support.grammar import quick_grammar  # noqa: E402
from support.llama_server import LlamaServer  # noqa: E402

from mcp_server.config import ServerConfig  # noqa: E402
from mcp_server.models import resolve_adapter  # noqa: E402
from news_core.bundled import bundled_base_path  # noqa: E402
from news_core.prompt import render_prompt  # noqa: E402


def threads_here() -> int:
    return max(1, min(4, (os.cpu_count() or 2) // 2))


def make_gguf(args, grammar, stack):
    from mcp_server.backends import load_backend
    from mcp_server.backends.guided import GrammarGuide

    backend = load_backend(ServerConfig(adapter=args.adapter, n_threads=args.threads, max_tokens=args.max_tokens))
    if grammar:  # GGUFBackend takes no grammar argument (yet)
        backend._guide.close()
        backend._guide = GrammarGuide(backend._vocab, backend._llm.n_vocab(), grammar)
    return backend, "cpu"


def make_peft(args, grammar, stack):
    from mcp_server.backends.peft import PeftBackend, resolve_adapter_dir, resolve_base_name

    adapter = resolve_adapter_dir(args.peft_adapter)
    backend = PeftBackend.load(resolve_base_name("bundled", adapter), adapter, device=args.device, n_threads=args.threads,
                               max_tokens=args.max_tokens, batch_size=args.batch_size, grammar=grammar)
    return backend, f"{backend.model.device}, {args.threads} thread(s)" if backend.model.device.type == "cpu" else str(backend.model.device)


def make_openai(args, grammar, stack):
    from mcp_server.backends.openai_compat import OpenAIBackend

    url, where = args.base_url, "remote"
    if not url:
        lora = resolve_adapter(args.adapter, "bundled")
        server = stack.enter_context(LlamaServer(bundled_base_path(), lora=lora, n_threads=args.threads))
        url, where = server.base_url, f"local llama.cpp server, {args.threads} thread(s)"
    backend = OpenAIBackend(url, args.remote_model or None, max_tokens=args.max_tokens, grammar=grammar,
                            max_in_flight=args.max_in_flight)
    if backend.model is None:
        backend.use_served_model()
    return backend, where


FACTORIES = {"gguf": make_gguf, "peft": make_peft, "openai": make_openai}
NEEDS = {"gguf": ["llama_cpp"], "peft": ["torch", "transformers", "peft", "llguidance"], "openai": ["httpx", "llama_cpp"]}


def available(name: str) -> bool:
    return all(importlib.util.find_spec(module) is not None for module in NEEDS[name])


def measure(backend, prompts: list[str]) -> dict:
    latencies, tokens, failures = [], [], 0
    for k, prompt in enumerate(prompts):
        start = time.perf_counter()
        try:
            gen = backend.generate(prompt)
        except Exception as exc:  # a failing item is counted, not fatal
            failures += 1
            print(f"  item {k}: {type(exc).__name__}: {str(exc)[:120]}", flush=True)
            continue
        latencies.append(time.perf_counter() - start)
        tokens.append(gen.completion_tokens)
        print(f"  item {k}: {gen.completion_tokens:3d} tokens in {latencies[-1]:6.2f}s", flush=True)
    start = time.perf_counter()
    backend.generate_many(prompts)
    batch = (time.perf_counter() - start) / len(prompts)
    print(f"  batch of {len(prompts)}: {batch:.2f}s per item", flush=True)
    return {"ok": len(latencies), "failed": failures, "p50": percentile(latencies, 0.5) if latencies else float("nan"),
            "p95": percentile(latencies, 0.95) if latencies else float("nan"),
            "tokens": sum(tokens) / max(1, len(tokens)), "tok_s": sum(tokens) / max(1e-9, sum(latencies)), "batch": batch}


def table(rows: list[dict]) -> str:
    lines = ["| backend | runs on | items ok | p50 s/item | p95 s/item | mean tokens | tokens/s | batch s/item |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['name']} | {r['where']} | {r['ok']}/{r['ok'] + r['failed']} | {r['p50']:.2f} | {r['p95']:.2f} "
                     f"| {r['tokens']:.0f} | {r['tok_s']:.1f} | {r['batch']:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=6)
    parser.add_argument("--backends", default="gguf,peft,openai")
    parser.add_argument("--adapter", default="default", help="GGUF LoRA for gguf and the local llama.cpp server")
    parser.add_argument("--peft-adapter", default="none", help="PEFT adapter folder for peft (default: base only)")
    parser.add_argument("--base-url", default="", help="an OpenAI-compatible server to measure instead of a local one")
    parser.add_argument("--remote-model", default="")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--threads", type=int, default=threads_here())
    parser.add_argument("--max-tokens", type=int, default=768)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--max-in-flight", type=int, default=4)
    parser.add_argument("--quick", action="store_true", help="smaller-capped grammar (tests' quick_grammar)")
    args = parser.parse_args()

    grammar = quick_grammar() if args.quick else None
    prompts = [render_prompt(item) for item in load_items(args.items)]
    rows = []
    for name in [n.strip() for n in args.backends.split(",") if n.strip()]:
        if name not in FACTORIES or not available(name):
            print(f"{name}: not available on this machine, skipped")
            continue
        with ExitStack() as stack:
            print(f"{name}: loading", flush=True)
            backend, where = FACTORIES[name](args, grammar, stack)
            stack.callback(backend.close)
            backend.generate(prompts[0])  # warm-up: first-call allocations, prompt caches
            print(f"{name}: {backend.model_id} on {where}", flush=True)
            rows.append({"name": name, "where": where, **measure(backend, prompts)})
    print(f"\nmachine: {platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"{len(prompts)} items, grammar {'quick' if args.quick else 'production'}, max_tokens {args.max_tokens}\n")
    print(table(rows))


if __name__ == "__main__":
    main()
