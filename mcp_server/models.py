"""Where model files come from: the bundled base GGUF and the project's shipped adapter."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from pathlib import Path

from news_core.bundled import BUNDLED_NAMES, DEFAULT_GGUF_ADAPTER, bundled_base_path
from news_core.errors import ConfigError

log = logging.getLogger(__name__)

# merged_target's names: <model stem>+<adapter stem>.merged-q8_0-<key>.gguf (`news-enhancer models` reads them)
MERGED_NAME = re.compile(r"(?P<model>.+)\+(?P<adapter>.+)\.merged-q8_0-(?P<key>[0-9a-f]{16})\.gguf")


def bundled_f16_path() -> Path:
    """An f16 copy of the bundled base (its Q4_K_M/Q5_0/Q8_0 weights dequantized, ~518 MiB), written
    beside it on first use (~30-50 s). The shipped LoRA over this copy answers nearly as the PEFT
    model it was trained as (parity row lora@f16: 99.8-99.96% of next-token choices), at ~0.8x the
    decoding speed and +250 MiB of memory (benchmarks/bench_base_precision.py)."""
    source = bundled_base_path()
    target = f16_target(source)
    if not target.is_file():
        from gguf_export.base import BaseGGUF
        from gguf_export.merged import write_merged_f16

        log.info("writing an f16 copy of the bundled model to %s (first use only)", target)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            write_merged_f16(BaseGGUF(source), None, partial, "gemma-3-270m-f16")
            partial.replace(target)  # atomic: a concurrent start sees the whole file or none
        finally:
            partial.unlink(missing_ok=True)
    return target


def merged_model_path(model: Path, adapter: Path, cache_dir: Path) -> Path:
    """A Q8_0 copy of `model` with the GGUF LoRA `adapter` merged in, written to `cache_dir` on first
    use (~20 s, ~280 MiB; no torch needed: gguf_export merges the GGUF LoRA's own tensors). The
    merge is exact in float32 and rounded once to Q8_0, which keeps a LoRA's small deltas (a Q4_K_M
    merge loses the fine-tune: gguf_export/README.md); it serves without the adapter's ~4 ms of
    extra work per decode step (docs/performance.md)."""
    target = merged_target(model, adapter, cache_dir)
    if target.is_file():
        return target
    from gguf_export.base import BaseGGUF
    from gguf_export.lora_file import read_lora_gguf
    from gguf_export.merged import write_merged_f16
    from gguf_export.quantize import quantize

    log.info("merging %s into a Q8_0 copy of %s at %s (first use only, ~20 s)", adapter.name, model.name, target)
    cache_dir.mkdir(parents=True, exist_ok=True)
    base = BaseGGUF(model)
    f16 = target.with_name(f".{target.stem}.{os.getpid()}.f16.partial")
    try:
        write_merged_f16(base, read_lora_gguf(adapter, base), f16, f"{model.stem}+{adapter.stem}")
        quantize(f16, target, "q8_0")  # writes a partial file, then renames it: atomic
    finally:
        f16.unlink(missing_ok=True)
    return target


def merged_target(model: Path, adapter: Path, cache_dir: Path) -> Path:
    """Where merged_model_path keeps the merge of `adapter` into `model` (MERGED_NAME)."""
    # keyed on the adapter's bytes: the same file in another checkout or folder is the same merge
    stat = model.stat()
    key = hashlib.sha256(f"{model.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:".encode()
                         + hashlib.sha256(adapter.read_bytes()).digest()).hexdigest()[:16]
    return cache_dir / f"{model.stem}+{adapter.stem}.merged-q8_0-{key}.gguf"


def f16_target(source: Path) -> Path:
    """Where bundled_f16_path writes the f16 copy of the bundled base `source`: beside it."""
    target = source.with_name(source.stem.replace("q4_k_m", "f16") + ".gguf")
    return target if target != source else source.with_name(source.stem + "-f16.gguf")


def resolve_model(model: str) -> Path:
    if model == "bundled":
        return bundled_base_path()
    if model == "bundled-f16":
        return bundled_f16_path()
    path = Path(model).expanduser()
    if not path.is_file():
        raise ConfigError(f"model = {model!r}: no such GGUF file (use 'bundled' for the packaged base model, "
                          "'bundled-f16' for its f16 copy)")
    return path


def resolve_adapter(adapter: str, model: str) -> Path | None:
    """'none' -> None; 'default' -> the shipped adapter (for the bundled base only); else a path."""
    if adapter in ("", "none"):
        return None
    if adapter == "default":
        if model not in BUNDLED_NAMES:
            return None  # the shipped adapter was trained on the bundled base only
        if not DEFAULT_GGUF_ADAPTER.is_file():
            log.warning("shipped adapter %s is missing: serving the base model without fine-tuning",
                        DEFAULT_GGUF_ADAPTER)
            return None
        return DEFAULT_GGUF_ADAPTER
    path = Path(adapter).expanduser()
    if not path.is_file():
        raise ConfigError(f"adapter = {adapter!r}: no such GGUF LoRA file (or use 'default' / 'none')")
    return path
