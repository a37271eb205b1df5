"""Metamorphic variants of the fixture corpus (tests/fixtures/newsletters/variants.py): CRLF, wrapped
text parts, headline styles, numbering, invisible characters, quoting, forwards, layouts and
converters. Every variant of a newsletter must split into the newsletter's own items with the same
sponsor flags, and keep the date and source its base form gives (a forward: the original's).
The layouts folded in from the first four blind sets hold floors of their own (NEW_FLOORS, BLIND2_FLOORS,
BLIND3_FLOORS, BLIND4_FLOORS) until they split exactly; the fifth to sixteenth blind sets' are held in
test_newsletter_variants_late.py."""

import time

import pytest

from support.corpus import load_score

from newsletters import split_newsletter


score = load_score()
variants = score.load_variants()

# The layouts the corpus had before the blind set was folded in; their variants hold FLOORS.
OLD_LAYOUTS = score.OLD_LAYOUTS
# Every variant kind over those layouts splits exactly (recall and precision 1.0, every sponsor flag
# right), measured 2026-12-06 on a 2-core VM (score.py --variants --old). Nothing may slip back.
FLOORS = {kind: (1.0, 1.0) for kind in variants.KINDS}
EXACT = sorted(k for k, floor in FLOORS.items() if floor == (1.0, 1.0))
# The eight layouts folded in from the blind set (The Neuron, Superhuman, TheSequence, Interconnects,
# Hacker Newsletter, The Download, Pointer, Exponential View): their variants' own floors per kind,
# measured 2026-12-06 after the splitter's second round of generalisation (newsletters/README.md), raised
# 2026-12-07 to the figures the round of general shapes reached.
NEW_FLOORS = {
    "bold": (0.967, 0.976), "bold-in-link": (0.995, 0.981), "crlf": (0.985, 0.964), "div-layout": (0.995,
    0.981), "emoji-after": (0.978, 0.956), "emoji-before": (0.957, 0.933), "fwd-apple": (0.987, 0.964),
    "fwd-gmail": (0.987, 0.964), "fwd-outlook": (0.987, 0.964), "fwd-outlook-desktop": (0.987, 0.964),
    "fwd-yahoo": (0.987, 0.964), "gmail-markdown": (0.995, 0.981), "h1": (0.995, 0.981), "h2": (0.995, 0.981),
    "h3": (0.995, 0.981), "h4": (0.985, 0.981), "html2text-nowrap": (0.995, 0.981), "link-in-bold": (0.995,
    0.981), "linked": (0.981, 0.981), "markdownify-atx": (0.948, 0.975), "masthead-missing": (0.978, 0.958),
    "md-loose": (0.985, 0.981), "md-tight": (0.962, 0.98), "nbsp": (0.981, 0.963), "numbered-dot": (0.96,
    0.925), "numbered-hash": (0.96, 0.925), "numbered-paren": (0.96, 0.921), "qp-soft-breaks": (0.971, 0.932),
    "quoted": (0.981, 0.956), "soft-hyphen": (0.985, 0.964), "table-layout": (0.995, 0.981), "text-loose":
    (0.929, 0.892), "text-tight": (0.967, 0.932), "trailing-spaces": (0.981, 0.956), "wrap-72": (0.901, 0.91),
    "wrap-76": (0.911, 0.911), "zero-width": (0.985, 0.964),
}

# The second blind set's six layouts (Turing Post, Data Science Weekly, Platformer, Semafor Tech, Axios AI+,
# Tech Brew): their variants' floors per kind, measured 2026-12-07 (score.py --variants over those layouts), and
# how many of their wrapped text parts keep the date and source (the others lose a wrapped date line).
# The learned reader (newsletters/learn), asked where the rules find four items or fewer, trades precision for
# recall on a few text variants (a text part's job-board and podcast lines kept beside the tools it finds): the
# second and third sets' text-loose, the third's wrap-72/76 and numbered-paren floors were set again with it.
BLIND2_FLOORS = {
    "bold": (0.98, 0.948), "bold-in-link": (0.953, 0.934), "crlf": (0.973, 0.956), "div-layout": (0.993, 0.961),
    "emoji-after": (0.966, 0.953), "emoji-before": (0.956, 0.953), "fwd-apple": (0.977, 0.956), "fwd-gmail":
    (0.977, 0.956), "fwd-outlook": (0.977, 0.956), "fwd-outlook-desktop": (0.977, 0.956), "fwd-yahoo": (0.977,
    0.956), "gmail-markdown": (0.98, 0.96), "h1": (0.94, 0.959), "h2": (0.94, 0.965), "h3": (0.96, 0.966), "h4":
    (0.96, 0.966), "html2text-nowrap": (0.98, 0.96), "link-in-bold": (0.953, 0.934), "linked": (0.94, 0.933),
    "markdownify-atx": (0.98, 0.913), "masthead-missing": (0.96, 0.96), "md-loose": (0.98, 0.96), "md-tight":
    (0.96, 0.96), "nbsp": (0.973, 0.956), "numbered-dot": (0.956, 0.953), "numbered-hash": (0.99, 0.954),
    "numbered-paren": (0.966, 0.953), "qp-soft-breaks": (0.946, 0.946), "quoted": (0.963, 0.953), "soft-hyphen":
    (0.973, 0.956), "table-layout": (0.993, 0.961), "text-loose": (0.886, 0.95), "text-tight": (0.926, 0.945),
    "trailing-spaces": (0.963, 0.953), "wrap-72": (0.886, 0.956), "wrap-76": (0.886, 0.95), "zero-width":
    (0.973, 0.956),
}
BLIND2_META = {'wrap-72': 11, 'wrap-76': 9, 'text-loose': 11}

