"""The rules that brought every variant kind of the first seven layouts to recall and precision 1.0
(tests/test_newsletter_variants.py holds them there), each on a small input of its own kind
written here, in other words and shapes than the fixtures and their variants."""

import textwrap

from newsletters import split_newsletter
from newsletters.text import reflow

BODY = ("The team measured it over six months on real traffic and found the effect held across every "
        "region, though smaller sites saw less of a gain than the large ones.")


def _titles(letter):
    return [item.title for item in letter.items]


def test_a_list_of_linked_and_bold_only_headlines_gives_every_one_an_item():
    raw = "\n".join(["## Quick hits", "",
                     "  * **Harbour cranes learn to load ships at night**",
                     "  * [A bakery chain prices bread by the hour](https://bake.example/p). Prices drop after six.",
                     "  * **Glacier sensors now report every minute.**",
                     "", "## Research", "", BODY])
    assert _titles(split_newsletter(raw))[:3] == ["Harbour cranes learn to load ships at night",
                                                  "A bakery chain prices bread by the hour. Prices drop after six.",
                                                  "Glacier sensors now report every minute."]


def test_a_bold_line_under_a_sponsor_marker_is_the_sponsors_headline():
    raw = "\n\n".join(["**Ports automate their cranes**", BODY, "SPONSORED",
                       "**Rent a quiet office by the hour**", "Short row", "**Satellites get cheaper to insure**", BODY])
    letter = split_newsletter(raw, "markdown")
    assert [(i.title, i.sponsored) for i in letter.items] == [
        ("Ports automate their cranes", False), ("Rent a quiet office by the hour", True),
        ("Satellites get cheaper to insure", False)]


def test_a_short_linked_title_over_its_scene_line_is_a_headline():
    raw = "\n\n".join(["**Stories:**", "[The Lighthouse Keeper](https://tales.example/lh)",
                       "_[A rock in the North Sea, 2051]_", BODY, BODY])
    letter = split_newsletter(raw, "markdown")
    assert [(i.title, i.url) for i in letter.items] == [("The Lighthouse Keeper", "https://tales.example/lh")]


def test_html2texts_wrapped_heading_over_a_table_row_keeps_its_tail():
    """'## [Headline ... print' / 'statements](url)' / text / '---': the heading's tail is no cell."""
    raw = "\n".join(["| PRESENTED BY", "ACME", "", "## [Trace every request your service makes, not just the",
                     "slow ones](https://acme.example/t)", BODY, "---  ", "",
                     "## [Ports automate their cranes](https://ports.example/c)", "", BODY])
    letter = split_newsletter(raw, "markdown")
    assert _titles(letter) == ["Trace every request your service makes, not just the slow ones",
                               "Ports automate their cranes"]
    assert letter.items[0].sponsored


def test_an_emoji_led_long_linked_line_is_a_headline_not_a_label():
    raw = "\n\n".join(["## Ports automate their cranes", BODY, "## Odds and ends",
                       "🔗 [A ferry company in Bergen now runs its whole fleet on batteries](https://x.example/1)",
                       "🔗 [The best spreadsheet trick I learned this week was a single keystroke](https://x.example/2)",
                       "That's all for today."])
    assert _titles(split_newsletter(raw, "markdown"))[1:] == [
        "🔗 A ferry company in Bergen now runs its whole fleet on batteries",
        "🔗 The best spreadsheet trick I learned this week was a single keystroke"]


def test_a_text_list_whose_items_stand_a_blank_line_apart():
    raw = "\n\n".join(["Ports automate their cranes", BODY, "Odds and ends",
                       "A museum in Turin hired a robot guide [ https://museo.example/robot ].",
                       "Somebody taught a small model to write limericks [ https://lim.example/ ] and it will not stop.",
                       "Find us on X [ https://x.example/us ], Mastodon [ https://m.example/us ] or Bluesky"])
    letter = split_newsletter(raw, "text")
    assert _titles(letter)[1:] == ["A museum in Turin hired a robot guide",
                                   "Somebody taught a small model to write limericks"]


