"""Shapes first met in the thirteenth blind set's layouts, each on inputs written here (html, and Markdown or a
text part where the shape has one): a list of bare linked headlines with no text under them, a sentence that
announces a list of stories, a display ad's label over its picture, a bold kicker before a linked title, a
source in brackets after a linked title, a domain line tagged 'Sponsored', a weekly letter's sign-off and its
rating poll, the author's box, bylines in other languages, a reader-funded newsletter's appeal, a link to the
web copy of the post, a post titled with the newsletter's name and date, a house label over a job ad."""

import re

import pytest

from newsletters import split_newsletter

STORY = ("The county replaced its paper permit forms with a web portal, and the average wait for a building permit "
         "fell from nine weeks to three, according to the planning office's own figures.")
LETTER = ("Short week here: the heat wave closed the office on Thursday, so most of this was read on a balcony. "
          "Five pieces stayed with me.")
FOOTER = "You are receiving this because you subscribed. Unsubscribe here."
LINKS = [("Why Ferries Keep Running Late", "https://harbor.example.com/ferries"),
         ("The Hidden Cost of Free Parking", "https://streets.example.org/parking"),
         ("Inside a Seed Vault in the Arctic", "https://science.example.net/seed-vault"),
         ("What Happened to the Public Phone Booth?", "https://cities.example.com/phone-booths"),
         ("A Short Guide to Reading Tide Tables", "https://sea.example.org/tides")]


def _key(title: str) -> str:
    return re.sub(r"\W", "", title.casefold())


def _titles(letter) -> list[str]:
    return [_key(item.title) for item in letter.items]


def _flags(letter) -> list[tuple[str, bool]]:
    return [(_key(item.title), item.sponsored) for item in letter.items]


# -- a list of bare linked headlines ------------------------------------------------------------------------

def _bare_links_html() -> str:
    links = "".join(f"<div style='font-weight:bold;margin:0 0 14px'><a href='{url}'>{title}</a></div>"
                    for title, url in LINKS)
    return (f"<html><body><table><tr><td><h1>Weekly Picks - Issue #301</h1><p>By Ines Varga • Issue #301</p>"
            f"<p>{LETTER}</p>{links}<p>Enjoy Sunday!</p><p>Did you enjoy this issue?</p>"
            f"<p><a href='https://picks.example.com/rate?yes'>Yes</a> <a href='https://picks.example.com/rate?no'>No</a></p>"
            f"<p><b>Ines Varga</b></p><p>Every Sunday I send five articles worth your time, picked by hand.</p>"
            f"<p>{FOOTER}</p></td></tr></table></body></html>")


def test_a_list_of_bare_linked_headlines_is_the_issues_items_not_its_masthead():
    """Five bold links in divs with no text under any of them, after the letter's intro: each is an item (they
    were dropped as masthead lines, since no item had text before them); the sign-off, the rating poll and the
    author's box under them are no items."""
    letter = split_newsletter(_bare_links_html())
    assert _titles(letter) == [_key(t) for t, _ in LINKS], letter.reason
    assert [item.url for item in letter.items] == [url for _, url in LINKS]


def test_glued_links_of_html2text_are_one_line_each():
    """html2text writes links in divs one after another with nothing between them ('[A](u1)[B](u2)...'), wrapped
    over lines: each link is a headline of its own, as in the HTML."""
    glued = "".join(f"[{title}]({url})" for title, url in LINKS)
    wrapped = "\n".join(glued[i:i + 70] for i in range(0, len(glued), 70))
    wrapped = re.sub(r"\((https://[^)]*)\n", lambda m: "(" + m.group(1), wrapped)  # (html2text never breaks a URL)
    body = (f"# Weekly Picks - Issue #301\n\nBy Ines Varga • Issue #301\n{LETTER}  \n{wrapped}  \n"
            f"Enjoy Sunday!Did you enjoy this issue?\n\n{FOOTER}\n")
    letter = split_newsletter(body, format="markdown")
    assert _titles(letter)[:5] == [_key(t) for t, _ in LINKS], letter.reason
    assert len(letter.items) == 5


@pytest.mark.parametrize("close", ["Enjoy Sunday!", "Have a great weekend.", "Habt ein erholsames Wochenende"])
def test_a_weekly_sign_off_ends_the_last_item(close):
    links = "\n\n".join(f"- [{title}]({url})" for title, url in LINKS)
    letter = split_newsletter(f"{LETTER}\n\n{links}\n\n{close}\n\nDid you enjoy this issue?\n\n{FOOTER}\n",
                              format="markdown")
    assert len(letter.items) == 5, letter.reason
    assert close.split()[0] not in letter.items[-1].content


