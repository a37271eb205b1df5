"""The tinker trainer's loop, run against an in-process STAND-IN for the Tinker service.

The real service (Thinking Machines' hosted training API) cannot be reached from here, so
`StandInService` below implements the part of the client interface the trainer uses
(create_lora_training_client, forward_backward "cross_entropy", optim_step, save_state,
create_training_client_from_state_with_optimizer, save_weights_for_sampler,
save_weights_external, RestClient.get_external_weights_urls) by running real PEFT LoRA steps
on a tiny random Gemma 3. It checks the loop, the loss weighting, resume, the download and the
PEFT conversion; it says nothing about the service's own behaviour.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from test_finetune_support import examples, tiny_model, tiny_tokenizer

from finetune.artifacts import read_loss_log
from finetune.config import load_train_config
from finetune.data import IGNORE, encode_example
from finetune.trainers.tinker_trainer import batch_loss, lr_at, plan_steps, to_datums, train_tinker
from news_core.errors import ConfigError, ModelError

TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
STANDIN_ALPHA = 32


def tinker_types():
    """The real tinker.types when the package is installed, else minimal look-alikes."""
    try:
        import tinker
        return tinker.types
    except ImportError:
        class Array(list):
            def tolist(self):
                return list(self)

        class ModelInput(list):
            @classmethod
            def from_ints(cls, ints):
                return cls(ints)

            def to_ints(self):
                return list(self)

        def datum(model_input, loss_fn_inputs):
            return SimpleNamespace(model_input=model_input, loss_fn_inputs={k: Array(v) for k, v in loss_fn_inputs.items()})

        return SimpleNamespace(Datum=datum, ModelInput=ModelInput, AdamParams=lambda **kw: SimpleNamespace(**kw),
                               TensorData=SimpleNamespace(from_numpy=lambda a: Array(a.tolist())),
                               ForwardBackwardOutput=lambda **kw: SimpleNamespace(**kw))


class Done:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class StandInTrainingClient:
    def __init__(self, root: Path, types, rank: int, seed: int):
        from peft import LoraConfig, get_peft_model

        torch.manual_seed(seed)
        self.root, self.types = root, types
        self.model = get_peft_model(tiny_model(), LoraConfig(r=rank, lora_alpha=STANDIN_ALPHA, target_modules=TARGETS,
                                                             lora_dropout=0.0, task_type="CAUSAL_LM"))
        self.optimizer = torch.optim.AdamW([p for p in self.model.parameters() if p.requires_grad])

    def get_tokenizer(self):
        return tiny_tokenizer()

    def forward_backward(self, data, loss_fn):
        assert loss_fn == "cross_entropy"
        outputs = []
        for datum in data:
            ids = torch.tensor([datum.model_input.to_ints()])
            targets = torch.tensor(datum.loss_fn_inputs["target_tokens"].tolist())
            weights = torch.tensor(datum.loss_fn_inputs["weights"].tolist(), dtype=torch.float32)
            logprobs = self.model(input_ids=ids).logits[0].float().log_softmax(-1).gather(-1, targets[:, None])[:, 0]
            (-(logprobs * weights).sum()).backward()  # Tinker's cross_entropy: a weighted sum
            outputs.append({"logprobs": self.types.TensorData.from_numpy(logprobs.detach().numpy().astype(np.float32))})
        return Done(self.types.ForwardBackwardOutput(loss_fn_output_type="ArrayRecord", loss_fn_outputs=outputs, metrics={}))

    def optim_step(self, params):
        for group in self.optimizer.param_groups:
            group.update(lr=params.learning_rate, betas=(params.beta1, params.beta2), eps=params.eps,
                         weight_decay=params.weight_decay)
        if params.grad_clip_norm:
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), params.grad_clip_norm)
        self.optimizer.step()
        self.optimizer.zero_grad()
        return Done(SimpleNamespace())

    def save_state(self, name):
        folder = self.root / "states" / name
        self.model.save_pretrained(str(folder))
        torch.save(self.optimizer.state_dict(), folder / "optimizer.pt")
        return Done(SimpleNamespace(path=f"tinker://standin/weights/{name}"))

    def load_state(self, name):
        from peft import set_peft_model_state_dict
        from safetensors.torch import load_file

        folder = self.root / "states" / name
        set_peft_model_state_dict(self.model, load_file(str(folder / "adapter_model.safetensors")))
        self.optimizer.load_state_dict(torch.load(folder / "optimizer.pt"))

    def save_weights_for_sampler(self, name):
        return Done(SimpleNamespace(path=f"tinker://standin/sampler_weights/{name}"))

    def save_weights_external(self, name):
        self.model.save_pretrained(str(self.root / "external" / name))
        return Done(SimpleNamespace(path=f"tinker://standin/external_weights/{name}"))


class StandInService:
    def __init__(self, root: Path):
        self.root, self.types, self.created = root, tinker_types(), []

    def create_lora_training_client(self, base_model, rank, seed, train_mlp, train_attn, train_unembed):
        self.created.append(dict(base_model=base_model, rank=rank, train_mlp=train_mlp, train_attn=train_attn,
                                 train_unembed=train_unembed))
        return Done(StandInTrainingClient(self.root, self.types, rank, seed))

    def create_training_client_from_state_with_optimizer(self, path):
        client = StandInTrainingClient(self.root, self.types, rank=4, seed=0)
        client.load_state(path.rsplit("/", 1)[-1])
        return Done(client)

    def create_rest_client(self):
        root = self.root

        class Rest:
            def get_external_weights_urls(self, path):
                folder = root / "external" / path.rsplit("/", 1)[-1]
                return Done(SimpleNamespace(urls={p.name: p.as_uri() for p in folder.iterdir()}))

        return Rest()


def config(tmp_path, **overrides):
    values = dict(trainer="tinker", base_model="meta-llama/Llama-3.2-1B", output_dir=str(tmp_path / "run"),
                  lora_rank=4, learning_rate=3e-2, batch_size=2, epochs=6, warmup_ratio=0.0, seed=1)
    values.update(overrides)
    return load_train_config(None, values)


def run(cfg, tmp_path):
    service = StandInService(tmp_path / "service")
    summary = train_tinker(cfg, examples(), progress=False, service_client=service, types=service.types)
    return summary, service


@pytest.mark.slow
def test_loop_trains_downloads_and_writes_a_peft_adapter(tmp_path):
    summary, service = run(config(tmp_path), tmp_path)
    out = tmp_path / "run"
    assert service.created == [dict(base_model="meta-llama/Llama-3.2-1B", rank=4, train_mlp=True, train_attn=True,
                                    train_unembed=False)]
    for name in ["adapter_model.safetensors", "adapter_config.json", "train_config.json", "data_hash.txt",
                 "loss_log.jsonl", "loss_curve.png", "timings.json", "tinker_state.json"]:
        assert (out / name).is_file(), name
    log = read_loss_log(out)
    assert [e["step"] for e in log] == list(range(1, 19))
    assert log[-1]["loss"] < 0.7 * log[0]["loss"], (log[0]["loss"], log[-1]["loss"])
    adapter_config = json.loads((out / "adapter_config.json").read_text())
    assert adapter_config["base_model_name_or_path"] == "meta-llama/Llama-3.2-1B"
    assert adapter_config["r"] == 4 and adapter_config["lora_alpha"] == STANDIN_ALPHA
    assert sorted(adapter_config["target_modules"]) == sorted(TARGETS)
    state = json.loads((out / "tinker_state.json").read_text())
    assert state["sampler_path"] == "tinker://standin/sampler_weights/final" and state["step"] == 18
    assert summary.steps == 18 and summary.tokens > 0

    from peft import PeftModel

    model = PeftModel.from_pretrained(tiny_model(), str(out)).eval()
    ids = tiny_tokenizer()(examples()[0][0], return_tensors="pt")["input_ids"]
    assert model.generate(input_ids=ids, max_new_tokens=8, do_sample=False).shape[1] > ids.shape[1]


@pytest.mark.slow
def test_resume_continues_from_the_recorded_tinker_state(tmp_path):
    run(config(tmp_path, max_steps=4, save_steps=2), tmp_path)
    first = read_loss_log(tmp_path / "run")
    summary, _ = run(config(tmp_path, max_steps=6, save_steps=2, resume=True), tmp_path)
    log = read_loss_log(tmp_path / "run")
    assert [e["step"] for e in log] == [1, 2, 3, 4, 5, 6] and log[:4] == first
    assert summary.steps == 2


def test_data_path_masks_the_prompt_and_weights_completion_tokens():
    """Tinker datums: inputs ids[:-1], targets ids[1:], weight 0 on prompt targets, 1/N on completion."""
    tok, types = tiny_tokenizer(), tinker_types()
    encoded = [encode_example(tok, p, c) for p, c in examples()[:3]]
    datums = to_datums(types, encoded)
    n = sum(sum(1 for label in e.labels[1:] if label != IGNORE) for e in encoded)
    for e, d in zip(encoded, datums):
        prompt_len = len(tok(examples()[encoded.index(e)][0])["input_ids"])
        weights = d.loss_fn_inputs["weights"].tolist()
        assert d.model_input.to_ints() == e.input_ids[:-1]
        assert d.loss_fn_inputs["target_tokens"].tolist() == e.input_ids[1:]
        assert weights[: prompt_len - 1] == [0.0] * (prompt_len - 1)
        assert weights[prompt_len - 1:] == pytest.approx([1 / n] * (len(e.input_ids) - prompt_len))
        assert e.input_ids[-1] == tok.eos_token_id  # EOS is the last weighted target
    out = SimpleNamespace(loss_fn_outputs=[{"logprobs": np.full(len(d.model_input.to_ints()), -2.0)} for d in datums])
    assert batch_loss(out, datums) == pytest.approx(2.0)  # weighted sum == per-token mean


def test_schedule_matches_transformers_linear_warmup():
    cfg = load_train_config(None, dict(trainer="tinker", base_model="x/y", warmup_ratio=0.1, learning_rate=1e-3))
    assert lr_at(0, 20, cfg) == 0.0 and lr_at(1, 20, cfg) == pytest.approx(5e-4)
    assert lr_at(2, 20, cfg) == pytest.approx(1e-3) and lr_at(20, 20, cfg) == 0.0
    steps = plan_steps(load_train_config(None, dict(trainer="tinker", base_model="x/y", batch_size=4, epochs=2)),
                       [10] * 10)
    assert len(steps) == 6 and steps[-1][0] == pytest.approx(2.0)


def test_bundled_base_and_partial_targets_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="not one of them"):
        run(config(tmp_path, base_model="bundled"), tmp_path)
    with pytest.raises(ConfigError, match="not a subset"):
        run(config(tmp_path, target_modules=["q_proj", "v_proj"]), tmp_path)


@pytest.mark.slow
def test_missing_api_key_is_a_clear_cli_error(tmp_path):
    env = {k: v for k, v in __import__("os").environ.items() if k != "TINKER_API_KEY"}
    proc = subprocess.run([sys.executable, "-m", "news_core.cli", "train", "--trainer", "tinker",
                           "--base-model", "meta-llama/Llama-3.2-1B", "--output-dir", str(tmp_path / "r")],
                          capture_output=True, text=True, env=env, cwd=Path(__file__).resolve().parents[1])
    assert proc.returncode == 2
    assert "TINKER_API_KEY" in proc.stderr and "--trainer trl" in proc.stderr


def test_conversion_refuses_an_adapter_on_the_output_layer(tmp_path):
    from safetensors.torch import save_file

    from finetune.trainers.tinker_adapter import convert_to_peft

    src = tmp_path / "export"
    src.mkdir()
    save_file({"base_model.model.model.unembed_tokens.lora_A.weight": torch.zeros(2, 4)},
              str(src / "adapter_model.safetensors"))
    (src / "adapter_config.json").write_text(json.dumps({"r": 2, "lora_alpha": 32}))
    with pytest.raises(ModelError, match="embeddings/output layer"):
        convert_to_peft(src, tmp_path / "out", config(tmp_path))


def test_conversion_adds_the_peft_prefix(tmp_path):
    from safetensors import safe_open
    from safetensors.torch import save_file

    from finetune.trainers.tinker_adapter import convert_to_peft

    src = tmp_path / "export"
    src.mkdir()
    save_file({"model.layers.0.self_attn.q_proj.lora_A.weight": torch.zeros(2, 4),
               "model.layers.0.self_attn.q_proj.lora_B.weight": torch.zeros(4, 2)}, str(src / "adapter_model.safetensors"))
    (src / "adapter_config.json").write_text(json.dumps({"r": 2, "lora_alpha": 32}))
    convert_to_peft(src, tmp_path / "out", config(tmp_path))
    with safe_open(str(tmp_path / "out" / "adapter_model.safetensors"), "pt") as f:
        assert sorted(f.keys()) == ["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
                                    "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight"]
    assert json.loads((tmp_path / "out" / "adapter_config.json").read_text())["target_modules"] == ["q_proj"]
