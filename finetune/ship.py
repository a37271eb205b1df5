"""Ship a finished run as the project's default adapter.

    python -m finetune.ship runs/default-adapter

Copies the PEFT adapter (as float16, half the size) and the run's records into
finetune/default_adapter/, then exports the GGUF LoRA the `gguf` backend serves by default
(mcp_server/assets/news-enhancer-lora.gguf). Checkpoints are not copied.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "finetune" / "default_adapter"
RECORDS = ("train_config.json", "data_hash.txt", "loss_log.jsonl", "loss_curve.png", "timings.json")


def ship(run: Path, dest: Path = SHIPPED) -> Path:
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

    from gguf_export.config import load_export_config
    from gguf_export.export import export, size_table
    from mcp_server.models import DEFAULT_ADAPTER

    out = ROOT / "runs" / "ship-export"
    results = export(load_export_config(None, {"adapter": str(dest), "base": "bundled", "formats": ["lora"],
                                               "lora_dtype": "f16", "out": str(out)}))
    print(size_table(results))
    DEFAULT_ADAPTER.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(next(out.glob("*lora*.gguf")), DEFAULT_ADAPTER)
    print(f"GGUF LoRA -> {DEFAULT_ADAPTER}")


if __name__ == "__main__":
    main()
