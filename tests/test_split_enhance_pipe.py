"""`news-enhancer split NL --jsonl | news-enhancer enhance - --out items.jsonl`: split writes one item
per line in exactly the form enhance reads, and enhance reads standard input.

The in-process test runs both commands' own run() (the fake backend in place of the model, as in
test_enhance_cli); the end-to-end test runs the real CLI in a real shell pipe on the bundled model.
"""

import argparse
import io
import json
import subprocess
import sys
import time
from email.message import EmailMessage

import pytest
from conftest import PY, ROOT, server_env
from support.fake_backend import FakeBackend

import mcp_server.backends
from mcp_server import enhance_cli
from newsletters import cli as split_cli
from newsletters import split_newsletter
from newsletters.item_lines import PASSTHROUGH
from news_core.items import NewsItem

TLDR = ROOT / "tests" / "fixtures" / "newsletters" / "tldr" / "tldr-ai-2026-04-22" / "message.eml"
FEED = ROOT / "tests" / "fixtures" / "forms" / "ai-wire.rss"


def run_split(capsys, *argv) -> list[dict]:
    parser = argparse.ArgumentParser()
    split_cli.register(parser)
    assert split_cli.run(parser.parse_args([*argv, "--jsonl"])) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def run_enhance(monkeypatch, tmp_path, lines: list[dict]) -> list[dict]:
    monkeypatch.setattr(mcp_server.backends, "load_backend", lambda config: FakeBackend())
    data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    parser = argparse.ArgumentParser()
    enhance_cli.register(parser)
    out = tmp_path / "items.jsonl"
    assert enhance_cli.run(parser.parse_args(["-", "--out", str(out), "--no-progress"])) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("path", [TLDR, FEED], ids=["eml", "rss"])
def test_every_split_line_is_enhanced_with_the_newsletter_s_fields_kept(monkeypatch, tmp_path, capsys, path):
    letter = split_newsletter(path.read_bytes())
    lines = run_split(capsys, str(path))
    assert len(lines) == len(letter.items) >= 5
    for line, item in zip(lines, letter.items):
        news = NewsItem.model_validate({k: v for k, v in line.items() if k not in PASSTHROUGH})  # what enhance checks
        assert (news.title, news.content, news.url) == (item.title, item.content, item.url)
        assert line["newsletter"] == {"subject": letter.subject, "date": letter.date, "source": letter.source}
        assert line["source"] == letter.source
        assert line["published"] == (item.published or letter.date)[:10]
    results = run_enhance(monkeypatch, tmp_path, lines)
    assert [(r["id"], r["ok"]) for r in results] == [(line["id"], True) for line in lines]
    assert [r["metadata"]["summary"] for r in results] == [line["title"] for line in lines]  # the fake echoes titles
    assert [r["passthrough"] for r in results] == [{key: line[key] for key in PASSTHROUGH} for line in lines]


def test_a_rerun_from_stdin_skips_what_is_done(monkeypatch, tmp_path, capsys):
    lines = run_split(capsys, str(FEED))
    first = run_enhance(monkeypatch, tmp_path, lines)
    assert run_enhance(monkeypatch, tmp_path, lines) == first
    assert "0 enhanced, 0 failed, 5 already there" in capsys.readouterr().err


def two_item_newsletter() -> bytes:
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "AI Brief <brief@aibrief.example>", "AI Brief: chips and agents"
    msg["Date"] = "Tue, 17 Mar 2026 06:02:11 +0000"
    msg.set_content("AI Brief\n")
    msg.add_alternative(
        "<html><body><h1>AI Brief</h1>"
        "<h2><a href='https://x.example/chips?utm_source=brief'>Nvidia unveils a cheaper inference chip (3 minute read)</a></h2>"
        "<p>Nvidia said its new inference chip halves the cost per token for data centres and ships in May.</p>"
        "<h2><a href='https://x.example/agents'>OpenAI opens its agents to every developer (2 minute read)</a></h2>"
        "<p>OpenAI made its agent platform generally available, with tool use and memory priced per task.</p>"
        "</body></html>", subtype="html")
    return msg.as_bytes()


@pytest.mark.slow
@pytest.mark.model
def test_the_pipe_with_the_real_cli_and_the_bundled_model(tmp_path):
    newsletter = tmp_path / "nl.eml"
    newsletter.write_bytes(two_item_newsletter())
    out = tmp_path / "items.jsonl"
    cli = f"{PY} -m news_core.cli"
    start = time.monotonic()
    done = subprocess.run(["bash", "-o", "pipefail", "-c",
                           f"{cli} split {newsletter} --jsonl | {cli} enhance - --out {out} --no-progress"],
                          capture_output=True, text=True, env=server_env(), cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["ok"], r["passthrough"]["newsletter"]["subject"]) for r in results] == [
        (f"{newsletter}:nl-1", True, "AI Brief: chips and agents"), (f"{newsletter}:nl-2", True, "AI Brief: chips and agents")]
    assert all(1 <= r["metadata"]["relevance_score"] <= 10 and r["metadata"]["summary"] for r in results)
    assert "2 enhanced, 0 failed" in done.stderr
    print(f"split | enhance of two items in {time.monotonic() - start:.1f} s")
