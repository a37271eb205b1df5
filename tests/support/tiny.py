"""Tiny random Gemma 3 / Llama models written as base GGUF files, for tests (test support: not part
of the product; the export tests build what they need from here).

The tokenizer is either a built-in 384-token byte vocabulary (fast: tests of layout, loading
and numerics) or the bundled Gemma 3 tokenizer copied from its GGUF (real prompts). The HF
weights go through llama.cpp's convert_hf_to_gguf.py transforms (base.hf_to_gguf).

A random model is indecisive: its top two logits are often closer than quantization noise, so
any two runtimes disagree. A trained model is decisive on its own answers. `sharpen` gives the
tiny model that property: it adds a margin to the logit of each token of its own greedy
answers through the output layer, leaving the answers themselves unchanged.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gguf import GGUFValueType, TokenType

from gguf_export.base import BaseGGUF, hf_to_gguf, name_map
from gguf_export.writer import PlannedTensor, copy_metadata, write_gguf

U32, F32, STR = GGUFValueType.UINT32, GGUFValueType.FLOAT32, GGUFValueType.STRING
ARR, I32, BOOL = GGUFValueType.ARRAY, GGUFValueType.INT32, GGUFValueType.BOOL
PAD, EOS, BOS, UNK = 0, 1, 2, 3
BYTE_VOCAB = 384
PROJECTIONS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


def tiny_config(arch: str, vocab_size: int = BYTE_VOCAB, hidden: int = 256, layers: int = 2, tied: bool = False):
    """A small config; head_dim 256 so Gemma 3's attention scale is the same in both runtimes."""
    common = dict(vocab_size=vocab_size, hidden_size=hidden, intermediate_size=2 * hidden, num_hidden_layers=layers,
                  num_attention_heads=2, num_key_value_heads=1, head_dim=256 if arch == "gemma3" else hidden // 2,
                  max_position_embeddings=8192, rms_norm_eps=1e-6, tie_word_embeddings=tied,
                  bos_token_id=BOS, eos_token_id=EOS, pad_token_id=PAD)
    if arch == "gemma3":
        from transformers import Gemma3TextConfig

        return Gemma3TextConfig(query_pre_attn_scalar=256, sliding_window=512, **common)
    if arch == "llama":
        from transformers import LlamaConfig

        return LlamaConfig(**common)
    raise ValueError(f"no tiny config for {arch!r}")


def tiny_model(arch: str, seed: int = 0, **config):
    """A random float32 causal LM with non-trivial norm weights (a missing Gemma +1 shows)."""
    import torch
    from transformers import AutoModelForCausalLM

    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(tiny_config(arch, **config), dtype=torch.float32)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight"):
                p.normal_(0.0 if arch == "gemma3" else 1.0, 0.1)  # Gemma scales by (1 + w)
    return model.eval()


# -- tokenizer metadata -------------------------------------------------------------------------
def byte_vocab() -> list[tuple]:
    """A SentencePiece-style vocabulary: 4 specials, 256 byte tokens, printable ASCII, padding."""
    tokens = [b"<pad>", b"<eos>", b"<bos>", b"<unk>"]
    types = [TokenType.CONTROL, TokenType.CONTROL, TokenType.CONTROL, TokenType.UNKNOWN]
    tokens += [f"<0x{b:02X}>".encode() for b in range(256)]
    types += [TokenType.BYTE] * 256
    chars = ["\u2581"] + [chr(c) for c in range(33, 127)]
    tokens += [c.encode() for c in chars]
    types += [TokenType.NORMAL] * len(chars)
    while len(tokens) < BYTE_VOCAB:
        tokens.append(f"<unused{len(tokens)}>".encode())
        types.append(TokenType.UNUSED)
    scores = [0.0] * 260 + [-float(i) for i in range(len(chars))] + [0.0] * (BYTE_VOCAB - 260 - len(chars))
    return [
        ("tokenizer.ggml.model", "llama", STR, None), ("tokenizer.ggml.pre", "default", STR, None),
        ("tokenizer.ggml.tokens", tokens, ARR, STR), ("tokenizer.ggml.scores", scores, ARR, F32),
        ("tokenizer.ggml.token_type", [int(t) for t in types], ARR, I32),
        ("tokenizer.ggml.bos_token_id", BOS, U32, None), ("tokenizer.ggml.eos_token_id", EOS, U32, None),
        ("tokenizer.ggml.unknown_token_id", UNK, U32, None), ("tokenizer.ggml.padding_token_id", PAD, U32, None),
        ("tokenizer.ggml.add_bos_token", True, BOOL, None), ("tokenizer.ggml.add_eos_token", False, BOOL, None),
        ("tokenizer.ggml.add_space_prefix", False, BOOL, None),
    ]


def hparams(model, arch: str) -> list[tuple]:
    c = model.config
    values = {
        "context_length": (c.max_position_embeddings, U32), "embedding_length": (c.hidden_size, U32),
        "block_count": (c.num_hidden_layers, U32), "feed_forward_length": (c.intermediate_size, U32),
        "attention.head_count": (c.num_attention_heads, U32), "attention.head_count_kv": (c.num_key_value_heads, U32),
        "attention.layer_norm_rms_epsilon": (c.rms_norm_eps, F32), "vocab_size": (c.vocab_size, U32),
    }
    if arch == "gemma3":
        values.update({"attention.key_length": (c.head_dim, U32), "attention.value_length": (c.head_dim, U32),
                       "attention.sliding_window": (c.sliding_window, U32),
                       "rope.freq_base": (c.rope_parameters["full_attention"]["rope_theta"], F32)})
    else:
        values.update({"rope.dimension_count": (c.head_dim, U32), "rope.freq_base": (c.rope_parameters["rope_theta"], F32)})
    return [(f"{arch}.{k}", v, t, None) for k, (v, t) in values.items()]


