"""How many CPU threads model code uses when the setting says 0 (automatic)."""

from __future__ import annotations

import os


def default_threads() -> int:
    """Half the cores, at most 4: llama.cpp and torch threads spin-wait, and on a small shared CPU
    one busy neighbour makes two threads on two cores ~10x slower than one (measured here)."""
    return max(1, min(4, (os.cpu_count() or 2) // 2))