# The third blind set's seven layouts (Mindstream, Changelog News, Console, Buttondown plain, Simon Willison,
# Latent Space, Stratechery) and the fourth's (Ahead of AI, The Pragmatic Engineer, The Information, TechCrunch,
# Installer, heise, Benedict Evans): their variants' floors per kind, measured 2026-12-06 after the splitter's
# round of general shapes (score.py --variants --blind3 / --blind4, each figure rounded down to three places),
# and how many of their variants keep the date and source where not every one does (*_META; the others: all).
# Kinds the learned reader's disagreement gate moved (2026-12-07; trees trained on all 49 layouts, AGREE 0.5):
# the third set's text-loose gained precision, its linked and markdownify-atx traded recall for precision, its
# bold lost (Console's html2text, where the trees took the job board for the tools); the first blind set's
# numbered kinds gained recall for precision (numbered-paren 0.913 / 0.933 -> 0.932 / 0.919); the second's
# text-loose (0.88 -> 0.82 recall; Semafor's text, where the trees find fewer stories) and wrap-76 (0.887 ->
# 0.873) lost.
# The learned reader's headlines joined into the rules' splits where the trees are sure of them (readings.joined,
# 2026-12-07: recall on the six replayed blind sets 0.826 -> 0.853) cost the third and fourth sets' variants
# 0.01-0.03 of precision in most kinds, the first and second sets' numbered kinds about 0.01: floors set again.
BLIND3_FLOORS = {
    "bold": (0.9, 0.91), "bold-in-link": (0.98, 0.925), "crlf": (0.976, 0.951), "div-layout": (0.98, 0.97),
    "emoji-after": (0.975, 0.942), "emoji-before": (0.97, 0.937), "fwd-apple": (0.976, 0.951), "fwd-gmail":
    (0.976, 0.951), "fwd-outlook": (0.976, 0.951), "fwd-outlook-desktop": (0.976, 0.951), "fwd-yahoo": (0.976,
    0.951), "gmail-markdown": (0.98, 0.97), "h1": (0.97, 0.951), "h2": (0.98, 0.97), "h3": (0.98, 0.951), "h4":
    (0.98, 0.925), "html2text-nowrap": (0.98, 0.97), "link-in-bold": (0.98, 0.925), "linked": (0.98, 0.925),
    "markdownify-atx": (0.9, 0.875), "masthead-missing": (0.975, 0.956), "md-loose": (0.98, 0.97), "md-tight":
    (0.98, 0.97), "nbsp": (0.973, 0.951), "numbered-dot": (0.96, 0.941), "numbered-hash": (0.975, 0.938),
    "numbered-paren": (0.9, 0.9), "qp-soft-breaks": (0.97, 0.915), "quoted": (0.975, 0.942), "soft-hyphen":
    (0.976, 0.951), "table-layout": (0.98, 0.97), "text-loose": (0.881, 0.89), "text-tight": (0.96, 0.915),
    "trailing-spaces": (0.955, 0.91), "wrap-72": (0.91, 0.859), "wrap-76": (0.91, 0.844), "zero-width": (0.976,
    0.951),
}
BLIND3_META: dict[str, int] = {}
BLIND4_FLOORS = {
    "bold": (0.867, 0.859), "bold-in-link": (0.902, 0.864), "crlf": (0.961, 0.905), "div-layout": (0.973,
    0.932), "emoji-after": (0.929, 0.882), "emoji-before": (0.96, 0.893), "fwd-apple": (0.97, 0.911),
    "fwd-gmail": (0.97, 0.911), "fwd-outlook": (0.97, 0.911), "fwd-outlook-desktop": (0.97, 0.911), "fwd-yahoo":
    (0.97, 0.911), "gmail-markdown": (0.964, 0.931), "h1": (0.902, 0.864), "h2": (0.902, 0.864), "h3": (0.902,
    0.864), "h4": (0.893, 0.863), "html2text-nowrap": (0.761, 0.914), "link-in-bold": (0.902, 0.864), "linked":
    (0.814, 0.836), "markdownify-atx": (0.823, 0.861), "masthead-missing": (0.929, 0.913), "md-loose": (0.946,
    0.914), "md-tight": (0.92, 0.912), "nbsp": (0.961, 0.905), "numbered-dot": (0.951, 0.899), "numbered-hash":
    (0.96, 0.9), "numbered-paren": (0.951, 0.899), "qp-soft-breaks": (0.964, 0.872), "quoted": (0.955, 0.892),
    "soft-hyphen": (0.961, 0.905), "table-layout": (0.973, 0.932), "text-loose": (0.964, 0.872), "text-tight":
    (0.973, 0.873), "trailing-spaces": (0.955, 0.892), "wrap-72": (0.911, 0.851), "wrap-76": (0.902, 0.85),
    "zero-width": (0.961, 0.905),
}
# (the ones that do not: Ahead of AI 2026-07-05, whose From display name has a comma, 'Sebastian Raschka, PhD',
# read back from a forward's body as 'Sebastian'; heise's masthead name in gmail-markdown)
BLIND4_META = {"qp-soft-breaks": 13, "fwd-gmail": 39, "fwd-outlook": 39, "fwd-apple": 39, "fwd-yahoo": 39,
               "fwd-outlook-desktop": 39, "gmail-markdown": 12}