def write_base_gguf(model, arch: str, out: Path, tokenizer_from: BaseGGUF | None = None, dtype=np.float32) -> Path:
    """The model as a base GGUF, with the byte vocabulary or the tokenizer of `tokenizer_from`."""
    c = model.config
    names = name_map(arch, c.num_hidden_layers)
    if tokenizer_from is None:
        metadata = byte_vocab()
    else:
        metadata = [kv for kv in copy_metadata(tokenizer_from.reader) if kv[0].startswith("tokenizer.")]
    metadata += [("general.type", "model", STR, None), ("general.name", f"tiny-{arch}", STR, None)]
    metadata += hparams(model, arch)
    planned = []
    for hf_name, tensor in base_weights(model).items():
        if hf_name == "lm_head.weight" and c.tie_word_embeddings:
            continue
        gguf_name = names.get_name(hf_name.removesuffix(".weight")) + ".weight"
        weights = hf_to_gguf(arch, c.num_attention_heads, c.num_key_value_heads, gguf_name, tensor.float().numpy())
        kind = dtype if weights.ndim >= 2 else np.float32
        planned.append(PlannedTensor(gguf_name, weights.shape, kind, lambda w=weights: w))
    return write_gguf(out, arch, metadata, planned, desc=f"tiny {arch}")


def base_weights(model) -> dict:
    """The base model's own weights, also when `model` carries injected LoRA layers."""
    if hasattr(model, "get_base_model"):
        model = model.get_base_model()
    return {k.replace(".base_layer.", "."): v for k, v in model.state_dict().items() if ".lora_" not in k}


class LlamaCppTokenizer:
    """The slice of the HF tokenizer interface parity uses, backed by a GGUF's own vocabulary
    (for tiny models whose vocabulary has no HF tokenizer)."""

    def __init__(self, model_path: Path):
        import llama_cpp

        self._llm = llama_cpp.Llama(model_path=str(model_path), vocab_only=True, verbose=False)
        self.bos_token_id, self.eos_token_id = self._llm.token_bos(), self._llm.token_eos()

    def __call__(self, text: str, add_special_tokens: bool = True) -> dict:
        return {"input_ids": self._llm.tokenize(text.encode("utf-8"), add_bos=add_special_tokens, special=False)}

    def decode(self, tokens, skip_special_tokens: bool = False) -> str:
        return self._llm.detokenize(list(tokens)).decode("utf-8", errors="replace")

    def close(self) -> None:
        self._llm.close()


# -- adapters and decisiveness ------------------------------------------------------------------
def random_adapter(model, r: int = 8, alpha: int = 16, b_std: float = 0.02, seed: int = 1, **lora):
    """`model` wrapped in a PEFT LoRA adapter with non-zero A and B on every projection."""
    import torch
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(seed)
    config = LoraConfig(r=r, lora_alpha=alpha, init_lora_weights=False, task_type="CAUSAL_LM",
                        target_modules=list(PROJECTIONS), **lora)
    peft_model = get_peft_model(model, config)
    with torch.no_grad():
        for name, p in peft_model.named_parameters():
            if "lora_B" in name:
                p.normal_(0.0, b_std)
    return peft_model.eval()


def save_adapter(peft_model, out: Path, base_name: str = "tiny") -> Path:
    peft_model.peft_config["default"].base_model_name_or_path = base_name
    peft_model.save_pretrained(str(out), save_embedding_layers=False)  # no hub lookup of the base
    return out


def sharpen(model, prompt_ids: list[list[int]], max_tokens: int, margin: float = 8.0, ridge: float = 0.05) -> int:
    """Raise, by about `margin`, the logit of every token `model` picks greedily for these prompts.

    Ridge regression of margin * e_(y_t) on the output-layer inputs h_t of all answer steps:
    dW = Y^T (H H^T + lambda I)^-1 H, lambda = (ridge * largest singular value of H)^2, which
    keeps dW small in directions the answers barely use (a plain pseudo-inverse would make the
    output layer amplify rounding noise). Needs an untied output layer. Returns the steps used.
    """
    import torch

    head = model.get_output_embeddings()
    if head.weight.data_ptr() == model.get_input_embeddings().weight.data_ptr():
        raise ValueError("sharpen needs an untied output layer (tied=False)")
    inputs, targets = [], []
    captured: list = []
    hook = head.register_forward_hook(lambda _m, args, _out: captured.append(args[0].detach()))
    try:
        with torch.no_grad():
            for ids in prompt_ids:
                out = model.generate(torch.tensor([ids]), max_new_tokens=max_tokens, do_sample=False,
                                     eos_token_id=EOS, pad_token_id=PAD)
                answer = out[0, len(ids):].tolist()
                captured.clear()
                model(torch.tensor([ids + answer[:-1]]))
                inputs.append(captured[-1][0, len(ids) - 1:])
                targets += answer
    finally:
        hook.remove()
    h = torch.cat(inputs).double()  # (steps, hidden)
    wanted = torch.zeros(h.shape[0], head.weight.shape[0], dtype=torch.float64)
    wanted[torch.arange(h.shape[0]), torch.tensor(targets)] = margin
    lam = (ridge * torch.linalg.matrix_norm(h, ord=2)) ** 2
    coef = torch.linalg.solve(h @ h.T + lam * torch.eye(h.shape[0], dtype=torch.float64), wanted)
    with torch.no_grad():
        head.weight += (coef.T @ h).float()
    return h.shape[0]
