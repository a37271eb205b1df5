"""The code paths that only run on an NVIDIA GPU: the trl trainer on CUDA (bf16), the peft backend
on CUDA (bf16, llguidance masks, batched decoding) and the unsloth trainer. The GPU tests skip where
torch sees no CUDA GPU (CI); benchmarks/gpu_check.sh runs them on a GPU machine. One test (bf16
autocast around the completion loss) runs everywhere: CPU autocast shows the same bug.

Each trains or serves a tiny random Gemma 3 with a tokenizer trained in-process (the helpers of
test_finetune_support / test_backend_peft): seconds on a GPU, no download. Lines starting with
"GPU-CHECK" are the figures worth reading (pytest -s shows them).
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

gpu = pytest.mark.skipif(not torch.cuda.is_available(),
                         reason="needs an NVIDIA GPU: torch.cuda.is_available() is False on this machine")

ROOT = Path(__file__).resolve().parents[1]
ADAPTER_FILES = ("adapter_model.safetensors", "adapter_config.json")


def report(what: str, **figures) -> None:
    print(f"GPU-CHECK {what}: " + ", ".join(f"{k}={v}" for k, v in figures.items()), flush=True)


def train_config(tmp_path, trainer: str, **overrides):
    from finetune.config import load_train_config

    values = dict(trainer=trainer, base_model="tiny-test-model", output_dir=str(tmp_path / "run"), lora_rank=8,
                  lora_alpha=16, lora_dropout=0.0, learning_rate=3e-2, batch_size=2, epochs=4, warmup_ratio=0.0,
                  seed=1)
    values.update(overrides)
    return load_train_config(None, values)


def check_run_folder(out: Path, steps: int) -> list[float]:
    from finetune.artifacts import read_loss_log

    for name in (*ADAPTER_FILES, "loss_log.jsonl", "timings.json", "loss_curve.png"):
        assert (out / name).is_file(), name
    losses = [entry["loss"] for entry in read_loss_log(out)]
    assert len(losses) == steps and all(math.isfinite(x) for x in losses), losses
    return losses


def record_dtypes(model) -> list:
    """The output dtypes of the first decoder layer's MLP, one per forward pass."""
    seen = []
    model.model.layers[0].mlp.register_forward_hook(lambda module, args, output: seen.append(output.dtype))
    return seen


@pytest.mark.slow  # a few seconds of CPU: out of make test-fast
def test_completion_loss_runs_under_the_trainers_bf16_autocast(tmp_path):
    """Runs on CPU too (CPU autocast): the completion loss calls the backbone directly, outside the
    autocast accelerate wraps around model.forward, so the trainer must enter it itself."""
    from datasets import Dataset
    from test_finetune_support import examples, tiny_model, tiny_tokenizer
    from trl import SFTConfig

    from finetune.adapter import lora_config
    from finetune.data import encode_all
    from finetune.trainers.trl_trainer import CompletionOnlySFTTrainer

    tok, model = tiny_tokenizer(), tiny_model()
    encoded = encode_all(tok, examples()[:2], 2048)
    seen = record_dtypes(model)
    args = SFTConfig(output_dir=str(tmp_path), per_device_train_batch_size=2, max_steps=1, bf16=True,
                     use_cpu=not torch.cuda.is_available(), report_to="none", save_strategy="no", disable_tqdm=True)
    data = Dataset.from_dict({"input_ids": [e.input_ids for e in encoded], "labels": [e.labels for e in encoded]})
    CompletionOnlySFTTrainer(model=model, args=args, train_dataset=data, processing_class=tok,
                             peft_config=lora_config(train_config(tmp_path, "trl"))).train()
    assert seen and set(seen) == {torch.bfloat16}, seen


@gpu
def test_trl_trainer_trains_on_cuda_in_bf16(tmp_path):
    from test_finetune_support import examples, load_adapter, tiny_model, tiny_tokenizer

    from finetune.trainers.trl_trainer import train_trl

    model = tiny_model()
    seen = record_dtypes(model)
    summary = train_trl(train_config(tmp_path, "trl"), examples(), progress=False, model=model,
                        tokenizer=tiny_tokenizer())
    losses = check_run_folder(tmp_path / "run", 12)  # 6 examples / batch 2 * 4 epochs
    assert summary.extra["device"].startswith("cuda"), summary.extra
    assert next(model.parameters()).device.type == "cuda"
    assert losses[-1] < 0.8 * losses[0], losses
    assert set(seen) == {torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float32}, set(seen)
    report("trl", steps=summary.steps, seconds=round(summary.seconds, 2), s_per_step=round(summary.seconds / 12, 3),
           tokens_per_s=summary.tokens_per_s, first_loss=round(losses[0], 4), last_loss=round(losses[-1], 4),
           bf16=torch.cuda.is_bf16_supported(), gpu=torch.cuda.get_device_name())

    reloaded, tok = load_adapter(tmp_path / "run", tiny_model().cuda(), tiny_tokenizer())
    ids = tok(examples()[0][0], return_tensors="pt")["input_ids"].cuda()
    assert reloaded.generate(input_ids=ids, max_new_tokens=8, do_sample=False).shape[1] > ids.shape[1]


