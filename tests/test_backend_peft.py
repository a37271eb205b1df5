"""The peft backend: batched, grammar-masked greedy decoding with transformers + a PEFT adapter folder.

Most tests use a tiny randomly initialised Gemma 3 (2 layers, sliding window 16) with a byte-level
BPE tokenizer trained here, saved as a Hugging Face folder, plus a LoRA adapter folder written by
PEFT: the real loading path, fast on a shared CPU. A random model is the worst case for the
grammar (it would never write JSON on its own). The slow tests load the bundled Gemma 3 270M.
"""

import json
import subprocess
import sys
import threading
import time

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("llguidance")

from support.grammar import quick_grammar  # noqa: E402

from mcp_server.backends import load_backend  # noqa: E402
from mcp_server.backends.peft import PeftBackend, pick_device, resolve_adapter_dir, resolve_base_name  # noqa: E402
from mcp_server.config import ServerConfig  # noqa: E402
from mcp_server.demo import SAMPLES  # noqa: E402
from news_core.contract import schema_errors  # noqa: E402
from news_core.errors import Cancelled, ConfigError, ItemTimeout, ModelError  # noqa: E402
from news_core.items import NewsItem  # noqa: E402
from news_core.prompt import render_completion, render_prompt  # noqa: E402

ITEMS = [NewsItem(**raw) for raw in json.loads(SAMPLES.read_text())]
PROMPTS = [render_prompt(item) for item in ITEMS]


def build_tiny_base(folder):
    """A Gemma 3 text model small enough to decode hundreds of tokens a second on one core."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig, PreTrainedTokenizerFast

    corpus = [p + render_completion({"relevance_score": 5, "summary": i.title, "key_insights": [i.content[:40]],
                                     "company_names": ["Nvidia"]}) for p, i in zip(PROMPTS, ITEMS)]
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    bpe.train_from_iterator(corpus, trainers.BpeTrainer(
        vocab_size=600, special_tokens=["<pad>", "<eos>", "<bos>"], initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    bpe.post_processor = processors.TemplateProcessing(single="<bos> $A", special_tokens=[("<bos>", 2)])
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe, bos_token="<bos>", eos_token="<eos>", pad_token="<pad>")
    torch.manual_seed(0)
    config = Gemma3TextConfig(
        vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=2,
        num_key_value_heads=1, head_dim=32, sliding_window=16, layer_types=["sliding_attention", "full_attention"],
        max_position_embeddings=4096, pad_token_id=0, eos_token_id=1, bos_token_id=2)
    Gemma3ForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def write_adapter(base_folder, out, base_name, *, identity=False):
    """A LoRA adapter folder as finetune/ writes it; random B (not the zero init) unless `identity`."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(1)
    model = AutoModelForCausalLM.from_pretrained(base_folder, dtype=torch.float32)
    lora = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM",
                      init_lora_weights=True if identity else False)
    get_peft_model(model, lora).save_pretrained(str(out))
    config = json.loads((out / "adapter_config.json").read_text())  # written after saving: PEFT would look
    config["base_model_name_or_path"] = base_name  # a name like "bundled" up on the hub while saving
    (out / "adapter_config.json").write_text(json.dumps(config))
    return out


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    base = build_tiny_base(root / "base")
    adapter = write_adapter(base, root / "adapter", str(base))
    return base, adapter


@pytest.fixture(scope="module")
def tiny_backend(tiny):
    base, adapter = tiny
    config = ServerConfig(backend="peft", model="bundled", adapter=str(adapter), device="cpu", n_threads=1,
                          max_tokens=1500, n_ctx=4096)
    backend = load_backend(config)  # the adapter's base_model_name_or_path picks the tiny base
    yield backend
    backend.close()


def test_random_model_output_is_schema_valid_under_the_real_grammar(tiny_backend):
    for gen in tiny_backend.generate_many(PROMPTS):
        assert not isinstance(gen, Exception), gen
        assert schema_errors(gen.metadata.model_dump()) == []
        assert gen.text.startswith('{"summary": ') and gen.completion_tokens > 10


