"""Shared helpers for the hardening tests (no tests here): a real stdio server driven by the
SDK's client from synchronous test code, its process for CPU and memory readings, raw-wire
JSON-RPC, and the checks every answer must pass."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from functools import partial

import anyio
import psutil
from anyio.from_thread import start_blocking_portal
from conftest import ROOT, server_env
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.shared.exceptions import MCPError

sys.path.insert(0, str(ROOT / "benchmarks"))
from rss import RssSampler, peak_rss_mb  # noqa: E402,F401  (one sampler for the memory test and benchmark)

# Each model call prefills its prompt, decodes one token and ends with a per-item error: cheap, and
# every path except a full answer is exercised. 4 = the answer's 3 forced opening tokens ('{"' and its
# first key, which count against max_tokens) and one decoded: with fewer, an item fails before its
# prompt is evaluated and a batch ends at once. Tests that need real answers use FULL.
CHEAP = {"NEWS_ENHANCER_MAX_TOKENS": "4"}
FULL: dict[str, str] = {}
CALL_TIMEOUT_S = 300.0
TOOLS = {"enhance_news_item", "batch_enhance", "enhance_newsletter"}  # every one must be served, never skipped


def params(**env) -> StdioServerParameters:
    return StdioServerParameters(command=sys.executable, args=["-m", "mcp_server"], cwd=str(ROOT), env=server_env(**env))


class Served:
    """One server process and a connected client, callable from synchronous test code."""

    def __init__(self, portal, client: Client, process: psutil.Process):
        self.portal, self.client, self.process = portal, client, process

    def call(self, name: str, arguments, timeout: float = CALL_TIMEOUT_S):
        """A tool call: the CallToolResult, or the MCPError the server answered with."""
        try:
            return self.portal.call(partial(self.client.call_tool, name, arguments, read_timeout_seconds=timeout))
        except MCPError as exc:
            return exc

    def run(self, async_fn, *args):
        return self.portal.call(async_fn, *args)

    def tool_names(self) -> set[str]:
        return {t.name for t in self.portal.call(self.client.list_tools).tools}

    def cpu_seconds(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system


@contextmanager
def served(**env):
    """Start `python -m mcp_server` with env, connect, yield a Served; stop it at the end.
    A server that does not list every tool in TOOLS fails here: a test never skips a missing tool."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with start_blocking_portal() as portal:
        with portal.wrap_async_context_manager(Client(params(**env))) as client:
            server = Served(portal, client, _server_process(before))
            missing = TOOLS - server.tool_names()
            assert not missing, f"the server does not serve {sorted(missing)}"
            yield server


def _server_process(before: set[int]) -> psutil.Process:
    for proc in psutil.Process().children(recursive=True):
        if proc.pid not in before and "mcp_server" in " ".join(proc.cmdline()):
            return proc
    raise AssertionError("the server process was not found among this test's children")


def assert_answered(result, tool: str) -> None:
    """A clear answer: structured content, or an error with a readable message."""
    if isinstance(result, MCPError):
        assert result.message.strip(), f"{tool}: JSON-RPC error without a message"
        return
    if result.is_error:
        text = " ".join(getattr(c, "text", "") for c in result.content)
        assert text.strip(), f"{tool}: tool error without a message"
        return
    assert isinstance(result.structured_content, dict), f"{tool}: no structured result"


def expected_batch_ids(items, max_id_chars: int = 256) -> list[str]:
    """What batch_enhance must report, one id per input position: the caller's id (a non-blank
    string within max_id_chars), else item-<n>, suffixed -2, -3 ... while a caller id reads that way."""
    given = [i["id"] if isinstance(i, dict) and isinstance(i.get("id"), str) and i["id"].strip()
             and len(i["id"]) <= max_id_chars else None for i in items]
    taken, ids = {g for g in given if g}, []
    for n, item_id in enumerate(given):
        if item_id is None:
            item_id = next(c for c in [f"item-{n}"] + [f"item-{n}-{k}" for k in range(2, len(items) + 3)] if c not in taken)
            taken.add(item_id)
        ids.append(item_id)
    return ids


def assert_batch_complete(result, items) -> None:
    """Every input item exactly once, in order, each with metadata or its own error."""
    assert not isinstance(result, MCPError) and not result.is_error, result
    out = result.structured_content
    entries = out["items"]
    assert [e["index"] for e in entries] == list(range(len(items)))
    assert [e["id"] for e in entries] == expected_batch_ids(items)
    for entry in entries:
        assert entry["ok"] == (entry["metadata"] is not None) == (entry["error"] is None), entry
    assert out["succeeded"] + out["failed"] == len(items)


