"""Training-throughput benchmark: naive full-logits loss vs the completion-only output layer.

    python -m finetune.bench [--steps 4] [--batch-size 4] [--threads N] [--base-model bundled]

Runs a few real LoRA training steps (forward, backward, AdamW) on the real base model and the
shipped training examples (or the project's own fallback examples), same batches for both
variants, and prints medians: seconds per step (wall and CPU), tokens/s. The first step of each
variant is a warm-up and is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=4, help="steps per variant, the first one a warm-up")
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--base-model", default="bundled")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    results = run_bench(args.steps, args.batch_size, args.threads, args.base_model)
    print(format_table(results))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2)
    return 0


def run_bench(steps: int, batch_size: int, threads: int | None, base_model: str) -> dict:
    import torch
    from peft import get_peft_model

    from news_core.base_model import load_base_model

    from .adapter import lora_config
    from .config import TrainConfig
    from .data import encode_all, length_grouped_batches, load_examples, pad_batch

    torch.set_num_threads(threads or os.cpu_count() or 1)
    config = TrainConfig(batch_size=batch_size)
    model, tokenizer = load_base_model(base_model)
    model = get_peft_model(model, lora_config(config))
    model.train()
    encoded = encode_all(tokenizer, load_examples(["default"]), config.max_seq_len)
    order = length_grouped_batches([len(e.input_ids) for e in encoded], batch_size, seed=config.seed)
    batches = [pad_batch([encoded[i] for i in b], tokenizer.pad_token_id) for b in order[:steps]]
    results = {"threads": torch.get_num_threads(), "batch_size": batch_size, "steps_counted": steps - 1,
               "load_average_before": round(os.getloadavg()[0], 2)}
    for name in ("naive", "completion_only"):
        results[name] = _time_variant(model, batches, name)
    # Other processes on the machine inflate wall time; CPU seconds are the steadier figure.
    results["load_average_after"] = round(os.getloadavg()[0], 2)
    results["speedup"] = round(results["naive"]["median_s_per_step"] / results["completion_only"]["median_s_per_step"], 2)
    return results


def _time_variant(model, batches, variant: str) -> dict:
    import torch

    from .loss import completion_loss, naive_loss

    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-6)
    wall, cpu, tokens = [], [], []
    for batch in batches:
        started, cpu_started = time.perf_counter(), time.process_time()
        if variant == "naive":
            loss = naive_loss(model, **batch)
        else:
            loss = completion_loss(model, batch["input_ids"], batch["attention_mask"], batch["labels"])[0]
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        tokens.append(int(batch["attention_mask"].sum()))
    wall, cpu, tokens = wall[1:], cpu[1:], tokens[1:]  # drop the warm-up step
    return {"median_s_per_step": round(statistics.median(wall), 2), "median_cpu_s_per_step": round(statistics.median(cpu), 2),
            "tokens_per_step": round(statistics.mean(tokens)), "tokens_per_s": round(sum(tokens) / sum(wall), 1)}


def format_table(r: dict) -> str:
    rows = [f"threads={r['threads']} batch={r['batch_size']} steps counted={r['steps_counted']} (medians); "
            f"1-min load average {r['load_average_before']} before, {r['load_average_after']} after",
            "| loss | s/step (wall) | CPU s/step | tokens/step | tokens/s |", "|---|---|---|---|---|"]
    for name in ("naive", "completion_only"):
        v = r[name]
        rows.append(f"| {name} | {v['median_s_per_step']} | {v['median_cpu_s_per_step']} | "
                    f"{v['tokens_per_step']} | {v['tokens_per_s']} |")
    rows.append(f"speedup (wall): {r['speedup']}x")
    return "\n".join(rows)


if __name__ == "__main__":
    raise SystemExit(main())
