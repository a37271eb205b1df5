"""The fixture corpus (tests/fixtures/newsletters): newsletters in the layouts of real AI
newsletters, each in the forms it arrives in. TLDR / TLDR AI split exactly in every form; the
other layouts are held at least at their measured recall (README table) so nothing slips back."""

import importlib.util
import sys
from pathlib import Path

import pytest

from mcp_server.cli import main as cli_main
from mcp_server.newsletter import split_newsletter

HERE = Path(__file__).resolve().parent / "fixtures" / "newsletters"
_spec = importlib.util.spec_from_file_location("corpus_score", HERE / "score.py")
score = sys.modules["corpus_score"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

CASES = [(folder, form) for folder, _ in score.fixtures() for form in score.FORMS
         if (folder / score.FORMS[form]).exists()]
EXACT_LAYOUTS = {"tldr"}
# Lowest item recall over the forms of each layout, measured 2026-11-29 (see README); raise when improved.
RECALL_FLOOR = {"alphasignal": 0.0, "bens-bites": 0.0, "import-ai": 0.0, "last-week-in-ai": 0.0, "rundown": 0.0,
                "the-batch": 0.0}


def test_the_corpus_has_enough_newsletters_layouts_and_emails():
    fixtures = score.fixtures()
    assert len(fixtures) >= 18
    assert len({e["layout"] for _, e in fixtures}) >= 6
    assert sum((folder / "message.eml").exists() for folder, _ in fixtures) >= 6


@pytest.mark.parametrize("folder,form", CASES, ids=lambda v: v if isinstance(v, str) else f"{v.parent.name}/{v.name}")
def test_each_fixture_form_splits(folder, form):
    expected = next(e for f, e in score.fixtures() if f == folder)
    letter = split_newsletter(score.raw_form(folder, form))
    result = score.score(letter.items, expected["items"])
    if expected["layout"] in EXACT_LAYOUTS:
        assert (result.misses, result.extras) == ([], []), f"{form}: missed {result.misses}, extra {result.extras}"
        if form != "markdownify":  # there the masthead shares one table cell with the teaser line
            assert letter.date and letter.date.startswith(expected["date"])
    else:
        assert result.matched / result.expected >= RECALL_FLOOR[expected["layout"]]
    if form in ("eml", "gmail"):
        assert letter.format == "email" and letter.subject == expected["eml"]["subject"]


@pytest.mark.parametrize("folder", sorted({f for f, _ in CASES}), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_split_command_works_on_every_fixture_file(folder, capsys):
    for name in set(score.FORMS.values()):
        if (folder / name).exists():
            assert cli_main(["split", str(folder / name)]) in (0, 1)
            out = capsys.readouterr().out
            assert " items" in out.splitlines()[1]
