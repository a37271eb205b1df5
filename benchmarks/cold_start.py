"""Cold start of the stdio server, timed by a real MCP client: process start to the first answer.

The breakdown comes from the server's own stderr log (timestamps to the millisecond):
  interpreter + CLI     spawn -> "starting news-enhancer MCP server" (Python, the dispatcher, the config)
  server imports        -> the lifespan starts loading the model (the MCP SDK, the tools, the backend module)
  model load            the lifespan's "model ready: ... loaded in X s"
  initialize answered   the client's initialize returns (the lifespan runs before the session serves)
  first answer          initialize -> the first enhance_news_item result
Used by benchmarks/bench.py; loopback only (stdio pipes).
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime

STARTING = "starting news-enhancer MCP server"
LOADED = re.compile(r"model ready: .* loaded in ([0-9.]+) s")
STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) ")


def log_time(line: str) -> float | None:
    """The epoch time of a log line written with logging's default asctime (local time, ms)."""
    match = STAMP.match(line)
    return datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp() if match else None


@dataclass
class ColdStart:
    """Seconds from the spawn (the client's clock) to each step."""

    total: float  # spawn -> first enhance_news_item answer
    initialize: float  # spawn -> initialize answered
    cli: float | None = None  # spawn -> "starting" log line
    model_load: float | None = None  # the lifespan's own timing
    ready: float | None = None  # spawn -> "model ready" log line

    @property
    def imports(self) -> float | None:
        """Server imports and set-up: after the CLI line, before the model load began."""
        if None in (self.cli, self.ready, self.model_load):
            return None
        return max(0.0, self.ready - self.model_load - self.cli)

    @property
    def first_answer(self) -> float:
        return self.total - self.initialize

    def parts(self) -> dict[str, float | None]:
        return {"interpreter + CLI + config": self.cli, "server imports": self.imports,
                "model load": self.model_load, "first answer": self.first_answer}


def breakdown(spawned_at: float, stderr: str, initialize: float, total: float) -> ColdStart:
    """ColdStart from the client's timings and the server's stderr (spawned_at: epoch seconds)."""
    result = ColdStart(total=total, initialize=initialize)
    for line in stderr.splitlines():
        at = log_time(line)
        if at is None:
            continue
        if STARTING in line and result.cli is None:
            result.cli = at - spawned_at
        elif (loaded := LOADED.search(line)) and result.model_load is None:
            result.model_load, result.ready = float(loaded.group(1)), at - spawned_at
    return result


class ServerRun:
    """`async with ServerRun(params, item) as run:` spawns the server, times the cold start (run.cold)
    and leaves run.session open for more calls; run.pid is the server process."""

    def __init__(self, params, first_item: dict):
        self.params, self.first_item = params, first_item
        self.cold: ColdStart | None = None

    async def __aenter__(self):
        from contextlib import AsyncExitStack

        import psutil
        from mcp.client.session import ClientSession
        from mcp.client.stdio import stdio_client

        self._stack = AsyncExitStack()
        self._err = self._stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
        before = {p.pid for p in psutil.Process().children(recursive=True)}
        spawned_at, start = time.time(), time.perf_counter()
        read, write = await self._stack.enter_async_context(stdio_client(self.params, errlog=self._err))
        self.session = await self._stack.enter_async_context(ClientSession(read, write))
        await self.session.initialize()
        initialize = time.perf_counter() - start
        result = await self.session.call_tool("enhance_news_item", self.first_item)
        total = time.perf_counter() - start
        if result.is_error:
            raise RuntimeError(f"the first call failed: {result.content}")
        self.process = next(p for p in psutil.Process().children(recursive=True) if p.pid not in before)
        self.cold = breakdown(spawned_at, self.stderr(), initialize, total)
        return self

    def stderr(self) -> str:
        self._err.flush()
        self._err.seek(0)
        return self._err.read()

    async def __aexit__(self, *exc):
        await self._stack.aclose()
