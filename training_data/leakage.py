"""Train/test leakage and duplicate detection.

Four checks, on every pair of records:
  same_id          identical ids;
  same_title       identical normalised titles (see `normalise_text`);
  similar_title    normalised titles with a similarity >= TITLE_THRESHOLD (0.8), the similarity
                   being the larger of the Jaccard index of their character 4-gram sets (a word
                   or two changed) and of their word sets (the same words reordered), unless
                   the titles hold different numbers ("Bitcoin tops $100,000" / "$120,000",
                   "Llama 3" / "Llama 4" are different events);
  similar_content  Jaccard index of the word 3-gram sets of the normalised contents
                   >= CONTENT_THRESHOLD (0.5: about one word in ten changed), or containment
                   (share of the shorter content's 3-grams found in the other)
                   >= CONTAINMENT_THRESHOLD (0.8) when the shorter one has at least
                   MIN_CONTAINED_SHINGLES 3-grams: a copy cut short.
Calibrated on the 364 real seed items: apart from exact repeats, the highest title similarity is
0.82 (the same story retold) and then 0.56; contents of different items stay below 0.07 Jaccard and
0.18 containment. Scores come from one dense matrix product over only the shingles both sides
contain, so 450 x 450 items take a fraction of a second.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .records import Record

TITLE_THRESHOLD = 0.8
CONTENT_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.8
MIN_CONTAINED_SHINGLES = 10

_READ_TIME = re.compile(r"\(\s*\d+(?:\s*-\s*\d+)?\s*(?:minute|min)s?\.?\s+read\s*\)", re.IGNORECASE)
_TAGS = re.compile(
    r"\(\s*(?:github repo|repo|website|paper|arxiv|sponsor|podcast|video|pdf|thread|tweet|blog|tool|course|demo)\s*\)",
    re.IGNORECASE,
)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


@dataclass(frozen=True)
class Finding:
    """A pair of records too alike to sit on both sides of the split (or twice in one set)."""

    kind: str  # same_id | same_title | similar_title | similar_content
    first: Record
    second: Record
    score: float = 1.0

    def __str__(self) -> str:
        return (
            f"{self.kind} ({self.score:.2f}): {self.first.origin} [{self.first.id}] "
            f"~ {self.second.origin} [{self.second.id}]"
        )


def normalise_text(text: str) -> str:
    """Case-folded words only: markdown, emoji, punctuation, read times and tags removed."""
    text = unicodedata.normalize("NFKC", text)
    text = _TAGS.sub(" ", _READ_TIME.sub(" ", _LINK_TARGET.sub(" ", text)))
    kept = (ch if unicodedata.category(ch)[0] in "LN" else " " for ch in text.casefold())
    return " ".join("".join(kept).split())


def check_leakage(train: Sequence[Record], test: Sequence[Record]) -> list[Finding]:
    """Every train/test pair that shares an id, a title, or a near-identical title or content."""
    return _find(list(train), list(test), same=False)


def find_duplicates(records: Sequence[Record]) -> list[Finding]:
    """The same checks inside one set (each pair reported once, earlier record first)."""
    return _find(list(records), list(records), same=True)


def _find(a: list[Record], b: list[Record], same: bool) -> list[Finding]:
    findings: list[Finding] = []
    b_by_id = defaultdict(list)
    for j, record in enumerate(b):
        b_by_id[record.id].append(j)
    for i, record in enumerate(a):
        findings += [Finding("same_id", record, b[j]) for j in b_by_id[record.id] if not same or j > i]
    titles_a = [normalise_text(r.title) for r in a]
    titles_b = titles_a if same else [normalise_text(r.title) for r in b]
    b_by_title = defaultdict(list)
    for j, title in enumerate(titles_b):
        b_by_title[title].append(j)
    same_title = {(i, j) for i, t in enumerate(titles_a) if t for j in b_by_title[t] if not same or j > i}
    findings += [Finding("same_title", a[i], b[j]) for i, j in sorted(same_title)]

    by_chars, _ = _overlap([_char_grams(t) for t in titles_a], [_char_grams(t) for t in titles_b], same)
    by_words, _ = _overlap([set(t.split()) for t in titles_a], [set(t.split()) for t in titles_b], same)
    similarity = np.maximum(by_chars, by_words)
    for i, j in _pairs(similarity >= TITLE_THRESHOLD, same):
        if (i, j) not in same_title and _numbers(titles_a[i]) == _numbers(titles_b[j]):
            findings.append(Finding("similar_title", a[i], b[j], float(similarity[i, j])))

    contents_a = [_word_grams(normalise_text(r.content)) for r in a]
    contents_b = contents_a if same else [_word_grams(normalise_text(r.content)) for r in b]
    jaccard, containment = _overlap(contents_a, contents_b, same)
    similar = (jaccard >= CONTENT_THRESHOLD) | (containment >= CONTAINMENT_THRESHOLD)
    for i, j in _pairs(similar, same):
        findings.append(Finding("similar_content", a[i], b[j], float(max(jaccard[i, j], containment[i, j]))))
    return findings


def _numbers(text: str) -> set[str]:
    return {word for word in text.split() if word.isdigit()}


def _char_grams(text: str, n: int = 4) -> set[str]:
    if len(text) <= n:
        return {text} if text else set()
    return {text[k : k + n] for k in range(len(text) - n + 1)}


def _word_grams(text: str, n: int = 3) -> set[tuple[str, ...]]:
    words = tuple(text.split())
    if len(words) <= n:
        return {words} if words else set()
    return {words[k : k + n] for k in range(len(words) - n + 1)}


def _overlap(a_sets: list[set], b_sets: list[set], same: bool) -> tuple[np.ndarray, np.ndarray]:
    """(Jaccard, containment) matrices, len(a) x len(b); only shared shingles become columns."""
    if same:
        counts = Counter(s for shingles in a_sets for s in shingles)
        vocab = {s: k for k, s in enumerate(s for s, c in counts.items() if c > 1)}
    else:
        shared = set().union(*a_sets) & set().union(*b_sets) if a_sets and b_sets else set()
        vocab = {s: k for k, s in enumerate(shared)}
    A, B = _indicator(a_sets, vocab), (None if same else _indicator(b_sets, vocab))
    inter = A @ (A if same else B).T
    size_a = np.array([len(s) for s in a_sets], dtype=np.float32)
    size_b = np.array([len(s) for s in b_sets], dtype=np.float32)
    union = size_a[:, None] + size_b[None, :] - inter
    smaller = np.minimum(size_a[:, None], size_b[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, inter / union, 0.0)
        containment = np.where(smaller >= MIN_CONTAINED_SHINGLES, inter / smaller, 0.0)
    return jaccard, containment


def _indicator(sets: list[set], vocab: dict) -> np.ndarray:
    matrix = np.zeros((len(sets), len(vocab)), dtype=np.float32)
    for row, shingles in enumerate(sets):
        columns = [vocab[s] for s in shingles if s in vocab]
        matrix[row, columns] = 1.0
    return matrix


def _pairs(mask: np.ndarray, same: bool) -> list[tuple[int, int]]:
    if same:
        mask = np.triu(mask, k=1)
    return [(int(i), int(j)) for i, j in np.argwhere(mask)]
