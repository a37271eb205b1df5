"""newsletter_digest through the SDK's own client, in memory, against the real server with the
fake backend in place of the model: the same Markdown as `news-enhancer digest`, closed and bounded
arguments, progress for a client that asked for it, and the job form."""

import argparse

import anyio
import pytest
from digest_support import SAMPLES
from support.fake_backend import FakeBackend
from test_server_memory import connected, text

import mcp_server.backends
from mcp_server import digest_cli
from newsletters.sources import iter_sources

pytestmark = pytest.mark.anyio


def sample_newsletters():
    """The samples as the tool takes them, named as the command names them (the mbox: one per message)."""
    return [{"name": s.name, "raw": s.raw.decode("utf-8")} for s in iter_sources([SAMPLES])]


def cli_markdown(monkeypatch, tmp_path, *flags) -> str:
    monkeypatch.setattr(mcp_server.backends, "load_backend", lambda config: FakeBackend())
    parser = argparse.ArgumentParser()
    digest_cli.register(parser)
    digest_cli.run(parser.parse_args([str(SAMPLES), "--out", str(tmp_path), "--no-progress", "--no-plots", *flags]))
    return (tmp_path / "digest.md").read_text(encoding="utf-8")


async def test_the_tool_returns_the_markdown_the_command_writes(monkeypatch, tmp_path):
    flags = ["--period", "day", "--min-relevance", "3", "--top", "5", "--since", "2025-06-11"]
    expected = cli_markdown(monkeypatch, tmp_path, *flags)
    async with connected(FakeBackend()) as client:
        result = await client.call_tool("newsletter_digest", {
            "newsletters": sample_newsletters(), "period": "day", "min_relevance": 3, "top": 5, "since": "2025-06-11"})
    assert not result.is_error, text(result)
    assert text(result) == expected == result.structured_content["markdown"]
    report = result.structured_content["digest"]
    assert report["read"]["items"] == 40 and [p["key"] for p in report["periods"]] == [
        "2025-06-11", "2025-06-12", "2025-06-13"]


async def test_arguments_are_closed_and_bounded(fake_backend):
    async with connected(fake_backend) as client:
        tool = next(t for t in (await client.list_tools()).tools if t.name == "newsletter_digest")
        schema = tool.input_schema
        assert schema["additionalProperties"] is False and schema["required"] == ["newsletters"]
        assert schema["properties"]["newsletters"]["maxItems"] == 200
        assert schema["$defs"]["NewsletterInput"]["additionalProperties"] is False
        one = [{"raw": (SAMPLES / "tldr-ai-2025-06-10.txt").read_text(encoding="utf-8")}]
        refusals = {
            "an argument that is not read: 'colour'": {"newsletters": one, "colour": "red"},
            "newsletters.0.body is not an accepted field": {"newsletters": [{"raw": "x", "body": "y"}]},
            "newsletters": {"newsletters": [{"raw": "x"}] * 201},
            "since": {"newsletters": one, "since": "last week"},
            "must be real days": {"newsletters": one, "until": "2025-02-30"},
            "given more than once: a": {"newsletters": [{"raw": "x", "name": "a"}, {"raw": "y", "name": "a"}]},
            "since 2025-06-12 is after until 2025-06-11": {"newsletters": one, "since": "2025-06-12",
                                                           "until": "2025-06-11"},
        }
        for expected, arguments in refusals.items():
            result = await client.call_tool("newsletter_digest", arguments)
            assert result.is_error and expected in text(result), (expected, text(result))


async def test_progress_reaches_a_client_that_asked_for_it(fake_backend):
    seen = []

    async def progress(done, total, message):
        seen.append((done, total))

    async with connected(fake_backend) as client:
        result = await client.call_tool("newsletter_digest", {"newsletters": sample_newsletters()},
                                        progress_callback=progress)
    assert not result.is_error
    assert seen[-1] == (40, 40) and [done for done, _ in seen] == sorted({done for done, _ in seen})


async def test_past_max_batch_items_the_job_form_gives_the_same_digest():
    newsletters = sample_newsletters()
    async with connected(FakeBackend(), max_batch_items=10) as client:
        refused = await client.call_tool("newsletter_digest", {"newsletters": newsletters})
        assert refused.is_error and "job=true" in text(refused)
        started = await client.call_tool("newsletter_digest", {"newsletters": newsletters, "job": True})
        job = started.structured_content["job"]
        assert not started.is_error and job["total"] == 40 and "batch_status" in text(started)
        with anyio.fail_after(10):
            while (await client.call_tool("batch_status", {"job_id": job["job_id"]})).structured_content[
                    "status"] != "completed":
                await anyio.sleep(0.02)
        done = await client.call_tool("newsletter_digest", {"newsletters": newsletters, "job_id": job["job_id"]})
        other = await client.call_tool("newsletter_digest", {"newsletters": newsletters[:2], "job_id": job["job_id"]})
    async with connected(FakeBackend()) as client:
        direct = await client.call_tool("newsletter_digest", {"newsletters": newsletters})
    assert not done.is_error and text(done) == text(direct)
    assert other.is_error and "other items" in text(other)


async def test_asked_for_a_running_job_the_tool_says_how_far_it_is():
    newsletters = sample_newsletters()[:1]
    backend = FakeBackend(slow={"Quill AI raises $40M to build agents for accounting teams": 30.0})
    async with connected(backend) as client:
        started = (await client.call_tool("newsletter_digest", {"newsletters": newsletters, "job": True}))
        job_id = started.structured_content["job"]["job_id"]
        with anyio.fail_after(5):
            while "Quill AI raises $40M to build agents for accounting teams" not in backend.calls:
                await anyio.sleep(0.01)
        running = await client.call_tool("newsletter_digest", {"newsletters": newsletters, "job_id": job_id})
        assert not running.is_error and running.structured_content["digest"] is None
        assert running.structured_content["job"]["status"] == "running" and f"Job {job_id} is running" in text(running)
        await client.call_tool("cancel_batch", {"job_id": job_id})
        cancelled = await client.call_tool("newsletter_digest", {"newsletters": newsletters, "job_id": job_id})
    errors = cancelled.structured_content["digest"]["errors"]["items"]
    assert errors and all("cancelled" in e["error"] for e in errors)  # the items it did not reach, each listed
