"""The server over MCP Streamable HTTP: real server processes on 127.0.0.1, the SDK's HTTP client.

One module-scoped process runs tests/support/http_server.py: the same serve_http and ASGI app as
`serve --transport http`, with the fake backend standing in for the model (a test double, so the
security and concurrency tests take milliseconds). The last test starts the real entry point,
`python -m mcp_server --transport http`, with the bundled model, and two clients at once.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import asynccontextmanager, contextmanager

import anyio
import httpx2
import pytest
from conftest import ROOT, server_env
from contract_suite import GOOD, ContractSuite, collect
from mcp import Client, MCPError
from mcp.client.streamable_http import streamable_http_client
from starlette.responses import Response

from mcp_server.config import ServerConfig
from mcp_server.http_transport import (
    BUSY,
    UNAUTHORIZED,
    RequestsPerClient,
    ServerStartError,
    bind_socket,
    security_settings,
)
from news_core.cli import main as cli_main
from news_core.errors import ConfigError

TOKEN = "test-token-0123456789abcdef"
LIMIT = 2  # max_requests_per_client of the fake-backend server
MAX_BODY = 2 * 1024 * 1024  # above the contract suite's 1 MB item, so that one is still served
LAUNCHER = ROOT / "tests" / "support" / "http_server.py"
INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                         "clientInfo": {"name": "t", "version": "1"}}}
ACCEPT = {"Accept": "application/json, text/event-stream"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def http_server(args: list[str], startup_s: float, **env):
    """A server process on a free port of 127.0.0.1; yields (its endpoint, a function that returns
    its log so far) once it accepts connections."""
    port = free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env=server_env(NEWS_ENHANCER_PORT=str(port), **env))

    def output() -> str:
        log.seek(0)
        return log.read().decode(errors="replace")[-3000:]

    try:
        deadline = time.monotonic() + startup_s
        while True:
            assert proc.poll() is None, f"the server exited with {proc.returncode}:\n{output()}"
            assert time.monotonic() < deadline, f"the server did not listen within {startup_s} s:\n{output()}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/mcp", output
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError(f"the server did not stop on SIGTERM:\n{output()}") from None
        # uvicorn stops cleanly, then re-raises the signal it caught, as a process killed by it would.
        assert code in (0, -signal.SIGTERM), f"the server exited with {code} on SIGTERM:\n{output()}"
        assert "Application shutdown complete" in output(), output()


@asynccontextmanager
async def transport(url: str, token: str | None = TOKEN, **headers: str):
    """The SDK's streamable HTTP client transport, with our token and any extra headers, as
    docs/http.md shows it (with the SDK's own timeouts: 300 s to read a stream)."""
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    async with httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(30, read=300)) as http, \
            streamable_http_client(url, http_client=http) as streams:
        yield streams


def client(url: str, token: str | None = TOKEN, **headers: str) -> Client:
    return Client(transport(url, token, **headers))


def post(url: str, body: bytes | object, token: str | None = TOKEN, **headers: str) -> httpx2.Response:
    """One raw POST, for the HTTP status and headers the SDK's client does not show."""
    headers = {"Content-Type": "application/json", **ACCEPT, **headers}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    with httpx2.Client(timeout=10) as http:
        return http.post(url, content=body, headers=headers)


def run(coro_fn, *args):
    return anyio.run(coro_fn, *args)


def refused_at_connect(url: str, token: str | None = TOKEN, **headers: str) -> MCPError:
    """The error a client gets when the server refuses its first request (the SDK's client raises
    it from inside task groups, so it comes wrapped in exception groups)."""
    async def main():
        async with client(url, token, **headers) as c:
            await c.list_tools()

    try:
        run(main)
    except BaseException as exc:  # noqa: BLE001 - unwrapped below, re-raised if it is no MCPError
        error = exc
        while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
            error = error.exceptions[0]
        if isinstance(error, MCPError):
            return error
        raise
    raise AssertionError("the server let this client in")


@pytest.fixture(scope="module")
def url():
    env = dict(NEWS_ENHANCER_AUTH_TOKEN=TOKEN, NEWS_ENHANCER_MAX_REQUESTS_PER_CLIENT=str(LIMIT),
               NEWS_ENHANCER_MAX_BODY_BYTES=str(MAX_BODY), PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]))
    with http_server([str(LAUNCHER)], startup_s=30, **env) as (endpoint, _):
        yield endpoint


@pytest.fixture(scope="module", params=["auto", "legacy"])
def session_results(url, request):
    """auto negotiates the SDK's newest protocol (2026-07-28, no sessions); legacy the initialize
    handshake of 2025-11-25 and before, with a session, as most MCP clients speak today."""
    async def main():
        async with Client(transport(url), mode=request.param) as c:
            return await collect(c)

    return run(main)


