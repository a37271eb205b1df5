"""Shapes read after the fifteenth blind set's first score, each on a letter written here (other words, names and
languages than the set's): briefs opened by a bold first sentence under a masthead and the line that introduces the
day's notes, with capitals outside ASCII; an issue's h1 title over the line naming what else is inside; the house's
own columns (a tip, a poll, a call for collaborators); two headings markdownify glued into one word; a sponsor
credited over the editor's note at the top, and a magazine's 'Sponsor Content Provided by' over its paid story."""

import html2text
import markdownify
import pytest

from newsletters import split_newsletter
from newsletters.flattened import cell_lines
from newsletters.markdown import unconvert
from newsletters.patterns import NOISE

REST = ("Radnice to oznámila po dlouhém jednání a opozice slibuje, že se k věci vrátí na příštím zastupitelstvu. "
        "Podrobnosti najdete v článku naší reportérky.")


def _titles(raw: str) -> list[tuple[str, bool]]:
    return [(item.title, item.sponsored) for item in split_newsletter(raw).items]


@pytest.mark.parametrize("convert", [lambda h: h, html2text.html2text,
                                     lambda h: markdownify.markdownify(h.replace("<body>", "<body><table><tr><td>"))],
                         ids=["html", "html2text", "markdownify in a layout table"])
def test_briefs_opened_by_a_bold_sentence_under_the_masthead_and_an_intro_line_are_the_stories(convert):
    """Under a bold masthead, a date line and one italic sentence introducing the notes (running text, but no
    story's heading above it: no essay), each paragraph opened by a bold sentence is a story, titled by it; a
    sentence after it that opens with a capital outside ASCII ('Žatecko ...', 'Ústí ...') runs on as text, and in
    markdownify's one-line cell no heading is cut out of it ('**... Labe otevřou v září.** V Nové Vsi u ...')."""
    briefs = [("Vodárny zdraží od ledna.", "Žatecko"), ("Nový most přes Labe otevřou v září.", "V Nové Vsi u Ústí"),
              ("Knihovny půjčují i nářadí.", "Čtenáři"), ("Kolik stojí nová plovárna?", "Šumperk")]
    body = "".join(f"<p><strong>{lead}</strong> {first} {REST}</p>" for lead, first in briefs)
    raw = convert("<html><body><p><b>Večerník Z</b></p><p>čtvrtek 9. července 2026</p>"
           "<p><i>Co dnešek přinesl a o čem jsme psali, do večerníku poznamenal Petr Novák.</i></p>"
           f"{body}<p>🎧 Poslechněte si také dnešní díl našeho podcastu.</p></body></html>")
    assert [t for t, _ in _titles(raw)][-4:] == [lead.rstrip(".") for lead, _ in briefs]


def test_an_issues_h1_over_the_line_naming_what_else_is_inside_is_no_story():
    stories = [("Quiet rooms sell better than ever", "Headphone makers now advertise the silence they make."),
               ("A bike lock that knows your phone", "A startup built a lock that opens for one phone only."),
               ("Your notes start talking back", "Note apps link what you wrote last year to what you write today.")]
    body = "".join(f"<p><strong>{t}.</strong> {d} Makers say the trend will last, and buyers seem to agree.</p>"
                   for t, d in stories)
    raw = ("<html><body><h1>Silence is the new luxury</h1><p>Plus: a bike lock that knows your phone, and notes that "
           "talk back.</p><p>Every Friday we send you five things to make your weekend better, picked by the two of us "
           f"from what we tried this week.</p>{body}</body></html>")
    assert [t for t, _ in _titles(raw)] == [t for t, _ in stories]


@pytest.mark.parametrize("column", ["AI Tip of the Day", "Poll of the week!", "Collaboration Opportunities"])
def test_the_houses_own_columns_are_no_items(column):
    raw = ("<html><body><h2>What we read</h2>"
           "<h3>Eval sets leak into training data more often than you think</h3><p>A team reran three benchmarks "
           "with paraphrased questions and watched the scores fall by a tenth.</p>"
           f"<h3>{column}</h3><p>When you compare two models, run both on a handful of your own examples before you "
           "trust any leaderboard; share what you find in the thread.</p>"
           "<h2>Papers</h2><h3>Long inputs still lose their middle</h3><p>Models read the start and the end of a long "
           "document well and skim what lies between, a new study finds.</p></body></html>")
    assert [t for t, _ in _titles(raw)] == ["Eval sets leak into training data more often than you think",
                                            "Long inputs still lose their middle"]


