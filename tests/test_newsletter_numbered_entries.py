"""Shapes first met in the fourteenth blind set's layouts, each on inputs written here (html, and Markdown or a
text part where the shape has one): a numbered list of short paragraphs that are the issue's stories (titled
by their first sentences, a link inside or none), a list's numbers set in blocks of their own over bold-sentence
paragraphs, a kicker in words inside a bold first sentence, stories whose template repeats the same sub-heads
('What's going on here?') under each headline, a partner's logo label over the letter's greeting, a house list
of the newsletter's own episodes, a 'read more' link and a membership appeal in Danish."""

import re

import pytest

from newsletters import split_newsletter
from newsletters.blocks import Block
from newsletters.learn.reader import learned_split

FOOTER = "You are receiving this because you subscribed. Unsubscribe here."
ENTRIES = [
    ("I rebuilt the garden gate.", " It took two weekends and a borrowed saw, and it still sticks in the rain."),
    ("Library cards are underrated.", " Ours now lends telescopes, seed packets and a sewing machine by the hour."),
    ("Reading: a 1950s field guide to clouds with a stranger's notes in pencil.", " The notes are better than the book."),
    ("Ear candy: a brass band from New Orleans that plays only at weddings and at funerals, recorded on a porch.", ""),
    ("A reminder I needed.", " You do not have to finish everything you start; some projects only teach you the next."),
]
TITLES = [title.rstrip(".") for title, _ in ENTRIES]


def _key(title: str) -> str:
    return re.sub(r"\W", "", title.casefold())


def _titles(letter) -> list[str]:
    return [_key(item.title) for item in letter.items]


# -- a numbered list of short paragraphs, the issue's stories ----------------------------------------------------

def _entries_html() -> str:
    items = "".join(f"<li>{title}{rest}</li>" if n != 1 else
                    f"<li><a href='https://library.example.org/things'>{title[:-1]}</a>.{rest}</li>"
                    for n, (title, rest) in enumerate(ENTRIES))
    return ("<html><body><h1>The Weekly Ten</h1><p>Hey all,</p><p>School is out, the studio is full of Lego and my "
            "writing hours have moved to five in the morning. The birds are louder than the kids at that hour.</p>"
            f"<p>Here are 5 things I thought were worth sharing this week:</p><ol>{items}</ol>"
            f"<p>Until next week,</p><p>{FOOTER}</p></body></html>")


def _entries_markdown(tight: bool) -> str:
    sep = "\n" if tight else "\n\n"
    lines = sep.join(f"{n}. {title}{rest}" for n, (title, rest) in enumerate(ENTRIES, 1))
    return ("# The Weekly Ten\n\nHey all,\n\nSchool is out, the studio is full of Lego and my writing hours have moved "
            "to five in the morning. The birds are louder than the kids at that hour.\n\n"
            f"Here are 5 things I thought were worth sharing this week:\n\n{lines}\n\nUntil next week,\n\n{FOOTER}\n")


@pytest.mark.parametrize("form", ["html", "markdown-tight", "markdown-loose"])
def test_a_numbered_list_of_short_paragraphs_is_the_issues_stories(form):
    """Five list entries, each a short paragraph opened by a short sentence (one with a link inside it, one a
    single sentence), right under the line that announces them: five items titled by their first sentences
    (they were lost: an unlinked list entry starts no item, and with no item open its text went nowhere)."""
    raw = _entries_html() if form == "html" else _entries_markdown(form == "markdown-tight")
    letter = split_newsletter(raw, "html" if form == "html" else "markdown")
    assert _titles(letter) == [_key(t) for t in TITLES], letter.reason
    assert "borrowed saw" in letter.items[0].content


