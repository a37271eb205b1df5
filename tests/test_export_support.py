"""Shared helpers for the gguf_export tests (no tests here): tiny bases, adapters, logits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from news_core.items import NewsItem
from news_core.prompt import render_prompt

ROOT = Path(__file__).resolve().parents[1]


def sample_items(n: int = 6) -> list[NewsItem]:
    docs = json.loads((ROOT / "mcp_server" / "samples" / "items.json").read_text(encoding="utf-8"))
    return [NewsItem(**{k: v for k, v in d.items() if k in NewsItem.model_fields}) for d in docs[:n]]


def sample_prompts(n: int = 6) -> list[str]:
    return [render_prompt(item) for item in sample_items(n)]


@dataclass
class Tiny:
    arch: str
    base: Path  # base GGUF (float32 weights, byte vocabulary)
    adapter: Path  # PEFT adapter folder
    peft: object  # the PeftModel the adapter was saved from (reference)


def build_tiny(folder: Path, arch: str, tied: bool = False, sharpen_steps: int = 0, **adapter) -> Tiny:
    """A tiny random model with a random non-zero adapter, its base GGUF and adapter folder.

    sharpen_steps > 0: the model is first made decisive on the sample prompts (tiny.sharpen)."""
    from support import tiny

    folder.mkdir(parents=True, exist_ok=True)
    peft = tiny.random_adapter(tiny.tiny_model(arch, tied=tied), **adapter)
    base = tiny.write_base_gguf(peft, arch, folder / f"tiny-{arch}.gguf")
    if sharpen_steps:
        tokenizer = tiny.LlamaCppTokenizer(base)
        ids = [tokenizer(p)["input_ids"] for p in sample_prompts()]
        tokenizer.close()
        tiny.sharpen(peft, ids, sharpen_steps, margin=8.0, ridge=0.2)
        base = tiny.write_base_gguf(peft, arch, base)
    return Tiny(arch, base, tiny.save_adapter(peft, folder / "adapter"), peft)


def prompt_ids(model_path: Path, prompts: list[str]) -> list[list[int]]:
    from support.tiny import LlamaCppTokenizer

    tokenizer = LlamaCppTokenizer(model_path)
    try:
        return [tokenizer(p)["input_ids"] for p in prompts]
    finally:
        tokenizer.close()


def hf_logits(model, ids: list[int]) -> np.ndarray:
    import torch

    with torch.no_grad():  # the output layer on the last position only: a 262k-row vocabulary makes the rest costly
        return model(torch.tensor([ids]), logits_to_keep=1).logits[0, -1].double().numpy()


def llama_logits(model_path: Path, ids_list: list[list[int]], lora: Path | None = None) -> list[np.ndarray]:
    import llama_cpp
    from conftest import WORKER_THREADS

    kwargs = {"lora_path": str(lora)} if lora else {}
    llm = llama_cpp.Llama(model_path=str(model_path), n_ctx=2048, n_threads=WORKER_THREADS,
                          n_threads_batch=WORKER_THREADS, swa_full=True, verbose=False, **kwargs)
    try:
        out = []
        for ids in ids_list:
            llm.reset()
            llm.eval(ids)
            out.append(np.ctypeslib.as_array(llm._ctx.get_logits_ith(-1), shape=(llm.n_vocab(),)).astype(np.float64))
        return out
    finally:
        llm.close()


def adapter_effect_fit(ref_base, ref_adapted, got_base, got_adapted) -> tuple[float, float]:
    """(slope, correlation) of the adapter's logit change in an export against the reference's.

    A wrong LoRA scale shows as a slope away from 1, a wrong layout as a low correlation."""
    ref = np.concatenate([a - b for a, b in zip(ref_adapted, ref_base)])
    got = np.concatenate([a - b for a, b in zip(got_adapted, got_base)])
    slope = float(np.dot(ref, got) / np.dot(ref, ref))
    return slope, float(np.corrcoef(ref, got)[0, 1])
