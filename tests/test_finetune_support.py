"""Shared helpers for the finetune tests: real examples, and a tiny random Gemma 3 with a
tokenizer trained in-process on those examples (no download, a few seconds on 2 cores)."""

from __future__ import annotations

import functools

import pytest

from news_core.items import NewsItem
from news_core.prompt import render_example

ITEMS = [
    ({"title": "OpenAI releases o3-mini to all ChatGPT users", "source": "TLDR AI", "published": "2025-01-31",
      "content": "OpenAI made its o3-mini reasoning model available in ChatGPT and the API, with three effort levels."},
     {"relevance_score": 9, "summary": "OpenAI shipped the o3-mini reasoning model in ChatGPT and its API.",
      "key_insights": ["Reasoning model reaches free ChatGPT users", "API exposes three effort levels"],
      "company_names": ["OpenAI"]}),
    ({"title": "**Build a RAG app in 20 lines** (5 minute read)", "source": "TLDR AI",
      "content": "A short tutorial wires a vector store to a small open model for question answering."},
     {"relevance_score": 4, "summary": "A tutorial builds a minimal retrieval-augmented QA app.",
      "key_insights": ["Vector store plus small model is enough for demos"], "company_names": []}),
    ({"title": "Ship faster with Acme CI (Sponsor)", "source": "TLDR",
      "content": "Acme CI runs your test suite in parallel on managed runners. Try it free for 30 days."},
     {"relevance_score": 1, "summary": "An advertisement for the Acme CI testing service.",
      "key_insights": ["Sponsored content", "Acme CI parallel test runners"], "company_names": ["Acme CI"]}),
    ({"title": "Nvidia, AMD and Intel race to ship AI PC chips 🚀", "source": "TLDR", "published": "2025-01-08",
      "content": "Chipmakers used CES to show laptop processors with larger neural engines for on-device models."},
     {"relevance_score": 6, "summary": "Chipmakers showed laptop chips built for on-device AI at CES.",
      "key_insights": ["On-device inference drives laptop chip design", "Three vendors compete on NPUs"],
      "company_names": ["Nvidia", "AMD", "Intel"]}),
    ({"title": "Valve announces a new handheld", "source": "TLDR", "published": "2025-02-02",
      "content": "The gaming company teased a successor to its portable console without a release date"},
     {"relevance_score": 2, "summary": "Valve teased a new handheld console with no release date.",
      "key_insights": ["Gaming hardware news, not AI"], "company_names": ["Valve"]}),
    ({"title": "DeepSeek-V3 weights released (GitHub Repo)", "source": "TLDR AI",
      "url": "https://github.com/deepseek-ai/DeepSeek-V3",
      "content": "DeepSeek published the weights of its mixture-of-experts model with a permissive licence."},
     {"relevance_score": 8, "summary": "DeepSeek released open weights for its V3 mixture-of-experts model.",
      "key_insights": ["Large open-weights MoE model", "Permissive licence allows commercial use"],
      "company_names": ["DeepSeek"]}),
]


def examples() -> list[tuple[str, str]]:
    """(prompt, completion) pairs from the project's prompt renderer (never a copy of it)."""
    return [render_example(NewsItem(**item), meta) for item, meta in ITEMS]


def shipped_examples(limit: int = 8) -> list[tuple[str, str]]:
    """Real records of the shipped dataset (training_data/data, in the repository). It always
    ships, so a dataset that does not load fails the test: test_data_shipped.py says why."""
    from training_data import load_records

    try:
        records = load_records()
    except Exception as exc:
        pytest.fail(f"the shipped dataset does not load ({exc}); run tests/test_data_shipped.py for the details")
    return [r.example() for r in records[:limit]]


@functools.lru_cache(maxsize=None)
def tiny_tokenizer():
    """Byte-level BPE trained on the examples, adding <bos> like Gemma's tokenizer does."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    specials = ["<pad>", "<eos>", "<bos>", "<unk>"]
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    texts = [p + c for p, c in examples()] * 4
    tok.train_from_iterator(texts, trainers.BpeTrainer(vocab_size=400, special_tokens=specials,
                                                       initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    tok.post_processor = processors.TemplateProcessing(single="<bos> $A", special_tokens=[("<bos>", 2)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<bos>", eos_token="<eos>",
                                   pad_token="<pad>", unk_token="<unk>")


def tiny_model(seed: int = 0):
    """A 2-layer Gemma 3 with tied embeddings, randomly initialised from a config."""
    import torch
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    tok = tiny_tokenizer()
    torch.manual_seed(seed)
    config = Gemma3TextConfig(vocab_size=len(tok), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                              num_attention_heads=2, num_key_value_heads=1, head_dim=32, sliding_window=64,
                              max_position_embeddings=2048, tie_word_embeddings=True, initializer_range=0.2, pad_token_id=0,
                              eos_token_id=1, bos_token_id=2, layer_types=["sliding_attention", "full_attention"])
    return Gemma3ForCausalLM(config).float()


def load_adapter(folder, model, tokenizer):
    """(PeftModel in eval mode, tokenizer): a finished run's adapter over the model it was trained on."""
    from peft import PeftModel

    return PeftModel.from_pretrained(model, str(folder)).eval(), tokenizer


def test_tiny_tokenizer_round_trips_and_adds_bos():
    tok = tiny_tokenizer()
    prompt, completion = examples()[0]
    ids = tok(prompt)["input_ids"]
    assert ids[0] == tok.bos_token_id and ids.count(tok.bos_token_id) == 1
    assert tok.decode(ids, skip_special_tokens=True) == prompt
    assert tok.decode(tok(completion, add_special_tokens=False)["input_ids"]) == completion


def test_tiny_model_ties_embeddings():
    model = tiny_model()
    assert model.lm_head.weight.data_ptr() == model.model.embed_tokens.weight.data_ptr()