def test_a_numbered_list_inside_a_story_stays_the_storys():
    """The same list under a story's headline and its running text is that story's: no item of its own."""
    items = "".join(f"<li>{title}{rest}</li>" for title, rest in ENTRIES)
    raw = ("<html><body><h2>What a year of repairs taught a small town</h2><p>The repair café in Dunmore has fixed "
           "1,400 things since it opened last June, from toasters to a church organ, and its volunteers kept notes on "
           "every one of them.</p><p>The volunteers' notes, in short:</p>"
           f"<ol>{items}</ol><h2>A ferry line returns after thirty years</h2><p>The crossing to Kell Island reopens "
           f"in May with two electric boats and a timetable built around the school day.</p><p>{FOOTER}</p></body></html>")
    letter = split_newsletter(raw)
    assert _titles(letter) == [_key("What a year of repairs taught a small town"),
                               _key("A ferry line returns after thirty years")]
    assert "borrowed saw" in letter.items[0].content


def test_a_table_of_contents_of_one_sentence_entries_is_no_list_of_stories():
    """A numbered list of one-sentence teasers over the stories under their own headings (a table of contents):
    the headings are the items, the teasers none."""
    raw = ("<html><body><p>Hi Reader, here is what you need to know today in three minutes.</p><ol>"
           "<li>A shipping giant said container rates are falling faster than anyone expected this summer.</li>"
           "<li>Japan's central bank held rates and hinted that it is in no hurry to move again.</li>"
           "<li>A chip maker's shares jumped after it raised its forecast for the rest of the year.</li></ol>"
           + "".join(f"<h1>{h}</h1><p>{p}</p>" for h, p in (
               ("Box Office Blues", "A major container line warned that freight rates are sliding as new ships arrive."),
               ("Hold Your Horses", "Japan's central bank left rates alone and asked for more wage data first."),
               ("Chip Cheer", "A chip maker raised its forecast, and its shares rose by a tenth in early trading.")))
           + f"<p>{FOOTER}</p></body></html>")
    letter = split_newsletter(raw)
    assert _titles(letter) == [_key("Box Office Blues"), _key("Hold Your Horses"), _key("Chip Cheer")]


# -- a list's numbers in blocks of their own ----------------------------------------------------------------

BRIEFS = [("Regeringen udskyder aftalen om grøn skattereform.", " Forhandlerne mødes igen efter sommerferien, og "
           "partierne er stadig uenige om afgiften."),
          ("Ny undersøgelse: Hver tredje dansker har droppet sit avisabonnement.", " Især de unge læser nyheder "
           "gratis på telefonen, viser tallene."),
          ("Vandværker advarer mod pesticidrester i flere boringer.", " Der er fundet rester i 46 nye boringer "
           "siden januar, og foreningen vil have hurtigere regler.")]


def _numerals_html() -> str:
    rows = "".join(f"<tr><td><div style='font-size:34px'>{n}</div><p><strong>{title}</strong>{rest}</p></td></tr>"
                   for n, (title, rest) in enumerate(BRIEFS, 1))
    return ("<html><body><table><tr><td><p>Kære læser</p><h2><a href='https://avis.example.dk/traeer'>Hvem passer "
            "på byens træer?</a></h2><p>Kommunen har fældet flere gadetræer i år, end den har plantet, viser en optælling "
            "af kommunens egne kort, og beboerne fortæller om hastværk.</p><p><a href='https://avis.example.dk/traeer'>"
            "Læs mere</a></p></td></tr><tr><td><p>Døgnets vigtigste</p></td></tr>"
            f"{rows}<tr><td><p><b>Avisen er uafhængig og reklamefri</b></p><p>Vi lever af vores medlemmer. "
            "<a href='https://avis.example.dk/medlem'>Bliv medlem</a> og få hele avisen hver morgen.</p>"
            "<p>Du modtager denne mail, fordi du har tilmeldt dig. <a href='https://avis.example.dk/afmeld'>Afmeld</a>"
            "</p></td></tr></table></body></html>")


