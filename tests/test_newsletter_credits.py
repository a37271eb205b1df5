"""Shapes of the tenth round's development fixtures, each written here in the forms pipelines give it: a
story's source credit linked where its text links ('Lena Strauss, Star Tribune'), a sponsor's credit
under its own copy ('Sponsored by Nightfall'), headlines numbered without a point ('1 The US is weighing
...') over a hard-wrapped link line, kickers in capitals over a headline and its link line, a brief's
run-in sentences in a text part, a headline over its byline, the masthead's name over the editor's
letter, a linked subtitle under a linked headline, and an emoji before a bold run-in sentence."""

import re
import textwrap

import pytest

from newsletters import split_newsletter


def _key(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", title.casefold())


def _keys(letter) -> list[str]:
    return [_key(item.title) for item in letter.items]


def _wrapped(text: str, width: int) -> str:
    """A text part as mail clients hard-wrap it (links never broken)."""
    return "\n".join(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) if line else ""
                     for line in text.split("\n"))


# -- a story's source credit, linked where its text links ---------------------------------------------------

REDIRECT = "https://substack.example.com/redirect/{}?j=eyJ1IjoiM2Z0cWs4In0.7Iq8wNjLiHbFnt7jAHFkuGei1ID_P56zdR9CsbNEa_Q"
CREDITED = [("Honk If You Are Counting", REDIRECT.format("4f1443a1-b3ac"), "Gil Avery, The Lakeside Courier"),
            ("Free Ride", REDIRECT.format("e25e7960-d722"), "Ona Price, Transit Weekly"),
            ("Scoop Dreams", REDIRECT.format("098c52e5-1b0d"), "Tam Oduya, Food Desk"),
            ("Grate Expectations", REDIRECT.format("323c895c-a391"), "Ola Berg, Dairy Daily")]


def _credited_html() -> str:
    stories = "".join(
        f'<h3>{title}</h3><p>A count in five cities found <a href="{url}">48,200 of them</a>, up 31 percent '
        f'from the last count, and the budget for it rose with them.</p><p><a href="{url}">{credit}</a></p>'
        for title, url, credit in CREDITED)
    return f"<html><body><p>Good morning.</p>{stories}<p>Reply with a number.</p></body></html>"


def _credited_text() -> str:
    """Substack's text part: a paragraph a line, no blank line between them."""
    return "Numbers News: June 16\nPlus mattresses and cheese\n\nBy Dee Hart\n\nGood morning.\n" + "\n".join(
        f"{title}\nA count in five cities found 48,200 of them [ {url} ], up 31 percent from the last count, "
        f"and the budget for it rose with them.\n{credit} [ {url} ]" for title, url, credit in CREDITED) + "\n"


@pytest.mark.parametrize("raw", [_credited_html(), _credited_text()], ids=["html", "text"])
def test_a_source_credit_linked_where_the_story_links_is_no_item(raw):
    letter = split_newsletter(raw)
    assert _keys(letter) == [_key(title) for title, _, _ in CREDITED], letter.reason
    assert all(credit.split(",")[0] in item.content for item, (_, _, credit) in zip(letter.items, CREDITED))


def test_a_linked_line_to_somewhere_else_still_starts_an_item():
    raw = _credited_html().replace(f'<p><a href="{CREDITED[1][1]}">Ona Price, Transit Weekly</a></p>',
                                   '<p><a href="https://other.example.com/bikes">Bike lanes doubled in Lyon this year</a></p>')
    assert _key("Bike lanes doubled in Lyon this year") in _keys(split_newsletter(raw))


# -- a sponsor's credit under its own copy -----------------------------------------------------------------


def _closing_credit(over_next: bool) -> str:
    ad = ("<h3>Sleep Better, Math Later</h3><p>Nightfall is a sleep app that tracks nothing: it plays one of 40 "
          "soundscapes and shuts off when you do. Readers get a year of the premium library for $19.</p>")
    story = ("<h3>Ferry Tale</h3><p>Passenger ferries carried 19.4 million riders last year, still 15 percent "
             "below 2019; the fix is more boats, and the boats take eight years to build.</p>")
    if over_next:  # 'Sponsored by Quillbase' over the sponsor's own headline: it flags what follows
        return ("<html><body>" + story + "<p>Sponsored by Quillbase</p><h3>Turn your docs into a help center</h3>"
                "<p>Point Quillbase at your docs and past tickets; it answers customers in plain language.</p>"
                "</body></html>")
    return "<html><body>" + ad + "<p>Sponsored by Nightfall</p>" + story + "</body></html>"


def test_a_sponsor_credit_under_the_sponsors_copy_flags_that_item_not_the_next():
    letter = split_newsletter(_closing_credit(over_next=False))
    assert [(item.title, item.sponsored) for item in letter.items] == [("Sleep Better, Math Later", True),
                                                                       ("Ferry Tale", False)]


