"""The rules the blind set's layouts taught the splitter (The Download, The Neuron, Superhuman,
Pointer, Hacker Newsletter, Interconnects, TheSequence, Exponential View), each on a small input of
its own kind written here, in other words and shapes than the fixtures (which
tests/test_newsletter_corpus.py scores)."""

from newsletters import split_newsletter

BODY = ("The team measured it over six months on real traffic and found the effect held across every "
        "region, though smaller sites saw less of a gain than the large ones.")


def _titles(letter):
    return [item.title for item in letter.items]


def test_hand_numbered_linked_headlines_lose_their_numbers_and_keep_them_as_the_items():
    rows = "".join(f'<p><b>{n} <a href="https://news.example/{n}">{title}</a></b><br>{BODY}</p>'
                   for n, title in ((1, "Ferries go electric in Norway"), (2, "A lab grew a working kidney"),
                                    (3, "Why batteries hate the heat")))
    letter = split_newsletter(f"<html><body><h2>The must-reads</h2><p>Today's picks, short.</p>{rows}</body></html>")
    assert _titles(letter) == ["Ferries go electric in Norway", "A lab grew a working kidney", "Why batteries hate the heat"]
    assert [item.number for item in letter.items] == [1, 2, 3]
    assert letter.items[1].url == "https://news.example/2"


def test_an_issue_number_and_date_line_is_masthead_not_an_item():
    raw = "\n\n".join(["# Weekly Links", "## #57 — March 3, 2026", "Issue #57, the week's best links.",
                       "## Tools", "* [A faster JSON parser in Zig](https://z.example/json) · [comments](https://hn.example/1)",
                       "* [Writing a shell in a weekend](https://s.example/shell) · [comments](https://hn.example/2)"])
    letter = split_newsletter(raw)
    assert _titles(letter) == ["A faster JSON parser in Zig", "Writing a shell in a weekend"]


def test_a_text_part_headline_over_its_link_line_is_an_item_with_that_link():
    stories = [("Teams Ship Faster With Smaller Pull Requests", "https://blog.example/small-prs"),
               ("What Staff Engineers Actually Do All Day", "https://staff.example/day")]
    raw = "\n\n".join(f"{title}\n— Some Author\ntl;dr: {BODY}\nEngineering Culture\n{url}" for title, url in stories)
    letter = split_newsletter("READING LIST #12\n\n" + raw, format="text")
    assert [(i.title, i.url) for i in letter.items] == stories


def test_issue_sponsor_headlines_and_promoted_credit_lines_flag_their_own_items():
    html = ("<html><body>"
            "<h3>Thursday's issue is presented by Gridway</h3><p>" + BODY + "</p>"
            "<h3>Cutting Your Incident Count In Half</h3><p>" + BODY + "</p><p>Promoted by Gridway</p>"
            "<h3>Notes On Writing Design Reviews</h3><p>" + BODY + "</p>"
            "</body></html>")
    letter = split_newsletter(html)
    assert [(i.title, i.sponsored) for i in letter.items] == [
        ("Thursday's issue is presented by Gridway", True), ("Cutting Your Incident Count In Half", True),
        ("Notes On Writing Design Reviews", False)]


def test_section_names_in_capitals_are_no_items_at_any_heading_level():
    html = ("<html><body><h3>AROUND THE WEB</h3><p>What else happened</p>"
            "<h2>Ports automate their cranes</h2><p>" + BODY + "</p>"
            "<h3>QUICK HITS</h3><h3>Satellites get cheaper to insure</h3><p>" + BODY + "</p></body></html>")
    assert _titles(split_newsletter(html)) == ["Ports automate their cranes", "Satellites get cheaper to insure"]


def test_a_short_section_heading_with_an_intro_then_linked_list_items():
    html = ("<html><body><h1>Ports automate their cranes</h1><p>" + BODY + "</p><p>" + BODY + "</p>"
            "<h1>🍪 Tools to Try</h1><p>A few tools we liked this week, picked by the team for you to try out.</p><ol>"
            '<li><a href="https://a.example">Quillpad</a> drafts meeting notes from a recording.</li>'
            '<li><a href="https://b.example">Tabsy</a> closes the tabs you forgot about.</li></ol></body></html>')
    titles = _titles(split_newsletter(html))
    assert titles[0] == "Ports automate their cranes" and len(titles) == 3
    assert titles[1].startswith("Quillpad") and titles[2].startswith("Tabsy")


