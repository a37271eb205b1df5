"""The blind sets replayed: how the rules did on each set when it was new, beside the learned reader
trained without it, and what readings.weighed would have made of the two.

    python -m newsletters.learn.replay     (a source checkout with its git history; ~3 minutes)

Each blind set was scored once on the code of its day, before anyone who changes the splitter read
it. That code is in git (FIRST_SCORED), so the rules' first-sight split of every body of the set
can be made again: `git archive` writes that commit's newsletters/ package to a temporary folder and
a child process splits the set's fixtures (as they are now in the corpus) with it. The trees are
trained on every corpus layout but the set's. Printed per set and over all, for the body forms
(html, text, html2text, markdownify, md): the rules at first sight, the trees alone, and the two
weighed as readings.weighed does (the trees overrule the rules where the two disagree, and each
split is joined by the other's headlines the trees are sure enough of). The figures behind AGREE,
ADD_ODDS and BACK_ODDS (docs/newsletters.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ..model import NewsletterItem
from ..readings import Reading, score, weighed
from .corpus import CORPUS, samples, score_module
from .reader import learned_split
from .train import train

REPO = Path(__file__).resolve().parents[2]
# set -> the commit its first score was taken on (newsletters/README.md, tests/fixtures/newsletters/README.md)
FIRST_SCORED = {"blind set 1": "df7f69a", "blind set 2": "3022962", "blind set 3": "59544d8",
                "blind set 4": "169c054", "blind set 5": "3c84e38", "blind set 6": "d83d5ee",
                "blind set 7": "ce5733a", "blind set 8": "4b7bede",
                "blind set 9": "b5c2876", "blind set 10": "18bac25", "blind set 11": "a02d74b",
                "blind set 12": "156d3db", "blind set 13": "836477f",
                "blind set 14": "040ee9c", "blind set 15": "9a60ba1",
                "blind set 16": "fdde496"}
FORMS = ("html", "text", "html2text", "markdownify", "md")
# the child: splits the corpus fixtures of some layouts with the package at argv[1], prints JSON
CHILD = """
import importlib.util, json, sys
sys.path.insert(0, sys.argv[1])
from newsletters import split_newsletter
spec = importlib.util.spec_from_file_location("corpus_score", sys.argv[2])
score = importlib.util.module_from_spec(spec); sys.modules["corpus_score"] = score; spec.loader.exec_module(score)
layouts, forms, out = set(sys.argv[3].split(",")), sys.argv[4].split(","), {}
for folder, expected in score.fixtures():
    if expected["layout"] in layouts:
        for form in forms:
            if (folder / score.FORMS[form]).exists():
                items = split_newsletter(score.raw_form(folder, form)).items
                out[f"{expected['layout']}/{folder.name}/{form}"] = [[i.title, i.content, i.url] for i in items]
print(json.dumps(out))
"""


def first_sight(commit: str, layouts: set[str]) -> dict[tuple[str, str, str], list[NewsletterItem]]:
    """(layout, slug, form) -> the items the splitter at commit made of that body."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "newsletters"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        result = subprocess.run([sys.executable, "-c", CHILD, folder, str(CORPUS / "score.py"), ",".join(sorted(layouts)),
                                 ",".join(FORMS)], check=True, capture_output=True, text=True)
    return {tuple(key.split("/")): [NewsletterItem(title=t or "-", content=c, url=u or "") for t, c, u in items]
            for key, items in json.loads(result.stdout).items()}


def gate(rules: list[NewsletterItem], sample, forest) -> list[NewsletterItem]:
    """readings.weighed on the rules' first-sight items and the trees' reading of the sample's blocks."""
    items, heads, odds = learned_split(sample.blocks, forest, sample.rows)
    first = Reading("rules", rules, "", None, {}, len(sample.blocks), "", score(rules, sample.blocks), blocks=sample.blocks)
    learned = Reading("learned", items, "", None, {}, len(sample.blocks), "", score(items, sample.blocks),
                      blocks=sample.blocks, heads=heads, odds=odds)
    return weighed(first, learned).items


def main() -> int:
    corpus = score_module(CORPUS)
    numbers = {name: int(name.split()[-1]) for name in FIRST_SCORED}  # 'blind set 10' -> 10
    later = [getattr(corpus, f"BLIND{n}_LAYOUTS") for n in numbers.values() if hasattr(corpus, f"BLIND{n}_LAYOUTS")]
    sets = {name: getattr(corpus, f"BLIND{n}_LAYOUTS", set()) for name, n in numbers.items()}
    # the first blind set has no name of its own in score.py: every layout neither among the first seven nor later
    sets["blind set 1"] = {e["layout"] for _, e in corpus.fixtures()} - corpus.OLD_LAYOUTS - set().union(*later)
    data = samples(CORPUS)
    totals = {name: [0, 0, 0] for name in ("rules at first sight", "trees alone", "weighed")}
    print("| set | bodies | rules at first sight | trees alone | weighed (readings.weighed) |\n|---|---|---|---|---|")
    for name, commit in FIRST_SCORED.items():
        rules = first_sight(commit, sets[name])
        forest = train([s for s in data if s.layout not in sets[name]])
        row = {key: [0, 0, 0] for key in totals}
        for sample in (s for s in data if s.layout in sets[name]):
            first = rules[(sample.layout, sample.slug, sample.form)]
            learned = learned_split(sample.blocks, forest, sample.rows)[0]
            for key, items in zip(totals, (first, learned, gate(first, sample, forest))):
                got = corpus.score(items, sample.expected)
                for total in (row[key], totals[key]):
                    total[0], total[1], total[2] = total[0] + got.expected, total[1] + got.found, total[2] + got.matched
        print(f"| {name} ({commit}) | {sum(s.layout in sets[name] for s in data)} | "
              + " | ".join(_figures(row[key]) for key in totals) + " |")
    print(f"| all {len(FIRST_SCORED)} | | " + " | ".join(_figures(totals[key]) for key in totals) + " |")
    return 0


def _figures(row: list[int]) -> str:
    expected, found, matched = row
    return f"{matched / expected:.3f} / {matched / max(found, 1):.3f}"


if __name__ == "__main__":
    sys.exit(main())
