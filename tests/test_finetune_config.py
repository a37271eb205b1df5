"""Training config: reference defaults, TOML + CLI overrides, every error named at once."""

from __future__ import annotations

import argparse
import dataclasses

import pytest

from finetune.cli import format_summary, register
from finetune.config import DEFAULT_CONFIG, PROJECTIONS, TrainConfig, load_train_config
from news_core.errors import ConfigError


def test_default_toml_is_the_reference_config():
    config = load_train_config(DEFAULT_CONFIG)
    assert config == TrainConfig()
    assert (config.lora_rank, config.lora_alpha, config.lora_dropout) == (32, 32, 0.0)
    assert config.precision == "auto" and config.share_prefix
    assert config.target_modules == list(PROJECTIONS)
    assert (config.learning_rate, config.batch_size, config.grad_accum, config.epochs) == (2e-4, 4, 1, 5)
    assert (config.warmup_ratio, config.lr_scheduler, config.weight_decay, config.seed) == (0.05, "linear", 0.01, 3407)
    assert config.max_seq_len == 2048 and config.completion_only_loss and config.base_model == "bundled"


def test_overrides_win_over_the_file_and_none_is_no_override(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('trainer = "tinker"\nbase_model = "x/y"\n[lora]\nrank = 8\n[optim]\nepochs = 2\n')
    config = load_train_config(path, {"epochs": 3.5, "lora_rank": None, "data": "extra.jsonl"})
    assert (config.trainer, config.lora_rank, config.epochs, config.data) == ("tinker", 8, 3.5, ["extra.jsonl"])


@pytest.mark.parametrize("targets", [["q_proj", "embed_tokens"], ["lm_head"], ["model.embed_tokens"]])
def test_embeddings_and_lm_head_are_refused(targets):
    with pytest.raises(ConfigError, match="tied to the output layer"):
        load_train_config(None, {"target_modules": targets})


def test_every_problem_is_reported_and_named():
    with pytest.raises(ConfigError) as err:
        load_train_config(None, {"lora_rank": 0, "learning_rate": 2.0, "trainer": "keras", "lr_scheduler": "step",
                                 "lora_dropout": 1.5, "max_steps": 0, "target_modules": ["qkv"]})
    message = str(err.value)
    for name in ("lora_rank", "learning_rate", "trainer", "lr_scheduler", "lora_dropout", "max_steps", "target_modules"):
        assert name in message, name


def test_unknown_settings_and_wrong_types_are_named(tmp_path):
    with pytest.raises(ConfigError, match="unknown training setting.*'lr'"):
        load_train_config(None, {"lr": 1e-4})
    with pytest.raises(ConfigError, match="batch_size must be int"):
        load_train_config(None, {"batch_size": "4"})
    with pytest.raises(ConfigError, match="resume must be bool"):
        load_train_config(None, {"resume": 1})
    with pytest.raises(ConfigError, match="epochs must be float"):
        load_train_config(None, {"epochs": True})


def test_missing_and_broken_files_are_clear(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_train_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("rank = = 3")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_train_config(bad)


def test_cli_flags_parse_into_overrides():
    parser = argparse.ArgumentParser()
    register(parser)
    args = parser.parse_args(["--trainer", "trl", "--epochs", "2", "--max-steps", "3", "--data", "a.jsonl",
                              "b.jsonl", "--output-dir", "out", "--base-model", "m", "--resume"])
    assert (args.trainer, args.epochs, args.max_steps, args.data, args.resume) == ("trl", 2.0, 3, ["a.jsonl", "b.jsonl"], True)


def test_summary_prints_loss_time_and_throughput():
    from finetune.artifacts import RunSummary

    text = format_summary(RunSummary("out", 10, 2.5, 0.4, 50.0, 10000, 200.0))
    assert "10 steps" in text and "5.00 s/step" in text and "200 tokens/s" in text and "2.5000 -> last 0.4000" in text


def test_config_round_trips_through_its_dict():
    config = TrainConfig(epochs=2.0, max_steps=7)
    assert load_train_config(None, dataclasses.asdict(config)) == config
