"""The trl trainer end to end on a tiny random Gemma 3: loss falls, every run file is written,
the adapter reloads and generates, and --resume continues from the last checkpoint."""

from __future__ import annotations

import json

import pytest
from conftest import WORKER_THREADS
from test_finetune_support import examples, load_adapter, tiny_model, tiny_tokenizer

from finetune.artifacts import read_loss_log
from finetune.config import load_train_config
from news_core.errors import ConfigError

RUN_FILES = ["adapter_model.safetensors", "adapter_config.json", "train_config.json", "data_hash.txt",
             "loss_log.jsonl", "loss_curve.png", "timings.json"]


def tiny_config(tmp_path, **overrides):
    values = dict(trainer="trl", base_model="tiny-test-model", output_dir=str(tmp_path / "run"), lora_rank=8,
                  lora_alpha=16, lora_dropout=0.0, learning_rate=3e-2, batch_size=2, epochs=8, warmup_ratio=0.0,
                  threads=WORKER_THREADS, seed=1)
    values.update(overrides)
    return load_train_config(None, values)


def train(config):
    from finetune.trainers.trl_trainer import train_trl

    return train_trl(config, examples(), progress=False, model=tiny_model(), tokenizer=tiny_tokenizer())


@pytest.mark.slow
def test_trains_writes_every_file_and_reloads(tmp_path):
    config = tiny_config(tmp_path)
    summary = train(config)
    out = tmp_path / "run"
    for name in RUN_FILES:
        assert (out / name).is_file(), name
    log = read_loss_log(out)
    assert [e["step"] for e in log] == list(range(1, 25))  # 6 examples / batch 2 * 8 epochs
    assert log[-1]["loss"] < 0.7 * log[0]["loss"], (log[0]["loss"], log[-1]["loss"])
    assert summary.steps == 24 and summary.tokens > 0 and summary.tokens_per_s > 0
    assert log[-1]["tokens"] == summary.tokens
    adapter_config = json.loads((out / "adapter_config.json").read_text())
    assert adapter_config["base_model_name_or_path"] == "tiny-test-model"
    assert sorted(adapter_config["target_modules"]) == sorted(config.target_modules)
    assert adapter_config["r"] == 8 and adapter_config["lora_alpha"] == 16
    _assert_no_embedding_weights(out)
    timings = json.loads((out / "timings.json").read_text())
    assert timings["steps"] == 24 and timings["tokens_per_s"] > 0
    from finetune.trainers.trl_trainer import uses_bf16

    assert timings["precision"] == ("bf16" if uses_bf16("auto") else "fp32") and timings["share_prefix"]
    resolved = json.loads((out / "train_config.json").read_text())
    assert resolved["lora_rank"] == 8 and resolved["n_examples"] == 6

    model, tok = load_adapter(out, tiny_model(), tiny_tokenizer())
    prompt, completion = examples()[0]
    ids = tok(prompt, return_tensors="pt")["input_ids"]
    generated = model.generate(input_ids=ids, max_new_tokens=12, do_sample=False)
    assert generated.shape[1] > ids.shape[1]
    # The trained adapter makes the training completion more likely than the untrained base does.
    assert _completion_nll(model, tok, prompt, completion) < _completion_nll(tiny_model(), tok, prompt, completion)


@pytest.mark.slow
def test_resume_continues_from_the_last_checkpoint(tmp_path):
    train(tiny_config(tmp_path, max_steps=4, save_steps=2))
    out = tmp_path / "run"
    assert (out / "checkpoint-4").is_dir()
    first = read_loss_log(out)
    summary = train(tiny_config(tmp_path, max_steps=6, save_steps=2, resume=True))
    log = read_loss_log(out)
    assert [e["step"] for e in log] == [1, 2, 3, 4, 5, 6]
    assert log[:4] == first  # the first run's lines are kept, the new ones appended
    assert summary.steps == 2 and summary.extra["resumed_from_step"] == 4


def test_resume_without_checkpoint_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="no checkpoint"):
        train(tiny_config(tmp_path, resume=True))


def _assert_no_embedding_weights(out):
    import torch
    from safetensors import safe_open

    with safe_open(str(out / "adapter_model.safetensors"), "pt") as f:
        keys = list(f.keys())
        dtypes = {f.get_tensor(k).dtype for k in keys}
    assert keys and all("lora_A" in k or "lora_B" in k for k in keys), keys[:5]
    assert dtypes == {torch.float32}, dtypes  # LoRA weights stay float32 when the base trains in bf16
    assert not any("embed_tokens" in k or "lm_head" in k for k in keys)


