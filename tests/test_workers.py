"""The worker registry that lets shutdown join model work before the model is freed."""

import threading
import time

import anyio
import pytest

from mcp_server.workers import Workers
from news_core.errors import Cancelled


def stoppable(seconds: float, log: list, cancel: threading.Event):
    """A job that checks `cancel` every 10 ms, as the model work does at its checkpoints."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if cancel.is_set():
            log.append("stopped")
            raise Cancelled("cancelled by the caller")
        time.sleep(0.01)
    log.append("finished")
    return "done"


def test_a_cancelled_caller_returns_at_once_and_stop_joins_its_thread():
    log: list = []

    async def main():
        workers = Workers()
        with anyio.move_on_after(0.2):
            await workers.run(stoppable, 30, log)
        assert workers.running == 1 or log == ["stopped"]  # abandoned, still stopping, or already stopped
        start = time.monotonic()
        assert await workers.stop(5)
        return time.monotonic() - start, workers

    waited, workers = anyio.run(main)
    assert log == ["stopped"] and workers.running == 0 and waited < 1


def test_stop_cancels_running_jobs_refuses_new_ones_and_reports_a_job_that_will_not_stop():
    log: list = []

    def stubborn(cancel):
        time.sleep(0.6)  # ignores cancel, like a stage without checkpoints
        log.append("stubborn done")

    async def quietly(*args):
        try:
            await workers.run(*args)
        except Cancelled:  # the job's own answer to stop(): its request would get this error
            log.append("caller saw Cancelled")

    workers = Workers()

    async def main():
        async with anyio.create_task_group() as tg:
            tg.start_soon(quietly, stoppable, 30, log)
            tg.start_soon(quietly, stubborn)
            await anyio.sleep(0.2)
            assert workers.running == 2
            assert not await workers.stop(0.1)  # the stubborn one is still inside: the model must stay
            await anyio.sleep(0.05)
            assert log == ["stopped", "caller saw Cancelled"]
            with pytest.raises(Cancelled, match="shutting down"):
                await workers.run(stoppable, 1, log)
        assert await workers.stop(1) and workers.running == 0

    anyio.run(main)
    assert log == ["stopped", "caller saw Cancelled", "stubborn done"]


def test_results_and_errors_pass_through():
    workers = Workers()
    assert anyio.run(workers.run, stoppable, 0.01, []) == "done"
