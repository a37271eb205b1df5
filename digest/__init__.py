"""The digest: many enhanced newsletter items -> one report per day or week, with no model.

collect reads newsletters into items (the splitter's rules), stories merges the items several
newsletters carried, build groups everything into periods with top items, topics and companies,
render writes the Markdown, plots the PNGs, files the output folder. The model work (enhancing
the items) is the caller's: mcp_server's digest command and newsletter_digest tool.
"""

from .build import Options, build_digest
from .collect import Letter, model_item, read_letter, read_sources
from .render import render_markdown

__all__ = ["Letter", "Options", "build_digest", "model_item", "read_letter", "read_sources", "render_markdown"]