def test_two_headings_markdownify_glued_into_one_word_are_two_headings():
    """'... the thread! Reader Corner SectionPick of the week **[Title](url)**': a section's heading and its first
    sub-head, written bare in one cell with no space between; names such as 'GitHub' are one word."""
    lines = cell_lines("Reach out in the thread if that is you! Reader Corner SectionPick of the week "
                       "**[Why long prompts cost more than you think](https://r.example/a)** By Ana Ruiz. How the "
                       "price of a prompt grows with its length, and what caching saves.")
    assert "## Reader Corner Section" in lines and "## Pick of the week" in lines
    assert not any(line.startswith("#") for line in cell_lines("We moved our code to GitHub Enterprise "
                                                                "**[A guide to the move](https://r.example/b)** today."))


def test_a_sponsor_credited_over_the_editors_note_flags_no_story_and_sponsor_content_flags_its_own():
    story = "<h3><a href='https://m.example/{n}'>{t}</a></h3><p>{d} The finding surprised the team that made it.</p>"
    stories = [("Sea ice thins from below", "Warmer currents melt the ice from underneath.", False),
               ("Crows remember faces for years", "Birds scolded the people who had caught them.", False),
               ("Hike the old salt road with a historian", "Eight days on foot, small groups, country inns.", True),
               ("Why your kettle scales up", "Hard water leaves minerals behind each time it boils.", False)]
    body = "".join(("<p>Sponsor Content Provided by Larkspur Journeys</p>" if paid else "")
                   + story.format(n=n, t=t, d=d) for n, (t, d, paid) in enumerate(stories))
    raw = ("<html><body><p><a href='https://m.example/web'>View in web browser</a></p><h2>Sponsored by Larkspur "
           "Journeys</h2><p>This week, sea ice melts from below, crows hold grudges and a kettle tells on your water. "
           "Enjoy the issue, and write back with what you liked.</p>" f"{body}</body></html>")
    assert _titles(raw) == [(t, paid) for t, _, paid in stories]
    assert NOISE.search("View in web browser")


PICKS = [("Counting Swifts", "Helen Carrow | Granta | 6th July 2026",
          "Every July a small group of volunteers in Oxford counts the swifts returning to a tower, as others have done "
          "since 1948. The numbers are falling; the count has become a vigil, and a data set scientists rely on (2,890 words)"),
         ("What The Lighthouse Keepers Knew", "Sean Lyle | Irish Times | 4th July 2026",
          "Before automation, keepers logged fog, wrecks and passing whales in the same book. Their records show a coast "
          "changing faster than expected (1,740 words)"),
         ("The Economics Of A Village Bakery", "Priya Raman | The Guardian | 3rd July 2026",
          "A baker opened her books to explain why a loaf costs what it does: flour, power, rent and the hours nobody "
          "counts (2,210 words)")]


@pytest.mark.parametrize("convert", [lambda h: h, html2text.html2text, markdownify.markdownify],
                         ids=["html", "html2text", "markdownify"])
def test_a_pick_whose_title_the_preheader_repeats_is_an_item_over_its_credit_and_comment(convert):
    """A reading list's picks (a bold linked title, 'Author | Publication | date', a comment ending in its length):
    the first pick's title is the issue's subject and preheader too, which converters write first. Over a credit and
    a comment (not a one-sentence dek) it is the first pick, in every form; the credit's date goes on the pick."""
    cells = "".join(f'<tr><td><p><strong><a href="https://b.example/{n}">{t}</a></strong></p><p>{c}</p><p>{d}</p>'
                    "</td></tr>" for n, (t, c, d) in enumerate(PICKS))
    html = (f'<html><head><title>{PICKS[0][0]}</title></head><body><div style="display:none">{PICKS[0][0]}</div>'
            '<table><tr><td><p><b>The Reading Room</b></p><p>By Ana Lind • 9 Jul 2026 • <a href="https://b.example/web">'
            f"View in browser</a></p></td></tr>{cells}</table></body></html>")
    letter = split_newsletter(convert(html))
    assert [item.title for item in letter.items] == [t for t, _, _ in PICKS]
    assert "swifts returning" in letter.items[0].content


def test_an_italic_credit_line_with_bars_is_no_table_row():
    raw = f"**[{PICKS[0][0]}](https://b.example/0)**\n\n*{PICKS[0][1]}*\n\n{PICKS[0][2]}\n"
    assert f"*{PICKS[0][1]}*" in unconvert(raw).split("\n")
