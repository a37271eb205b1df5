"""Parity: do the exported GGUF models answer as the PEFT model does?

Reference: the PEFT model (float32 base + adapter) in transformers, prompt tokenized as
training tokenizes it (finetune.data.encode_prompt). Each format: llama-cpp-python, prompt
tokenized as the gguf backend does (add_bos=True, special=False). Both decode greedily and
unconstrained, stop on the same end-of-generation tokens, and get the same max_tokens.

Per format:
- items identical: generated token sequences equal (EOS included);
- field agreement: share of (item, field) pairs equal after json.loads of both answers; when
  the reference answer is not a JSON object, each field of that item counts as equal only if
  the two texts are equal;
- token agreement: sum over items of the common leading tokens / sum of the longer length;
- next-token agreement: teacher-forced, each format is fed the reference's own answer and its
  greedy choice is compared with the reference's token at every position. Free-running answers
  part at the first near-tie and never meet again, so one flipped token costs the whole rest of
  the item above; this column counts each position once. A template, BOS/EOS or adapter-scaling
  bug pulls it far down; quantization noise leaves it in the high 90s;
- prompt tokens equal: the llama.cpp prompt ids are the training ids (a BOS or template bug
  shows here first).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from news_core.contract import FIELDS
from news_core.errors import ConfigError, InputError, ModelError
from news_core.items import NewsItem

from .base import BaseGGUF, adapter_base_name, is_bundled

log = logging.getLogger(__name__)
LORA_OVER_F16 = "lora@f16"  # the LoRA file over an f16 copy of the base: no quantized matmul left
TARGETS = {"f16": 0.98, "q8_0": 0.95, "lora": 0.95, "q4_k_m": 0.95, LORA_OVER_F16: 0.98}


@dataclass
class Answer:
    tokens: list[int]
    text: str
    prompt_tokens: list[int] = field(default_factory=list)
    forced_agree: int = 0  # positions where the greedy choice, fed the reference's prefix, is its token


@dataclass
class Score:
    format: str
    items: int
    identical: int
    field_agreement: float
    token_agreement: float
    prompt_equal: int
    json_valid: int
    target: float
    next_token_agreement: float = 0.0

    @property
    def identical_share(self) -> float:
        return self.identical / self.items if self.items else 0.0

    @property
    def meets_target(self) -> bool:
        return self.identical_share >= self.target


# -- items ------------------------------------------------------------------------------------
def load_items(source: str, n: int) -> list[NewsItem]:
    """The first n items of a .json list / .jsonl file, or of the shipped held-out split."""
    if not source:
        from training_data import default_split

        records = default_split()[1]
        docs = [r.model_dump(include=set(NewsItem.model_fields)) for r in records]
    else:
        path = Path(source).expanduser()
        if not path.is_file():
            raise ConfigError(f"items file {source} does not exist")
        text = path.read_text(encoding="utf-8")
        docs = json.loads(text) if path.suffix == ".json" else [json.loads(l) for l in text.splitlines() if l.strip()]
    items = []
    for i, doc in enumerate(docs[:n]):
        doc = doc.get("item", doc) if isinstance(doc, dict) else doc
        if not isinstance(doc, dict) or not (doc.get("title") or doc.get("content")):
            raise InputError(f"item {i} of {source or 'the held-out split'} has neither title nor content")
        items.append(NewsItem(**{k: v for k, v in doc.items() if k in NewsItem.model_fields}))
    if not items:
        raise InputError(f"no items in {source or 'the held-out split'}")
    return items


# -- generation ---------------------------------------------------------------------------------
def stop_tokens(model_path: Path) -> list[int]:
    """Token ids llama.cpp ends generation on (EOS, end-of-turn, ...), read from the GGUF vocab."""
    import llama_cpp

    from news_core.logs import route_llama_log

    route_llama_log()
    llm = llama_cpp.Llama(model_path=str(model_path), vocab_only=True, verbose=False)
    try:
        vocab = llm._model.vocab
        stops = [t for t in range(llm.n_vocab()) if llama_cpp.llama_vocab_is_eog(vocab, t)]
        return stops or [llm.token_eos()]
    finally:
        llm.close()


def load_reference(adapter_dir: Path, base: BaseGGUF):
    """(PEFT model, tokenizer): the base the adapter was trained on, float32, plus the adapter."""
    import torch
    from peft import PeftModel

    name = adapter_base_name(adapter_dir)
    if is_bundled(name) or (name and Path(name).expanduser().is_dir()):
        from news_core.base_model import load_base_model

        model, tokenizer = load_base_model(name)
    else:  # trained on a model we only have as this GGUF: transformers dequantizes it the same way
        from transformers import AutoModelForCausalLM, AutoTokenizer

        folder, file = str(base.path.parent), base.path.name
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=file)
        model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=file, dtype=torch.float32)
    return PeftModel.from_pretrained(model, str(adapter_dir)).eval(), tokenizer


def reference_answers(model, tokenizer, prompts: list[str], max_tokens: int, stops: list[int]) -> list[Answer]:
    import torch

    from news_core.prompt_tokens import encode_prompt

    answers = []
    for prompt in tqdm(prompts, desc="peft", unit="item", leave=False):
        ids = encode_prompt(tokenizer, prompt)
        with torch.no_grad():
            out = model.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                                 max_new_tokens=max_tokens, do_sample=False, repetition_penalty=1.0,
                                 eos_token_id=stops, pad_token_id=stops[0])
        tokens = _cut_at_stop(out[0, len(ids):].tolist(), stops)
        text = tokenizer.decode([t for t in tokens if t not in stops], skip_special_tokens=False)
        answers.append(Answer(tokens, text, ids))
    return answers


def llama_answers(model_path: Path, lora_path: Path | None, prompts: list[str], max_tokens: int,
                  threads: int = 0, desc: str = "gguf", reference: list[Answer] | None = None) -> list[Answer]:
    """Greedy answers; with `reference`, each also carries its teacher-forced agreement with it."""
    import llama_cpp

    from news_core.logs import route_llama_log
    from news_core.threads import default_threads

    route_llama_log()
    threads = threads or default_threads()
    kwargs = {"lora_path": str(lora_path)} if lora_path else {}
    try:
        llm = llama_cpp.Llama(model_path=str(model_path), n_ctx=4096, n_threads=threads, n_threads_batch=threads,
                              swa_full=True, verbose=False, **kwargs)
    except Exception as exc:  # llama-cpp-python raises ValueError for files llama.cpp rejects
        raise ModelError(f"llama.cpp could not load {model_path}" + (f" with {lora_path}" if lora_path else "")
                         + f": {exc}") from exc
    try:
        answers = []
        for i, prompt in enumerate(tqdm(prompts, desc=desc, unit="item", leave=False)):
            answer = _llama_greedy(llm, prompt, max_tokens)
            if reference is not None:
                answer.forced_agree = _llama_forced(llm, answer.prompt_tokens, reference[i].tokens)
            answers.append(answer)
        return answers
    finally:
        llm.close()


def _llama_forced(llm, prompt_ids: list[int], expected: list[int]) -> int:
    """How many of `expected` tokens are llama.cpp's greedy choice when fed the tokens before them."""
    llm.reset()
    llm.eval(prompt_ids)
    agree = 0
    for i, token in enumerate(expected):
        logits = _last_logits(llm)
        agree += int(np.argmax(logits)) == token
        if i + 1 < len(expected):
            llm.eval([token])
    return agree


