"""`news-enhancer export`: one adapter -> the requested GGUF formats, a manifest and Modelfiles."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from news_core.relevance_head import FILE as HEAD_FILE
from news_core.vocabulary import FILE as VOCABULARY

from .adapter import Adapter, load_adapter
from .base import BaseGGUF, resolve_base_path
from .config import ExportConfig
from .lora_file import write_lora_gguf
from .merged import write_merged_f16
from .ollama import write_modelfile
from .quantize import quantize

log = logging.getLogger(__name__)
MANIFEST = "manifest.json"


@dataclass
class Exported:
    format: str
    path: Path
    bytes: int
    seconds: float
    modelfile: Path | None = None


def open_inputs(config: ExportConfig) -> tuple[BaseGGUF, Adapter]:
    adapter_dir = Path(config.adapter).expanduser()
    base = BaseGGUF(resolve_base_path(config.base, adapter_dir))
    log.info("reading adapter %s against base %s (%s)", adapter_dir, base.path.name, base.arch)
    return base, load_adapter(adapter_dir, base)


def export(config: ExportConfig) -> list[Exported]:
    """Write every format of `config.formats` into `config.out_dir`; returns them in that order."""
    base, adapter = open_inputs(config)
    out = config.out_dir
    out.mkdir(parents=True, exist_ok=True)
    quantized = [f for f in config.formats if f in ("q8_0", "q4_k_m")]
    f16_path = config.path("f16") if "f16" in config.formats else out / f".{config.name}-f16.tmp.gguf"
    steps = [f for f in ("lora", "f16") if f in config.formats or (f == "f16" and quantized)] + quantized
    done: dict[str, Exported] = {}
    try:
        for fmt in tqdm(steps, desc="export", unit="format"):
            started = time.monotonic()
            if fmt == "lora":
                path = write_lora_gguf(adapter, base, config.path("lora"), config.name, config.lora_dtype)
            elif fmt == "f16":
                path = write_merged_f16(base, adapter, f16_path, config.name)
            else:
                path = quantize(f16_path, config.path(fmt), fmt, config.threads)
            done[fmt] = Exported(fmt, path, path.stat().st_size, time.monotonic() - started)
    finally:
        if "f16" not in config.formats:
            f16_path.unlink(missing_ok=True)
    results = [done[f] for f in config.formats]
    if config.ollama:
        for item in results:
            item.modelfile = write_modelfile(item.path, item.format, config.name, base.eos_token, base.path)
    write_manifest(config, base, adapter, results)
    for name in (VOCABULARY, HEAD_FILE):  # the training answers' tags and the relevance head travel with the model
        if (adapter.path / name).is_file():
            shutil.copyfile(adapter.path / name, out / name)
    return results


def write_manifest(config: ExportConfig, base: BaseGGUF, adapter: Adapter, results: list[Exported]) -> Path:
    """What was exported from what, so a server can tell a stale export from a current one."""
    weights = adapter.path / "adapter_model.safetensors"
    doc = {
        "name": config.name,
        "base": {"path": str(base.path), "arch": base.arch, "bytes": base.path.stat().st_size},
        "adapter": {"path": str(adapter.path), "sha256": _sha256(weights), "alpha": adapter.alpha,
                    "tensors": len(adapter.tensors), "parameters": adapter.n_params},
        "lora_dtype": config.lora_dtype,
        "files": {r.format: {"file": r.path.name, "bytes": r.bytes} for r in results},
    }
    path = config.out_dir / MANIFEST
    previous = json.loads(path.read_text()) if path.is_file() else {}
    if previous.get("adapter", {}).get("sha256") == doc["adapter"]["sha256"]:
        doc["files"] = {**previous.get("files", {}), **doc["files"]}  # formats exported earlier from this adapter
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def size_table(results: list[Exported]) -> str:
    rows = [f"{'format':<8} {'size':>10}  {'seconds':>7}  file"]
    for r in results:
        rows.append(f"{r.format:<8} {r.bytes / 2**20:>7.1f} MiB  {r.seconds:>7.1f}  {r.path}")
        if r.modelfile:
            rows.append(f"{'':<8} {'':>10}  {'':>7}  {r.modelfile}")
    return "\n".join(rows)

