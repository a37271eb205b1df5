"""Which model each `--models` entry means, as a ServerConfig for `load_backend`.

    baseline          gguf backend, bundled base model, no adapter
    default           gguf backend, bundled base model, the shipped adapter
    PATH.gguf         gguf backend, that model file, no adapter (e.g. a merged GGUF export)
    lora:PATH.gguf    gguf backend, bundled base model, that GGUF LoRA adapter
    gguf:PATH         same as PATH.gguf, said explicitly
    peft:DIR or DIR   peft backend (transformers + PEFT), that adapter folder
    NAME=SPEC         any of the above, reported under NAME
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from mcp_server.config import ServerConfig
from news_core.errors import ConfigError


@dataclass(frozen=True)
class ModelSpec:
    name: str
    config: ServerConfig


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "model"


def parse_spec(entry: str, base: ServerConfig) -> ModelSpec:
    entry = entry.strip()
    name, sep, spec = entry.partition("=")
    if not sep:
        name, spec = "", entry
    if not spec:
        raise ConfigError(f"--models entry {entry!r} is empty")
    if spec == "baseline":
        return ModelSpec(name or "baseline", base.replace(backend="gguf", model="bundled", adapter="none"))
    if spec == "default":
        return ModelSpec(name or "default", base.replace(backend="gguf", model="bundled", adapter="default"))
    kind, colon, rest = spec.partition(":")
    if colon and kind in ("lora", "gguf", "peft"):
        path = _existing(rest, entry)
    else:
        kind, path = "", _existing(spec, entry)
        kind = "gguf" if path.is_file() and path.suffix == ".gguf" else "peft" if path.is_dir() else ""
        if not kind:
            raise ConfigError(f"--models entry {entry!r}: {path} is neither a .gguf file nor an adapter folder")
    label = name or _safe_name(f"{kind}-{path.stem if path.is_file() else path.name}")
    if kind == "lora":
        return ModelSpec(label, base.replace(backend="gguf", model="bundled", adapter=str(path)))
    if kind == "gguf":
        return ModelSpec(label, base.replace(backend="gguf", model=str(path), adapter="none"))
    return ModelSpec(label, base.replace(backend="peft", adapter=str(path)))


def parse_models(text: str | list[str], base: ServerConfig | None = None) -> list[ModelSpec]:
    base = base or ServerConfig()
    entries = text.split(",") if isinstance(text, str) else list(text)
    specs = [parse_spec(e, base) for e in entries if e.strip()]
    if not specs:
        raise ConfigError("--models names no model; e.g. --models baseline,default")
    names = [s.name for s in specs]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"--models gives the name(s) {', '.join(duplicates)} twice; name them with NAME=SPEC")
    return specs


def check_backend_available(spec: ModelSpec) -> None:
    """Fail before any generation when a backend module or the shipped adapter is not there."""
    from mcp_server.backends import REGISTRY
    from news_core import bundled

    if spec.config.backend == "gguf" and spec.config.adapter == "default" and not bundled.DEFAULT_GGUF_ADAPTER.is_file():
        raise ConfigError(
            f"model {spec.name!r} asks for the shipped adapter, but {bundled.DEFAULT_GGUF_ADAPTER} is missing, so it would be "
            "the base model again; train and export the adapter first, or name an adapter file with lora:PATH"
        )

    target = REGISTRY.get(spec.config.backend)
    module = target.partition(":")[0] if target else f"mcp_server.backends.{spec.config.backend}"
    if target is None or importlib.util.find_spec(module) is None:
        raise ConfigError(
            f"model {spec.name!r} needs the {spec.config.backend!r} backend ({module.replace('.', '/')}.py), "
            "which this installation does not have"
        )


def _existing(path_text: str, entry: str) -> Path:
    path = Path(path_text).expanduser()
    if not path.exists():
        raise ConfigError(f"--models entry {entry!r}: {path} does not exist")
    return path
