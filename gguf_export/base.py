"""The base GGUF an adapter is exported against: where it is, what it holds, how names map.

Everything the exporter writes is laid out after this file: the LoRA tensors take its tensor
names and shapes, the merged model copies its metadata (tokenizer included) and its tensors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from news_core.base_model import BUNDLED_DIRNAME, MARKER
from news_core.bundled import BUNDLED, bundled_base_path
from news_core.errors import ConfigError, ModelError

# llama.cpp architectures this exporter knows the HF <-> GGUF transforms of (see hf_to_gguf).
SUPPORTED_ARCHS = ("gemma3", "llama")


def resolve_base_path(base: str, adapter_dir: Path | None = None) -> Path:
    """--base value -> a GGUF file. "" means: the base named in the adapter's config."""
    if not base and adapter_dir is not None:
        named = adapter_base_name(adapter_dir)
        if not is_bundled(named):
            raise ConfigError(f"the adapter in {adapter_dir} was trained on {named!r}; pass --base PATH.gguf, "
                              "the GGUF file of that same model (its tokenizer and metadata are copied)")
        base = BUNDLED
    if base in ("", BUNDLED):
        return bundled_base_path()
    path = Path(base).expanduser()
    if not path.is_file() or path.suffix != ".gguf":
        raise ConfigError(f"--base {base!r} is not a GGUF file; give 'bundled' or the path of the base model's .gguf")
    return path


def is_bundled(name: str) -> bool:
    """True for "bundled" and for the folder finetune converts the bundled GGUF into (checkpoints name it)."""
    if name == BUNDLED:
        return True
    folder = Path(name).expanduser()
    return folder.name == BUNDLED_DIRNAME and (folder / MARKER).is_file()


def adapter_base_name(adapter_dir: Path) -> str:
    config = Path(adapter_dir) / "adapter_config.json"
    try:
        return json.loads(config.read_text(encoding="utf-8")).get("base_model_name_or_path") or ""
    except (OSError, json.JSONDecodeError):
        return ""  # load_adapter reports the missing or broken config with the full story


@dataclass(frozen=True)
class BaseGGUF:
    """A base model GGUF, read lazily through a memory map."""

    path: Path

    @cached_property
    def reader(self):
        from gguf_export.reader import open_gguf

        try:
            return open_gguf(self.path)
        except Exception as exc:  # the reader raises ValueError / struct errors on damaged files
            raise ModelError(f"{self.path} is not a readable GGUF file: {exc}") from exc

    def field(self, key: str, default=None):
        found = self.reader.fields.get(key)
        return default if found is None else found.contents()

    @cached_property
    def arch(self) -> str:
        arch = self.field("general.architecture")
        if arch not in SUPPORTED_ARCHS:
            raise ConfigError(f"{self.path.name} is a {arch!r} model; the exporter supports {', '.join(SUPPORTED_ARCHS)}")
        return arch

    def hparam(self, name: str) -> int:
        value = self.field(f"{self.arch}.{name}")
        if value is None:
            raise ModelError(f"{self.path.name} has no {self.arch}.{name} metadata")
        return int(value)

    @cached_property
    def n_layers(self) -> int:
        return self.hparam("block_count")

    @cached_property
    def n_head(self) -> int:
        return self.hparam("attention.head_count")

    @cached_property
    def n_head_kv(self) -> int:
        return self.hparam("attention.head_count_kv")

    @cached_property
    def tensors(self) -> dict:
        """GGUF tensor name -> ReaderTensor, in file order."""
        return {t.name: t for t in self.reader.tensors}

    def shape(self, name: str) -> tuple[int, ...]:
        """A tensor's shape in numpy / PyTorch order (rows = output features)."""
        return tuple(int(n) for n in reversed(self.tensors[name].shape.tolist()))

    def weights(self, name: str) -> np.ndarray:
        """A tensor dequantized to float32, numpy order."""
        from gguf import dequantize

        tensor = self.tensors[name]
        return np.asarray(dequantize(tensor.data, tensor.tensor_type), dtype=np.float32).reshape(self.shape(name))

    @cached_property
    def eos_token(self) -> str:
        return self.token(int(self.field("tokenizer.ggml.eos_token_id")))

    def token(self, token_id: int) -> str:
        return self.reader.fields["tokenizer.ggml.tokens"].contents(token_id)

    def gguf_name(self, hf_module: str) -> str | None:
        """HF module name ("model.layers.3.self_attn.q_proj") -> GGUF tensor name, or None."""
        name = self._name_map.get_name(hf_module)
        return None if name is None else name + ".weight"

    @cached_property
    def _name_map(self):
        return name_map(self.arch, self.n_layers)


def name_map(arch: str, n_layers: int):
    """gguf-py's HF -> GGUF tensor name map for a llama.cpp architecture name."""
    from gguf import MODEL_ARCH_NAMES, get_tensor_name_map

    key = next(key for key, value in MODEL_ARCH_NAMES.items() if value == arch)
    return get_tensor_name_map(key, n_layers)


def rope_permutation(arch: str, n_head: int, n_head_kv: int, gguf_name: str) -> tuple[int, int] | None:
    """(n_head, n_head_kv) when the tensor's rows are permuted by llama.cpp's conversion, else None.

    convert_hf_to_gguf.py reorders the rows of Llama's q and k projections (interleaved rope);
    transformers' GGUF loader undoes it. Gemma 3 uses NeoX rope and is left as it is.
    """
    if arch != "llama":
        return None
    if gguf_name.endswith(".attn_q.weight"):
        return n_head, n_head
    if gguf_name.endswith(".attn_k.weight"):
        return n_head, n_head_kv
    return None


def permute_rows(rows: np.ndarray, n_head: int, n_head_kv: int) -> np.ndarray:
    """convert_hf_to_gguf.LlamaModel.permute, on the first (output) axis of `rows`."""
    if n_head_kv != n_head:
        n_head = n_head_kv
    shape = rows.shape
    return rows.reshape(n_head, 2, shape[0] // n_head // 2, *shape[1:]).swapaxes(1, 2).reshape(shape)


def hf_to_gguf(arch: str, n_head: int, n_head_kv: int, gguf_name: str, weights: np.ndarray) -> np.ndarray:
    """An HF weight as llama.cpp stores it: the inverse of transformers' GGUF-loading transforms."""
    perm = rope_permutation(arch, n_head, n_head_kv, gguf_name)
    if perm is not None:
        return permute_rows(weights, *perm)
    if arch == "gemma3" and gguf_name.endswith("norm.weight"):
        return weights + 1.0  # llama.cpp multiplies by w; Gemma's RMSNorm by (1 + w)
    return weights
