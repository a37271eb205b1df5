"""A blog's digest email (its latest posts, each under a linked heading with its date, sub-heads
inside a post, then short entries led by a type label and a date) in the forms a reader gets it: the
HTML itself, and its Markdown as html2text and markdownify write it and as an agent exports it. The
email is written here (a gardening blog, other words and shapes than the fixture corpus) and
converted by the real converters."""

import html2text
import markdownify
import pytest

from newsletters import split_newsletter

POSTS = ["Why my tomatoes split after the rain", "A cheap frame for climbing beans"]
ENTRIES = ["The county seed library reopens", "Slugs prefer lettuce to kale, says a trial"]
PARAGRAPH = ("The fruit had been fine all week, and then one night of heavy rain undid it: the skins could not "
             "stretch as fast as the plants drank, so half the truss cracked open by morning.")

HTML = f"""<html><body>
<h1>{POSTS[0]}</h1>
<p>In this issue: two posts and two links.</p>
<h3><a href="https://garden.example/2026/may/tomatoes">{POSTS[0]}</a> - 2026-05-11</h3>
<p>{PARAGRAPH}</p>
<h4>What I changed</h4>
<p>Deeper watering twice a week instead of a little every day, and a mulch of straw over the roots.</p>
<h4>What happened next</h4>
<p>No split fruit since, though the summer has been dry, so the test is not over yet by any means.</p>
<h3><a href="https://garden.example/2026/may/bean-frame">{POSTS[1]}</a> - 2026-05-12</h3>
<p>Six hazel poles, garden twine and an afternoon: the frame cost less than a packet of seeds and took the
weight of the beans without leaning at all through the first storm of the season.</p>
<p><b>Link</b> 2026-05-12 <b><a href="https://seeds.example/library">{ENTRIES[0]}</a></b>:</p>
<p>After a year closed, the library lends seeds again on Saturdays; bring back what you save in autumn.</p>
<p><b>Link</b> 2026-05-13 <b><a href="https://trials.example/slugs">{ENTRIES[1]}</a></b>:</p>
<p>A small allotment trial found slugs left kale alone when lettuce grew nearby, which is a mixed blessing.</p>
</body></html>"""


def _html2text(html: str) -> str:
    return html2text.html2text(html)


def _markdownify(html: str) -> str:
    return markdownify.markdownify(html, heading_style="ATX")


def _agent_export(html: str) -> str:
    """As an agent's Markdown export writes it: ATX headings, '**' for bold."""
    return markdownify.markdownify(html, heading_style="ATX", strong_em_symbol="*")


@pytest.mark.parametrize("convert", [lambda h: h, _html2text, _markdownify, _agent_export],
                         ids=["html", "html2text", "markdownify", "md"])
def test_a_blog_digest_gives_one_item_per_post_and_entry(convert):
    items = split_newsletter(convert(HTML)).items
    assert [i.title for i in items] == POSTS + ENTRIES
    first = items[0]
    # the post's date line keeps the post open, its sub-heads are its own text, not items
    assert first.url == "https://garden.example/2026/may/tomatoes"
    assert "What I changed" in first.content and "No split fruit since" in first.content
    assert items[2].url == "https://seeds.example/library"


def test_the_post_title_repeated_as_a_linked_heading_over_its_text_is_the_first_post():
    """The email's h1 is the first post's title; the same title again as a linked heading with the
    post under it is that post (a masthead's repeat has a subtitle or a byline under it instead)."""
    assert split_newsletter(HTML).items[0].title == POSTS[0]


def test_a_sub_head_with_a_link_of_its_own_is_still_a_headline():
    html = HTML.replace("<h4>What happened next</h4>",
                        '<h4><a href="https://garden.example/beans">Beans that climb on their own</a></h4>')
    titles = [i.title for i in split_newsletter(html).items]
    assert "Beans that climb on their own" in titles and "What I changed" not in titles


def test_a_sponsor_label_ranked_below_a_story_still_flags_the_next_one():
    """A label over each story at a lower rank than the stories' headings (beehiiv): the sponsor's is
    no sub-head of the story above it."""
    html = (f'<h3><a href="https://a.example/1">Allotments get a waiting list app</a></h3><p>{PARAGRAPH}</p>'
            '<h6>TOGETHER WITH ROOTWELL</h6>'
            f'<h3><a href="https://rootwell.example">Rootwell sensors tell you when to water</a></h3><p>{PARAGRAPH}</p>'
            f'<h6>WILDLIFE</h6><h3><a href="https://a.example/2">Hedgehog counts rise in towns</a></h3><p>{PARAGRAPH}</p>')
    items = split_newsletter(html).items
    assert [(i.title, i.sponsored) for i in items] == [
        ("Allotments get a waiting list app", False), ("Rootwell sensors tell you when to water", True),
        ("Hedgehog counts rise in towns", False)]


def test_a_date_under_a_masthead_name_is_not_a_post_date():
    """A linked masthead name over the issue's date (no heading) opens no item with the letter's text."""
    html = ('<p><a href="https://garden.example">The Garden Letter</a></p><p>Monday, May 11, 2026</p>'
            f'<p>{PARAGRAPH}</p><h2>Frost warnings for the north</h2><p>{PARAGRAPH}</p>')
    assert [i.title for i in split_newsletter(html).items] == ["Frost warnings for the north"]
