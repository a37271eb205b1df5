"""`make bench`: one table of the server's performance on this machine.

  decoding      grammar-guided tokens/s (as served: forced runs of keys and separators appended in one
                decode call; and one decode step per token) vs unconstrained greedy decoding of the
                same number of tokens with the same loop, in this process, on --items items
  per item      enhance_news_item over MCP, one call at a time: p50 / p95 latency
  newsletter    enhance_newsletter on a shipped sample newsletter over MCP: items/s
  batch         batch_enhance of --batch-items items over MCP: items/s at the server's batch size
  cold start    spawn of `python -m mcp_server` -> first enhance_news_item answer, median of --cold-runs
  memory        the server process's resident memory: after warm-up and the kernel's high-water mark

Every MCP figure comes from a real client over stdio (loopback only, no network). Absolute figures
depend on the machine and on its other load (the load average is printed); ratios measured in the
same run survive a noisy machine better.

    .venv/bin/python benchmarks/bench.py [--items 20] [--batch-items 100] [--cold-runs 3]
        [--batch-size N] [--set NAME=VALUE ...] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import anyio
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).parent))
from cold_start import ColdStart, ServerRun  # noqa: E402
from load_test import SAMPLES, load_items, server_params  # noqa: E402
from rss import RssSampler, peak_rss_mb  # noqa: E402

NEWSLETTER = SAMPLES / "newsletters" / "tldr-ai-2025-06-11.md"
ENV_PREFIX = "NEWS_ENHANCER_"
# The setting --batch-size sets: the first of these that ServerConfig has (the gguf backend's own
# multi-sequence batch size once it exists, else the peft backend's items per forward pass).
BATCH_SETTINGS = ("decode_batch_size", "batch_size")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def format_table(rows: list[tuple[str, str, str]]) -> str:
    """A Markdown table (measurement | result | how), padded so it also reads as plain text."""
    head = ("measurement", "result", "how")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def server_env(args) -> dict[str, str]:
    """NEWS_ENHANCER_* variables for the server: --set pairs, and --batch-size on its setting."""
    env = {}
    for pair in args.set:
        name, _, value = pair.partition("=")
        env[ENV_PREFIX + name.strip().upper()] = value
    if args.batch_size:
        env[ENV_PREFIX + batch_setting().upper()] = str(args.batch_size)
    return env


def batch_setting() -> str:
    from mcp_server.config import ServerConfig

    return next(name for name in BATCH_SETTINGS if name in ServerConfig.__dataclass_fields__)


def served_config(env: dict[str, str]):
    """The ServerConfig the spawned server builds from the same environment (no TOML file)."""
    from mcp_server.config import load_config

    return load_config(None, None, env)


def batch_size_note(config) -> str:
    """How many items the server hands its backend at once, and from which setting (what each
    backend's items_at_once returns, read from the config without loading a model)."""
    setting = {"gguf": "decode_batch_size", "peft": "batch_size", "openai": "max_in_flight"}[config.backend]
    return f"{getattr(config, setting)} item(s) per backend call ({setting})"


async def mcp_figures(args, env: dict[str, str]) -> dict:
    """Cold starts, then per-item latency, a newsletter and a batch in the last server's session."""
    items = load_items()
    first = {**items[0], "id": "cold-start"}
    colds: list[ColdStart] = []
    for _ in range(args.cold_runs - 1):
        async with ServerRun(server_params(env), first) as run:
            colds.append(run.cold)
    async with ServerRun(server_params(env), first) as run:
        colds.append(run.cold)
        session, process = run.session, run.process
        warm_rss = process.memory_info().rss / 2**20
        with RssSampler(process) as sampler:
            latencies = []
            for n in tqdm(range(args.items), desc="enhance_news_item", unit="item", file=sys.stderr):
                start = time.perf_counter()
                result = await session.call_tool("enhance_news_item", {**items[n % len(items)], "id": f"item-{n}"})
                latencies.append(time.perf_counter() - start)
                if result.is_error:
                    raise RuntimeError(f"enhance_news_item failed: {result.content}")
            start = time.perf_counter()
            letter = await session.call_tool("enhance_newsletter", {"raw": NEWSLETTER.read_text("utf-8")})
            letter_s = time.perf_counter() - start
            batch = [{**items[n % len(items)], "id": f"b{n}"} for n in range(args.batch_items)]
            bar = tqdm(total=len(batch), desc="batch_enhance", unit="item", file=sys.stderr)

            async def progress(done, total, message):
                bar.update(int(done) - bar.n)

            start = time.perf_counter()
            batched = await session.call_tool("batch_enhance", {"items": batch}, read_timeout_seconds=args.max_seconds,
                                              progress_callback=progress)
            batch_s = time.perf_counter() - start
            bar.close()
        high_water = peak_rss_mb(process)
    letter_body, batch_body = letter.structured_content or {}, batched.structured_content or {}
    return {"cold": colds, "latencies": latencies, "warm_rss_mib": warm_rss, "sampled_peak_mib": sampler.peak_mb,
            "high_water_mib": high_water, "letter_items": len(letter_body.get("items", [])),
            "letter_ok": letter_body.get("succeeded", 0), "letter_s": letter_s,
            "batch_items": len(batch_body.get("items", [])), "batch_ok": batch_body.get("succeeded", 0),
            "batch_s": batch_s}


@contextmanager
def quiet_stderr():
    sys.stderr.flush()
    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def decode_figures(config, n_items: int) -> dict:
    """Guided (as served, and one step per token) vs free tokens/s, in this process, median per item."""
    from mcp_server.backends import load_backend
    from news_core.items import NewsItem
    from news_core.prompt import render_prompt

    with quiet_stderr():  # llama.cpp's notes on the LoRA tensors, written by C on fd 2
        backend = load_backend(config)
    items = [NewsItem(**raw) for raw in load_items()][:n_items]
    served, stepwise, free, tokens = [], [], [], []
    forced = getattr(backend, "forced_tokens", None)
    backend.generate(render_prompt(items[0]))  # warm-up
    for item in tqdm(items, desc="decoding (guided, free)", unit="item", file=sys.stderr):
        prompt = render_prompt(item)
        gen = backend.generate(prompt)
        served.append(gen.completion_tokens / gen.seconds)
        if forced is not None:
            backend.forced_tokens = False
            step = backend.generate(prompt)
            stepwise.append(step.completion_tokens / step.seconds)
            backend.forced_tokens = forced
        _, n_free, s_free = backend.generate_free(prompt, gen.completion_tokens)
        free.append(n_free / s_free)
        tokens.append(gen.completion_tokens)
    backend.close()
    med = statistics.median
    return {"served": med(served), "stepwise": med(stepwise) if stepwise else None, "free": med(free),
            "tokens": med(tokens), "items": len(items), "model": backend.model_id, "forced": forced}


def head_note(config) -> str:
    words = getattr(config, "head_words", 0)
    return f"; short output layer (head_words {words})" if words else ""


def rows(decode: dict, mcp: dict, args, config) -> list[tuple[str, str, str]]:
    cold = mcp["cold"]
    med = statistics.median
    known = {name: [c.parts()[name] for c in cold if c.parts()[name] is not None] for name in cold[0].parts()}
    parts = {name: med(values) for name, values in known.items() if values}
    lat = mcp["latencies"]
    out = [("guided decoding, as served", f"{decode['served']:.1f} tok/s",
            f"median of {decode['items']} items, {decode['tokens']:.0f} tokens per answer; forced runs in one decode call"
            f"{head_note(config)} ({decode['served'] / decode['free']:.2f}x free)")]
    if decode["stepwise"] is not None:
        out.append(("guided, one decode step per token", f"{decode['stepwise']:.1f} tok/s",
                    f"{decode['stepwise'] / decode['free']:.2f}x free: the grammar's own cost per step"
                    + (", and the short output layer's gain" if head_note(config) else "")))
    out += [
        ("free (unconstrained) decoding", f"{decode['free']:.1f} tok/s",
         "same loop, same number of tokens, the whole output layer"),
        ("per item, enhance_news_item", f"p50 {percentile(lat, 0.5):.2f} s, p95 {percentile(lat, 0.95):.2f} s",
         f"{len(lat)} calls over MCP one at a time ({len(lat) / sum(lat):.2f} items/s)"),
        ("newsletter, enhance_newsletter", f"{mcp['letter_items'] / mcp['letter_s']:.2f} items/s",
         f"{NEWSLETTER.name}: {mcp['letter_ok']}/{mcp['letter_items']} items in {mcp['letter_s']:.1f} s"),
        (f"batch_enhance, {args.batch_items} items", f"{mcp['batch_items'] / mcp['batch_s']:.2f} items/s",
         f"{mcp['batch_ok']}/{mcp['batch_items']} succeeded in {mcp['batch_s']:.1f} s; {batch_size_note(config)}"),
        ("cold start to first answer", f"{med([c.total for c in cold]):.2f} s",
         f"median of {len(cold)}: " + ", ".join(f"{k} {v:.2f} s" for k, v in parts.items())),
        ("resident memory (server)", f"{mcp['high_water_mib']:.0f} MiB peak",
         f"kernel high-water mark; {mcp['warm_rss_mib']:.0f} MiB after the first answer, "
         f"sampled peak {mcp['sampled_peak_mib']:.0f} MiB during the calls"),
    ]
    return out


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"load average {load:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20, help="items for decoding speed and per-item latency")
    parser.add_argument("--batch-items", type=int, default=100, help="items in the batch_enhance call")
    parser.add_argument("--cold-runs", type=int, default=3, help="server starts timed (the last one does the calls)")
    parser.add_argument("--batch-size", type=int, help=f"the server's batch size (sets the first of {BATCH_SETTINGS} "
                                                        "that the server has)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a server setting for this run (passed as NEWS_ENHANCER_NAME)")
    parser.add_argument("--max-seconds", type=float, default=1800, help="time limit of the batch call")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if min(args.items, args.batch_items, args.cold_runs) < 1:
        parser.error("--items, --batch-items and --cold-runs must be at least 1")
    env = server_env(args)
    config = served_config(env)
    before = machine()
    started = time.perf_counter()
    mcp = anyio.run(mcp_figures, args, env)  # first: the server runs alone, nothing else loaded here
    decode = decode_figures(config, args.items)
    table = rows(decode, mcp, args, config)
    print(f"\nnews-enhancer bench, {time.strftime('%Y-%m-%d')}: {decode['model']}, backend {config.backend}, "
          f"settings {env or 'default'}")
    print(f"machine: {before} at the start, {machine().rsplit(', ', 1)[1]} at the end; "
          f"{time.perf_counter() - started:.0f} s in all\n")
    print(format_table(table))
    if args.json:
        args.json.write_text(json.dumps({"rows": table, "machine": before, "settings": env, "latencies_s": mcp["latencies"],
                                               "cold_starts": [{"total": c.total, **c.parts()} for c in mcp["cold"]]},
                                              indent=2) + "\n")
    complete = mcp["batch_ok"] == mcp["batch_items"] == args.batch_items and mcp["letter_ok"] == mcp["letter_items"] > 0
    if not complete:
        print("\nsome items failed or went missing: the throughput figures above are not comparable", file=sys.stderr)
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
