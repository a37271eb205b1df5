"""The Markdown reader's rules for what converters do to email layouts, each on an email written here
(other words and shapes than the fixture corpus) and converted by the real converter, markdownify
with its defaults as an agent or mail tool calls it: inside a layout table it writes headings as bare
text glued to the paragraph under them, keeps only the bold of an emoji-led heading, and writes a
linked picture as its alt text."""

import re

import markdownify
import pytest

from newsletters import split_newsletter
from newsletters.flattened import cell_lines, vocabulary

BODY = ("The survey covered 1,200 households in four provinces and found that the change held in every "
        "region, though rural towns saw a smaller effect than the cities did.")


def _markdownify(body: str, title: str = "Weekly notes") -> str:
    """An email's HTML, its content in the cells of a layout table nested in another under a 'View
    online' link, as email templates put it (a line break after each block, as they write them)."""
    html = (f"<html><head><title>{title}</title></head><body><table><tr><td>"
            f'<p><a href="https://news.example/view">View online</a></p></td></tr><tr><td><table><tr><td>{body}'
            "</td></tr></table></td></tr></table></body></html>")
    return markdownify.markdownify(re.sub(r"(</(?:p|h\d|ul|ol|li|td|tr)>|<hr>)(?=<)", "\\1\n", html))


def _titles(raw: str, fmt: str | None = None) -> list[str]:
    return [item.title for item in split_newsletter(raw, fmt).items]


def test_a_one_word_cell_over_a_list_of_links_is_the_lists_heading():
    links = "".join(f'<li><a href="https://r.example/{n}">{title}</a> and more on what it means.</li>'
                    for n, title in enumerate(["Ferries in Oslo switch to batteries", "A canal town bans jet skis",
                                               "Rail fares fall for a summer"]))
    raw = _markdownify(f"<p><b>Buses get a second life as clinics</b></p></td></tr><tr><td><p>{BODY}</p></td></tr>"
                       f"<tr><td><h3>Transport</h3></td></tr><tr><td><ul>{links}</ul>")
    assert _titles(raw) == ["Buses get a second life as clinics"] + [f"{t} and more on what it means." for t in (
        "Ferries in Oslo switch to batteries", "A canal town bans jet skis", "Rail fares fall for a summer")]


def test_a_posts_title_over_its_byline_heads_the_post_when_the_page_title_repeats_it():
    """markdownify writes the page's <title> first; the post's linked title comes again under the
    masthead. Over a 'By ...' byline it is the post's one story, as the HTML reader finds it."""
    title = "Why small towns lose their newspapers"
    raw = _markdownify(f'<p><a href="https://p.example/">The Paper Trail</a></p></td></tr><tr><td>'
                       f'<p><a href="https://p.example/towns">{title}</a></p></td></tr><tr><td>'
                       f'<p>By Ana Lind • Mar 2, 2026 <a href="https://p.example/towns">View in browser</a></p>'
                       f"</td></tr><tr><td><p>{BODY}</p><p>{BODY}</p>", title=title)
    letter = split_newsletter(raw)
    assert [item.title for item in letter.items] == [title]
    assert BODY[:40] in letter.items[0].content


def test_an_emoji_and_bold_heading_in_a_cell_is_a_heading_and_a_section_over_its_list():
    tools = "".join(f'<li><a href="https://t.example/{n}">{name}</a> sorts your receipts into folders.</li>'
                    for n, name in enumerate(["Papertrail", "Ledgerly", "Shoebox"]))
    raw = _markdownify(f"<h1><span>🚲 </span><b>Cargo bikes outsell small cars in Ghent</b></h1></td></tr><tr><td>"
                       f"<p>{BODY}</p></td></tr><tr><td><h1><span>🧰 </span><b>Handy things</b></h1></td></tr><tr><td>"
                       f"<p>Picked by the desk this week.</p><ol>{tools}</ol>")
    assert _titles(raw) == ["🚲 Cargo bikes outsell small cars in Ghent", "Papertrail sorts your receipts into folders.",
                            "Ledgerly sorts your receipts into folders.", "Shoebox sorts your receipts into folders."]


