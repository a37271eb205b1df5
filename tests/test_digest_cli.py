"""`news-enhancer digest`: the command's own run() on real files with the fake backend in place of
the model (load_backend is the one thing replaced: the model is not the point here), and one
subprocess run on the real bundled model that is interrupted with Ctrl+C and resumed, then compared
with what newsletter_digest answers on a stdio server running the same model."""

import argparse
import json
import os
import signal
import subprocess
import time

import anyio
import pytest
from conftest import PY, ROOT, server_env
from digest_support import PLANTED, SAMPLES, mixed_folder, planted_word
from support.fake_backend import FakeBackend

import mcp_server.backends
from mcp.client import Client
from mcp.client.stdio import StdioServerParameters
from mcp_server import digest_cli
from newsletters import split_newsletter
from newsletters.sources import iter_sources

OUTPUTS = ("digest.md", "digest.json", "items.jsonl", "plots/companies.png", "plots/topics.png", "plots/relevance.png")


def digest(monkeypatch, out, backend, *inputs, flags=()):
    """run() as the dispatcher calls it; `backend` None: the model must not be loaded at all."""
    def load(config):
        if backend is None:
            raise AssertionError("the model was loaded though every item was in the cache")
        return backend

    monkeypatch.setattr(mcp_server.backends, "load_backend", load)
    parser = argparse.ArgumentParser()
    digest_cli.register(parser)
    args = parser.parse_args([*map(str, inputs or [SAMPLES]), "--out", str(out), "--no-progress", *flags])
    return digest_cli.run(args)


def files(out):
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_a_rerun_and_a_fresh_folder_give_byte_identical_files(monkeypatch, tmp_path):
    assert digest(monkeypatch, tmp_path / "a", FakeBackend()) == 0
    first = files(tmp_path / "a")
    assert digest(monkeypatch, tmp_path / "a", None) == 0  # all from the cache: no model
    assert files(tmp_path / "a") == first
    assert digest(monkeypatch, tmp_path / "b", FakeBackend()) == 0
    assert files(tmp_path / "b") == first
    markdown = first["digest.md"].decode()
    assert all(f"](plots/{name}.png)" in markdown for name in ("companies", "topics", "relevance"))
    assert first["plots/relevance.png"].startswith(b"\x89PNG") and b"Software" not in first["plots/relevance.png"]


def test_without_matplotlib_the_report_comes_without_plots(monkeypatch, tmp_path, caplog):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # what an install without the digest extra gives
    assert digest(monkeypatch, tmp_path, FakeBackend()) == 0
    assert "## Plots" not in (tmp_path / "digest.md").read_text(encoding="utf-8") and not (tmp_path / "plots").exists()
    assert "news-enhancer[digest]" in caplog.text


