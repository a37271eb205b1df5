"""Numbers and companies an annotation may state (news_core/facts.py): only what the item's text holds."""

import pytest

from news_core.facts import company_grounded, count_numbers, numbers, ungrounded_numbers


def test_numbers_are_digit_runs_with_separators_between_digits_and_commas_dropped():
    assert numbers("GPT-4o costs $2.50, up 40% from 1,000 users in 2025.") == {"4", "2.50", "40", "1000", "2025"}
    assert numbers("H100s and o3-mini, v3.1.2") == {"100", "3", "3.1.2"}
    assert numbers("no digits here, only words.") == set()


@pytest.mark.parametrize("claims, text, missing", [
    (["Raised $180 million"], "raised $180 million", []),
    (["3,000 units"], "It sold 3000 units.", []),  # the same number with or without the comma
    (["Up about 50%"], "prices cut by more than half", ["50"]),
    (["Pricing as Claude 3.5 Sonnet"], "Pricing stays at $3", ["3.5"]),  # 3 is in the text, 3.5 is not
    (["Co-led by a16z"], "Andreessen Horowitz led", ["16"]),  # a number inside a name counts too
    (["40% and 40%"], "none", ["40", "40"]),  # repeats are each counted
])
def test_ungrounded_numbers_are_those_the_text_lacks(claims, text, missing):
    assert ungrounded_numbers(claims, text) == missing
    assert count_numbers(claims) >= len(missing)


@pytest.mark.parametrize("name, text, ok", [
    ("OpenAI", "openai ships", True),
    ("Anthropic", "Claude Code is generally available", True),  # a product names its company
    ("Google", "Gemini 2.5 Pro in the terminal", True),
    ("US Department of Defense", "The Pentagon awarded", True),  # an agency as newsletters name it
    ("Bezos Expeditions", "Jeff Bezos's investment firm", False),  # inferred, not named
    ("Nvidia", "AMD chips", False),
])
def test_a_company_is_grounded_by_its_name_or_a_listed_product_or_unit(name, text, ok):
    assert company_grounded(name, text) is ok