def test_a_headline_that_looks_like_a_name_is_no_authors_box():
    """'What Comes Next' over a story told in the first person is a story (the author's box is a person's
    name, and its words are no headline's)."""
    body = ("<h2>Robots Learn the Warehouse</h2><p>" + STORY + "</p><h2>What Comes Next</h2>"
            "<p>None of the planners I spoke with expect the portal to fix inspections, which still take a month.</p>")
    letter = split_newsletter(body)
    assert _titles(letter) == ["robotslearnthewarehouse", "whatcomesnext"], letter.reason


# -- a sentence that announces a list -------------------------------------------------------------------------

@pytest.mark.parametrize("lead_in", ["First, here are four new stories from The Ledger:", "Here's what we're reading:",
                                     "Today's top stories:"])
@pytest.mark.parametrize("form", ["html", "markdown"])
def test_a_list_announced_by_the_essay_is_the_issues_items(lead_in, form):
    """An essay's opening, then 'First, here are four new stories:' over a list of linked headlines, then the essay
    goes on under a heading of its own: the four links are items (they were the essay's text)."""
    four = LINKS[:4]
    if form == "html":
        items = "".join(f"<li><a href='{url}'>{title}</a></li>" for title, url in four)
        body = (f"<html><body><h1>The Return of the Night Bus</h1><p>Night buses were supposed to be a relic.</p>"
                f"<p>By Omar Haddad</p><p>{STORY}</p><p>{lead_in}</p><ul>{items}</ul>"
                f"<h2>Cheap, Slow and Full</h2><p>{STORY}</p><p>{STORY}</p></body></html>")
    else:
        items = "\n".join(f"  * [{title}]({url})" for title, url in four)
        body = (f"# The Return of the Night Bus\n\nNight buses were supposed to be a relic.\n\nBy Omar Haddad\n\n{STORY}\n\n"
                f"{lead_in}\n\n{items}\n\n## Cheap, Slow and Full\n\n{STORY}\n\n{STORY}\n")
    letter = split_newsletter(body, format=form)
    titles = _titles(letter)
    assert all(_key(t) in titles for t, _ in four), letter.reason
    assert "cheapslowandfull" in titles


@pytest.mark.parametrize("label", ["Related links:", "More stories:", "Further reading:"])
def test_a_storys_related_links_stay_its_own(label):
    """A story's 'Related links:' list is the story's (a look-alike guard: passes before and after)."""
    items = "".join(f"<li><a href='{url}'>{title}</a></li>" for title, url in LINKS[:3])
    body = (f"<h2>Robots Learn the Warehouse</h2><p>{STORY}</p><p>{label}</p><ul>{items}</ul>"
            f"<h2>Ports Try Night Shifts</h2><p>{STORY}</p>")
    letter = split_newsletter(body)
    assert _titles(letter) == ["robotslearnthewarehouse", "portstrynightshifts"], letter.reason


# -- a display ad's label over its picture ------------------------------------------------------------------

@pytest.mark.parametrize("label", ["Advertisement", "ADVERTISEMENT", "Anzeige"])
def test_a_display_ads_label_over_its_picture_flags_nothing_after_it(label):
    """'Advertisement' over a banner picture (no words), then the next section's story: the story is no ad."""
    body = (f"<html><body><h2>Robots Learn the Warehouse</h2><p>{STORY}</p>"
            f"<table><tr><td><p style='font-size:10px'>{label}</p><a href='https://ads.example.com/c/1'>"
            f"<img src='https://ads.example.com/b.jpg' width='300' height='250' alt=''></a></td></tr></table>"
            f"<h2>Ports Try Night Shifts</h2><p>{STORY}</p></body></html>")
    letter = split_newsletter(body)
    assert _flags(letter) == [("robotslearnthewarehouse", False), ("portstrynightshifts", False)], letter.reason


def test_a_display_ads_label_over_its_picture_in_html2text_flags_nothing():
    body = (f"## Robots Learn the Warehouse\n\n{STORY}\n\n  \nAdvertisement[![](https://ads.example.com/b.jpg)]"
            f"(https://ads.example.com/c/1)  \n  \n## Ports Try Night Shifts\n\n{STORY}\n")
    letter = split_newsletter(body, format="markdown")
    assert _flags(letter) == [("robotslearnthewarehouse", False), ("portstrynightshifts", False)], letter.reason


def test_an_ad_label_over_ad_copy_still_flags_it():
    """A look-alike guard: 'Advertisement' over an ad's words (no picture) flags the ad (before and after)."""
    body = (f"<h2>Robots Learn the Warehouse</h2><p>{STORY}</p><p>Advertisement</p>"
            f"<p><b><a href='https://boxly.example.com'>Cloud storage for $1 a month</a></b></p>"
            f"<p>Boxly keeps your photos backed up on every device. New customers only, for three months.</p>"
            f"<h2>Ports Try Night Shifts</h2><p>{STORY}</p>")
    letter = split_newsletter(body)
    assert ("cloudstoragefor1amonth", True) in _flags(letter), letter.reason
    assert ("portstrynightshifts", False) in _flags(letter)


