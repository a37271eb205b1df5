"""Model work in worker threads that can be told to stop, and joined before the model is freed.

A cancelled MCP request returns at once (anyio abandons its thread); the thread itself goes on
until its next checkpoint. Freeing a llama.cpp model under such a thread crashes the process,
so the server's shutdown calls `stop` and frees the model only when it returns True.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable

import anyio

from news_core.errors import Cancelled

log = logging.getLogger(__name__)


class Workers:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[threading.Event] = set()  # the cancel events of threads inside a job
        self._stopping = False

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """`fn(*args, cancel)` in a worker thread; a cancelled caller sets `cancel` and returns at once."""
        cancel = threading.Event()
        try:
            return await anyio.to_thread.run_sync(self._job, fn, args, cancel, abandon_on_cancel=True)
        except anyio.get_cancelled_exc_class():
            cancel.set()
            raise

    def _job(self, fn, args, cancel: threading.Event):
        with self._lock:
            if self._stopping or cancel.is_set():  # registered only if it may still start
                raise Cancelled("the server is shutting down" if self._stopping else "cancelled by the caller")
            self._running.add(cancel)
        try:
            return fn(*args, cancel)
        finally:
            with self._lock:
                self._running.discard(cancel)

    @property
    def running(self) -> int:
        with self._lock:
            return len(self._running)

    async def stop(self, wait_s: float) -> bool:
        """Refuse new jobs, cancel the running ones and wait up to `wait_s` for them to end.
        True when none is left, so the model can be freed."""
        with self._lock:
            self._stopping = True
            for cancel in self._running:
                cancel.set()
        start = time.monotonic()
        while self.running and time.monotonic() - start < wait_s:
            await anyio.sleep(0.02)
        if self.running:
            log.error("%d model jobs still running %.1f s after shutdown began (shutdown_wait_s)", self.running, wait_s)
            return False
        log.info("model work stopped %.2f s after shutdown began", time.monotonic() - start)
        return True
