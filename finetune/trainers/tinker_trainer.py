"""Trainer `tinker`: Thinking Machines' Tinker training API runs the steps on its GPUs.

The loop is ours: the same tokens and masks as the other trainers (finetune.data), one
`forward_backward(..., "cross_entropy")` + `optim_step(AdamParams)` per batch, the same LR
schedule as transformers' (warmup, then linear decay). Tinker's cross_entropy is a *sum* of
weight * -logprob, so completion tokens are weighted 1/N (N = completion tokens in the batch):
the loss and gradients are the per-token mean, as in the trl trainer. Checkpoints are Tinker
states (save_state) recorded in tinker_state.json, for --resume. At the end the weights are
saved for sampling and exported, downloaded, and written as the usual PEFT adapter.
"""

from __future__ import annotations

import json
import logging
import math
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from news_core.errors import ConfigError, ModelError

from ..artifacts import LossLog, RunSummary, finish_run, write_json, write_run_files
from ..config import TrainConfig
from ..data import IGNORE, Encoded, Example, data_hash, encode_all, length_grouped_batches
from .tinker_adapter import convert_to_peft

log = logging.getLogger(__name__)

STATE_FILE = "tinker_state.json"
ATTN, MLP = {"q_proj", "k_proj", "v_proj", "o_proj"}, {"gate_proj", "up_proj", "down_proj"}
NO_KEY = ("the tinker trainer needs a Tinker API key: export TINKER_API_KEY=... (from the Tinker console), "
          "or use --trainer trl to train on this machine")


