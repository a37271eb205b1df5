"""What every package's settings share: reading a TOML table with typed errors."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .errors import ConfigError


def read_toml_table(path: str | Path, table: str) -> dict[str, Any]:
    """The [table] of a TOML file (or its top level when it has no such table); typed errors.

    Every package's config loader reads its file through this."""
    try:
        doc = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    section = doc.get(table)
    return section if isinstance(section, dict) else doc