@pytest.mark.slow  # a few seconds of CPU: out of make test-fast
def test_batch_matches_one_by_one_and_keeps_order(tiny_backend):
    singles = [tiny_backend.generate(p) for p in PROMPTS]
    batch = tiny_backend.generate_many(list(reversed(PROMPTS)))[::-1]
    assert [g.text for g in batch] == [g.text for g in singles]
    assert [g.prompt_tokens for g in batch] == [g.prompt_tokens for g in singles]
    assert len({g.text for g in singles}) == len(singles)  # distinct answers: the order check means something


def test_batch_is_one_forward_pass_per_step(tiny_backend):
    calls = []
    hook = tiny_backend.model.register_forward_hook(lambda module, args, kwargs_out: calls.append(1))
    try:
        results = tiny_backend.generate_many(PROMPTS[:4])
    finally:
        hook.remove()
    lengths = [g.completion_tokens for g in results]
    assert len(calls) <= max(lengths) + 1 < sum(lengths)
    assert all(g.stats["batch_size"] == 4 for g in results)


def test_adapter_is_applied(tiny, tiny_backend):
    base, _ = tiny
    plain = PeftBackend.load(str(base), None, device="cpu", n_threads=1, max_tokens=1500, n_ctx=4096)
    assert plain.generate(PROMPTS[0]).text != tiny_backend.generate(PROMPTS[0]).text
    assert tiny_backend.model_id == "base+adapter" and plain.model_id == "base"


def test_per_item_errors_leave_the_others_alone(tiny_backend):
    too_long = render_prompt(NewsItem(title="Long", content="word " * 4000))
    results = tiny_backend.generate_many([PROMPTS[0], too_long, PROMPTS[1]])
    assert isinstance(results[1], ModelError) and "n_ctx=4096" in str(results[1])
    assert results[0].text == tiny_backend.generate(PROMPTS[0]).text
    assert not isinstance(results[2], Exception)


def test_unfinished_answer_is_a_model_error_with_the_partial_text(tiny):
    base, _ = tiny
    backend = PeftBackend.load(str(base), None, device="cpu", n_threads=1, max_tokens=12, n_ctx=4096)
    with pytest.raises(ModelError, match="max_tokens=12") as info:
        backend.generate(PROMPTS[0])
    assert info.value.text.startswith('{"summary": ')


def test_deadline_and_cancel_stop_between_steps(tiny_backend):
    with pytest.raises(ItemTimeout):
        tiny_backend.generate(PROMPTS[0], deadline=time.monotonic() - 1)
    cancel = threading.Event()
    cancel.set()
    results = tiny_backend.generate_many(PROMPTS[:2], cancel=cancel)
    assert all(isinstance(r, Cancelled) for r in results)


@pytest.mark.slow  # a few seconds of CPU: out of make test-fast
def test_concurrent_callers_are_serialised(tiny_backend):
    """Four threads at once, two on each of two prompts, get what each prompt gets alone (six threads on
    three prompts until 2026-12-06: the same check, a third more decoding)."""
    expected = [tiny_backend.generate(p).text for p in PROMPTS[:2]]
    got = [None] * 4

    def work(k):
        got[k] = tiny_backend.generate(PROMPTS[k % 2]).text

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected + expected


def test_adapter_settings_are_checked(tmp_path, tiny):
    _, adapter = tiny
    gguf_file = tmp_path / "lora.gguf"
    gguf_file.write_bytes(b"GGUF")
    with pytest.raises(ConfigError, match="is a file; backend 'peft' needs the adapter folder"):
        resolve_adapter_dir(str(gguf_file))
    with pytest.raises(ConfigError, match="no such adapter folder"):
        resolve_adapter_dir(str(tmp_path / "missing"))
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "adapter_config.json").write_text("{}")
    with pytest.raises(ConfigError, match="lacks adapter_model.safetensors"):
        resolve_adapter_dir(str(tmp_path / "half"))
    assert resolve_adapter_dir("none") is None and resolve_adapter_dir(str(adapter)) == adapter


def test_base_model_choice(tiny):
    base, adapter = tiny
    assert resolve_base_name("bundled", adapter) == str(base)  # the adapter knows its base
    assert resolve_base_name("/elsewhere/model", adapter) == "/elsewhere/model"  # an explicit model wins
    assert resolve_base_name("bundled", None) == "bundled"
    with pytest.raises(ConfigError, match="GGUF file"):
        resolve_base_name("/models/base.gguf", adapter)


