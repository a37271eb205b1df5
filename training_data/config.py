"""Dataset settings: one dataclass, from a TOML file ([data] table or top level) plus CLI flags."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from news_core.errors import ConfigError
from news_core.settings import read_toml_table

from .split import DEFAULT_TEST_FRACTION, check_fraction


@dataclass(frozen=True)
class DataConfig:
    # Dataset files; empty = the shipped training_data/data/*.jsonl.
    data: tuple[str, ...] = ()
    test_fraction: float = DEFAULT_TEST_FRACTION
    # What `validate` demands of the dataset.
    min_items: int = 400
    min_sponsored: float = 0.04  # share of sponsored items

    def __post_init__(self) -> None:
        check_fraction(self.test_fraction)
        if isinstance(self.min_items, bool) or not isinstance(self.min_items, int) or self.min_items < 0:
            raise ConfigError(f"min_items must be a non-negative integer, got {self.min_items!r}")
        if (
            isinstance(self.min_sponsored, bool)
            or not isinstance(self.min_sponsored, (int, float))
            or not 0 <= self.min_sponsored <= 1
        ):
            raise ConfigError(f"min_sponsored must be a share between 0 and 1, got {self.min_sponsored!r}")
        if isinstance(self.data, str) or not all(isinstance(p, str) for p in self.data):
            raise ConfigError(f"data must be a list of file paths, got {self.data!r}")
        object.__setattr__(self, "data", tuple(self.data))

    def paths(self) -> list[Path] | None:
        return [Path(p) for p in self.data] or None


def load_data_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> DataConfig:
    """Defaults < TOML file < overrides (None values in overrides are ignored)."""
    values: dict[str, Any] = {}
    if path:
        values.update(read_toml_table(path, "data"))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    known = {f.name for f in fields(DataConfig)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known settings: {', '.join(sorted(known))}")
    return DataConfig(**values)
