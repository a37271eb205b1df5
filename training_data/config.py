"""Dataset settings: one dataclass; news_core.settings loads, checks, flags and documents it.

File: the [data] table (or top level); environment: NEWS_ENHANCER_DATA_<SETTING>.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from news_core.settings import Settings, setting

from .split import DEFAULT_TEST_FRACTION


@dataclass(frozen=True)
class DataConfig(Settings):
    table = "data"

    data: tuple[str, ...] = setting((), "dataset JSONL files; none = the shipped training_data/data/*.jsonl")
    test_fraction: float = setting(DEFAULT_TEST_FRACTION, "share of the newest records in the test split",
                                   gt=0, lt=1)
    min_items: int = setting(400, "validate: fewest records accepted", ge=0)
    min_sponsored: float = setting(0.04, "validate: smallest share of sponsored items accepted", ge=0, le=1)

    def paths(self) -> list[Path] | None:
        return [Path(p) for p in self.data] or None


def load_data_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None,
                     environ: Mapping[str, str] | None = None) -> DataConfig:
    """Defaults < TOML file < environment < overrides (None values in overrides are ignored)."""
    return DataConfig.load(path, overrides, environ)
