"""Training-throughput benchmark: what each CPU lever does to a real LoRA training step.

    python -m finetune.bench [--steps 8] [--batch-size 4] [--threads N] [--variants a,b,...] [--json F]

Runs real training steps (forward, backward, AdamW) of LoRA on the bundled Gemma 3 270M over
the shipped training examples. Each variant adds one lever to the one before it:

    naive          fp32, full logits at every position, LoRA dropout 0.05 (not run by default: slow)
    completion     fp32, the output layer only at completion positions (finetune.loss)
    bf16           + frozen base weights in bf16 and bf16 autocast (LoRA and AdamW stay fp32)
    shared_prefix  + the instruction prefix run once per batch (finetune.loss, share_prefix)
    dropout0       + LoRA dropout 0 (PEFT's dropout masks cost about an eighth of a bf16 step)

Every variant gets the same batches, and the variants take turns on each batch, so a slowdown
of the shared machine hits all of them alike; speedups are medians of per-batch ratios. The
first batch is a warm-up and is not counted.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import time

VARIANTS = ("naive", "completion", "bf16", "shared_prefix", "dropout0")
DEFAULT_VARIANTS = VARIANTS[1:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=8, help="batches per variant, the first one a warm-up")
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--variants", default=",".join(DEFAULT_VARIANTS), help=f"from {', '.join(VARIANTS)}")
    parser.add_argument("--base-model", default="bundled")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown or args.steps < 2:
        parser.error(f"unknown variants {unknown}" if unknown else "--steps must be at least 2")
    results = run_bench(variants, args.steps, args.batch_size, args.threads, args.base_model)
    print(format_table(results))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2)
    return 0


def lever_settings(variant: str) -> dict:
    """The levers a variant has on (each variant adds one to the one before it)."""
    rank = VARIANTS.index(variant)
    return {"completion_only_output": rank >= 1, "bf16": rank >= 2, "share_prefix": rank >= 3,
            "lora_dropout": 0.0 if rank >= 4 else 0.05}


def run_bench(variants: list[str], steps: int, batch_size: int, threads: int | None, base_model: str) -> dict:
    import torch

    from .config import TrainConfig
    from .data import encode_all, length_grouped_batches, load_examples, pad_batch

    torch.set_num_threads(threads or os.cpu_count() or 1)
    config = TrainConfig(batch_size=batch_size)
    runners = {v: _Runner(base_model, config, lever_settings(v)) for v in variants}
    tokenizer = next(iter(runners.values())).tokenizer
    encoded = encode_all(tokenizer, load_examples(["default"]), config.max_seq_len)
    order = length_grouped_batches([len(e.input_ids) for e in encoded], batch_size, seed=config.seed)
    batches = [pad_batch([encoded[i] for i in b], tokenizer.pad_token_id) for b in order[:steps]]
    load_before = os.getloadavg()[0]
    wall: dict[str, list[float]] = {v: [] for v in variants}
    for batch in batches:
        for v in variants:  # take turns: drift of the machine's speed hits every variant alike
            wall[v].append(runners[v].step(batch))
    tokens = [int(b["attention_mask"].sum()) for b in batches[1:]]
    results = {"threads": torch.get_num_threads(), "batch_size": batch_size, "steps_counted": steps - 1,
               "tokens_per_step": round(statistics.mean(tokens)), "load_average_before": round(load_before, 2),
               "load_average_after": round(os.getloadavg()[0], 2), "variants": {}}
    first, previous = variants[0], variants[0]
    for v in variants:
        counted = wall[v][1:]  # drop the warm-up step
        results["variants"][v] = {**lever_settings(v), "median_s_per_step": round(statistics.median(counted), 2),
                                  "tokens_per_s": round(sum(tokens) / sum(counted), 1),
                                  "speedup_vs_previous": _paired_speedup(wall[previous][1:], counted),
                                  "speedup_vs_first": _paired_speedup(wall[first][1:], counted)}
        previous = v
    return results


class _Runner:
    """One model with one set of levers, and its optimizer."""

    def __init__(self, base_model: str, config, levers: dict):
        import torch
        from peft import get_peft_model

        from news_core.base_model import load_base_model

        from .adapter import lora_config

        model, self.tokenizer = load_base_model(base_model)
        if levers["bf16"]:
            model = model.to(torch.bfloat16)  # PEFT then creates the LoRA weights in float32
        lora = lora_config(dataclasses.replace(config, lora_dropout=levers["lora_dropout"]))
        self.model = get_peft_model(model, lora)
        self.model.train()
        self.levers = levers
        self.optimizer = torch.optim.AdamW([p for p in self.model.parameters() if p.requires_grad], lr=1e-6)

    def step(self, batch) -> float:
        import contextlib

        import torch

        from .loss import completion_loss, naive_loss

        started = time.perf_counter()
        autocast = torch.autocast("cpu", dtype=torch.bfloat16) if self.levers["bf16"] else contextlib.nullcontext()
        with autocast:
            if self.levers["completion_only_output"]:
                loss = completion_loss(self.model, batch["input_ids"], batch["attention_mask"], batch["labels"],
                                       share_prefix=self.levers["share_prefix"])[0]
            else:
                loss = naive_loss(self.model, **batch)
        loss.backward()
        self.optimizer.step()
        self.optimizer.zero_grad()
        return time.perf_counter() - started


def _paired_speedup(before: list[float], after: list[float]) -> float:
    return round(statistics.median(b / a for b, a in zip(before, after)), 2)


def format_table(r: dict) -> str:
    rows = [f"threads={r['threads']} batch={r['batch_size']} steps counted={r['steps_counted']} "
            f"({r['tokens_per_step']} tokens/step); 1-min load average {r['load_average_before']} before, "
            f"{r['load_average_after']} after; speedups are medians of per-batch ratios",
            "| variant (adds one lever) | s/step (median) | tokens/s | speedup vs row above | vs first row |",
            "|---|---|---|---|---|"]
    for name, v in r["variants"].items():
        rows.append(f"| {name} | {v['median_s_per_step']} | {v['tokens_per_s']} | "
                    f"{v['speedup_vs_previous']}x | {v['speedup_vs_first']}x |")
    return "\n".join(rows)


if __name__ == "__main__":
    raise SystemExit(main())