@gpu
def test_peft_backend_on_cuda_is_contract_valid_single_and_batched(tmp_path):
    pytest.importorskip("llguidance")
    from test_backend_peft import PROMPTS, build_tiny_base, write_adapter

    from mcp_server.backends import load_backend
    from mcp_server.config import ServerConfig
    from news_core.contract import schema_errors

    base = build_tiny_base(tmp_path / "base")
    adapter = write_adapter(base, tmp_path / "adapter", str(base))
    backend = load_backend(ServerConfig(backend="peft", adapter=str(adapter), device="cuda", max_tokens=1500,
                                        n_ctx=4096))
    try:
        assert backend.model.device.type == "cuda"
        assert backend.model.dtype == (torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float32)
        started = time.perf_counter()
        single = backend.generate(PROMPTS[0])
        single_s = time.perf_counter() - started
        started = time.perf_counter()
        batch = backend.generate_many(PROMPTS[:4])
        batch_s = time.perf_counter() - started
        for gen in [single, *batch]:
            assert not isinstance(gen, Exception), gen
            assert schema_errors(gen.metadata.model_dump()) == []
            assert gen.text.startswith('{"summary": ') and gen.completion_tokens > 10
        assert all(g.stats["batch_size"] == 4 for g in batch)
        assert batch[0].prompt_tokens == single.prompt_tokens
        tokens = sum(g.completion_tokens for g in batch)
        report("peft", single_tokens=single.completion_tokens, single_s=round(single_s, 2),
               batch_tokens=tokens, batch_s=round(batch_s, 2), batch_tokens_per_s=round(tokens / batch_s),
               batch_equals_single=batch[0].text == single.text)
    finally:
        backend.close()


@gpu
def test_unsloth_trainer_trains_through_the_cli(tmp_path):
    """`news-enhancer train --trainer unsloth` in a fresh process (unsloth must be imported before
    transformers), then the adapter reloads with plain PEFT on CUDA, as export and serving do."""
    if importlib.util.find_spec("unsloth") is None:
        pytest.skip("unsloth is not installed: pip install 'news-enhancer[gpu]'")
    from test_finetune_support import ITEMS, examples, load_adapter, tiny_model, tiny_tokenizer

    base = tmp_path / "base"
    tiny_model().save_pretrained(base)
    tiny_tokenizer().save_pretrained(base)
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps({
        "id": f"item-{n}", "title": item["title"], "content": item["content"], "source": item.get("source", ""),
        "published": item.get("published", ""), "url": item.get("url", ""),
        "sponsored": item["title"].endswith("(Sponsor)"), "annotation": meta}) + "\n" for n, (item, meta) in enumerate(ITEMS)))
    out = tmp_path / "run"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "HF_HUB_OFFLINE": "1", "UNSLOTH_DISABLE_STATISTICS": "1"}
    proc = subprocess.run([sys.executable, "-m", "news_core.cli", "train", "--trainer", "unsloth", "--base-model",
                           str(base), "--data", str(records), "--output-dir", str(out), "--max-steps", "8",
                           "--batch-size", "2", "--learning-rate", "3e-2", "--no-progress"],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=420)
    assert proc.returncode == 0, proc.stderr[-4000:]
    for line in (proc.stdout + proc.stderr).splitlines():
        if line.startswith(("Unsloth", "trained ", "loss: ")):
            print(f"GPU-CHECK unsloth cli | {line.strip()[:200]}")
    assert "trained 8 steps" in proc.stdout, proc.stdout
    losses = check_run_folder(out, 8)
    timings = json.loads((out / "timings.json").read_text())
    assert timings["trainer"] == "unsloth"
    assert json.loads((out / "adapter_config.json").read_text())["base_model_name_or_path"] == str(base)
    report("unsloth", steps=timings["steps"], seconds=timings["seconds"], s_per_step=timings["seconds_per_step"],
           load_seconds=timings["load_seconds"], first_loss=round(losses[0], 4), last_loss=round(losses[-1], 4))

    reloaded, tok = load_adapter(out, tiny_model().cuda(), tiny_tokenizer())
    ids = tok(examples()[0][0], return_tensors="pt")["input_ids"].cuda()
    assert reloaded.generate(input_ids=ids, max_new_tokens=8, do_sample=False).shape[1] > ids.shape[1]
