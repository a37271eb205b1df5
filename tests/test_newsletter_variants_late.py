"""The variants of the layouts folded in from the fifth, sixth, seventh and ninth blind sets, and of the eighth's
re-written development fixtures, hold their floors: per variant kind (tests/fixtures/newsletters/variants.py),
recall and precision as score.py --variants prints them over each set's layouts, measured 2026-12-07 on main
after the round that read the seventh set (the learned headlines joined, records and listings of names, the
trees retrained on 56 layouts; the eighth's and ninth's on the branches that folded them in), each rounded
down to three places; and how many variants keep the date and source where not every one does (*_META).
A file of its own, four tests, so that make test's two workers share them (about 15 to 18 s of CPU a set).
Raise a floor when a fix lifts it."""

import time

import pytest

from support.corpus import load_score

from test_newsletter_variants import _slipped

score = load_score()

# The fifth set (JavaScript Weekly, Morning Brew, Lenny's Newsletter, Dense Discovery, Desenredando la
# Tecnología, 404 Media, AI Breakfast).
BLIND5_FLOORS = {
    "bold": (0.802, 0.75), "bold-in-link": (0.854, 0.783), "crlf": (0.85, 0.754), "div-layout": (0.906, 0.798),
    "emoji-after": (0.828, 0.733), "emoji-before": (0.791, 0.718), "fwd-apple": (0.868, 0.763), "fwd-gmail":
    (0.868, 0.763), "fwd-outlook": (0.868, 0.763), "fwd-outlook-desktop": (0.868, 0.763), "fwd-yahoo": (0.868,
    0.763), "gmail-markdown": (0.864, 0.763), "h1": (0.843, 0.786), "h2": (0.875, 0.777), "h3": (0.854, 0.783),
    "h4": (0.843, 0.786), "html2text-nowrap": (0.854, 0.779), "link-in-bold": (0.854, 0.783), "linked": (0.76,
    0.752), "markdownify-atx": (0.77, 0.74), "masthead-missing": (0.812, 0.776), "md-loose": (0.854, 0.779),
    "md-tight": (0.802, 0.761), "nbsp": (0.85, 0.754), "numbered-dot": (0.854, 0.745), "numbered-hash": (0.875,
    0.751), "numbered-paren": (0.828, 0.729), "qp-soft-breaks": (0.781, 0.678), "quoted": (0.817, 0.728),
    "soft-hyphen": (0.85, 0.754), "table-layout": (0.906, 0.798), "text-loose": (0.739, 0.663), "text-tight":
    (0.729, 0.666), "trailing-spaces": (0.817, 0.731), "wrap-72": (0.77, 0.666), "wrap-76": (0.75, 0.651),
    "zero-width": (0.85, 0.754),
}
BLIND5_META: dict[str, int] = {}
# The sixth set (The Hustle, Money Stuff, Garbage Day, Numlock News, Guerre di Rete, Google Alerts, Medium
# Daily Digest): its text parts wrapped at 72/76 columns lose a wrapped date line in two of fourteen letters.
BLIND6_FLOORS = {
    "bold": (0.977, 0.741), "bold-in-link": (0.988, 0.819), "crlf": (0.908, 0.677), "div-layout": (0.988,
    0.713), "emoji-after": (0.879, 0.642), "emoji-before": (0.885, 0.645), "fwd-apple": (0.915, 0.67),
    "fwd-gmail": (0.915, 0.67), "fwd-outlook": (0.915, 0.67), "fwd-outlook-desktop": (0.915, 0.67), "fwd-yahoo":
    (0.915, 0.67), "gmail-markdown": (0.977, 0.714), "h1": (0.988, 0.819), "h2": (0.988, 0.819), "h3": (0.988,
    0.819), "h4": (0.988, 0.819), "html2text-nowrap": (0.977, 0.739), "link-in-bold": (0.988, 0.819), "linked":
    (0.804, 0.7), "markdownify-atx": (0.747, 0.59), "masthead-missing": (0.856, 0.689), "md-loose": (0.977,
    0.739), "md-tight": (0.954, 0.734), "nbsp": (0.911, 0.688), "numbered-dot": (0.948, 0.643), "numbered-hash":
    (0.948, 0.644), "numbered-paren": (0.948, 0.644), "qp-soft-breaks": (0.747, 0.576), "quoted": (0.862,
    0.656), "soft-hyphen": (0.908, 0.677), "table-layout": (0.988, 0.713), "text-loose": (0.655, 0.512),
    "text-tight": (0.632, 0.529), "trailing-spaces": (0.862, 0.648), "wrap-72": (0.609, 0.456), "wrap-76":
    (0.678, 0.484), "zero-width": (0.908, 0.677),
}
BLIND6_META = {'nbsp': 41, 'wrap-72': 13, 'wrap-76': 13}
# The seventh set (arXiv's cs daily mailing, Python Weekly, Deep Learning Weekly, ByteByteGo, One Useful
# Thing, Le Comment du Pourquoi, a Mailbrew digest).
BLIND7_FLOORS = {
    "bold": (0.833, 0.867), "bold-in-link": (0.96, 0.897), "crlf": (0.923, 0.894), "div-layout": (0.944, 0.894),
    "emoji-after": (0.916, 0.895), "emoji-before": (0.884, 0.892), "fwd-apple": (0.925, 0.895), "fwd-gmail":
    (0.925, 0.895), "fwd-outlook": (0.925, 0.895), "fwd-outlook-desktop": (0.925, 0.895), "fwd-yahoo": (0.925,
    0.895), "gmail-markdown": (0.785, 0.876), "h1": (0.96, 0.897), "h2": (0.96, 0.897), "h3": (0.96, 0.897),
    "h4": (0.96, 0.897), "html2text-nowrap": (0.928, 0.893), "link-in-bold": (0.96, 0.897), "linked": (0.936,
    0.893), "markdownify-atx": (0.65, 0.82), "masthead-missing": (0.92, 0.931), "md-loose": (0.936, 0.893),
    "md-tight": (0.857, 0.87), "nbsp": (0.923, 0.894), "numbered-dot": (0.916, 0.871), "numbered-hash": (0.904,
    0.868), "numbered-paren": (0.916, 0.871), "qp-soft-breaks": (0.888, 0.896), "quoted": (0.912, 0.894),
    "soft-hyphen": (0.923, 0.894), "table-layout": (0.944, 0.894), "text-loose": (0.793, 0.832), "text-tight":
    (0.888, 0.896), "trailing-spaces": (0.904, 0.894), "wrap-72": (0.698, 0.778), "wrap-76": (0.769, 0.85),
    "zero-width": (0.923, 0.894),
}
BLIND7_META: dict[str, int] = {}
# The eighth set (Google Scholar alerts, NYT DealBook, Quartz Daily Brief, Product Hunt Daily, a Japanese AI mail
# magazine, Big Technology, a Hacker News daily digest): development fixtures written anew after the set's files
# were lost, measured on this branch (main 7fa54ea's splitter, with the Yandex forward and Japanese dates read):
# over every kind recall 0.628, precision 0.840. The date and source misses are Quartz's text part, whose
# masthead line the wrapped and numbered variants read as a longer source name.
BLIND8_FLOORS = {
    "bold": (0.851, 0.916), "bold-in-link": (0.851, 0.916), "crlf": (0.906, 0.956), "div-layout": (1.0, 0.96),
    "emoji-after": (0.818, 0.968), "emoji-before": (0.851, 0.959), "fwd-apple": (0.944, 0.957), "fwd-gmail":
    (0.944, 0.957), "fwd-outlook": (0.944, 0.957), "fwd-outlook-desktop": (0.944, 0.957), "fwd-yahoo": (0.944,
    0.957), "gmail-markdown": (0.875, 0.942), "h1": (0.845, 0.916), "h2": (0.851, 0.916), "h3": (0.851, 0.916),
    "h4": (0.839, 0.915), "html2text-nowrap": (0.91, 0.956), "link-in-bold": (0.851, 0.916), "linked": (0.809,
    0.912), "markdownify-atx": (0.815, 0.951), "masthead-missing": (0.848, 0.953), "md-loose": (0.886, 0.955),
    "md-tight": (0.886, 0.955), "nbsp": (0.906, 0.956), "numbered-dot": (0.83, 0.939), "numbered-hash": (0.875,
    0.942), "numbered-paren": (0.83, 0.939), "qp-soft-breaks": (0.833, 0.952), "quoted": (0.86, 0.953),
    "soft-hyphen": (0.906, 0.956), "table-layout": (1.0, 0.96), "text-loose": (0.761, 0.87), "text-tight":
    (0.642, 0.923), "trailing-spaces": (0.854, 0.953), "wrap-72": (0.773, 0.928), "wrap-76": (0.785, 0.91),
    "zero-width": (0.906, 0.956),
}
BLIND8_META = {'wrap-72': 13, 'wrap-76': 13, 'trailing-spaces': 26, 'emoji-after': 27}
# The ninth set (Techpresso, NLP News, Sifted Daily, Not Boring, GeekNews Weekly in Korean, unknowNews in Polish, Ars
# Technica's Orbital Transmission), folded in as written after its first score (main b5c2876), measured on this
# branch (b5c2876's splitter with the Tuta, Polish Outlook and Korean Gmail forwards read; the trees not yet retrained
# on it): over every kind recall 0.802, precision 0.760; every variant keeps the date and source (854 of 854).
BLIND9_FLOORS = {
    "bold": (0.914, 0.959), "bold-in-link": (0.945, 0.96), "crlf": (0.901, 0.894), "div-layout": (0.984, 0.933),
    "emoji-after": (0.824, 0.864), "emoji-before": (0.847, 0.85), "fwd-apple": (0.94, 0.886), "fwd-gmail":
    (0.94, 0.886), "fwd-outlook": (0.94, 0.886), "fwd-outlook-desktop": (0.94, 0.886), "fwd-yahoo": (0.94,
    0.886), "gmail-markdown": (0.968, 0.939), "h1": (0.937, 0.96), "h2": (0.945, 0.975), "h3": (0.945, 0.975),
    "h4": (0.945, 0.975), "html2text-nowrap": (0.937, 0.944), "link-in-bold": (0.945, 0.96), "linked": (0.867,
    0.956), "markdownify-atx": (0.898, 0.905), "masthead-missing": (0.843, 0.878), "md-loose": (0.867, 0.965),
    "md-tight": (0.773, 0.961), "nbsp": (0.901, 0.894), "numbered-dot": (0.835, 0.835), "numbered-hash": (0.89,
    0.876), "numbered-paren": (0.89, 0.89), "qp-soft-breaks": (0.851, 0.795), "quoted": (0.859, 0.873),
    "soft-hyphen": (0.901, 0.894), "table-layout": (0.984, 0.933), "text-loose": (0.828, 0.803), "text-tight":
    (0.851, 0.795), "trailing-spaces": (0.859, 0.873), "wrap-72": (0.921, 0.836), "wrap-76": (0.921, 0.861),
    "zero-width": (0.901, 0.894),
}
BLIND9_META: dict[str, int] = {}


