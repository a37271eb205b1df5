"""`news-enhancer export` on tiny Gemma 3 and Llama models: every format is written, loads in
llama-cpp-python and computes what the PEFT model computes (within its rounding); the merged
files carry the base's tokenizer and the project's prompt format; Modelfiles; the CLI."""

from __future__ import annotations

import numpy as np
import pytest
from test_export_support import adapter_effect_fit, build_tiny, hf_logits, llama_logits, prompt_ids, sample_prompts

from gguf_export.base import BaseGGUF
from gguf_export.config import FORMATS, ExportConfig, load_export_config
from gguf_export.export import MANIFEST, export
from gguf_export.prompt_format import CHAT_TEMPLATE
from news_core.errors import ConfigError
from news_core.vocabulary import Vocabulary

# Largest logit error allowed, relative to the largest reference logit, per format.
TOLERANCE = {"lora": 1e-3, "f16": 2e-2, "q8_0": 5e-2}


# Tests on `exported` are slow: building and exporting the two tiny models takes about 11 s here.
@pytest.fixture(scope="module", params=["gemma3", "llama"])
def exported(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"export-{request.param}")
    tiny = build_tiny(folder, request.param, tied=request.param == "llama")  # Llama 3.2 ties its embeddings
    config = ExportConfig(adapter=str(tiny.adapter), base=str(tiny.base), formats=["all"], out=str(folder / "out"),
                          ollama=True)
    Vocabulary({"Model release": 2}, {"OpenAI": 1}).save(tiny.adapter)  # as training writes it
    return tiny, config, {r.format: r for r in export(config)}


def test_the_training_vocabulary_travels_beside_the_exported_model(exported):
    _, config, _ = exported
    assert Vocabulary.load(config.out_dir / "vocabulary.json").insights == {"Model release": 2}


@pytest.fixture(scope="module")
def logits(exported):
    """Reference (PEFT, adapter on and off) and llama.cpp logits of every format on 3 prompts."""
    tiny, config, results = exported
    ids = prompt_ids(tiny.base, sample_prompts(3))
    out = {"peft": [hf_logits(tiny.peft, i) for i in ids]}
    with tiny.peft.disable_adapter():
        out["peft-base"] = [hf_logits(tiny.peft, i) for i in ids]
    out["base"] = llama_logits(tiny.base, ids)
    for fmt, r in results.items():
        out[fmt] = llama_logits(tiny.base, ids, lora=r.path) if fmt == "lora" else llama_logits(r.path, ids)
    return out


@pytest.mark.slow
def test_every_format_is_written_with_sizes_and_manifest(exported):
    tiny, config, results = exported
    assert list(results) == list(FORMATS)
    for fmt, r in results.items():
        assert r.path == config.path(fmt) and r.path.stat().st_size == r.bytes > 0
    assert not list(config.out_dir.glob(".*tmp*")), "the f16 intermediate must not be left behind"
    sizes = {fmt: r.bytes for fmt, r in results.items()}
    assert sizes["q4_k_m"] < sizes["q8_0"] < sizes["f16"]
    import json

    manifest = json.loads((config.out_dir / MANIFEST).read_text())
    assert set(manifest["files"]) == set(FORMATS) and len(manifest["adapter"]["sha256"]) == 64


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["lora", "f16", "q8_0"])
def test_exports_compute_what_peft_computes(logits, fmt):
    for ref, got in zip(logits["peft"], logits[fmt]):
        assert np.abs(got - ref).max() <= TOLERANCE[fmt] * np.abs(ref).max()
        assert int(got.argmax()) == int(ref.argmax())


@pytest.mark.slow
def test_q4_k_m_keeps_the_adapter_effect(logits):
    """Q4_K_M is too coarse to match a random model's logits, but a systematic error (adapter
    scale, layout) would show in the adapter's effect: same direction, same size."""
    slope, corr = adapter_effect_fit(logits["peft-base"], logits["peft"], logits["base"], logits["q4_k_m"])
    assert corr > 0.8 and 0.75 < slope < 1.25, (slope, corr)
    slope, corr = adapter_effect_fit(logits["peft-base"], logits["peft"], logits["base"], logits["f16"])
    assert corr > 0.99 and abs(slope - 1) < 0.02, (slope, corr)


