"""Whole-dataset validation: every record, the conventions, size and sponsored share, the split, leakage."""

from __future__ import annotations

from dataclasses import dataclass, field

from .config import DataConfig
from .conventions import convention_problems
from .errors import DataError, Problem
from .leakage import check_leakage, find_duplicates
from .load import load_records, split_origin
from .records import Record
from .split import split


@dataclass
class Validation:
    records: list[Record] = field(default_factory=list)
    train: list[Record] = field(default_factory=list)
    test: list[Record] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        n, sponsored = len(self.records), sum(r.sponsored for r in self.records)
        share = f"{100 * sponsored / n:.1f}%" if n else "-"
        return (
            f"{n} records, {sponsored} sponsored ({share}), split train {len(self.train)} / test {len(self.test)}, "
            f"no leakage, no duplicates"
        )


def validate_dataset(config: DataConfig) -> Validation:
    """Collect every problem of the dataset named by `config` (never stops at the first)."""
    result = Validation()
    try:
        result.records = load_records(config.paths())
    except DataError as exc:
        result.problems += [str(p) for p in exc.problems]
        return result
    records = result.records
    for record in records:
        file, line = split_origin(record.origin)
        result.problems += [str(Problem(file, line, f, m)) for f, m in convention_problems(record)]
    n, sponsored = len(records), sum(r.sponsored for r in records)
    if n < config.min_items:
        result.problems.append(f"dataset: {n} records, fewer than min_items = {config.min_items}")
    if n and sponsored / n < config.min_sponsored:
        result.problems.append(
            f"dataset: {sponsored} sponsored of {n} ({100 * sponsored / n:.1f}%), "
            f"below min_sponsored = {config.min_sponsored:.0%}"
        )
    result.train, result.test = split(records, config.test_fraction)
    if not result.train or not result.test:
        result.problems.append(f"split: train {len(result.train)} / test {len(result.test)}; both must be non-empty")
    leaks = check_leakage(result.train, result.test)
    result.problems += [f"leakage (train ~ test): {finding}" for finding in leaks]
    leaked = {(f.first.id, f.second.id) for f in leaks}
    for finding in find_duplicates(records):
        pair = {(finding.first.id, finding.second.id), (finding.second.id, finding.first.id)}
        if not pair & leaked:
            result.problems.append(f"duplicate: {finding}")
    return result
