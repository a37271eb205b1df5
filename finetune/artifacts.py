"""What every run leaves in its output folder, whichever trainer ran it.

adapter_model.safetensors + adapter_config.json (PEFT), train_config.json (resolved config),
data_hash.txt, loss_log.jsonl (one line per optimizer step), loss_curve.png, timings.json.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from news_core.bundled import missing_adapter_files
from news_core.errors import ModelError

LOSS_LOG = "loss_log.jsonl"


@dataclass
class RunSummary:
    output_dir: str
    steps: int
    first_loss: float | None
    last_loss: float | None
    seconds: float
    tokens: int
    tokens_per_s: float
    extra: dict[str, Any] = field(default_factory=dict)


class LossLog:
    """loss_log.jsonl: {step, epoch, loss, lr, tokens, seconds}; `tokens` and `seconds` are cumulative."""

    def __init__(self, output_dir: Path, resume_step: int = 0):
        self.path = output_dir / LOSS_LOG
        kept = [e for e in read_loss_log(output_dir) if e["step"] <= resume_step] if resume_step else []
        self.path.write_text("".join(json.dumps(e) + "\n" for e in kept), encoding="utf-8")
        self.tokens = kept[-1]["tokens"] if kept else 0
        self.seconds_before = kept[-1]["seconds"] if kept else 0.0
        self.started = time.monotonic()

    def append(self, step: int, epoch: float, loss: float, lr: float, tokens: int) -> dict[str, Any]:
        self.tokens += tokens
        entry = {"step": step, "epoch": round(epoch, 4), "loss": round(float(loss), 6), "lr": float(lr),
                 "tokens": self.tokens, "seconds": round(self.seconds_before + time.monotonic() - self.started, 3)}
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(entry) + "\n")
        return entry


def read_loss_log(output_dir: Path) -> list[dict[str, Any]]:
    path = Path(output_dir) / LOSS_LOG
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_json(path: Path, doc: Any) -> None:
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_run_files(output_dir: Path, config: dict[str, Any], digest: str, n_examples: int) -> None:
    output_dir.mkdir(parents=True, exist_ok=True)
    write_json(output_dir / "train_config.json", config)
    (output_dir / "data_hash.txt").write_text(f"{digest}  {n_examples} examples (sha256 of prompt/completion pairs)\n")


def plot_loss(output_dir: Path, title: str = "training loss") -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    log = read_loss_log(output_dir)
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot([e["step"] for e in log], [e["loss"] for e in log], lw=1.2)
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("completion-token cross-entropy")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    out = output_dir / "loss_curve.png"
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def finish_run(output_dir: Path, seconds: float, tokens: int, steps_run: int, extra: dict[str, Any]) -> RunSummary:
    """Check the adapter is there, write timings.json and loss_curve.png, summarise."""
    missing = missing_adapter_files(output_dir)
    if missing:
        raise ModelError(f"training finished but {missing} are missing from {output_dir}")
    log = read_loss_log(output_dir)
    timings = {"seconds": round(seconds, 2), "steps": steps_run,
               "seconds_per_step": round(seconds / steps_run, 3) if steps_run else None,
               "tokens": tokens, "tokens_per_s": round(tokens / seconds, 1) if seconds else 0.0,
               "total_steps": log[-1]["step"] if log else 0, **extra}
    write_json(output_dir / "timings.json", timings)
    plot_loss(output_dir)
    return RunSummary(str(output_dir), steps_run, log[0]["loss"] if log else None, log[-1]["loss"] if log else None,
                      seconds, tokens, timings["tokens_per_s"], extra)
