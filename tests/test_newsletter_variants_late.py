"""The variants of the layouts folded in from the fifth, sixth, seventh, ninth, tenth, eleventh, twelfth, thirteenth,
fourteenth, fifteenth and sixteenth blind sets, and of the eighth's re-written development fixtures, hold their floors:
per variant kind (tests/fixtures/newsletters/variants.py), recall and precision as score.py --variants prints them over
each set's layouts, measured 2026-12-07 on main after the round that read the seventh set (the learned headlines
joined, records and listings of names, the trees retrained on 56 layouts; the eighth's to sixteenth's on the
branches that folded them in), each rounded down to three places; and how many variants keep the date and source
where not every one does (*_META). A file of its own, twelve tests, so that make test's two workers share them
(about 9 to 18 s of CPU a set).
Raise a floor when a fix lifts it."""

import time

import pytest

from support.corpus import load_score

from test_newsletter_variants import _slipped, run_held

score = load_score()

# The fifth set (JavaScript Weekly, Morning Brew, Lenny's Newsletter, Dense Discovery, Desenredando la
# Tecnología, 404 Media, AI Breakfast).
BLIND5_FLOORS = {
    "bold": (0.812, 0.804), "bold-in-link": (0.864, 0.882), "crlf": (0.885, 0.852), "div-layout": (0.927,
    0.898), "emoji-after": (0.843, 0.826), "emoji-before": (0.848, 0.819), "fwd-apple": (0.899, 0.857),
    "fwd-gmail": (0.899, 0.857), "fwd-outlook": (0.899, 0.857), "fwd-outlook-desktop": (0.899, 0.857),
    "fwd-yahoo": (0.899, 0.857), "gmail-markdown": (0.854, 0.854), "h1": (0.864, 0.882), "h2": (0.895, 0.886),
    "h3": (0.895, 0.886), "h4": (0.895, 0.886), "html2text-nowrap": (0.885, 0.885), "link-in-bold": (0.864,
    0.882), "linked": (0.802, 0.855), "markdownify-atx": (0.781, 0.806), "masthead-missing": (0.869, 0.865),
    "md-loose": (0.885, 0.885), "md-tight": (0.822, 0.831), "nbsp": (0.885, 0.852), "numbered-dot": (0.901,
    0.835), "numbered-hash": (0.906, 0.844), "numbered-paren": (0.906, 0.844), "qp-soft-breaks": (0.843, 0.778),
    "quoted": (0.864, 0.83), "soft-hyphen": (0.885, 0.852), "table-layout": (0.927, 0.898), "text-loose":
    (0.833, 0.747), "text-tight": (0.843, 0.786), "trailing-spaces": (0.864, 0.83), "wrap-72": (0.802, 0.747),
    "wrap-76": (0.781, 0.735), "zero-width": (0.885, 0.852),
}
BLIND5_META: dict[str, int] = {}
# The sixth set (The Hustle, Money Stuff, Garbage Day, Numlock News, Guerre di Rete, Google Alerts, Medium
# Daily Digest): its text parts wrapped at 72/76 columns lose a wrapped date line in two of fourteen letters.
BLIND6_FLOORS = {
    "bold": (0.988, 0.86), "bold-in-link": (1.0, 0.861), "crlf": (0.919, 0.784), "div-layout": (0.988, 0.86),
    "emoji-after": (0.89, 0.748), "emoji-before": (0.896, 0.75), "fwd-apple": (0.919, 0.784), "fwd-gmail":
    (0.919, 0.784), "fwd-outlook": (0.919, 0.784), "fwd-outlook-desktop": (0.919, 0.784), "fwd-yahoo": (0.919,
    0.784), "gmail-markdown": (0.977, 0.825), "h1": (1.0, 0.861), "h2": (1.0, 0.861), "h3": (1.0, 0.861), "h4":
    (1.0, 0.861), "html2text-nowrap": (0.988, 0.86), "link-in-bold": (1.0, 0.861), "linked": (0.816, 0.825),
    "markdownify-atx": (0.804, 0.679), "masthead-missing": (0.902, 0.785), "md-loose": (0.988, 0.86),
    "md-tight": (0.965, 0.857), "nbsp": (0.927, 0.79), "numbered-dot": (0.959, 0.738), "numbered-hash": (0.959,
    0.738), "numbered-paren": (0.959, 0.738), "qp-soft-breaks": (0.781, 0.641), "quoted": (0.885, 0.747),
    "soft-hyphen": (0.919, 0.784), "table-layout": (0.988, 0.86), "text-loose": (0.701, 0.57), "text-tight":
    (0.793, 0.663), "trailing-spaces": (0.885, 0.747), "wrap-72": (0.655, 0.522), "wrap-76": (0.724, 0.594),
    "zero-width": (0.919, 0.784),
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
    0.976), "markdownify-atx": (0.912, 0.905), "masthead-missing": (0.972, 0.991), "md-loose": (0.968, 0.983),
    "md-tight": (0.888, 0.965), "nbsp": (0.97, 0.963), "numbered-dot": (0.944, 0.94), "numbered-hash": (0.928,
    0.903), "numbered-paren": (0.944, 0.94), "qp-soft-breaks": (0.96, 0.923), "quoted": (0.964, 0.952),
    "soft-hyphen": (0.97, 0.963), "table-layout": (0.984, 0.984), "text-loose": (0.873, 0.88), "text-tight":
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
    "bold": (0.821, 0.926), "bold-in-link": (0.845, 0.934), "crlf": (0.938, 0.973), "div-layout": (1.0, 0.988),
    "emoji-after": (0.83, 0.982), "emoji-before": (0.872, 0.979), "fwd-apple": (0.978, 0.978), "fwd-gmail":
    (0.978, 0.978), "fwd-outlook": (0.978, 0.978), "fwd-outlook-desktop": (0.978, 0.978), "fwd-yahoo": (0.978,
    0.978), "gmail-markdown": (0.958, 0.987), "h1": (0.821, 0.926), "h2": (0.845, 0.934), "h3": (0.845, 0.934),
    "h4": (0.815, 0.925), "html2text-nowrap": (0.91, 0.974), "link-in-bold": (0.845, 0.934), "linked": (0.797,
    0.93), "markdownify-atx": (0.857, 0.972), "masthead-missing": (0.886, 0.958), "md-loose": (0.88, 0.973),
    "md-tight": (0.88, 0.973), "nbsp": (0.938, 0.973), "numbered-dot": (0.883, 0.961), "numbered-hash": (0.901,
    0.961), "numbered-paren": (0.883, 0.961), "qp-soft-breaks": (0.934, 0.957), "quoted": (0.907, 0.965),
    "soft-hyphen": (0.938, 0.973), "table-layout": (1.0, 0.988), "text-loose": (0.863, 0.884), "text-tight":
    (0.761, 0.934), "trailing-spaces": (0.907, 0.965), "wrap-72": (0.875, 0.89), "wrap-76": (0.886, 0.903),
    "zero-width": (0.938, 0.973),
}
BLIND8_META = {'wrap-72': 13, 'wrap-76': 13, 'emoji-after': 26}
# The ninth set (Techpresso, NLP News, Sifted Daily, Not Boring, GeekNews Weekly in Korean, unknowNews in Polish, Ars
# Technica's Orbital Transmission), folded in as written after its first score (main b5c2876), measured on this
# branch (b5c2876's splitter with the Tuta, Polish Outlook and Korean Gmail forwards read; the trees not yet retrained
# on it): over every kind recall 0.802, precision 0.760; every variant keeps the date and source (854 of 854).
BLIND9_FLOORS = {
    "bold": (0.898, 0.95), "bold-in-link": (0.937, 0.952), "crlf": (0.921, 0.924), "div-layout": (0.976, 0.939),
    "emoji-after": (0.89, 0.915), "emoji-before": (0.882, 0.914), "fwd-apple": (0.958, 0.915), "fwd-gmail":
    (0.958, 0.915), "fwd-outlook": (0.958, 0.915), "fwd-outlook-desktop": (0.958, 0.915), "fwd-yahoo": (0.958,
    0.915), "gmail-markdown": (0.953, 0.945), "h1": (0.945, 0.952), "h2": (0.945, 0.968), "h3": (0.937, 0.967),
    "h4": (0.937, 0.967), "html2text-nowrap": (0.945, 0.945), "link-in-bold": (0.937, 0.952), "linked": (0.867,
    0.965), "markdownify-atx": (0.882, 0.896), "masthead-missing": (0.867, 0.913), "md-loose": (0.867, 0.973),
    "md-tight": (0.843, 0.955), "nbsp": (0.921, 0.924), "numbered-dot": (0.773, 0.801), "numbered-hash": (0.843,
    0.84), "numbered-paren": (0.781, 0.806), "qp-soft-breaks": (0.921, 0.867), "quoted": (0.894, 0.916),
    "soft-hyphen": (0.921, 0.924), "table-layout": (0.976, 0.939), "text-loose": (0.828, 0.796), "text-tight":
    (0.921, 0.867), "trailing-spaces": (0.894, 0.916), "wrap-72": (0.914, 0.847), "wrap-76": (0.906, 0.865),
    "zero-width": (0.921, 0.924),
}
BLIND9_META: dict[str, int] = {}
# The tenth set (科技爱好者周刊 in Chinese, Appetrecho in Brazilian Portuguese, Nature Briefing, Bytes, Software Lead
# Weekly, CB Insights, DevThink), folded in as written after its first score (main 18bac25), measured on this branch
# (18bac25's splitter with the QQ Mail and Seznam forwards and the md exports' header shapes read; the body splitting
# not yet worked on, the trees not yet retrained on it): over every kind recall 0.606, precision 0.710; every variant
# keeps the date and source (854 of 854).
BLIND10_FLOORS = {
    "bold": (0.737, 0.852), "bold-in-link": (0.771, 0.858), "crlf": (0.875, 0.885), "div-layout": (0.991,
    0.928), "emoji-after": (0.813, 0.86), "emoji-before": (0.8, 0.855), "fwd-apple": (0.954, 0.911),
    "fwd-gmail": (0.954, 0.911), "fwd-outlook": (0.954, 0.911), "fwd-outlook-desktop": (0.954, 0.911),
    "fwd-yahoo": (0.954, 0.911), "gmail-markdown": (0.974, 0.934), "h1": (0.813, 0.864), "h2": (0.822, 0.866),
    "h3": (0.83, 0.867), "h4": (0.822, 0.866), "html2text-nowrap": (0.864, 0.85), "link-in-bold": (0.771,
    0.858), "linked": (0.745, 0.838), "markdownify-atx": (0.762, 0.882), "masthead-missing": (0.817, 0.873),
    "md-loose": (0.745, 0.838), "md-tight": (0.745, 0.854), "nbsp": (0.875, 0.885), "numbered-dot": (0.834,
    0.845), "numbered-hash": (0.843, 0.861), "numbered-paren": (0.851, 0.866), "qp-soft-breaks": (0.881, 0.873),
    "quoted": (0.817, 0.861), "soft-hyphen": (0.875, 0.885), "table-layout": (0.991, 0.928), "text-loose":
    (0.898, 0.876), "text-tight": (0.906, 0.884), "trailing-spaces": (0.817, 0.861), "wrap-72": (0.898, 0.809),
    "wrap-76": (0.898, 0.821), "zero-width": (0.875, 0.885),
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
    0.788), "gmail-markdown": (0.931, 0.826), "h1": (0.931, 0.742), "h2": (0.931, 0.742), "h3": (0.921, 0.74),
    "h4": (0.892, 0.733), "html2text-nowrap": (0.911, 0.815), "link-in-bold": (0.931, 0.742), "linked": (0.892,
    0.733), "markdownify-atx": (0.784, 0.655), "masthead-missing": (0.921, 0.793), "md-loose": (0.911, 0.815),
    "md-tight": (0.901, 0.814), "nbsp": (0.934, 0.787), "numbered-dot": (0.941, 0.764), "numbered-hash": (0.941,
    0.758), "numbered-paren": (0.892, 0.745), "qp-soft-breaks": (0.931, 0.714), "quoted": (0.921, 0.761),
    "soft-hyphen": (0.934, 0.783), "table-layout": (0.96, 0.83), "text-loose": (0.872, 0.7), "text-tight":
    (0.872, 0.7), "trailing-spaces": (0.921, 0.725), "wrap-72": (0.794, 0.586), "wrap-76": (0.803, 0.594),
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
    "bold": (0.868, 0.834), "bold-in-link": (0.878, 0.844), "crlf": (0.828, 0.842), "div-layout": (0.919,
    0.883), "emoji-after": (0.787, 0.825), "emoji-before": (0.797, 0.822), "fwd-apple": (0.845, 0.847),
    "fwd-gmail": (0.845, 0.847), "fwd-outlook": (0.845, 0.847), "fwd-outlook-desktop": (0.845, 0.847),
    "fwd-yahoo": (0.845, 0.847), "gmail-markdown": (0.858, 0.876), "h1": (0.868, 0.819), "h2": (0.888, 0.871),
    "h3": (0.888, 0.871), "h4": (0.878, 0.844), "html2text-nowrap": (0.868, 0.868), "link-in-bold": (0.878,
    0.844), "linked": (0.787, 0.838), "markdownify-atx": (0.767, 0.71), "masthead-missing": (0.782, 0.861),
    "md-loose": (0.868, 0.868), "md-tight": (0.848, 0.848), "nbsp": (0.801, 0.835), "numbered-dot": (0.803,
    0.819), "numbered-hash": (0.853, 0.84), "numbered-paren": (0.828, 0.841), "qp-soft-breaks": (0.696, 0.766),
    "quoted": (0.782, 0.82), "soft-hyphen": (0.828, 0.842), "table-layout": (0.919, 0.883), "text-loose":
    (0.696, 0.766), "text-tight": (0.696, 0.766), "trailing-spaces": (0.797, 0.827), "wrap-72": (0.636, 0.741),
    "wrap-76": (0.636, 0.75), "zero-width": (0.828, 0.842),
}
BLIND12_META: dict[str, int] = {}
# The thirteenth set (O'Reilly Radar's Four Short Links, The Atlantic Daily, netzpolitik.org's Wochenrückblick in
# German, Nico Lumma's Five Things, Sidebar, Recomendo, Five Things AI), folded in as written after its first score
# (main 836477f), measured on this branch (836477f's splitter with the Swedish Outlook forward and the md exports'
# header shapes read; the body splitting not yet worked on, the trees not yet retrained on it): over every kind recall
# 0.790, precision 0.787; 852 of the 854 variants that carry a date and source keep them (882 variants in all):
# Sidebar's two html2text bases read their source from the masthead ('SIDEBARThursday'), their gmail-markdown
# variants 'Thursday' (the masthead is the body reader's, as on main).
BLIND13_FLOORS = {
    "bold": (0.932, 0.896), "bold-in-link": (0.932, 0.896), "crlf": (0.959, 0.914), "div-layout": (1.0, 0.925),
    "emoji-after": (0.952, 0.909), "emoji-before": (0.918, 0.877), "fwd-apple": (0.99, 0.924), "fwd-gmail":
    (0.99, 0.924), "fwd-outlook": (0.99, 0.924), "fwd-outlook-desktop": (0.99, 0.924), "fwd-yahoo": (0.99,
    0.924), "gmail-markdown": (0.945, 0.921), "h1": (0.905, 0.893), "h2": (0.905, 0.893), "h3": (0.905, 0.893),
    "h4": (0.905, 0.893), "html2text-nowrap": (0.918, 0.894), "link-in-bold": (0.932, 0.896), "linked": (0.891,
    0.891), "markdownify-atx": (0.932, 0.873), "masthead-missing": (0.939, 0.945), "md-loose": (0.905, 0.893),
    "md-tight": (0.891, 0.891), "nbsp": (0.914, 0.902), "numbered-dot": (0.918, 0.906), "numbered-hash": (0.959,
    0.91), "numbered-paren": (0.885, 0.891), "qp-soft-breaks": (0.972, 0.923), "quoted": (0.939, 0.908),
    "soft-hyphen": (0.959, 0.914), "table-layout": (1.0, 0.925), "text-loose": (0.972, 0.923), "text-tight":
    (1.0, 0.925), "trailing-spaces": (0.939, 0.908), "wrap-72": (0.959, 0.876), "wrap-76": (0.972, 0.837),
    "zero-width": (0.959, 0.914),
}
BLIND13_META = {'gmail-markdown': 12}
# The fourteenth set (Føljeton's daily edition in Danish, Austin Kleon's weekly newsletter, SRE Weekly, Understanding AI,
# 1440 Daily Digest, Finimize, Models & Agents for Beginners), folded in as written after its first score (main 040ee9c),
# first measured on the fold's branch (040ee9c's splitter with its forwards and md headers read: over every kind recall
# 0.564, precision 0.658), now at the round's end with the trees retrained on 105 layouts: recall 0.876, precision
# 0.909; 852 of the 854 variants that carry a date and source keep them (882 variants in all):
# Føljeton's two html2text bases read their source from the masthead ('Føljetononsdag'), their gmail-markdown variants
# 'onsdag' (the masthead is the body reader's, as on main).
BLIND14_FLOORS = {
    "bold": (0.925, 0.925), "bold-in-link": (0.901, 0.924), "crlf": (0.893, 0.907), "div-layout": (0.987,
    0.919), "emoji-after": (0.845, 0.907), "emoji-before": (0.82, 0.904), "fwd-apple": (0.925, 0.914),
    "fwd-gmail": (0.925, 0.914), "fwd-outlook": (0.925, 0.914), "fwd-outlook-desktop": (0.925, 0.914),
    "fwd-yahoo": (0.925, 0.914), "gmail-markdown": (0.913, 0.948), "h1": (0.901, 0.924), "h2": (0.913, 0.913),
    "h3": (0.913, 0.913), "h4": (0.901, 0.924), "html2text-nowrap": (0.827, 0.893), "link-in-bold": (0.913,
    0.913), "linked": (0.901, 0.924), "markdownify-atx": (0.765, 0.911), "masthead-missing": (0.783, 0.962),
    "md-loose": (0.888, 0.923), "md-tight": (0.888, 0.923), "nbsp": (0.893, 0.907), "numbered-dot": (0.882,
    0.905), "numbered-hash": (0.913, 0.913), "numbered-paren": (0.895, 0.911), "qp-soft-breaks": (0.802, 0.878),
    "quoted": (0.845, 0.901), "soft-hyphen": (0.893, 0.907), "table-layout": (0.987, 0.919), "text-loose":
    (0.765, 0.873), "text-tight": (0.753, 0.871), "trailing-spaces": (0.845, 0.901), "wrap-72": (0.765, 0.885),
    "wrap-76": (0.765, 0.873), "zero-width": (0.893, 0.907),
}
BLIND14_META = {'gmail-markdown': 12}
# The fifteenth set (Deník N's Notes in Czech, The Browser, Net Interest, Scientific American's Week in Science,
# DevOps'ish, Towards AI's Learn AI Together, Davis Summarizes Papers), folded in as written after its first score (main
# 9a60ba1), measured on this branch (9a60ba1's splitter with the Swedish Gmail and Czech Apple Mail forwards and the md
# exports' header shapes read; the body splitting not yet worked on, the trees not yet retrained on it): over every kind
# recall 0.879, precision 0.828; 852 of the 854 variants that carry a date and source keep them (882 variants in all):
# Deník N's two html2text bases read their source from the masthead ('Deník NNotes · úterý'), their gmail-markdown
# variants 'Notes · úterý' (the masthead is the body reader's, as on main).
BLIND15_FLOORS = {
    "bold": (0.972, 1.0), "bold-in-link": (0.972, 0.986), "crlf": (0.918, 0.914), "div-layout": (0.972, 0.947),
    "emoji-after": (0.891, 0.897), "emoji-before": (0.891, 0.897), "fwd-apple": (0.918, 0.906), "fwd-gmail":
    (0.918, 0.906), "fwd-outlook": (0.918, 0.906), "fwd-outlook-desktop": (0.918, 0.906), "fwd-yahoo": (0.918,
    0.906), "gmail-markdown": (0.972, 1.0), "h1": (0.972, 0.972), "h2": (0.972, 1.0), "h3": (0.972, 1.0), "h4":
    (0.972, 1.0), "html2text-nowrap": (0.972, 1.0), "link-in-bold": (0.972, 0.986), "linked": (0.945, 1.0),
    "markdownify-atx": (0.918, 0.918), "masthead-missing": (0.898, 0.923), "md-loose": (0.972, 1.0), "md-tight":
    (0.972, 1.0), "nbsp": (0.918, 0.914), "numbered-dot": (0.932, 0.841), "numbered-hash": (0.972, 0.894),
    "numbered-paren": (0.932, 0.862), "qp-soft-breaks": (0.81, 0.8), "quoted": (0.891, 0.897), "soft-hyphen":
    (0.918, 0.914), "table-layout": (0.972, 0.947), "text-loose": (0.729, 0.71), "text-tight": (0.81, 0.8),
    "trailing-spaces": (0.891, 0.897), "wrap-72": (0.81, 0.8), "wrap-76": (0.81, 0.8), "zero-width": (0.918,
    0.914),
}
BLIND15_META = {'gmail-markdown': 12}
# The sixteenth set (PyCoder's Weekly, KDnuggets' monthly top stories, Marcus on AI, The Black Lynx Brief, Asumsi 5.45 in
# Indonesian, The Independent's football newsletter, Chartr), folded in as written after its first score (main fdde496),
# measured on this branch (fdde496's splitter with the Finnish Gmail, Hungarian Apple Mail and Polish Thunderbird forwards
# and the md exports' header shapes read; the body splitting not yet worked on, the trees not yet retrained on it): over
# every kind recall 0.861, precision 0.791; 850 of the 854 variants that carry a date and source keep them (882 variants
# in all): PyCoder's Weekly's two html2text bases give their date and source, their gmail-markdown variants a date and a
# source out of the Events list ('July 25 to', 2026-07-27: the masthead reader's); The Independent's two html2text bases
# give none, their html2text-nowrap variants the logo's alt text ('! The Independent') and the date line (the masthead is
# the body reader's, as on main).
BLIND16_FLOORS = {
    "bold": (0.904, 0.846), "bold-in-link": (0.986, 0.878), "crlf": (0.986, 0.986), "div-layout": (1.0, 0.986),
    "emoji-after": (0.965, 0.979), "emoji-before": (0.904, 0.949), "fwd-apple": (0.995, 0.981), "fwd-gmail":
    (0.995, 0.981), "fwd-outlook": (0.995, 0.981), "fwd-outlook-desktop": (0.995, 0.981), "fwd-yahoo": (0.995,
    0.981), "gmail-markdown": (1.0, 1.0), "h1": (1.0, 1.0), "h2": (1.0, 0.973), "h3": (0.986, 0.878), "h4":
    (0.917, 0.87), "html2text-nowrap": (1.0, 1.0), "link-in-bold": (0.986, 0.878), "linked": (0.835, 0.859),
    "markdownify-atx": (0.863, 0.851), "masthead-missing": (0.931, 0.978), "md-loose": (0.972, 1.0), "md-tight":
    (0.876, 0.969), "nbsp": (0.986, 0.986), "numbered-dot": (0.965, 0.94), "numbered-hash": (0.972, 0.94),
    "numbered-paren": (0.965, 0.94), "qp-soft-breaks": (0.986, 0.972), "quoted": (0.979, 0.986), "soft-hyphen":
    (0.986, 0.986), "table-layout": (1.0, 0.986), "text-loose": (0.958, 0.921), "text-tight": (0.986, 0.972),
    "trailing-spaces": (0.979, 0.986), "wrap-72": (0.972, 0.959), "wrap-76": (0.972, 0.959), "zero-width":
    (0.986, 0.986),
}
BLIND16_META = {'gmail-markdown': 12, 'html2text-nowrap': 12}


