"""General shapes many newsletters share, each rule on an input of its own kind written here (other
newsletters, other words than the corpus's fixtures, which tests/test_newsletter_corpus.py scores):
sub-heads every story repeats, numbered headlines over a labelled link line, a list's own headers
inside a text part's list of links."""

import time

import pytest

from newsletters import split_newsletter

BODY = ("The team measured it over six months on real traffic and found the effect held across every "
        "region, though smaller sites saw less of a gain than the large ones.")
TAKE = "I like that it needs no retraining, but I would want to see it on a second benchmark before trusting it."


def _titles(letter):
    return [item.title for item in letter.items]


def test_sub_heads_every_story_repeats_are_no_items_in_html():
    # a book-review letter: each book an h2, its 'The premise' / 'Verdict' h3s inside it
    books = ("A Short History of Bridges", "Tides", "The Quiet Engine")
    html = "<html><body><p>Three books this month, shortest first.</p>" + "".join(
        f"<h2>{n}. {title}</h2><p>By Some Author, 2026</p><h3>The premise</h3><p>{BODY}</p>"
        f"<h3>Verdict</h3><p>{TAKE}</p>" for n, title in enumerate(books, 1)) + "</body></html>"
    letter = split_newsletter(html)
    assert _titles(letter) == list(books)
    assert "Verdict" in letter.items[2].content and TAKE in letter.items[2].content


def test_sub_heads_every_story_repeats_are_no_items_in_a_text_part():
    stories = ("Harbour cranes go fully electric", "A cheaper way to insure satellites", "Rail freight finds its data")
    text = "Hi all,\n" + BODY + "\n" + "".join(
        f"{title}\nThe gist\n{BODY}\nWhy I care\n{TAKE}\n" for title in stories)
    letter = split_newsletter(text, format="text")
    assert _titles(letter) == list(stories)


QUESTIONS = ("Should a two-person shop keep a separate tax account?", "Is it rude to decline a client's referral?",
             "When do we stop discounting and raise prices?")


@pytest.mark.parametrize("form", ["html", "markdown", "text"])
def test_an_advice_columns_q_label_comes_off_its_question(form):
    # an accountant's weekly advice column: each reader's question a heading with a 'Q:' label
    html = "<html><body><p>Your questions, answered.</p>" + "".join(
        f"<h2>Q: {q}</h2><p>{BODY}</p><p>{TAKE}</p>" for q in QUESTIONS) + "</body></html>"
    markdown = "Your questions, answered.\n\n" + "".join(f"## Q: {q}\n\n{BODY}\n\n{TAKE}\n\n" for q in QUESTIONS)
    text = "Your questions, answered.\n\n" + "".join(f"Q. {q}\n{BODY}\n{TAKE}\n\n" for q in QUESTIONS)
    letter = split_newsletter({"html": html, "markdown": markdown, "text": text}[form], format=form)
    assert _titles(letter) == list(QUESTIONS)


def test_a_q_label_stays_where_no_question_follows():
    heads = ("Q: the quarter in numbers", "Q3 revenue beats the guidance", "Question time in parliament")
    html = "<html><body>" + "".join(f"<h2>{h}</h2><p>{BODY}</p>" for h in heads) + "</body></html>"
    assert _titles(split_newsletter(html)) == list(heads)


def test_a_sub_head_written_twice_is_still_a_headline_candidate():
    # twice is no template: 'Results' under two stories, a third story without it
    html = ("<html><body><h2>Ferries go electric</h2><p>" + BODY + "</p><h3>Harbour notes</h3><p>" + BODY + "</p>"
            "<h2>Kidneys grown in a lab</h2><p>" + BODY + "</p><h3>Harbour notes</h3><p>" + BODY + "</p></body></html>")
    assert "Harbour notes" in _titles(split_newsletter(html))


def test_numbered_headline_over_a_labelled_link_line_takes_that_link():
    # a text part: '2. Title' alone, then 'Repo: title [ url ]', then the write-up
    tools = [("Quarry: a faster log search", "https://code.example/quarry"),
             ("Driftwood", "https://code.example/driftwood"),
             ("Lantern for Postgres", "https://code.example/lantern")]
    text = "Tools I tried this week\n\n" + "\n".join(
        f"{n}. {title}\nRepo: {title} [ {url} ]\n{BODY}" for n, (title, url) in enumerate(tools, 1))
    letter = split_newsletter(text, format="text")
    assert [(i.title, i.url, i.number) for i in letter.items] == [(t, u, n) for n, (t, u) in enumerate(tools, 1)]