def test_an_html_line_of_an_emoji_and_bold_text_is_a_bold_line():
    raw = (f"<html><body><p>🛰️ <b>A weather satellite reaches orbit on its second try</b></p><p>{BODY}</p>"
           f"<p>🌾 <b>Farmers test drones that count seedlings</b></p><p>{BODY}</p></body></html>")
    assert _titles(raw) == ["🛰️ A weather satellite reaches orbit on its second try",
                            "🌾 Farmers test drones that count seedlings"]


def test_a_caption_of_two_sentences_in_a_cell_is_no_lost_heading():
    raw = _markdownify(f"<h2>🏙️ <b>Heat maps show which streets need trees</b></h2></td></tr><tr><td>"
                       f"<p>Map of a city block in summer</p></td></tr><tr><td>"
                       f"<h6>Darker streets run hotter at noon. Source: City Lab</h6></td></tr><tr><td><p>{BODY}</p>")
    assert _titles(raw) == ["🏙️ Heat maps show which streets need trees"]


@pytest.mark.parametrize(("heading", "paragraph", "title"), [
    ("<h2>🧭 Essay: The Map Is Not the Road</h2>", "Maps were the product for a decade, and the roads were an "
     "afterthought.", "🧭 Essay: The Map Is Not the Road"),
    ("<h2>4. Where the savings went</h2>", "Most of the money went to cooling, which nobody had planned for.",
     "4. Where the savings went"),
])
def test_a_heading_glued_to_its_paragraph_in_a_cell_is_cut_off_it(heading, paragraph, title):
    raw = _markdownify(f"<p>{BODY}</p>{heading}<p>{paragraph} {BODY}</p><h2>5. What comes next</h2>"
                       f"<p>Nobody knows yet, and the vendors are not saying much about it either. {BODY}</p>")
    assert title.split()[-1] in raw and f"{title.split()[-1]} {paragraph.split()[0]}" in raw  # glued, as said
    titles = _titles(raw)
    assert title.lstrip("4. ") in " | ".join(titles) and "What comes next" in " | ".join(titles)
    assert not any(paragraph.split()[0] + " " + paragraph.split()[1] in t for t in titles)


def test_a_sponsors_heading_glued_after_its_bold_label_is_the_sponsors_item():
    raw = _markdownify(f"<p>{BODY}</p><hr><p>🔸 <b>From our partner: Quillbase</b></p>"
                       "<h3>Search every contract your team has signed</h3><p>Legal teams lose hours to folders. "
                       "Quillbase reads every contract and answers questions about them in seconds.</p>")
    letter = split_newsletter(raw)
    assert [(i.title, i.sponsored) for i in letter.items] == [("Search every contract your team has signed", True)]


def test_glued_heading_cuts_leave_ordinary_sentences_with_names_alone():
    """A sentence with a name or an acronym in it ('... with UC Berkeley have ...', '... its API since ...')
    and a story's bold linked headline over its dek are no glued heading."""
    for text in ["Researchers with UC Berkeley have shown how to train a robot cheaply.",
                 "Harmonia open-sourced the router that has quietly powered its API since last fall.",
                 "**[A lab in Lyon is hiring](https://x.example/a)** Salaries in San Francisco are still triple.",
                 "**How it works:** The authors fine-tuned a small model on transcripts of support calls."]:
        assert not any(line.startswith("#") for line in cell_lines(text)), text


def test_a_section_name_glued_before_a_bold_linked_headline_opens_its_section():
    stories = "".join(f'<p><b><a href="https://s.example/{n}">{t}</a></b></p><p>{BODY}</p>'
                      for n, t in enumerate(["Skip the dashboard rebuild", "Why your survey needed more replies"]))
    raw = _markdownify(f"<p>Hello! Here are this week's links, picked by hand.</p><h2>Sponsor Message</h2>"
                       f'<p><b><a href="https://ad.example/">One metric layer for every chart</a></b></p><p>{BODY}</p>'
                       f"<h2>Editor's Picks</h2>{stories}")
    letter = split_newsletter(raw)
    assert [(i.title, i.sponsored) for i in letter.items] == [
        ("One metric layer for every chart", True), ("Skip the dashboard rebuild", False),
        ("Why your survey needed more replies", False)]


