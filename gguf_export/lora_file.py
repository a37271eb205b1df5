"""PEFT adapter -> GGUF LoRA adapter, as llama.cpp's convert_lora_to_gguf.py lays it out.

Metadata: general.type = "adapter", general.architecture = the base's, adapter.type = "lora",
adapter.lora.alpha. Tensors: "<base tensor>.lora_a" with ggml shape [in, r] and
"<base tensor>.lora_b" with ggml shape [r, out] (numpy (r, in) and (out, r)).
llama.cpp scales each product by alpha / r, r read from lora_b.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gguf import GGUFValueType

from news_core.errors import ConfigError

from .adapter import Adapter, LoraTensor
from .base import BaseGGUF
from .writer import PlannedTensor, write_gguf

DTYPES = {"f32": np.float32, "f16": np.float16}


def lora_metadata(adapter: Adapter, base: BaseGGUF, name: str) -> list[tuple]:
    string = GGUFValueType.STRING
    return [
        ("general.type", "adapter", string, None),
        ("general.name", f"{name} LoRA adapter", string, None),
        ("general.base_model.count", 1, GGUFValueType.UINT32, None),
        ("general.base_model.0.name", str(base.field("general.name", base.path.stem)), string, None),
        ("adapter.type", "lora", string, None),
        ("adapter.lora.alpha", float(adapter.alpha), GGUFValueType.FLOAT32, None),
    ]


def write_lora_gguf(adapter: Adapter, base: BaseGGUF, out: Path, name: str, dtype: str = "f16") -> Path:
    kind = DTYPES[dtype]
    planned = []
    for t in sorted(adapter.tensors, key=lambda t: list(base.tensors).index(t.name)):
        planned.append(PlannedTensor(t.name + ".lora_a", t.a.shape, kind, lambda t=t: t.a))
        planned.append(PlannedTensor(t.name + ".lora_b", t.b.shape, kind, lambda t=t: t.b))
    return write_gguf(out, base.arch, lora_metadata(adapter, base, name), planned, desc="lora")


def read_lora_gguf(path: Path, base: BaseGGUF) -> Adapter:
    """A GGUF LoRA file (this layout, or llama.cpp's convert_lora_to_gguf.py) back into an Adapter,
    checked against `base`: what a merge needs, without the PEFT folder (nor torch)."""
    from gguf import GGUFReader, dequantize

    reader = GGUFReader(str(path))
    kind, alpha = reader.fields.get("adapter.type"), reader.fields.get("adapter.lora.alpha")
    if kind is None or kind.contents() != "lora" or alpha is None:
        raise ConfigError(f"{path} is not a GGUF LoRA adapter (adapter.type = lora, adapter.lora.alpha)")
    parts: dict[str, dict[str, np.ndarray]] = {}
    for tensor in reader.tensors:
        name, _, part = tensor.name.rpartition(".")
        if part not in ("lora_a", "lora_b"):
            raise ConfigError(f"{path}: tensor {tensor.name!r} is not a lora_a / lora_b matrix")
        shape = tuple(int(n) for n in reversed(tensor.shape.tolist()))
        parts.setdefault(name, {})[part] = np.asarray(dequantize(tensor.data, tensor.tensor_type),
                                                      dtype=np.float32).reshape(shape)
    tensors = []
    for name, ab in parts.items():
        if set(ab) != {"lora_a", "lora_b"} or name not in base.tensors:
            raise ConfigError(f"{path}: {name} is not a complete LoRA pair for a tensor of {base.path.name}")
        if (ab["lora_b"].shape[0], ab["lora_a"].shape[1]) != base.shape(name):
            raise ConfigError(f"{path}: {name} does not match the shape of {base.path.name}'s tensor")
        tensors.append(LoraTensor(name, ab["lora_a"], ab["lora_b"]))
    return Adapter(Path(path), float(alpha.contents()), tensors)
