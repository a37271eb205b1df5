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
