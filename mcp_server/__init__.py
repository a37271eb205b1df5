"""The MCP stdio server: tools, service (item -> prompt -> backend -> result), transport, backends.
It stands on news_core and newsletters; nothing below it imports it.

Light to import: no torch, no model loading at import.
"""

__version__ = "0.1.0"