def run_held(layouts: set[str]) -> dict:
    """score.run_variants over these layouts, once every newsletter of them is seen to get at least fifteen
    kinds that change it (a kind that leaves a newsletter as it was tests nothing there). Every set's test
    runs through here, so together they check every newsletter of the corpus."""
    changed: dict = {}
    table = score.run_variants(layouts=layouts, changed=changed)
    few = {f"{folder.parent.name}/{folder.name}": sorted(changed.get(folder, ()))
           for folder, expected in score.fixtures() if expected["layout"] in layouts
           if len(changed.get(folder, ())) < 15 or not changed[folder] <= set(variants.KINDS)}
    assert not few, f"fewer than fifteen kinds change these: {few}"
    return table


def test_every_kind_has_a_floor_in_the_first_sets():
    assert set(FLOORS) == set(variants.KINDS) == set(NEW_FLOORS) == set(BLIND2_FLOORS) == set(BLIND3_FLOORS) \
        == set(BLIND4_FLOORS)


def test_the_exact_kinds_split_exactly_on_a_tldr_newsletter():
    """The fast loop's check: one TLDR newsletter, the kinds that are at 1.0 over the corpus, each variant
    asserted alone. (make test holds every newsletter of the seven oldest layouts exact in every such kind:
    test_every_variant_kind_holds_its_floor_over_the_whole_corpus; one newsletter of each of them here too
    cost it 12 s.)"""
    layout = "tldr"
    folder, expected = next((f, e) for f, e in score.fixtures() if e["layout"] == layout)
    bases: dict = {}
    for variant in variants.variants(folder, expected):
        if variant.kind not in EXACT:
            continue
        letter = split_newsletter(variant.raw)
        result = score.score(letter.items, expected["items"])
        assert (result.misses, result.extras) == ([], []), f"{variant.kind} of {variant.base}"
        wanted = score.meta_wanted(variant, folder, expected, bases)
        if wanted is not None:
            assert (letter.date[:10] if letter.date else None, letter.source) == wanted, variant.kind


@pytest.mark.slow
def test_every_variant_kind_holds_its_floor_over_the_whole_corpus():
    """The first seven layouts and the first blind set's; the later sets' variants are held in
    test_newsletter_variants_blind.py (a file of its own, so that make test's second worker takes them)."""
    start = time.process_time()  # CPU time: the machine is shared, wall time says little
    old = run_held(OLD_LAYOUTS)
    new = run_held({e["layout"] for _, e in score.fixtures()} - OLD_LAYOUTS - score.BLIND2_LAYOUTS
                               - score.BLIND3_LAYOUTS - score.BLIND4_LAYOUTS
                               - score.BLIND5_LAYOUTS - score.BLIND6_LAYOUTS - score.BLIND7_LAYOUTS
                               - score.BLIND8_LAYOUTS - score.BLIND9_LAYOUTS - score.BLIND10_LAYOUTS
                               - score.BLIND11_LAYOUTS - score.BLIND12_LAYOUTS
                               - score.BLIND13_LAYOUTS - score.BLIND14_LAYOUTS
                               - score.BLIND15_LAYOUTS - score.BLIND16_LAYOUTS)
    assert time.process_time() - start < 90  # (the learned reader reads every body since 2026-12-07)
    slipped = {}
    for name, table, floors, metas in (("old", old, FLOORS, {}), ("new", new, NEW_FLOORS, {})):
        slipped |= _slipped(name, table, floors, metas)
        for kind, s in table.items():
            if floors[kind] == (1.0, 1.0):  # exact: not one item missed, added or flagged wrong
                assert s.matched == s.expected == s.found == s.sponsors_right, kind
    assert not slipped, f"below the floor: {slipped}"


def _slipped(name: str, table: dict, floors: dict, metas: dict) -> dict:
    """(name, kind) -> (recall, precision, date and source right) of the kinds below their floors: recall
    and precision as score.py prints them (three places), date and source below metas' count (default:
    every variant that carries them)."""
    slipped = {}
    for kind, s in table.items():
        recall = round(s.matched / s.expected if s.expected else 1.0, 3)
        precision = round(s.matched / s.found if s.found else 1.0, 3)
        if recall < floors[kind][0] or precision < floors[kind][1] or s.meta_right < metas.get(kind, s.meta_checked):
            slipped[(name, kind)] = (recall, precision, f"{s.meta_right}/{s.meta_checked}")
    return slipped
