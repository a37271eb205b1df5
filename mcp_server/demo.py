"""`news-enhancer demo` (what `make run` does): a real MCP client starts the server over stdio,
calls the tools on the sample items and a sample newsletter and prints the structured results with per-item timing."""

from __future__ import annotations

import argparse
import json
import sys
import time
from importlib.resources import files
from pathlib import Path

from news_core.logs import LEVELS, configure

SAMPLES = Path(str(files("mcp_server").joinpath("samples/items.json")))
NEWSLETTER = Path(str(files("mcp_server").joinpath("samples/newsletters/tldr-ai-2025-06-11.md")))


HELP = "start the server, call its tools on the sample items, print the results"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--items", type=Path, default=SAMPLES, help="JSON list of items (default: shipped samples)")
    parser.add_argument("--newsletter", type=Path, default=NEWSLETTER, help="raw newsletter for enhance_newsletter")
    parser.add_argument("--adapter", help="passed to the server (default: the shipped adapter)")
    parser.add_argument("--model", help="passed to the server (default: bundled)")
    parser.add_argument("--log-level", choices=LEVELS,
                        help="passed to the server, and this command's own (default: the server's log_level, warning)")


def server_params(extra_args: list[str]):
    from mcp.client.stdio import StdioServerParameters

    return StdioServerParameters(command=sys.executable, args=["-m", "mcp_server", *extra_args])


async def _demo(items: list[dict], newsletter: str, extra_args: list[str]) -> int:
    from mcp import Client

    async with Client(server_params(extra_args)) as client:
        tools = (await client.list_tools()).tools
        print("tools:", ", ".join(f"{t.name} (output schema: {'yes' if t.output_schema else 'no'})" for t in tools))
        start = time.perf_counter()
        single = await _call(client, "enhance_news_item", dict(items[0]))
        if single is None:
            return 1
        print(f"\nenhance_news_item [{items[0]['id']}] in {time.perf_counter() - start:.2f}s")
        print(json.dumps(single["metadata"], ensure_ascii=False, indent=2))

        async def on_progress(progress, total, message):
            if sys.stderr.isatty():  # one line, rewritten in place; a log or a pipe gets none of it
                print(f"  {progress:.0f}/{total:.0f}", end="\r" if progress < total else "\r\033[K", file=sys.stderr,
                      flush=True)

        start = time.perf_counter()
        result = await _call(client, "batch_enhance", {"items": items}, on_progress)
        if result is None:
            return 1
        print(f"\nbatch_enhance: {result['succeeded']} ok, {result['failed']} failed, "
              f"{time.perf_counter() - start:.2f}s, model {result['model']}")
        for entry in result["items"]:
            head = f"[{entry['index']}] {entry['id']} ({entry['seconds']:.2f}s)"
            print(head, json.dumps(entry["metadata"], ensure_ascii=False) if entry["ok"] else f"ERROR {entry['error']}")
        failed = result["failed"]

        start = time.perf_counter()
        result = await _call(client, "enhance_newsletter", {"raw": newsletter}, on_progress)
        if result is None:
            return 1
        print(f"\nenhance_newsletter: {result['subject']!r} ({result['source']}, {result['date']}): "
              f"{len(result['items'])} items, {result['succeeded']} ok, {time.perf_counter() - start:.2f}s")
        for entry in result["items"]:
            meta = entry["metadata"]
            mark = " [sponsor]" if entry["sponsored"] else ""
            text = f"{meta['relevance_score']:2d} {entry['title']}{mark} -> {', '.join(meta['company_names']) or '-'}" if entry["ok"] else f"ERROR {entry['error']}"
            print(f"[{entry['index']}] ({entry['seconds']:.2f}s) {text}")
        return 0 if failed == 0 and result["failed"] == 0 else 1


async def _call(client, tool: str, arguments: dict, on_progress=None) -> dict | None:
    """The tool's structured result, or None after printing its error."""
    result = await client.call_tool(tool, arguments, progress_callback=on_progress)
    if result.is_error:
        print(f"{tool} failed:", result.content[0].text)
        return None
    return result.structured_content


def run(args: argparse.Namespace) -> int:
    import anyio

    items = json.loads(args.items.read_text(encoding="utf-8"))
    level = "debug" if getattr(args, "verbose", False) else args.log_level  # news-enhancer -v demo: debug
    configure(level or "warning")
    settings = (("adapter", args.adapter), ("model", args.model), ("log-level", level))
    extra = [f"--{k}={v}" for k, v in settings if v]
    return anyio.run(_demo, items, args.newsletter.read_text(encoding="utf-8"), extra)
