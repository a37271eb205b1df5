"""The `head_words` setting of the gguf backend: score only the tokens an answer is likely to use.

Gemma 3 270M spends about half of each decode step in its output layer, 262,144 vocabulary rows
of 640 weights (measured here: 23.4 ms a step with it, 12.7 ms with 32k rows). An English answer
about an English item uses a small part of that vocabulary. So a second copy of the model is
written once (cached beside the other files of news-enhancer) whose output layer keeps only:

- the tokens of the N most frequent English words (news_core.words: wordfreq's list, shipped as a
  file), lower-case and capitalised, with
  and without a leading space; every ASCII token of one or two characters and every one without
  a letter or digit (punctuation, JSON such as `.",` and `"],`); byte tokens;
- 640 one-hot rows, whose logits are the final hidden state as llama.cpp quantises it, so that
- the tokens of the item's own words (names, rare terms) are scored per item here in numpy.

Every other logit is -inf: the grammar and the rest of decoding.py run unchanged on the full
vocabulary's ids. The answer can differ from the full model's where its top token is outside
that set; the backend decodes with the full model again whenever the short one does not finish
a valid answer. Tokens reach the short model as embedding rows of the full model (its own
output rows are not a vocabulary), scaled as Gemma scales token embeddings.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import llama_cpp
import numpy as np

from news_core.errors import ConfigError, ModelError
from news_core.words import common_words

log = logging.getLogger(__name__)

SCALED_ARCHS = ("gemma3",)  # architectures whose graph multiplies token embeddings by sqrt(n_embd)
ONE_HOT_TYPES = ("Q8_0", "F16", "F32")  # output-layer types whose one-hot rows are exact
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'&.+-]*")
UNUSED_TYPE = 5  # llama.cpp's token type for the one-hot rows
FORMAT = 3  # bump when the rows kept or the written file change


class VocabTexts:
    """The tokenizer of the full model: texts, types, and tokenizing word variants."""

    def __init__(self, llm: llama_cpp.Llama):
        self.llm, self.vocab, self.n_vocab = llm, llm._model.vocab, llm.n_vocab()

    def tokens(self, text: str) -> list[int]:
        return self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def word_tokens(self, word: str) -> set[int]:
        out: set[int] = set()
        for form in {word, word[:1].upper() + word[1:]}:
            out.update(self.tokens(form))
            out.update(self.tokens(" " + form))
        return out

    def head_ids(self, words: list[str]) -> np.ndarray:
        """The output rows kept: word tokens, short or punctuation ASCII tokens, byte tokens. No control
        token: the grammar never allows one (the answer ends at its closing brace)."""
        keep: set[int] = set()
        for word in words:
            keep |= self.word_tokens(word)
        for token in range(self.n_vocab):
            kind = llama_cpp.llama_vocab_get_attr(self.vocab, token)
            text = llama_cpp.llama_vocab_get_text(self.vocab, token).decode("utf-8", "replace").replace("\u2581", " ")
            if kind & llama_cpp.LLAMA_TOKEN_ATTR_BYTE or (
                    text.isascii() and (len(text) <= 2 or not any(c.isalnum() for c in text))):
                keep.add(token)
        return np.array(sorted(keep), dtype=np.int64)

    def item_ids(self, prompt_tokens: list[int], prompt: str) -> np.ndarray:
        ids = set(prompt_tokens)
        for word in set(WORD.findall(prompt)):
            ids |= self.word_tokens(word)
        return np.array(sorted(ids), dtype=np.int64)


@dataclass(frozen=True)
class ShortModel:
    """The cached pieces: the output rows kept, the short GGUF, where the full model's token_embd is."""

    ids: np.ndarray
    path: Path
    embd_offset: int  # bytes into the full model's file
    embd_type: int  # GGMLQuantizationType
    embd_shape: tuple[int, int]  # (rows, bytes per row)


# The cached files' names: <model stem>.head<N>-<key>.gguf and .npz (`news-enhancer models` reads them).
CACHE_NAME = re.compile(r"(?P<model>.+)\.head(?P<words>\d+)-(?P<key>[0-9a-f]{16})\.(?P<ext>gguf|npz)")


def cache_stem(model_path: Path, words: int) -> str:
    """The cached short copy's name without extension: keyed on the model file as it is now (path,
    size, modification time) and the number of words, so a changed model gets a new copy."""
    stat = model_path.stat()
    key = hashlib.sha256(f"{FORMAT}:{model_path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{words}".encode())
    return f"{model_path.stem}.head{words}-{key.hexdigest()[:16]}"


def short_model(texts: VocabTexts, model_path: Path, words: int, cache_dir: Path) -> ShortModel:
    """The short copy of `model_path` and what serving it needs, written to `cache_dir` on first use
    (reading the full file's tensor table with the gguf package takes ~10 s: done once, kept)."""
    stem = cache_stem(model_path, words)
    facts_file, target = cache_dir / f"{stem}.npz", cache_dir / f"{stem}.gguf"
    if not (facts_file.is_file() and target.is_file()):
        cache_dir.mkdir(parents=True, exist_ok=True)
        ids = texts.head_ids(common_words(words))
        log.info("writing a copy of %s with a %d-row output layer to %s (first use only)", model_path.name,
                 len(ids), target)
        facts: dict = {}
        _atomic(target, lambda out: facts.update(write_short_model(model_path, ids, out)))
        _atomic(facts_file, lambda out: out.write_bytes(_npz(ids=ids, **facts)))
    with np.load(facts_file) as facts:
        return ShortModel(facts["ids"], target, int(facts["embd_offset"]), int(facts["embd_type"]),
                          tuple(int(n) for n in facts["embd_shape"]))