def _numerals_text() -> str:
    briefs = "\n\n".join(f"{n}\n\n{title}{rest}" for n, (title, rest) in enumerate(BRIEFS, 1))
    return ("KÆRE LÆSER\n\nHvem passer på byens træer?\n\nKommunen har fældet flere gadetræer i år, end den har "
            "plantet, viser en optælling af kommunens egne kort, og beboerne fortæller om hastværk.\n"
            "Læs mere: https://avis.example.dk/traeer\n\n"
            f"DØGNETS VIGTIGSTE\n\n{briefs}\n\nAvisen er uafhængig og reklamefri\nVi lever af vores medlemmer. "
            "Bliv medlem: https://avis.example.dk/medlem\n\n--\nDu modtager denne mail, fordi du har tilmeldt dig.\n"
            "Afmeld: https://avis.example.dk/afmeld\n")


@pytest.mark.parametrize("form", ["html", "text"])
def test_numbers_set_apart_over_bold_sentences_are_a_list_of_briefs(form):
    """A big '1' in a div of its own over each brief (a paragraph whose bold first sentence is its title; one
    opens with a kicker in words, 'Ny undersøgelse:'), or the text part's number on a line of its own: each brief
    is an item, after the letter's story; the Danish 'Læs mere' link and the membership appeal are none (the
    numbers between the briefs hid the run of bold sentences, and the kicker's colon made one a label)."""
    letter = split_newsletter(_numerals_html() if form == "html" else _numerals_text(), form)
    assert _titles(letter) == [_key("Hvem passer på byens træer?")] + [_key(t.rstrip(".")) for t, _ in BRIEFS], \
        letter.reason


def test_a_lone_figure_in_a_block_of_its_own_stays_text():
    """'42' alone in a block (a statistic's big number over its caption) is no list number: it is kept."""
    raw = ("<html><body><h2>The ferry is back</h2><p>The crossing to Kell Island reopens in May with two electric "
           "boats and a timetable built around the school day.</p><div style='font-size:40px'>42</div><p>minutes "
           "from the harbour to the island's school, down from an hour by road.</p>"
           f"<p>{FOOTER}</p></body></html>")
    letter = split_newsletter(raw)
    assert _titles(letter) == [_key("The ferry is back")]
    assert "42" in letter.items[0].content


# -- a template's repeated sub-heads ---------------------------------------------------------------------------

def _templated(markdown: bool) -> str:
    stories = [("Box Office Blues", "A major container line warned that freight rates are sliding as new ships arrive.",
                "Shipping lines ordered hundreds of ships when rates were high, and they are arriving now.",
                "For markets: Cheaper boxes, cheaper goods.", "Lower freight costs could ease the prices of imports."),
               ("Hold Your Horses", "Japan's central bank left rates alone and asked for more wage data first.",
                "Prices have been rising for a while, but officials want proof that pay keeps up.",
                "The bigger picture: The yen's long goodbye.", "Patient rate-setters tend to mean a weaker currency.")]
    subs = ("What's going on here?", "What does this mean?", "Why should I care?")
    if markdown:
        body = "".join(f"# {h}\n\n### {subs[0]}\n\n{a}\n\n### {subs[1]}\n\n{b}\n\n### {subs[2]}\n\n**{c}** {d}\n\n"
                       for h, a, b, c, d in stories)
        return f"Hi Reader, here's what you need to know for June 18th in 3:05 minutes.\n\n{body}{FOOTER}\n"
    body = "".join(f"<h1>{h}</h1><h3>{subs[0]}</h3><p>{a}</p><h3>{subs[1]}</h3><p>{b}</p><h3>{subs[2]}</h3>"
                   f"<p><strong>{c}</strong> {d}</p>" for h, a, b, c, d in stories)
    return (f"<html><body><p>Hi Reader, here's what you need to know for June 18th in 3:05 minutes.</p>{body}"
            f"<p>{FOOTER}</p></body></html>")