def test_a_hard_wrapped_markdown_text_part_keeps_its_wrapped_links():
    """beehiiv's text part ('Words (URL)') wrapped at 72 columns: URLs on lines of their own."""
    url = "https://tools.example/{}?utm_source=newsletter&utm_medium=email&utm_campaign=a-long-campaign-name"
    tools = "\n\n".join(f"* {name} ({url.format(name.lower())}) - {what}" for name, what in (
        ("Mapmaker", "Ask questions about any street and get answers with sources"),
        ("Tunesmith", "Hum a tune and get a full arrangement back in a minute")))
    news = (f"**The Port of Rotterdam** opened a fully automated container terminal this week "
            f"({url.format('port')}), with cranes that work through the night.")
    raw = "\n\n".join(["### **Tools (https://tools.example/)**", tools, "### Everything else", news, BODY])
    wrapped = "\n".join(textwrap.fill(p, 72, break_long_words=False, break_on_hyphens=False) if p.strip() else p
                        for p in raw.split("\n"))
    letter, whole = split_newsletter(wrapped), split_newsletter(raw)
    assert wrapped != raw and _titles(letter)[:2] == ["Mapmaker", "Tunesmith"]
    assert [(i.title, i.url) for i in letter.items] == [(i.title, i.url) for i in whole.items]


def test_reflow_gives_back_the_lines_of_a_text_wrapped_at_72_columns():
    """Wrapped as mail clients do (textwrap at 72), then reflowed: the lines as written, where a card's
    count sits under a headline as wide as the text and each tool's line opens with its link."""
    headline = "Sparse routing for mixture models: skipping experts, losing nothing much"
    assert len(headline) == 72
    lines = ["PAPER", headline, "♥ 1,240 Likes", "", "Tools", "",
             "Gridwise [ https://gridwise.example/ ] - Routes every prompt to the cheapest model that passes.*",
             "Mapleaf [ https://mapleaf.example/ ] - Draws diagrams of your repo and keeps them up to date.",
             "A harbour city in Norway now runs all of its ferries on batteries and saves a lot "
             "[ https://ferry.example/x ]. The change took two years and cost less than planned."]
    lines += [""] + [BODY] * 6
    wrapped = "\n".join(textwrap.fill(line, 72, break_long_words=False, break_on_hyphens=False) if line else line
                         for line in lines)
    assert wrapped != "\n".join(lines) and reflow(wrapped) == "\n".join(lines)


def test_yahoo_and_outlook_desktop_forwards_name_their_client_and_the_originals_headers():
    """The shapes of tests/fixtures/newsletters/variants.py's fwd-yahoo and fwd-outlook-desktop (text,
    HTML, whole email), built from public copies of those clients' forwards, on one corpus newsletter."""
    import json

    from support.corpus import HERE as here
    from support.corpus import load_score

    score = load_score()
    variants = score.load_variants()
    folder = here / "tldr" / "tldr-ai-2026-04-22"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    made = [v for v in variants.variants(folder, expected) if v.kind in ("fwd-yahoo", "fwd-outlook-desktop")]
    assert len(made) == 6
    for variant in made:
        letter = split_newsletter(variant.raw)
        client = variant.kind.removeprefix("fwd-").removesuffix("-desktop")
        assert (letter.forward, letter.source, letter.date[:10]) == (client, "TLDR AI", expected["date"]), variant
        assert len(letter.items) == len(expected["items"])
        assert not any("worth a read" in item.title + item.content for item in letter.items)


def test_outlook_desktops_mailto_sender_and_thunderbirds_marker():
    from newsletters.forward import unwrap

    old_outlook = ("Have a look.\n\n-----Original Message-----\nFrom: Frontier Brief [mailto:e@f.example]\n"
                   "Sent: Tuesday, September 15, 2026 7:05 AM\nTo: Jo Park\nSubject: Issue 9\n\nHello")
    found = unwrap(old_outlook, "text")
    assert (found.client, found.sender, found.date, found.body.strip()) == (
        "outlook", '"Frontier Brief" <e@f.example>', "2026-09-15T07:05:00", "Hello")
    thunderbird = ("-------- Forwarded Message --------\nSubject: Issue 9\nDate: Tue, 15 Sep 2026 07:05:00 +0000\n"
                   "From: Frontier Brief <e@f.example>\nTo: jo@example.org\n\nHello")
    assert unwrap(thunderbird, "text").client == "generic"
    yahoo_html = ('<div class="yahoo_quoted"><div>----- Forwarded Message -----</div><div><b>From:</b> Brief '
                  '&lt;e@f.example&gt;</div><div><b>To:</b> Jo</div><div><b>Sent:</b> Tuesday, September 15, 2026, '
                  '07:05:09 AM PDT</div><div><b>Subject:</b> Issue 9</div><div><br></div><div><p>Hello</p></div></div>')
    found = unwrap(yahoo_html, "html")
    assert (found.client, found.subject, found.date) == ("yahoo", "Issue 9", "2026-09-15T07:05:09")
    assert "<p>Hello</p>" in found.body and "Subject" not in found.body
