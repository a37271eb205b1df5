"""The export on the real bundled Gemma 3 270M (Q4_K_M) with a random non-zero adapter, rank 32
on every projection as the trainer makes it: tied embeddings, real tokenizer, real quantization."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from support import tiny
from test_export_support import adapter_effect_fit, hf_logits, llama_logits, sample_prompts

from gguf_export.base import BaseGGUF
from gguf_export.config import ExportConfig
from gguf_export.export import export
from gguf_export.merged import write_merged_f16
from gguf_export.parity import llama_answers, reference_answers, stop_tokens
from news_core.bundled import bundled_base_path

pytestmark = [pytest.mark.slow, pytest.mark.model, pytest.mark.timeout(2400)]  # the fixture exports 270M params 5 times
MAX_TOKENS = 16


@pytest.fixture(scope="module")
def gemma(tmp_path_factory):
    from news_core.base_model import load_base_model

    folder = tmp_path_factory.mktemp("gemma")
    model, tokenizer = load_base_model("bundled")
    peft = tiny.random_adapter(model, r=32, alpha=32, b_std=0.03)
    adapter = tiny.save_adapter(peft, folder / "adapter", base_name="bundled")
    config = ExportConfig(adapter=str(adapter), formats=["all"], out=str(folder / "out"), ollama=True)
    results = {r.format: r for r in export(config)}
    base = bundled_base_path()
    base_f16 = write_merged_f16(BaseGGUF(base), None, folder / "base-f16.gguf", "base")  # no adapter
    prompts = sample_prompts(2)
    stops = stop_tokens(base)
    reference = reference_answers(peft, tokenizer, prompts, MAX_TOKENS, stops)
    with peft.disable_adapter():
        reference_base = reference_answers(peft, tokenizer, prompts, MAX_TOKENS, stops)
    ids = [a.prompt_tokens for a in reference]
    logits = {"peft": [hf_logits(peft, i) for i in ids]}
    with peft.disable_adapter():
        logits["peft-base"] = [hf_logits(peft, i) for i in ids]
    # llama.cpp's runs, each made once for the module: several tests compare the same one (the Q4_K_M
    # base without the adapter is the baseline of every adapter-effect check)
    llama = functools.cache(lambda model, lora=None: llama_logits(model, ids, lora=lora))
    answers = functools.cache(lambda model, lora=None: llama_answers(model, lora, prompts, MAX_TOKENS))
    return dict(peft=peft, results=results, base=base, base_f16=base_f16, prompts=prompts, ids=ids, logits=logits,
                reference=reference, reference_base=reference_base, llama=llama, answers=answers)


def test_prompt_tokens_are_the_training_tokens(gemma):
    """llama.cpp tokenizes the prompt as training did: same ids, one BOS."""
    got = llama_answers(gemma["base"], None, gemma["prompts"], 1)
    for ref, ans in zip(gemma["reference"], got):
        assert ans.prompt_tokens == ref.prompt_tokens
        assert ans.prompt_tokens[0] == 2 and ans.prompt_tokens.count(2) == 1


def test_base_round_trip(gemma):
    """The dequantized base written as f16 computes what transformers computes on the same weights,
    and what the original Q4_K_M computes up to llama.cpp's quantized arithmetic."""
    f16 = gemma["llama"](gemma["base_f16"])
    q4 = gemma["llama"](gemma["base"])
    for ref, got, orig in zip(gemma["logits"]["peft-base"], f16, q4):
        assert np.abs(got - ref).max() < 0.1
        assert np.abs(orig - got).max() < 3.0
    answers = gemma["answers"](gemma["base_f16"])
    assert [a.tokens for a in answers] == [a.tokens for a in gemma["reference_base"]]


def test_adapter_changes_the_output(gemma):
    """The adapter changes the answers (PEFT, and the LoRA file in llama.cpp) and, over the shipped
    Q4_K_M base, the logits well beyond llama.cpp's rounding."""
    assert [a.tokens for a in gemma["reference"]] != [a.tokens for a in gemma["reference_base"]]
    lora = gemma["results"]["lora"].path
    with_lora = gemma["answers"](gemma["base_f16"], lora)
    without = gemma["answers"](gemma["base_f16"])
    assert [a.tokens for a in with_lora] != [a.tokens for a in without]
    on_q4 = gemma["llama"](gemma["base"], lora)
    plain_q4 = gemma["llama"](gemma["base"])
    assert all(np.abs(a - b).max() > 4.0 for a, b in zip(on_q4, plain_q4))


def test_lora_matches_peft(gemma):
    """Over the f16 base the LoRA file reproduces the PEFT answers token for token; over the
    shipped Q4_K_M base its effect has the PEFT effect's size and direction."""
    lora = gemma["results"]["lora"].path
    answers = gemma["answers"](gemma["base_f16"], lora)
    assert [a.tokens for a in answers] == [a.tokens for a in gemma["reference"]]
    on_q4 = gemma["llama"](gemma["base"], lora)
    plain_q4 = gemma["llama"](gemma["base"])
    slope, corr = adapter_effect_fit(gemma["logits"]["peft-base"], gemma["logits"]["peft"], plain_q4, on_q4)
    assert abs(slope - 1) < 0.15 and corr > 0.9, (slope, corr)


def test_merged_formats_load_and_match(gemma):
    results = gemma["results"]
    f16 = gemma["llama"](results["f16"].path)
    for ref, got in zip(gemma["logits"]["peft"], f16):
        assert np.abs(got - ref).max() < 0.1
    answers = gemma["answers"](results["f16"].path)
    assert [a.tokens for a in answers] == [a.tokens for a in gemma["reference"]]
    plain_q4 = gemma["llama"](gemma["base"])
    for fmt, max_error in (("q8_0", 2.5), ("q4_k_m", 8.0)):
        got = gemma["llama"](results[fmt].path)
        for g, r in zip(got, gemma["logits"]["peft"]):
            assert np.abs(g - r).max() < max_error and np.corrcoef(g, r)[0, 1] > 0.95, fmt
        slope, corr = adapter_effect_fit(gemma["logits"]["peft-base"], gemma["logits"]["peft"], plain_q4, got)
        assert abs(slope - 1) < 0.3 and corr > 0.75, (fmt, slope, corr)
    sizes = {fmt: r.bytes for fmt, r in results.items()}
    assert sizes["lora"] < sizes["q4_k_m"] < sizes["q8_0"] < sizes["f16"]