@pytest.mark.slow
def test_merged_files_carry_tokenizer_and_prompt_format(exported):
    tiny, config, results = exported
    base = BaseGGUF(tiny.base)
    for fmt in ("f16", "q8_0", "q4_k_m"):
        merged = BaseGGUF(results[fmt].path)
        assert merged.arch == tiny.arch
        for key in ("tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type",
                    "tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id", f"{tiny.arch}.block_count",
                    f"{tiny.arch}.attention.head_count_kv", f"{tiny.arch}.rope.freq_base"):
            assert merged.field(key) == base.field(key), (fmt, key)
        assert merged.field("tokenizer.chat_template") == CHAT_TEMPLATE
        assert merged.field("tokenizer.ggml.add_bos_token") is True
        assert merged.field("tokenizer.ggml.add_eos_token") is False
        assert ("output.weight" in merged.tensors) == ("output.weight" in base.tensors)
    f16 = BaseGGUF(results["f16"].path)
    types = {t.name: t.tensor_type.name for t in f16.reader.tensors}
    assert types["blk.0.attn_q.weight"] == "F16" and types["blk.0.attn_norm.weight"] == "F32"
    assert f16.field("general.file_type") == 1


@pytest.mark.slow
def test_chat_template_renders_the_raw_prompt_with_one_bos(exported):
    """Chat clients (llama-cpp-python's Jinja formatter) get exactly the tokens of the raw prompt."""
    import llama_cpp
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    tiny, config, results = exported
    llm = llama_cpp.Llama(model_path=str(results["q8_0"].path), vocab_only=True, verbose=False)
    try:
        bos, eos = (llm.detokenize([t], special=True).decode() for t in (llm.token_bos(), llm.token_eos()))
        formatter = Jinja2ChatFormatter(llm.metadata["tokenizer.chat_template"], eos_token=eos, bos_token=bos)
        prompt = sample_prompts(1)[0]
        rendered = formatter(messages=[{"role": "user", "content": prompt}])
        chat_ids = llm.tokenize(rendered.prompt.encode(), add_bos=not rendered.added_special, special=True)
        raw_ids = llm.tokenize(prompt.encode(), add_bos=True, special=False)
        assert chat_ids == raw_ids and raw_ids.count(llm.token_bos()) == 1
        with pytest.raises(Exception, match="exactly one user message"):
            formatter(messages=[{"role": "system", "content": "x"}, {"role": "user", "content": prompt}])
    finally:
        llm.close()


@pytest.mark.slow
def test_modelfiles(exported):
    tiny, config, results = exported
    merged = (config.out_dir / "Modelfile.q4_k_m").read_text()
    assert f"FROM ./{results['q4_k_m'].path.name}\n" in merged
    for line in ('TEMPLATE """{{ .Prompt }}"""', "PARAMETER temperature 0", "PARAMETER repeat_penalty 1.0",
                 'PARAMETER stop "<eos>"'):
        assert line in merged
    lora = (config.out_dir / "Modelfile.lora").read_text()
    assert f"FROM {tiny.base.resolve()}\n" in lora and f"ADAPTER ./{results['lora'].path.name}\n" in lora


def test_config_validation():
    with pytest.raises(ConfigError, match="adapter is required"):
        ExportConfig()
    with pytest.raises(ConfigError, match="unknown format 'q5'"):
        ExportConfig(adapter="x", formats=["q5"])
    assert ExportConfig(adapter="x", formats=["f16,lora", "f16"]).formats == ["f16", "lora"]
    with pytest.raises(ConfigError, match="unknown export setting"):
        load_export_config(None, {"adapter": "x", "fromat": "f16"})


@pytest.mark.slow
def test_cli_exports_and_prints_sizes(exported, tmp_path, capsys):
    from news_core.cli import main

    tiny, _, _ = exported
    rc = main(["export", "--adapter", str(tiny.adapter), "--base", str(tiny.base), "--format", "lora,q8_0",
               "--out", str(tmp_path), "--lora-dtype", "f32", "--ollama"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "lora" in out and "q8_0" in out and "MiB" in out
    assert (tmp_path / "news-enhancer-lora.gguf").is_file() and (tmp_path / "Modelfile.q8_0").is_file()
    assert not (tmp_path / "news-enhancer-f16.gguf").exists()
    from gguf import GGUFReader

    assert {t.tensor_type.name for t in GGUFReader(tmp_path / "news-enhancer-lora.gguf").tensors} == {"F32"}

    rc = main(["export", "--adapter", str(tmp_path / "missing"), "--base", str(tiny.base), "--out", str(tmp_path)])
    assert rc == 2 and "is not a folder" in capsys.readouterr().err
