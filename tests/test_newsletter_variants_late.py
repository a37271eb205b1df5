"""The variants of the layouts folded in from the fifth, sixth, seventh, ninth, tenth, eleventh and twelfth blind sets,
and of the eighth's re-written development fixtures, hold their floors: per variant kind (tests/fixtures/newsletters/
variants.py), recall and precision as score.py --variants prints them over each set's layouts, measured 2026-12-07 on main
after the round that read the seventh set (the learned headlines joined, records and listings of names, the
trees retrained on 56 layouts; the eighth's to twelfth's on the branches that folded them in), each rounded
down to three places; and how many variants keep the date and source where not every one does (*_META).
A file of its own, eight tests, so that make test's two workers share them (about 11 to 18 s of CPU a set).
Raise a floor when a fix lifts it."""

import time

import pytest

from support.corpus import load_score

from test_newsletter_variants import _slipped

score = load_score()

# The fifth set (JavaScript Weekly, Morning Brew, Lenny's Newsletter, Dense Discovery, Desenredando la
# Tecnología, 404 Media, AI Breakfast).
BLIND5_FLOORS = {
    "bold": (0.854, 0.854), "bold-in-link": (0.906, 0.861), "crlf": (0.881, 0.846), "div-layout": (0.916,
    0.888), "emoji-after": (0.848, 0.823), "emoji-before": (0.854, 0.815), "fwd-apple": (0.892, 0.85),
    "fwd-gmail": (0.892, 0.85), "fwd-outlook": (0.892, 0.85), "fwd-outlook-desktop": (0.892, 0.85), "fwd-yahoo":
    (0.892, 0.85), "gmail-markdown": (0.854, 0.845), "h1": (0.875, 0.875), "h2": (0.895, 0.877), "h3": (0.895,
    0.877), "h4": (0.895, 0.877), "html2text-nowrap": (0.885, 0.876), "link-in-bold": (0.906, 0.861), "linked":
    (0.791, 0.835), "markdownify-atx": (0.781, 0.789), "masthead-missing": (0.875, 0.861), "md-loose": (0.885,
    0.876), "md-tight": (0.822, 0.822), "nbsp": (0.881, 0.846), "numbered-dot": (0.869, 0.83), "numbered-hash":
    (0.895, 0.839), "numbered-paren": (0.864, 0.83), "qp-soft-breaks": (0.843, 0.778), "quoted": (0.864, 0.825),
    "soft-hyphen": (0.881, 0.846), "table-layout": (0.916, 0.888), "text-loose": (0.822, 0.745), "text-tight":
    (0.843, 0.786), "trailing-spaces": (0.864, 0.825), "wrap-72": (0.822, 0.752), "wrap-76": (0.802, 0.74),
    "zero-width": (0.881, 0.846),
}
BLIND5_META: dict[str, int] = {}
# The sixth set (The Hustle, Money Stuff, Garbage Day, Numlock News, Guerre di Rete, Google Alerts, Medium
# Daily Digest): its text parts wrapped at 72/76 columns lose a wrapped date line in two of fourteen letters.
BLIND6_FLOORS = {
    "bold": (1.0, 0.852), "bold-in-link": (1.0, 0.852), "crlf": (0.919, 0.766), "div-layout": (1.0, 0.828),
    "emoji-after": (0.856, 0.719), "emoji-before": (0.885, 0.733), "fwd-apple": (0.923, 0.76), "fwd-gmail":
    (0.923, 0.76), "fwd-outlook": (0.923, 0.76), "fwd-outlook-desktop": (0.923, 0.76), "fwd-yahoo": (0.923,
    0.76), "gmail-markdown": (0.977, 0.809), "h1": (1.0, 0.852), "h2": (1.0, 0.852), "h3": (1.0, 0.852), "h4":
    (1.0, 0.852), "html2text-nowrap": (0.988, 0.851), "link-in-bold": (1.0, 0.852), "linked": (0.816, 0.816),
    "markdownify-atx": (0.781, 0.68), "masthead-missing": (0.902, 0.777), "md-loose": (0.988, 0.851),
    "md-tight": (0.965, 0.848), "nbsp": (0.931, 0.773), "numbered-dot": (0.965, 0.724), "numbered-hash": (0.965,
    0.727), "numbered-paren": (0.965, 0.727), "qp-soft-breaks": (0.77, 0.626), "quoted": (0.879, 0.735),
    "soft-hyphen": (0.919, 0.766), "table-layout": (1.0, 0.828), "text-loose": (0.701, 0.559), "text-tight":
    (0.781, 0.647), "trailing-spaces": (0.89, 0.727), "wrap-72": (0.655, 0.527), "wrap-76": (0.678, 0.526),
    "zero-width": (0.919, 0.766),
}
BLIND6_META = {'nbsp': 41, 'wrap-72': 13, 'wrap-76': 13}
# The seventh set (arXiv's cs daily mailing, Python Weekly, Deep Learning Weekly, ByteByteGo, One Useful
# Thing, Le Comment du Pourquoi, a Mailbrew digest).
BLIND7_FLOORS = {
    "bold": (0.857, 0.955), "bold-in-link": (0.984, 0.976), "crlf": (0.97, 0.963), "div-layout": (0.984, 0.984),
    "emoji-after": (0.976, 0.953), "emoji-before": (0.964, 0.952), "fwd-apple": (0.976, 0.963), "fwd-gmail":
    (0.976, 0.963), "fwd-outlook": (0.976, 0.963), "fwd-outlook-desktop": (0.976, 0.963), "fwd-yahoo": (0.976,
    0.963), "gmail-markdown": (0.833, 0.972), "h1": (0.984, 0.976), "h2": (0.984, 0.976), "h3": (0.984, 0.984),
    "h4": (0.984, 0.984), "html2text-nowrap": (0.968, 0.983), "link-in-bold": (0.984, 0.976), "linked": (0.968,
    0.976), "markdownify-atx": (0.682, 0.877), "masthead-missing": (0.972, 0.991), "md-loose": (0.968, 0.983),
    "md-tight": (0.888, 0.965), "nbsp": (0.97, 0.963), "numbered-dot": (0.948, 0.944), "numbered-hash": (0.928,
    0.906), "numbered-paren": (0.948, 0.944), "qp-soft-breaks": (0.96, 0.923), "quoted": (0.964, 0.952),
    "soft-hyphen": (0.97, 0.963), "table-layout": (0.984, 0.984), "text-loose": (0.888, 0.896), "text-tight":
    (0.96, 0.902), "trailing-spaces": (0.956, 0.941), "wrap-72": (0.849, 0.804), "wrap-76": (0.896, 0.862),
    "zero-width": (0.97, 0.963),
}
BLIND7_META: dict[str, int] = {}
# The eighth set (Google Scholar alerts, NYT DealBook, Quartz Daily Brief, Product Hunt Daily, a Japanese AI mail
# magazine, Big Technology, a Hacker News daily digest): development fixtures written anew after the set's files
# were lost, measured on this branch (main 7fa54ea's splitter, with the Yandex forward and Japanese dates read):
# over every kind recall 0.628, precision 0.840. The date and source misses are Quartz's text part, whose
# masthead line the wrapped and numbered variants read as a longer source name.
BLIND8_FLOORS = {
    "bold": (0.815, 0.913), "bold-in-link": (0.815, 0.913), "crlf": (0.94, 0.961), "div-layout": (1.0, 0.965),
    "emoji-after": (0.797, 0.967), "emoji-before": (0.901, 0.977), "fwd-apple": (0.98, 0.962), "fwd-gmail":
    (0.98, 0.962), "fwd-outlook": (0.98, 0.962), "fwd-outlook-desktop": (0.98, 0.962), "fwd-yahoo": (0.98,
    0.962), "gmail-markdown": (0.958, 0.975), "h1": (0.821, 0.913), "h2": (0.845, 0.922), "h3": (0.845, 0.922),
    "h4": (0.815, 0.913), "html2text-nowrap": (0.898, 0.961), "link-in-bold": (0.815, 0.913), "linked": (0.797,
    0.917), "markdownify-atx": (0.803, 0.95), "masthead-missing": (0.88, 0.951), "md-loose": (0.88, 0.961),
    "md-tight": (0.88, 0.961), "nbsp": (0.94, 0.961), "numbered-dot": (0.833, 0.955), "numbered-hash": (0.898,
    0.958), "numbered-paren": (0.833, 0.955), "qp-soft-breaks": (0.94, 0.957), "quoted": (0.91, 0.959),
    "soft-hyphen": (0.94, 0.961), "table-layout": (1.0, 0.965), "text-loose": (0.869, 0.884), "text-tight":
    (0.767, 0.934), "trailing-spaces": (0.91, 0.959), "wrap-72": (0.875, 0.89), "wrap-76": (0.892, 0.903),
    "zero-width": (0.94, 0.961),
}
BLIND8_META = {'wrap-72': 13, 'wrap-76': 13, 'emoji-after': 27, 'numbered-dot': 26, 'numbered-paren': 26}
# The ninth set (Techpresso, NLP News, Sifted Daily, Not Boring, GeekNews Weekly in Korean, unknowNews in Polish, Ars
# Technica's Orbital Transmission), folded in as written after its first score (main b5c2876), measured on this
# branch (b5c2876's splitter with the Tuta, Polish Outlook and Korean Gmail forwards read; the trees not yet retrained
# on it): over every kind recall 0.802, precision 0.760; every variant keeps the date and source (854 of 854).
BLIND9_FLOORS = {
    "bold": (0.898, 0.942), "bold-in-link": (0.937, 0.944), "crlf": (0.932, 0.915), "div-layout": (0.976,
    0.939), "emoji-after": (0.894, 0.894), "emoji-before": (0.894, 0.901), "fwd-apple": (0.968, 0.911),
    "fwd-gmail": (0.968, 0.911), "fwd-outlook": (0.968, 0.911), "fwd-outlook-desktop": (0.968, 0.911),
    "fwd-yahoo": (0.968, 0.911), "gmail-markdown": (0.953, 0.945), "h1": (0.929, 0.944), "h2": (0.953, 0.96),
    "h3": (0.937, 0.96), "h4": (0.937, 0.96), "html2text-nowrap": (0.945, 0.952), "link-in-bold": (0.937,
    0.944), "linked": (0.867, 0.948), "markdownify-atx": (0.875, 0.888), "masthead-missing": (0.875, 0.888),
    "md-loose": (0.867, 0.956), "md-tight": (0.773, 0.925), "nbsp": (0.932, 0.915), "numbered-dot": (0.792,
    0.786), "numbered-hash": (0.843, 0.827), "numbered-paren": (0.781, 0.784), "qp-soft-breaks": (0.953, 0.859),
    "quoted": (0.91, 0.903), "soft-hyphen": (0.932, 0.915), "table-layout": (0.976, 0.939), "text-loose":
    (0.843, 0.805), "text-tight": (0.953, 0.859), "trailing-spaces": (0.91, 0.903), "wrap-72": (0.953, 0.847),
    "wrap-76": (0.937, 0.857), "zero-width": (0.932, 0.915),
}
BLIND9_META: dict[str, int] = {}
# The tenth set (科技爱好者周刊 in Chinese, Appetrecho in Brazilian Portuguese, Nature Briefing, Bytes, Software Lead
# Weekly, CB Insights, DevThink), folded in as written after its first score (main 18bac25), measured on this branch
# (18bac25's splitter with the QQ Mail and Seznam forwards and the md exports' header shapes read; the body splitting
# not yet worked on, the trees not yet retrained on it): over every kind recall 0.606, precision 0.710; every variant
# keeps the date and source (854 of 854).
BLIND10_FLOORS = {
    "bold": (0.737, 0.852), "bold-in-link": (0.762, 0.857), "crlf": (0.875, 0.878), "div-layout": (0.991,
    0.928), "emoji-after": (0.813, 0.849), "emoji-before": (0.8, 0.843), "fwd-apple": (0.954, 0.903),
    "fwd-gmail": (0.954, 0.903), "fwd-outlook": (0.954, 0.903), "fwd-outlook-desktop": (0.954, 0.903),
    "fwd-yahoo": (0.954, 0.903), "gmail-markdown": (0.974, 0.934), "h1": (0.805, 0.863), "h2": (0.805, 0.863),
    "h3": (0.822, 0.866), "h4": (0.822, 0.866), "html2text-nowrap": (0.864, 0.85), "link-in-bold": (0.762,
    0.857), "linked": (0.745, 0.838), "markdownify-atx": (0.762, 0.891), "masthead-missing": (0.817, 0.865),
    "md-loose": (0.745, 0.838), "md-tight": (0.745, 0.854), "nbsp": (0.875, 0.878), "numbered-dot": (0.826,
    0.833), "numbered-hash": (0.843, 0.85), "numbered-paren": (0.851, 0.866), "qp-soft-breaks": (0.881, 0.852),
    "quoted": (0.817, 0.85), "soft-hyphen": (0.875, 0.878), "table-layout": (0.991, 0.928), "text-loose":
    (0.898, 0.854), "text-tight": (0.906, 0.877), "trailing-spaces": (0.817, 0.85), "wrap-72": (0.898, 0.803),
    "wrap-76": (0.898, 0.815), "zero-width": (0.875, 0.878),
}
BLIND10_META: dict[str, int] = {}
# The eleventh set (This Week in Rust, POM in Dutch, Every, iOS Dev Weekly, Klerk's IT digest in Russian, Quora Digest,
# the Stack Exchange newsletter), folded in as written after its first score (main a02d74b), measured on this branch
# (a02d74b's splitter with the Zimbra and Notes forwards and the md exports' header shapes read; the body splitting not
# yet worked on, the trees not yet retrained on it): over every kind recall 0.919, precision 0.702; 846 of 854 variants
# keep the date and source. The eight that do not are body forms whose date and source come from the masthead: iOS Dev
# Weekly's text part with no-break spaces (no masthead read), Stack Exchange's 'Weekly newsletter · <week>' line read
# as the source (its '·' dropped in Gmail's Markdown, 'Cross Validated' run into it in the wrapped text), and This Week
# in Rust's markdownify form, whose base already reads an event line as its masthead.
BLIND11_FLOORS = {
    "bold": (0.941, 0.82), "bold-in-link": (0.931, 0.742), "crlf": (0.934, 0.783), "div-layout": (0.96, 0.83),
    "emoji-after": (0.926, 0.762), "emoji-before": (0.926, 0.762), "fwd-apple": (0.95, 0.788), "fwd-gmail":
    (0.95, 0.788), "fwd-outlook": (0.95, 0.788), "fwd-outlook-desktop": (0.95, 0.788), "fwd-yahoo": (0.95,
    0.788), "gmail-markdown": (0.931, 0.818), "h1": (0.892, 0.733), "h2": (0.931, 0.742), "h3": (0.921, 0.74),
    "h4": (0.892, 0.733), "html2text-nowrap": (0.911, 0.815), "link-in-bold": (0.931, 0.742), "linked": (0.892,
    0.733), "markdownify-atx": (0.803, 0.602), "masthead-missing": (0.921, 0.793), "md-loose": (0.911, 0.815),
    "md-tight": (0.901, 0.814), "nbsp": (0.934, 0.787), "numbered-dot": (0.941, 0.771), "numbered-hash": (0.936,
    0.757), "numbered-paren": (0.901, 0.779), "qp-soft-breaks": (0.931, 0.714), "quoted": (0.921, 0.761),
    "soft-hyphen": (0.934, 0.783), "table-layout": (0.96, 0.83), "text-loose": (0.901, 0.707), "text-tight":
    (0.872, 0.7), "trailing-spaces": (0.921, 0.72), "wrap-72": (0.803, 0.589), "wrap-76": (0.813, 0.597),
    "zero-width": (0.934, 0.783),
}
BLIND11_META = {'gmail-markdown': 12, 'markdownify-atx': 12, 'nbsp': 40, 'wrap-72': 13, 'wrap-76': 13}
# The twelfth set (ChinAI, POLITICO Europe's Morning Tech, The Deep View, Fortune's Eye on AI, That AI Thing, Weekend
# Briefing, the Tagesspiegel's Morgenlage Wirtschaft in German), folded in as written after its first score (main 156d3db),
# measured on this branch (156d3db's splitter with the SquirrelMail, Horde, iOS Mail in Spanish and Japanese Outlook
# forwards and the md exports' header shapes read; the body splitting not yet worked on, the trees not yet retrained on
# it): over every kind recall 0.603, precision 0.668; every one of the 854 variants that carry a date and source keeps
# them (882 variants in all).
BLIND12_FLOORS = {
    "bold": (0.616, 0.655), "bold-in-link": (0.626, 0.666), "crlf": (0.599, 0.669), "div-layout": (0.646, 0.711),
    "emoji-after": (0.595, 0.659), "emoji-before": (0.59, 0.657), "fwd-apple": (0.612, 0.679), "fwd-gmail": (0.612,
    0.679), "fwd-outlook": (0.612, 0.679), "fwd-outlook-desktop": (0.612, 0.679), "fwd-yahoo": (0.612, 0.679),
    "gmail-markdown": (0.585, 0.698), "h1": (0.616, 0.642), "h2": (0.636, 0.692), "h3": (0.636, 0.692), "h4": (0.626,
    0.666), "html2text-nowrap": (0.606, 0.674), "link-in-bold": (0.626, 0.666), "linked": (0.515, 0.621),
    "markdownify-atx": (0.434, 0.511), "masthead-missing": (0.575, 0.69), "md-loose": (0.606, 0.681), "md-tight":
    (0.585, 0.659), "nbsp": (0.599, 0.669), "numbered-dot": (0.636, 0.681), "numbered-hash": (0.727, 0.734),
    "numbered-paren": (0.636, 0.67), "qp-soft-breaks": (0.545, 0.613), "quoted": (0.575, 0.647), "soft-hyphen": (0.599,
    0.669), "table-layout": (0.646, 0.711), "text-loose": (0.545, 0.613), "text-tight": (0.545, 0.613),
    "trailing-spaces": (0.575, 0.647), "wrap-72": (0.565, 0.622), "wrap-76": (0.565, 0.643), "zero-width": (0.599,
    0.669),
}
BLIND12_META: dict[str, int] = {}


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


@pytest.mark.slow
def test_the_eleventh_blind_sets_variants_hold_their_floors():
    start = time.process_time()
    slipped = _slipped("blind11", score.run_variants(layouts=score.BLIND11_LAYOUTS), BLIND11_FLOORS, BLIND11_META)
    assert time.process_time() - start < 40
    assert not slipped, f"below the floor: {slipped}"


@pytest.mark.slow
def test_the_twelfth_blind_sets_variants_hold_their_floors():
    start = time.process_time()
    slipped = _slipped("blind12", score.run_variants(layouts=score.BLIND12_LAYOUTS), BLIND12_FLOORS, BLIND12_META)
    assert time.process_time() - start < 40
    assert not slipped, f"below the floor: {slipped}"


def test_every_kind_has_a_floor_in_each_set():
    kinds = set(score.load_variants().KINDS)
    assert set(BLIND5_FLOORS) == set(BLIND6_FLOORS) == set(BLIND7_FLOORS) == set(BLIND8_FLOORS) == set(BLIND9_FLOORS) == set(BLIND10_FLOORS) \
        == set(BLIND11_FLOORS) == set(BLIND12_FLOORS) == kinds