class TestHttpContract(ContractSuite):
    """tests/contract_suite.py, the stdio tests' assertions, over Streamable HTTP in both eras."""


def test_two_clients_at_once_each_get_their_own_answers(url):
    """A fast call from one client returns while another client's slow call is still running."""
    done: dict[str, float] = {}
    results = {}

    async def call(title: str, delay: float):
        await anyio.sleep(delay)
        async with client(url) as c:
            results[title] = await c.call_tool("enhance_news_item", {"title": title, "content": "Some news."})
            done[title] = time.monotonic()

    async def main():
        async with anyio.create_task_group() as tg:
            tg.start_soon(call, "slow", 0)
            tg.start_soon(call, "Fast news", 0.3)

    run(main)
    assert {t: r.structured_content["metadata"]["summary"] for t, r in results.items()} == {
        "slow": "slow", "Fast news": "Fast news"}
    assert done["Fast news"] < done["slow"]


@pytest.mark.parametrize("token, said", [(None, "has no bearer token"),
                                         ("wrong-token-0123456789abcdef", "carries a wrong token")])
def test_a_missing_or_wrong_token_is_refused(url, token, said):
    error = refused_at_connect(url, token).error
    assert error.code == UNAUTHORIZED and said in error.message and "Authorization: Bearer" in error.message
    response = post(url, b"{}", token)
    assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer")


def test_a_foreign_origin_is_refused_and_a_loopback_one_let_in(url):
    refused_at_connect(url, Origin="http://evil.example")
    foreign = post(url, b'{"jsonrpc": "2.0", "id": 1, "method": "ping"}', Origin="http://evil.example")
    assert foreign.status_code == 403
    port = url.split(":")[2].split("/")[0]
    local = post(url, json.dumps(INITIALIZE), Origin=f"http://localhost:{port}")
    assert local.status_code == 200, local.text


def test_a_foreign_host_header_is_refused(url):
    """DNS rebinding: a page on evil.example that resolves to 127.0.0.1 sends Host: evil.example."""
    assert post(url, json.dumps(INITIALIZE), Host="evil.example:80").status_code == 421


