"""MCP Streamable HTTP: the SDK's transport, plus the checks a server on a port owes its host.

The SDK's app (MCPServer.streamable_http_app) brings sessions, SSE streams, Host and Origin
validation against DNS rebinding, and a request body limit. It enters the server's lifespan once,
so every client shares one model, its requests serialised or batched by the backend as on stdio.
Around it here: a bearer token when one is set, compared in constant time; the body limit again,
before this module reads a body; and a limit on the requests one client address has under way,
past which a request is refused at once (HTTP 429) instead of joining an unbounded queue.
"""

from __future__ import annotations

import hmac
import json
import logging
import socket
import sys

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import RequestBodyLimitMiddleware, TransportSecuritySettings
from mcp_types import ErrorData, JSONRPCError
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from news_core.errors import NewsEnhancerError

from .backends import Backend, load_backend
from .config import ANY_ADDRESS, ServerConfig
from .server import create_server

log = logging.getLogger(__name__)

MCP_PATH = "/mcp"
LOOPBACK_HOSTS = ["127.0.0.1:*", "localhost:*", "[::1]:*"]
LOOPBACK_ORIGINS = ["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"]
BUSY = -32000  # JSON-RPC's range for server-defined errors; MCP defines none for "busy"
UNAUTHORIZED = -32001
BACKLOG = 2048  # uvicorn's default


class ServerStartError(NewsEnhancerError):
    """The HTTP server did not come up: its port is taken, or uvicorn refused to start."""


def endpoint(config: ServerConfig) -> str:
    host = f"[{config.host}]" if ":" in config.host else config.host
    return f"http://{host}:{config.port}{MCP_PATH}"


def security_settings(config: ServerConfig) -> TransportSecuritySettings:
    """Host and Origin checks (the SDK's, on for every host, not only loopback as the SDK defaults)."""
    hosts = list(config.allowed_hosts)
    if not hosts:
        own = [] if config.host in ANY_ADDRESS else [f"[{config.host}]:*" if ":" in config.host else f"{config.host}:*"]
        hosts = LOOPBACK_HOSTS + [h for h in own if h not in LOOPBACK_HOSTS]
    return TransportSecuritySettings(enable_dns_rebinding_protection=True, allowed_hosts=hosts,
                                     allowed_origins=list(config.allowed_origins) or LOOPBACK_ORIGINS)


def build_app(server: MCPServer, config: ServerConfig) -> ASGIApp:
    """The ASGI app `serve --transport http` runs: the SDK's, inside this module's checks."""
    app: ASGIApp = server.streamable_http_app(
        streamable_http_path=MCP_PATH, max_request_body_size=config.max_body_bytes,
        transport_security=security_settings(config), host=config.host)
    app = RequestsPerClient(app, config.max_requests_per_client)
    app = RequestBodyLimitMiddleware(app, config.max_body_bytes)  # before RequestsPerClient reads a body
    return BearerToken(app, config.auth_token) if config.auth_token else app


