"""news-enhancer: structured metadata for AI-industry newsletter items.

This package must stay light to import: no torch, no model loading at import.
"""

__version__ = "0.1.0"
