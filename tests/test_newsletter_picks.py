"""Shapes read after the seventeenth blind set's first score (0.605/0.462 on 1da58bb), each on a letter written here
(other words, names and topics than the set's): a section's heading over a paragraph opened by a bold whole
sentence, twice or more, makes each sentence a story's title in that section; the teaser list whose leads only
name those sections goes (and the learned reader, titling the stories by their section headings, agrees with the
rules); the writer's own posts tagged '(FREE)' / '(PAID)' are no stories; a curator's picks, each paragraph with
one link inside its running text, are titled by their links' words; '... habit. Sponsored' flags its paragraph;
an events listing is the house's; a story's section label over the next picture's credit is no story."""

import html2text
import pytest

from newsletters import split_newsletter
from newsletters.html import html_blocks

CATEGORIES = [("Markets", "Harbour cranes are the new bellwether.", "Port operators ordered more cranes this spring "
               "than in any year since 2019, and the orders come with deposits."),
              ("Policy", "Three cities cap delivery robots on pavements.", "The caps take effect in August and limit "
               "each operator to two hundred machines per district."),
              ("Work", "Court reporters sign the first transcription clause.", "The agreement pays members when their "
               "archived transcripts are used to train speech models."),
              ("Culture", "A museum lets visitors vote on what gets restored.", "The winning painting this year was a "
               "small harbour scene that had sat in storage since 1961.")]


def _weekly() -> str:
    glance = "".join(f"<li><p><strong>{c}:</strong> {s.rstrip('.').lower()} and more.</p></li>" for c, s, _ in CATEGORIES)
    stories = "".join(f"<h3><strong>{c}</strong></h3><p><strong>{s}</strong> {t}</p><p>More on this next week, with "
                      "numbers from the people who run the machines and the people who pay for them.</p>"
                      for c, s, t in CATEGORIES)
    return ("<html><body><h1><a href='https://bridge.example/p/picks-41'>Weekly Picks #41</a></h1>"
            "<h2><strong>MY WEEK</strong></h2><ul><li><p><a href='https://bridge.example/p/a'>(FREE) Why I stopped "
            "predicting: a note on humility</a></p></li><li><p><a href='https://bridge.example/p/b'>(PAID) A guide to "
            "reading earnings calls: five habits</a></p></li></ul><h2><strong>THE WEEK AT A GLANCE</strong></h2>"
            f"<ul>{glance}</ul>{stories}<p>That is all for this week.</p></body></html>")


@pytest.mark.parametrize("convert", [lambda h: h, html2text.html2text], ids=["html", "html2text"])
def test_a_sections_heading_over_a_bold_sentence_titles_the_story_by_the_sentence(convert):
    letter = split_newsletter(convert(_weekly()))
    assert [(i.title, i.section) for i in letter.items] == [(s.rstrip("."), c) for c, s, _ in CATEGORIES]


def test_the_writers_own_posts_tagged_free_or_paid_are_no_stories():
    assert not any(i.title.startswith(("(FREE)", "(PAID)")) for i in split_newsletter(_weekly()).items)


PICKS = [("Ana Lima wrote about", "queues that drain themselves overnight", "with a small worker and an alarm on "
          "the oldest message rather than the count."),
         ("The team at Northwind shared", "a field guide to warm starts and their bills", "that shows when keeping "
          "functions warm pays for itself. Sponsored"),
         ("Tom Reyes compares", "three ways to retry without a stampede", "with charts of what the partner API saw.")]


def test_a_curators_picks_are_titled_by_the_link_inside_each_paragraph():
    body = "".join(f"<p>{lead} <a href='https://example.org/{n}'>{link}</a> {rest}</p>"
                   for n, (lead, link, rest) in enumerate(PICKS))
    raw = f"<html><body><h1>Issue #12</h1><h2>Picks of the week</h2>{body}<p>Happy coding!</p></body></html>"
    letter = split_newsletter(raw)
    assert [(i.title, i.url, i.sponsored) for i in letter.items] == [
        (link, f"https://example.org/{n}", "Sponsored" in rest) for n, (_, link, rest) in enumerate(PICKS)]
    assert "with a small worker" in letter.items[0].content


