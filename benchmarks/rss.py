"""Resident-memory readings of another process: a sampling thread and the kernel's high-water mark.
Used by benchmarks/batch_memory.py and the memory test (tests/test_hardening_memory.py)."""

from __future__ import annotations

import threading

import psutil


def peak_rss_mb(process: psutil.Process) -> float:
    """The kernel's high-water mark of resident memory (VmHWM) for the process, in MiB."""
    with open(f"/proc/{process.pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return process.memory_info().rss / 2**20


class RssSampler:
    """Samples a process's RSS in a thread while a block runs; .peak_mb afterwards."""

    def __init__(self, process: psutil.Process, every_s: float = 0.2):
        self.process, self.every_s, self.peak_mb = process, every_s, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        while not self._stop.is_set():
            try:
                self.peak_mb = max(self.peak_mb, self.process.memory_info().rss / 2**20)
            except psutil.Error:
                return
            self._stop.wait(self.every_s)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
