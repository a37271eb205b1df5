"""PEFT adapter -> GGUF LoRA: metadata, tensor names and shapes, scaling, Llama's q/k row order,
refusals, and llama.cpp applying it on top of the base exactly as PEFT does."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch
from test_export_support import adapter_effect_fit, build_tiny, hf_logits, llama_logits, prompt_ids, sample_prompts

from gguf_export.adapter import load_adapter
from gguf_export.base import BaseGGUF, hf_to_gguf, permute_rows
from gguf_export.lora_file import write_lora_gguf
from news_core.errors import ConfigError

LAYER_TENSORS = ("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down")


@pytest.fixture(scope="module", params=["gemma3", "llama"])
def tiny(request, tmp_path_factory):
    return build_tiny(tmp_path_factory.mktemp(request.param), request.param)


@pytest.fixture(scope="module")
def lora_file(tiny, tmp_path_factory):
    base = BaseGGUF(tiny.base)
    out = tmp_path_factory.mktemp("lora") / "adapter.gguf"
    return write_lora_gguf(load_adapter(tiny.adapter, base), base, out, "news-enhancer")


def peft_deltas(peft_model) -> dict[str, np.ndarray]:
    """HF module name -> the weight change PEFT applies (scale * B @ A), float64."""
    out = {}
    for name, module in peft_model.named_modules():
        if hasattr(module, "get_delta_weight") and "default" in getattr(module, "lora_A", {}):
            key = name.removeprefix("base_model.model.")
            out[key] = module.get_delta_weight("default").detach().double().numpy()
    return out


def test_lora_gguf_metadata_names_and_shapes(tiny, lora_file):
    from gguf import GGUFReader

    reader = GGUFReader(lora_file)
    field = lambda key: reader.fields[key].contents()  # noqa: E731
    assert field("general.type") == "adapter"
    assert field("general.architecture") == tiny.arch
    assert field("adapter.type") == "lora"
    assert field("adapter.lora.alpha") == pytest.approx(16.0)
    base = BaseGGUF(tiny.base)
    names = {t.name: t for t in reader.tensors}
    expected = {f"blk.{i}.{t}.weight.lora_{ab}" for i in range(2) for t in LAYER_TENSORS for ab in "ab"}
    assert set(names) == expected
    for i in range(2):
        for t in LAYER_TENSORS:
            base_shape = base.tensors[f"blk.{i}.{t}.weight"].shape.tolist()  # ggml order [in, out]
            a = names[f"blk.{i}.{t}.weight.lora_a"].shape.tolist()
            b = names[f"blk.{i}.{t}.weight.lora_b"].shape.tolist()
            assert a == [base_shape[0], 8] and b == [8, base_shape[1]], (t, a, b, base_shape)
            assert names[f"blk.{i}.{t}.weight.lora_a"].tensor_type.name == "F16"  # the default lora_dtype


def test_deltas_equal_peft_in_llama_cpp_layout(tiny):
    """scale * B @ A per tensor equals PEFT's delta, moved into llama.cpp's row order."""
    base = BaseGGUF(tiny.base)
    adapter = load_adapter(tiny.adapter, base)
    wanted = peft_deltas(tiny.peft)
    assert len(adapter.tensors) == len(wanted) == 14
    for module, delta in wanted.items():
        name = base.gguf_name(module)
        got = adapter.delta(next(t for t in adapter.tensors if t.name == name))
        expected = hf_to_gguf(tiny.arch, base.n_head, base.n_head_kv, name, delta)
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7, err_msg=module)


def test_rope_row_order(tiny):
    """Llama's q/k rows are reordered as convert_hf_to_gguf reorders the weights; Gemma 3's are not."""
    base = BaseGGUF(tiny.base)
    adapter = {t.name: t for t in load_adapter(tiny.adapter, base).tensors}
    attention = tiny.peft.base_model.model.model.layers[0].self_attn
    for proj, name, heads in (("q_proj", "attn_q", base.n_head), ("k_proj", "attn_k", base.n_head_kv),
                              ("v_proj", "attn_v", None)):
        raw = getattr(attention, proj).lora_B["default"].weight.detach().numpy()
        got = adapter[f"blk.0.{name}.weight"].b
        if tiny.arch == "llama" and heads:
            assert not np.allclose(got, raw)
            np.testing.assert_array_equal(got, permute_rows(raw, heads, heads))
        else:
            np.testing.assert_array_equal(got, raw)


@pytest.mark.parametrize("lora", [dict(use_rslora=True), dict(alpha_pattern={"q_proj": 64}, rank_pattern={"down_proj": 4})])
def test_rslora_and_patterns_fold_into_b(tmp_path, lora):
    """llama.cpp has one alpha per file; PEFT's per-module scales must survive the export."""
    tiny = build_tiny(tmp_path, "gemma3", **lora)
    base = BaseGGUF(tiny.base)
    adapter = load_adapter(tiny.adapter, base)
    for module, delta in peft_deltas(tiny.peft).items():
        got = adapter.delta(next(t for t in adapter.tensors if t.name == base.gguf_name(module)))
        np.testing.assert_allclose(got, delta, rtol=1e-5, atol=1e-7, err_msg=module)
    if lora.get("use_rslora"):
        assert adapter.alpha == pytest.approx(16 * math.sqrt(8))