def test_one_paragraph_with_a_link_inside_is_no_pick_and_a_quick_hit_is_read_as_before():
    blocks, _ = html_blocks("<p>Ana Lima wrote about <a href='https://example.org/a'>queues that drain themselves "
                            "overnight</a> with a small worker and an alarm on the oldest message.</p>"
                            "<p>Nothing else to report this week, apart from the weather, which was kind.</p>")
    assert [b.link_only for b in blocks] == [False, False]
    hits, _ = html_blocks("".join(f"<p><b>Firm {n}</b> <a href='https://example.org/{n}'>raised money for its "
                                  f"warehouse robots</a> from three funds, it said on Monday.</p>" for n in range(3)))
    assert not any(b.link_only for b in hits)


def test_an_events_listing_and_a_stories_section_label_over_the_next_credit_are_no_items():
    stories = [("Schools were built to keep heat in", "Education", "Shutterstock/Ana Berg"),
               ("Night buses return to three cities", "Transport", "Getty Images/Tom Ash"),
               ("Allotments become climate laboratories", "Environment", "")]
    body = "".join(f"<p><a href='https://example.org/{n}'><b>{t}</b></a></p><p>Jo Park, University of Leeds</p>"
                   f"<p>What the research says about a question many readers have asked us this summer.</p>"
                   f"<p><a href='https://example.org/s/{n}'>{label}</a></p>" + (f"<p>{credit}</p>" if credit else "")
                   for n, (t, label, credit) in enumerate(stories))
    raw = (f"<html><body><h2>Top stories</h2><p>Alamy/Ruth Oka</p>{body}<h2>Featured events</h2>"
           "<p><a href='https://example.org/e1'><b>Heat and health: a public lecture</b></a></p><p>1 July, online</p>"
           "<p><a href='https://example.org/e2'><b>Science in the pub: Leeds</b></a></p><p>9 July, Leeds</p>"
           "</body></html>")
    titles = [i.title for i in split_newsletter(raw).items]
    assert titles[:3] == [t for t, _, _ in stories]
    assert not {"Education", "Transport", "Heat and health: a public lecture", "Science in the pub: Leeds"} & set(titles)



def test_a_text_parts_capitals_run_ins_and_a_sponsors_message_run_in_are_read_as_the_html_parts():
    """POLITICO-style text part: 'HARBOUR ROBOTS GET A PERMIT: The port authority ...' opens each story (bold in the
    HTML part), '**A message from Quayline: Cranes that call home. ...**' is the sponsor's paragraph; a label in
    capitals ('QUICK NOTE: ...', two words) and a sub-label in sentence case ('Why it matters: ...') stay text."""
    stories = ["HARBOUR ROBOTS GET A PERMIT", "CLOUD CREDITS FACE AN AUDIT", "SPECTRUM RULES LEAK EARLY"]
    raw = ("Morning Ports\n\nQUICK NOTE: We are off on Friday, back on Monday with more.\n\n"
           + "\n\n".join(f"{s}: The port authority said on Tuesday that it had approved the plan after a long review "
                         "by three committees.\n\nWhy it matters: Other ports watch this case closely, and two of them "
                         "have similar requests pending." for s in stories[:2])
           + "\n\n**A message from Quayline: Cranes that call home. Quayline's sensors report every lift to the "
             "harbour office in real time. Learn how at quayline.example.**\n\n"
           + f"{stories[2]}: A draft of the auction rules reached reporters a week before the vote, and the bidders "
             "are not pleased.\n")
    items = split_newsletter(raw, "text").items
    assert [(i.title, i.sponsored) for i in items if i.title != "Morning Ports"] == [
        (stories[0], False), (stories[1], False), ("Cranes that call home", True), (stories[2], False)]