def test_a_headline_cell_over_a_picture_whose_alt_text_repeats_it_is_a_heading():
    """News templates give a story's picture its headline as alt text; markdownify writes the headline
    cell, then the picture's alt text with its credit ('... Reuters/Ola Berg')."""
    stories = ""
    for n, headline in enumerate(["A ferry line bets on hydrogen. Sailors are unsure.", "Ports ban idling trucks"]):
        stories += (f"<tr><td><p>Shipping</p></td></tr><tr><td><h2>{headline}</h2></td></tr><tr><td>"
                    f'<img src="https://img.example/{n}.jpg" alt="{headline}"> <span>Ola Berg/Nordpress</span>'
                    f"</td></tr><tr><td><p>{BODY}</p></td></tr>")
    raw = markdownify.markdownify(re.sub(r"(</(?:p|h\d|td|tr)>)(?=<)", "\\1\n",
                                         f'<html><body><table><tr><td><p><a href="https://news.example/view">View online</a></p>'
                                         f"</td></tr><tr><td><table>{stories}</table></td></tr></table></body></html>"))
    assert _titles(raw) == ["A ferry line bets on hydrogen. Sailors are unsure.", "Ports ban idling trucks"]


def test_a_linked_pictures_alt_text_over_a_kicker_and_the_headline_to_the_same_place_is_no_item():
    """A publisher's card: the linked picture (markdownify writes its alt text as the link), a kicker cell
    ('SCIENCE'), the linked headline to the same article, its dek. One item, the headline's, without the
    kicker in its text; and an ad server's pixel alt texts and credits ('Image not meant for display',
    'Powered by LiveIntent', 'AdChoices') are no items."""
    cards = ""
    for n, (alt, kicker, headline) in enumerate([("Cranes over a container port at dawn", "TRADE",
                                                 "A port pays ships to arrive later, and queues vanish"),
                                                ("A farmer checking a soil sensor", "FOOD",
                                                 "Soil sensors halve a vineyard's water bill")]):
        url = f"https://news.example/story/{n}"
        cards += (f'<tr><td><a href="{url}"><img src="https://img.example/{n}.jpg" alt="{alt}"></a></td></tr>'
                  f'<tr><td><table><tr><td>{kicker}</td></tr><tr><td><a href="{url}">{headline}</a></td></tr>'
                  f"<tr><td>{BODY}</td></tr></table></td></tr>")
    pixels = ('<tr><td><a href="https://li.example/click?s=1"><img src="https://li.example/p.gif" alt="Image not meant '
              'for display"></a> <a href="https://www.liveintent.com/">Powered by LiveIntent</a> '
              '<a href="https://www.liveintent.com/ad-choices/">AdChoices</a></td></tr>')
    raw = markdownify.markdownify(f"<html><body><table>{pixels}{cards}</table></body></html>")
    letter = split_newsletter(raw)
    assert [item.title for item in letter.items] == ["A port pays ships to arrive later, and queues vanish",
                                                     "Soil sensors halve a vineyard's water bill"], letter.reason
    assert all(not item.content.startswith(("TRADE", "FOOD")) for item in letter.items)


def test_a_cell_led_by_a_bold_question_is_a_label_not_a_headline_cell():
    links = "".join(f'<li><a href="https://b.example/{n}">{t}</a> this week.</li>'
                    for n, t in enumerate(["A drone firm delivers groceries in Leeds", "A bakery chain tests robot ovens"]))
    raw = _markdownify(f"<h2>Printers learn to file receipts</h2></td></tr><tr><td><p>{BODY}</p></td></tr><tr><td>"
                       f"<p><b>Who asked for this?</b> Small offices, it turns out, and they bought a lot.</p>"
                       f"</td></tr><tr><td><p>More news</p></td></tr><tr><td><ul>{links}</ul>")
    assert _titles(raw)[-2:] == ["A drone firm delivers groceries in Leeds this week.",
                                 "A bakery chain tests robot ovens this week."]


