"""Install without a clone, checked end to end: build the wheel, install it into a fresh virtualenv,
start the Dockerfile's entry-point command from that virtualenv, and talk MCP to it offline.

    python packaging/check_install.py [--keep DIR]
    python packaging/check_install.py --docker IMAGE    # a built image instead: docker run -i --rm --network=none IMAGE

Steps, each timed on stderr:
1. the wheel, built from a clean copy of the sources (git's tracked and unignored files, so a
   stale build/ or a local file cannot slip in); it must carry the shipped adapter, the
   `news-enhancer` console script with its `serve` command, and the registry's mcp-name line;
2. a fresh virtualenv (python -m venv) and `pip install <wheel>` (pip's wheel cache makes the
   llama-cpp-python build a one-off);
3. the Dockerfile's ENTRYPOINT (`news-enhancer serve`) run from that virtualenv's bin/, with an
   empty HOME (the model is assembled from the installed package, nothing from this machine's
   caches), no PYTHONPATH, HF_HUB_OFFLINE=1, from an empty folder, and - where `unshare -n` works
   (root on Linux) - in a network namespace with no network at all;
4. an MCP client over its stdio: initialize, tools/list, one enhance_news_item on the real model,
   whose structured result must validate against the tool's own output schema.

With --docker, steps 1-3 are the image's (`docker build -t news-enhancer .`) and step 4 talks to
`docker run -i --rm --network=none IMAGE`: the container as a client starts it, with no network.
Exit status 0 when every step passed. Only --docker needs Docker.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ITEM = {"title": "Anthropic releases Claude 3.7 Sonnet",
        "content": "Anthropic launched Claude 3.7 Sonnet with an extended thinking mode and a coding agent, Claude Code."}
# The tools the server must list: the MCP bundle's manifest names them (a test holds it to the server's).
TOOLS = {t["name"] for t in json.loads((ROOT / "packaging" / "mcpb" / "manifest.json").read_text())["tools"]}


def step(name: str, started: float) -> None:
    print(f"check-install: {name}: {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)


def source_files(root: Path) -> list[str]:
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=root, check=True,
                         capture_output=True).stdout.decode()
    return [f for f in out.split("\0") if f and (root / f).is_file()]


def copy_sources(root: Path, target: Path) -> None:
    for name in source_files(root):
        if name.split("/")[0] in ("tests", "benchmarks"):
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target / name)


def build_wheel(root: Path, work: Path) -> Path:
    src, dist = work / "src", work / "dist"
    copy_sources(root, src)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "--disable-pip-version-check", "-w", str(dist), str(src)], check=True)
    (wheel,) = dist.glob("news_enhancer-*.whl")
    return wheel


def check_wheel(wheel: Path, registry_name: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        metadata, commands = zf.read(meta).decode(), zf.read(entry_points).decode()
    problems = []
    if "news_core/assets/news-enhancer-lora.gguf" not in names:
        problems.append("the shipped adapter news_core/assets/news-enhancer-lora.gguf is missing")
    if not re.search(r"^news-enhancer = news_core\.cli:main$", commands, re.M):
        problems.append("the console script news-enhancer is missing")
    if not re.search(r"^serve = mcp_server\.serve_cli$", commands, re.M):
        problems.append("the serve command's entry point is missing")
    for shipped in ("news_core/assets/english_words.txt", "LICENSE", "NOTICE"):
        if not any(n == shipped or n.endswith(f".dist-info/licenses/{shipped}") for n in names):
            problems.append(f"{shipped} is missing (the word list, or the licence and notice that go with the adapter)")
    if f"mcp-name: {registry_name}" not in metadata:
        problems.append(f"METADATA (the PyPI description) lacks 'mcp-name: {registry_name}'")
    if problems:
        raise SystemExit("check-install: wheel: " + "; ".join(problems))


def make_venv(venv: Path, wheel: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # No PYTHONPATH and not from the clone: pip must resolve everything from the wheel and PyPI.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    str(wheel)], check=True, env=env)


def dockerfile_entrypoint(root: Path) -> list[str]:
    lines = [line for line in (root / "Dockerfile").read_text().splitlines() if line.startswith("ENTRYPOINT ")]
    return json.loads(lines[-1].removeprefix("ENTRYPOINT "))


def offline_prefix() -> list[str]:
    """`unshare -n` (a namespace with only a downed loopback) where this user may create one."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


