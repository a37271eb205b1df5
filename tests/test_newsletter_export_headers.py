"""The header shapes note-taking and clipping tools write above (or under) a newsletter they export as Markdown, as
the tenth blind set's md exports have them (newsletters/export_headers.py): Obsidian Web Clipper's and Joplin's front
matter, a table of labels and values in Portuguese, an org-mode property drawer, pandoc's fenced div of labelled
spans, a Bear note's 'Sent by' line and a footnote on the title. Each gives the subject, date and source, and the
structured blocks are no part of the body the items are read from. The newsletter here is written for the test."""

import pytest

from newsletters import split_newsletter
from newsletters.export_headers import export_headers

SUBJECT = "Harbour cranes go electric"
BODY = ("## Harbour cranes go electric\n\nThe port of Gdynia replaced its last diesel crane this spring; the new ones "
        "draw power from a battery bank charged overnight.\n\n## A ferry timetable written by a model\n\nThe "
        "operator says planners now check the draft instead of writing it, and the winter schedule came out two "
        "weeks early.\n")
TITLES = ["Harbour cranes go electric", "A ferry timetable written by a model"]

SHAPES = {
    "obsidian": ('---\ntitle: "Harbour cranes go electric"\nsource: "https://portnotes.example/issue-12"\nauthor:\n'
                 '  - "[[Port Notes]]"\npublished: 2026-07-10\ncreated: 2026-07-11\ndescription: "Ports, weekly."\n'
                 'tags:\n  - "clippings"\n---\n\n', "2026-07-10", "Port Notes"),
    "joplin": ('---\ntitle: Harbour cranes go electric\nupdated: 2026-07-10 08:01:02Z\ncreated: 2026-07-10 08:01:02Z\n'
               'latitude: 0.00000000\nlongitude: 0.00000000\naltitude: 0.0000\nauthor: Port Notes <hello@portnotes.example>\n'
               'source: email\ntags:\n  - newsletters\n---\n\n', "2026-07-10T08:01:02+00:00", "Port Notes"),
    "table-pt": ("| Campo | Valor |\n|---|---|\n| De | Port Notes <hello@portnotes.example> |\n| Para | eu@example.com.br |\n"
                 "| Data | 10/07/2026 08:00 |\n| Assunto | Harbour cranes go electric |\n\n", "2026-07-10T08:00:00", "Port Notes"),
    "org": ("* Harbour cranes go electric\n:PROPERTIES:\n:FROM:     Port Notes <hello@portnotes.example>\n"
            ":TO:       me@example.org\n:DATE:     [2026-07-10 Fri 08:00]\n:END:\n\n", "2026-07-10T08:00:00", "Port Notes"),
    "pandoc": ("::: {.email-headers}\n[From]{.label} Port Notes \\<hello@portnotes.example\\>  \n"
               "[Date]{.label} Friday, 10 July 2026, 08:00  \n[Subject]{.label} Harbour cranes go electric\n:::\n\n",
               "2026-07-10T08:00:00", "Port Notes"),
    "bear": ("# Harbour cranes go electric\n#newsletters/ports #inbox\n\nSent by Port Notes (hello@portnotes.example) on "
             "Friday, July 10, 2026 at 8:00 AM to me@example.org\n\n---\n\n", "2026-07-10T08:00:00", "Port Notes"),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_an_exports_header_shape_gives_subject_date_and_source(shape):
    head, date, source = SHAPES[shape]
    body = BODY.split("\n", 2)[2] if shape == "bear" else BODY  # (the Bear note's title is its first heading)
    letter = split_newsletter(head + body)
    assert (letter.subject, letter.date, letter.source) == (SUBJECT, date, source)
    titles = [item.title for item in letter.items]
    if shape == "bear":  # (the prose lines stay in the body: whether the title over them is an item is the reader's call)
        assert titles[-1:] == TITLES[1:] and not any("Sent by" in t for t in titles)
    else:
        assert titles == TITLES


def test_a_footnote_on_the_title_gives_the_headers_and_leaves_the_subject():
    raw = (f"# {SUBJECT}[^mail]\n\n{BODY}\n[^mail]: Email from Port Notes <hello@portnotes.example> to me@example.org, "
           f"received Friday 10 July 2026 at 08:00, subject “{SUBJECT}”.\n")
    letter = split_newsletter(raw)
    assert (letter.subject, letter.date, letter.source) == (SUBJECT, "2026-07-10T08:00:00", "Port Notes")


@pytest.mark.parametrize("raw", [
    "---\nlayout: post\ncategories: [ports]\n---\n\nText.",  # front matter naming no sender, subject or date
    "| Port | Cranes |\n|---|---|\n| Gdynia | 12 |\n| Gdańsk | 20 |\n\nText.",  # a table of data, not of labels
    "* A heading\nSome text\n:PROPERTIES:\n:END:\n",  # no drawer right under the heading
    "# Ports\n\nWe heard from Anna (anna@example.org) on the quay.\n",  # a sender with no date
])
def test_other_tops_are_no_header(raw):
    assert export_headers(raw) == ({}, raw)
