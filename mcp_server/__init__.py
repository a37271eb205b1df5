"""The MCP stdio server: tools, service (item -> prompt -> backend -> result), transport, backends,
and the newsletter splitter. It stands on news_core; nothing below it imports it.

Light to import: no torch, no model loading at import.
"""

__version__ = "0.1.0"