async def talk(command: list[str], env: dict[str, str], cwd: Path) -> dict:
    import anyio
    import jsonschema
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters

    params = StdioServerParameters(command=command[0], args=command[1:], env=env, cwd=str(cwd))
    with anyio.fail_after(600):
        async with Client(params, mode="legacy") as client:  # legacy: the initialize handshake, as on stdio
            info = client.server_info
            tools = {t.name: t for t in (await client.list_tools()).tools}
            started = time.monotonic()
            result = await client.call_tool("enhance_news_item", ITEM)
            seconds = time.monotonic() - started
    if set(tools) != TOOLS:
        raise SystemExit(f"check-install: tools/list gave {sorted(tools)}, expected {sorted(TOOLS)}")
    if result.is_error:
        raise SystemExit(f"check-install: enhance_news_item failed: {result.content[0].text}")
    jsonschema.validate(result.structured_content, tools["enhance_news_item"].output_schema)
    return {"server": info.name if info else None, "version": info.version if info else None,
            "metadata": result.structured_content["metadata"], "item_s": round(seconds, 2)}


def report(outcome: dict, version: str, network: str, entry: str) -> None:
    if outcome["version"] != version:
        raise SystemExit(f"check-install: the server reports version {outcome['version']}, pyproject {version}")
    print(json.dumps({**outcome, "network": network, "entrypoint": entry}, indent=2))


def check_image(image: str) -> int:
    import anyio

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    command = ["docker", "run", "-i", "--rm", "--network=none", image]
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as cwd:
        outcome = anyio.run(talk, command, {"PATH": os.environ["PATH"]}, Path(cwd))
    step(f"docker run {image} + initialize, tools/list, enhance_news_item", started)
    report(outcome, version, "none (docker run --network=none)", " ".join(command))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--docker", metavar="IMAGE", help="talk to this built image instead of a fresh virtualenv")
    args = parser.parse_args(argv)
    if args.docker:
        return check_image(args.docker)
    registry_name = json.loads((ROOT / "server.json").read_text())["name"]
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    work = args.keep or Path(tempfile.mkdtemp(prefix="news-enhancer-install-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        total = time.monotonic()
        started = time.monotonic()
        wheel = build_wheel(ROOT, work)
        check_wheel(wheel, registry_name)
        step(f"wheel {wheel.name} ({wheel.stat().st_size / 2**20:.1f} MiB)", started)
        started = time.monotonic()
        make_venv(work / "venv", wheel)
        step("fresh virtualenv + pip install <wheel>", started)
        entry = dockerfile_entrypoint(ROOT)
        command = [str(work / "venv" / "bin" / entry[0]), *entry[1:]]
        prefix = offline_prefix()
        home, cwd = work / "home", work / "cwd"
        home.mkdir(exist_ok=True)
        cwd.mkdir(exist_ok=True)
        env = {"PATH": f"{work / 'venv' / 'bin'}:/usr/bin:/bin", "HOME": str(home), "HF_HUB_OFFLINE": "1",
               "LANG": os.environ.get("LANG", "C.UTF-8")}
        started = time.monotonic()
        import anyio

        outcome = anyio.run(talk, prefix + command, env, cwd)
        step("serve from the venv + initialize, tools/list, enhance_news_item", started)
        report(outcome, version, "none (unshare -n)" if prefix else "not isolated (unshare -n unavailable); "
               "HF_HUB_OFFLINE=1", " ".join(entry))
        step("total", total)
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
