"""Inference backends, chosen by name from configuration and imported only when used."""

from __future__ import annotations

import importlib
import logging

from news_core.errors import ConfigError

from .base import Backend, Generation

log = logging.getLogger(__name__)

SCORE_RULE_BACKENDS = ("gguf",)  # the backends that read the score distribution (relevance_rule)

# name -> "module:factory"; the factory takes the ServerConfig and returns a loaded Backend.
REGISTRY: dict[str, str] = {
    "gguf": "mcp_server.backends.gguf:GGUFBackend",
    "peft": "mcp_server.backends.peft:PeftBackend",
    "openai": "mcp_server.backends.openai_compat:OpenAIBackend",
}


def load_backend(config) -> Backend:
    """Build the backend named by `config.backend` (loads the model: call once)."""
    target = REGISTRY.get(config.backend)
    if target is None:
        raise ConfigError(f"backend = {config.backend!r} is unknown; choose one of: {', '.join(sorted(REGISTRY))}")
    if config.relevance_rule != "greedy" and config.backend not in SCORE_RULE_BACKENDS:
        log.info("relevance_rule = %r applies to the gguf backend only; backend %s decodes the score greedily",
                    config.relevance_rule, config.backend)
    module_name, _, attr = target.partition(":")
    factory = getattr(importlib.import_module(module_name), attr)
    return factory.from_config(config)


__all__ = ["Backend", "Generation", "REGISTRY", "load_backend"]