@pytest.mark.slow
def test_the_fifth_and_sixth_blind_sets_variants_hold_their_floors():
    start = time.process_time()  # CPU time: the machine is shared, wall time says little
    slipped = {}
    for name, floors, metas in (("blind5", BLIND5_FLOORS, BLIND5_META), ("blind6", BLIND6_FLOORS, BLIND6_META)):
        layouts = getattr(score, f"{name.upper()}_LAYOUTS")
        slipped |= _slipped(name, run_held(layouts), floors, metas)
    assert time.process_time() - start < 75
    assert not slipped, f"below the floor: {slipped}"


@pytest.mark.slow
@pytest.mark.parametrize("n", range(7, 17), ids=lambda n: f"blind{n}")
def test_each_later_blind_sets_variants_hold_their_floors(n):
    """The seventh set's and each later one's: their floors and date-and-source counts (BLIND<n>_FLOORS,
    BLIND<n>_META above), one set a test."""
    start = time.process_time()
    layouts = getattr(score, f"BLIND{n}_LAYOUTS")
    slipped = _slipped(f"blind{n}", run_held(layouts), globals()[f"BLIND{n}_FLOORS"],
                       globals()[f"BLIND{n}_META"])
    assert time.process_time() - start < 40
    assert not slipped, f"below the floor: {slipped}"


def test_every_kind_has_a_floor_in_each_set():
    kinds = set(score.load_variants().KINDS)
    assert set(BLIND5_FLOORS) == set(BLIND6_FLOORS) == set(BLIND7_FLOORS) == set(BLIND8_FLOORS) == set(BLIND9_FLOORS) == set(BLIND10_FLOORS) \
        == set(BLIND11_FLOORS) == set(BLIND12_FLOORS) == set(BLIND13_FLOORS) == set(BLIND14_FLOORS) \
        == set(BLIND15_FLOORS) == set(BLIND16_FLOORS) == kinds
