"""Backend `peft`: a transformers base model plus the PEFT LoRA adapter folder written by `finetune/`.

GPU when present (device = "auto"), else CPU. The same guarantee as the gguf backend: every token
is masked by the completion grammar (llguidance), and every answer is validated against the
contract. `generate_many` decodes several prompts per forward pass (see batch_decode).
Imported only when `backend = "peft"` is selected: this module imports torch.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import torch

from news_core.base_model import resolve_base
from news_core.bundled import ADAPTER_FILES, BUNDLED_NAMES, DEFAULT_PEFT_ADAPTER, missing_adapter_files
from news_core.errors import ConfigError, ModelError
from news_core.grammar import completion_grammar
from news_core.prompt_tokens import encode_prompt
from news_core.threads import default_threads

from .base import Backend, Generation
from .batch_decode import decode_batch
from .token_masks import GrammarMasks

log = logging.getLogger(__name__)



class PeftBackend(Backend):
    name = "peft"

    @property
    def items_at_once(self) -> int:
        return self.batch_size

    def __init__(self, model, tokenizer, *, model_id: str, max_tokens: int = 768, n_ctx: int = 2048,
                 batch_size: int = 8, grammar: str | None = None):
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.model_id = model_id
        self.max_tokens, self.n_ctx, self.batch_size = max_tokens, n_ctx, batch_size
        n_logits = model.get_output_embeddings().weight.shape[0]
        self._masks = GrammarMasks(tokenizer, grammar or completion_grammar(), n_logits)
        pads = [tokenizer.pad_token_id, tokenizer.eos_token_id, 0]
        self._pad = next(p for p in pads if p is not None)  # any id will do: padded positions are masked
        self._lock = threading.Lock()  # one batch on the model at a time

    @classmethod
    def from_config(cls, config) -> "PeftBackend":
        adapter = resolve_adapter_dir(config.adapter)
        base = resolve_base_name(config.model, adapter)
        return cls.load(base, adapter, device=config.device, n_threads=config.n_threads,
                        max_tokens=config.max_tokens, n_ctx=config.n_ctx, batch_size=config.batch_size)

    @classmethod
    def load(cls, base: str = "bundled", adapter: Path | None = None, *, device: str = "auto", n_threads: int = 0,
             **kwargs) -> "PeftBackend":
        """Load the base (a name `news_core.base_model.resolve_base` understands), merge the adapter, move to the device."""
        from transformers import AutoModelForCausalLM, AutoTokenizer

        target = pick_device(device)
        if target.type == "cpu":
            torch.set_num_threads(n_threads or default_threads())
        where = resolve_base(base)
        log.info("loading base %s (%s)%s on %s", base, where, f" with adapter {adapter}" if adapter else "", target)
        try:
            tokenizer = AutoTokenizer.from_pretrained(where)
            model = AutoModelForCausalLM.from_pretrained(where, dtype=torch.float32)
        except OSError as exc:
            raise ModelError(f"could not load base model {base!r} from {where}: {exc}. Without network access, "
                             "set model to a local Hugging Face folder or 'bundled'") from exc
        if adapter is not None:
            from peft import PeftModel

            # Merged once: inference then runs plain matmuls, no LoRA branches.
            model = PeftModel.from_pretrained(model, str(adapter)).merge_and_unload()
        model = model.to(device=target, dtype=pick_dtype(target)).eval()
        model_id = _short(base) + (f"+{adapter.name}" if adapter is not None else "")
        return cls(model, tokenizer, model_id=model_id, **kwargs)

    # -- the Backend protocol -------------------------------------------------------------
    def generate(self, prompt: str, *, deadline: float | None = None, cancel: threading.Event | None = None) -> Generation:
        result = self.generate_many([prompt], deadline=deadline, cancel=cancel)[0]
        if isinstance(result, Exception):
            raise result
        return result

    def generate_many(self, prompts, *, deadline=None, cancel=None):
        results: list[Generation | Exception | None] = [None] * len(prompts)
        encoded = []
        for index, prompt in enumerate(prompts):
            try:
                encoded.append((index, self._encode(prompt)))
            except ModelError as exc:
                results[index] = exc
        encoded.sort(key=lambda pair: len(pair[1]))  # similar lengths share a batch: less padding
        with self._lock:
            for start in range(0, len(encoded), self.batch_size):
                chunk = encoded[start:start + self.batch_size]
                rows = decode_batch(self.model, [ids for _, ids in chunk], self._masks, pad_id=self._pad,
                                    max_tokens=self.max_tokens, deadline=deadline, cancel=cancel)
                for (index, ids), row in zip(chunk, rows):
                    results[index] = self._result(row, len(ids), len(chunk))
        return results

    def count_tokens(self, prompt: str) -> int:
        with self._lock:  # a fast tokenizer must not be used from two threads at once
            return len(encode_prompt(self.tokenizer, prompt))

    def close(self) -> None:
        with self._lock:
            self.model = None
            if torch.cuda.is_available():
                torch.cuda.empty_cache()

    # -- helpers -----------------------------------------------------------------------------
    def _encode(self, prompt: str) -> list[int]:
        ids = encode_prompt(self.tokenizer, prompt)
        self.check_room(len(ids))
        return ids

    def _result(self, row, n_prompt: int, batch: int) -> Generation | Exception:
        if isinstance(row.outcome, Exception):
            return row.outcome
        text = self._masks.decode(row.outcome)
        try:
            metadata = self.parse_answer(text)
        except ModelError as exc:
            return exc
        return Generation(text, metadata, n_prompt, len(row.outcome), row.seconds, {"batch_size": batch})


def pick_device(device: str) -> torch.device:
    if device == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        target = torch.device(device)
    except RuntimeError as exc:
        raise ConfigError(f"device = {device!r} is not a torch device; use auto, cpu, cuda or cuda:N") from exc
    if target.type == "cuda" and not torch.cuda.is_available():
        raise ConfigError(f"device = {device!r} but torch sees no CUDA GPU here; use device = 'auto' or 'cpu'")
    return target


def pick_dtype(device: torch.device) -> torch.dtype:
    """bfloat16 on GPUs that support it (float16 overflows in Gemma 3), float32 elsewhere."""
    if device.type == "cuda" and torch.cuda.is_bf16_supported():
        return torch.bfloat16
    return torch.float32


def resolve_adapter_dir(adapter: str) -> Path | None:
    """'none' -> None; 'default' -> the shipped PEFT adapter; else an adapter folder."""
    if adapter in ("", "none"):
        return None
    if adapter == "default":
        if missing_adapter_files(DEFAULT_PEFT_ADAPTER):  # an install that left the package data out
            raise ConfigError(f"the shipped PEFT adapter is missing from {DEFAULT_PEFT_ADAPTER}; reinstall "
                              "news-enhancer, or set adapter to a folder written by `news-enhancer train`")
        return DEFAULT_PEFT_ADAPTER
    path = Path(adapter).expanduser()
    if path.is_file():
        raise ConfigError(f"adapter = {adapter!r} is a file; backend 'peft' needs the adapter folder written by "
                          "`news-enhancer train` (adapter_config.json + adapter_model.safetensors). "
                          "GGUF LoRA files are for backend 'gguf'")
    if not path.is_dir():
        raise ConfigError(f"adapter = {adapter!r}: no such adapter folder (or use 'default' / 'none')")
    missing = missing_adapter_files(path)
    if missing:
        raise ConfigError(f"adapter = {adapter!r}: the folder lacks {', '.join(missing)}")
    return path


def resolve_base_name(model: str, adapter: Path | None) -> str:
    """An explicit `model` wins; otherwise the adapter's own base_model_name_or_path; otherwise 'bundled'."""
    if model.endswith(".gguf"):
        raise ConfigError(f"model = {model!r} is a GGUF file; backend 'peft' needs a Hugging Face model folder, "
                          "a hub id or 'bundled'")
    recorded = None
    if adapter is not None:
        recorded = json.loads((adapter / ADAPTER_FILES[0]).read_text(encoding="utf-8")).get("base_model_name_or_path")
    if model and model not in BUNDLED_NAMES:  # both are the same weights to transformers
        if recorded and recorded != model:
            log.warning("adapter %s was trained on %r; loading it over model = %r as configured", adapter, recorded, model)
        return model
    return recorded or "bundled"


def _short(base: str) -> str:
    return Path(base).name if "/" in base and Path(base).expanduser().exists() else base