def test_emoji_led_tool_listings_are_items_named_by_their_link_and_carry_their_tag():
    html = ("<html><body><h3>TOOLS</h3>"
            '<p>🧭 <a href="https://a.example">Wayline</a> plans a road trip around charging stops</p>'
            '<p>📎 <a href="https://b.example">Clipjar</a> keeps every link you copy, searchable (sponsored)</p>'
            '<p>🗒️ <a href="https://c.example">Notably</a> turns a voice memo into a checklist</p></body></html>')
    letter = split_newsletter(html)
    # (a tag stays in the title, as '(Sponsor)' does in TLDR's: the flag is what counts)
    assert [(i.title.removesuffix(" (sponsored)"), i.sponsored) for i in letter.items] == [
        ("Wayline", False), ("Clipjar", True), ("Notably", False)]


def test_a_markdownify_table_cell_heading_is_read_as_the_heading_it_was():
    cells = ["Ports automate their cranes", BODY, "Satellites get cheaper to insure", BODY]
    raw = "| " + " | ".join(cells) + " |\n"
    assert _titles(split_newsletter(raw, format="markdown")) == ["Ports automate their cranes",
                                                                 "Satellites get cheaper to insure"]


def test_markdownify_glued_section_names_over_bold_run_in_stories_come_apart():
    """A Substack-style table cell flattened by markdownify: section names glued between a paragraph's
    end and each story's bold run-in title, a sentence-case heading glued to a link, one over a list."""
    cell = ("Hello readers,  Three things this week, and more. More reading[The long view on batteries]"
            "(https://b.example/3) " + BODY + "  Field notes **Ports automate their cranes.** " + BODY +
            " ([Harbour Daily](https://h.example/1))  **Satellites get cheaper to insure.** " + BODY +
            " ([Orbit Wire](https://o.example/2))  Odds and ends for the weekend  * [Ferries go electric]"
            "(https://f.example/4) in Norway. * [A lab grew a kidney](https://k.example/5) from stem cells.")
    raw = f"| | |\n| --- | --- |\n| {cell} |\n"
    assert _titles(split_newsletter(raw, "markdown")) == [
        "The long view on batteries", "Ports automate their cranes", "Satellites get cheaper to insure",
        "Ferries go electric in Norway.", "A lab grew a kidney from stem cells."]


def test_beehiiv_picture_lines_in_a_text_part_are_no_story_text():
    raw = "\n".join(["# 📰 **Elsewhere**", "",
                     "View image: (https://media.example/cdn-cgi/image/fit=scale-down,format=auto,onerror=redirect,"
                     "quality=80/uploads/asset/file/44d01171-01af-4b30-a183-a20f370a623b/robot.png?t=1760598584)",
                     "Follow image link: (https://social.example/r/robots/comments/1rb7x2k/safety_first/?utm_source="
                     "newsletter&utm_medium=email&utm_campaign=robots-in-hard-hats)",
                     "Caption: A robot in a hard hat, filed under morale.", "",
                     "* [Ferries go electric in Norway](https://f.example/1) and save money.", "",
                     "* [A lab grew a working kidney](https://k.example/2) from stem cells.", "",
                     "# 🧪 **Research**", "", BODY])
    assert _titles(split_newsletter(raw))[:2] == ["Ferries go electric in Norway and save money.",
                                                 "A lab grew a working kidney from stem cells."]


def test_a_label_line_under_a_linked_headline_is_its_byline():
    papers = [("Routing Small Models Well", "AI Lab: Northgate Institute"), ("Caching Tool Calls For Agents",
              "Authors: Kim and Ortiz"), ("Synthetic Scenes For Vision", "AI Lab: Lakeside University"),
              ("Early Exit For Reasoning", "AI Lab: Corran Labs")]
    lines = [line for n, (title, label) in enumerate(papers)
             for line in (f"{title} [ https://p.example/{n} ]", label, BODY)]
    letter = split_newsletter("\n".join(["📝 Papers"] + lines), "text")
    assert _titles(letter) == [title for title, _ in papers]
    assert letter.items[0].content.startswith("AI Lab: Northgate Institute")


def test_a_rating_polls_emoji_led_answers_are_no_items():
    """'[⭐️ Not for me](url)': an emoji is no word, so a three-word poll answer is no headline."""
    raw = "\n\n".join(["## Ports automate their cranes", BODY, "**How was today's issue?**",
                       "[⭐️⭐️⭐️ Loved it](https://n.example/poll?answer=3)",
                       "[⭐️⭐️ It was fine](https://n.example/poll?answer=2)",
                       "[⭐️ Not for me](https://n.example/poll?answer=1)", "See you tomorrow."])
    assert _titles(split_newsletter(raw, "markdown")) == ["Ports automate their cranes"]


