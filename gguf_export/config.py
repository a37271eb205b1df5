"""Export settings: one dataclass, from TOML (table [export] or top level), overridden by flags.

Everything is validated when the config is built, so a bad value fails before any work starts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from news_core.errors import ConfigError
from news_core.settings import read_toml_table

FORMATS = ("lora", "f16", "q8_0", "q4_k_m")
LORA_DTYPES = ("f32", "f16")


@dataclass
class ExportConfig:
    adapter: str = ""  # PEFT adapter folder (adapter_config.json + adapter_model.safetensors)
    base: str = ""  # "" = the base named in adapter_config.json ("bundled"), "bundled", or PATH.gguf
    formats: list[str] = field(default_factory=lambda: ["lora"])
    out: str = "export"
    name: str = "news-enhancer"  # file prefix and general.name
    ollama: bool = False  # write Modelfile.<format> beside each GGUF
    lora_dtype: str = "f16"  # f16 halves the file; parity measured identical to f32 (README)
    threads: int = 0  # quantization threads, 0 = all cores
    # parity check
    n_items: int = 20
    max_tokens: int = 256
    items: str = ""  # "" = held-out split of the shipped dataset; else a .json list or .jsonl of items
    llama_threads: int = 0  # llama.cpp threads in the parity run, 0 = half the cores (at most 4)
    lora_over_f16: bool = True  # parity also runs the LoRA over an f16 copy of the base (row "lora@f16")

    def __post_init__(self) -> None:
        self.formats = _formats(self.formats)
        problems = []
        if not self.adapter:
            problems.append("adapter is required: the PEFT adapter folder to export (--adapter DIR)")
        if self.lora_dtype not in LORA_DTYPES:
            problems.append(f"lora_dtype must be one of {', '.join(LORA_DTYPES)}, got {self.lora_dtype!r}")
        if not self.name or any(c in self.name for c in "/\\ "):
            problems.append(f"name must be a non-empty file prefix without spaces or slashes, got {self.name!r}")
        for key in ("n_items", "max_tokens"):
            if not isinstance(getattr(self, key), int) or getattr(self, key) <= 0:
                problems.append(f"{key} must be a positive integer, got {getattr(self, key)!r}")
        for key in ("threads", "llama_threads"):
            if not isinstance(getattr(self, key), int) or getattr(self, key) < 0:
                problems.append(f"{key} must be 0 (automatic) or a positive integer, got {getattr(self, key)!r}")
        if problems:
            raise ConfigError("; ".join(problems))

    @property
    def out_dir(self) -> Path:
        return Path(self.out).expanduser()

    def path(self, fmt: str) -> Path:
        return self.out_dir / f"{self.name}-{fmt}.gguf"


def _formats(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    formats: list[str] = []
    for item in items:
        for name in str(item).lower().replace(" ", "").split(","):
            chosen = list(FORMATS) if name == "all" else [name]
            for fmt in chosen:
                if fmt not in FORMATS:
                    raise ConfigError(f"unknown format {name!r}; choose from {', '.join(FORMATS)} or all")
                if fmt not in formats:
                    formats.append(fmt)
    if not formats:
        raise ConfigError(f"no format given; choose from {', '.join(FORMATS)} or all")
    return formats


def load_export_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None,
                       defaults: Mapping[str, Any] | None = None) -> ExportConfig:
    """Defaults (the dataclass's, then `defaults`) < TOML file < overrides (None values ignored)."""
    values: dict[str, Any] = dict(defaults or {})
    if path:
        values.update(read_toml_table(path, "export"))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    known = {f.name for f in dataclasses.fields(ExportConfig)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown export setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return ExportConfig(**values)
