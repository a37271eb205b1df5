"""Write news_core/assets/english_words.txt: the most frequent English words, one a line, in order.

The short output layer (`head_words`, mcp_server/backends/short_head.py) keeps the tokens of the N
most frequent English words. That list was the only use of the wordfreq package (58 MB installed,
with four dependencies of its own), so it is generated once here and shipped as a 240 KB file.
Run it only to change the list; it needs wordfreq, which the project no longer depends on:

    .venv/bin/pip install wordfreq==3.1.1
    .venv/bin/python packaging/make_word_list.py            # rewrites the file
    .venv/bin/python packaging/make_word_list.py --check    # exit 1 if the file differs

The words are wordfreq's data (CC BY-SA 4.0; NOTICE names its sources), so the file keeps that
licence, not the project's MIT.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "news_core" / "assets" / "english_words.txt"
WORDS = 30000  # the default head_words is 20000; the rest leaves room to try larger heads
HEADER = (
    "# The {n} most frequent English words, most frequent first: wordfreq {version} top_n_list('en', {n}).\n"
    "# Data by Robyn Speer et al. (https://github.com/rspeer/wordfreq), CC BY-SA 4.0; sources in NOTICE.\n"
    "# Written by packaging/make_word_list.py; read by news_core.words. Lines starting with '# ' are comments.\n"
)


def word_list(n: int = WORDS) -> str:
    import wordfreq
    from importlib.metadata import version

    words = wordfreq.top_n_list("en", n)
    clashes = [w for w in words if w.startswith("# ") or w != w.strip() or not w or "\n" in w]
    if clashes or len(set(words)) != len(words):
        raise SystemExit(f"words that the file format cannot hold, or repeated: {clashes[:5]}")
    return HEADER.format(n=n, version=version("wordfreq")) + "".join(f"{w}\n" for w in words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    text = word_list()
    if args.check:
        same = TARGET.is_file() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.relative_to(ROOT)}: {'up to date' if same else 'differs'}")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