def error_text(result) -> str:
    if isinstance(result, MCPError):
        return result.message
    return " ".join(getattr(c, "text", "") for c in result.content)


# -- the raw wire ------------------------------------------------------------------------------
def initialize_lines() -> list[str]:
    from mcp_types import LATEST_PROTOCOL_VERSION

    return [
        json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "protocolVersion": LATEST_PROTOCOL_VERSION, "capabilities": {},
            "clientInfo": {"name": "hardening", "version": "0"}}}),
        json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}),
    ]


class RawServer:
    """`python -m mcp_server` spoken to by hand: write lines, wait for answers, close stdin, and
    keep every stdout line, so a test can count the answers per id and read the exit code."""

    def __init__(self, **env):
        self.proc = subprocess.Popen([sys.executable, "-m", "mcp_server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, cwd=ROOT, env=server_env(**env))
        self.messages: list[dict] = []  # every JSON-RPC message on stdout, in order
        self.stray: list[str] = []  # stdout lines that are no JSON-RPC message
        self._stderr: list[str] = []
        self._reader = threading.Thread(target=_read_answers, args=(self.proc.stdout, self.messages, self.stray), daemon=True)
        self._reader.start()
        self._err_reader = threading.Thread(target=self._stderr.extend, args=(self.proc.stderr,), daemon=True)
        self._err_reader.start()

    def send(self, *lines: str) -> None:
        self.proc.stdin.write("\n".join(lines) + "\n")
        self.proc.stdin.flush()

    def answered(self) -> dict:
        """The last answer per id."""
        return {m["id"]: m for m in list(self.messages) if "id" in m and ("result" in m or "error" in m)}

    def answer_counts(self) -> dict[str, int]:
        """Answers per id, keyed by the id's JSON text (so 1, 1.0, true and "1" stay apart)."""
        counts: dict[str, int] = {}
        for message in list(self.messages):
            if "id" in message and ("result" in message or "error" in message):
                key = json.dumps(message["id"])
                counts[key] = counts.get(key, 0) + 1
        return counts

    def wait_for(self, ids, timeout: float, sentinel=None, grace: float = 20) -> bool:
        """Until every id in `ids` is answered, `timeout` passes (or `grace` after `sentinel`'s answer),
        or the process ends. True when all are in."""
        deadline = time.monotonic() + timeout
        while not set(ids) <= self.answered().keys() and time.monotonic() < deadline and self.proc.poll() is None:
            if sentinel is not None and sentinel in self.answered():
                deadline = min(deadline, time.monotonic() + grace)
            time.sleep(0.05)
        return set(ids) <= self.answered().keys()

    def close(self, timeout: float = 60) -> int | None:
        """Close stdin (the MCP stdio shutdown signal) and wait for the exit code; None if it hung (killed)."""
        with contextlib.suppress(BrokenPipeError, OSError):
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None
        finally:
            self._reader.join(timeout=5)
            self._err_reader.join(timeout=5)
        return self.proc.returncode

    @property
    def stderr(self) -> str:
        return "".join(self._stderr)


def raw_session(lines: list[str], expect: set, timeout: float = 300, sentinel=None, grace: float = 20,
                **env) -> tuple[dict, str]:
    """Write JSON-RPC lines (already encoded) to a fresh server, wait until every id in `expect`
    is answered (at most `timeout`, or `grace` seconds once `sentinel` is), then close stdin.
    Answers by id, and the server's stderr. Every stdout line must be a JSON-RPC message."""
    server = RawServer(**env)
    try:
        server.send(*initialize_lines(), *lines)
        server.wait_for(expect, timeout, sentinel, grace)
    finally:
        server.close(timeout=30)
    assert not server.stray, f"stdout carried non-protocol lines: {server.stray[:3]}"
    return server.answered(), server.stderr


def _read_answers(stdout, messages: list, stray: list[str]) -> None:
    for line in stdout:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
        except ValueError:
            message = None
        if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
            stray.append(line[:200])
        else:
            messages.append(message)


def tool_call_line(request_id: int, name: str, arguments_json: str) -> str:
    """A tools/call request with the arguments spliced in as raw JSON text."""
    return ('{"jsonrpc": "2.0", "id": %d, "method": "tools/call", "params": {"name": %s, "arguments": %s}}'
            % (request_id, json.dumps(name), arguments_json))


async def gather(*calls):
    """Run async callables at once in one task group; their results in the same order."""
    results = [None] * len(calls)

    async def one(n, fn):
        results[n] = await fn()

    async with anyio.create_task_group() as tg:
        for n, fn in enumerate(calls):
            tg.start_soon(one, n, fn)
    return results


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start