def test_a_labelled_link_line_under_no_numbered_headline_is_a_headline_itself():
    # 'Video: ...' over its summary, under a section header: a story of its own
    text = ("WATCH\n\nVideo: Tuning a database by hand [ https://talks.example/db ]\n" + BODY
            + "\n\nPodcast: Why queues fill up [ https://pods.example/q ]\n" + BODY)
    assert _titles(split_newsletter(text, format="text")) == ["Video: Tuning a database by hand",
                                                             "Podcast: Why queues fill up"]


def test_a_link_lists_own_numbered_headers_and_prose_are_no_list_items():
    # a reading list in a text part: '1. Topic' headers over '* Title [ url ] (date): note' lines
    links = [("Sorting networks, explained", "1. Algorithms"), ("Why B-trees still win", "1. Algorithms"),
             ("Radix sort on GPUs", "1. Algorithms"), ("A gentle guide to CRDTs", "2. Distributed systems"),
             ("Clocks are hard", "2. Distributed systems"), ("Raft in 300 lines", "2. Distributed systems")]
    lines = ["Here is what I read this month, grouped by topic, each with one line on why.",
             "(Members get the annotated version on Friday.)"]
    for n, (title, header) in enumerate(links):
        if n == 0 or links[n - 1][1] != header:
            lines.append(header)
        lines.append(f"* {title} [ https://read.example/{n} ] (May {n + 3}): worth it for the diagrams alone.")
    text = "Reading list, May\n\n" + "\n".join(lines) + "\n\nThanks for reading, see you next month."
    letter = split_newsletter(text, format="text")
    assert _titles(letter) == [title for title, _ in links]
    assert letter.items[0].section == "1. Algorithms"
    assert letter.items[-1].content.startswith("(May 8): worth it")  # not the sign-off after the list


ESSAY_LINKS = [("Harbour cranes go fully electric", "https://ports.example/cranes"),
               ("Why lighthouse keepers kept logs", "https://history.example/logs"),
               ("Is the parcel locker the new post office?", "https://parcels.example/lockers")]


def test_a_text_parts_run_in_paragraphs_ending_in_their_link_are_items():
    # a link blog's text part: 'Headline. Text ... Link (url)', one story a paragraph, under emoji section names
    paras = [f"{title}. {BODY} Link ({url})" for title, url in ESSAY_LINKS]
    text = ("Weekly notes, no. 12\n\nThis is the free edition of a weekly letter about ports, parcels and paper. "
            "Upgrade here (https://notes.example/upgrade).\n\n🚢 Shipping\n\n" + "\n\n".join(paras[:2])
            + "\n\n📦 Parcels\n\n" + paras[2] + "\n\nIf you liked this, forward it to a friend.")
    letter = split_newsletter(text, format="text")
    assert [(i.title, i.url) for i in letter.items] == ESSAY_LINKS
    assert letter.items[2].section == "📦 Parcels"


def test_a_run_in_story_whose_link_comes_after_its_list_keeps_that_link():
    text = ("🚢 Shipping\n\n"
            f"Harbour cranes go fully electric. {BODY}\n\n  • Two ports went first.\n  • Four more follow in 2027.\n\n"
            "Link (https://ports.example/cranes)\n\n"
            f"Why lighthouse keepers kept logs. {BODY} Link (https://history.example/logs)")
    letter = split_newsletter(text, format="text")
    assert [(i.title, i.url) for i in letter.items] == ESSAY_LINKS[:2]
    assert "Four more follow" in letter.items[0].content


def test_a_paragraph_without_its_link_at_the_end_is_no_run_in_story():
    # running text whose first sentence is short is no headline unless the paragraph ends in its link
    text = ("Ports and parcels\n\nIt was a quiet week. " + BODY + "\n\nAnother thing. " + BODY
            + " More at https://ports.example/notes if you want it.")
    assert "It was a quiet week" not in _titles(split_newsletter(text, format="text"))