@pytest.mark.parametrize("markdown", [False, True], ids=["html", "markdown"])
def test_sub_heads_every_story_repeats_leave_the_headlines_the_items(markdown):
    """Two stories, each an h1 over the same three h3 sub-heads ('What's going on here?' ...) and a bold run-in
    under the last: the h1s are the items, the sub-heads and the run-ins their text (the h1s were read as
    sections' names over the sub-heads, and the run-ins as headlines)."""
    letter = split_newsletter(_templated(markdown), "markdown" if markdown else "html")
    assert _titles(letter) == [_key("Box Office Blues"), _key("Hold Your Horses")], letter.reason
    assert "Cheaper boxes" in letter.items[0].content and "going on" in letter.items[0].content


def test_the_learned_reader_takes_no_line_said_again_for_a_headline():
    """Whatever the trees' odds, a short unlinked line said twice or more in a body ('What's going on here?'
    under each story) is no learned headline."""
    blocks = []
    for title in ("Box Office Blues", "Hold Your Horses"):
        blocks += [Block(text=title, heading=1), Block(text="What's going on here?", heading=3),
                   Block(text="A major container line warned that freight rates are sliding as new ships arrive, "
                              "and the ships keep coming.")]
    items, heads, _ = learned_split(blocks)
    assert all(blocks[i].text != "What's going on here?" for i in heads)


# -- a partner's logo label, a house list of episodes ----------------------------------------------------------

def test_a_partners_logo_label_over_the_greeting_flags_nothing_after_the_letter():
    """'In partnership with' over the partner's logo (a picture: no words of its own), then the letter's 'Good
    morning ...' paragraph, then a section's label over three stories: the label is no item and no story is
    the partner's; the partner's own block further down is."""
    stories = "".join(f"<h2>{h}</h2><p>{p}</p>" for h, p in (
        ("Drugmakers Agree to Cap Insulin Copays", "Five companies agreed to cap monthly copays at $30 from January."),
        ("Europe Logs Record Solar Month", "Solar panels made more power than any other source across the bloc.")))
    raw = ("<html><body><p>In partnership with</p><p><img src='https://cdn.example.com/ledger.png' alt=''></p>"
           "<p>Good morning. It's Wednesday, June 17, and we're covering drug prices, a record month for solar and "
           "more. First time reading? <a href='https://daily.example.com/signup'>Sign up here</a>.</p>"
           f"<p><b>Need To Know</b></p>{stories}<p>In partnership with Ledgerly</p>"
           "<h2>Stop Guessing Where Your Money Goes</h2><p>Ledgerly sorts every purchase for you. Readers get three "
           f"months free. <a href='https://ledger.example.com'>Learn more</a></p><p>{FOOTER}</p></body></html>")
    letter = split_newsletter(raw)
    assert [(_key(i.title), i.sponsored) for i in letter.items] == [
        (_key("Drugmakers Agree to Cap Insulin Copays"), False), (_key("Europe Logs Record Solar Month"), False),
        (_key("Stop Guessing Where Your Money Goes"), True)], letter.reason


def test_the_newsletters_own_episodes_are_no_items():
    raw = ("<html><body><h2>Top Stories</h2>" + "".join(
        f"<p><strong>{h}</strong></p><p>{p}</p>" for h, p in (
            ("Robots Learn to Fold Laundry From Home Videos", "A lab trained a two-armed robot on clips of people folding "
             "clothes; it still drops socks."),
            ("Translation Glasses Reach Schools", "A district is testing glasses that caption a teacher's words in a "
             "student's home language.")))
           + "<h2>This week's episodes</h2><ul><li><a href='https://pod.example.com/31'>Episode 31: Robots and laundry</a>"
           "</li><li><a href='https://pod.example.com/32'>Episode 32: When agents make mistakes</a></li></ul>"
           f"<p>{FOOTER}</p></body></html>")
    letter = split_newsletter(raw)
    assert _titles(letter) == [_key("Robots Learn to Fold Laundry From Home Videos"),
                               _key("Translation Glasses Reach Schools")]


# -- html2text's bold link glued to the comment under it ---------------------------------------------------------

