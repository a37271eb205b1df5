"""Adapter merged into the base -> one f16 GGUF carrying the base's tokenizer and metadata.

The merge happens on llama.cpp's side of the conversion: each adapted weight is the base's own
tensor, dequantized to float32, plus (alpha / r) * B @ A from the same LoRA tensors the lora
format writes, rounded to float16 once at the end. This equals PEFT's merge_and_unload on the
float32 model transformers dequantizes from the same GGUF (the model the adapter was trained
on), without a round trip through transformers' tensor names and transforms; the parity check
compares the result with the PEFT model itself.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gguf import GGUFValueType, LlamaFileType

from .adapter import Adapter
from .base import BaseGGUF
from .prompt_format import REPLACED_KEYS, prompt_metadata
from .writer import PlannedTensor, copy_metadata, write_gguf


def merged_metadata(base: BaseGGUF, name: str) -> list[tuple]:
    copied = copy_metadata(base.reader, skip=REPLACED_KEYS + ("general.name",))
    return copied + prompt_metadata() + [
        ("general.name", name, GGUFValueType.STRING, None),
        ("general.file_type", int(LlamaFileType.MOSTLY_F16), GGUFValueType.UINT32, None),
    ]


def write_merged_f16(base: BaseGGUF, adapter: Adapter | None, out: Path, name: str) -> Path:
    """Every base tensor in file order: matrices as f16, vectors (norms) as f32, as convert_hf_to_gguf does."""
    lora = {t.name: t for t in adapter.tensors} if adapter else {}

    def compute(tensor_name: str) -> np.ndarray:
        weights = base.weights(tensor_name)
        if tensor_name in lora:
            weights = weights + adapter.delta(lora[tensor_name])
        return weights

    planned = []
    for tensor_name in base.tensors:
        shape = base.shape(tensor_name)
        dtype = np.float16 if len(shape) >= 2 else np.float32
        planned.append(PlannedTensor(tensor_name, shape, dtype, lambda n=tensor_name: compute(n)))
    return write_gguf(out, base.arch, merged_metadata(base, name), planned, desc="f16")