def test_bold_run_in_stories_one_a_line_in_markdown_are_items():
    # html2text's rendering of a layout cell: one paragraph a line, no blank line between the stories
    lines = [f"**{title}.** {BODY} [Link]({url})" for title, url in ESSAY_LINKS]
    md = ("Weekly notes, no. 12 This is the free edition. [Upgrade](https://notes.example/upgrade).\n"
          f"**🚢 Shipping** {lines[0]}\n{lines[1]}\n**📦 Parcels** {lines[2]}\nIf you liked this, forward it.\n")
    letter = split_newsletter(md, format="markdown")
    assert [(i.title.rstrip("."), i.url) for i in letter.items] == ESSAY_LINKS
    assert [i.section for i in letter.items] == ["🚢 Shipping", "🚢 Shipping", "📦 Parcels"]


def _link_blog_text():
    """A link blog's text part (a Substack-style digest of a personal blog), one paragraph a line."""
    return "\n".join([
        "Field notes from the workbench",
        "Plus 2 links and 1 quotation",
        "",
        "Sponsored by: Tidepool — backups for your homelab that restore in one command. Learn more [ https://tide.example/ ]",
        "Rebuilding my lathe's gearbox [ https://bench.example/gearbox ] - 2026-05-02",
        "The lathe I bought last winter has a gearbox that clicks at every speed, and this month I finally took it "
        "apart on the kitchen table, which my family did not enjoy.",
        "What I found",
        "Two of the gears had worn teeth, and one bearing was full of old grease that had set like wax over the "
        "years, so the clicking was the least of its troubles.",
        "How I fixed it",
        "I ordered the gears from a small shop that still makes them by hand, and cleaned the bearing in a bath of "
        "paraffin overnight.",
        "Link 2026-05-03 A history of the micrometer [ https://tools.example/micrometer ]:",
        "A long and loving piece on how a screw thread turned into the most trusted tool in the workshop, with "
        "photographs of the first ones.",
        "Quote 2026-05-04",
        "Measure twice, cut once, and then measure again because you forgot to write it down the first time "
        "round, as everyone does.",
        "— Some Carpenter [ https://quotes.example/1 ], on workshops",
        "TIL May 5, 2026 Sharpening a card scraper [ https://til.example/scraper ]:",
        "A burnisher and five minutes give a scraper an edge that beats sandpaper on figured wood, and it makes "
        "far less dust too.",
    ])


def test_a_link_blogs_dated_posts_and_kind_dated_entries_are_items():
    letter = split_newsletter(_link_blog_text(), format="text")
    assert [(i.title, i.url) for i in letter.items][1:] == [
        ("Rebuilding my lathe's gearbox", "https://bench.example/gearbox"),
        ("A history of the micrometer", "https://tools.example/micrometer"),
        ("Sharpening a card scraper", "https://til.example/scraper")]
    post = letter.items[1]
    assert "How I fixed it" in post.content and "paraffin" in post.content  # its sub-heads are its text
    assert "Measure twice" in letter.items[2].content  # a 'Quote date' entry is no item of its own


def test_a_one_line_sponsor_credit_is_the_sponsors_item_titled_by_name_and_tagline():
    first = split_newsletter(_link_blog_text(), format="text").items[0]
    assert (first.title, first.url, first.sponsored) == (
        "Tidepool — backups for your homelab that restore in one command.", "https://tide.example/", True)


def test_a_plain_line_under_an_unlinked_headline_is_still_a_headline():
    # the sub-head rule needs a linked post title above: plain title lines over paragraphs stay headlines
    # (one paragraph a line, as above)
    text = "\n".join(["Harbour notes", BODY, "Cranes go electric", BODY, BODY, "Parcel lockers spread", BODY, BODY,
                      "Rail freight finds its data", BODY, BODY])
    assert _titles(split_newsletter(text, format="text"))[-3:] == ["Cranes go electric", "Parcel lockers spread",
                                                                  "Rail freight finds its data"]


def _run_in_paragraph(title, n, label=""):
    return (f"<p><b>{label or title}:</b> A regional carrier said on Tuesday that the change takes effect next "
            f"month for all customers, <a href=\"https://news.example/{n}\">the local paper reports</a>.</p>")