def test_device_setting_is_checked():
    assert pick_device("cpu").type == "cpu"
    with pytest.raises(ConfigError, match="device = 'gpu0' is not a torch device"):
        pick_device("gpu0")
    if not torch.cuda.is_available():
        with pytest.raises(ConfigError, match="no CUDA GPU"):
            pick_device("cuda")
        assert pick_device("auto").type in ("cpu", "mps")


def test_importing_the_server_does_not_import_torch():
    code = ("import sys, mcp_server, mcp_server.backends, mcp_server.service, mcp_server.server, news_core.cli; "
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules, 'torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_the_default_adapter_is_the_shipped_peft_adapter(monkeypatch):
    """adapter = "default" (the default) must serve the fine-tune the project ships, not the base."""
    from news_core.bundled import DEFAULT_PEFT_ADAPTER, missing_adapter_files

    assert resolve_adapter_dir("default") == DEFAULT_PEFT_ADAPTER
    assert missing_adapter_files(DEFAULT_PEFT_ADAPTER) == []
    seen = {}
    monkeypatch.setattr(PeftBackend, "load", classmethod(lambda cls, base, adapter, **kw: seen.update(base=base,
                                                                                                     adapter=adapter)))
    PeftBackend.from_config(ServerConfig(backend="peft"))
    assert seen == {"base": "bundled", "adapter": DEFAULT_PEFT_ADAPTER}


@pytest.mark.slow
@pytest.mark.model
def test_the_shipped_adapter_loads_from_the_default_config():
    """The real thing: `--backend peft` with every other setting default serves the shipped adapter
    (trained on 'bundled', as finetune/ writes it) over Gemma 3 270M."""
    backend = load_backend(ServerConfig(backend="peft", device="cpu", n_threads=1))
    try:
        assert backend.model_id == "bundled+default_adapter"
        matcher = backend._masks.matcher()
        allowed = backend._masks.allowed([matcher], backend.model.device)[0]
        first = [backend.tokenizer.decode([int(i)]) for i in allowed.nonzero().flatten()]
        assert first == ['{"']  # Gemma's vocabulary has one token that starts the canonical layout
        backend._masks = type(backend._masks)(backend.tokenizer, quick_grammar(), allowed.shape[0])
        gen = backend.generate(PROMPTS[0])
        assert schema_errors(gen.metadata.model_dump()) == [] and gen.text.startswith('{"summary": ')
    finally:
        backend.close()


def test_service_batches_a_chunk_through_generate_many(tiny_backend, monkeypatch):
    """The MCP batch path on peft: chunks of batch_size items, one generate_many each; bad items get
    their own entries, order and ids kept, results equal to one-at-a-time generation."""
    from mcp_server.service import Enhancer

    config = ServerConfig(backend="peft", batch_size=3, max_tokens=1500, n_ctx=4096)
    monkeypatch.setattr(tiny_backend, "batch_size", 3)  # chunks are as large as the backend's batches
    enhancer = Enhancer(tiny_backend, config)
    raws = [{"title": "OpenAI ships a model", "content": "OpenAI released GPT-5.", "id": "a"},
            {"title": "", "content": ""},
            "not an object",
            {"title": "Mistral raises money", "content": "Mistral raised EUR 1B."},
            {"title": "NVIDIA earnings", "content": "NVIDIA beat estimates.", "id": "e"}]
    calls = []
    original = tiny_backend.generate_many
    tiny_backend.generate_many = lambda prompts, **kw: calls.append(len(prompts)) or original(prompts, **kw)
    ids, entries = enhancer.item_ids(raws), []
    try:
        for first, chunk in enhancer.chunks(raws):  # as server._enhance_all walks a batch
            entries += enhancer.enhance_entries(chunk, first, ids=ids[first:first + len(chunk)])
    finally:
        del tiny_backend.generate_many
    assert calls == [1, 2]  # chunk 1: one valid item of three; chunk 2: both valid
    assert [e.id for e in entries] == ["a", "item-1", "item-2", "item-3", "e"]
    assert [e.ok for e in entries] == [True, False, False, True, True]
    single = tiny_backend.generate(render_prompt(NewsItem(**{k: v for k, v in raws[4].items() if k != "id"})))
    assert entries[4].metadata == single.metadata