def train_tinker(config: TrainConfig, examples: list[Example], api_key: str | None = None, progress: bool = True,
                 service_client=None, types=None) -> RunSummary:
    """`service_client`/`types` default to the real `tinker` package (tests pass a stand-in)."""
    train_mlp, train_attn = _lora_parts(config.target_modules)
    if config.base_model == "bundled":
        raise ConfigError("base_model: Tinker trains the models it hosts, and the bundled Gemma 3 270M is not "
                          "one of them; set --base-model to a Tinker model such as meta-llama/Llama-3.2-1B")
    if service_client is None:
        if not api_key:
            raise ConfigError(NO_KEY)
        tinker = _import_tinker()
        service_client, types = tinker.ServiceClient(api_key=api_key), tinker.types
    output_dir = Path(config.output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    resume_state = _resume_state(output_dir) if config.resume else None
    started = time.monotonic()
    if resume_state:
        client = service_client.create_training_client_from_state_with_optimizer(resume_state["path"]).result()
    else:
        client = service_client.create_lora_training_client(
            base_model=config.base_model, rank=config.lora_rank, seed=config.seed,
            train_mlp=train_mlp, train_attn=train_attn, train_unembed=False).result()
    tokenizer = client.get_tokenizer()
    encoded = encode_all(tokenizer, examples, config.max_seq_len, config.completion_only_loss)
    write_run_files(output_dir, {**config.to_dict(), "n_examples": len(examples),
                                 "tinker_note": "Tinker fixes its own LoRA alpha and has no dropout"},
                    data_hash(examples), len(examples))
    schedule = plan_steps(config, [len(e.input_ids) for e in encoded])
    first = resume_state["step"] if resume_state else 0
    loss_log = LossLog(output_dir, first)
    seconds, tokens = _loop(config, client, types, encoded, schedule, first, loss_log, output_dir, progress)
    sampler_path = client.save_weights_for_sampler("final").result().path
    _download_adapter(service_client, client, output_dir, config)
    write_json(output_dir / STATE_FILE, {**_read_state(output_dir), "sampler_path": sampler_path})
    return finish_run(output_dir, seconds, tokens, len(schedule) - first,
                      {"trainer": "tinker", "device": "tinker", "sampler_path": sampler_path,
                       "load_seconds": round(time.monotonic() - started - seconds, 2), "resumed_from_step": first})


def plan_steps(config: TrainConfig, lengths: list[int]) -> list[tuple[float, list[int]]]:
    """(epoch at the end of the step, example indices) for every optimizer step of the run."""
    per_step = config.batch_size * config.grad_accum
    steps: list[tuple[float, list[int]]] = []
    epochs = math.ceil(config.epochs)
    for epoch in range(epochs):
        batches = length_grouped_batches(lengths, per_step, seed=config.seed + epoch)
        if epoch == epochs - 1 and config.epochs != epochs:  # a fractional last epoch
            batches = batches[: math.ceil(len(batches) * (config.epochs - epoch))]
        steps += [(epoch + (i + 1) / len(batches), b) for i, b in enumerate(batches)]
    return steps[: config.max_steps] if config.max_steps else steps


def lr_at(step: int, total: int, config: TrainConfig) -> float:
    """transformers' schedules, 0-based step: linear warmup over ceil(ratio * total) steps."""
    warmup = math.ceil(total * config.warmup_ratio)
    if step < warmup:
        return config.learning_rate * step / max(1, warmup)
    progress = (step - warmup) / max(1, total - warmup)
    if config.lr_scheduler == "linear":
        return config.learning_rate * max(0.0, 1 - progress)
    if config.lr_scheduler == "cosine":
        return config.learning_rate * 0.5 * (1 + math.cos(math.pi * progress))
    return config.learning_rate


def to_datums(types, items: list[Encoded]) -> list[Any]:
    """Shifted inputs/targets; weight 1/N on completion targets so Tinker's sum is the mean."""
    n = sum(1 for e in items for label in e.labels[1:] if label != IGNORE)
    datums = []
    for e in items:
        weights = [1.0 / max(n, 1) if label != IGNORE else 0.0 for label in e.labels[1:]]
        datums.append(types.Datum(model_input=types.ModelInput.from_ints(e.input_ids[:-1]),
                                  loss_fn_inputs={"target_tokens": e.input_ids[1:], "weights": weights}))
    return datums


def batch_loss(output, datums) -> float:
    """Weighted NLL from the returned target logprobs (= the mean over completion tokens)."""
    total = 0.0
    for out, datum in zip(output.loss_fn_outputs, datums):
        logprobs = out["logprobs"].tolist()
        weights = datum.loss_fn_inputs["weights"].tolist()
        total -= sum(lp * w for lp, w in zip(logprobs, weights))
    return total


def _loop(config, client, types, encoded, schedule, first, loss_log, output_dir, progress) -> tuple[float, int]:
    from tqdm.auto import tqdm

    total, started, tokens = len(schedule), time.monotonic(), 0
    save_every = config.save_steps or max(1, math.ceil(len(encoded) / (config.batch_size * config.grad_accum)))
    bar = tqdm(total=total, initial=first, desc="train (tinker)", unit="step", disable=not progress)
    for step in range(first, total):
        epoch, indices = schedule[step]
        datums = to_datums(types, [encoded[i] for i in indices])
        lr = lr_at(step, total, config)
        fwd = client.forward_backward(datums, "cross_entropy")
        opt = client.optim_step(types.AdamParams(learning_rate=lr, beta1=0.9, beta2=0.999, eps=1e-8,
                                                 weight_decay=config.weight_decay, grad_clip_norm=1.0))
        loss = batch_loss(fwd.result(), datums)
        opt.result()
        step_tokens = sum(len(encoded[i].input_ids) for i in indices)
        tokens += step_tokens
        loss_log.append(step + 1, epoch, loss, lr, step_tokens)
        bar.update(1)
        bar.set_postfix(loss=f"{loss:.4f}", epoch=f"{epoch:.2f}")
        if (step + 1) % save_every == 0 or step + 1 == total:
            path = client.save_state(f"step-{step + 1}").result().path
            write_json(output_dir / STATE_FILE, {"step": step + 1, "path": path})
    bar.close()
    return time.monotonic() - started, tokens


def _download_adapter(service_client, client, output_dir: Path, config: TrainConfig) -> None:
    export = client.save_weights_external("final").result().path
    urls = service_client.create_rest_client().get_external_weights_urls(export).result().urls
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in urls.items():
            target = (Path(tmp) / name).resolve()
            if not target.is_relative_to(Path(tmp).resolve()):
                raise ModelError(f"Tinker export holds an unsafe file path {name!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            with urllib.request.urlopen(url, timeout=120) as response, target.open("wb") as out:
                while chunk := response.read(1 << 20):
                    out.write(chunk)
        convert_to_peft(Path(tmp), output_dir, config)


def _lora_parts(targets: list[str]) -> tuple[bool, bool]:
    chosen = set(targets)
    mlp, attn = chosen & MLP, chosen & ATTN
    if (mlp and mlp != MLP) or (attn and attn != ATTN):
        raise ConfigError("target_modules: Tinker trains all attention projections (q/k/v/o) and/or all MLP "
                          f"projections (gate/up/down), not a subset; got {sorted(chosen)}")
    return bool(mlp), bool(attn)


def _resume_state(output_dir: Path) -> dict[str, Any]:
    state = _read_state(output_dir)
    if "path" not in state:
        raise ConfigError(f"resume: no Tinker checkpoint recorded in {output_dir / STATE_FILE}; "
                          "run once without --resume")
    return state


def _read_state(output_dir: Path) -> dict[str, Any]:
    path = output_dir / STATE_FILE
    return json.loads(path.read_text()) if path.exists() else {}


def _import_tinker():
    try:
        import tinker
    except ImportError as exc:
        raise ConfigError("the tinker trainer needs the tinker package: pip install 'news-enhancer[tinker]'") from exc
    return tinker
