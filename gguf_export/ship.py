"""Ship a finished run as the project's default adapter.

    python -m gguf_export.ship runs/default-adapter

Copies the PEFT adapter (as float16, half the size) and the run's records into
news_core/assets/default_adapter/ (what backend `peft` serves by default), then exports the GGUF
LoRA the `gguf` backend serves by default (news_core/assets/news-enhancer-lora.gguf).
Checkpoints are not copied. The run's vocabulary.json and relevance_head.json go beside the GGUF
LoRA, where the server looks for them. A relevance probe (news_core/probe.py, used only with
relevance_head = "off") belongs to the exported file (it holds its sha256), so it is not shipped;
fit one after shipping, on the training split only:

    python -m mcp_server.probe_fit --adapter news_core/assets/news-enhancer-lora.gguf
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from news_core.bundled import DEFAULT_GGUF_ADAPTER, DEFAULT_PEFT_ADAPTER
from news_core.relevance_head import FILE as HEAD_FILE
from news_core.vocabulary import FILE as VOCABULARY

from .config import load_export_config
from .export import export, size_table

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ("train_config.json", "data_hash.txt", "loss_log.jsonl", "loss_curve.png", "timings.json")


def ship(run: Path, dest: Path = DEFAULT_PEFT_ADAPTER) -> Path:
    import torch
    from safetensors.torch import load_file, save_file

    dest.mkdir(parents=True, exist_ok=True)
    tensors = load_file(run / "adapter_model.safetensors")
    save_file({k: v.to(torch.float16).contiguous() for k, v in tensors.items()}, dest / "adapter_model.safetensors")
    config = json.loads((run / "adapter_config.json").read_text())
    config["base_model_name_or_path"] = "bundled"
    (dest / "adapter_config.json").write_text(json.dumps(config, indent=2) + "\n")
    for name in RECORDS:
        if (run / name).exists():
            shutil.copy2(run / name, dest / name)
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, help="a finished training run folder")
    args = parser.parse_args()
    dest = ship(args.run)
    print(f"adapter -> {dest}")

    out = ROOT / "runs" / "ship-export"
    results = export(load_export_config(None, {"adapter": str(dest), "base": "bundled", "formats": ["lora"],
                                               "lora_dtype": "f16", "out": str(out)}))
    print(size_table(results))
    DEFAULT_GGUF_ADAPTER.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(next(out.glob("*lora*.gguf")), DEFAULT_GGUF_ADAPTER)
    print(f"GGUF LoRA -> {DEFAULT_GGUF_ADAPTER}")
    for name in (VOCABULARY, HEAD_FILE):  # beside the GGUF, where the server looks (insight_vocabulary, relevance_head)
        if (args.run / name).is_file():
            shutil.copy2(args.run / name, DEFAULT_GGUF_ADAPTER.parent / name)


if __name__ == "__main__":
    main()