def _completion_nll(model, tok, prompt, completion) -> float:
    import torch

    from finetune.data import encode_example, pad_batch
    from finetune.loss import completion_loss

    batch = pad_batch([encode_example(tok, prompt, completion)], tok.pad_token_id)
    with torch.no_grad():
        return float(completion_loss(model, batch["input_ids"], batch["attention_mask"], batch["labels"])[0])


@pytest.mark.slow
def test_cli_trains_from_a_local_base_folder_and_record_file(tmp_path, capsys):
    """`news-enhancer train` end to end: local base folder, JSONL records, summary printed."""
    from test_finetune_support import ITEMS

    from news_core.cli import main

    base = tmp_path / "base"
    tiny_model().save_pretrained(base)
    tiny_tokenizer().save_pretrained(base)
    records = tmp_path / "records.jsonl"
    lines = []
    for n, (item, meta) in enumerate(ITEMS):
        lines.append(json.dumps({"id": f"item-{n}", "title": item["title"], "content": item["content"],
                                 "source": item.get("source", ""), "published": item.get("published", ""),
                                 "url": item.get("url", ""), "sponsored": item["title"].endswith("(Sponsor)"),
                                 "annotation": meta}))
    records.write_text("\n".join(lines) + "\n")
    out = tmp_path / "cli-run"
    code = main(["train", "--base-model", str(base), "--data", str(records), "--output-dir", str(out),
                 "--max-steps", "3", "--batch-size", "2", "--threads", str(WORKER_THREADS), "--no-progress"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "trained 3 steps" in printed and "tokens/s" in printed and "loss: first" in printed
    assert json.loads((out / "adapter_config.json").read_text())["base_model_name_or_path"] == str(base)
    assert len(read_loss_log(out)) == 3
    vocabulary = json.loads((out / "vocabulary.json").read_text())  # the answers' tags, for insight_vocabulary
    assert set(vocabulary["insights"]) == {i for _, meta in ITEMS for i in meta["key_insights"]}


def test_trl_keeps_the_project_masking(tmp_path):
    """TRL's dataset preparation must leave our labels as they are (prompt -100, completion ids)."""
    from finetune.data import encode_all
    from finetune.trainers.trl_trainer import _build_trainer

    tok = tiny_tokenizer()
    encoded = encode_all(tok, examples(), 2048)
    trainer = _build_trainer(tiny_config(tmp_path), tiny_model(), tok, encoded)
    assert trainer.train_dataset["input_ids"] == [e.input_ids for e in encoded]
    assert trainer.train_dataset["labels"] == [e.labels for e in encoded]
    batch = next(iter(trainer.get_train_dataloader()))
    lengths = batch["attention_mask"].sum(dim=1).tolist()
    assert batch["input_ids"].shape[1] == max(lengths)  # padded only to the longest in the batch
    assert (batch["labels"][batch["attention_mask"] == 0] == -100).all()


def test_precision_setting_decides_bf16():
    """auto = bf16 only where the hardware computes it natively; the explicit values always win."""
    import torch

    from finetune.trainers.trl_trainer import uses_bf16

    assert uses_bf16("bf16") and not uses_bf16("fp32")
    native = torch.cuda.is_bf16_supported() if torch.cuda.is_available() else torch.ops.mkldnn._is_mkldnn_bf16_supported()
    assert uses_bf16("auto") == bool(native)


@pytest.mark.slow
def test_init_adapter_starts_from_another_runs_lora_weights(tmp_path):
    from safetensors.torch import load_file

    train(tiny_config(tmp_path, max_steps=6))
    first = load_file(tmp_path / "run" / "adapter_model.safetensors")
    again = tiny_config(tmp_path, output_dir=str(tmp_path / "again"), init_adapter=str(tmp_path / "run"), max_steps=1,
                        learning_rate=1e-9)
    train(again)
    second = load_file(tmp_path / "again" / "adapter_model.safetensors")
    assert first.keys() == second.keys()
    assert all((first[k].float() - second[k].float()).abs().max() < 1e-4 for k in first)  # one tiny step from there
    with pytest.raises(ConfigError, match="does not fit this LoRA"):
        train(tiny_config(tmp_path, output_dir=str(tmp_path / "r4"), init_adapter=str(tmp_path / "run"), lora_rank=4,
                          max_steps=1))
    with pytest.raises(ConfigError, match="holds no adapter_model"):
        tiny_config(tmp_path, init_adapter=str(tmp_path / "nowhere"))
