"""The MCP bundle's entry point: `news-enhancer serve` from the installed package (settings from NEWS_ENHANCER_*)."""

import sys

from news_core.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["serve", *sys.argv[1:]]))