def test_bold_run_in_headlines_without_a_colon_start_items():
    """'<b>Ports automate their cranes</b> The port of ...': a news round-up's bold headline runs into its
    story's first sentence; a bold phrase inside a sentence ('<b>idle capacity</b> to each other') does not."""
    stories = [("Ports automate their cranes at night", "The harbour authority said the change cut waiting times."),
               ("Satellites get cheaper to insure this year", "Underwriters point to better debris tracking data."),
               ("A lab grew a working kidney from stem cells", "The organ filtered blood for three weeks in a pig.")]
    paragraphs = [f"<p><strong>{title}</strong> {text} More detail follows in a second sentence.</p>"
                  for title, text in stories]
    raw = ("<html><body><h2>News from the wire</h2>" + "".join(paragraphs)
           + "<p>Two labs are <strong>subletting their idle capacity</strong> to each other, which is new.</p>"
           + "</body></html>")
    letter = split_newsletter(raw, "html")
    assert _titles(letter) == [title for title, _ in stories]
    assert split_newsletter("\n\n".join(f"**{t}** {x} More detail follows here." for t, x in stories),
                            "markdown").items[1].title == stories[1][0]


def test_a_picture_credit_under_a_headline_is_no_headline_and_no_text_break():
    """'Reuters/Hanna Berg', 'Illustration: Morning Brew' right under an h2 headline: the picture's credit,
    so the headline is still over its text; in a text part the credit line is no title line."""
    credits = ["Reuters/Hanna Berg", "Illustration: Morning Brew", "Ryan Carter/Bloomberg via Getty Images"]
    heads = ["Ports automate their cranes at night", "Satellites get cheaper to insure", "A lab grew a kidney"]
    raw = "".join(f"<h2>{h}</h2><p>{c}</p><p>{BODY}</p>" for h, c in zip(heads, credits))
    assert _titles(split_newsletter(f"<html><body>{raw}</body></html>", "html")) == heads
    text = "\n\n".join(f"{h}\n{c}\n\n{BODY}" for h, c in zip(heads, credits))
    assert not set(credits) & set(_titles(split_newsletter(text, "text")))


def test_a_storys_short_bold_subheads_stay_in_it_and_a_label_over_links_ends_it():
    """Under an h2 headline, '<b>The News</b>', '<b>Room for Disagreement</b>' are the story's sub-heads; a
    short name over a list of whole links ('Hot on the site') ends the story, and the links are items."""
    story = (f"<h2>Ports automate their cranes at night</h2><p><b>The News</b></p><p>{BODY}</p>"
             f"<p><b>Room for Disagreement</b></p><p>{BODY}</p>")
    links = "".join(f'<li><a href="https://s.example/{n}">{t}</a></li>' for n, t in
                    enumerate(["Gulf funds are buying land in Texas", "Why fintechs are suddenly profitable"]))
    for label in ("<p><b>Hot on the site</b></p>", "<p>Hot on the site</p>"):
        letter = split_newsletter(f"<html><body>{story}{label}<ul>{links}</ul></body></html>", "html")
        assert _titles(letter) == ["Ports automate their cranes at night", "Gulf funds are buying land in Texas",
                                   "Why fintechs are suddenly profitable"]
        assert "Room for Disagreement" in letter.items[0].content


def test_a_capitals_label_before_a_short_phrase_names_a_quick_hit():
    """'➚ MOVE FAST: Robot lawn mowers. Sales ...': the phrase after a label in capitals is the quick hit's
    title, the label no part of it; a capitals label before a whole sentence is no title."""
    raw = "\n\n".join(["**Up and down**", f"➚ RISING: Robot lawn mowers. {BODY}", f"➘ FALLING: Password managers. {BODY}",
                       f"NOTE: The office is closed on Monday and the team is away. {BODY}"])
    for fmt, body in (("markdown", raw), ("html", "".join(f"<p>{p}</p>" for p in raw.split("\n\n")))):
        assert _titles(split_newsletter(body, fmt)) == ["Robot lawn mowers", "Password managers"]


