"""The unsloth trainer: a clear message (before importing unsloth) where there is no GPU, and
its masking path (unsloth's train_on_responses_only with the renderer's markers) checked
against the project's masking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_finetune_support import examples, shipped_examples, tiny_tokenizer

from finetune.config import load_train_config
from finetune.data import encode_example, encode_prompt
from finetune.trainers import unsloth_trainer
from finetune.trainers.unsloth_trainer import (
    INSTRUCTION_PART,
    NO_GPU,
    NOT_INSTALLED,
    check_labels,
    marker_ids_end_prompt,
    train_unsloth,
)
from news_core.errors import ConfigError, ModelError

ROOT = Path(__file__).resolve().parents[1]


def test_no_gpu_fails_clearly_without_importing_unsloth(tmp_path, monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    config = load_train_config(None, {"trainer": "unsloth", "output_dir": str(tmp_path)})
    with pytest.raises(ConfigError) as err:
        train_unsloth(config, examples(), progress=False)
    assert str(err.value) == NO_GPU
    assert "NVIDIA GPU" in NO_GPU and "--trainer trl" in NO_GPU and "--trainer tinker" in NO_GPU
    assert "unsloth" not in sys.modules


def test_missing_unsloth_names_the_install_command(tmp_path, monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(unsloth_trainer.importlib.util, "find_spec", lambda name: None)
    config = load_train_config(None, {"trainer": "unsloth", "output_dir": str(tmp_path)})
    with pytest.raises(ConfigError, match=r"pip install 'news-enhancer\[gpu\]'"):
        train_unsloth(config, examples(), progress=False)
    assert NOT_INSTALLED.endswith("pip install 'news-enhancer[gpu]'")


@pytest.mark.skipif(__import__("torch").cuda.is_available(), reason="this machine has a GPU")
@pytest.mark.slow
def test_cli_prints_the_message_and_exits_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "news_core.cli", "train", "--trainer", "unsloth",
                           "--output-dir", str(tmp_path / "r"), "--data", str(tmp_path / "none.jsonl")],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2, proc.stderr
    assert "needs an NVIDIA GPU" in proc.stderr and "Traceback" not in proc.stderr


def test_response_marker_ends_every_shipped_prompt_with_the_bundled_tokenizer(bundled_hf_tokenizer):
    """train_on_responses_only masks through the first RESPONSE_PART: it must be the prompt's end."""
    tok = bundled_hf_tokenizer
    instruction = tok(INSTRUCTION_PART, add_special_tokens=False)["input_ids"]
    for prompt, _ in examples() + shipped_examples(limit=1000):
        ids = encode_prompt(tok, prompt)
        assert marker_ids_end_prompt(tok, ids), prompt[-80:]
        assert ids[1:1 + len(instruction)] == instruction


def test_check_labels_accepts_the_same_masking_and_refuses_another():
    tok = tiny_tokenizer()
    encoded = [encode_example(tok, p, c) for p, c in examples()]
    check_labels([e.labels for e in encoded], encoded)
    shifted = [list(e.labels) for e in encoded]
    shifted[2][-1] = -100  # EOS left out of the loss
    with pytest.raises(ModelError, match="differs from the project's"):
        check_labels(shifted, encoded)
