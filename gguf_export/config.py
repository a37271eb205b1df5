"""Export settings: one dataclass; news_core.settings loads, checks, flags and documents it.

Everything is validated when the config is built, so a bad value fails before any work starts.
File: the [export] table (or top level); environment: NEWS_ENHANCER_EXPORT_<SETTING>.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from news_core.settings import Settings, setting

FORMATS = ("lora", "f16", "q8_0", "q4_k_m")
LORA_DTYPES = ("f32", "f16")


@dataclass
class ExportConfig(Settings):
    table = "export"
    label = "export"

    adapter: str = setting("", "PEFT adapter folder (adapter_config.json + adapter_model.safetensors); required")
    base: str = setting("", '"" = the base named in adapter_config.json, "bundled", or PATH.gguf')
    formats: list[str] = setting(["lora"], f"{' | '.join(FORMATS)} | all; repeat or comma-separate "
                                 "(export parity: all)", flags=("--format",))
    out: str = setting("export", "output folder")
    name: str = setting("news-enhancer", "file prefix and general.name")
    ollama: bool = setting(False, "write an Ollama Modelfile.<format> beside each GGUF")
    lora_dtype: str = setting("f16", "LoRA tensor type; f16 halves the file, parity measured identical to f32",
                              choices=LORA_DTYPES)
    threads: int = setting(0, "quantization threads; 0 = all cores", ge=0)
    n_items: int = setting(20, "parity: number of items", ge=1, flags=("--n",))
    max_tokens: int = setting(256, "parity: tokens per answer", ge=1)
    items: str = setting("", 'parity: a .json list or .jsonl of items; "" = the held-out split of the shipped '
                         "dataset")
    llama_threads: int = setting(0, "parity: llama.cpp threads; 0 = automatic: half the cores, at most 4", ge=0)
    lora_over_f16: bool = setting(True, 'parity: also run the LoRA over an f16 copy of the base (row "lora@f16")')

    def prepare(self) -> None:
        """Formats are case-free and "all" means every one; each is kept once, in order."""
        if isinstance(self.formats, list) and all(isinstance(f, str) for f in self.formats):
            expanded = [g for f in self.formats for g in (FORMATS if f.lower() == "all" else [f.lower()])]
            self.formats = list(dict.fromkeys(expanded))

    def check(self) -> list[str]:
        problems = [f"unknown format {f!r}; choose from {', '.join(FORMATS)} or all"
                    for f in self.formats if f not in FORMATS]
        if not self.formats:
            problems.append(f"no format given; choose from {', '.join(FORMATS)} or all")
        if not self.adapter:
            problems.append("adapter is required: the PEFT adapter folder to export (--adapter DIR)")
        if not self.name or any(c in self.name for c in "/\\ "):
            problems.append(f"name must be a non-empty file prefix without spaces or slashes, got {self.name!r}")
        return problems

    @property
    def out_dir(self) -> Path:
        return Path(self.out).expanduser()

    def path(self, fmt: str) -> Path:
        return self.out_dir / f"{self.name}-{fmt}.gguf"


def load_export_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None,
                       defaults: Mapping[str, Any] | None = None,
                       environ: Mapping[str, str] | None = None) -> ExportConfig:
    """Defaults (the dataclass's, then `defaults`) < TOML file < environment < overrides (None ignored)."""
    return ExportConfig.load(path, overrides, environ, defaults)
