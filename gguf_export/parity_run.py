"""`news-enhancer export parity`: export, then compare every format with the PEFT model."""

from __future__ import annotations

import gc
import json
import logging
from dataclasses import asdict
from pathlib import Path

from news_core.prompt import render_prompt

from .base import BaseGGUF, resolve_base_path
from .config import ExportConfig
from .export import Exported, export
from .merged import write_merged_f16
from .parity import (
    LORA_OVER_F16,
    Answer,
    Score,
    json_object,
    llama_answers,
    load_items,
    load_reference,
    reference_answers,
    score,
    stop_tokens,
    table,
)

log = logging.getLogger(__name__)


def run_parity(config: ExportConfig, exported: list[Exported] | None = None,
               reference: tuple | None = None) -> tuple[list[Score], dict]:
    """Scores per format, and the details (prompts, every answer) written to parity.json.

    `reference`: a (PEFT model, tokenizer) already in memory; by default it is loaded."""
    exported = exported if exported is not None else export(config)
    adapter_dir = Path(config.adapter).expanduser()
    base = BaseGGUF(resolve_base_path(config.base, adapter_dir))
    items = load_items(config.items, config.n_items)
    prompts = [render_prompt(item) for item in items]
    stops = stop_tokens(base.path)

    model, tokenizer = reference or load_reference(adapter_dir, base)
    expected = reference_answers(model, tokenizer, prompts, config.max_tokens, stops)
    del model, reference
    gc.collect()

    scores, answers = [], {}
    for fmt, model_path, lora in _runs(config, base, exported):
        answers[fmt] = llama_answers(model_path, lora, prompts, config.max_tokens,
                                     config.llama_threads, desc=fmt, reference=expected)
        scores.append(score(fmt, expected, answers[fmt]))
    details = {
        "items": [item.item_id() for item in items],
        "max_tokens": config.max_tokens,
        "scores": [asdict(s) for s in scores],
        "reference": [_answer(a) for a in expected],
        "formats": {fmt: [_answer(a) for a in got] for fmt, got in answers.items()},
    }
    return scores, details


def _runs(config: ExportConfig, base: BaseGGUF, exported: list[Exported]):
    """(format, model, lora) per row. With lora_over_f16, one more row: the same LoRA over an f16
    copy of the base (written once, kept in the output folder), which takes llama.cpp's quantized
    matmuls out of the comparison and so separates conversion errors from quantization noise."""
    for item in exported:
        yield (item.format, base.path, item.path) if item.format == "lora" else (item.format, item.path, None)
    lora = next((item.path for item in exported if item.format == "lora"), None)
    if lora is not None and config.lora_over_f16:
        f16_base = config.out_dir / f"{base.path.stem}-f16.gguf"
        if not f16_base.is_file():
            write_merged_f16(base, None, f16_base, base.path.stem)
        yield LORA_OVER_F16, f16_base, lora


def write_report(config: ExportConfig, scores: list[Score], details: dict) -> tuple[Path, Path]:
    out = config.out_dir
    out.mkdir(parents=True, exist_ok=True)
    json_path = out / "parity.json"
    json_path.write_text(json.dumps(details, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return json_path, plot(scores, out / "parity.png")


def plot(scores: list[Score], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = (("items identical", lambda s: s.identical_share), ("field agreement", lambda s: s.field_agreement),
               ("token agreement", lambda s: s.token_agreement),
               ("next-token, teacher-forced", lambda s: s.next_token_agreement))
    fig, ax = plt.subplots(figsize=(8, 3.8))
    width = 0.8 / len(metrics)
    for i, (label, get) in enumerate(metrics):
        xs = [j + (i - (len(metrics) - 1) / 2) * width for j in range(len(scores))]
        ax.bar(xs, [100 * get(s) for s in scores], width, label=label)
    for j, s in enumerate(scores):
        ax.hlines(100 * s.target, j - 0.45, j + 0.45, colors="black", linestyles="dashed", linewidth=1)
    ax.set_xticks(range(len(scores)), [s.format for s in scores])
    ax.set_ylim(0, 105)
    ax.set_ylabel("% agreement with the PEFT model")
    n = scores[0].items if scores else 0
    ax.set_title(f"GGUF exports vs the PEFT model, greedy, {n} items (dashed: target)", fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(metrics), fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def report_text(scores: list[Score], details: dict) -> str:
    valid = sum(json_object(a["text"]) is not None for a in details["reference"])
    return table(scores, reference_json=valid)


def _answer(answer: Answer) -> dict:
    return {"text": answer.text, "tokens": answer.tokens, "prompt_tokens": len(answer.prompt_tokens),
            "forced_agree": answer.forced_agree}
