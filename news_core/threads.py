"""How many CPU threads model code uses when the setting says 0 (automatic)."""

from __future__ import annotations

import os
import time
from pathlib import Path

MAX_THREADS = 4  # a 270M model gains little past 4 llama.cpp threads
QUIET_CORES = 0.25  # what the rest of the machine may use, in cores, for it to count as idle
# The shortest look that decides: /proc/stat and our own CPU time count in 10 ms ticks, so a look of a
# few milliseconds (a model's first item, asked for right after it loaded) sees no tick of a busy
# neighbour and would call the machine idle; half a second of 100 Hz ticks on every core is enough.
MIN_LOOK_S = 0.5
STAT = Path("/proc/stat")


def default_threads() -> int:
    """Half the cores, at most 4: llama.cpp and torch threads spin-wait, and on a small shared CPU
    one busy neighbour makes two threads on two cores ~10x slower than one (measured here)."""
    return max(1, min(MAX_THREADS, (os.cpu_count() or 2) // 2))


def idle_threads() -> int:
    """Every core, at most 4: what a machine nobody else is using can give."""
    return max(1, min(MAX_THREADS, os.cpu_count() or 2))


def _own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


class IdleWatch:
    """Did the rest of the machine leave the CPU idle since the last look? The machine's busy time
    (/proc/stat: everything but idle and iowait; a VM's steal counts as busy) minus this process's
    own CPU time, over the wall time between looks. Linux only: elsewhere the answer is no."""

    def __init__(self, stat: Path = STAT, clock=time.monotonic, own=_own_cpu_seconds):
        self.stat, self.clock, self.own = stat, clock, own
        self._tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self._last = self._sample()
        self._idle = False  # the last decided answer

    def others_idle(self) -> bool:
        """Idle since the last look that decided? A look shorter than MIN_LOOK_S gives that look's
        answer again (False until one has decided) and leaves the window open for the next."""
        now, last = self._sample(), self._last
        if now is None or last is None:
            self._last = now
            return False
        wall, busy, own = (a - b for a, b in zip(now, last, strict=True))
        if wall < MIN_LOOK_S:
            return self._idle
        self._last, self._idle = now, busy - own < QUIET_CORES * wall
        return self._idle

    def _sample(self) -> tuple[float, float, float] | None:
        """(wall seconds, busy CPU seconds of the whole machine, this process's CPU seconds)."""
        try:
            fields = [int(v) for v in self.stat.read_text().split("\n", 1)[0].split()[1:9]]
        except (OSError, ValueError):
            return None
        if len(fields) < 5:
            return None
        busy = sum(fields) - fields[3] - fields[4]  # user nice system idle iowait irq softirq steal
        return self.clock(), busy / self._tick, self.own()