def test_a_bold_link_glued_to_its_comment_is_a_headline_of_its_own():
    """html2text writes a bold linked title in a div and the editor's comment under it with nothing between them,
    wrapping the link's words ('**[What Checklists Can and Can't Teach' / 'Us](url)**The author flew ...'): each
    title is a headline, its comment its text (the wrapped ones ran into the entry above)."""
    entries = [("The Retry Storm That Took Down Our Login Page", "A clear write-up of how client retries turned a "
                "small database blip into an outage."),
               ("What Aviation Checklists Can and Can't Teach Us", "The author flew small planes for a decade and "
                "argues that we copy the checklist but not the culture."),
               ("Load Shedding Without Tears", "A short, math-light explanation of when to drop requests on purpose.")]
    body = ""
    for n, (title, comment) in enumerate(entries):
        words = title.rsplit(" ", 1) if n == 1 else [title]  # the second link wrapped before its last word
        link = f"**[{words[0]}\n{words[1]}](https://ops.example.com/{n})**" if n == 1 else \
            f"**[{title}](https://ops.example.com/{n})**"
        body += f"{link}{comment}  \n"
    raw = f"# Ops Weekly Issue #512\n\n## Articles\n\n{body}\n{FOOTER}\n"
    letter = split_newsletter(raw, "markdown")
    assert _titles(letter) == [_key(t) for t, _ in entries], letter.reason
    assert letter.items[1].content.startswith("The author flew")


# -- the sender's own name as the first 'item' -------------------------------------------------------------------

def test_the_senders_name_over_its_tagline_is_the_masthead_not_an_item():
    """An email whose body opens with the sender's display name in bold over a one-line tagline: no item (it was
    the first item, 'Models & Agents for Beginners'); a story named otherwise stays."""
    from email.message import EmailMessage
    stories = "".join(f"<p><strong>{h}</strong></p><p>{p}</p>" for h, p in (
        ("Robots Learn to Fold Laundry From Home Videos", "A lab trained a two-armed robot on clips of people folding "
         "clothes; it still drops socks, but handles shirts it has never seen."),
        ("Translation Glasses Reach Schools", "A district is testing glasses that caption a teacher's words in a "
         "student's home language; the batteries last half a day.")))
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Models & Agents for Beginners <hello@agents.example.com>", "a@b.example", "Laundry robots"
    msg["Date"] = "Fri, 19 Jun 2026 07:00:00 +0000"
    msg.set_content("Laundry robots and translation glasses.")
    msg.add_alternative(f"<html><body><p><b>Models &amp; Agents for Beginners</b></p><p>AI explained simply, for "
                        f"beginners. Weekly digest, June 12-18.</p>{stories}<p>{FOOTER}</p></body></html>", subtype="html")
    letter = split_newsletter(msg.as_bytes())
    assert letter.source == "Models & Agents for Beginners"
    assert _titles(letter) == [_key("Robots Learn to Fold Laundry From Home Videos"),
                               _key("Translation Glasses Reach Schools")], letter.reason


# -- a sponsor's paragraph with no headline ---------------------------------------------------------------------

PITCH = ("Handoffs are where incidents go to get worse. Pagewell's free guide walks through the on-call handoff "
         "checklist we use with 300 teams.")


