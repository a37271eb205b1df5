"""Finding a repeated list element in a partial answer (the decoder then ends the list there)."""

from mcp_server.backends.repeats import closed_duplicate

HEAD = b'{"summary": "s", "key_insights": ["Amazon", "Amazon Autos"'


def test_a_repeat_closed_by_the_last_token_is_found_case_and_space_insensitively():
    out = HEAD + b', "amazon   AUTOS"'
    assert closed_duplicate(out, len(out) - 3) == len(HEAD)


def test_a_repeat_closed_earlier_is_not_reported_again():
    out = HEAD + b', "Amazon"'
    assert closed_duplicate(out, len(out)) is None


def test_open_elements_distinct_elements_and_closed_lists_are_no_repeat():
    assert closed_duplicate(HEAD + b', "Amazon', 0) is None
    assert closed_duplicate(HEAD + b', "Amazon Auto"', 0) is None
    assert closed_duplicate(HEAD + b'], "company_names": ["Amazon"', 0) is None  # another list
    assert closed_duplicate(b'{"summary": "Amazon", "key_insights": ["Amazon"', 0) is None


def test_escaped_quotes_and_multibyte_text_stay_inside_their_element():
    out = b'{"summary": "s", "key_insights": [], "company_names": ["Caf\xc3\xa9 \\"X\\"", "CAF\xc3\x89 \\"x\\""'
    assert closed_duplicate(out, len(out) - 1) == out.index(b', "CAF')
