"""Leave-one-layout-out: how the learned reader splits a layout it was never trained on.

    python -m newsletters.learn.evaluate [--layouts=a,b,...] [--integrated]

For each layout of the corpus, the trees are trained on every other layout's bodies, then each
body form of the held-out layout (html, text, html2text, markdownify, md) is split by the learned
reader alone and scored with the corpus's own matching (score.py: titles case-folded, letters and
digits only, in document order). Printed per layout and form, then per form and over all: the
figures to set beside the rules' first sight of a new layout (the blind sets' first scores,
RULES_FIRST_BLIND), not beside the rules' score on layouts they were written for.

--integrated: the held-out layout split by split_newsletter in every form, once by the rules alone and
once with the learned reader (trained without that layout) as the extra candidate readings.py weighs:
what the learned reader would change on a layout it has never seen, where it helps and where it hurts.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from unittest import mock

from .. import readings
from . import reader
from .corpus import CORPUS, Sample, samples, score_module
from .reader import learned_items
from .train import train

# The rules' recall / precision over every form when each blind set was first scored (the corpus's README and
# docs/newsletters.md): what the rules did with layouts they had never seen.
RULES_FIRST_BLIND = {"blind set 1": (0.68, 0.76), "blind set 2": (0.75, 0.80), "blind set 3": (0.813, 0.733),
                     "blind set 4": (0.747, 0.754), "blind set 5": (0.758, 0.677), "blind set 6": (0.818, 0.633),
                     "blind set 7": (0.668, 0.742), "blind set 8": (0.573, 0.763),
                     "blind set 9": (0.835, 0.803), "blind set 10": (0.689, 0.753),
                     "blind set 11": (0.919, 0.691), "blind set 12": (0.583, 0.663),
                     "blind set 13": (0.793, 0.778), "blind set 14": (0.553, 0.654),
                     "blind set 15": (0.873, 0.844), "blind set 16": (0.844, 0.790)}


def blind_set(layout: str) -> str:
    """Which set a corpus layout came in (score.py's tables; the first blind set is what is left)."""
    corpus = score_module(CORPUS)
    for name, layouts in (("the first seven", corpus.OLD_LAYOUTS), ("blind set 2", corpus.BLIND2_LAYOUTS),
                          ("blind set 3", corpus.BLIND3_LAYOUTS), ("blind set 4", corpus.BLIND4_LAYOUTS),
                          ("blind set 5", corpus.BLIND5_LAYOUTS), ("blind set 6", corpus.BLIND6_LAYOUTS),
                          ("blind set 7", corpus.BLIND7_LAYOUTS), ("blind set 8", corpus.BLIND8_LAYOUTS),
                          ("blind set 9", corpus.BLIND9_LAYOUTS), ("blind set 10", corpus.BLIND10_LAYOUTS),
                          ("blind set 11", corpus.BLIND11_LAYOUTS), ("blind set 12", corpus.BLIND12_LAYOUTS),
                          ("blind set 13", corpus.BLIND13_LAYOUTS), ("blind set 14", corpus.BLIND14_LAYOUTS),
                          ("blind set 15", corpus.BLIND15_LAYOUTS), ("blind set 16", corpus.BLIND16_LAYOUTS)):
        if layout in layouts:
            return name
    return "blind set 1"


def held_out(data: list[Sample], layouts: list[str]) -> dict[tuple[str, str], list[int]]:
    """(layout, form) -> [expected, found, matched], each layout split with trees trained without it."""
    score = score_module(CORPUS).score
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for layout in layouts:
        forest = train([s for s in data if s.layout != layout])
        for sample in (s for s in data if s.layout == layout):
            s = score(learned_items(sample.blocks, forest, sample.rows), sample.expected)
            row = table[(layout, sample.form)]
            row[0], row[1], row[2] = row[0] + s.expected, row[1] + s.found, row[2] + s.matched
    return table


def figures(row: list[int]) -> tuple[float, float]:
    expected, found, matched = row
    return (matched / expected if expected else 1.0), (matched / found if found else 1.0)


def report(table: dict[tuple[str, str], list[int]]) -> dict[str, tuple[float, float]]:
    """Prints the table; returns recall and precision per form and 'all forms'."""
    print("| held-out layout | form | items | found | recall | precision |\n|---|---|---|---|---|---|")
    per_form: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (layout, form), row in sorted(table.items()):
        print(f"| {layout} | {form} | {row[0]} | {row[1]} | %.3f | %.3f |" % figures(row))
        for total in (per_form[form], per_form["all forms"]):
            for k in range(3):
                total[k] += row[k]
    print("\n| form | items | found | recall | precision |\n|---|---|---|---|---|")
    for form, row in per_form.items():
        print(f"| {form} | {row[0]} | {row[1]} | %.3f | %.3f |" % figures(row))
    per_set: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (layout, _), row in table.items():
        for k in range(3):
            per_set[blind_set(layout)][k] += row[k]
    print("\n| set | items | found | learned, held out: recall | precision | the rules at first sight: recall "
          "| precision |\n|---|---|---|---|---|---|---|")
    for name, row in sorted(per_set.items()):
        first = "| %.3f | %.3f |" % RULES_FIRST_BLIND[name] if name in RULES_FIRST_BLIND else "| - | - |"
        print(f"| {name} | {row[0]} | {row[1]} | %.3f | %.3f " % figures(row) + first)
    print("\nthe rules at first sight of a new layout: each blind set's first score over every form (README)")
    return {form: figures(row) for form, row in per_form.items()}


def integrated(data: list[Sample], layouts: list[str]) -> dict[tuple[str, str], tuple[list[int], list[int]]]:
    """(layout, form) -> ([expected, found, matched] by the rules alone, the same with the learned reader
    beside them), every form of the layout (eml, gmail, gmail-full too) split by split_newsletter with
    trees trained without that layout."""
    corpus = score_module(CORPUS)
    table: dict[tuple[str, str], tuple[list[int], list[int]]] = defaultdict(lambda: ([0, 0, 0], [0, 0, 0]))
    rules_alone = mock.patch.object(readings, "learned_reading", lambda first: readings.Reading(
        "learned", [], "", None, {}, 0, "", float("-inf")))
    for layout in layouts:
        forest = train([s for s in data if s.layout != layout])
        for folder, expected in corpus.fixtures():
            if expected["layout"] != layout:
                continue
            for form in corpus.forms_of(folder):
                for n, patch in enumerate((rules_alone, mock.patch.object(reader, "model", lambda *_: forest))):
                    with patch:
                        got = corpus.score(corpus.split_newsletter(corpus.raw_form(folder, form)).items,
                                           expected["items"])
                    row = table[(layout, form)][n]
                    row[0], row[1], row[2] = row[0] + got.expected, row[1] + got.found, row[2] + got.matched
    return table


def report_integrated(table) -> None:
    """Only the layouts and forms the learned reader changed, then the totals."""
    print("| held-out layout | form | items | rules: found | recall | precision | with learned: found | recall "
          "| precision |\n|---|---|---|---|---|---|---|---|---|")
    totals = ([0, 0, 0], [0, 0, 0])
    for (layout, form), (rules, both) in sorted(table.items()):
        for total, row in zip(totals, (rules, both)):
            for k in range(3):
                total[k] += row[k]
        if rules != both:
            print(f"| {layout} | {form} | {rules[0]} | {rules[1]} | %.3f | %.3f | {both[1]} | %.3f | %.3f |"
                  % (*figures(rules), *figures(both)))
    print(f"| all | all | {totals[0][0]} | {totals[0][1]} | %.3f | %.3f | {totals[1][1]} | %.3f | %.3f |"
          % (*figures(totals[0]), *figures(totals[1])))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    chosen = next((a.split("=", 1)[1] for a in argv if a.startswith("--layouts=")), None)
    data = samples(CORPUS)
    layouts = sorted({s.layout for s in data} if chosen is None else set(chosen.split(",")))
    if "--integrated" in argv:
        report_integrated(integrated(data, layouts))
    else:
        report(held_out(data, layouts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
