"""Grounded company names: the check the decoder runs on each token (mcp_server/backends/grounding.py)."""

import pytest

from mcp_server.backends.grounding import grounded, item_text
from news_core.items import NewsItem
from news_core.prompt import render_prompt

TEXT = item_text(render_prompt(NewsItem(title="OpenAI and AMD sign a deal",
                                        content="OpenAI will buy 6 GW of AMD Instinct chips; Lisa Su said so.")))
HEAD = b'{"summary": "s", "key_insights": ["x"], "company_names": ['


def test_item_text_is_the_item_without_the_instructions():
    assert TEXT.startswith("title: openai and amd") and "annotate this" not in TEXT and "json:" not in TEXT


@pytest.mark.parametrize("out, new, ok", [
    (b'{"summary": "Wall', b" Street", True),  # outside company_names: anything goes
    (HEAD, b'"Open', True),
    (HEAD + b'"Open', b"AI", True),
    (HEAD + b'"OpenAI', b'"', True),  # the closing quote of a name that is in the text
    (HEAD + b'"OpenAI", "', b"AM", True),
    (HEAD + b'"OpenAI", "', b"Wall", False),
    (HEAD + b'"Wall Street", "', b"AM", True),  # an earlier ungrounded name is not checked again
    (HEAD + b'"amd', b'"]', True),  # case-insensitive
    (HEAD + b'"OpenAI"]', b', "relevance_score": ', True),
    (HEAD + b'"Open', b'AI Inc', False),
])
def test_a_token_is_grounded_when_each_company_name_it_touches_is_in_the_text(out, new, ok):
    assert grounded(out, new, TEXT) is ok


def test_a_name_split_inside_a_utf8_character_is_judged_on_its_whole_characters():
    text = item_text(render_prompt(NewsItem(title="Mistral AI à Paris", content="Société Générale invests.")))
    partial = "Société".encode()[:4]  # "So" plus the first byte of "c" is fine; cut inside "é"
    assert grounded(HEAD, b'"' + partial, text)
