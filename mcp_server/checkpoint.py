"""The one check every stage of an item makes between steps: cancelled, or past its time limit?"""

from __future__ import annotations

import threading
import time

from news_core.errors import Cancelled, ItemTimeout


def checkpoint(deadline: float | None, cancel: threading.Event | None, stage: str) -> None:
    """Raise Cancelled once `cancel` is set, ItemTimeout once time.monotonic() is past `deadline`."""
    if cancel is not None and cancel.is_set():
        raise Cancelled("cancelled by the caller")
    if deadline is not None and time.monotonic() > deadline:
        raise ItemTimeout(f"item exceeded its time limit (item_timeout_s) while {stage}")
