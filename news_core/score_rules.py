"""Relevance from the model's score distribution, not only its single most likely token.

A decoder that can read token probabilities at the score position (the gguf backend) builds
P(score = k) for k = 1..10 and picks the score by a rule:

- greedy: what token-by-token greedy decoding writes (the most likely first digit; after a 1,
  a 0 when "10" is likelier than "1"). Today's behaviour, and the other backends' only one.
- median: the smallest k with P(score <= k) >= 0.5; the choice that minimises the expected
  absolute error when the distribution is calibrated.
- mean: the expected score, rounded half up.

"10" is two tokens ("1", "0") in digit-splitting vocabularies such as Gemma's, so
P(10) = P("1") * P("0" | "1") and P(1) = P("1") * P("}" | "1").
"""

from __future__ import annotations

import math
from typing import Sequence

RULES = ("greedy", "median", "mean")
SCORES = tuple(range(1, 11))


def distribution(first_digit: Sequence[float], ten_after_one: float) -> list[float]:
    """P(score = 1..10) from P(first digit = 1..9) and P("0" follows a "1")."""
    if len(first_digit) != 9:
        raise ValueError("first_digit needs the probabilities of the digits 1 to 9")
    total = float(sum(first_digit))
    p = [x / total for x in first_digit] if total > 0 else [1 / 9] * 9
    one = p[0]
    return [one * (1.0 - ten_after_one), *p[1:], one * ten_after_one]


def choose(probs: Sequence[float], rule: str) -> int:
    """The score (1-10) a rule picks from P(score = 1..10)."""
    if len(probs) != 10:
        raise ValueError("probs must hold P(score = 1..10)")
    if rule == "greedy":
        first = [probs[0] + probs[9], *probs[1:9]]
        digit = max(range(9), key=lambda i: first[i]) + 1
        return 10 if digit == 1 and probs[9] > probs[0] else digit
    if rule == "median":
        total, running = sum(probs), 0.0
        for score, p in zip(SCORES, probs):
            running += p
            if running >= total / 2:
                return score
        return 10
    if rule == "mean":
        expected = sum(score * p for score, p in zip(SCORES, probs)) / sum(probs)
        return min(10, max(1, math.floor(expected + 0.5)))
    raise ValueError(f"unknown relevance rule {rule!r}; choose one of: {', '.join(RULES)}")