def test_a_text_parts_list_line_with_a_footnoted_link_is_titled_by_its_anchor():
    """'* Ports automate their cranes [2], the third ... (Wire [3])' over a 'Links:' list: the anchor before
    the '[n]' is the item's title and the footnote its URL, also where the list line wraps."""
    raw = "\n".join(["4. Odds and ends", "", "* Ports automate their cranes at night [1], the third this year. (Wire [2])",
                     "", "* Satellites are getting cheaper to insure [3] as debris tracking", "  improves. (Orbit [4])",
                     "", "", "Links:", "------"] + [f"[{n}] https://w.example/{n}" for n in range(1, 5)])
    letter = split_newsletter(raw, "text")
    assert _titles(letter) == ["Ports automate their cranes at night", "Satellites are getting cheaper to insure"]
    assert [item.url for item in letter.items] == ["https://w.example/1", "https://w.example/3"]


def test_a_byline_row_with_a_view_in_browser_link_does_not_end_the_post_under_it():
    """Ghost: the post's linked title, then 'By Maya Levin • Jun 11, 2026 View in browser', then the post."""
    raw = ('<p><a href="https://p.example"><b>Platform Notes</b></a></p>'
           '<p><a href="https://p.example/post"><b>The chatbot that would not stop agreeing</b></a></p>'
           '<p>By Maya Levin • Jun 11, 2026 <a href="https://p.example/web">View in browser</a></p>'
           f"<p>{BODY}</p><p>{BODY}</p><h2>Governing</h2>"
           '<ul><li><a href="https://n.example/1">The FTC opened an inquiry into companion apps</a> and more.</li></ul>')
    assert _titles(split_newsletter(raw, "html"))[0] == "The chatbot that would not stop agreeing"


def test_a_cell_led_by_a_bold_label_leaves_the_next_cells_heading_a_heading():
    """markdownify: '**The bottom line:** ...' is a paragraph of the story above, not a headline whose caption
    is the next cell, so the numbered phrase after it is the next story's lost heading."""
    cells = ["1. Ports automate their cranes", BODY, f"**The bottom line:** {BODY}",
             "2. Satellites get cheaper to insure", BODY]
    raw = "| | |\n| --- | --- |\n| " + " | ".join(cells) + " |\n"
    assert _titles(split_newsletter(raw, "markdown")) == ["Ports automate their cranes",
                                                         "Satellites get cheaper to insure"]


def test_an_advertisement_label_over_a_banner_does_not_flag_the_first_story():
    """'Advertisement' over a banner at the top, then the letter's running text: the ad was the banner, so
    the first story after the letter is no sponsor's."""
    raw = (f"<p>Advertisement</p><p><img src='https://a.example/banner.png'></p><p>{BODY}</p>"
           f"<h1>Ports automate their cranes at night</h1><p>{BODY}</p>"
           f"<p>Sponsored</p><h1>Try the fastest expense tool</h1><p>{BODY}</p>")
    letter = split_newsletter(raw, "html")
    assert [(item.title, item.sponsored) for item in letter.items] == [
        ("Ports automate their cranes at night", False), ("Try the fastest expense tool", True)]


def test_a_bold_label_ending_in_a_colon_over_a_list_is_no_headline():
    """'**This Week in the Digest:**' over a bulleted teaser list: the list's label, not a story; a bold
    headline ending in a colon over paragraphs still is one."""
    raw = "\n\n".join(["**This Week in the Digest:**", "* Wednesday / AI 101 series: what a router model routes",
                       "* Friday / Interview – building evals that survive contact with users",
                       "**Berkeley researchers cut the cost of robot models:**", BODY])
    assert _titles(split_newsletter(raw, "markdown")) == ["Berkeley researchers cut the cost of robot models"]


def test_a_markdownify_cell_naming_a_list_of_links_is_its_heading():
    """'5. Odds and ends' in a cell over a cell of linked list items ('* [Ports ...](url) today. * [...]'): the
    list's lost heading, so the links are items, not text of the story in the cells above."""
    links = " ".join(f"* [{t}](https://w.example/{n}) this week." for n, t in
                     enumerate(["Ports automate their cranes at night", "Satellites get cheaper to insure"]))
    cells = ["4. A lab grew a working kidney", BODY, "5. Odds and ends", links]
    raw = "| | |\n| --- | --- |\n| " + " | ".join(cells) + " |\n"
    assert _titles(split_newsletter(raw, "markdown"))[1:] == ["Ports automate their cranes at night this week.",
                                                             "Satellites get cheaper to insure this week."]
