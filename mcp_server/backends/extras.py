"""Checks for backend-specific ServerConfig settings (`openai_api`, `openai_constraint`,
`batch_size`), done when the backend is built so a bad value fails at start-up naming the setting.
"""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError


def extra_setting(config, name: str, default: Any, choices: tuple | None = None) -> Any:
    value = getattr(config, name, default)
    if default is not None and type(value) is not type(default):
        raise ConfigError(f"{name} must be of type {type(default).__name__}, got {value!r}")
    if choices is not None and value not in choices:
        raise ConfigError(f"{name} = {value!r} is not one of: {', '.join(map(str, choices))}")
    return value
