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
    "bold": (0.812, 0.838), "bold-in-link": (0.864, 0.846), "crlf": (0.881, 0.83), "div-layout": (0.916, 0.862),
    "emoji-after": (0.843, 0.81), "emoji-before": (0.854, 0.803), "fwd-apple": (0.892, 0.834), "fwd-gmail":
    (0.892, 0.834), "fwd-outlook": (0.892, 0.834), "fwd-outlook-desktop": (0.892, 0.834), "fwd-yahoo": (0.892,
    0.834), "gmail-markdown": (0.864, 0.855), "h1": (0.875, 0.848), "h2": (0.895, 0.851), "h3": (0.895, 0.851),
    "h4": (0.895, 0.851), "html2text-nowrap": (0.885, 0.85), "link-in-bold": (0.864, 0.846), "linked": (0.781,
    0.806), "markdownify-atx": (0.75, 0.782), "masthead-missing": (0.864, 0.846), "md-loose": (0.885, 0.85),
    "md-tight": (0.822, 0.822), "nbsp": (0.881, 0.83), "numbered-dot": (0.885, 0.821), "numbered-hash": (0.901,
    0.827), "numbered-paren": (0.88, 0.82), "qp-soft-breaks": (0.843, 0.778), "quoted": (0.864, 0.813),
    "soft-hyphen": (0.881, 0.83), "table-layout": (0.916, 0.862), "text-loose": (0.822, 0.745), "text-tight":
    (0.843, 0.786), "trailing-spaces": (0.864, 0.817), "wrap-72": (0.822, 0.752), "wrap-76": (0.802, 0.74),
    "zero-width": (0.881, 0.83),
}
BLIND5_META: dict[str, int] = {}
# The sixth set (The Hustle, Money Stuff, Garbage Day, Numlock News, Guerre di Rete, Google Alerts, Medium
# Daily Digest): its text parts wrapped at 72/76 columns lose a wrapped date line in two of fourteen letters.
BLIND6_FLOORS = {
    "bold": (1.0, 0.852), "bold-in-link": (1.0, 0.852), "crlf": (0.931, 0.768), "div-layout": (1.0, 0.828),
    "emoji-after": (0.902, 0.733), "emoji-before": (0.902, 0.733), "fwd-apple": (0.934, 0.762), "fwd-gmail":
    (0.934, 0.762), "fwd-outlook": (0.934, 0.762), "fwd-outlook-desktop": (0.934, 0.762), "fwd-yahoo": (0.934,
    0.762), "gmail-markdown": (0.977, 0.809), "h1": (1.0, 0.852), "h2": (1.0, 0.852), "h3": (1.0, 0.852), "h4":
    (1.0, 0.852), "html2text-nowrap": (0.988, 0.851), "link-in-bold": (1.0, 0.852), "linked": (0.804, 0.813),
    "markdownify-atx": (0.781, 0.701), "masthead-missing": (0.908, 0.778), "md-loose": (0.988, 0.851),
    "md-tight": (0.965, 0.848), "nbsp": (0.934, 0.774), "numbered-dot": (0.965, 0.73), "numbered-hash": (0.965,
    0.73), "numbered-paren": (0.965, 0.73), "qp-soft-breaks": (0.804, 0.636), "quoted": (0.896, 0.739),
    "soft-hyphen": (0.931, 0.768), "table-layout": (1.0, 0.828), "text-loose": (0.712, 0.568), "text-tight":
    (0.816, 0.657), "trailing-spaces": (0.896, 0.728), "wrap-72": (0.724, 0.552), "wrap-76": (0.758, 0.568),
    "zero-width": (0.931, 0.768),
}
BLIND6_META = {'nbsp': 41, 'wrap-72': 13, 'wrap-76': 13}
# The seventh set (arXiv's cs daily mailing, Python Weekly, Deep Learning Weekly, ByteByteGo, One Useful
# Thing, Le Comment du Pourquoi, a Mailbrew digest).
BLIND7_FLOORS = {
    "bold": (0.825, 0.936), "bold-in-link": (0.952, 0.96), "crlf": (0.947, 0.939), "div-layout": (0.952, 0.96),
    "emoji-after": (0.952, 0.93), "emoji-before": (0.936, 0.929), "fwd-apple": (0.952, 0.939), "fwd-gmail":
    (0.952, 0.939), "fwd-outlook": (0.952, 0.939), "fwd-outlook-desktop": (0.952, 0.939), "fwd-yahoo": (0.952,
    0.939), "gmail-markdown": (0.809, 0.953), "h1": (0.952, 0.96), "h2": (0.952, 0.96), "h3": (0.952, 0.96),
    "h4": (0.952, 0.96), "html2text-nowrap": (0.936, 0.959), "link-in-bold": (0.952, 0.96), "linked": (0.936,
    0.959), "markdownify-atx": (0.65, 0.836), "masthead-missing": (0.952, 0.967), "md-loose": (0.936, 0.959),
    "md-tight": (0.857, 0.939), "nbsp": (0.947, 0.939), "numbered-dot": (0.94, 0.925), "numbered-hash": (0.916,
    0.888), "numbered-paren": (0.936, 0.925), "qp-soft-breaks": (0.952, 0.902), "quoted": (0.944, 0.929),
    "soft-hyphen": (0.947, 0.939), "table-layout": (0.952, 0.96), "text-loose": (0.904, 0.883), "text-tight":
    (0.952, 0.902), "trailing-spaces": (0.936, 0.929), "wrap-72": (0.817, 0.798), "wrap-76": (0.888, 0.861),
    "zero-width": (0.947, 0.939),
}
BLIND7_META: dict[str, int] = {}
# The eighth set (Google Scholar alerts, NYT DealBook, Quartz Daily Brief, Product Hunt Daily, a Japanese AI mail
# magazine, Big Technology, a Hacker News daily digest): development fixtures written anew after the set's files
# were lost, measured on this branch (main 7fa54ea's splitter, with the Yandex forward and Japanese dates read):
# over every kind recall 0.628, precision 0.840. The date and source misses are Quartz's text part, whose
# masthead line the wrapped and numbered variants read as a longer source name.
BLIND8_FLOORS = {
    "bold": (0.845, 0.922), "bold-in-link": (0.845, 0.922), "crlf": (0.936, 0.961), "div-layout": (1.0, 0.965),
    "emoji-after": (0.812, 0.975), "emoji-before": (0.904, 0.974), "fwd-apple": (0.976, 0.962), "fwd-gmail":
    (0.976, 0.962), "fwd-outlook": (0.976, 0.962), "fwd-outlook-desktop": (0.976, 0.962), "fwd-yahoo": (0.976,
    0.962), "gmail-markdown": (0.904, 0.962), "h1": (0.839, 0.921), "h2": (0.851, 0.922), "h3": (0.839, 0.921),
    "h4": (0.839, 0.921), "html2text-nowrap": (0.904, 0.962), "link-in-bold": (0.845, 0.922), "linked": (0.791,
    0.917), "markdownify-atx": (0.809, 0.937), "masthead-missing": (0.889, 0.955), "md-loose": (0.88, 0.961),
    "md-tight": (0.88, 0.961), "nbsp": (0.936, 0.961), "numbered-dot": (0.842, 0.952), "numbered-hash": (0.907,
    0.956), "numbered-paren": (0.842, 0.952), "qp-soft-breaks": (0.928, 0.957), "quoted": (0.904, 0.958),
    "soft-hyphen": (0.936, 0.961), "table-layout": (1.0, 0.965), "text-loose": (0.857, 0.883), "text-tight":
    (0.755, 0.933), "trailing-spaces": (0.904, 0.958), "wrap-72": (0.863, 0.889), "wrap-76": (0.88, 0.902),
    "zero-width": (0.936, 0.961),
}
BLIND8_META = {'wrap-72': 13, 'wrap-76': 13, 'emoji-after': 27, 'numbered-dot': 26, 'numbered-paren': 26}
# The ninth set (Techpresso, NLP News, Sifted Daily, Not Boring, GeekNews Weekly in Korean, unknowNews in Polish, Ars
# Technica's Orbital Transmission), folded in as written after its first score (main b5c2876), measured on this
# branch (b5c2876's splitter with the Tuta, Polish Outlook and Korean Gmail forwards read; the trees not yet retrained
# on it): over every kind recall 0.802, precision 0.760; every variant keeps the date and source (854 of 854).
BLIND9_FLOORS = {
    "bold": (0.882, 0.957), "bold-in-link": (0.906, 0.95), "crlf": (0.914, 0.923), "div-layout": (0.937, 0.944),
    "emoji-after": (0.886, 0.911), "emoji-before": (0.886, 0.911), "fwd-apple": (0.94, 0.918), "fwd-gmail":
    (0.94, 0.918), "fwd-outlook": (0.94, 0.918), "fwd-outlook-desktop": (0.94, 0.918), "fwd-yahoo": (0.94,
    0.918), "gmail-markdown": (0.953, 0.945), "h1": (0.929, 0.959), "h2": (0.945, 0.975), "h3": (0.945, 0.975),
    "h4": (0.937, 0.975), "html2text-nowrap": (0.937, 0.96), "link-in-bold": (0.906, 0.95), "linked": (0.867,
    0.956), "markdownify-atx": (0.875, 0.896), "masthead-missing": (0.894, 0.923), "md-loose": (0.859, 0.964),
    "md-tight": (0.765, 0.942), "nbsp": (0.914, 0.923), "numbered-dot": (0.785, 0.794), "numbered-hash": (0.824,
    0.833), "numbered-paren": (0.757, 0.788), "qp-soft-breaks": (0.945, 0.87), "quoted": (0.902, 0.913),
    "soft-hyphen": (0.914, 0.923), "table-layout": (0.937, 0.944), "text-loose": (0.843, 0.818), "text-tight":
    (0.945, 0.87), "trailing-spaces": (0.902, 0.913), "wrap-72": (0.945, 0.858), "wrap-76": (0.929, 0.868),
    "zero-width": (0.914, 0.923),
}
BLIND9_META: dict[str, int] = {}
# The tenth set (科技爱好者周刊 in Chinese, Appetrecho in Brazilian Portuguese, Nature Briefing, Bytes, Software Lead
# Weekly, CB Insights, DevThink), folded in as written after its first score (main 18bac25), measured on this branch
# (18bac25's splitter with the QQ Mail and Seznam forwards and the md exports' header shapes read; the body splitting
# not yet worked on, the trees not yet retrained on it): over every kind recall 0.606, precision 0.710; every variant
# keeps the date and source (854 of 854).
BLIND10_FLOORS = {
    "bold": (0.677, 0.8), "bold-in-link": (0.703, 0.805), "crlf": (0.855, 0.86), "div-layout": (0.991, 0.928),
    "emoji-after": (0.783, 0.825), "emoji-before": (0.771, 0.816), "fwd-apple": (0.954, 0.903), "fwd-gmail":
    (0.954, 0.903), "fwd-outlook": (0.954, 0.903), "fwd-outlook-desktop": (0.954, 0.903), "fwd-yahoo": (0.954,
    0.903), "gmail-markdown": (0.83, 0.867), "h1": (0.745, 0.814), "h2": (0.745, 0.814), "h3": (0.771, 0.819),
    "h4": (0.762, 0.818), "html2text-nowrap": (0.847, 0.813), "link-in-bold": (0.703, 0.805), "linked": (0.686,
    0.786), "markdownify-atx": (0.771, 0.866), "masthead-missing": (0.788, 0.837), "md-loose": (0.686, 0.778),
    "md-tight": (0.686, 0.794), "nbsp": (0.855, 0.86), "numbered-dot": (0.809, 0.805), "numbered-hash": (0.822,
    0.822), "numbered-paren": (0.83, 0.834), "qp-soft-breaks": (0.881, 0.852), "quoted": (0.788, 0.823),
    "soft-hyphen": (0.855, 0.86), "table-layout": (0.991, 0.928), "text-loose": (0.898, 0.854), "text-tight":
    (0.906, 0.877), "trailing-spaces": (0.788, 0.823), "wrap-72": (0.898, 0.803), "wrap-76": (0.898, 0.815),
    "zero-width": (0.855, 0.86),
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
