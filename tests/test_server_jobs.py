"""Batch jobs through the SDK's own client, in memory, with the fake backend: start_batch returns at
once, the job runs outside every request, its results come page by page; cancel, limits, and (with
jobs_dir) a job that outlives the server it was started on and resumes on the next."""

import anyio
import pytest
from support.fake_backend import FakeBackend
from test_server_memory import GOOD, connected, text

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["auto", "legacy"])
def mode(request):
    """Both ways the SDK connects: the 2026 protocol without a handshake, and the legacy one (as on stdio)."""
    return request.param


def items(n, slow=()):
    return [{"id": f"i{k}", "title": "Slow" if k in slow else f"Item {k}", "content": f"Content {k}."}
            for k in range(n)]


async def slow_item_started(backend):
    """Wait (at most 5 s) until the model is working on the item titled Slow."""
    with anyio.fail_after(5):
        while "Slow" not in backend.calls:
            await anyio.sleep(0.01)


async def ok(client, tool, **args):
    result = await client.call_tool(tool, args)
    assert not result.is_error, text(result)
    return result.structured_content


async def until(client, job_id, *states, within=5.0, every=0.01):
    with anyio.fail_after(within):
        while (status := await ok(client, "batch_status", job_id=job_id))["status"] not in states:
            await anyio.sleep(every)
    return status


async def all_results(client, job_id, limit):
    entries, offset = [], 0
    while offset is not None:
        page = await ok(client, "batch_results", job_id=job_id, offset=offset, limit=limit)
        entries += page["items"]
        offset = page["next_offset"]
    return entries


async def test_a_job_returns_at_once_and_its_results_come_in_pages_as_batch_enhance_gives_them(mode):
    backend = FakeBackend(slow={"Slow": 0.2})
    batch = items(5, slow={0}) + [{"title": ""}]
    async with connected(backend, mode) as client:
        started = await ok(client, "start_batch", items=batch)  # answered before the first (slow) item is done
        assert started["status"] in ("queued", "running") and started["total"] == 6 and started["done"] == 0
        status = await until(client, started["job_id"], "completed")
        entries = await all_results(client, started["job_id"], limit=4)
        direct = (await client.call_tool("batch_enhance", {"items": batch})).structured_content["items"]
    assert (status["done"], status["succeeded"], status["failed"]) == (6, 5, 1)
    assert status["finished"] and status["expires"] > status["finished"] and status["model"] == "fake-model"
    assert [{k: v for k, v in e.items() if k != "seconds"} for e in entries] == [
        {k: v for k, v in e.items() if k != "seconds"} for e in direct]


async def test_results_are_served_while_the_job_runs(mode):
    backend = FakeBackend(slow={"Slow": 30})
    async with connected(backend, mode, shutdown_wait_s=2) as client:
        job = (await ok(client, "start_batch", items=items(4, slow={2})))["job_id"]
        await slow_item_started(backend)
        page = await ok(client, "batch_results", job_id=job, offset=0, limit=10)
        assert (page["status"], page["done"], len(page["items"]), page["next_offset"]) == ("running", 2, 2, 2)
        assert (await ok(client, "batch_results", job_id=job, offset=2))["items"] == []


async def test_a_job_goes_on_when_the_call_that_started_it_is_cancelled(mode):
    """The client gives up on its request (a time limit): the job is the server's, not the request's."""
    backend = FakeBackend(slow={"Slow": 0.2})
    async with connected(backend, mode) as client:
        job_ids = []

        async def start():
            job_ids.append((await ok(client, "start_batch", items=items(3, slow={1})))["job_id"])
            await anyio.sleep(30)  # the caller waits on, then is cancelled below

        async with anyio.create_task_group() as tg:
            tg.start_soon(start)
            with anyio.fail_after(5):
                while not job_ids:
                    await anyio.sleep(0.01)
            tg.cancel_scope.cancel()
        status = await until(client, job_ids[0], "completed")
    assert status["succeeded"] == 3 and backend.calls == ["Item 0", "Slow", "Item 2"]


