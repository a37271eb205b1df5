"""What comes before a newsletter's first story. A masthead (the issue's title, its subtitle, the byline and
date) is no item; a digest whose first entries each have a short line of text under a linked headline
('github.com · 412 points · 88 comments') starts at its first entry, not at the first entry with a longer
text. Before this rule the first entries of such a digest were dropped as masthead without a word (the
Mailbrew layout lost 4 of its 19 items in its html form). Each case in html, Markdown with and without
blank lines, and as an html converter writes it."""

import re

import html2text
import markdownify
import pytest

from newsletters import split_newsletter

ENTRIES = [("We moved our CI to a single beefy machine and builds got faster", "github.com · 412 points · 88 comments"),
           ("A pocket synthesiser built from a bicycle light", "hackaday.io · 276 points · 41 comments"),
           ("Why the county library still runs a gopher server", "gopher.example.org · 198 points · 63 comments"),
           ("Show HN: A calendar that only knows about trains", "railcal.example.dev · 154 points · 70 comments"),
           ("The spreadsheet that ran a shipping line for thirty years, and what replaced it",
            "news.example.com · 131 points · 57 comments · a long thread on migrating line-of-business tools")]
LAUNCHES = [("Tallybook", "A ledger for shared flats that splits the bills and reminds whoever is late, politely · 812 upvotes"),
            ("Quillstack", "Drafts your release notes from merged pull requests and lets you edit them before they go out · 604 upvotes"),
            ("Harbourlight", "A status page that stays silent until something your customers use is actually down · 377 upvotes")]


def _key(title: str) -> str:
    return re.sub(r"\W", "", title.casefold())


SOURCES = {"Hacker News": ENTRIES, "Product Hunt": LAUNCHES}
ALL = [entry for entries in SOURCES.values() for entry in entries]


def _digest(form: str) -> str:
    """Two sources, as a digest service sends them: Hacker News's entries, each over its site and counts, then
    Product Hunt's launches, each over a line of description."""
    urls = iter(f"https://example.org/e/{n}" for n in range(len(ALL)))
    if form == "html":
        sections = "".join(
            f"<tr><td><table><tr><td style='font-weight:700'>{name}</td><td><a href='https://{name.lower().replace(' ', '')}"
            f".example.com/'>View more &rarr;</a></td></tr></table></td></tr>"
            + "".join(f'<tr><td><a href="{next(urls)}">{title}</a><div>{meta}</div></td></tr>' for title, meta in entries)
            for name, entries in SOURCES.items())
        return ("<html><body><table><tr><td style='font-size:26px;font-weight:800'>☕️ Morning Dev Digest</td></tr>"
                f"<tr><td>Friday, July 10, 2026</td></tr>{sections}"
                "<tr><td>You get this digest because you follow two sources. Unsubscribe.</td></tr></table></body></html>")
    gap = "\n\n" if form == "markdown" else "\n"
    sections = "\n\n".join(f"**{name}**\n\n" + "\n\n".join(f"[{title}]({next(urls)}){gap}{meta}" for title, meta in entries)
                            for name, entries in SOURCES.items())
    return f"# ☕️ Morning Dev Digest\n\nFriday, July 10, 2026\n\n{sections}\n\nYou get this digest because you follow two sources.\n"


CONVERTED = {"html2text": html2text.html2text, "markdownify": markdownify.markdownify}


@pytest.mark.parametrize("form", ["html", "markdown", "markdown-tight", "html2text", "markdownify"])
def test_a_digest_of_short_entries_keeps_its_first_entries(form):
    letter = split_newsletter(CONVERTED[form](_digest("html")) if form in CONVERTED else _digest(form))
    assert [_key(item.title) for item in letter.items] == [_key(title) for title, _ in ALL], letter.reason
    assert [item.url for item in letter.items] == [f"https://example.org/e/{n}" for n in range(len(ALL))]


STORY = ("The city council voted on Tuesday to replace every parking meter with a phone app, and the vendor it "
         "chose has never run a system of this size. Residents without smartphones will pay at kiosks.")


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_a_masthead_of_title_subtitle_and_byline_is_still_no_item(form):
    """An essay issue: the title linked to the post, a subtitle, the author and date; then the essay's sections.
    The linked title, the subtitle and the byline are three lines, but not three linked headlines each over
    text of its own, so they stay masthead."""
    sections = [("The meter that never was", STORY), ("Who pays at the kiosk", STORY.replace("Tuesday", "Monday"))]
    if form == "html":
        body = ('<h1><a href="https://example.substack.com/p/meters">Paying to park, by phone</a></h1>'
                "<h3>Why a small city's parking contract is a story about software</h3>"
                '<p><a href="https://example.substack.com/@writer">Mara Lindqvist</a> Jun 18</p>'
                + "".join(f"<h2>{title}</h2><p>{text}</p>" for title, text in sections))
        raw = f"<html><body>{body}</body></html>"
    else:
        raw = ("# [Paying to park, by phone](https://example.substack.com/p/meters)\n\n"
               "### Why a small city's parking contract is a story about software\n\n"
               "[Mara Lindqvist](https://example.substack.com/@writer) Jun 18\n\n"
               + "\n\n".join(f"## {title}\n\n{text}" for title, text in sections) + "\n")
    letter = split_newsletter(raw)
    assert [_key(item.title) for item in letter.items] == [_key(title) for title, _ in sections], letter.reason


