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

from .adapter import Adapter
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
