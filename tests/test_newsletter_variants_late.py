"""The variants of the layouts folded in from the fifth, sixth, seventh, ninth and tenth blind sets, and of the eighth's
re-written development fixtures, hold their floors: per variant kind (tests/fixtures/newsletters/variants.py),
recall and precision as score.py --variants prints them over each set's layouts, measured 2026-12-07 on main
after the round that read the seventh set (the learned headlines joined, records and listings of names, the
trees retrained on 56 layouts; the eighth's, ninth's and tenth's on the branches that folded them in), each rounded
down to three places; and how many variants keep the date and source where not every one does (*_META).
A file of its own, six tests, so that make test's two workers share them (about 15 to 18 s of CPU a set).
Raise a floor when a fix lifts it."""

import time

import pytest

from support.corpus import load_score

from test_newsletter_variants import _slipped

score = load_score()

# The fifth set (JavaScript Weekly, Morning Brew, Lenny's Newsletter, Dense Discovery, Desenredando la
# Tecnología, 404 Media, AI Breakfast).
BLIND5_FLOORS = {
    "bold": (0.812, 0.772), "bold-in-link": (0.864, 0.783), "crlf": (0.881, 0.767), "div-layout": (0.927,
    0.801), "emoji-after": (0.843, 0.75), "emoji-before": (0.859, 0.75), "fwd-apple": (0.895, 0.772),
    "fwd-gmail": (0.895, 0.772), "fwd-outlook": (0.895, 0.772), "fwd-outlook-desktop": (0.895, 0.772),
    "fwd-yahoo": (0.895, 0.772), "gmail-markdown": (0.875, 0.792), "h1": (0.875, 0.785), "h2": (0.895, 0.788),
    "h3": (0.895, 0.788), "h4": (0.895, 0.788), "html2text-nowrap": (0.885, 0.787), "link-in-bold": (0.864,
    0.783), "linked": (0.791, 0.752), "markdownify-atx": (0.802, 0.747), "masthead-missing": (0.864, 0.798),
    "md-loose": (0.885, 0.787), "md-tight": (0.822, 0.759), "nbsp": (0.881, 0.767), "numbered-dot": (0.854,
    0.748), "numbered-hash": (0.895, 0.767), "numbered-paren": (0.848, 0.747), "qp-soft-breaks": (0.833, 0.714),
    "quoted": (0.859, 0.75), "soft-hyphen": (0.881, 0.767), "table-layout": (0.927, 0.801), "text-loose":
    (0.822, 0.681), "text-tight": (0.802, 0.693), "trailing-spaces": (0.859, 0.753), "wrap-72": (0.812, 0.69),
    "wrap-76": (0.802, 0.687), "zero-width": (0.881, 0.767),
}
BLIND5_META: dict[str, int] = {}
# The sixth set (The Hustle, Money Stuff, Garbage Day, Numlock News, Guerre di Rete, Google Alerts, Medium
# Daily Digest): its text parts wrapped at 72/76 columns lose a wrapped date line in two of fourteen letters.
BLIND6_FLOORS = {
    "bold": (1.0, 0.836), "bold-in-link": (1.0, 0.836), "crlf": (0.923, 0.757), "div-layout": (1.0, 0.813),
    "emoji-after": (0.885, 0.729), "emoji-before": (0.89, 0.731), "fwd-apple": (0.927, 0.751), "fwd-gmail":
    (0.927, 0.751), "fwd-outlook": (0.927, 0.751), "fwd-outlook-desktop": (0.927, 0.751), "fwd-yahoo": (0.927,
    0.751), "gmail-markdown": (0.977, 0.794), "h1": (1.0, 0.836), "h2": (1.0, 0.836), "h3": (1.0, 0.836), "h4":
    (1.0, 0.836), "html2text-nowrap": (0.988, 0.834), "link-in-bold": (1.0, 0.836), "linked": (0.804, 0.795),
    "markdownify-atx": (0.793, 0.711), "masthead-missing": (0.902, 0.777), "md-loose": (0.988, 0.834),
    "md-tight": (0.965, 0.831), "nbsp": (0.931, 0.764), "numbered-dot": (0.965, 0.721), "numbered-hash": (0.965,
    0.727), "numbered-paren": (0.965, 0.727), "qp-soft-breaks": (0.781, 0.629), "quoted": (0.885, 0.729),
    "soft-hyphen": (0.923, 0.757), "table-layout": (1.0, 0.813), "text-loose": (0.701, 0.57), "text-tight":
    (0.666, 0.58), "trailing-spaces": (0.89, 0.72), "wrap-72": (0.643, 0.491), "wrap-76": (0.689, 0.53),
    "zero-width": (0.923, 0.757),
}
BLIND6_META = {'nbsp': 41, 'wrap-72': 13, 'wrap-76': 13}
# The seventh set (arXiv's cs daily mailing, Python Weekly, Deep Learning Weekly, ByteByteGo, One Useful
# Thing, Le Comment du Pourquoi, a Mailbrew digest).
BLIND7_FLOORS = {
    "bold": (0.825, 0.936), "bold-in-link": (0.952, 0.96), "crlf": (0.955, 0.94), "div-layout": (0.968, 0.96),
    "emoji-after": (0.948, 0.929), "emoji-before": (0.94, 0.929), "fwd-apple": (0.965, 0.94), "fwd-gmail":
    (0.965, 0.94), "fwd-outlook": (0.965, 0.94), "fwd-outlook-desktop": (0.965, 0.94), "fwd-yahoo": (0.965,
    0.94), "gmail-markdown": (0.809, 0.953), "h1": (0.952, 0.96), "h2": (0.952, 0.96), "h3": (0.952, 0.96),
    "h4": (0.952, 0.96), "html2text-nowrap": (0.936, 0.959), "link-in-bold": (0.952, 0.96), "linked": (0.936,
    0.959), "markdownify-atx": (0.642, 0.835), "masthead-missing": (0.956, 0.967), "md-loose": (0.936, 0.959),
    "md-tight": (0.857, 0.939), "nbsp": (0.955, 0.94), "numbered-dot": (0.92, 0.913), "numbered-hash": (0.916,
    0.878), "numbered-paren": (0.92, 0.913), "qp-soft-breaks": (0.96, 0.902), "quoted": (0.948, 0.929),
    "soft-hyphen": (0.955, 0.94), "table-layout": (0.968, 0.96), "text-loose": (0.896, 0.869), "text-tight":
    (0.96, 0.902), "trailing-spaces": (0.94, 0.929), "wrap-72": (0.817, 0.798), "wrap-76": (0.896, 0.862),
    "zero-width": (0.955, 0.94),
}
BLIND7_META: dict[str, int] = {}
# The eighth set (Google Scholar alerts, NYT DealBook, Quartz Daily Brief, Product Hunt Daily, a Japanese AI mail
# magazine, Big Technology, a Hacker News daily digest): development fixtures written anew after the set's files
# were lost, measured on this branch (main 7fa54ea's splitter, with the Yandex forward and Japanese dates read):
# over every kind recall 0.628, precision 0.840. The date and source misses are Quartz's text part, whose
# masthead line the wrapped and numbered variants read as a longer source name.
BLIND8_FLOORS = {
    "bold": (0.851, 0.916), "bold-in-link": (0.851, 0.916), "crlf": (0.938, 0.957), "div-layout": (1.0, 0.96),
    "emoji-after": (0.824, 0.968), "emoji-before": (0.901, 0.961), "fwd-apple": (0.978, 0.959), "fwd-gmail":
    (0.978, 0.959), "fwd-outlook": (0.978, 0.959), "fwd-outlook-desktop": (0.978, 0.959), "fwd-yahoo": (0.978,
    0.959), "gmail-markdown": (0.898, 0.955), "h1": (0.839, 0.915), "h2": (0.851, 0.916), "h3": (0.845, 0.916),
    "h4": (0.839, 0.915), "html2text-nowrap": (0.91, 0.956), "link-in-bold": (0.851, 0.916), "linked": (0.785,
    0.91), "markdownify-atx": (0.815, 0.951), "masthead-missing": (0.898, 0.955), "md-loose": (0.88, 0.954),
    "md-tight": (0.88, 0.954), "nbsp": (0.938, 0.957), "numbered-dot": (0.845, 0.94), "numbered-hash": (0.91,
    0.944), "numbered-paren": (0.845, 0.94), "qp-soft-breaks": (0.934, 0.957), "quoted": (0.907, 0.956),
    "soft-hyphen": (0.938, 0.957), "table-layout": (1.0, 0.96), "text-loose": (0.863, 0.884), "text-tight":
    (0.75, 0.933), "trailing-spaces": (0.907, 0.956), "wrap-72": (0.869, 0.929), "wrap-76": (0.886, 0.919),
    "zero-width": (0.938, 0.957),
}
BLIND8_META = {'wrap-72': 13, 'wrap-76': 13, 'emoji-after': 26, 'numbered-dot': 26, 'numbered-paren': 26}
# The ninth set (Techpresso, NLP News, Sifted Daily, Not Boring, GeekNews Weekly in Korean, unknowNews in Polish, Ars
# Technica's Orbital Transmission), folded in as written after its first score (main b5c2876), measured on this
# branch (b5c2876's splitter with the Tuta, Polish Outlook and Korean Gmail forwards read; the trees not yet retrained
# on it): over every kind recall 0.802, precision 0.760; every variant keeps the date and source (854 of 854).
BLIND9_FLOORS = {
    "bold": (0.906, 0.958), "bold-in-link": (0.937, 0.96), "crlf": (0.924, 0.919), "div-layout": (0.968, 0.939),
    "emoji-after": (0.882, 0.907), "emoji-before": (0.886, 0.886), "fwd-apple": (0.96, 0.913), "fwd-gmail":
    (0.96, 0.913), "fwd-outlook": (0.96, 0.913), "fwd-outlook-desktop": (0.96, 0.913), "fwd-yahoo": (0.96,
    0.913), "gmail-markdown": (0.953, 0.945), "h1": (0.929, 0.959), "h2": (0.945, 0.975), "h3": (0.937, 0.975),
    "h4": (0.937, 0.975), "html2text-nowrap": (0.929, 0.952), "link-in-bold": (0.937, 0.96), "linked": (0.867,
    0.956), "markdownify-atx": (0.867, 0.895), "masthead-missing": (0.875, 0.925), "md-loose": (0.859, 0.964),
    "md-tight": (0.765, 0.96), "nbsp": (0.924, 0.919), "numbered-dot": (0.804, 0.798), "numbered-hash": (0.843,
    0.837), "numbered-paren": (0.777, 0.786), "qp-soft-breaks": (0.945, 0.864), "quoted": (0.902, 0.909),
    "soft-hyphen": (0.924, 0.919), "table-layout": (0.968, 0.939), "text-loose": (0.835, 0.816), "text-tight":
    (0.945, 0.864), "trailing-spaces": (0.902, 0.909), "wrap-72": (0.945, 0.852), "wrap-76": (0.929, 0.862),
    "zero-width": (0.924, 0.919),
}
BLIND9_META: dict[str, int] = {}
# The tenth set (科技爱好者周刊 in Chinese, Appetrecho in Brazilian Portuguese, Nature Briefing, Bytes, Software Lead
# Weekly, CB Insights, DevThink), folded in as written after its first score (main 18bac25), measured on this branch
# (18bac25's splitter with the QQ Mail and Seznam forwards and the md exports' header shapes read; the body splitting
# not yet worked on, the trees not yet retrained on it): over every kind recall 0.606, precision 0.710; every variant
# keeps the date and source (854 of 854).
BLIND10_FLOORS = {
    "bold": (0.364, 0.544), "bold-in-link": (0.372, 0.564), "crlf": (0.624, 0.729), "div-layout": (0.83, 0.844),
    "emoji-after": (0.512, 0.657), "emoji-before": (0.495, 0.646), "fwd-apple": (0.774, 0.794), "fwd-gmail": (0.774,
    0.794), "fwd-outlook": (0.774, 0.794), "fwd-outlook-desktop": (0.774, 0.794), "fwd-yahoo": (0.774, 0.794),
    "gmail-markdown": (0.618, 0.657), "h1": (0.432, 0.593), "h2": (0.432, 0.593), "h3": (0.432, 0.6), "h4": (0.432,
    0.593), "html2text-nowrap": (0.364, 0.537), "link-in-bold": (0.372, 0.564), "linked": (0.355, 0.531),
    "markdownify-atx": (0.677, 0.776), "masthead-missing": (0.525, 0.692), "md-loose": (0.355, 0.531), "md-tight":
    (0.33, 0.527), "nbsp": (0.624, 0.729), "numbered-dot": (0.576, 0.653), "numbered-hash": (0.584, 0.663),
    "numbered-paren": (0.572, 0.671), "qp-soft-breaks": (0.677, 0.74), "quoted": (0.521, 0.657), "soft-hyphen":
    (0.624, 0.729), "table-layout": (0.83, 0.844), "text-loose": (0.677, 0.72), "text-tight": (0.618, 0.744),
    "trailing-spaces": (0.521, 0.657), "wrap-72": (0.669, 0.686), "wrap-76": (0.669, 0.699), "zero-width": (0.624,
    0.729)
}
BLIND10_META: dict[str, int] = {}


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


@pytest.mark.slow
def test_the_tenth_blind_sets_variants_hold_their_floors():
    start = time.process_time()
    slipped = _slipped("blind10", score.run_variants(layouts=score.BLIND10_LAYOUTS), BLIND10_FLOORS, BLIND10_META)
    assert time.process_time() - start < 40
    assert not slipped, f"below the floor: {slipped}"


def test_every_kind_has_a_floor_in_each_set():
    kinds = set(score.load_variants().KINDS)
    assert set(BLIND5_FLOORS) == set(BLIND6_FLOORS) == set(BLIND7_FLOORS) == set(BLIND8_FLOORS) == set(BLIND9_FLOORS) == set(BLIND10_FLOORS) \
        == kinds
