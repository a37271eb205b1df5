"""Relevance rules over P(score = 1..10): greedy, median, mean (news_core/score_rules.py)."""

import pytest

from news_core.score_rules import RULES, choose, distribution


def test_ten_and_one_share_the_first_digit_one():
    probs = distribution([0.5] + [0.5 / 8] * 8, ten_after_one=0.8)
    assert probs[9] == pytest.approx(0.4) and probs[0] == pytest.approx(0.1)
    assert sum(probs) == pytest.approx(1.0)


def test_first_digit_probabilities_are_renormalised():
    probs = distribution([2.0] * 9, ten_after_one=0.0)
    assert sum(probs) == pytest.approx(1.0) and probs[9] == 0.0


def test_greedy_is_what_token_by_token_decoding_writes():
    # first digit "1" is likeliest (0.2 + 0.25 = 0.45) although 6 is the likeliest single score (0.3)
    probs = [0.2, 0, 0, 0, 0, 0.3, 0.25, 0, 0, 0.25]
    assert choose(probs, "greedy") == 10
    assert choose([0.3, 0, 0, 0, 0, 0.3, 0.25, 0, 0, 0.15], "greedy") == 1


def test_median_minimises_expected_absolute_error():
    probs = [0.4, 0, 0, 0, 0, 0, 0, 0.3, 0.3, 0]  # greedy says 1; half the mass lies at 8 and above
    assert choose(probs, "greedy") == 1
    assert choose(probs, "median") == 8
    expected_error = {k: sum(p * abs(k - s) for s, p in zip(range(1, 11), probs)) for k in range(1, 11)}
    assert expected_error[8] == min(expected_error.values())


def test_mean_rounds_half_up_and_stays_in_range():
    assert choose([0, 0, 0, 0, 0.5, 0.5, 0, 0, 0, 0], "mean") == 6  # 5.5
    assert choose([0] * 9 + [1.0], "mean") == 10
    assert choose([1.0] + [0] * 9, "mean") == 1


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_returns_a_valid_score(rule):
    assert 1 <= choose([0.1] * 10, rule) <= 10


def test_unknown_rule_and_wrong_lengths_are_refused():
    with pytest.raises(ValueError, match="choose one of"):
        choose([0.1] * 10, "mode")
    with pytest.raises(ValueError):
        choose([0.1] * 9, "median")
    with pytest.raises(ValueError):
        distribution([0.1] * 10, 0.5)