def _atomic(path: Path, write) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        write(partial)
        partial.replace(path)  # atomic: a concurrent start sees the whole file or none
    finally:
        partial.unlink(missing_ok=True)


def _npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def write_short_model(source: Path, ids: np.ndarray, target: Path) -> dict:
    """Write the short copy; returns where the full file keeps token_embd (ShortModel's fields)."""
    from gguf import GGUFWriter

    from gguf_export.reader import open_gguf
    from gguf_export.writer import copy_metadata

    reader = open_gguf(source)
    arch = reader.fields["general.architecture"].contents()
    embd = _tensor(reader, "token_embd.weight")
    if arch not in SCALED_ARCHS or embd.tensor_type.name not in ONE_HOT_TYPES:
        raise ConfigError(f"head_words supports {', '.join(SCALED_ARCHS)} models whose token_embd is "
                          f"{'/'.join(ONE_HOT_TYPES)} ({source.name}: {arch}, {embd.tensor_type.name})")
    if any(t.name == "output.weight" for t in reader.tensors):
        raise ConfigError(f"head_words needs a model with tied embeddings ({source.name} has output.weight)")
    n_embd = int(embd.shape[0])
    remap = {int(old): new for new, old in enumerate(ids)}
    writer = GGUFWriter(str(target), arch)
    # nothing tokenizes with this copy: no merges, no chat template
    for key, value, kind, sub in copy_metadata(reader, skip=("tokenizer.ggml.merges", "tokenizer.chat_template")):
        if key in ("tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type"):
            value = [value[i] for i in ids] + _hidden_entries(key, n_embd)
        elif key.startswith("tokenizer.ggml.") and key.endswith("_token_id"):
            if int(value) not in remap:
                continue  # a special token the short vocabulary lacks; never needed by the head
            value = remap[int(value)]
        writer.add_key_value(key, value, kind, sub)
    file_type = reader.fields.get("general.file_type")
    if file_type is not None:  # copy_metadata leaves it to writers of a new type; the tensors here keep theirs
        writer.add_uint32("general.file_type", int(file_type.contents()))
    for tensor in reader.tensors:
        data = tensor.data
        if tensor.name == "token_embd.weight":
            data = np.concatenate([data[ids], _one_hot_rows(n_embd, tensor.tensor_type.name, data.dtype)])
        writer.add_tensor(tensor.name, np.ascontiguousarray(data), raw_dtype=tensor.tensor_type)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    rows = int(embd.shape[1])  # ggml order: [n_embd, n_vocab]
    return {"embd_offset": embd.data_offset, "embd_type": int(embd.tensor_type),
            "embd_shape": (rows, int(embd.n_bytes) // rows)}


def _hidden_entries(key: str, n_embd: int) -> list:
    if key == "tokenizer.ggml.tokens":
        return [f"<hidden_{j}>".encode() for j in range(n_embd)]
    return [0.0] * n_embd if key == "tokenizer.ggml.scores" else [UNUSED_TYPE] * n_embd


def _one_hot_rows(n_embd: int, type_name: str, dtype) -> np.ndarray:
    """n_embd rows of the identity in the tensor's storage type (Q8_0: scale 1.0, one quant = 1)."""
    if type_name != "Q8_0":
        return np.eye(n_embd, dtype=dtype)
    blocks = np.zeros((n_embd, n_embd // 32, 34), dtype=np.uint8)
    blocks[:, :, :2] = np.frombuffer(np.float16(1.0).tobytes(), dtype=np.uint8)
    rows = np.arange(n_embd)
    blocks[rows, rows // 32, 2 + rows % 32] = 1
    return blocks.reshape(n_embd, -1)


def _tensor(reader, name: str):
    for tensor in reader.tensors:
        if tensor.name == name:
            return tensor
    raise ModelError(f"the model has no {name} tensor")


class Embeddings:
    """Rows of the full model's token_embd, dequantised on demand (memory-mapped file)."""

    def __init__(self, model_path: Path, short: ShortModel):
        from gguf import GGMLQuantizationType

        self._data = np.memmap(model_path, dtype=np.uint8, mode="r", offset=short.embd_offset, shape=short.embd_shape)
        self._type = GGMLQuantizationType(short.embd_type)
        self.n_embd = len(self.rows([0])[0])
        self.scale = np.float32(np.sqrt(np.float32(self.n_embd)))  # ggml_scale(inp, sqrtf(n_embd))

    def rows(self, ids) -> np.ndarray:
        from gguf.quants import dequantize

        return dequantize(self._data[np.asarray(ids, dtype=np.int64)], self._type).astype(np.float32, copy=False)

    def inputs(self, ids) -> np.ndarray:
        """What the model's graph makes of these tokens before the first layer."""
        return self.rows(ids) * self.scale
