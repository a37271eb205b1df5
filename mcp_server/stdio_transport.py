"""Stdio transport that answers every line it cannot read.

The SDK's stdio transport (mcp 2.3) drops a line that pydantic-core cannot parse (nesting past its
depth limit, a lone surrogate escape, a message that is no JSON-RPC) without replying, so a client
waiting on that request id would hang forever. Here each line is checked first; a bad one gets a
JSON-RPC error carrying its id (found by a bracket-aware scan when the JSON cannot be parsed), and
only readable lines reach the SDK.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from contextlib import asynccontextmanager, suppress
from io import TextIOWrapper
from typing import AsyncIterator

import anyio
import mcp_types as types
from mcp.server.mcpserver import MCPServer
from mcp.server.stdio import stdio_server
from mcp.shared.message import SessionMessage
from pydantic import ValidationError

log = logging.getLogger(__name__)

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_ID_VALUE = re.compile(r'\s*:\s*(-?\d+(?![.\deE])|"(?:[^"\\]|\\.)*")', re.DOTALL)
_HINT = ("Send one JSON-RPC 2.0 message per line: valid UTF-8 JSON, strings without lone surrogate "
         "escapes, nesting no deeper than a few hundred levels.")


def top_level_id(line: str) -> int | str | None:
    """The value of the outermost object's "id" key, scanning brackets; None when there is none."""
    depth = 0
    for match in _TOKEN.finditer(line):
        token = match.group()
        if token in "[{":
            depth += 1
        elif token in "]}":
            depth -= 1
        elif depth == 1 and token == '"id"':
            value = _ID_VALUE.match(line, match.end())
            return _id_from_json(value.group(1)) if value else None
    return None


def _id_from_json(text: str) -> int | str | None:
    if not text.startswith('"'):
        return int(text)
    try:
        decoded = json.loads(text)
        decoded.encode("utf-8")  # an id that cannot be echoed as UTF-8 is no id
        return decoded
    except (ValueError, UnicodeEncodeError):
        return None


def unreadable(line: str) -> types.JSONRPCError | None:
    """None when the SDK can read `line`; else the error reply it deserves."""
    try:
        types.jsonrpc_message_adapter.validate_json(line, by_name=False)
        return None
    except ValidationError as exc:
        first = exc.errors()[0]
        parse_failed = first["type"] == "json_invalid"
        where = ".".join(str(part) for part in first["loc"])
        reason = (f"{where}: " if where else "") + first["msg"][:200]
    code = types.PARSE_ERROR if parse_failed else types.INVALID_REQUEST
    what = "could not parse this message" if parse_failed else "this is not a JSON-RPC 2.0 message"
    return types.JSONRPCError(jsonrpc="2.0", id=top_level_id(line),
                              error=types.ErrorData(code=code, message=f"news-enhancer {what}: {reason}. {_HINT}"))


class AnsweringStdin:
    """Async line source for `stdio_server`: readable lines pass, bad ones are answered here."""

    def __init__(self, lines: anyio.AsyncFile[str]):
        self._lines = lines
        self._ready = anyio.Event()
        self._write = None

    def attach(self, write_stream) -> None:
        self._write = write_stream
        self._ready.set()

    async def __aiter__(self) -> AsyncIterator[str]:
        async for line in self._lines:
            if not line.strip():
                continue
            error = unreadable(line)
            if error is None:
                yield line
                continue
            log.warning("answered an unreadable request (id %r): %s", error.id, error.error.message[:120])
            await self._ready.wait()
            with suppress(anyio.ClosedResourceError, anyio.BrokenResourceError):
                await self._write.send(SessionMessage(error))


def _divert_stdin() -> TextIOWrapper:
    """Read the wire from a private copy of fd 0 and point fd 0 at /dev/null, so nothing else
    (a child process, a stray input()) can steal protocol bytes - what the SDK does for its own stdin."""
    private = os.dup(sys.stdin.fileno())
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, sys.stdin.fileno())
    os.close(devnull)
    return TextIOWrapper(os.fdopen(private, "rb"), encoding="utf-8", errors="replace")


@asynccontextmanager
async def answering_stdio():
    stdin = AnsweringStdin(anyio.wrap_file(_divert_stdin()))
    async with stdio_server(stdin=stdin) as (read_stream, write_stream):
        stdin.attach(write_stream)
        yield read_stream, write_stream


async def serve_stdio(server: MCPServer) -> None:
    """`server.run("stdio")` with the answering transport. Uses the SDK's low-level server, as
    `MCPServer.run_stdio_async` does; the stdio tests fail loudly if that attribute moves."""
    lowlevel = server._lowlevel_server
    async with answering_stdio() as (read_stream, write_stream):
        await lowlevel.run(read_stream, write_stream, lowlevel.create_initialization_options())