# -- a single post sent whole ------------------------------------------------------------------------------

POST = [("How the valley's water board sold its river data", ""),
        ("What the contract says", "The agreement, signed in March, gives the analytics firm every gauge reading "
                                   "from the past eleven years and a live feed of new ones, for a fee the board "
                                   "would not disclose."),
        ("“We thought it was a weather app”", "Two board members told us they had not read the data clauses before "
                                              "the vote, and that the presentation they saw described a forecasting tool."),
        ("The firm responds", "A spokesperson said the data is used only to predict floods and is never resold, "
                              "and that the board can end the contract with ninety days' notice.")]
LEDE = ("The water board of a farming valley has been selling a decade of river gauge readings to a private analytics "
        "firm, according to board minutes and a copy of the contract obtained by this newsletter.")
AD_TITLE = "Keep your cameras' footage on your own disk."
AD = "Lockbox encrypts every clip on the device, so nobody else can watch it; readers get three months free."


def _post(form: str) -> str:
    title, _ = POST[0]
    if form == "html":
        parts = "".join(f"<h2>{head}</h2><p>{text}</p>" for head, text in POST[1:2]) + \
            f'<p><b>SPONSORED</b></p><p>🔐 <b>{AD_TITLE}</b> {AD} <a href="https://lockbox.example.com/r">lockbox.example.com</a></p>' + \
            "".join(f'<h2>{head}</h2><p>{text} <a href="https://example.org/doc/{n}">The documents</a>.</p>'
                    for n, (head, text) in enumerate(POST[2:]))
        return (f'<html><body><p><b>Riverwatch</b></p><p><a href="https://riverwatch.example.org/p/water-board"><b>{title}'
                f"</b></a></p><p>By Ines Moreau – 10 Jul 2026 – <a href='https://riverwatch.example.org/p/water-board'>View in "
                f"browser</a></p><p>{LEDE}</p>{parts}<p>Riverwatch is reader-supported. Unsubscribe.</p></body></html>")
    parts = "\n\n".join(f"## {head}\n\n{text}" for head, text in POST[1:2]) + f"\n\n**SPONSORED**\n\n🔐 **{AD_TITLE}** {AD} " \
        "[lockbox.example.com](https://lockbox.example.com/r)\n\n" + \
        "\n\n".join(f"## {head}\n\n{text} [The documents](https://example.org/doc/{n})."
                    for n, (head, text) in enumerate(POST[2:]))
    return (f"**Riverwatch**\n\n[**{title}**](https://riverwatch.example.org/p/water-board)\n\nBy Ines Moreau – 10 Jul 2026 – "
            f"[View in browser](https://riverwatch.example.org/p/water-board)\n\n{LEDE}\n\n{parts}\n\n"
            "Riverwatch is reader-supported. Unsubscribe.\n")


@pytest.mark.parametrize("form", ["html", "markdown", "html2text"])
def test_a_single_post_sent_whole_is_one_item_and_its_sponsor(form):
    """A post's title linked to the web version, its byline row, then unlinked h2 sub-heads over running text
    (which may cite a document): one story, not four; the sponsor card in the middle is an item of its own."""
    letter = split_newsletter(html2text.html2text(_post("html")) if form == "html2text" else _post(form))
    assert [(_key(item.title), item.sponsored) for item in letter.items][:1] == [(_key(POST[0][0]), False)], letter.reason
    assert not any(_key(head) == _key(item.title) for item in letter.items for head, _ in POST[1:]), letter.reason
    assert "The firm responds" in letter.items[0].content
    assert [item.sponsored for item in letter.items] == [False, True], letter.reason


def test_a_digest_of_linked_stories_under_a_linked_lead_is_not_one_post():
    """The same shape, but each section's headline links to its own story: a digest, every story an item."""
    raw = _post("html").replace("<h2>", "<h2><a href='https://riverwatch.example.org/s'>").replace("</h2>", "</a></h2>")
    letter = split_newsletter(raw)
    titles = [_key(item.title) for item in letter.items if not item.sponsored]
    assert titles == [_key(head) for head, _ in POST], letter.reason
