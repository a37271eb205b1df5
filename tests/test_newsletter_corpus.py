"""The fixture corpus (tests/fixtures/newsletters): newsletters in the layouts of real AI
newsletters, each in the forms it arrives in. The first seven layouts split exactly in every form
(docs/newsletters.md): their floors are all 1.0; TLDR / TLDR AI also give the masthead date. The
layouts folded in from the two blind sets hold the figures reached so far (newsletters/README.md)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from newsletters import split_newsletter
from news_core.cli import main as cli_main

HERE = Path(__file__).resolve().parent / "fixtures" / "newsletters"
_spec = importlib.util.spec_from_file_location("corpus_score", HERE / "score.py")
score = sys.modules["corpus_score"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

CASES = [(folder, form) for folder, _ in score.fixtures() for form in score.FORMS
         if (folder / score.FORMS[form]).exists()]
EXACT_LAYOUTS = {"tldr"}
# (recall, precision) floors per layout and form, measured 2026-11-29 (docs/newsletters.md): 1.0 everywhere
# since every layout's last fixes, so every fixture in every form splits exactly. Nothing may slip back.
FLOORS = {
    ("alphasignal", "eml"): (1.0, 1.0),
    ("alphasignal", "gmail"): (1.0, 1.0),
    ("alphasignal", "html"): (1.0, 1.0),
    ("alphasignal", "html2text"): (1.00, 1.00),
    ("alphasignal", "markdownify"): (1.00, 1.00),
    ("alphasignal", "text"): (1.0, 1.0),
    ("bens-bites", "html"): (1.0, 1.0),
    ("bens-bites", "html2text"): (1.00, 1.00),
    ("bens-bites", "markdownify"): (1.00, 1.00),
    ("bens-bites", "text"): (1.0, 1.0),
    ("import-ai", "eml"): (1.0, 1.0),
    ("import-ai", "gmail"): (1.0, 1.0),
    ("import-ai", "html"): (1.0, 1.0),
    ("import-ai", "html2text"): (1.00, 1.00),
    ("import-ai", "markdownify"): (1.00, 1.00),
    ("import-ai", "text"): (1.0, 1.0),
    ("last-week-in-ai", "eml"): (1.0, 1.0),
    ("last-week-in-ai", "gmail"): (1.0, 1.0),
    ("last-week-in-ai", "html"): (1.0, 1.0),
    ("last-week-in-ai", "html2text"): (1.00, 1.00),
    ("last-week-in-ai", "markdownify"): (1.00, 1.00),
    ("last-week-in-ai", "text"): (1.0, 1.0),
    ("rundown", "eml"): (1.0, 1.0),
    ("rundown", "gmail"): (1.0, 1.0),
    ("rundown", "html"): (1.0, 1.0),
    ("rundown", "html2text"): (1.00, 1.00),
    ("rundown", "markdownify"): (1.00, 1.00),
    ("rundown", "text"): (1.0, 1.0),
    ("the-batch", "eml"): (1.0, 1.0),
    ("the-batch", "gmail"): (1.0, 1.0),
    ("the-batch", "html"): (1.0, 1.0),
    ("the-batch", "html2text"): (1.00, 1.00),
    ("the-batch", "markdownify"): (1.00, 1.00),
    ("the-batch", "text"): (1.0, 1.0),
    ("tldr", "eml"): (1.0, 1.0),
    ("tldr", "gmail"): (1.0, 1.0),
    ("tldr", "html"): (1.0, 1.0),
    ("tldr", "html2text"): (1.00, 1.00),
    ("tldr", "markdownify"): (1.00, 1.00),
    ("tldr", "text"): (1.0, 1.0),
}
# The blind set's eight layouts, measured 2026-12-06 after the second round's splitter work (their first
# score was recall 0.684, precision 0.759): where a figure is under 1.0 the splitter still misses or
# adds items there (newsletters/README.md says which and why). Raise a floor when a fix lifts it.
NEW_FLOORS = {
    ("exponential-view", "html"): (1.0, 1.0),
    ("exponential-view", "html2text"): (1.0, 1.0),
    ("exponential-view", "markdownify"): (0.952, 1.0),
    ("exponential-view", "md"): (1.0, 1.0),
    ("exponential-view", "text"): (0.761, 0.842),
    ("hacker-newsletter", "eml"): (1.0, 1.0),
    ("hacker-newsletter", "gmail"): (1.0, 1.0),
    ("hacker-newsletter", "html"): (1.0, 1.0),
    ("hacker-newsletter", "html2text"): (1.0, 1.0),
    ("hacker-newsletter", "markdownify"): (1.0, 1.0),
    ("hacker-newsletter", "md"): (1.0, 0.49),
    ("hacker-newsletter", "text"): (1.0, 0.98),
    ("interconnects", "eml"): (1.0, 1.0),
    ("interconnects", "gmail"): (1.0, 1.0),
    ("interconnects", "html"): (1.0, 1.0),
    ("interconnects", "html2text"): (1.0, 1.0),
    ("interconnects", "markdownify"): (0.949, 1.0),
    ("interconnects", "md"): (1.0, 0.941),
    ("interconnects", "text"): (1.0, 0.952),
    ("pointer", "html"): (1.0, 1.0),
    ("pointer", "html2text"): (1.0, 1.0),
    ("pointer", "markdownify"): (1.0, 1.0),
    ("pointer", "md"): (1.0, 1.0),
    ("pointer", "text"): (1.0, 1.0),
    ("superhuman", "eml"): (0.916, 1.0),
    ("superhuman", "gmail"): (0.916, 1.0),
    ("superhuman", "html"): (0.952, 1.0),
    ("superhuman", "html2text"): (0.904, 0.95),
    ("superhuman", "markdownify"): (0.904, 0.904),
    ("superhuman", "md"): (1.0, 0.818),
    ("superhuman", "text"): (0.952, 1.0),
    ("the-download", "eml"): (1.0, 0.866),
    ("the-download", "gmail"): (1.0, 0.866),
    ("the-download", "html"): (1.0, 0.87),
    ("the-download", "html2text"): (1.0, 0.87),
    ("the-download", "markdownify"): (1.0, 0.9),
    ("the-download", "md"): (1.0, 0.823),
    ("the-download", "text"): (0.629, 0.607),
    ("the-neuron", "eml"): (1.0, 0.944),
    ("the-neuron", "gmail"): (1.0, 0.944),
    ("the-neuron", "html"): (1.0, 0.939),
    ("the-neuron", "html2text"): (1.0, 0.938),
    ("the-neuron", "markdownify"): (0.805, 0.961),
    ("the-neuron", "md"): (1.0, 0.943),
    ("the-neuron", "text"): (1.0, 0.938),
    ("thesequence", "eml"): (0.923, 1.0),
    ("thesequence", "gmail"): (0.923, 1.0),
    ("thesequence", "html"): (0.964, 1.0),
    ("thesequence", "html2text"): (0.964, 1.0),
    ("thesequence", "markdownify"): (0.713, 1.0),
    ("thesequence", "md"): (1.0, 0.937),
    ("thesequence", "text"): (0.964, 0.931),
}
FLOORS.update(NEW_FLOORS)
# The second blind set's six layouts (Turing Post, Data Science Weekly, Platformer, Semafor Tech,
# Axios AI+, Tech Brew), folded in 2026-12-06 at their first score (recall 0.747, precision 0.795 over
# every form; the splitter's second round, written without seeing them, moved no figure), raised to
# the third round's figures (recall 0.940, precision 0.884). Raise a floor when a fix lifts it.
BLIND2_FLOORS = {
    ("axios-ai-plus", "eml"): (1.0, 1.0),
    ("axios-ai-plus", "gmail"): (1.0, 1.0),
    ("axios-ai-plus", "html"): (1.0, 1.0),
    ("axios-ai-plus", "html2text"): (1.0, 1.0),
    ("axios-ai-plus", "markdownify"): (1.0, 0.817),
    ("axios-ai-plus", "md"): (1.0, 0.888),
    ("axios-ai-plus", "text"): (1.0, 1.0),
    ("data-science-weekly", "eml"): (1.0, 1.0),
    ("data-science-weekly", "gmail"): (1.0, 1.0),
    ("data-science-weekly", "html"): (1.0, 1.0),
    ("data-science-weekly", "html2text"): (1.0, 1.0),
    ("data-science-weekly", "markdownify"): (0.932, 1.0),
    ("data-science-weekly", "md"): (1.0, 0.928),
    ("data-science-weekly", "text"): (1.0, 1.0),
    ("platformer", "eml"): (1.0, 0.928),
    ("platformer", "gmail"): (1.0, 0.928),
    ("platformer", "html"): (1.0, 0.919),
    ("platformer", "html2text"): (1.0, 0.851),
    ("platformer", "markdownify"): (1.0, 0.851),
    ("platformer", "md"): (1.0, 0.832),
    ("platformer", "text"): (0.869, 0.869),
    ("semafor-tech", "eml"): (1.0, 0.908),
    ("semafor-tech", "gmail"): (1.0, 0.908),
    ("semafor-tech", "html"): (0.943, 0.943),
    ("semafor-tech", "html2text"): (0.888, 0.94),
    ("semafor-tech", "markdownify"): (1.0, 0.782),
    ("semafor-tech", "md"): (0.874, 0.777),
    ("semafor-tech", "text"): (0.888, 0.841),
    ("tech-brew", "eml"): (0.888, 1.0),
    ("tech-brew", "gmail"): (0.888, 1.0),
    ("tech-brew", "html"): (0.881, 1.0),
    ("tech-brew", "html2text"): (0.646, 1.0),
    ("tech-brew", "markdownify"): (0.94, 0.799),
    ("tech-brew", "md"): (1.0, 0.888),
    ("tech-brew", "text"): (0.764, 1.0),
    ("turing-post", "eml"): (1.0, 0.959),
    ("turing-post", "gmail"): (1.0, 0.959),
    ("turing-post", "html"): (1.0, 0.935),
    ("turing-post", "html2text"): (1.0, 0.879),
    ("turing-post", "markdownify"): (1.0, 0.879),
    ("turing-post", "md"): (1.0, 0.869),
    ("turing-post", "text"): (1.0, 0.935),
}
FLOORS.update(BLIND2_FLOORS)


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
    if form in ("eml", "gmail"):
        assert letter.format == "email" and letter.subject == expected["eml"]["subject"]


@pytest.mark.parametrize("folder", sorted({f for f, _ in CASES}), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_split_command_works_on_every_fixture_file(folder, capsys):
    for name in set(score.FORMS.values()):
        if (folder / name).exists():
            assert cli_main(["split", str(folder / name)]) in (0, 1)
            out = capsys.readouterr().out
            assert " items" in out.splitlines()[1]


def test_recall_and_precision_per_layout_and_form_hold_their_floors():
    table = score.run()
    assert set(table) == set(FLOORS), "a layout or form was added or removed: update FLOORS and docs/newsletters.md"
    slipped = {}
    for key, s in table.items():
        recall = s.matched / s.expected if s.expected else 1.0
        precision = s.matched / s.found if s.found else 1.0
        if recall < FLOORS[key][0] or precision < FLOORS[key][1]:
            slipped[key] = (round(recall, 3), round(precision, 3))
    assert not slipped, f"below the floor: {slipped}"
