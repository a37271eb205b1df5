"""forced_continuation: the text the grammar forces after a completion prefix (news_core/grammar.py)."""

import json

import pytest

from news_core.grammar import forced_continuation
from news_core.prompt import render_completion

ANSWER = render_completion({"summary": 'A "quoted" word', "key_insights": ["one", "two"],
                            "company_names": ["Acme"], "relevance_score": 7})


@pytest.mark.parametrize("prefix, forced, merges", [
    ("", '{"summary": "', True),
    ('{"sum', 'mary": "', True),
    ('{"summary": "', "", False),  # the summary's text is the model's
    ('{"summary": "half a sen', "", False),
    ('{"summary": "ab \\" c', "", False),  # an escaped quote does not close the string
    ('{"summary": "ab"', ', "key_insights": [', True),
    ('{"summary": "ab", "key_insights": ', "[", True),
    ('{"summary": "ab", "key_insights": [', "", False),  # `]` or an element: the model's choice
    ('{"summary": "ab", "key_insights": ["x"', "", False),  # `, ` or `]`
    ('{"summary": "ab", "key_insights": ["x",', ' "', True),
    ('{"summary": "ab", "key_insights": ["x", ', '"', True),
    ('{"summary": "ab", "key_insights": ["x", "y"]', ', "company_names": [', True),
    ('{"summary": "ab", "key_insights": []', ', "company_names": [', True),
    ('{"summary": "ab", "key_insights": [], "company_names": ["A"]', ', "relevance_score": ', False),
    ('{"summary": "ab", "key_insights": [], "company_names": [], "relevance_score": ', "", False),
    ('{"summary": "ab", "key_insights": [], "company_names": [], "relevance_score": 7', "", False),
    ("hello", "", False),
    ('{"summary": "ab", "key_insights": ["x"] "', "", False),
])
def test_forced_text_after_a_prefix(prefix, forced, merges):
    assert forced_continuation(prefix) == (forced, merges)


def test_forced_text_always_continues_the_canonical_answer():
    """At every prefix of a real answer, the forced text is what the answer says next."""
    for cut in range(len(ANSWER)):
        forced, _ = forced_continuation(ANSWER[:cut])
        assert ANSWER[cut:].startswith(forced), (ANSWER[:cut], forced)
    assert json.loads(ANSWER)["relevance_score"] == 7
