"""`news-enhancer enhance`: a JSONL file of items to a JSONL file of results, resumable.

The in-process tests run the command's own run() with the fake backend in place of the model
(load_backend is the one thing replaced); one subprocess test runs it on the real bundled model.
"""

import argparse
import json
import subprocess
import time

import pytest
from conftest import PY, ROOT, server_env
from support.fake_backend import FakeBackend

import mcp_server.backends
from mcp_server import enhance_cli
from mcp_server.config import ServerConfig
from mcp_server.jsonl_files import read_items
from news_core.errors import InputError, ModelError
from news_core.items import NewsItem


def items(*titles):
    return [{"id": t.lower(), "title": t, "content": f"{t} happened."} for t in titles]


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def enhance(monkeypatch, tmp_path, backend, *flags, rows=None):
    """run() as the dispatcher calls it, with `backend` served instead of the model."""
    monkeypatch.setattr(mcp_server.backends, "load_backend", lambda config: backend)
    source = tmp_path / "in.jsonl"
    if rows is not None:
        write_jsonl(source, rows)
    parser = argparse.ArgumentParser()
    enhance_cli.register(parser)
    out = tmp_path / "results" / "out.jsonl"  # a folder that the first run creates
    args = parser.parse_args([str(source), "--out", str(out), "--no-progress", *flags])
    return enhance_cli.run(args), out


def test_one_result_line_per_item_in_order_with_per_item_errors(monkeypatch, tmp_path):
    rows = [*items("Alpha"), "{not json", {"title": " ", "content": ""}, [1, 2], {"title": "Beta", "body": "Text"},
            *items("Gamma")]
    code, out = enhance(monkeypatch, tmp_path, FakeBackend(), rows=rows)
    results = read_jsonl(out)
    assert code == 0
    assert [(r["index"], r["id"], r["ok"]) for r in results] == [
        (1, "alpha", True), (2, "line-2", False), (3, results[2]["id"], False), (4, "line-4", False),
        (5, results[4]["id"], False), (6, "gamma", True)]
    assert results[0]["metadata"]["summary"] == "Alpha" and results[0]["model"] == "fake-model"
    assert "item 2 is not valid JSON" in results[1]["error"]
    assert "item 3 has an empty title and empty content" in results[2]["error"]
    assert "item 4 must be an object" in results[3]["error"]
    assert "item 5 has a field that is not read: 'body' (did you mean 'content'?)" in results[4]["error"]


def test_an_interrupted_run_resumes_without_redoing_finished_items(monkeypatch, tmp_path):
    rows = items("One", "Two", "Three", "Four")
    with pytest.raises(KeyboardInterrupt):
        enhance(monkeypatch, tmp_path, FakeBackend(fail={"Three": KeyboardInterrupt()}), rows=rows)
    assert [r["id"] for r in read_jsonl(tmp_path / "results" / "out.jsonl")] == ["one", "two"]
    again = FakeBackend()
    code, out = enhance(monkeypatch, tmp_path, again)
    assert code == 0 and again.calls == ["Three", "Four"]
    assert [(r["id"], r["ok"]) for r in read_jsonl(out)] == [(t, True) for t in ("one", "two", "three", "four")]


def test_a_half_written_last_line_is_dropped_and_its_item_redone(monkeypatch, tmp_path):
    rows = items("One", "Two")
    enhance(monkeypatch, tmp_path, FakeBackend(), rows=rows)
    out = tmp_path / "results" / "out.jsonl"
    first, second = out.read_text(encoding="utf-8").splitlines()
    out.write_text(first + "\n" + second[:25], encoding="utf-8")  # killed while writing the second line
    again = FakeBackend()
    enhance(monkeypatch, tmp_path, again)
    assert again.calls == ["Two"]
    assert [r["id"] for r in read_jsonl(out)] == ["one", "two"]


def test_a_foreign_line_in_out_stops_the_run_with_what_to_do(monkeypatch, tmp_path):
    (tmp_path / "results").mkdir()
    write_jsonl(tmp_path / "results" / "out.jsonl", ['{"something": "else"}'])
    with pytest.raises(InputError, match=r"out.jsonl line 1 is not a result line .* another --out"):
        enhance(monkeypatch, tmp_path, FakeBackend(), rows=items("One"))