@pytest.mark.parametrize("form", ["html", "text"])
def test_a_sponsors_paragraph_with_no_headline_is_its_item_titled_by_its_call(form):
    """'A message from our sponsor, Pagewell:' over a paragraph that ends in its linked call, then the issue's
    'Articles': the paragraph is a sponsored item titled by the call (it was no item: a sponsor lost)."""
    articles = [("The Retry Storm That Took Down Our Login Page", "A clear write-up of how client retries turned a "
                 "small database blip into an outage."),
                ("Load Shedding Without Tears", "A short, math-light explanation of when to drop requests on purpose.")]
    if form == "html":
        raw = ("<html><body><h1>Ops Weekly Issue #512</h1><p><em>A message from our sponsor, Pagewell:</em></p>"
               f"<p>{PITCH} <a href='https://pagewell.example.com/guide'>Download the on-call handoff checklist</a>.</p>"
               "<hr><h2>Articles</h2>" + "".join(f"<p><strong><a href='https://ops.example.com/{n}'>{t}</a></strong></p>"
                                                 f"<p>{c}</p>" for n, (t, c) in enumerate(articles))
               + f"<p>{FOOTER}</p></body></html>")
    else:
        raw = (f"Ops Weekly Issue #512\n\nA message from our sponsor, Pagewell:\n\n{PITCH} Download the on-call handoff "
               "checklist: https://pagewell.example.com/guide\n\nARTICLES\n\n"
               + "".join(f"{t} ( https://ops.example.com/{n} )\n{c}\n\n" for n, (t, c) in enumerate(articles)) + FOOTER)
    letter = split_newsletter(raw, form)
    assert [(_key(i.title), i.sponsored) for i in letter.items] == [
        (_key("Download the on-call handoff checklist"), True)] + [(_key(t), False) for t, _ in articles], letter.reason
    assert "Handoffs are where" in letter.items[0].content


@pytest.mark.parametrize("shape", ["html2text", "heading"])
def test_numbers_a_converter_glued_to_the_briefs_come_off(shape):
    """html2text glues the big numeral to each brief's bold first sentence ('1**Regeringen ...** Forhandlerne
    ...'); markdownify's flattened table makes each numeral a heading of its own ('### 1'): the briefs are the
    items either way (the first gave one item for all, the second took the numbers for headlines)."""
    if shape == "html2text":
        briefs = "".join(f"{n}**{title}**{rest}  \n" for n, (title, rest) in enumerate(BRIEFS, 1))
    else:
        briefs = "".join(f"### {n}\n\n**{title}**{rest}\n\n" for n, (title, rest) in enumerate(BRIEFS, 1))
    raw = (f"## [Hvem passer på byens træer?](https://avis.example.dk/traeer)\n\nKommunen har fældet flere gadetræer "
           f"i år, end den har plantet, viser en optælling af kommunens egne kort.\n\nDøgnets vigtigste  \n{briefs}\n"
           "Du modtager denne mail, fordi du har tilmeldt dig. [Afmeld](https://avis.example.dk/afmeld)\n")
    letter = split_newsletter(raw, "markdown")
    assert _titles(letter) == [_key("Hvem passer på byens træer?")] + [_key(t.rstrip(".")) for t, _ in BRIEFS], \
        letter.reason


def test_an_issue_title_over_a_story_of_the_same_words_is_no_sub_head_said_twice():
    """'# Harbour cranes go electric' (the issue's title) over '## Harbour cranes go electric' (its first story):
    the same words at two ranks are no template's sub-head. The h1 is the subject, the h2 an item."""
    raw = ("# Harbour cranes go electric\n\n## Harbour cranes go electric\n\nThe port replaced its last diesel crane this "
           "spring; the new ones draw power from a battery bank charged overnight.\n\n## A ferry timetable written by a "
           "model\n\nPlanners now check the draft instead of writing it, and the winter schedule came out early.\n")
    letter = split_newsletter(raw, "markdown")
    assert letter.subject == "Harbour cranes go electric"
    assert _titles(letter) == [_key("Harbour cranes go electric"), _key("A ferry timetable written by a model")]


@pytest.mark.slow
def test_a_long_list_of_one_sentence_entries_splits_in_linear_time():
    """20,000 list entries of one sentence each (a list that is no run of stories: too few of two sentences):
    linear, about 1 s here (each entry's run was walked again from the next entry: 29 s, and hours for 250,000)."""
    import time
    raw = "# Links\n\n" + "\n".join(f"- Entry number {k} is a single sentence that runs on long enough to count here."
                                    for k in range(20_000))
    start = time.process_time()  # CPU time: the machine is shared
    split_newsletter(raw, "markdown")
    assert time.process_time() - start < 10