async def test_cancel_keeps_what_is_done_and_gives_every_other_item_an_error(mode):
    backend = FakeBackend(slow={"Slow": 30})
    async with connected(backend, mode, shutdown_wait_s=2) as client:
        job = (await ok(client, "start_batch", items=items(4, slow={1})))["job_id"]
        await slow_item_started(backend)
        with anyio.fail_after(2):
            cancelled = await ok(client, "cancel_batch", job_id=job)
        entries = await all_results(client, job, limit=100)
        again = await ok(client, "cancel_batch", job_id=job)
    assert cancelled["status"] == "cancelled" and (cancelled["done"], cancelled["succeeded"]) == (4, 1)
    assert [e["ok"] for e in entries] == [True, False, False, False] and [e["id"] for e in entries] == [
        "i0", "i1", "i2", "i3"]
    assert all("the job was cancelled (cancel_batch)" in e["error"] for e in entries[1:])
    assert backend.cancelled == ["Slow"] and "Item 2" not in backend.calls and again["status"] == "cancelled"


async def test_jobs_run_one_at_a_time_and_a_queued_job_can_be_cancelled(fake_backend):
    backend = FakeBackend(slow={"Slow": 30})
    async with connected(backend, shutdown_wait_s=2) as client:
        first = (await ok(client, "start_batch", items=items(1, slow={0})))["job_id"]
        second = await ok(client, "start_batch", items=items(2))
        assert second["status"] == "queued"
        cancelled = await ok(client, "cancel_batch", job_id=second["job_id"])
        assert (await ok(client, "batch_status", job_id=first))["status"] == "running"
    # the queued job's items never reached the model (the running one's may not have started yet)
    assert cancelled["status"] == "cancelled" and cancelled["failed"] == 2 and set(backend.calls) <= {"Slow"}


async def test_job_limits_are_clear_errors(fake_backend):
    backend = FakeBackend(slow={"Slow": 30})
    async with connected(backend, max_jobs=2, max_job_items=3, shutdown_wait_s=2) as client:
        too_big = await client.call_tool("start_batch", {"items": items(4)})
        empty = await client.call_tool("start_batch", {"items": []})
        running = [(await ok(client, "start_batch", items=items(1, slow={0})))["job_id"] for _ in range(2)]
        full = await client.call_tool("start_batch", {"items": items(1)})
        unknown = await client.call_tool("batch_status", {"job_id": "nope"})
        past = await client.call_tool("batch_results", {"job_id": running[0], "offset": 2})
        big_page = await client.call_tool("batch_results", {"job_id": running[0], "limit": 501})
        await ok(client, "cancel_batch", job_id=running[0])
        pushed = await ok(client, "start_batch", items=items(1))  # the ended job makes room
        gone = await client.call_tool("batch_status", {"job_id": running[0]})
    assert too_big.is_error and "over the limit of 3 (max_job_items)" in text(too_big)
    assert empty.is_error and "non-empty list" in text(empty)
    assert full.is_error and "2 jobs are queued or running, the limit (max_jobs)" in text(full)
    assert unknown.is_error and "no job 'nope'" in text(unknown)
    assert past.is_error and "offset 2 is past the job's 1 items" in text(past)
    assert big_page.is_error and "limit" in text(big_page)
    assert pushed["status"] == "queued" and gone.is_error and "no job" in text(gone)


async def test_an_ended_job_is_deleted_after_its_retention(fake_backend):
    async with connected(fake_backend, job_retention_s=0.2) as client:
        job = (await ok(client, "start_batch", items=items(1)))["job_id"]
        await until(client, job, "completed")
        await anyio.sleep(0.3)
        gone = await client.call_tool("batch_results", {"job_id": job})
    assert gone.is_error and "job_retention_s" in text(gone)


async def test_on_disk_a_job_outlives_the_server_and_resumes_without_redoing_items(tmp_path, mode):
    """The client disconnects mid-job (on stdio the server then stops): the next server on the same
    jobs_dir resumes the job where it stopped and serves its results."""
    first = FakeBackend(slow={"Slow": 30})
    async with connected(first, mode, jobs_dir=str(tmp_path), shutdown_wait_s=2) as client:
        job = (await ok(client, "start_batch", items=items(4, slow={2})))["job_id"]
        with anyio.fail_after(5):
            while "Slow" not in first.calls:
                await anyio.sleep(0.01)
    assert first.cancelled == ["Slow"] and first.closed
    second = FakeBackend()
    async with connected(second, mode, jobs_dir=str(tmp_path)) as client:
        status = await until(client, job, "completed")
        entries = await all_results(client, job, limit=3)
    assert second.calls == ["Slow", "Item 3"], "the items done before the restart are not redone"
    assert status["succeeded"] == 4 and [e["id"] for e in entries] == ["i0", "i1", "i2", "i3"]
    async with connected(FakeBackend(), mode, jobs_dir=str(tmp_path)) as client:  # an ended job is served as it is
        assert await all_results(client, job, limit=100) == entries