def test_failed_items_stay_done_unless_retried(monkeypatch, tmp_path):
    rows = items("One", "Two", "Three")
    enhance(monkeypatch, tmp_path, FakeBackend(fail={"Two": ModelError("the model wrote no JSON")}), rows=rows)
    assert [r["ok"] for r in read_jsonl(tmp_path / "results" / "out.jsonl")] == [True, False, True]
    unchanged = FakeBackend()
    enhance(monkeypatch, tmp_path, unchanged)
    assert unchanged.calls == []
    retried = FakeBackend()
    code, out = enhance(monkeypatch, tmp_path, retried, "--retry-errors")
    assert retried.calls == ["Two"]
    assert sorted((r["id"], r["ok"]) for r in read_jsonl(out)) == [("one", True), ("three", True), ("two", True)]


def test_items_without_id_are_keyed_by_their_text_and_repeats_are_numbered(tmp_path):
    plain = {"title": "Same", "content": "Text."}
    source = write_jsonl(tmp_path / "in.jsonl", [plain, plain, {"id": "a", "title": "x"}, {"id": "a", "title": "y"},
                                                 {"id": "x" * 300, "title": "long id"}, "", "7"])
    keys = [line.key for line in read_items(source, max_id_chars=256)]
    own = NewsItem(**plain).item_id()  # what enhance_news_item answers for the same item
    assert keys[:4] == [own, f"{own}#2", "a", "a#2"]
    assert keys[4] == NewsItem(title="long id").item_id() and keys[5] == "line-7"


def test_every_backend_works_in_chunks(monkeypatch, tmp_path):
    """openai sends max_in_flight requests at once: results still come one line per item, in order."""
    backend = FakeBackend()
    code, out = enhance(monkeypatch, tmp_path, backend, "--backend", "openai", "--max-in-flight", "2",
                        rows=items("A1", "B2", "C3"))
    assert [r["id"] for r in read_jsonl(out)] == ["a1", "b2", "c3"] and backend.closed


def test_every_serve_setting_for_one_run_is_a_flag_of_enhance():
    parser = argparse.ArgumentParser()
    enhance_cli.register(parser)
    flags = {a.dest for a in parser._actions}
    assert set(ServerConfig.names()) - set(enhance_cli.SERVER_ONLY) <= flags
    assert not flags & set(enhance_cli.SERVER_ONLY) and {"backend", "base_url", "item_timeout_s"} <= flags


def test_the_command_is_registered_in_pyproject():
    assert 'enhance = "mcp_server.enhance_cli"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.model
def test_the_real_model_in_a_subprocess_and_a_rerun_that_skips_everything(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", items("OpenAI ships GPT-5", "Nvidia unveils new GPUs"))
    out = tmp_path / "results" / "out.jsonl"
    command = [PY, "-m", "mcp_server.enhance_cli", str(source), "--out", str(out)]
    start = time.monotonic()
    first = subprocess.run(command, capture_output=True, text=True, env=server_env(), cwd=ROOT, timeout=120)
    assert first.returncode == 0, first.stderr
    results = read_jsonl(out)
    assert [(r["id"], r["ok"]) for r in results] == [("openai ships gpt-5", True), ("nvidia unveils new gpus", True)]
    assert 1 <= results[0]["metadata"]["relevance_score"] <= 10 and "2/2" in first.stderr
    second = subprocess.run(command, capture_output=True, text=True, env=server_env(), cwd=ROOT, timeout=120)
    assert second.returncode == 0 and "0 enhanced, 0 failed, 2 already there" in second.stderr
    assert read_jsonl(out) == results
    print(f"two items and a rerun in {time.monotonic() - start:.1f} s")


def test_a_rerun_with_nothing_left_loads_no_model(monkeypatch, tmp_path, capsys):
    enhance(monkeypatch, tmp_path, FakeBackend(), rows=items("One"))

    def no_model(config):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(mcp_server.backends, "load_backend", no_model)
    parser = argparse.ArgumentParser()
    enhance_cli.register(parser)
    enhance_cli.run(parser.parse_args([str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "results" / "out.jsonl")]))
    assert "0 enhanced, 0 failed, 1 already there" in capsys.readouterr().err
