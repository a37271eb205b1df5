"""A PEFT LoRA adapter read into llama.cpp's layout: GGUF tensor names, row order and scale.

PEFT computes  W x + s * B (A x)  with A: (r, in), B: (out, r), s = alpha / r (alpha / sqrt(r)
with rsLoRA, per-module r and alpha with rank_pattern / alpha_pattern). llama.cpp computes
W x + (gguf_alpha / r) * B (A x), with one alpha per file; any per-module difference is folded
into B here, so both compute the same product.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from news_core.errors import ConfigError, ModelError

from .base import BaseGGUF, permute_rows, rope_permutation

# Prefixes PEFT and multimodal wrappers put before the language model's own module names.
PREFIXES = ("base_model.model.", )
LM_PREFIXES = (("model.language_model.", "model."), ("language_model.", ""))
LORA_SUFFIX = re.compile(r"^(?P<module>.+)\.lora_(?P<part>[AB])(?:\.[^.]+)?\.weight$")


@dataclass
class LoraTensor:
    """One adapted weight: `name` is the base GGUF tensor, a: (r, in), b: (out, r), float32."""

    name: str
    a: np.ndarray
    b: np.ndarray

    @property
    def rank(self) -> int:
        return self.a.shape[0]


@dataclass
class Adapter:
    path: Path
    alpha: float  # the value written as adapter.lora.alpha
    tensors: list[LoraTensor] = field(default_factory=list)
    config: dict = field(default_factory=dict)

    def delta(self, tensor: LoraTensor) -> np.ndarray:
        """The change the adapter makes to the base weight, (out, in) float32, as llama.cpp scales it."""
        return (self.alpha / tensor.rank) * (tensor.b @ tensor.a)

    @property
    def n_params(self) -> int:
        return sum(t.a.size + t.b.size for t in self.tensors)


def read_config(adapter_dir: Path) -> dict:
    path = adapter_dir / "adapter_config.json"
    if not path.is_file():
        raise ConfigError(f"{adapter_dir} has no adapter_config.json; --adapter must be a PEFT adapter folder "
                          "(the trainer's output_dir)")
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path} is not valid JSON: {exc}") from exc
    problems = []
    if config.get("peft_type", "LORA") != "LORA":
        problems.append(f"peft_type is {config.get('peft_type')!r}, only LORA adapters can be exported")
    for flag, why in (("use_dora", "DoRA magnitudes"), ("fan_in_fan_out", "Conv1D (fan_in_fan_out) layers"),
                      ("lora_bias", "LoRA biases"), ("modules_to_save", "fully trained modules (modules_to_save)")):
        if config.get(flag):
            problems.append(f"{flag} is set: llama.cpp LoRA adapters cannot hold {why}")
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return config


def read_weights(adapter_dir: Path) -> dict[str, np.ndarray]:
    path = adapter_dir / "adapter_model.safetensors"
    if not path.is_file():
        raise ConfigError(f"{adapter_dir} has no adapter_model.safetensors (older .bin adapters are not supported; "
                          "re-save with save_pretrained(safe_serialization=True))")
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as f:  # torch reads bfloat16 adapters too
        return {key: f.get_tensor(key).float().numpy() for key in f.keys()}


def module_name(key: str) -> tuple[str, str]:
    """'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight' -> ('model.layers.0.self_attn.q_proj', 'A')."""
    match = LORA_SUFFIX.match(key)
    if not match:
        hint = " (embeddings / lm_head cannot be exported: they are tied in Gemma 3)" if (
            "embed" in key or "lm_head" in key) else ""
        raise ConfigError(f"adapter tensor {key!r} is not a LoRA A/B matrix{hint}")
    module = match["module"]
    for prefix in PREFIXES:
        module = module.removeprefix(prefix)
    for prefix, replacement in LM_PREFIXES:
        if module.startswith(prefix):
            module = replacement + module[len(prefix):]
            break
    return module, match["part"]


def peft_scale(config: dict, module: str, rank: int) -> float:
    """PEFT's own scaling for `module` (peft.utils.other.get_pattern_key semantics)."""
    alpha = config.get("lora_alpha", 8)
    for pattern, value in (config.get("alpha_pattern") or {}).items():
        if re.match(rf"(.*\.)?({pattern})$", module):
            alpha = value
            break
    return alpha / math.sqrt(rank) if config.get("use_rslora") else alpha / rank


def gguf_alpha(config: dict, ranks: list[int]) -> float:
    """The file-wide alpha that makes llama.cpp's alpha / r equal PEFT's scale for the common rank."""
    alpha = float(config.get("lora_alpha", 8))
    if config.get("use_rslora"):
        common = max(set(ranks), key=ranks.count)
        return alpha * math.sqrt(common)
    return alpha


def load_adapter(adapter_dir: str | Path, base: BaseGGUF) -> Adapter:
    """Read a PEFT adapter and lay it out for `base`; every mismatch is reported at once."""
    adapter_dir = Path(adapter_dir).expanduser()
    if not adapter_dir.is_dir():
        raise ConfigError(f"--adapter {adapter_dir} is not a folder")
    config = read_config(adapter_dir)
    pairs: dict[str, dict[str, np.ndarray]] = {}
    for key, value in read_weights(adapter_dir).items():
        module, part = module_name(key)
        pairs.setdefault(module, {})[part] = value
    if not pairs:
        raise ConfigError(f"{adapter_dir}/adapter_model.safetensors holds no LoRA tensors")
    tensors, problems = [], []
    for module, ab in pairs.items():
        try:
            tensors.append(_lay_out(base, module, ab))
        except ConfigError as exc:
            problems.append(str(exc))
    if problems:
        raise ConfigError(f"adapter {adapter_dir} does not fit base {base.path.name}:\n  " + "\n  ".join(problems))
    alpha = gguf_alpha(config, [t.rank for t in tensors])
    for tensor, module in zip(tensors, pairs):
        wanted = peft_scale(config, module, tensor.rank)
        if not math.isclose(wanted, alpha / tensor.rank, rel_tol=1e-6):
            tensor.b = tensor.b * np.float32(wanted / (alpha / tensor.rank))
    return Adapter(adapter_dir, alpha, tensors, config)


def _lay_out(base: BaseGGUF, module: str, ab: dict[str, np.ndarray]) -> LoraTensor:
    if set(ab) != {"A", "B"}:
        raise ConfigError(f"{module}: lora_{'B' if 'A' in ab else 'A'} is missing")
    name = base.gguf_name(module)
    if name is None or name not in base.tensors:
        raise ConfigError(f"{module}: no matching tensor in the base GGUF ({name or 'unmapped name'})")
    if name == "token_embd.weight" or name == "output.weight":
        raise ConfigError(f"{module}: adapters on embeddings / the output layer are not exported")
    a, b = ab["A"].astype(np.float32), ab["B"].astype(np.float32)
    rows, cols = base.shape(name)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != cols or b.shape[0] != rows or a.shape[0] != b.shape[1]:
        raise ConfigError(f"{module}: A {a.shape} / B {b.shape} do not fit base weight {name} ({rows}, {cols})")
    perm = rope_permutation(base.arch, base.n_head, base.n_head_kv, name)
    if perm is not None:
        b = permute_rows(b, *perm)
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        raise ModelError(f"{module}: the adapter holds NaN or infinite values")
    return LoraTensor(name, np.ascontiguousarray(a), np.ascontiguousarray(b))
