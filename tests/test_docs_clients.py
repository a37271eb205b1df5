"""docs/clients.md, run: every client entry it shows starts the real server here (the clone's
console script in place of /home/you/news-enhancer), its shell commands run, its Python example
runs, and the HTTP entry reaches a server started as the page says.

Not run here: `git clone` and `make install` (network, ~10 minutes; test_install_paths.py holds the
Makefile recipe), `claude mcp add` (no Claude Code here: its command after `--` is checked to be one
of the entries that are started), and the MCP Inspector (npm): set NEWS_ENHANCER_TEST_INSPECTOR=1
where `npx @modelcontextprotocol/inspector` can run to include it.
"""

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import anyio
import pytest
from conftest import ROOT, server_env
from mcp import Client
from mcp.client.stdio import StdioServerParameters

PAGE = (ROOT / "docs" / "clients.md").read_text(encoding="utf-8")
PLACEHOLDER = "/home/you/news-enhancer"
SCRIPT = Path(sys.executable).parent / "news-enhancer"  # the clone's .venv/bin/news-enhancer under make test
DOCUMENTED_SCRIPT = f"{PLACEHOLDER}/.venv/bin/news-enhancer"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", PAGE, re.S)


def here(text: str) -> str:
    return text.replace(DOCUMENTED_SCRIPT, str(SCRIPT)).replace(PLACEHOLDER, str(ROOT))


def shell_lines() -> list[list[str]]:
    lines = []
    for block in blocks("bash"):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words:
                lines.append(words)
    return lines


def stdio_entries() -> list[dict]:
    """Every stdio server entry of the page's JSON blocks (Claude Desktop, VS Code, Cursor)."""
    entries = []
    for block in blocks("json"):
        doc = json.loads(block)
        for server in {**doc.get("mcpServers", {}), **doc.get("servers", {})}.values():
            if "command" in server:
                entries.append(server)
    return entries


def test_every_client_entry_starts_the_documented_console_script():
    entries = stdio_entries()
    assert len(entries) == 3
    for entry in entries:
        assert entry["command"] == DOCUMENTED_SCRIPT and entry["args"] == ["serve"]
        assert entry.get("type", "stdio") == "stdio"
        assert all(key.startswith("NEWS_ENHANCER_") for key in entry.get("env", {}))
    for words in shell_lines():  # claude mcp add ... -- COMMAND: the same command
        if words[:3] == ["claude", "mcp", "add"] and "--transport" not in words:
            assert words[words.index("--") + 1:] == [DOCUMENTED_SCRIPT, "serve"]
    assert SCRIPT.is_file() and os.access(SCRIPT, os.X_OK)


def test_the_pages_own_commands_run():
    """The version, --help and models lines, and the clone steps that need no network."""
    ran = 0
    for words in shell_lines():
        if words[0] in (".venv/bin/news-enhancer", "realpath") or (
                words[0] == DOCUMENTED_SCRIPT and words[1:] != ["serve", "--transport", "http"]):
            out = subprocess.run([here(w) for w in words], capture_output=True, text=True, timeout=120, cwd=ROOT,
                                 env=server_env(), stdin=subprocess.DEVNULL)
            assert out.returncode == 0, (words, out.stderr[-2000:])
            ran += 1
    assert ran == 4
    version = subprocess.run([str(SCRIPT), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.strip() in PAGE


@pytest.mark.model
def test_each_documented_entry_serves_the_tools_over_stdio():
    """Each distinct entry as a client starts it: its command, args and env, then tools/list and one
    call with the Inspector example's arguments."""
    call = next(words for words in shell_lines() if "tools/call" in words)
    arguments = dict(w.split("=", 1) for i, w in enumerate(call) if i and call[i - 1] == "--tool-arg")
    distinct = {json.dumps(entry, sort_keys=True): entry for entry in stdio_entries()}.values()

    async def main(entry):
        params = StdioServerParameters(command=here(entry["command"]), args=entry["args"], cwd=str(ROOT),
                                       env=server_env(**entry.get("env", {})))
        async with Client(params) as client:
            tools = {tool.name for tool in (await client.list_tools()).tools}
            return tools, await client.call_tool("enhance_news_item", arguments)

    for entry in distinct:
        tools, result = anyio.run(main, entry)
        assert {"enhance_news_item", "batch_enhance", "enhance_newsletter"} <= tools
        assert not result.is_error and result.structured_content["metadata"]["relevance_score"] in range(1, 11)


@pytest.mark.model
def test_the_python_example_runs():
    (code,) = blocks("python")
    body = textwrap.indent(here(code).split("\n\n", 1)[1], "    ")
    imports = here(code).split("\n\n", 1)[0]
    scope = {}
    exec(f"{imports}\n\nasync def example():\n{body}", scope)  # the page's code, in a function to await it
    anyio.run(scope["example"])


@pytest.mark.model
def test_the_http_entry_reaches_the_server_started_as_documented():
    (start,) = [words for words in shell_lines() if words[-2:] == ["--transport", "http"]]
    http = [json.loads(block) for block in blocks("json") if '"http"' in block]
    url = http[0]["servers"]["news-enhancer"]["url"]
    assert url == "http://127.0.0.1:8765/mcp" and start[0] == DOCUMENTED_SCRIPT
    port = free_port()  # the documented 8765 may be taken on a shared machine
    server = subprocess.Popen([here(w) for w in start], cwd=ROOT, env=server_env(NEWS_ENHANCER_PORT=str(port)),
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        async def main():
            async with Client(url.replace("8765", str(port))) as client:
                return {tool.name for tool in (await client.list_tools()).tools}

        wait_for_port(port, server)
        assert "enhance_news_item" in anyio.run(main)
    finally:
        server.terminate()
        server.communicate(timeout=60)


@pytest.mark.skipif(os.environ.get("NEWS_ENHANCER_TEST_INSPECTOR") != "1", reason="needs npm: set "
                    "NEWS_ENHANCER_TEST_INSPECTOR=1 where npx can fetch @modelcontextprotocol/inspector")
def test_the_inspector_lines_list_and_call_the_tools():
    for words in shell_lines():
        if words[0] == "npx" and "--transport" not in words:
            out = subprocess.run(["npx", "-y", *[here(w) for w in words[1:]]], capture_output=True, text=True,
                                 timeout=600, cwd=ROOT, env=server_env(), stdin=subprocess.DEVNULL)
            assert out.returncode == 0, out.stderr[-2000:]
            doc = json.loads(out.stdout)
            assert "tools" in doc or doc["structuredContent"]["metadata"]["relevance_score"] in range(1, 11)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen, within: float = 300) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server exited: {server.stderr.read()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"nothing listened on port {port} within {within} s")
