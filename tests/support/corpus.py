"""The fixture corpus's scorer (tests/fixtures/newsletters/score.py, a script beside the fixtures,
not a package), loaded once per test session and shared by every test that reads the corpus."""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "newsletters"


def load_score():
    """The score module; the same object for every caller (its tables are built at import)."""
    if (score := sys.modules.get("corpus_score")) is None:
        spec = importlib.util.spec_from_file_location("corpus_score", HERE / "score.py")
        score = sys.modules["corpus_score"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(score)
    return score
