"""The short output layer (head_words): same logits as the full model where it scores a token,
valid answers, and the full model again whenever the short one gives no valid answer."""

import time

import llama_cpp
import numpy as np
import pytest
from gguf import GGMLQuantizationType
from gguf.quants import dequantize

from mcp_server.backends.heads import FullHead, ShortHead
from mcp_server.backends.short_head import Embeddings, VocabTexts, _one_hot_rows, short_model
from mcp_server.config import ServerConfig
from mcp_server.models import resolve_adapter, resolve_model
from news_core.base_model import cache_root
from news_core.errors import ItemTimeout
from news_core.items import NewsItem
from news_core.prompt import INSTRUCTIONS, render_prompt

WORDS = ServerConfig().head_words  # the default backend's head: both share the cached files
ITEM = NewsItem(title="Zyphra ships ZAYA1, a mixture-of-experts model trained on AMD Instinct GPUs",
                content="Zyphra released ZAYA1 under Apache 2.0; it matches Qwen3 on reasoning benchmarks.")
pytestmark = pytest.mark.model


def test_one_hot_rows_are_the_identity_in_q8_0():
    rows = _one_hot_rows(64, "Q8_0", np.uint8)
    assert np.array_equal(dequantize(rows, GGMLQuantizationType.Q8_0), np.eye(64, dtype=np.float32))


@pytest.fixture(scope="module")
def heads():
    model, adapter = resolve_model("bundled"), resolve_adapter("default", "bundled")
    kwargs = dict(n_ctx=1024, n_threads=1, n_threads_batch=1, verbose=False, swa_full=True, lora_path=str(adapter))
    llm = llama_cpp.Llama(model_path=str(model), **kwargs)
    found = short_model(VocabTexts(llm), model, WORDS, cache_root() / "heads")
    prefix = llm.tokenize(INSTRUCTIONS.encode(), add_bos=True, special=False)
    short = ShortHead(llm, llama_cpp.Llama(model_path=str(found.path), **kwargs), found.ids,
                      Embeddings(model, found), prefix)
    yield llm, FullHead(llm, prefix), short, found.path
    short.close()
    llm.close()


def test_the_head_keeps_json_punctuation_bytes_and_the_words(heads):
    llm, _, short, _ = heads
    texts = VocabTexts(llm)
    kept = set(short.head_ids.tolist())
    for text in ['.",', '"],', ' ["', '":', "}", " the", "The", " company", "Company"]:
        assert set(texts.tokens(text)) <= kept, text
    byte_newline = llm.tokenize(b"<0x0A>", add_bos=False, special=True)
    assert set(byte_newline) <= kept
    assert len(kept) < llm.n_vocab() // 3


def test_the_shipped_word_list_keeps_the_rows_wordfreq_gave(heads):
    """news_core/assets/english_words.txt replaced the wordfreq package: the default head keeps the very
    rows it kept with wordfreq 3.1.1 (58,530; digest measured before the switch), so the cached short
    layer, whose file name does not depend on the list, is byte for byte the file written before."""
    import hashlib

    from news_core.words import common_words

    llm, _, short, _ = heads
    ids = np.asarray(VocabTexts(llm).head_ids(common_words(WORDS)), dtype="<i8")  # from the list, not the cache
    assert WORDS == 20000 and len(ids) == 58530 and np.array_equal(ids, short.head_ids)
    assert hashlib.sha256(ids.tobytes()).hexdigest() == (
        "743764697358df1da8eb265cdb5f1629ca27ea987ad2ce9342aa8a6ec3fce153")


def test_the_short_head_scores_its_tokens_exactly_as_the_full_model(heads):
    llm, full, short, _ = heads
    prompt = render_prompt(ITEM)
    tokens = llm.tokenize(prompt.encode(), add_bos=True, special=False)
    full.start(tokens, prompt)
    short.start(tokens, prompt)
    for step in range(4):
        a, b = full.logits().copy(), short.logits().copy()
        assert np.array_equal(a[short.head_ids], b[short.head_ids])  # same kernels, same rows: bit-identical
        item = short._item_ids
        assert len(item) > 0  # "Zyphra", "ZAYA": tokens no common word has
        assert np.allclose(a[item], b[item], atol=1e-3)  # numpy sums in another order
        outside = np.setdiff1d(np.arange(llm.n_vocab()), np.union1d(short.head_ids, item))
        assert np.isneginf(b[outside]).all()
        token = int(np.argmax(b))
        full.feed([token])
        short.feed([token])


