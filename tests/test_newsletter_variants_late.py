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
    "bold": (0.812, 0.804), "bold-in-link": (0.864, 0.882), "crlf": (0.885, 0.855), "div-layout": (0.927,
    0.898), "emoji-after": (0.843, 0.83), "emoji-before": (0.838, 0.825), "fwd-apple": (0.899, 0.86),
    "fwd-gmail": (0.899, 0.86), "fwd-outlook": (0.899, 0.86), "fwd-outlook-desktop": (0.899, 0.86), "fwd-yahoo":
    (0.899, 0.86), "gmail-markdown": (0.864, 0.855), "h1": (0.875, 0.884), "h2": (0.895, 0.886), "h3": (0.895,
    0.886), "h4": (0.895, 0.886), "html2text-nowrap": (0.885, 0.885), "link-in-bold": (0.864, 0.882), "linked":
    (0.781, 0.852), "markdownify-atx": (0.76, 0.802), "masthead-missing": (0.854, 0.863), "md-loose": (0.885,
    0.885), "md-tight": (0.822, 0.831), "nbsp": (0.885, 0.855), "numbered-dot": (0.895, 0.843), "numbered-hash":
    (0.906, 0.848), "numbered-paren": (0.895, 0.843), "qp-soft-breaks": (0.843, 0.786), "quoted": (0.864,
    0.834), "soft-hyphen": (0.885, 0.855), "table-layout": (0.927, 0.898), "text-loose": (0.833, 0.754),
    "text-tight": (0.843, 0.794), "trailing-spaces": (0.864, 0.834), "wrap-72": (0.802, 0.754), "wrap-76":
    (0.781, 0.742), "zero-width": (0.885, 0.855),
}
BLIND5_META: dict[str, int] = {}
# The sixth set (The Hustle, Money Stuff, Garbage Day, Numlock News, Guerre di Rete, Google Alerts, Medium
# Daily Digest): its text parts wrapped at 72/76 columns lose a wrapped date line in two of fourteen letters.
BLIND6_FLOORS = {
    "bold": (0.988, 0.868), "bold-in-link": (1.0, 0.87), "crlf": (0.919, 0.786), "div-layout": (0.988, 0.86),
    "emoji-after": (0.89, 0.752), "emoji-before": (0.839, 0.698), "fwd-apple": (0.919, 0.784), "fwd-gmail":
    (0.919, 0.784), "fwd-outlook": (0.919, 0.784), "fwd-outlook-desktop": (0.919, 0.784), "fwd-yahoo": (0.919,
    0.784), "gmail-markdown": (0.977, 0.841), "h1": (1.0, 0.87), "h2": (1.0, 0.87), "h3": (1.0, 0.87), "h4":
    (1.0, 0.87), "html2text-nowrap": (0.988, 0.868), "link-in-bold": (1.0, 0.87), "linked": (0.816, 0.835),
    "markdownify-atx": (0.735, 0.68), "masthead-missing": (0.873, 0.767), "md-loose": (0.988, 0.868),
    "md-tight": (0.965, 0.865), "nbsp": (0.927, 0.793), "numbered-dot": (0.959, 0.742), "numbered-hash": (0.959,
    0.742), "numbered-paren": (0.959, 0.742), "qp-soft-breaks": (0.781, 0.641), "quoted": (0.885, 0.751),
    "soft-hyphen": (0.919, 0.786), "table-layout": (0.988, 0.86), "text-loose": (0.701, 0.575), "text-tight":
    (0.793, 0.663), "trailing-spaces": (0.885, 0.751), "wrap-72": (0.643, 0.5), "wrap-76": (0.689, 0.54),
    "zero-width": (0.919, 0.786),
}
BLIND6_META = {'nbsp': 41, 'wrap-72': 13, 'wrap-76': 13}
# The seventh set (arXiv's cs daily mailing, Python Weekly, Deep Learning Weekly, ByteByteGo, One Useful
# Thing, Le Comment du Pourquoi, a Mailbrew digest).
BLIND7_FLOORS = {
    "bold": (0.865, 0.956), "bold-in-link": (0.992, 0.976), "crlf": (0.973, 0.963), "div-layout": (0.984,
    0.984), "emoji-after": (0.98, 0.953), "emoji-before": (0.964, 0.952), "fwd-apple": (0.976, 0.963),
    "fwd-gmail": (0.976, 0.963), "fwd-outlook": (0.976, 0.963), "fwd-outlook-desktop": (0.976, 0.963),
    "fwd-yahoo": (0.976, 0.963), "gmail-markdown": (0.833, 0.972), "h1": (0.992, 0.976), "h2": (0.992, 0.976),
    "h3": (0.992, 0.984), "h4": (0.992, 0.984), "html2text-nowrap": (0.968, 0.983), "link-in-bold": (0.992,
    0.976), "linked": (0.976, 0.976), "markdownify-atx": (0.912, 0.927), "masthead-missing": (0.976, 0.991),
    "md-loose": (0.976, 0.984), "md-tight": (0.896, 0.965), "nbsp": (0.973, 0.963), "numbered-dot": (0.944,
    0.94), "numbered-hash": (0.928, 0.903), "numbered-paren": (0.944, 0.94), "qp-soft-breaks": (0.96, 0.923),
    "quoted": (0.968, 0.953), "soft-hyphen": (0.973, 0.963), "table-layout": (0.984, 0.984), "text-loose":
    (0.896, 0.904), "text-tight": (0.96, 0.902), "trailing-spaces": (0.96, 0.941), "wrap-72": (0.849, 0.804),
    "wrap-76": (0.896, 0.862), "zero-width": (0.973, 0.963),
}
BLIND7_META: dict[str, int] = {}
# The eighth set (Google Scholar alerts, NYT DealBook, Quartz Daily Brief, Product Hunt Daily, a Japanese AI mail
# magazine, Big Technology, a Hacker News daily digest): development fixtures written anew after the set's files
# were lost, measured on this branch (main 7fa54ea's splitter, with the Yandex forward and Japanese dates read):
# over every kind recall 0.628, precision 0.840. The date and source misses are Quartz's text part, whose
# masthead line the wrapped and numbered variants read as a longer source name.
BLIND8_FLOORS = {
    "bold": (0.827, 0.939), "bold-in-link": (0.857, 0.947), "crlf": (0.938, 0.977), "div-layout": (1.0, 0.988),
    "emoji-after": (0.83, 0.985), "emoji-before": (0.886, 0.986), "fwd-apple": (0.976, 0.978), "fwd-gmail":
    (0.976, 0.978), "fwd-outlook": (0.976, 0.978), "fwd-outlook-desktop": (0.976, 0.978), "fwd-yahoo": (0.976,
    0.978), "gmail-markdown": (0.952, 0.987), "h1": (0.857, 0.947), "h2": (0.857, 0.947), "h3": (0.857, 0.947),
    "h4": (0.833, 0.939), "html2text-nowrap": (0.922, 0.987), "link-in-bold": (0.857, 0.947), "linked": (0.821,
    0.945), "markdownify-atx": (0.857, 0.979), "masthead-missing": (0.889, 0.967), "md-loose": (0.886, 0.986),
    "md-tight": (0.886, 0.986), "nbsp": (0.938, 0.977), "numbered-dot": (0.886, 0.97), "numbered-hash": (0.904,
    0.971), "numbered-paren": (0.886, 0.97), "qp-soft-breaks": (0.928, 0.957), "quoted": (0.907, 0.971),
    "soft-hyphen": (0.938, 0.977), "table-layout": (1.0, 0.988), "text-loose": (0.857, 0.883), "text-tight":
    (0.755, 0.933), "trailing-spaces": (0.907, 0.971), "wrap-72": (0.875, 0.89), "wrap-76": (0.88, 0.902),
    "zero-width": (0.938, 0.977),
}
BLIND8_META = {'wrap-72': 13, 'wrap-76': 13, 'emoji-after': 27}
# The ninth set (Techpresso, NLP News, Sifted Daily, Not Boring, GeekNews Weekly in Korean, unknowNews in Polish, Ars
# Technica's Orbital Transmission), folded in as written after its first score (main b5c2876), measured on this
# branch (b5c2876's splitter with the Tuta, Polish Outlook and Korean Gmail forwards read; the trees not yet retrained
# on it): over every kind recall 0.802, precision 0.760; every variant keeps the date and source (854 of 854).
BLIND9_FLOORS = {
    "bold": (0.898, 0.934), "bold-in-link": (0.937, 0.944), "crlf": (0.924, 0.924), "div-layout": (0.976,
    0.939), "emoji-after": (0.894, 0.916), "emoji-before": (0.882, 0.914), "fwd-apple": (0.96, 0.915),
    "fwd-gmail": (0.96, 0.915), "fwd-outlook": (0.96, 0.915), "fwd-outlook-desktop": (0.96, 0.915), "fwd-yahoo":
    (0.96, 0.915), "gmail-markdown": (0.953, 0.945), "h1": (0.945, 0.945), "h2": (0.945, 0.96), "h3": (0.937,
    0.96), "h4": (0.937, 0.96), "html2text-nowrap": (0.945, 0.945), "link-in-bold": (0.937, 0.944), "linked":
    (0.867, 0.965), "markdownify-atx": (0.882, 0.896), "masthead-missing": (0.863, 0.905), "md-loose": (0.867,
    0.973), "md-tight": (0.843, 0.947), "nbsp": (0.924, 0.924), "numbered-dot": (0.785, 0.81), "numbered-hash":
    (0.839, 0.836), "numbered-paren": (0.777, 0.799), "qp-soft-breaks": (0.929, 0.868), "quoted": (0.898,
    0.916), "soft-hyphen": (0.924, 0.924), "table-layout": (0.976, 0.939), "text-loose": (0.835, 0.786),
    "text-tight": (0.929, 0.868), "trailing-spaces": (0.898, 0.916), "wrap-72": (0.921, 0.848), "wrap-76":
    (0.914, 0.866), "zero-width": (0.924, 0.924),
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
    "fwd-yahoo": (0.954, 0.911), "gmail-markdown": (0.974, 0.934), "h1": (0.822, 0.866), "h2": (0.822, 0.866),
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
    "bold": (0.941, 0.827), "bold-in-link": (0.931, 0.748), "crlf": (0.934, 0.785), "div-layout": (0.96, 0.83),
    "emoji-after": (0.926, 0.765), "emoji-before": (0.926, 0.765), "fwd-apple": (0.95, 0.788), "fwd-gmail":
    (0.95, 0.788), "fwd-outlook": (0.95, 0.788), "fwd-outlook-desktop": (0.95, 0.788), "fwd-yahoo": (0.95,
    0.788), "gmail-markdown": (0.931, 0.826), "h1": (0.921, 0.746), "h2": (0.931, 0.748), "h3": (0.931, 0.748),
    "h4": (0.892, 0.739), "html2text-nowrap": (0.911, 0.823), "link-in-bold": (0.931, 0.748), "linked": (0.892,
    0.739), "markdownify-atx": (0.784, 0.655), "masthead-missing": (0.921, 0.796), "md-loose": (0.911, 0.823),
    "md-tight": (0.901, 0.821), "nbsp": (0.934, 0.79), "numbered-dot": (0.941, 0.774), "numbered-hash": (0.941,
    0.761), "numbered-paren": (0.892, 0.755), "qp-soft-breaks": (0.931, 0.714), "quoted": (0.921, 0.764),
    "soft-hyphen": (0.934, 0.785), "table-layout": (0.96, 0.83), "text-loose": (0.872, 0.7), "text-tight":
    (0.872, 0.7), "trailing-spaces": (0.921, 0.728), "wrap-72": (0.803, 0.589), "wrap-76": (0.813, 0.597),
    "zero-width": (0.934, 0.785),
}
BLIND11_META = {'gmail-markdown': 12, 'markdownify-atx': 12, 'nbsp': 40, 'wrap-72': 13, 'wrap-76': 13}
# The twelfth set (ChinAI, POLITICO Europe's Morning Tech, The Deep View, Fortune's Eye on AI, That AI Thing, Weekend
# Briefing, the Tagesspiegel's Morgenlage Wirtschaft in German), folded in as written after its first score (main 156d3db),
# measured on this branch (156d3db's splitter with the SquirrelMail, Horde, iOS Mail in Spanish and Japanese Outlook
# forwards and the md exports' header shapes read; the body splitting not yet worked on, the trees not yet retrained on
# it): over every kind recall 0.603, precision 0.668; every one of the 854 variants that carry a date and source keeps
# them (882 variants in all).
BLIND12_FLOORS = {
    "bold": (0.868, 0.834), "bold-in-link": (0.878, 0.844), "crlf": (0.855, 0.849), "div-layout": (0.939,
    0.885), "emoji-after": (0.818, 0.835), "emoji-before": (0.767, 0.821), "fwd-apple": (0.878, 0.855),
    "fwd-gmail": (0.878, 0.855), "fwd-outlook": (0.878, 0.855), "fwd-outlook-desktop": (0.878, 0.855),
    "fwd-yahoo": (0.878, 0.855), "gmail-markdown": (0.858, 0.904), "h1": (0.868, 0.819), "h2": (0.888, 0.871),
    "h3": (0.888, 0.871), "h4": (0.878, 0.844), "html2text-nowrap": (0.868, 0.868), "link-in-bold": (0.878,
    0.844), "linked": (0.787, 0.838), "markdownify-atx": (0.767, 0.71), "masthead-missing": (0.818, 0.88),
    "md-loose": (0.868, 0.868), "md-tight": (0.848, 0.848), "nbsp": (0.824, 0.836), "numbered-dot": (0.838,
    0.821), "numbered-hash": (0.863, 0.846), "numbered-paren": (0.868, 0.847), "qp-soft-breaks": (0.757, 0.789),
    "quoted": (0.813, 0.829), "soft-hyphen": (0.855, 0.849), "table-layout": (0.939, 0.885), "text-loose":
    (0.757, 0.789), "text-tight": (0.757, 0.789), "trailing-spaces": (0.813, 0.829), "wrap-72": (0.737, 0.776),
    "wrap-76": (0.787, 0.795), "zero-width": (0.855, 0.849),
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
    "emoji-after": (0.952, 0.909), "emoji-before": (0.891, 0.84), "fwd-apple": (0.99, 0.924), "fwd-gmail":
    (0.99, 0.924), "fwd-outlook": (0.99, 0.924), "fwd-outlook-desktop": (0.99, 0.924), "fwd-yahoo": (0.99,
    0.924), "gmail-markdown": (0.945, 0.921), "h1": (0.905, 0.893), "h2": (0.905, 0.893), "h3": (0.905, 0.893),
    "h4": (0.905, 0.893), "html2text-nowrap": (0.918, 0.894), "link-in-bold": (0.932, 0.896), "linked": (0.891,
    0.891), "markdownify-atx": (0.932, 0.896), "masthead-missing": (0.939, 0.945), "md-loose": (0.905, 0.893),
    "md-tight": (0.891, 0.891), "nbsp": (0.914, 0.902), "numbered-dot": (0.939, 0.908), "numbered-hash": (0.959,
    0.91), "numbered-paren": (0.905, 0.893), "qp-soft-breaks": (0.972, 0.923), "quoted": (0.939, 0.908),
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
    "bold": (0.925, 0.925), "bold-in-link": (0.901, 0.924), "crlf": (0.897, 0.912), "div-layout": (0.987,
    0.919), "emoji-after": (0.851, 0.907), "emoji-before": (0.814, 0.904), "fwd-apple": (0.93, 0.918),
    "fwd-gmail": (0.93, 0.918), "fwd-outlook": (0.93, 0.918), "fwd-outlook-desktop": (0.93, 0.918), "fwd-yahoo":
    (0.93, 0.918), "gmail-markdown": (0.864, 0.921), "h1": (0.901, 0.924), "h2": (0.913, 0.913), "h3": (0.913,
    0.913), "h4": (0.901, 0.924), "html2text-nowrap": (0.827, 0.893), "link-in-bold": (0.913, 0.913), "linked":
    (0.901, 0.924), "markdownify-atx": (0.765, 0.911), "masthead-missing": (0.783, 0.969), "md-loose": (0.888,
    0.923), "md-tight": (0.888, 0.923), "nbsp": (0.897, 0.912), "numbered-dot": (0.888, 0.905), "numbered-hash":
    (0.913, 0.913), "numbered-paren": (0.895, 0.911), "qp-soft-breaks": (0.814, 0.891), "quoted": (0.851,
    0.907), "soft-hyphen": (0.897, 0.912), "table-layout": (0.987, 0.919), "text-loose": (0.777, 0.887),
    "text-tight": (0.765, 0.885), "trailing-spaces": (0.851, 0.907), "wrap-72": (0.777, 0.9), "wrap-76": (0.777,
    0.887), "zero-width": (0.897, 0.912),
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
    "markdownify-atx": (0.905, 0.917), "masthead-missing": (0.905, 0.924), "md-loose": (0.972, 1.0), "md-tight":
    (0.972, 1.0), "nbsp": (0.918, 0.914), "numbered-dot": (0.918, 0.85), "numbered-hash": (0.966, 0.905),
    "numbered-paren": (0.912, 0.838), "qp-soft-breaks": (0.81, 0.8), "quoted": (0.891, 0.897), "soft-hyphen":
    (0.918, 0.914), "table-layout": (0.972, 0.947), "text-loose": (0.689, 0.653), "text-tight": (0.81, 0.8),
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
    "emoji-after": (0.965, 0.979), "emoji-before": (0.897, 0.949), "fwd-apple": (0.995, 0.981), "fwd-gmail":
    (0.995, 0.981), "fwd-outlook": (0.995, 0.981), "fwd-outlook-desktop": (0.995, 0.981), "fwd-yahoo": (0.995,
    0.981), "gmail-markdown": (1.0, 1.0), "h1": (1.0, 1.0), "h2": (1.0, 0.973), "h3": (1.0, 0.879), "h4":
    (0.917, 0.87), "html2text-nowrap": (1.0, 1.0), "link-in-bold": (0.986, 0.878), "linked": (0.835, 0.859),
    "markdownify-atx": (0.863, 0.851), "masthead-missing": (0.931, 0.978), "md-loose": (0.972, 1.0), "md-tight":
    (0.876, 0.969), "nbsp": (0.986, 0.986), "numbered-dot": (0.938, 0.931), "numbered-hash": (0.972, 0.94),
    "numbered-paren": (0.924, 0.931), "qp-soft-breaks": (0.986, 0.972), "quoted": (0.979, 0.986), "soft-hyphen":
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