def test_a_run_of_bold_run_in_stories_each_linking_its_source_are_items():
    # a weekly recap: '<b>Headline:</b> the story ... <a>X reports</a>.' under section headings
    html = ("<html><body><p>Welcome back to the weekly recap.</p><h2>Most read</h2>"
            + _run_in_paragraph("Ferry fares rise", 1) + _run_in_paragraph("Night trains, revived", 2)
            + "<h2>Other news</h2>" + _run_in_paragraph("Airport lounge, closed", 3)
            + "<p><b>Parcel lockers spread:</b></p><p>A logistics firm added four hundred lockers to stations, "
              "<a href=\"https://news.example/4\">the trade press reports</a>.</p></body></html>")
    letter = split_newsletter(html)
    assert [(i.title, i.url) for i in letter.items] == [
        ("Ferry fares rise", "https://news.example/1"), ("Night trains, revived", "https://news.example/2"),
        ("Airport lounge, closed", "https://news.example/3"), ("Parcel lockers spread", "https://news.example/4")]
    assert [i.section for i in letter.items] == ["Most read", "Most read", "Other news", "Other news"]


def test_the_same_run_in_shape_in_markdown_gives_the_same_items():
    md = ("Welcome back to the weekly recap.\n\n## Most read\n\n"
          + "\n\n".join(f"**{t}:** A regional carrier said on Tuesday that the change takes effect next month, "
                        f"[the local paper reports](https://news.example/{n})." for n, t in
                        enumerate(("Ferry fares rise", "Night trains, revived", "Airport lounge, closed"), 1)))
    assert _titles(split_newsletter(md, format="markdown")) == ["Ferry fares rise", "Night trains, revived",
                                                                "Airport lounge, closed"]


def test_bold_run_in_labels_are_no_stories():
    # labels inside one story: sub-head words, a label said twice, run-ins over text without a link
    story = "<h2>Ports automate their cranes</h2><p>" + BODY + "</p>"
    labels = (_run_in_paragraph("", 1, "Why it matters") + _run_in_paragraph("", 2, "The catch")
              + _run_in_paragraph("", 3, "The catch")
              + "<p><b>What we like:</b> " + BODY + "</p><p><b>What we dislike:</b> " + BODY + "</p>")
    letter = split_newsletter("<html><body>" + story + labels + "</body></html>")
    assert _titles(letter) == ["Ports automate their cranes"]


def test_a_run_in_list_after_an_essay_in_a_text_part_is_a_list_of_stories():
    # an essay, then 'Elsewhere this week' with '* Title: text' lines and no heading over them
    stories = ("Ferry fares rise", "Night trains are back", "Airport lounges close", "Parcel lockers spread")
    # (a Substack-style text part: one paragraph a line)
    text = ("The Slow Road\nNotes on travel without hurry\n\n" + "\n".join([BODY] * 4) + "\n\nElsewhere this week\n"
            + "\n".join(f"* {title}: a regional operator announced the change on Tuesday, effective next month for "
                        "every line it runs." for title in stories) + "\n")
    assert _titles(split_newsletter(text, format="text"))[-4:] == list(stories)


def test_an_ads_linked_bold_offer_under_its_label_is_the_sponsors_item():
    # 'Advertisement', a banner, then the offer as a bold link (it reads like a button; it is the ad's headline)
    html = ("<html><body><h2>Harbour cranes go electric</h2><p>" + BODY + "</p><p>Advertisement</p>"
            "<img src='https://ads.example/b.png' alt='banner'><p><b><a href='https://ads.example/offer'>Try six months of "
            "map storage for $2</a></b></p><p>Chartwell keeps your maps synced on every device. New customers only.</p>"
            "<h2>Night trains are back</h2><p>" + BODY + "</p></body></html>")
    letter = split_newsletter(html)
    assert [(i.title, i.sponsored) for i in letter.items] == [
        ("Harbour cranes go electric", False), ("Try six months of map storage for $2", True),
        ("Night trains are back", False)]


