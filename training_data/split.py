"""Deterministic temporal train/test split.

Records are sorted by (published, id); the earliest (1 - test_fraction) go to train, the rest to
test, so the test set is the newest news, as it will be in use. Undated records (published == "")
sort first, into train: the test set stays strictly dated. Items of one day may fall on both sides
of the cut; the id decides, so the result never depends on input order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from news_core.errors import ConfigError

from .load import load_records
from .records import Record

DEFAULT_TEST_FRACTION = 0.2


def sort_key(record: Record) -> tuple[str, str]:
    return record.published, record.id


def count_test(total: int, test_fraction: float = DEFAULT_TEST_FRACTION) -> int:
    """How many records go to test: total * fraction, rounded half up."""
    check_fraction(test_fraction)
    return min(total, math.floor(total * test_fraction + 0.5))


def split(records: Sequence[Record], test_fraction: float = DEFAULT_TEST_FRACTION) -> tuple[list[Record], list[Record]]:
    """(train, test), both in (published, id) order. Same input set -> same output, always."""
    ordered = sorted(records, key=sort_key)
    cut = len(ordered) - count_test(len(ordered), test_fraction)
    return ordered[:cut], ordered[cut:]


def default_split(test_fraction: float = DEFAULT_TEST_FRACTION) -> tuple[list[Record], list[Record]]:
    """The split of the shipped dataset (training_data/data/*.jsonl)."""
    return split(load_records(), test_fraction)


def check_fraction(test_fraction: float) -> None:
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, (int, float)) or not 0 < test_fraction < 1:
        raise ConfigError(f"test_fraction must be a number strictly between 0 and 1, got {test_fraction!r}")