def test_the_short_model_is_written_once(heads):
    llm, _, short, path = heads
    written = path.stat().st_mtime_ns
    again = short_model(VocabTexts(llm), resolve_model("bundled"), WORDS, path.parent)
    assert again.path == path and path.stat().st_mtime_ns == written
    assert np.array_equal(again.ids, short.head_ids)


def test_the_default_backend_decodes_on_the_short_head(default_backend):
    before = default_backend.short_fallbacks
    generation = default_backend.generate(render_prompt(ITEM))
    assert default_backend._short is not None and generation.metadata.summary
    assert default_backend.short_fallbacks == before


def test_no_valid_answer_on_the_short_head_means_the_full_model_answers(default_backend, monkeypatch):
    """When the short head's answer does not parse (here: it allows no token at all), the item is
    decoded again on the full model: the caller gets the full model's answer, not an error."""
    backend, prompt = default_backend, render_prompt(ITEM)
    expected = backend._run_on(backend._full, prompt, backend._llm.tokenize(prompt.encode(), add_bos=True), True,
                               None, None).text
    monkeypatch.setattr(backend._short, "logits", lambda: np.full(262144, -np.inf, dtype=np.float32))
    before = backend.short_fallbacks
    assert backend.generate(prompt).text == expected
    assert backend.short_fallbacks == before + 1


def test_a_timeout_on_the_short_head_is_not_retried(default_backend):
    before = default_backend.short_fallbacks
    with pytest.raises(ItemTimeout):
        default_backend.generate(render_prompt(ITEM), deadline=time.monotonic() - 1)
    assert default_backend.short_fallbacks == before


@pytest.mark.slow
def test_merge_adapter_serves_a_merged_q8_0_copy_written_once():
    """merge_adapter: the shipped GGUF LoRA merged into a Q8_0 copy of the base (numpy + llama.cpp's
    quantizer, no torch), cached; served without a LoRA, on the short head, valid answers."""
    from mcp_server.backends import load_backend
    from mcp_server.models import merged_model_path

    model, adapter = resolve_model("bundled"), resolve_adapter("default", "bundled")
    path = merged_model_path(model, adapter, cache_root() / "merged")
    written = path.stat().st_mtime_ns
    assert merged_model_path(model, adapter, cache_root() / "merged") == path and path.stat().st_mtime_ns == written
    backend = load_backend(ServerConfig(merge_adapter=True))
    try:
        assert backend.model_id == path.name and backend._short is not None
        assert backend.generate(render_prompt(ITEM)).metadata.summary
    finally:
        backend.close()


def test_serve_prepare_writes_the_cache_and_exits():
    """`news-enhancer serve --prepare` (run by `make install` and the Dockerfile): the first-use files
    are there afterwards and the command returns instead of serving."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "mcp_server", "--prepare"], capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ready:" in done.stderr and done.stdout == ""  # stdout stays the protocol's, even here
    assert list((cache_root() / "heads").glob(f"*head{WORDS}-*.gguf"))


def test_a_model_the_short_layer_does_not_support_is_served_on_the_whole_layer(tmp_path, caplog):
    """head_words is on by default: a llama-architecture GGUF (embeddings not scaled as Gemma's) gets
    a warning and the whole output layer, not a refusal to start."""
    from support import tiny

    from mcp_server.backends.gguf import GGUFBackend

    base = tiny.write_base_gguf(tiny.random_adapter(tiny.tiny_model("llama")), "llama", tmp_path / "tiny.gguf")
    backend = GGUFBackend(base, None, n_ctx=512, head_words=50)
    try:
        assert backend._short is None
        assert "decoding on the whole output layer" in caplog.text
    finally:
        backend.close()
