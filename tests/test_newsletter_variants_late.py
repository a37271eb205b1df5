"""The variants of the layouts folded in from the fifth, sixth, seventh, ninth, tenth and eleventh blind sets, and of
the eighth's re-written development fixtures, hold their floors: per variant kind (tests/fixtures/newsletters/
variants.py), recall and precision as score.py --variants prints them over each set's layouts, measured 2026-12-07 on main
after the round that read the seventh set (the learned headlines joined, records and listings of names, the
trees retrained on 56 layouts; the eighth's to eleventh's on the branches that folded them in), each rounded
down to three places; and how many variants keep the date and source where not every one does (*_META).
A file of its own, seven tests, so that make test's two workers share them (about 11 to 18 s of CPU a set).
Raise a floor when a fix lifts it."""

import time

import pytest

from support.corpus import load_score

from test_newsletter_variants import _slipped

score = load_score()

# The fifth set (JavaScript Weekly, Morning Brew, Lenny's Newsletter, Dense Discovery, Desenredando la
# Tecnología, 404 Media, AI Breakfast).
BLIND5_FLOORS = {
    "bold": (0.812, 0.804), "bold-in-link": (0.864, 0.873), "crlf": (0.888, 0.847), "div-layout": (0.927, 0.89),
    "emoji-after": (0.848, 0.823), "emoji-before": (0.843, 0.814), "fwd-apple": (0.902, 0.852), "fwd-gmail":
    (0.902, 0.852), "fwd-outlook": (0.902, 0.852), "fwd-outlook-desktop": (0.902, 0.852), "fwd-yahoo": (0.902,
    0.852), "gmail-markdown": (0.864, 0.846), "h1": (0.875, 0.875), "h2": (0.895, 0.877), "h3": (0.895, 0.877),
    "h4": (0.895, 0.877), "html2text-nowrap": (0.885, 0.876), "link-in-bold": (0.864, 0.873), "linked": (0.802,
    0.836), "markdownify-atx": (0.791, 0.775), "masthead-missing": (0.869, 0.86), "md-loose": (0.885, 0.876),
    "md-tight": (0.822, 0.822), "nbsp": (0.888, 0.847), "numbered-dot": (0.885, 0.833), "numbered-hash": (0.895,
    0.839), "numbered-paren": (0.88, 0.832), "qp-soft-breaks": (0.854, 0.78), "quoted": (0.869, 0.826),
    "soft-hyphen": (0.888, 0.847), "table-layout": (0.927, 0.89), "text-loose": (0.822, 0.745), "text-tight":
    (0.854, 0.788), "trailing-spaces": (0.859, 0.82), "wrap-72": (0.833, 0.754), "wrap-76": (0.812, 0.742),
    "zero-width": (0.888, 0.847),
}
BLIND5_META: dict[str, int] = {}
# The sixth set (The Hustle, Money Stuff, Garbage Day, Numlock News, Guerre di Rete, Google Alerts, Medium
# Daily Digest): its text parts wrapped at 72/76 columns lose a wrapped date line in two of fourteen letters.
BLIND6_FLOORS = {
    "bold": (1.0, 0.852), "bold-in-link": (1.0, 0.852), "crlf": (0.927, 0.77), "div-layout": (1.0, 0.828),
    "emoji-after": (0.89, 0.741), "emoji-before": (0.896, 0.742), "fwd-apple": (0.931, 0.764), "fwd-gmail":
    (0.931, 0.764), "fwd-outlook": (0.931, 0.764), "fwd-outlook-desktop": (0.931, 0.764), "fwd-yahoo": (0.931,
    0.764), "gmail-markdown": (0.977, 0.809), "h1": (1.0, 0.852), "h2": (1.0, 0.852), "h3": (1.0, 0.852), "h4":
    (1.0, 0.852), "html2text-nowrap": (0.988, 0.851), "link-in-bold": (1.0, 0.852), "linked": (0.816, 0.816),
    "markdownify-atx": (0.827, 0.699), "masthead-missing": (0.908, 0.782), "md-loose": (0.988, 0.851),
    "md-tight": (0.965, 0.848), "nbsp": (0.934, 0.777), "numbered-dot": (0.965, 0.74), "numbered-hash": (0.965,
    0.736), "numbered-paren": (0.965, 0.736), "qp-soft-breaks": (0.793, 0.638), "quoted": (0.89, 0.741),
    "soft-hyphen": (0.927, 0.77), "table-layout": (1.0, 0.828), "text-loose": (0.712, 0.579), "text-tight":
    (0.804, 0.66), "trailing-spaces": (0.896, 0.732), "wrap-72": (0.678, 0.526), "wrap-76": (0.724, 0.557),
    "zero-width": (0.927, 0.77),
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
    "md-tight": (0.888, 0.965), "nbsp": (0.97, 0.963), "numbered-dot": (0.944, 0.948), "numbered-hash": (0.924,
    0.91), "numbered-paren": (0.944, 0.948), "qp-soft-breaks": (0.96, 0.923), "quoted": (0.964, 0.952),
    "soft-hyphen": (0.97, 0.963), "table-layout": (0.984, 0.984), "text-loose": (0.904, 0.904), "text-tight":
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
    "bold": (0.839, 0.921), "bold-in-link": (0.851, 0.922), "crlf": (0.94, 0.961), "div-layout": (1.0, 0.965),
    "emoji-after": (0.815, 0.975), "emoji-before": (0.904, 0.977), "fwd-apple": (0.978, 0.962), "fwd-gmail":
    (0.978, 0.962), "fwd-outlook": (0.978, 0.962), "fwd-outlook-desktop": (0.978, 0.962), "fwd-yahoo": (0.978,
    0.962), "gmail-markdown": (0.952, 0.975), "h1": (0.851, 0.922), "h2": (0.851, 0.922), "h3": (0.845, 0.922),
    "h4": (0.845, 0.922), "html2text-nowrap": (0.892, 0.961), "link-in-bold": (0.851, 0.922), "linked": (0.803,
    0.918), "markdownify-atx": (0.803, 0.95), "masthead-missing": (0.895, 0.958), "md-loose": (0.886, 0.961),
    "md-tight": (0.886, 0.961), "nbsp": (0.94, 0.961), "numbered-dot": (0.827, 0.955), "numbered-hash": (0.889,
    0.958), "numbered-paren": (0.824, 0.955), "qp-soft-breaks": (0.934, 0.957), "quoted": (0.91, 0.959),
    "soft-hyphen": (0.94, 0.961), "table-layout": (1.0, 0.965), "text-loose": (0.863, 0.884), "text-tight":
    (0.761, 0.934), "trailing-spaces": (0.91, 0.959), "wrap-72": (0.88, 0.896), "wrap-76": (0.886, 0.903),
    "zero-width": (0.94, 0.961),
}
BLIND8_META = {'wrap-72': 13, 'wrap-76': 13, 'emoji-after': 27, 'numbered-dot': 26, 'numbered-paren': 26}
# The ninth set (Techpresso, NLP News, Sifted Daily, Not Boring, GeekNews Weekly in Korean, unknowNews in Polish, Ars
# Technica's Orbital Transmission), folded in as written after its first score (main b5c2876), measured on this
# branch (b5c2876's splitter with the Tuta, Polish Outlook and Korean Gmail forwards read; the trees not yet retrained
# on it): over every kind recall 0.802, precision 0.760; every variant keeps the date and source (854 of 854).
BLIND9_FLOORS = {
    "bold": (0.882, 0.949), "bold-in-link": (0.937, 0.952), "crlf": (0.921, 0.921), "div-layout": (0.968,
    0.946), "emoji-after": (0.886, 0.9), "emoji-before": (0.886, 0.908), "fwd-apple": (0.958, 0.92),
    "fwd-gmail": (0.958, 0.92), "fwd-outlook": (0.958, 0.92), "fwd-outlook-desktop": (0.958, 0.92), "fwd-yahoo":
    (0.958, 0.92), "gmail-markdown": (0.945, 0.945), "h1": (0.929, 0.952), "h2": (0.945, 0.968), "h3": (0.945,
    0.968), "h4": (0.945, 0.968), "html2text-nowrap": (0.937, 0.96), "link-in-bold": (0.937, 0.952), "linked":
    (0.867, 0.948), "markdownify-atx": (0.867, 0.888), "masthead-missing": (0.89, 0.915), "md-loose": (0.859,
    0.956), "md-tight": (0.765, 0.933), "nbsp": (0.921, 0.921), "numbered-dot": (0.812, 0.803), "numbered-hash":
    (0.855, 0.839), "numbered-paren": (0.789, 0.798), "qp-soft-breaks": (0.937, 0.869), "quoted": (0.898,
    0.909), "soft-hyphen": (0.921, 0.921), "table-layout": (0.968, 0.946), "text-loose": (0.843, 0.818),
    "text-tight": (0.937, 0.869), "trailing-spaces": (0.898, 0.909), "wrap-72": (0.937, 0.857), "wrap-76":
    (0.921, 0.867), "zero-width": (0.921, 0.921),
}
BLIND9_META: dict[str, int] = {}
# The tenth set (科技爱好者周刊 in Chinese, Appetrecho in Brazilian Portuguese, Nature Briefing, Bytes, Software Lead
# Weekly, CB Insights, DevThink), folded in as written after its first score (main 18bac25), measured on this branch
# (18bac25's splitter with the QQ Mail and Seznam forwards and the md exports' header shapes read; the body splitting
# not yet worked on, the trees not yet retrained on it): over every kind recall 0.606, precision 0.710; every variant
# keeps the date and source (854 of 854).
BLIND10_FLOORS = {
    "bold": (0.737, 0.836), "bold-in-link": (0.762, 0.841), "crlf": (0.875, 0.873), "div-layout": (0.991,
    0.928), "emoji-after": (0.813, 0.842), "emoji-before": (0.8, 0.836), "fwd-apple": (0.954, 0.903),
    "fwd-gmail": (0.954, 0.903), "fwd-outlook": (0.954, 0.903), "fwd-outlook-desktop": (0.954, 0.903),
    "fwd-yahoo": (0.954, 0.903), "gmail-markdown": (0.974, 0.934), "h1": (0.805, 0.848), "h2": (0.813, 0.849),
    "h3": (0.83, 0.852), "h4": (0.822, 0.85), "html2text-nowrap": (0.864, 0.836), "link-in-bold": (0.762,
    0.841), "linked": (0.745, 0.822), "markdownify-atx": (0.762, 0.891), "masthead-missing": (0.817, 0.857),
    "md-loose": (0.745, 0.822), "md-tight": (0.745, 0.838), "nbsp": (0.875, 0.873), "numbered-dot": (0.826,
    0.826), "numbered-hash": (0.838, 0.842), "numbered-paren": (0.834, 0.852), "qp-soft-breaks": (0.881, 0.852),
    "quoted": (0.817, 0.842), "soft-hyphen": (0.875, 0.873), "table-layout": (0.991, 0.928), "text-loose":
    (0.898, 0.854), "text-tight": (0.906, 0.877), "trailing-spaces": (0.817, 0.842), "wrap-72": (0.898, 0.803),
    "wrap-76": (0.898, 0.815), "zero-width": (0.875, 0.873),
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
    "bold": (0.941, 0.732), "bold-in-link": (0.931, 0.669), "crlf": (0.931, 0.717), "div-layout": (0.96, 0.731),
    "emoji-after": (0.921, 0.712), "emoji-before": (0.921, 0.712), "fwd-apple": (0.947, 0.717), "fwd-gmail":
    (0.947, 0.717), "fwd-outlook": (0.947, 0.717), "fwd-outlook-desktop": (0.947, 0.717), "fwd-yahoo": (0.947,
    0.717), "gmail-markdown": (0.931, 0.714), "h1": (0.892, 0.654), "h2": (0.892, 0.664), "h3": (0.911, 0.669),
    "h4": (0.892, 0.659), "html2text-nowrap": (0.911, 0.72), "link-in-bold": (0.931, 0.669), "linked": (0.892,
    0.659), "markdownify-atx": (0.803, 0.577), "masthead-missing": (0.916, 0.739), "md-loose": (0.911, 0.732),
    "md-tight": (0.901, 0.736), "nbsp": (0.931, 0.721), "numbered-dot": (0.916, 0.708), "numbered-hash": (0.931,
    0.708), "numbered-paren": (0.867, 0.688), "qp-soft-breaks": (0.921, 0.691), "quoted": (0.916, 0.711),
    "soft-hyphen": (0.931, 0.717), "table-layout": (0.96, 0.731), "text-loose": (0.862, 0.676), "text-tight":
    (0.862, 0.676), "trailing-spaces": (0.916, 0.684), "wrap-72": (0.784, 0.583), "wrap-76": (0.794, 0.591),
    "zero-width": (0.931, 0.717),
}
BLIND11_META = {'gmail-markdown': 12, 'markdownify-atx': 12, 'nbsp': 40, 'wrap-72': 13, 'wrap-76': 13}


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


def test_every_kind_has_a_floor_in_each_set():
    kinds = set(score.load_variants().KINDS)
    assert set(BLIND5_FLOORS) == set(BLIND6_FLOORS) == set(BLIND7_FLOORS) == set(BLIND8_FLOORS) == set(BLIND9_FLOORS) == set(BLIND10_FLOORS) \
        == set(BLIND11_FLOORS) == kinds