def test_refuses_what_llama_cpp_cannot_hold(tiny, tmp_path):
    base = BaseGGUF(tiny.base)
    config = json.loads((tiny.adapter / "adapter_config.json").read_text())
    broken = tmp_path / "dora"
    broken.mkdir()
    (broken / "adapter_model.safetensors").write_bytes((tiny.adapter / "adapter_model.safetensors").read_bytes())
    (broken / "adapter_config.json").write_text(json.dumps({**config, "use_dora": True}))
    with pytest.raises(ConfigError, match="use_dora"):
        load_adapter(broken, base)

    from safetensors.torch import save_file

    embed = tmp_path / "embed"
    embed.mkdir()
    (embed / "adapter_config.json").write_text(json.dumps(config))
    save_file({"base_model.model.model.embed_tokens.lora_embedding_A": torch.zeros(8, 384)},
              str(embed / "adapter_model.safetensors"))
    with pytest.raises(ConfigError, match="embeddings"):
        load_adapter(embed, base)
    with pytest.raises(ConfigError, match="adapter_config.json"):
        load_adapter(tmp_path, base)


def test_wrong_base_is_reported_with_every_mismatch(tmp_path):
    small = build_tiny(tmp_path / "small", "gemma3")
    other = build_tiny(tmp_path / "other", "gemma3")
    from support import tiny

    wide = tiny.write_base_gguf(tiny.tiny_model("gemma3", hidden=512), "gemma3", tmp_path / "wide.gguf")
    with pytest.raises(ConfigError, match=r"(?s)does not fit base.*q_proj.*down_proj"):
        load_adapter(small.adapter, BaseGGUF(wide))
    assert load_adapter(other.adapter, BaseGGUF(small.base)).tensors  # same shapes: fine


def test_llama_cpp_applies_the_adapter_as_peft_does(tiny, lora_file):
    """Logits of base + LoRA GGUF in llama.cpp match the PEFT model; without it they do not."""
    prompts = sample_prompts(3)
    ids = prompt_ids(tiny.base, prompts)
    reference = [hf_logits(tiny.peft, i) for i in ids]
    with tiny.peft.disable_adapter():
        reference_base = [hf_logits(tiny.peft, i) for i in ids]
    adapted = llama_logits(tiny.base, ids, lora=lora_file)
    plain = llama_logits(tiny.base, ids)
    for ref, ref_base, got, got_base in zip(reference, reference_base, adapted, plain):
        assert np.abs(got - ref).max() < 1e-3 * max(1.0, np.abs(ref).max())
        assert np.abs(got_base - ref_base).max() < 1e-3 * max(1.0, np.abs(ref_base).max())
        assert np.abs(ref - ref_base).max() > 100 * np.abs(got - ref).max()  # the adapter matters
    slope, corr = adapter_effect_fit(reference_base, reference, plain, adapted)
    assert slope == pytest.approx(1.0, abs=0.01) and corr > 0.999


@pytest.mark.parametrize("key, expected", [
    ("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", ("model.layers.0.self_attn.q_proj", "A")),
    ("base_model.model.model.layers.3.mlp.down_proj.lora_B.default.weight", ("model.layers.3.mlp.down_proj", "B")),
    # Gemma 3 adapters trained on Gemma3ForConditionalGeneration (where llama.cpp's converter failed)
    ("base_model.model.model.language_model.layers.1.mlp.up_proj.lora_A.weight", ("model.layers.1.mlp.up_proj", "A")),
])
def test_module_names(key, expected):
    from gguf_export.adapter import module_name

    assert module_name(key) == expected


def test_a_gguf_lora_reads_back_into_the_same_deltas(tiny, lora_file):
    """read_lora_gguf (the server's merge_adapter reads the GGUF LoRA, not the PEFT folder): the
    same tensors, alpha and deltas as the adapter it was written from (f16 rounding aside)."""
    from gguf_export.lora_file import read_lora_gguf

    base = BaseGGUF(tiny.base)
    written, read = load_adapter(tiny.adapter, base), read_lora_gguf(lora_file, base)
    assert read.alpha == pytest.approx(written.alpha)
    assert sorted(t.name for t in read.tensors) == sorted(t.name for t in written.tensors)
    by_name = {t.name: t for t in read.tensors}
    for tensor in written.tensors:
        np.testing.assert_allclose(read.delta(by_name[tensor.name]), written.delta(tensor), atol=2e-3)


def test_a_file_that_is_no_lora_is_refused(tiny):
    from gguf_export.lora_file import read_lora_gguf

    with pytest.raises(ConfigError, match="not a GGUF LoRA adapter"):
        read_lora_gguf(tiny.base, BaseGGUF(tiny.base))
