"""The relevance probe (news_core/probe.py, mcp_server/probe_fit.py): fitting, the file, and the gguf
backend picking relevance_score with it."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from news_core.bundled import DEFAULT_GGUF_ADAPTER
from news_core.errors import ConfigError
from news_core.items import NewsItem
from news_core.probe import FILE, RelevanceProbe, cross_validate, fit_ridge
from news_core.prompt import render_prompt
from mcp_server.backends.decoding import _says_sponsored


def _data(n=200, d=16, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    y = np.clip(np.round(5.5 + 2.0 * x[:, 0] - 1.0 * x[:, 1] + rng.normal(scale=0.3, size=n)), 1, 10)
    return x, y


def test_ridge_recovers_a_linear_score_and_cross_validation_picks_a_mild_alpha():
    x, y = _data()
    cv = cross_validate(x, y, (0.1, 10.0, 1e5))
    assert cv["alpha"] in (0.1, 10.0) and cv["mae_by_alpha"][cv["alpha"]] < 0.5 < cv["mae_by_alpha"][1e5]
    probe = fit_ridge(x, y, cv["alpha"])
    predicted = np.array([probe.score(row) for row in x])
    assert np.mean(np.abs(predicted - y)) < 0.5 and predicted.min() >= 1 and predicted.max() <= 10


def test_the_file_round_trips_and_bad_files_are_refused_by_name(tmp_path):
    x, y = _data()
    probe = fit_ridge(x, y, 1.0, "abc")
    probe.save(tmp_path / FILE, alpha=1.0)
    loaded = RelevanceProbe.load(tmp_path / FILE)
    assert loaded.adapter_sha256 == "abc" and loaded.score(x[0]) == probe.score(x[0])
    with pytest.raises(ConfigError, match="hidden state of 16 values"):
        loaded.score(np.zeros(8))
    doc = json.loads((tmp_path / FILE).read_text())
    (tmp_path / "bad.json").write_text(json.dumps({**doc, "scale": doc["scale"][:3]}))
    with pytest.raises(ConfigError, match="bad.json"):
        RelevanceProbe.load(tmp_path / "bad.json")
    with pytest.raises(ConfigError, match="missing.json"):
        RelevanceProbe.load(tmp_path / "missing.json")


def _constant_probe(path, score: float, n_embd: int, adapter=DEFAULT_GGUF_ADAPTER):
    digest = hashlib.sha256(adapter.read_bytes()).hexdigest()
    RelevanceProbe(np.zeros(n_embd), np.ones(n_embd), np.zeros(n_embd), score, digest).save(path)
    return path


ITEM = NewsItem(title="OpenAI releases a new reasoning model", content="OpenAI released o5 to all ChatGPT users.")


def test_the_backend_picks_the_score_the_probe_reads_from_the_hidden_state(default_backend, monkeypatch, tmp_path):
    from mcp_server.backends.gguf import _probe

    n_embd = default_backend._llm.n_embd()
    probe = _probe(DEFAULT_GGUF_ADAPTER, str(_constant_probe(tmp_path / FILE, 2.6, n_embd)))
    monkeypatch.setattr(default_backend, "probe", probe)
    monkeypatch.setattr(default_backend, "relevance_head", None)  # the head, where there is one, comes first
    gen = default_backend.generate(render_prompt(ITEM))
    assert gen.metadata.relevance_score == 3 and len(gen.score_probs) == 10


def test_an_answer_that_says_it_is_an_ad_keeps_1_whatever_the_probe_reads(default_backend, monkeypatch, tmp_path):
    from mcp_server.backends.gguf import _probe

    n_embd = default_backend._llm.n_embd()
    monkeypatch.setattr(default_backend, "probe", _probe(DEFAULT_GGUF_ADAPTER, str(_constant_probe(tmp_path / FILE, 7.0, n_embd))))
    monkeypatch.setattr(default_backend, "relevance_head", None)
    ad = NewsItem(title="Ship RAG apps in days with VectorForge (Sponsor)",
                  content="VectorForge is the managed vector database for RAG. Start free today.")
    gen = default_backend.generate(render_prompt(ad))
    assert any(c.startswith("Sponsored") for c in [gen.metadata.summary, *gen.metadata.key_insights])
    assert gen.metadata.relevance_score == 1
    gen = default_backend.generate(render_prompt(ITEM))
    assert gen.metadata.relevance_score == 7


def test_the_hidden_state_is_the_same_on_the_short_and_the_full_head(default_backend, monkeypatch):
    prompt = render_prompt(ITEM)
    answer = '{"summary": "x", "key_insights": ["y"], "company_names": ["OpenAI"], "relevance_score": '
    short = default_backend.hidden_at(prompt, answer)
    monkeypatch.setattr(default_backend, "_short", None)
    full = default_backend.hidden_at(prompt, answer)
    assert short.shape == full.shape == (default_backend._llm.n_embd(),)
    assert np.corrcoef(short, full)[0, 1] > 0.99


def test_a_probe_of_another_adapter_is_ignored_under_auto_and_refused_by_path(tmp_path, caplog):
    from mcp_server.backends.gguf import _probe

    adapter = tmp_path / "other.gguf"
    adapter.write_bytes(b"another adapter")
    _constant_probe(tmp_path / FILE, 5.0, 4)  # fitted on the shipped adapter, beside another one
    assert _probe(adapter, "auto") is None and "fitted on another adapter" in caplog.text
    with pytest.raises(ConfigError, match="probe_fit"):
        _probe(adapter, str(tmp_path / FILE))
    assert _probe(adapter, "off") is None and _probe(None, "auto") is None
    _constant_probe(tmp_path / FILE, 5.0, 4, adapter=adapter)
    assert _probe(adapter, "auto").bias == 5.0


class _Recording(RelevanceProbe):
    """A probe that keeps every hidden state it is shown."""

    seen: list = []

    def value(self, hidden):
        self.seen.append(hidden.copy())
        return super().value(hidden)


def test_the_served_state_is_the_one_reprobe_reads_from_the_written_answer(default_backend, monkeypatch):
    """evaluation/reprobe.py measures a probe on answers already written (teacher forcing); the
    server reads the state while decoding. Both must see the same state (measured: correlation
    0.997 between the two)."""
    n = default_backend._llm.n_embd()
    weights = np.random.default_rng(0).normal(scale=0.05, size=n)
    probe = _Recording(np.zeros(n), np.ones(n), weights, 5.5)
    monkeypatch.setattr(default_backend, "probe", probe)
    monkeypatch.setattr(default_backend, "relevance_head", None)
    for item in (ITEM, NewsItem(title="SQLite 3.50 adds JSON functions", content="The release adds new JSON helpers.")):
        _Recording.seen.clear()
        prompt = render_prompt(item)
        gen = default_backend.generate(prompt)
        served = _Recording.seen[0]
        text = gen.text
        taught = default_backend.hidden_at(prompt, text[:text.index('"relevance_score": ') + len('"relevance_score": ')])
        # not bit-equal: the decoder's own tokens and batch shapes differ from one pass over the text
        assert np.corrcoef(served, taught)[0, 1] > 0.99
        expected = 1 if _says_sponsored(gen.text[:gen.text.index('"relevance_score": ') + 19]) else probe.score(served)
        assert gen.metadata.relevance_score == expected


# -- the relevance head (news_core/relevance_head.py) comes before the probe -------------------------

def test_the_served_score_is_the_relevance_heads_unless_the_answer_says_it_is_an_ad(default_backend):
    """The shipped configuration: the head beside the shipped adapter writes the score, read from the
    same title-and-content text training fitted it on; an answer that calls the item an ad keeps 1."""
    from news_core.prompt import title_and_content
    from news_core.relevance_head import FILE as HEAD_FILE
    from news_core.relevance_head import RelevanceHead

    head = RelevanceHead.load(DEFAULT_GGUF_ADAPTER.parent / HEAD_FILE)
    assert default_backend.relevance_head is not None and default_backend.probe is None
    items = [ITEM, NewsItem(title="SQLite 3.50 adds JSONB indexes", content="SQLite 3.50 indexes JSONB columns "
                            "and makes WAL checkpoints faster."),
             NewsItem(title="Ship RAG apps in days with VectorForge (Sponsor)",
                      content="VectorForge is the managed vector database for RAG. Start free today.")]
    scores = []
    for item in items:
        gen = default_backend.generate(render_prompt(item))
        ad = any(c.startswith("Sponsored") for c in [gen.metadata.summary, *gen.metadata.key_insights])
        scores.append(gen.metadata.relevance_score)
        assert scores[-1] == (1 if ad else head.score(title_and_content(render_prompt(item))))
        assert json.loads(gen.text)["relevance_score"] == scores[-1]  # the text says what the metadata says
    assert scores[0] >= 8 and scores[1] <= 4 and scores[2] == 1  # an AI launch, a database release, an ad


def test_relevance_head_auto_off_and_path(tmp_path):
    from mcp_server.backends.gguf import _relevance_head

    assert _relevance_head(DEFAULT_GGUF_ADAPTER, "auto") is not None  # the shipped one, beside the shipped adapter
    assert _relevance_head(DEFAULT_GGUF_ADAPTER, "off") is None
    assert _relevance_head(None, "auto") is None  # adapter = none: the base model's own score
    other = tmp_path / "mine.gguf"
    other.write_bytes(b"an adapter trained elsewhere")
    assert _relevance_head(other, "auto") is None  # no head beside it: never another adapter's
    with pytest.raises(ConfigError, match="relevance_head = .*no such file"):
        _relevance_head(other, str(tmp_path / "missing.json"))
    (tmp_path / "bad.json").write_text("{}")
    with pytest.raises(ConfigError, match="bad.json"):
        _relevance_head(other, str(tmp_path / "bad.json"))
