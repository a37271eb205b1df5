"""Import the optional evaluation packages with one clear message when they are missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from news_core.errors import ConfigError

INSTALL_HINT = "pip install 'news-enhancer[eval]'"


def require(module: str, package: str | None = None) -> ModuleType:
    """Import `module` or raise ConfigError naming the package and the install command."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(
            f"evaluation needs the package {package or module!r}, which is not installed ({exc}); "
            f"run: {INSTALL_HINT}"
        ) from exc