def test_an_oversized_body_is_refused_and_the_session_goes_on(url):
    async def main():
        async with client(url) as c:
            with pytest.raises(MCPError):
                await c.call_tool("enhance_news_item", {"title": "Big", "content": "x" * MAX_BODY})
            return await c.call_tool("enhance_news_item", GOOD)

    assert not run(main).is_error
    assert post(url, b" " * (MAX_BODY + 1)).status_code == 413  # declared by Content-Length

    def chunks():  # no Content-Length: refused once the limit is passed, not after reading it all
        yield from (b" " * 65536 for _ in range(MAX_BODY // 65536 + 2))

    assert post(url, chunks()).status_code == 413


def test_requests_past_the_per_client_limit_are_busy_not_queued(url):
    async def main():
        async with client(url) as c:
            async def slow():
                await c.call_tool("enhance_news_item", {"title": "slow", "content": "Held."})

            async with anyio.create_task_group() as tg:
                for _ in range(LIMIT):
                    tg.start_soon(slow)
                await anyio.sleep(0.5)  # the slow calls take 1.5 s
                start = time.monotonic()
                with pytest.raises(MCPError) as busy:
                    await c.call_tool("enhance_news_item", GOOD)
                refused_after = time.monotonic() - start
            after = await c.call_tool("enhance_news_item", GOOD)  # the limit frees up
            return busy.value, refused_after, after

    busy, refused_after, after = run(main)
    assert busy.error.code == BUSY and "busy" in busy.error.message and "max_requests_per_client" in busy.error.message
    assert refused_after < 0.5 and not after.is_error


@pytest.mark.parametrize("flags, said", [
    (["--host", "192.0.2.7"], "set auth_token"),
    (["--host", "0.0.0.0", "--auth-token", TOKEN], "set allowed_hosts"),
    (["--auth-token", "short"], "at least 16"),
])
def test_the_server_refuses_to_start_with_an_unsafe_setting(flags, said, capsys):
    assert cli_main(["serve", "--transport", "http", *flags]) == 2
    assert said in capsys.readouterr().err
    with pytest.raises(ConfigError):
        ServerConfig(transport="http", host="192.0.2.7")


def test_a_client_at_its_limit_can_still_notify_and_cancel():
    """In process, on RequestsPerClient alone: only JSON-RPC requests count, so a notification
    (notifications/cancelled among them) passes while the client's requests fill its budget."""
    release = anyio.Event()

    async def app(scope, receive, send):  # holds every request until released
        if b'"id"' in (await receive())["body"]:
            await release.wait()
        await Response("ok")(scope, receive, send)

    limited = RequestsPerClient(app, 1)

    async def post_asgi(message: dict) -> tuple[int, bytes]:
        scope = {"type": "http", "method": "POST", "path": "/mcp", "headers": [], "client": ("127.0.0.1", 5000)}
        pending = [{"type": "http.request", "body": json.dumps(message).encode(), "more_body": False}]
        sent = []

        async def receive():
            return pending.pop(0) if pending else await anyio.sleep_forever()

        async def send(event):
            sent.append(event)

        await limited(scope, receive, send)
        return sent[0]["status"], b"".join(e.get("body", b"") for e in sent[1:])

    async def main():
        async with anyio.create_task_group() as tg:
            tg.start_soon(post_asgi, {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {}})
            await anyio.sleep(0.05)
            cancelled = {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 1}}
            cancel = await post_asgi(cancelled)
            busy = await post_asgi({"jsonrpc": "2.0", "id": "two", "method": "tools/call", "params": {}})
            release.set()
        return cancel, busy, await post_asgi({"jsonrpc": "2.0", "id": 3, "method": "ping"})

    cancel, (status, body), after = run(main)
    assert cancel[0] == 200 and after[0] == 200
    assert status == 429 and json.loads(body)["id"] == "two" and json.loads(body)["error"]["code"] == BUSY


def test_a_port_in_use_fails_at_once_with_a_clear_message():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        config = ServerConfig(transport="http", port=taken.getsockname()[1])
        with pytest.raises(ServerStartError, match="cannot listen on 127.0.0.1:.*choose another port"):
            bind_socket(config)


def test_a_model_that_does_not_load_is_one_clear_error(capsys):
    """The model loads before uvicorn starts, so its typed error reaches the CLI as one message."""
    argv = ["serve", "--transport", "http", "--port", str(free_port()), "--model", "/nonexistent/model.gguf"]
    assert cli_main(argv) == 2
    err = capsys.readouterr().err
    assert "news-enhancer serve: error: model = '/nonexistent/model.gguf': no such GGUF file" in err
    assert "Traceback" not in err


def test_the_server_says_where_to_connect_at_the_default_log_level():
    """docs/http.md: the address is printed on stderr whatever the log level (a person started it)."""
    env = dict(NEWS_ENHANCER_LOG_LEVEL="warning", PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]))
    with http_server([str(LAUNCHER)], startup_s=30, **env) as (endpoint, output):
        deadline = time.monotonic() + 10
        while "Streamable HTTP at" not in output() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert f"news-enhancer MCP server: Streamable HTTP at {endpoint} (token off: loopback only)" in output()


def test_a_server_on_every_address_starts_with_a_token_and_its_host_names():
    config = ServerConfig(transport="http", host="0.0.0.0", auth_token=TOKEN, allowed_hosts=["myserver:8765"])
    security = security_settings(config)
    assert security.allowed_hosts == ["myserver:8765"] and "http://localhost:*" in security.allowed_origins
    assert security_settings(ServerConfig(transport="http")).allowed_hosts == ["127.0.0.1:*", "localhost:*", "[::1]:*"]


@pytest.mark.slow
@pytest.mark.model
def test_the_real_model_answers_two_clients_at_once():
    """`python -m mcp_server --transport http` as docs/http.md starts it (loopback, no token): the
    port taken first, clients that connect while the model loads wait for it, the model loaded
    once; two clients at once, each with its own real answer."""
    items = [GOOD, {"title": "OpenAI ships GPT-5 to ChatGPT users",
                    "content": "OpenAI made GPT-5 the default model in ChatGPT, with a router that picks reasoning."}]
    results = {}

    async def call(endpoint, item):
        async with Client(endpoint) as c:
            results[item["title"]] = await c.call_tool("enhance_news_item", item)

    async def main(endpoint):
        async with anyio.create_task_group() as tg:
            for item in items:
                tg.start_soon(call, endpoint, item)

    with http_server(["-m", "mcp_server", "--transport", "http", "--log-level", "info"], startup_s=120) as (
            endpoint, output):
        connected_while_loading = "model ready" not in output()
        run(main, endpoint)
        log = output()
    from news_core.contract import validate

    assert len(results) == 2 and not any(r.is_error for r in results.values())
    metadata = {title: r.structured_content["metadata"] for title, r in results.items()}
    for meta in metadata.values():
        validate(meta)
    assert "Anthropic" in metadata[items[0]["title"]]["company_names"]
    assert "OpenAI" in metadata[items[1]["title"]]["company_names"]
    assert connected_while_loading and log.count("model ready") == 1, log
    assert f"Streamable HTTP at {endpoint} (token off: loopback only)" in log