def test_a_signing_off_heading_is_no_item():
    html = ("<html><body><h2>Harbour cranes go electric</h2><p>" + BODY + "</p><h2>Signing off</h2>"
            "<p>I spent far too long this week reading about lighthouse lenses. See you next week!</p></body></html>")
    assert _titles(split_newsletter(html)) == ["Harbour cranes go electric"]


def test_an_export_that_holds_the_email_twice_gives_each_item_once():
    # an agent's Markdown export with the HTML's rendering, then the text alternative: same headlines, same links
    links = [("A faster JSON parser in Zig", "https://z.example/json"), ("Writing a shell in a weekend", "https://s.example/sh")]
    html_part = "\n".join(f"* [{t}]({u}?utm_source=letter&utm_medium=email)" for t, u in links)
    text_part = "\n".join(f"- [{t}]({u}) · [comments](https://hn.example/{n})" for n, (t, u) in enumerate(links))
    md = f"# Weekly Links #57\n\n## Tools\n\n{html_part}\n\n---\n\n### Tools\n\n{text_part}\n"
    letter = split_newsletter(md, format="markdown")
    assert [(i.title, i.url) for i in letter.items] == links


def test_a_link_listed_three_times_or_more_keeps_every_copy():
    # not the shape of an export holding two alternatives: a newsletter pasted many times over keeps them all
    md = "## Tools\n\n" + "* [A faster JSON parser in Zig](https://z.example/json) - a note\n" * 3
    assert len(split_newsletter(md, format="markdown").items) == 3


def test_the_same_headline_with_another_link_is_another_item():
    md = ("## Tools\n\n* [Release notes](https://a.example/notes)\n* [Release notes](https://b.example/notes)\n"
          "* [A faster JSON parser in Zig](https://z.example/json)\n")
    assert len(split_newsletter(md, format="markdown").items) == 3



def test_a_know_someone_forwarding_line_is_no_item_but_forwarding_in_a_story_is_text():
    # a recap's text part: run-in stories, then the forwarding line as a paragraph of its own
    text = "\n\n".join([f"{title}: {BODY}" for title in ("Ferry fares rise", "Night trains, revived")]
                        + ["Know someone who’d like this newsletter? Forward it along [https://notes.example/share]"])
    assert not any(t.startswith("Know someone") for t in _titles(split_newsletter(text, format="text")))
    story = ("<html><body><h2>Cranes go electric</h2><p>" + BODY + " If you liked it, forward it to a friend.</p>"
             "<h2>Night trains are back</h2><p>" + BODY + "</p></body></html>")
    assert _titles(split_newsletter(story)) == ["Cranes go electric", "Night trains are back"]

# Each shape above, and its broken halves, repeated to about 1 MB: every rule of this file stays linear.
SHAPES_AT_SCALE = {
    "run-in paragraphs": f"Ferry fares rise. {BODY} Link (https://n.example/1)\n\n" * 4_000,
    "run-in, no end": "Ferry fares rise. " * 60_000,
    "link phrases": "Link (" * 170_000,
    "bold run-ins": f"<p><b>Ferry fares rise:</b> {BODY} <a href='https://n.example/1'>X reports</a>.</p>" * 4_000,
    "bold run-ins, one line": "**Ferry fares rise.** " * 50_000,
    "repeated sub-heads": f"<h2>A story</h2><h3>My take</h3><p>{BODY}</p>" * 5_000,
    "kind and date": "Link 2026-06-01 " * 60_000,
    "dated posts": "Title [ https://b.example/p ] - 2026-06-02\n" * 20_000,
    "sponsor credits": "Sponsored by: " * 70_000,
    "labelled links": "1. Title\nPaper: Title [ https://p.example/1 ]\n" * 20_000,
}


@pytest.mark.slow  # ten inputs of about 1 MB: 1-5 s of CPU each here
@pytest.mark.parametrize("name", sorted(SHAPES_AT_SCALE))
def test_each_shape_at_a_megabyte_splits_in_linear_time(name):
    start = time.process_time()  # CPU time: on a shared machine wall time says little
    letter = split_newsletter(SHAPES_AT_SCALE[name])
    elapsed = time.process_time() - start
    assert elapsed < 10, f"{name}: {elapsed:.1f} s of CPU"
    assert letter.items == [] or all(i.title for i in letter.items)
