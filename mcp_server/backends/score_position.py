"""The score position of a llama.cpp answer: P(relevance_score = 1..10) from the model's logits.

At `"relevance_score": ` the grammar admits the digits 1-9 and, after a 1, a 0 or the closing
brace. In a vocabulary that splits digits (Gemma's) each is one token, so the ten scores'
probabilities need the digit logits here and one decode step past a "1" (is it "1}" or "10"?).
news_core.score_rules turns the distribution into a score.
"""

from __future__ import annotations

import logging

import numpy as np

log = logging.getLogger(__name__)

SCORE_AT = b'"relevance_score": '


class ScoreTokens:
    """Token ids of the digits 1-9, "0" and "}" in one llama.cpp vocabulary."""

    def __init__(self, digits: list[int], zero: int, close: int):
        self.digits, self.zero, self.close = digits, zero, close

    @classmethod
    def find(cls, llm) -> "ScoreTokens | None":
        """None when the vocabulary does not split digits (then the score is decoded greedily)."""
        def one(text: str) -> int | None:
            ids = llm.tokenize(text.encode(), add_bos=False, special=False)
            return ids[0] if len(ids) == 1 else None

        found = [one(str(d)) for d in range(1, 10)] + [one("0"), one("}")]
        if None in found or len(llm.tokenize(b"10", add_bos=False, special=False)) != 2:
            log.info("vocabulary does not split digits: relevance_score is decoded greedily")
            return None
        return cls(found[:9], found[9], found[10])

    def first_digit(self, guide, logits: np.ndarray) -> np.ndarray:
        """P(first digit = 1..9) under the grammar (refused digits get 0)."""
        ids = np.array(self.digits, dtype=np.int32)
        return softmax(guide.allowed_logits(ids, logits[ids]))

    def ten_after_one(self, logits: np.ndarray) -> float:
        """P("0" | "1"), from the logits after the "1": the grammar admits only "0" and "}" there."""
        return float(softmax(np.array([logits[self.zero], logits[self.close]]))[0])

    def tokens(self, score: int) -> list[int]:
        """The tokens that write `score` and close the object."""
        return [self.digits[0], self.zero, self.close] if score == 10 else [self.digits[score - 1], self.close]


def softmax(logits: np.ndarray) -> np.ndarray:
    """Probabilities over the finite logits (-inf, refused, gets 0); all refused gives NaNs."""
    x = np.where(np.isfinite(logits), logits, -np.inf).astype(np.float64)
    e = np.exp(x - x.max())
    return e / e.sum()
