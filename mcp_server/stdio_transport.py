"""Stdio transport that answers every request line it cannot take.

The SDK's stdio transport (mcp 2.3) drops a line that pydantic-core cannot parse (nesting past its
depth limit, a lone surrogate escape, a message that is no JSON-RPC, a batch array) without
replying, and reads a request whose id is no string or integer (1.5, true, {}, null) as a
notification that is never answered, so a client waiting on that request id would hang forever.
Here each line is checked first; a bad one gets a JSON-RPC error carrying its id (found by a
bracket-aware scan when the JSON cannot be parsed), a batch one error per request in it, and only
lines the SDK reads as meant reach it.
"""

from __future__ import annotations

import json
import logging
import math
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
_ID_VALUE = re.compile(r'\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![.\deE])|"(?:[^"\\]|\\.)*")', re.DOTALL)
_HINT = ("Send one JSON-RPC 2.0 message per line: valid UTF-8 JSON, strings without lone surrogate "
         "escapes, nesting no deeper than a few hundred levels.")


class OddIdError(types.JSONRPCError):
    """An error reply whose id may be a fraction: JSON-RPC allows any number, MCP only integers."""

    id: int | float | str | None


def top_level_id(line: str) -> int | float | str | None:
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


def _id_from_json(text: str) -> int | float | str | None:
    try:
        return echoable(json.loads(text))
    except ValueError:
        return None


def echoable(value) -> int | float | str | None:
    """A request id as an error reply may carry it: strings (valid UTF-8) and numbers; else None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")  # an id that cannot be echoed as UTF-8 is no id
            return value
        except UnicodeEncodeError:
            return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return value if isinstance(value, float) and math.isfinite(value) else None


def _error(code: int, request_id, message: str) -> types.JSONRPCError:
    return OddIdError(jsonrpc="2.0", id=request_id, error=types.ErrorData(code=code, message=message))


def replies(line: str) -> list[types.JSONRPCError] | None:
    """None when the SDK can take `line` as meant; else the error replies it deserves, one per
    request in it (none for a batch of notifications)."""
    try:
        message = types.jsonrpc_message_adapter.validate_json(line, by_name=False)
    except ValidationError as exc:
        return _batch_replies(line) if line.lstrip().startswith("[") else [unreadable(line, exc)]
    if isinstance(message, types.JSONRPCNotification) and '"id"' in line:
        return _odd_id_reply(line)
    return None


def unreadable(line: str, exc: ValidationError) -> types.JSONRPCError:
    first = exc.errors(include_url=False)[0]
    parse_failed = first["type"] == "json_invalid"
    where = ".".join(str(part) for part in first["loc"])
    reason = (f"{where}: " if where else "") + first["msg"][:200]
    code = types.PARSE_ERROR if parse_failed else types.INVALID_REQUEST
    what = "could not parse this message" if parse_failed else "this is not a JSON-RPC 2.0 message"
    return _error(code, top_level_id(line), f"news-enhancer {what}: {reason}. {_HINT}")


def _odd_id_reply(line: str) -> list[types.JSONRPCError] | None:
    """A request whose id the SDK cannot take (it would read it as a notification): -32600."""
    try:
        message = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(message, dict) or "id" not in message:
        return None  # a real notification, "id" only inside its params
    request_id = message["id"]
    kind = {bool: "a boolean", type(None): "null", float: "a fraction"}.get(type(request_id), "an object or array")
    return [_error(types.INVALID_REQUEST, echoable(request_id),
                   f"news-enhancer did not run this request: its id is {kind}, and an MCP request id must be a "
                   "string or an integer. Send it again with such an id.")]


def _batch_replies(line: str) -> list[types.JSONRPCError]:
    """A JSON-RPC batch array: one error per request in it (MCP removed batching in 2025-06-18)."""
    try:
        batch = json.loads(line)
    except (ValueError, RecursionError):
        return [_error(types.PARSE_ERROR, None, f"news-enhancer could not parse this message. {_HINT}")]
    message = ("news-enhancer does not take JSON-RPC batches (MCP removed them in protocol version 2025-06-18): "
               "send each message on its own line.")
    if not batch:
        return [_error(types.INVALID_REQUEST, None, message)]
    return [_error(types.INVALID_REQUEST, echoable(part.get("id")) if isinstance(part, dict) else None, message)
            for part in batch if not (isinstance(part, dict) and "id" not in part)]  # notifications: no reply


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
            errors = replies(line)
            if errors is None:
                yield line
                continue
            if errors:
                log.warning("answered %d request(s) it could not take (first id %r): %s",
                            len(errors), errors[0].id, errors[0].error.message[:120])
            await self._ready.wait()
            for error in errors:
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