async def test_a_killed_servers_half_written_result_line_is_redone(tmp_path):
    async with connected(FakeBackend(), jobs_dir=str(tmp_path)) as client:
        job = (await ok(client, "start_batch", items=items(2)))["job_id"]
        await until(client, job, "completed")
    folder = tmp_path / job
    lines = (folder / "results.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "results.jsonl").write_text(lines[0] + "\n" + lines[1][:20], encoding="utf-8")
    (folder / "job.json").write_text((folder / "job.json").read_text().replace('"completed"', '"running"'))
    again = FakeBackend()
    async with connected(again, jobs_dir=str(tmp_path)) as client:
        await until(client, job, "completed")
        entries = await all_results(client, job, limit=100)
    assert again.calls == ["Item 1"] and [e["ok"] for e in entries] == [True, True]


async def test_a_job_whose_folder_cannot_be_written_goes_on_in_memory(tmp_path):
    import shutil

    backend = FakeBackend(slow={"Slow": 0.3})
    async with connected(backend, jobs_dir=str(tmp_path)) as client:
        job = (await ok(client, "start_batch", items=items(3, slow={1})))["job_id"]
        await slow_item_started(backend)
        shutil.rmtree(tmp_path / job)  # its results can no longer be appended there
        status = await until(client, job, "completed")
        served = await client.call_tool("enhance_news_item", GOOD)
    assert status["succeeded"] == 3 and not served.is_error


async def test_one_server_per_jobs_dir_and_the_other_tools_still_work(tmp_path, fake_backend):
    async with connected(fake_backend, jobs_dir=str(tmp_path)) as owner:
        job = (await ok(owner, "start_batch", items=items(1)))["job_id"]
        async with connected(FakeBackend(), jobs_dir=str(tmp_path)) as other:
            refused = await other.call_tool("start_batch", {"items": items(1)})
            status = await other.call_tool("batch_status", {"job_id": job})
            served = await other.call_tool("enhance_news_item", GOOD)
    assert refused.is_error and "is in use by another news-enhancer server: give each server its own jobs_dir" in text(
        refused)
    assert status.is_error and "in use by another" in text(status) and not served.is_error


@pytest.mark.parametrize("page", ["README.md", "docs/tools.md"])
async def test_the_docs_list_every_tool(fake_backend, page):
    from conftest import ROOT

    async with connected(fake_backend) as client:
        served = {t.name for t in (await client.list_tools()).tools}
    text = (ROOT / page).read_text(encoding="utf-8")
    table = text.split("## The tools", 1)[1].split("\n\n", 2)[1]
    assert {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")} == served


@pytest.mark.slow
@pytest.mark.model
def test_over_stdio_a_job_outlives_its_client_and_the_next_server_finishes_it(tmp_path):
    """The real server and model: the client leaves as soon as start_batch answers (on stdio its server
    stops with it, the item in flight is cancelled); the next server on the same jobs_dir finishes the job."""
    from mcp import Client
    from test_server_stdio import params

    item = {"id": "a", "title": "OpenAI ships GPT-5", "content": "OpenAI released GPT-5 to all users."}

    async def main():
        async with Client(params(f"--jobs-dir={tmp_path}")) as client:
            job = (await ok(client, "start_batch", items=[item]))["job_id"]
        async with Client(params(f"--jobs-dir={tmp_path}")) as client:
            # a poll is a tool call the server answers beside the model's work: a few a second, not a hundred
            status = await until(client, job, "completed", within=60, every=0.25)
            return job, status, await all_results(client, job, limit=10)

    job, status, entries = anyio.run(main)
    assert status["succeeded"] == 1 and [e["id"] for e in entries] == ["a"]
    assert 1 <= entries[0]["metadata"]["relevance_score"] <= 10
    assert len((tmp_path / job / "results.jsonl").read_text(encoding="utf-8").splitlines()) == 1