# -- a kicker before a linked title; a source after it --------------------------------------------------------

@pytest.mark.parametrize("form", ["html", "markdown", "text"])
def test_a_bold_kicker_before_a_linked_title_is_no_part_of_it(form):
    """'<b>Read.</b> <a><i>Salt Roads</i></a>, a history of ...': the link's words are the title."""
    picks = [("Read.", "Salt Roads", "https://books.example.com/salt-roads", "a history of the trade routes that fed "
              "medieval Europe, told through one village."),
             ("Watch.", "The Understudy", "https://tv.example.com/understudy", "a comedy about a stand-in actor who "
              "is better than the star, now streaming.")]
    if form == "html":
        body = "<h2>Culture Break</h2>" + "".join(
            f"<p><strong>{k}</strong> <a href='{u}'><em>{t}</em></a>, {d}</p>" for k, t, u, d in picks)
        body = f"<html><body><h2>Robots Learn the Warehouse</h2><p>{STORY}</p>{body}</body></html>"
    elif form == "markdown":
        body = f"## Robots Learn the Warehouse\n\n{STORY}\n\n## Culture Break\n\n" + "\n\n".join(
            f"**{k}** [*{t}*]({u}), {d}" for k, t, u, d in picks) + "\n"
    else:  # (the mailer's text part: 'Read. Title [url], ...'; its footer's 'Manage newsletters [url]' is no item)
        body = f"Robots Learn the Warehouse\n\n{STORY}\n\nCulture Break\n\n" + "\n\n".join(
            f"{k} {t} [{u}], {d}" for k, t, u, d in picks) + (
            "\n\nYou received this email because you signed up.\nView in browser [https://x.example.com/v]\n"
            "Manage newsletters [https://x.example.com/m]\nUnsubscribe [https://x.example.com/u]\n")
    letter = split_newsletter(body, format=form)
    assert _titles(letter)[-2:] == ["saltroads", "theunderstudy"], letter.reason
    assert letter.items[-1].content.startswith("a comedy")


def test_a_source_in_brackets_after_a_linked_title_is_no_part_of_it():
    """'<li><a>Title</a> (Electrek) — comment</li>': the link's words are the title, the comment its text."""
    entries = [("Battery Passports Get Real", "Voltwire", "a recycler scanned four thousand packs in a month and "
                "found one in ten mislabelled."),
               ("Flaky Tests Are a Smell", "Trail of Tests", "an engineer counts the tests her team quarantined and "
                "how many came back."),
               ("Designing for a Tiny Power Budget", "Hackaday", "a soil sensor that runs six years on two cells.")]
    items = "".join(f"<li><a href='https://x.example.com/{n}'>{t}</a> ({s}) — {c}</li>"
                    for n, (t, s, c) in enumerate(entries))
    letter = split_newsletter(f"<html><body><h1>Three short links: 17 June 2026</h1><p>Batteries, tests and sensors</p>"
                              f"<ol>{items}</ol><p><a href='https://radar.example.com/p/1'>Read this post on Radar</a></p>"
                              f"<p>{FOOTER}</p></body></html>")
    assert _titles(letter) == [_key(t) for t, _, _ in entries], letter.reason
    assert letter.items[0].content.startswith("a recycler scanned")


# -- a paid entry tagged after its domain -------------------------------------------------------------------

def _rows_html(paid: str) -> str:
    rows = [("The Case for Quiet Buttons", "uxnotes.example.com", "", "Why the most-used controls are the least seen."),
            ("Variable Fonts in Practice", "typeworks.example.org", "", "What teams ship with variable axes, and what not."),
            ("Prototype Faster With Sketchkit", "sketchkit.example.io", paid, "Turn a design system into coded prototypes."),
            ("Naming Color Tokens", "csslab.example.com", "", "A palette that survives dark mode without a meeting.")]
    out = "".join(f"<tr><td><div style='font-weight:bold'><a href='https://out.example.com/{n}'>{t}</a></div>"
                  f"<div style='color:#999'>{d}{(' <span>' + p + '</span>') if p else ''}</div><div>{c}</div></td></tr>"
                  for n, (t, d, p, c) in enumerate(rows))
    job = ("<tr><td><div style='text-transform:uppercase'>Job of the day</div><div style='font-weight:bold'>"
           "<a href='https://out.example.com/jobs/7'>Senior Product Designer</a></div><div>Northwind · Remote</div></td></tr>")
    return f"<html><body><table><tr><td>DESIGN LINKS</td></tr>{out}{job}<tr><td>{FOOTER}</td></tr></table></body></html>"