def test_the_sample_digest_lists_every_item_merges_the_planted_stories_and_keeps_sponsors_out_of_the_top(
        monkeypatch, tmp_path):
    digest(monkeypatch, tmp_path, FakeBackend())
    report = json.loads((tmp_path / "digest.json").read_text(encoding="utf-8"))
    lines = [json.loads(line) for line in (tmp_path / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    split = [item.title for source in iter_sources([SAMPLES]) for item in split_newsletter(source.raw).items]
    assert [line["title"] for line in lines] == split and len(split) == 40
    (period,) = report["periods"]
    merged = [s for s in period["stories"] if len(s["items"]) > 1]
    assert {planted_word(s["title"]) for s in merged} == PLANTED
    sponsored = {line["id"] for line in lines if line["sponsored"]}
    stories = {s["id"]: s for s in period["stories"]}
    assert len(sponsored) == 6 and not sponsored & {i for s in period["top"] for i in stories[s]["items"]}
    top = (tmp_path / "digest.md").read_text(encoding="utf-8").split("### Top stories")[1].split("###")[0]
    assert "Sponsor" not in top and top.count("(relevance ") == 10


@pytest.mark.slow  # a few seconds of CPU: out of make test-fast
def test_a_mixed_folder_becomes_a_digest_with_every_item_accounted_for(monkeypatch, tmp_path):
    inbox = mixed_folder(tmp_path / "inbox")
    sources = list(iter_sources([inbox]))
    expected = {source.name: [item.title for item in split_newsletter(source.raw).items] for source in sources}
    mbox = [name for name in expected if "#" in name]
    assert len(mbox) >= 10 and all(expected[name] for name in mbox)
    forwarded = expected[str(inbox / "forwarded.eml")]
    assert forwarded and "worth a read" not in " ".join(forwarded)  # the attached newsletter's items, not the note
    inline = expected[str(inbox / "forwarded-inline.eml")]
    assert inline == [item.title for item in split_newsletter((SAMPLES / "tldr-ai-2025-06-10.txt").read_bytes()).items]
    assert digest(monkeypatch, tmp_path / "out", FakeBackend(), inbox, flags=["--no-plots"]) == 0
    report = json.loads((tmp_path / "out" / "digest.json").read_text(encoding="utf-8"))
    got = {}
    for item in report["items"]:
        got.setdefault(item["newsletter"], []).append(item["title"])
    assert {name: titles for name, titles in expected.items() if titles} == got
    assert report["read"]["items"] == sum(map(len, expected.values())) == report["read"]["enhanced"]
    assert report["read"]["newsletters"] == len(sources)
    empty = [e["newsletter"] for e in report["errors"]["newsletters"]]
    assert empty == [name for name, titles in expected.items() if not titles] and str(inbox / "notes.txt") in empty
    markdown = (tmp_path / "out" / "digest.md").read_text(encoding="utf-8")
    assert str(inbox / "notes.txt") in markdown.split("## Errors")[1]
    assert len(report["periods"]) > 3  # the corpus spans months: one report per week


def test_an_interrupted_run_redoes_nothing_it_finished(monkeypatch, tmp_path):
    titles = [item.title for source in iter_sources([SAMPLES]) for item in split_newsletter(source.raw).items]
    stop_at = titles[17]
    with pytest.raises(KeyboardInterrupt):
        digest(monkeypatch, tmp_path, FakeBackend(fail={stop_at: KeyboardInterrupt()}))
    cached = (tmp_path / "cache.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(cached) == 17 and not (tmp_path / "digest.md").exists()
    again = FakeBackend()
    assert digest(monkeypatch, tmp_path, again) == 0
    assert again.calls == titles[17:]  # each item once, none of the first 17 again
    keys = [json.loads(line)["key"] for line in (tmp_path / "cache.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(keys) == len(set(keys)) == 40


def test_a_cache_line_cut_by_a_kill_is_dropped_and_its_item_redone(monkeypatch, tmp_path, caplog):
    digest(monkeypatch, tmp_path, FakeBackend())
    cache = tmp_path / "cache.jsonl"
    lines = cache.read_text(encoding="utf-8").splitlines(keepends=True)
    cache.write_text("".join(lines[:-1]) + lines[-1][:30], encoding="utf-8")  # the last line half written
    again = FakeBackend()
    assert digest(monkeypatch, tmp_path, again) == 0
    assert len(again.calls) == 1 and "the last line was cut off" in caplog.text
    assert json.loads((tmp_path / "digest.json").read_text(encoding="utf-8"))["read"]["enhanced"] == 40
    assert digest(monkeypatch, tmp_path, None) == 0  # the redone item's line is whole: nothing to do now


def test_dates_and_minimum_relevance(monkeypatch, tmp_path):
    backend = FakeBackend()
    digest(monkeypatch, tmp_path, backend, flags=["--since", "2025-06-11", "--until", "2025-06-11", "--period", "day",
                                                  "--min-relevance", "8"])
    report = json.loads((tmp_path / "digest.json").read_text(encoding="utf-8"))
    inside = [item for item in report["items"] if item["status"] != "outside_dates"]
    assert {item["date"] for item in inside} == {"2025-06-11"} and len(backend.calls) == len(inside) == 8
    (period,) = report["periods"]
    stories = {s["id"]: s for s in period["stories"]}
    assert all(stories[s]["relevance_score"] >= 8 for s in period["top"])
    assert period["read"]["below_min_relevance"] == sum(s["relevance_score"] < 8 for s in period["stories"])


def test_a_failed_item_is_listed_and_retried_on_request(monkeypatch, tmp_path):
    from news_core.errors import ItemTimeout

    title = "Atlas Search adds AI answers to its free tier"
    digest(monkeypatch, tmp_path, FakeBackend(fail={title: ItemTimeout("took longer than item_timeout_s")}))
    markdown = (tmp_path / "digest.md").read_text(encoding="utf-8")
    assert f"({title}): took longer than item\\_timeout\\_s" in markdown.split("## Errors")[1]
    assert digest(monkeypatch, tmp_path, None) == 0  # a failure is finished too: not redone unasked
    again = FakeBackend()
    digest(monkeypatch, tmp_path, again, flags=["--retry-errors"])
    assert again.calls == [title]
    assert "## Errors\n\nNone" in (tmp_path / "digest.md").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.model
def test_ctrl_c_on_the_real_model_then_a_rerun_finishes_without_redoing_and_the_tool_agrees(tmp_path):
    """The bundled model on one sample newsletter (8 items): Ctrl+C once two items are in the cache."""
    sample = SAMPLES / "tldr-ai-2025-06-11.md"
    command = [PY, "-m", "mcp_server.digest_cli", str(sample), "--out", str(tmp_path), "--no-progress", "--no-plots"]
    # SIGINT as a terminal delivers it, whatever this suite inherited: a shell that starts a job in the
    # background (`make test &`) ignores SIGINT, and Python then never turns it into KeyboardInterrupt.
    proc = subprocess.Popen(command, cwd=ROOT, env=server_env(), stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    cache = tmp_path / "cache.jsonl"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None and \
            (not cache.exists() or len(cache.read_text(encoding="utf-8").splitlines()) < 2):
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    done = len(cache.read_text(encoding="utf-8").splitlines())
    assert proc.returncode == 130 and "interrupted" in err and 2 <= done < 8, err[-2000:]
    rerun = subprocess.run(command, cwd=ROOT, env=server_env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"{done} from the cache" in rerun.stderr
    keys = [json.loads(line)["key"] for line in cache.read_text(encoding="utf-8").splitlines()]
    assert len(keys) == len(set(keys)) == 8
    report = json.loads((tmp_path / "digest.json").read_text(encoding="utf-8"))
    assert report["read"]["items"] == 8 and report["read"]["enhanced"] + report["read"]["failed"] == 8
    # The same newsletter through newsletter_digest on a stdio server with the same model: the same report.
    markdown = anyio.run(stdio_digest, [{"name": str(sample), "raw": sample.read_text(encoding="utf-8")}])
    assert markdown == (tmp_path / "digest.md").read_text(encoding="utf-8")


async def stdio_digest(newsletters):
    params = StdioServerParameters(command=PY, args=["-m", "mcp_server"], cwd=str(ROOT), env=server_env())
    async with Client(params) as client:
        result = await client.call_tool("newsletter_digest", {"newsletters": newsletters})
    assert not result.is_error, result.content[0].text
    return result.content[0].text


def test_every_setting_that_can_change_an_answer_is_in_the_cache_key():
    """A new setting is in the key unless it is listed as one that cannot change an answer: a cache
    keyed on a hand-kept list of answer settings served stale answers once a setting was added."""
    from mcp_server.config import ServerConfig
    from mcp_server.digest_cli import NOT_ANSWER_SETTINGS, model_identity

    config = ServerConfig.load(environ={})
    assert set(NOT_ANSWER_SETTINGS) < set(config.names())
    identity = json.loads(model_identity(config))
    assert set(identity) == {"version", "files"} | set(config.names()) - set(NOT_ANSWER_SETTINGS)
    assert {"news-enhancer-lora.gguf", "relevance_head.json", "vocabulary.json"} <= set(identity["files"])
    for changed in ({"ground_numbers": False}, {"relevance_probe": "off"}, {"relevance_rule": "greedy"},
                    {"relevance_head": "off"}):
        assert model_identity(ServerConfig.load(environ={}, overrides=changed)) != model_identity(config), changed
    assert model_identity(ServerConfig.load(environ={}, overrides={"n_threads": 2})) == model_identity(config)


def test_an_adapter_retrained_in_place_is_a_new_model_to_the_cache(tmp_path):
    """Same path, same settings, other weights (or another relevance head beside them): other keys."""
    import shutil

    from mcp_server.config import ServerConfig
    from mcp_server.digest_cli import model_identity
    from news_core.bundled import DEFAULT_GGUF_ADAPTER

    adapter = tmp_path / "mine.gguf"
    shutil.copyfile(DEFAULT_GGUF_ADAPTER, adapter)
    config = ServerConfig.load(environ={}, overrides={"adapter": str(adapter)})
    first = model_identity(config)
    shutil.copyfile(DEFAULT_GGUF_ADAPTER.parent / "relevance_head.json", tmp_path / "relevance_head.json")
    second = model_identity(config)
    adapter.write_bytes(adapter.read_bytes()[:-1] + b"\0")
    assert len({first, second, model_identity(config)}) == 3