@pytest.mark.slow
def test_the_fifth_and_sixth_blind_sets_variants_hold_their_floors():
    start = time.process_time()  # CPU time: the machine is shared, wall time says little
    slipped = {}
    for name, floors, metas in (("blind5", BLIND5_FLOORS, BLIND5_META), ("blind6", BLIND6_FLOORS, BLIND6_META)):
        layouts = getattr(score, f"{name.upper()}_LAYOUTS")
        slipped |= _slipped(name, score.run_variants(layouts=layouts), floors, metas)
    assert time.process_time() - start < 75
    assert not slipped, f"below the floor: {slipped}"


@pytest.mark.slow
def test_the_seventh_blind_sets_variants_hold_their_floors():
    start = time.process_time()
    slipped = _slipped("blind7", score.run_variants(layouts=score.BLIND7_LAYOUTS), BLIND7_FLOORS, BLIND7_META)
    assert time.process_time() - start < 40
    assert not slipped, f"below the floor: {slipped}"


@pytest.mark.slow
def test_the_eighth_blind_sets_variants_hold_their_floors():
    start = time.process_time()
    slipped = _slipped("blind8", score.run_variants(layouts=score.BLIND8_LAYOUTS), BLIND8_FLOORS, BLIND8_META)
    assert time.process_time() - start < 40
    assert not slipped, f"below the floor: {slipped}"


@pytest.mark.slow
def test_the_ninth_blind_sets_variants_hold_their_floors():
    start = time.process_time()
    slipped = _slipped("blind9", score.run_variants(layouts=score.BLIND9_LAYOUTS), BLIND9_FLOORS, BLIND9_META)
    assert time.process_time() - start < 40
    assert not slipped, f"below the floor: {slipped}"


def test_every_kind_has_a_floor_in_each_set():
    kinds = set(score.load_variants().KINDS)
    assert set(BLIND5_FLOORS) == set(BLIND6_FLOORS) == set(BLIND7_FLOORS) == set(BLIND8_FLOORS) == set(BLIND9_FLOORS) == kinds
