import sys

from news_core.cli import main

sys.exit(main(["serve", *sys.argv[1:]]))
