"""Server configuration: one dataclass, loaded from TOML at the entry point, overridden by flags.

Precedence: defaults < TOML file < environment (NEWS_ENHANCER_*) < command-line flags.
Only the entry point (serve_cli) reads the environment; everything below gets a ServerConfig.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from news_core.errors import ConfigError
from news_core.items import (
    MAX_CONTENT_CHARS,
    MAX_ID_CHARS,
    MAX_PUBLISHED_CHARS,
    MAX_SOURCE_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
)
from news_core.settings import read_toml_table

ENV_PREFIX = "NEWS_ENHANCER_"
REFUSED_WHEN_LONGER = ("source", "published", "url", "id")
OPENAI_APIS = ("completions", "chat")
OPENAI_CONSTRAINTS = ("grammar", "json_schema", "structured_outputs", "guided_json", "none")


@dataclass
class ServerConfig:
    backend: str = "gguf"
    # GGUF file path, or "bundled" for the packaged Gemma 3 270M Q4_K_M.
    model: str = "bundled"
    # GGUF LoRA adapter path; "default" = the project's shipped adapter; "none" = base model only.
    adapter: str = "default"
    n_ctx: int = 2048
    n_threads: int = 0  # 0 = auto: half the cores, at most 4
    max_tokens: int = 768
    max_title_chars: int = MAX_TITLE_CHARS
    max_content_chars: int = MAX_CONTENT_CHARS
    # Longer values of these fields are refused (the error names the field and the setting).
    max_source_chars: int = MAX_SOURCE_CHARS
    max_published_chars: int = MAX_PUBLISHED_CHARS
    max_url_chars: int = MAX_URL_CHARS
    max_id_chars: int = MAX_ID_CHARS
    max_batch_items: int = 500
    # Items of one newsletter past this get an "over the limit" error entry each (none is dropped).
    max_newsletter_items: int = 200
    item_timeout_s: float = 120.0
    # On shutdown, how long running model work may take to stop before the model is left unfreed.
    shutdown_wait_s: float = 10.0
    # openai backend
    base_url: str = ""
    api_key: str = ""
    remote_model: str = ""
    max_in_flight: int = 4
    openai_api: str = "completions"  # completions (raw prompt, as trained) | chat
    openai_constraint: str = "grammar"  # grammar | json_schema | structured_outputs | guided_json | none
    # peft backend
    device: str = "auto"
    batch_size: int = 8

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        positive = ("n_ctx", "max_tokens", "max_title_chars", "max_content_chars", "max_source_chars",
                    "max_published_chars", "max_url_chars", "max_id_chars", "max_batch_items", "max_newsletter_items",
                    "max_in_flight",
                    "batch_size")
        for name in positive:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        if not isinstance(self.n_threads, int) or self.n_threads < 0:
            raise ConfigError(f"n_threads must be 0 (all cores) or a positive integer, got {self.n_threads!r}")
        for name in ("item_timeout_s", "shutdown_wait_s"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < float("inf"):
                raise ConfigError(f"{name} must be a positive number of seconds, got {value!r}")
        if self.n_ctx < 256:
            raise ConfigError(f"n_ctx must be at least 256, got {self.n_ctx}")
        for name, choices in (("openai_api", OPENAI_APIS), ("openai_constraint", OPENAI_CONSTRAINTS)):
            if getattr(self, name) not in choices:
                raise ConfigError(f"{name} = {getattr(self, name)!r} is not one of: {', '.join(choices)}")

    def field_limits(self) -> dict[str, tuple[int, str]]:
        """Refused-when-longer fields: name -> (limit, the setting that controls it)."""
        return {name: (getattr(self, f"max_{name}_chars"), f"max_{name}_chars") for name in REFUSED_WHEN_LONGER}

    def replace(self, **changes: Any) -> "ServerConfig":
        return dataclasses.replace(self, **changes)


def _coerce(name: str, raw: Any) -> Any:
    kinds = {f.name: f.type for f in fields(ServerConfig)}
    if name not in kinds:
        raise ConfigError(f"unknown setting {name!r}; known settings: {', '.join(sorted(kinds))}")
    kind = kinds[name]
    if not isinstance(raw, str) or kind == "str":
        return raw
    try:
        return {"int": int, "float": float}.get(kind, str)(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be of type {kind}, got {raw!r}") from exc


def load_config(
    path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> ServerConfig:
    """Build the config: TOML file (table [server] or top level), then environment, then overrides."""
    values: dict[str, Any] = {}
    if path:
        values.update({k: _coerce(k, v) for k, v in read_toml_table(path, "server").items()})
    for key, raw in (environ or {}).items():
        if key.startswith(ENV_PREFIX) and key != ENV_PREFIX + "CONFIG":
            values[key[len(ENV_PREFIX):].lower()] = _coerce(key[len(ENV_PREFIX):].lower(), raw)
    values.update({k: _coerce(k, v) for k, v in (overrides or {}).items() if v is not None})
    try:
        return ServerConfig(**values)
    except TypeError as exc:
        raise ConfigError(str(exc)) from exc


def config_from_environment(path: str | None, overrides: Mapping[str, Any]) -> ServerConfig:
    """Entry-point helper: the only place that reads os.environ."""
    env = dict(os.environ)
    return load_config(path or env.get(ENV_PREFIX + "CONFIG"), overrides, env)