def bind_socket(config: ServerConfig) -> socket.socket:
    """The listening address, taken before the model loads: a port in use fails at once, and a
    client that connects while the model loads waits for it instead of being refused."""
    family, kind, proto, _, address = socket.getaddrinfo(config.host or None, config.port, type=socket.SOCK_STREAM,
                                                         flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise ServerStartError(f"cannot listen on {config.host}:{config.port}: {exc.strerror}; choose another port "
                               "with --port, or stop what uses it") from None
    return sock


async def serve_http(config: ServerConfig, backend: Backend | None = None) -> None:
    """Take the port, load the model (unless `backend` is given), then serve until Ctrl+C or SIGTERM.
    The model loads here rather than in uvicorn's start-up, so that a failure reaches the CLI as the
    one clear message of its typed error; the server's lifespan still closes it at shutdown."""
    import uvicorn

    with bind_socket(config) as sock:
        if backend is None:
            backend = await anyio.to_thread.run_sync(load_backend, config)
        # log_config=None: uvicorn's loggers go where the CLI sends logging (stderr), never to stdout.
        uv = uvicorn.Server(uvicorn.Config(build_app(create_server(config, backend), config), log_config=None,
                                           lifespan="on", timeout_graceful_shutdown=config.shutdown_wait_s))
        # Where to connect, at every log level: the one line a person who started it needs.
        print(f"news-enhancer MCP server: Streamable HTTP at {endpoint(config)} "
              f"(token {'required' if config.auth_token else 'off: loopback only'})", file=sys.stderr, flush=True)
        try:
            await uv.serve(sockets=[sock])
        except SystemExit:  # uvicorn's way of saying that start-up failed; it has logged why
            raise ServerStartError("the HTTP server did not start; the log above says why") from None


def refusal(status: int, code: int, message: str, request_id=None, headers: dict[str, str] | None = None) -> Response:
    """A JSON-RPC error at an HTTP error status: the SDK's client hands it to the caller as the answer."""
    body = JSONRPCError(jsonrpc="2.0", id=request_id, error=ErrorData(code=code, message=message))
    return Response(body.model_dump_json(by_alias=True, exclude_unset=True), status_code=status,
                    media_type="application/json", headers=headers)


class BearerToken:
    """Every HTTP request must carry `Authorization: Bearer <token>`; checked before the body is read."""

    def __init__(self, app: ASGIApp, token: str):
        self.app, self._token = app, token.encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        scheme, _, given = Headers(scope=scope).get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode("latin-1"), self._token):
            return await self.app(scope, receive, send)
        what = "carries a wrong token" if scheme.lower() == "bearer" else "has no bearer token"
        log.warning("refused an HTTP request from %s: it %s", client_address(scope), what)
        response = refusal(401, UNAUTHORIZED, f"news-enhancer refused this request: it {what}. Send the header "
                           "Authorization: Bearer <token>, the token the server was started with (its auth_token).",
                           headers={"WWW-Authenticate": 'Bearer realm="news-enhancer"'})
        await response(scope, receive, send)


class RequestsPerClient:
    """At most `limit` JSON-RPC requests under way per client address; one more is answered at
    once with HTTP 429 and a "busy" JSON-RPC error. Notifications and replies always pass (a
    client must be able to cancel), and so do GET streams and DELETE."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit
        self.under_way: dict[str, int] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        body, receive = await _read_body(receive)
        is_request, request_id = _request_id(body)
        if not is_request:
            return await self.app(scope, receive, send)
        client = client_address(scope)
        if self.under_way.get(client, 0) >= self.limit:
            log.warning("refused a request from %s: %d already under way", client, self.limit)
            response = refusal(429, BUSY, f"news-enhancer is busy: this client ({client}) already has {self.limit} "
                               "requests under way, the server's max_requests_per_client. Wait for one to finish, "
                               "then send this one again.", request_id, headers={"Retry-After": "1"})
            return await response(scope, receive, send)
        self.under_way[client] = self.under_way.get(client, 0) + 1
        try:
            await self.app(scope, receive, send)  # returns when the answer (its SSE stream included) is sent
        finally:
            self.under_way[client] -= 1
            if not self.under_way[client]:
                del self.under_way[client]


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


async def _read_body(receive: Receive) -> tuple[bytes, Receive]:
    """The whole body (RequestBodyLimitMiddleware has bounded it), and a `receive` that replays it."""
    chunks, messages = [], []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    replay: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]
    replay += [m for m in messages if m["type"] != "http.request"]

    async def replayed() -> Message:
        return replay.pop(0) if replay else await receive()

    return b"".join(chunks), replayed


def _request_id(body: bytes) -> tuple[bool, object]:
    """(whether the body holds a JSON-RPC request, its id). Unreadable bodies pass: the SDK answers them."""
    try:
        message = json.loads(body)
    except (ValueError, RecursionError):
        return False, None
    if isinstance(message, list):  # a batch, which the SDK refuses; counted so it cannot slip past
        return True, None
    if not isinstance(message, dict) or "method" not in message or "id" not in message:
        return False, None
    request_id = message["id"]
    return True, request_id if isinstance(request_id, (str, int)) and not isinstance(request_id, bool) else None