def test_an_essays_plain_section_headings_glued_to_their_paragraphs_are_its_items_as_in_html():
    """An essay's <h2> section names in plain words, which markdownify writes glued to the paragraph under them
    with one space ('... what replaced it. Where the night buses went After the depot closed ...'): each cut off
    where the next sentence opens with a word the essay also writes in lower case or a word of the closed
    classes ('After', 'Several', 'First,'), so the Markdown gives the HTML's items."""
    sections = [("Where the night buses went", "After the depot closed, the routes were folded into two daytime lines."),
                ("Why drivers stayed away", "Several drivers described using Waymo as a benchmark for their pay."),
                ("Three fixes the council could try", "First, pay a night premium that matches what apps pay.")]
    html = ("<p>Last winter the city quietly ended its last night bus. I spent a month riding what replaced it.</p>"
            + "".join(f"<h2>{h}</h2><p>{p} {BODY}</p>" for h, p in sections))
    raw = _markdownify(html, "The Night Bus Problem")
    assert "what replaced it. Where the night buses went After the depot" in raw  # glued, as said
    titles = [h for h, _ in sections]
    assert _titles(raw) == titles == _titles(f"<html><head><title>The Night Bus Problem</title></head><body>{html}"
                                             "</body></html>")


@pytest.mark.parametrize("sentence", [
    "Several drivers described using Waymo as a benchmark for their pay, which few of them matched.",  # a name
    "Book a demo this month and Not Boring readers get a discount on their first year.",  # ends capitalised
    "Figure 2: The setup, redrawn and simplified for this post by the author.",  # a caption's label
    "And hit that Like button if you enjoyed this edition of the letter.",  # 'that' ends no heading
    "Executives told Reuters the bottleneck is no longer demand but the packaging tools.",  # two words
])
def test_sentences_stay_text_where_a_plain_heading_might_open(sentence):
    text = f"The quarter closed with more orders than the plant could fill. {sentence} {BODY}"
    common = vocabulary(text + " like boring figure the reuters")  # even where the document writes them so
    assert not any(line.startswith("#") for line in cell_lines(text, common)), sentence


def test_a_bold_section_name_glued_to_its_first_bold_linked_headline_opens_the_section():
    """'... this week. **Robotics** **[A warehouse arm ...](url)**': a section's <h3><b> name, which markdownify
    writes bare and glued to the bold link of the section's first story; the story is no less an item."""
    entries = [("A warehouse arm learns to pack fragile parcels", "It was trained in simulation first."),
               ("Legged robots climb stairs in the dark", "Two labs showed controllers that rely on touch alone.")]
    html = ("<p>Welcome back. Here is what we read this week.</p><h3><b>Robotics</b></h3>"
            + "".join(f'<p><b><a href="https://d.example/{n}">{t}</a></b></p><p>{d} {BODY}</p>'
                      for n, (t, d) in enumerate(entries)))
    raw = _markdownify(html)
    assert "this week. **Robotics** **[A warehouse arm" in raw  # glued, as said
    assert _titles(raw) == [t for t, _ in entries] == _titles(f"<html><body>{html}</body></html>")


def test_a_section_name_before_a_one_word_link_over_its_line_opens_the_section():
    """'Tools [tablefold](url)  Pivots ...': a section's name and its first entry, a project's one-word linked name
    over its line, in one flattened cell; and a spacer paragraph (&nbsp;) between entries is a paragraph break."""
    tools = [("tablefold", "Pivots and reshapes frames in one readable call."),
             ("quietlog", "Logging that counts the repeats it drops."),
             ("snapcfg", "Typed settings from files, flags and the environment.")]
    html = ("<p>This week in tooling.</p><table><tr><td><h2>Tools</h2>"
            + "<p>&nbsp;</p>".join(f'<p><a href="https://t.example/{n}">{n}</a></p><p>{d}</p>' for n, d in tools)
            + "</td></tr></table>")
    raw = _markdownify(html)
    assert "Tools [tablefold](https://t.example/tablefold)  Pivots" in raw
    assert _titles(raw) == [n for n, _ in tools] == _titles(f"<html><body>{html}</body></html>")
    spaced = "Libraries[tablefold](https://t.example/t)  Pivots frames.  \xa0  [quietlog](https://t.example/q)  Logs."
    assert "[quietlog](https://t.example/q)" in cell_lines(spaced)