def test_a_sponsor_marker_over_the_sponsors_headline_still_flags_the_next_item():
    letter = split_newsletter(_closing_credit(over_next=True))
    assert [(item.title, item.sponsored) for item in letter.items] == [("Ferry Tale", False),
                                                                       ("Turn your docs into a help center", True)]


# -- headlines numbered without a point, their link on the next line ---------------------------------------

MUST_READS = ["The US is weighing new limits on chip exports to the Gulf",
              "A nationwide phone outage was caused by a routine software update",
              "Europe's biggest AI lab is struggling to hire",
              "Wildfire smoke is confusing cheap air-quality sensors"]


def _must_reads() -> str:
    stories = "\n\n".join(
        f"{n} {title}\n(https://link.example.com/click/{4810 + n}/aHR0cHM6Ly93d3cuZXhhbXBsZS5jb20vbmV3cy8yMDI2LzAzLzAz"
        f"L3N0b3J5LXtufQ==/f2c76c00d8338b7627a9812cB551300e0)\nOfficials worry the change could be felt for years, "
        f"and say so. (Wire $)\n+ A related story explains the background. (Other $) (https://link.example.com/r/{n})"
        for n, title in enumerate(MUST_READS, 1))
    return f"THE MUST-READS\n\nI've searched the web so you don't have to: here are today's stories.\n\n{stories}\n"


@pytest.mark.parametrize("width", [None, 72, 76])
def test_headlines_numbered_without_a_point_lose_their_number_and_keep_their_text(width):
    raw = _must_reads() if width is None else _wrapped(_must_reads(), width)
    letter = split_newsletter(raw, format="text")
    assert _keys(letter) == [_key(title) for title in MUST_READS], letter.reason
    assert [item.number for item in letter.items] == [1, 2, 3, 4]
    assert all("related story" in item.content for item in letter.items)


def test_one_headline_that_opens_with_a_number_keeps_it():
    raw = ("3 things we learned from the outage\n[ https://example.com/outage ]\nThe report runs to forty pages "
           "and the third finding is the one that matters most.\n\nA second story about a bridge\n"
           "[ https://example.com/bridge ]\nThe bridge reopened after eleven months of repairs and a new paint job.\n")
    assert _keys(split_newsletter(raw, format="text"))[0] == _key("3 things we learned from the outage")


# -- a kicker in capitals over the headline and its link line ---------------------------------------------

CARDS = [("SCIENCE", "The self-driving lab that ran experiments while its chemists slept"),
         ("SPONSORED", "How a regional hospital cut its cloud bill by half"),
         ("AI", "Automated code review catches bugs, and a few new ones")]


def _cards() -> str:
    body = "\n\n----\n\n".join(
        f"{kicker}\n{title}\nhttps://news.example.com/{n}/story\n\nThe team wired robot arms, a spectrometer and a "
        f"planner together and let them search for a week, then wrote up what they found." for n, (kicker, title)
        in enumerate(CARDS))
    return f"Orbital Newsletter\n\nEvery so often a week of news lines up around a theme. This was one.\n\n{body}\n"


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_a_kicker_over_a_headline_and_its_link_line_is_no_part_of_the_title(crlf):
    raw = _cards().replace("\n", "\r\n") if crlf else _cards()
    letter = split_newsletter(raw, format="text")
    assert [(item.title, item.sponsored) for item in letter.items] == [(title, kicker == "SPONSORED")
                                                                       for kicker, title in CARDS], letter.reason
    assert all(item.url.startswith("https://news.example.com/") for item in letter.items)


# -- a brief's run-in sentences in a text part --------------------------------------------------------------

BRIEF = {"WHAT TO WATCH FOR TODAY": [("The EU votes on its AI liability rules",
                                     "Parliament decides whether people harmed by a model can sue its maker.")],
         "WHILE YOU WERE SLEEPING": [("China's exports beat forecasts",
                                     "Shipments rose 9% from a year earlier, led by electric cars and panels."),
                                     ("Brazil raised its ethanol blend to 30%",
                                      "The government said the higher blend would cut fuel imports this year."),
                                     ("A cyberattack grounded an airline's check-in",
                                      "Staff in three countries checked passengers in by hand all morning.")],
         "SURPRISING DISCOVERIES": [("Octopuses may dream in color",
                                     "Skin patterns flash across sleeping octopuses, researchers in Okinawa say."),
                                    ("A library fine from 1952 was finally paid",
                                     "The borrower's grandson returned the book with a check for the late fees.")]}


def _brief(second_watch: bool = True) -> str:
    sections = []
    for header, stories in BRIEF.items():
        stories = stories + ([("Northwind Logistics reports earnings",
                                "Investors want to know whether the freight slowdown reached its routes.")]
                             if header == "WHAT TO WATCH FOR TODAY" and second_watch else [])
        sections.append(header + "\n\n" + "\n\n".join(f"{title}. {text}" for title, text in stories))
    return ("Daily Brief\nThursday, July 9, 2026\n\nGood morning, readers!\n\n" + "\n\n".join(sections)
            + "\n\nOur best wishes for a productive day. Please send any news to hi@brief.example.com.\n")


