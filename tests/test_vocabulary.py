"""The training answers' vocabulary (news_core/vocabulary.py) and the known-tag check that uses it."""

import json

import pytest

from mcp_server.backends.grounding import KnownTags, known_insight
from news_core.errors import ConfigError
from news_core.prompt import render_completion
from news_core.vocabulary import Vocabulary


def answer(insights, companies=()):
    return render_completion({"summary": "s", "key_insights": list(insights), "company_names": list(companies),
                              "relevance_score": 5})


def test_counts_answers_per_tag_and_the_share_of_repeated_tags(tmp_path):
    vocab = Vocabulary.from_completions([answer(["AI Agents", "LLM Release"], ["OpenAI"]),
                                         answer(["AI Agents", "AI Agents"]), answer(["Funding"])])
    assert vocab.insights == {"AI Agents": 2, "LLM Release": 1, "Funding": 1}
    assert vocab.companies == {"OpenAI": 1}
    assert vocab.repeat_share() == pytest.approx(2 / 4)
    path = vocab.save(tmp_path)
    assert json.loads(path.read_text())["repeat_share"] == 0.5
    assert Vocabulary.load(path) == vocab


def test_the_shipped_vocabulary_shows_free_text_insights():
    from news_core.bundled import DEFAULT_GGUF_ADAPTER

    shipped = Vocabulary.load(DEFAULT_GGUF_ADAPTER.parent / "vocabulary.json")
    assert len(shipped.insights) > 500 and shipped.repeat_share() < 0.1  # takeaways, not tags


TAGS = KnownTags(["AI Agents", "AI Safety", "LLM Release"])
HEAD = b'{"summary": "s", "key_insights": ['


@pytest.mark.parametrize("out, new, ok", [
    (HEAD, b'"AI', True),
    (HEAD + b'"AI', b" Saf", True),
    (HEAD + b'"ai saf', b'ety"', True),  # case-insensitive, closed on a whole tag
    (HEAD + b'"AI', b' Sa"', False),  # closed on a prefix only
    (HEAD + b'"AI Safety", "', b"Quantum", False),
    (HEAD + b'"Quantum", "', b"LLM", True),  # an earlier element is not judged again
    (HEAD + b'"LLM Release"]', b', "company_names": ["Whatever', True),
    (b'{"summary": "Quantum', b" leap", True),
])
def test_an_insight_stays_on_a_known_tag(out, new, ok):
    assert known_insight(out, new, TAGS) is ok


def test_insight_vocabulary_without_a_vocabulary_file_is_a_clear_error(tmp_path):
    from mcp_server.backends.gguf import _known_tags

    with pytest.raises(ConfigError, match="vocabulary.json beside the adapter"):
        _known_tags(tmp_path / "adapter.gguf")


def test_the_rest_of_each_tag_a_partial_element_could_become():
    from mcp_server.backends.grounding import INSIGHTS, open_element

    assert TAGS.rests("AI ") == ['Agents"', 'Safety"']
    assert TAGS.rests("ai s") == ['afety"']  # the tag's own case after the written prefix
    assert TAGS.rests("Quantum") == []
    assert open_element(HEAD + b'"AI Sa', INSIGHTS) == "AI Sa"
    assert open_element(HEAD + b'"AI Safety"', INSIGHTS) is None
    assert open_element(HEAD + b'"AI Safety", "', INSIGHTS) == ""
