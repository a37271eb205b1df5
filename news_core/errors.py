"""Typed errors raised inside the project; the CLI and MCP boundaries turn them into messages."""


class NewsEnhancerError(Exception):
    """Base class: every error the project raises on purpose."""


class ConfigError(NewsEnhancerError):
    """A setting is missing or invalid. The message names the setting."""


class InputError(NewsEnhancerError):
    """A caller passed an item or batch that cannot be processed."""


class ContractError(NewsEnhancerError):
    """A document does not follow the output contract."""


class ModelError(NewsEnhancerError):
    """The model could not be loaded, or failed to produce a valid result.

    `text` holds the raw model output when there was one, for evaluation and debugging.
    """

    def __init__(self, message: str, text: str | None = None):
        super().__init__(message)
        self.text = text


class ItemTimeout(ModelError):
    """An item ran past its time limit."""


class Cancelled(NewsEnhancerError):
    """The caller cancelled the work."""
