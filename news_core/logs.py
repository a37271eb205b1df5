"""Logging on stderr for every command, and llama.cpp's own log routed into it.

llama.cpp writes its log (model loading, context sizes, warnings) through one C callback.
llama-cpp-python installs a callback that prints to stderr, and in 0.3.36 (the version this was
checked against) it maps the levels by an older `enum ggml_log_level` (NONE, INFO, WARN, ERROR,
DEBUG, CONT), while the llama.cpp it builds numbers them NONE=0, DEBUG=1, INFO=2, WARN=3,
ERROR=4, CONT=5 (ggml.h): its ERROR threshold then lets every warning through, and a normal start
prints dozens of lines a user can do nothing about. `route_llama_log()` replaces that callback:
each line becomes a record of the Python logger "llama.cpp", llama.cpp's info and debug lines at
DEBUG, its warnings at WARNING except those in QUIET_WARNINGS (at DEBUG), its errors at ERROR.
So the command's log level (`--log-level`) decides what is shown, as for every other message.
"""

from __future__ import annotations

import ctypes
import logging
import sys
import threading

LEVELS = ("debug", "info", "warning", "error")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("llama.cpp")

# ggml.h's enum ggml_log_level, and the logging level each becomes.
GGML_DEBUG, GGML_INFO, GGML_WARN, GGML_ERROR, GGML_CONT = 1, 2, 3, 4, 5
TO_LOGGING = {GGML_DEBUG: logging.DEBUG, GGML_INFO: logging.DEBUG, GGML_WARN: logging.WARNING,
              GGML_ERROR: logging.ERROR}

# Warnings about choices llama.cpp or this project made on purpose, which no setting changes: shown
# at DEBUG only. Each is matched as a substring of the line.
QUIET_WARNINGS = (
    # LoRA tensors over weights llama.cpp repacked for this CPU stay in a plain CPU buffer.
    "cannot use buft 'CPU_REPACK', fallback to CPU",
    # The backend asks for a full-size sliding-window cache (swa_full), so the KV cache can be trimmed.
    "using full-size SWA cache",
    # The bundled Gemma GGUF's tokenizer metadata, which llama.cpp corrects as it loads.
    "was not control-type; this is probably a bug in the model",
    "special_eos_id is not in special_eog_ids",
)


def configure(level: str = "warning") -> None:
    """stderr logging at `level` (one of LEVELS), for the whole process; stdout is left alone."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(stream=sys.stderr, format=FORMAT)
    root.setLevel(level.upper())


class _Lines:
    """Pieces of llama.cpp's log (a line may come in several calls, CONT ones) joined into lines."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending = ""
        self.level = logging.DEBUG

    def feed(self, ggml_level: int, text: str) -> list[tuple[int, str]]:
        """The whole lines this piece completes, each with its logging level."""
        with self.lock:
            if ggml_level != GGML_CONT:
                self.level = TO_LOGGING.get(ggml_level, logging.DEBUG)
            if not log.isEnabledFor(self.level):  # nothing of it would be shown: skip the work
                self.pending = ""
                return []
            self.pending += text
            if not self.pending.endswith("\n"):
                return []
            done, self.pending = self.pending, ""
            return [(_level_of(line, self.level), line) for line in done.splitlines() if line.strip()]


def _level_of(line: str, level: int) -> int:
    if level == logging.WARNING and any(quiet in line for quiet in QUIET_WARNINGS):
        return logging.DEBUG
    return level


_lines = _Lines()
_callback = None  # the ctypes function llama.cpp calls: kept alive here for the life of the process


def _on_log(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
    for record_level, line in _lines.feed(level, text.decode("utf-8", "replace")):
        log.log(record_level, "%s", line)


def route_llama_log() -> None:
    """Send llama.cpp's log through the "llama.cpp" logger from now on (idempotent).

    Call it after importing llama_cpp (whose import installs its own callback) and before loading
    a model."""
    global _callback
    import llama_cpp

    if _callback is None:
        _callback = llama_cpp.llama_log_callback(_on_log)
    llama_cpp.llama_log_set(_callback, ctypes.c_void_p(0))