def test_a_domain_line_tagged_sponsored_flags_its_entry_and_a_job_ad_is_no_item():
    letter = split_newsletter(_rows_html("Sponsored"))
    assert _flags(letter) == [("thecaseforquietbuttons", False), ("variablefontsinpractice", False),
                              ("prototypefasterwithsketchkit", True), ("namingcolortokens", False)], letter.reason


def test_a_text_parts_domain_and_paid_tag_in_brackets():
    """'Title (domain) <url>' over its dek; '(domain, Sponsored)' on the paid one (a title may hold brackets)."""
    lines = [("How Maps Lie (Politely)", "mapnotes.example.com", ""), ("Variable Fonts in Practice", "typeworks.example.org", ""),
             ("Prototype Faster With Sketchkit", "sketchkit.example.io", ", Sponsored"),
             ("Naming Color Tokens", "csslab.example.com", "")]
    body = "DESIGN LINKS\nTuesday, July 7, 2026\n\n" + "\n\n".join(
        f"{t} ({d}{p}) <https://out.example.com/{n}>\nA short line that says what the piece is about, in a sentence."
        for n, (t, d, p) in enumerate(lines)) + f"\n\n{FOOTER}\n"
    letter = split_newsletter(body, format="text")
    assert [(k[:20], s) for k, s in _flags(letter)] == [
        ("howmapsliepolitely", False), ("variablefontsinpract", False), ("prototypefasterwiths", True),
        ("namingcolortokens", False)], letter.reason


# -- bylines in other languages; a reader-funded appeal; teaser paragraphs ------------------------------------

@pytest.mark.parametrize("byline", ["von Jana Roth – in Datenschutz", "par Marie Lefèvre", "By Jana Roth"])
def test_a_byline_under_a_setext_heading_is_no_title(byline):
    """A text part's stories under underlined headings, each with a byline, a teaser cut off with '[…]' and an
    'Artikel lesen: <url>' line: the headings are the titles (the bylines and teasers were)."""
    stories = [("Behörden speicherten Kopien monatelang", "Mehrere Ämter legten jede Kopie auf einer Festplatte ab. "
                "Niemand hatte das Löschen eingerichtet […]"),
               ("Bundestag berät über Sperrlisten", "Ein Entwurf sieht vor, dass Anbieter Kontakte melden. Fachleute "
                "halten das für kaum umsetzbar […]"),
               ("Eine Stadt verliert ihr Datenportal", "Nach einem Wechsel waren 1.400 Datensätze offline. Eine "
                "Ehrenamtliche hat sie gesichert […]")]
    body = "Die Artikel der Woche\n=====================\n\n" + "\n\n".join(
        f"{t}\n{'-' * len(t)}\n{byline}\n\n{x}\nArtikel lesen: https://news.example.de/{n}/" for n, (t, x) in enumerate(stories)
    ) + "\n\nUnterstütze unsere Arbeit\nWir finanzieren uns über Spenden. Jetzt spenden: https://news.example.de/spenden\n"
    letter = split_newsletter(body, format="text")
    assert _titles(letter) == [_key(t) for t, _ in stories], letter.reason


@pytest.mark.parametrize("appeal", ["Unterstütze unsere Arbeit", "Support our work", "Become a member"])
def test_a_reader_funded_appeal_is_no_item(appeal):
    body = (f"<h2>Robots Learn the Warehouse</h2><p>{STORY}</p><h2>Ports Try Night Shifts</h2><p>{STORY}</p>"
            f"<h2>{appeal}</h2><p>We are funded almost entirely by our readers. Every contribution keeps us independent.</p>"
            f"<p><a href='https://news.example.org/donate'>Donate</a></p>")
    letter = split_newsletter(body)
    assert _titles(letter) == ["robotslearnthewarehouse", "portstrynightshifts"], letter.reason


def test_a_preheader_that_repeats_the_first_storys_bold_title_does_not_take_it():
    """html2text's copy of a Substack post starts with the preheader, which here is the first story's title; the
    story's bold title over its sentences further down is an item (it was read as the post's own title again)."""
    story = "I keep a folding map of the bus routes in my bag. It has every night line on one sheet. My trips got shorter."
    body = ("Pocket map of night buses\u200c \u200c \u200c\n\n|\n\n# [Small Delights - issue\n#88](https://delights.example.com/p/88)"
            "\n\n### Tools, reads and small delights\n\n| [Ana Ruiz](https://delights.example.com/@ana)  \nJun 21, 2026  \n"
            "---|---  \n  \n**Pocket map of night buses**\n\n" + story + "\n\n**A kitchen timer that flips**\n\n"
            "This cube timer starts when you turn it over. It has four faces for four durations. It never needs an app.\n")
    letter = split_newsletter(body, format="markdown")
    assert _titles(letter) == ["pocketmapofnightbuses", "akitchentimerthatflips"], letter.reason