@pytest.mark.parametrize("form", ["text", "wrapped-72", "crlf"])
def test_a_briefs_run_in_sentences_title_its_stories_in_a_text_part(form):
    raw = {"text": _brief(), "wrapped-72": _wrapped(_brief(), 72), "crlf": _brief().replace("\n", "\r\n")}[form]
    letter = split_newsletter(raw, format="text")
    expected = [title for stories in BRIEF.values() for title, _ in stories]
    expected.insert(1, "Northwind Logistics reports earnings")
    assert _keys(letter) == [_key(title) for title in expected], letter.reason


def test_an_editors_own_notes_under_a_header_in_capitals_are_no_brief():
    raw = ("ONE MORE THING\n\nI'm speaking at a small compilers meetup in Lisbon on the 20th. If you're around, come "
           "and say hello.\n\nAs always, hit reply if you have a link for me. I read everything, slowly.\n\n"
           "LINKS\n\nA long walk through inlining heuristics [ https://example.com/inline ]\nThe clearest account of "
           "how a JIT decides, with the numbers behind every threshold it uses.\n")
    assert _keys(split_newsletter(raw, format="text")) == [_key("A long walk through inlining heuristics")]


# -- a headline over its byline; the masthead's name over the letter -----------------------------------------


def test_a_headline_over_its_byline_is_an_item_and_the_byline_its_text():
    raw = ("Good morning Sifted reader,\n\nHere is what we have today.\n\n"
           "Helsinki's Vaara Robotics cuts a third of staff\nBy Jonas Frei\n\nVaara Robotics, the Finnish maker of "
           "autonomous forklifts, is laying off 70 of its 210 employees after two customers pushed orders back.\n\n"
           "Read the full story → [https://example.com/vaara]\n\n"
           "A Lithuanian satellite startup raised a record seed round\nBy Ana Ruiz\n\nThe round values the company "
           "at €90m, a record for a seed round in the Baltics, and closes in under a month.\n\n"
           "Read the full story → [https://example.com/sat]\n")
    letter = split_newsletter(raw, format="text")
    assert _keys(letter) == [_key("Helsinki's Vaara Robotics cuts a third of staff"),
                             _key("A Lithuanian satellite startup raised a record seed round")], letter.reason
    assert "Jonas Frei" in letter.items[0].content


# -- a linked subtitle under a linked headline --------------------------------------------------------------

POSTS = [("The Prompt Is Not the Product", "Why teams that ship AI features spend most of their time elsewhere"),
         ("Kubernetes Was Never the Hard Part", "The hard part was deciding who owns the pager"),
         ("Your README Is a Landing Page", "Treat it like one and watch the issues get better")]


def _digest(with_author: bool) -> str:
    cards = "".join(
        (f'<p><a href="https://medium.example.com/@a{n}">Author {n} in Publication</a></p>' if with_author else "")
        + f'<h2><a href="https://medium.example.com/p/{n}"><b>{title}</b></a></h2>'
        f'<h3><a href="https://medium.example.com/p/{n}">{subtitle}</a></h3><p>{5 + n} min read</p>'
        for n, (title, subtitle) in enumerate(POSTS))
    return f"<html><body><h2>Today's highlights</h2>{cards}<p>Unsubscribe</p></body></html>"


@pytest.mark.parametrize("with_author", [True, False], ids=["author-line", "no-author-line"])
def test_a_linked_subtitle_under_a_linked_headline_is_its_text(with_author):
    letter = split_newsletter(_digest(with_author))
    assert _keys(letter) == [_key(title) for title, _ in POSTS], letter.reason
    assert all(subtitle in item.content for item, (_, subtitle) in zip(letter.items, POSTS))


# -- an emoji before a bold run-in sentence ----------------------------------------------------------------

BRIEFS = [("⚛️", "Paris wants to be Europe's quantum capital", "Five hardware startups moved into a former barracks."),
          ("🏦", "A Dutch neobank is shutting down its business accounts", "Kandel will close its SME product in July."),
          ("🌱", "Carbon removal buyers are getting pickier", "Corporate buyers now ask for independent monitoring.")]


def test_an_emoji_before_a_bold_run_in_sentence_is_no_part_of_the_title():
    paragraphs = "".join(f"<p>{emoji} <strong>{title}.</strong> {text}</p>" for emoji, title, text in BRIEFS)
    raw = f"<html><body><p>Good morning,</p><p style='text-transform:uppercase'>More from us</p>{paragraphs}</body></html>"
    letter = split_newsletter(raw)
    assert _keys(letter) == [_key(title) for _, title, _ in BRIEFS], letter.reason