def _llama_greedy(llm, prompt: str, max_tokens: int) -> Answer:
    import llama_cpp

    ids = llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
    llm.reset()
    llm.eval(ids)
    tokens: list[int] = []
    while len(tokens) < max_tokens:
        logits = _last_logits(llm)
        token = int(np.argmax(logits))
        tokens.append(token)
        if llama_cpp.llama_vocab_is_eog(llm._model.vocab, token):
            break
        llm.eval([token])
    text = llm.detokenize([t for t in tokens if not llama_cpp.llama_vocab_is_eog(llm._model.vocab, t)])
    return Answer(tokens, text.decode("utf-8", errors="replace"), list(ids))


def _last_logits(llm) -> np.ndarray:
    return np.ctypeslib.as_array(llm._ctx.get_logits_ith(-1), shape=(llm.n_vocab(),))


def _cut_at_stop(tokens: list[int], stops: list[int]) -> list[int]:
    for i, t in enumerate(tokens):
        if t in stops:
            return tokens[: i + 1]
    return tokens


# -- scoring ------------------------------------------------------------------------------------
def score(fmt: str, reference: list[Answer], answers: list[Answer]) -> Score:
    if len(reference) != len(answers):
        raise ValueError("reference and answers differ in length")
    identical = sum(r.tokens == a.tokens for r, a in zip(reference, answers))
    common = sum(_common_prefix(r.tokens, a.tokens) for r, a in zip(reference, answers))
    longest = sum(max(len(r.tokens), len(a.tokens), 1) for r, a in zip(reference, answers))
    fields = [_field_matches(r.text, a.text) for r, a in zip(reference, answers)]
    return Score(
        format=fmt, items=len(reference), identical=identical,
        field_agreement=float(np.mean([m for item in fields for m in item])) if fields else 0.0,
        token_agreement=common / longest,
        prompt_equal=sum(r.prompt_tokens == a.prompt_tokens for r, a in zip(reference, answers)),
        json_valid=sum(json_object(a.text) is not None for a in answers),
        target=TARGETS.get(fmt, 0.95),
        next_token_agreement=sum(a.forced_agree for a in answers) / max(1, sum(len(r.tokens) for r in reference)),
    )


def _common_prefix(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def json_object(text: str) -> dict | None:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        return None
    return doc if isinstance(doc, dict) else None


def _field_matches(reference: str, answer: str) -> list[bool]:
    ref, got = json_object(reference), json_object(answer)
    if ref is None:
        return [reference == answer] * len(FIELDS)
    if got is None:
        return [False] * len(FIELDS)
    return [f in ref and f in got and ref[f] == got[f] for f in FIELDS]


def table(scores: list[Score], reference_json: int | None = None) -> str:
    head = (f"{'format':<11} {'items identical':>17} {'field agr.':>10} {'token agr.':>10} {'next-token':>10} "
            f"{'prompt ids =':>12} {'valid JSON':>10} {'target':>7}  result")
    rows = [head, "-" * len(head)]
    for s in scores:
        rows.append(f"{s.format:<11} {f'{s.identical}/{s.items} ({s.identical_share:.0%})':>17} "
                    f"{s.field_agreement:>10.1%} {s.token_agreement:>10.1%} {s.next_token_agreement:>10.2%} "
                    f"{f'{s.prompt_equal}/{s.items}':>12} "
                    f"{f'{s.json_valid}/{s.items}':>10} {s.target:>7.0%}  {'ok' if s.meets_target else 'BELOW TARGET'}")
    if reference_json is not None and scores:
        rows.append(f"(the PEFT reference answered valid JSON on {reference_json}/{scores[0].items} items)")
    return "\n".join(rows)

