"""The header shapes note-taking and clipping tools write above (or under) a newsletter they export as Markdown, as
the tenth blind set's md exports have them (newsletters/export_headers.py): Obsidian Web Clipper's and Joplin's front
matter, a table of labels and values in Portuguese, an org-mode property drawer, pandoc's fenced div of labelled
spans, a Bear note's 'Sent by' line and a footnote on the title; and the eleventh set's: Omnivore's front matter, Dutch
keys, a Dendron note (Unix milliseconds), a TiddlyWiki tiddler, a Readwise Reader export, HTML meta tags and Russian
header lines under a title; and shapes the earlier sets' md exports have (header lines in many dresses, a title over
a block, tables, JSON, TOML, pandoc's title block and definition list); and the twelfth set's: a Tana Paste, a yarle
export of an Evernote note, an MDX page's 'export const meta', a OneNote page with a pandoc grid table, MarkDownload's
front matter, Gmail's print view pasted, '[//]: # (...)' comment lines with German labels; and the thirteenth set's: a
Dendron note whose 'desc' reads 'from Name <a@b>', the headers as an HTML definition list, a Drafts note with its metadata
last under a rule, a GitHub issue form's rendered fields, a Zettelkasten note's timestamp ID in its title, vimwiki's
'%title' / '%date' placeholders, a SiYuan document's kramdown attribute list; and the fourteenth set's: a Joplin RAW
export (the note's properties last), a Day One plain-text export, an mbox message as mutt saves it, Omnivore's front
matter with YAML block scalars, an h-entry (microformats2) header, Outlook on the web's reading pane pasted, pandoc's
YAML of an Org-mode capture; and the fifteenth set's: a message as notmuch show --format=text prints it, a MHonArc
archive page (its X-From-R13 in MHonArc's modified rot13), a reStructuredText title over docutils' bibliographic fields,
yarle's template whose 'Source:' is the clipped page's URL, mu4e's message view, a Usenet article from a list-to-news
gateway, the Obsidian Web Clipper's default properties; and the sixteenth set's: a Zim desktop wiki page, Denote's
plain-text front matter, a Hypermail archive page, a Mailman 2 pipermail archive page, an Org-mode note's '#+' keywords,
jrnl's Markdown export, an AsciiDoc document header (and a sender with its date on one line). Each gives the subject,
date and source, and the structured blocks are no part of the body the items are read from. The newsletter here is
written for the test."""

import pytest

from newsletters import split_newsletter
from newsletters.dates import normalise_date
from newsletters.export_headers import export_headers
from newsletters.forward import unwrap

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


# The eleventh blind set's shapes: Omnivore's front matter, Dutch keys, a Dendron note, a TiddlyWiki tiddler, a
# Readwise Reader export, HTML meta tags; plain header lines in Russian under a Setext title (forward.py reads those,
# as a copy's own lines). Each gives subject, date and source and leaves its block off the body.
ELEVENTH = {
    "omnivore": ('---\nid: 0f4c2b1e-7a55-4c1e-9d3b-2b8e6a1f9c07\ntitle: "Harbour cranes go electric"\n'
                 "author: Port Notes <hello@portnotes.example>\ntags:\n  - ports\ndate_saved: 2026-07-11 09:30:12\n"
                 "date_published: 2026-07-10 08:00:00\nurl: https://portnotes.example/issue-12\n---\n\n",
                 "2026-07-10T08:00:00", "Port Notes"),
    "dutch": ('---\nonderwerp: "Harbour cranes go electric"\nafzender: "Port Notes <hello@portnotes.example>"\n'
              "ontvanger: ik@example.nl\ndatum: 10-7-2026\nmap: Nieuwsbrieven\n---\n\n", "2026-07-10", "Port Notes"),
    "dendron": ("---\nid: k3x9q2m7v1\ntitle: Harbour cranes go electric\ndesc: 'Port Notes <hello@portnotes.example>'\n"
                "updated: 1783670400000\ncreated: 1783670400000\ntags: [inbox.ports]\n---\n\n",
                "2026-07-10T08:00:00+00:00", "Port Notes"),
    "tiddler": ("title: Harbour cranes go electric\ncreated: 20260710080000000\nmodified: 20260711093000000\n"
                "from: Port Notes <hello@portnotes.example>\ntags: [[Port newsletters]] email\ntype: text/x-markdown\n\n",
                "2026-07-10T08:00:00+00:00", "Port Notes"),
    "meta-tags": ('<meta name="from" content="Port Notes &lt;hello@portnotes.example&gt;">\n'
                  '<meta name="to" content="me@example.org">\n<meta name="subject" content="Harbour cranes go electric">\n'
                  '<meta name="date" content="2026-07-10T08:00:00+02:00">\n\n', "2026-07-10T08:00:00+02:00", "Port Notes"),
    "russian-lines": ("Harbour cranes go electric\n==========================\n\nОт кого: Port Notes <hello@portnotes.example>\n"
                      "Кому: chitatel@example.ru\nДата: 10 июля 2026 г., 08:00\nТема: Harbour cranes go electric\n\n* * *\n\n",
                      "2026-07-10T08:00:00", "Port Notes"),
}


@pytest.mark.parametrize("shape", sorted(ELEVENTH))
def test_the_eleventh_sets_header_shapes_give_subject_date_and_source(shape):
    head, date, source = ELEVENTH[shape]
    letter = split_newsletter(head + BODY)
    assert (letter.subject, letter.date, letter.source, letter.forward) == (SUBJECT, date, source, None)
    assert [item.title for item in letter.items] == TITLES


def test_a_readwise_reader_export_keeps_its_title_and_loses_its_metadata():
    head = ("# Harbour cranes go electric\n\n![rw-book-cover](https://portnotes.example/logo.png)\n\n## Metadata\n"
            "- Author: [[Port Notes]]\n- Full Title: Harbour cranes go electric\n- Category: #newsletters\n"
            "- URL: https://portnotes.example/issue-12\n- Email: hello@portnotes.example\n"
            "- Received: July 10th, 2026 at 8:00 AM\n\n## Full Document\n\n")
    headers, body = export_headers(head + "The port of Gdynia replaced its last diesel crane.\n")
    assert headers == {"subject": SUBJECT, "from": '"Port Notes" <hello@portnotes.example>',
                       "date": "July 10th, 2026 at 8:00 AM"}
    assert body.split("\n")[0] == "# Harbour cranes go electric" and "Metadata" not in body and "rw-book-cover" not in body
    letter = split_newsletter(head + BODY.split("\n", 2)[2])
    assert (letter.subject, letter.date, letter.source) == (SUBJECT, "2026-07-10T08:00:00", "Port Notes")


def test_a_date_under_a_key_in_another_language_is_read_day_first():
    assert export_headers("---\ndatum: 3-7-2026\nafzender: Port Notes <a@portnotes.example>\n---\n\nText.")[0]["date"] \
        == "2026-07-03"
    assert export_headers("---\ndate: 3-7-2026\nfrom: Port Notes <a@portnotes.example>\n---\n\nText.")[0]["date"] \
        == "3-7-2026"  # (an English key: read later as any date, month first without a cue)


@pytest.mark.parametrize("raw", [
    '<meta name="viewport" content="width=device-width">\n\n# Ports\n\nText.',  # one meta tag is a page's, no header
    "title: Ports\nmood: calm\n\nText.",  # key lines with one header field and none of a tiddler's own
    "# Ports\n\n## Metadata\n\nText about metadata.\n",  # a 'Metadata' heading over prose, no bullets
    "---\ntitle: Ports\ndesc: 'Where cranes go electric'\n---\n\nText.",  # a description that names no sender
])
def test_the_eleventh_sets_shapes_want_their_parts(raw):
    assert export_headers(raw) == ({}, raw)


# Shapes the earlier sets' md exports have, read since the eleventh set's fold: header lines as people and tools write
# them (a list of bold labels behind emoji, an Obsidian callout, backticks, Logseq's 'key:: value', Spanish and Korean
# labels), the same blocks under a title (the title is the subject where the block names none, and leaves the body),
# a table across, a small HTML table, JSON, TOML, pandoc's title block and definition list, fields in a mapping.
EARLIER = {
    "emoji-list": ("- 📧 **From:** Port Notes <hello@portnotes.example>\n- 📅 **Date:** Friday, July 10, 2026 at 8:00 AM\n"
                   "- 📝 **Subject:** Harbour cranes go electric\n- 🏷️ **Folder:** Newsletters\n\n---\n\n", "2026-07-10T08:00:00"),
    "callout": ("> [!info] Email\n> **From:** Port Notes <hello@portnotes.example>  \n> **Date:** Fri, 10 Jul 2026 08:00:00 "
                "+0000  \n> **Subject:** Harbour cranes go electric\n\n", "2026-07-10T08:00:00+00:00"),
    "backticks": ("- `from: Port Notes <hello@portnotes.example>`\n- `date: 2026-07-10 08:00:00 +0000`\n"
                  "- `subject: Harbour cranes go electric`\n\n", "2026-07-10T08:00:00+00:00"),
    "logseq": ("title:: Harbour cranes go electric\nfrom:: Port Notes <hello@portnotes.example>\ndate:: [[Jul 10th, 2026]]\n"
               "type:: [[newsletter]]\n\n", "2026-07-10"),
    "spanish": ("**Asunto:** Harbour cranes go electric  \n**De:** Port Notes <hello@portnotes.example>  \n"
                "**Fecha:** viernes, 10 de julio de 2026, 8:00\n\n---\n\n", "2026-07-10T08:00:00"),
    "korean": ("**보낸사람:** Port Notes &lt;hello@portnotes.example&gt;  \n**받는사람:** me@example.org  \n"
               "**날짜:** 2026년 7월 10일 (금) 오전 8:00  \n**제목:** Harbour cranes go electric\n\n", "2026-07-10T08:00:00"),
    "title-over-lines": ("# Harbour cranes go electric\n\n**From:** Port Notes <hello@portnotes.example>  \n"
                         "**Date:** July 10, 2026\n\n---\n\n", "2026-07-10"),
    "notion": ("# Harbour cranes go electric\n\nCreated: July 10, 2026 9:03 AM\nFrom: Port Notes (hello@portnotes.example)\n"
               "Received: July 10, 2026 8:00 AM (UTC)\nTags: Newsletters\n\n", "2026-07-10T08:00:00+00:00"),
    "title-over-table": ("# Harbour cranes go electric\n\n| | |\n|---|---|\n| From | Port Notes <hello@portnotes.example> |\n"
                         "| Date | Fri, Jul 10, 2026, 8:00 AM |\n\n---\n\n", "2026-07-10T08:00:00"),
    "details-table": ("<details>\n<summary>Message details</summary>\n\n| | |\n|---|---|\n| From | Port Notes &lt;hello@"
                      "portnotes.example&gt; |\n| Date | Fri, 10 Jul 2026 08:00:00 +0000 |\n| Subject | Harbour cranes go "
                      "electric |\n\n</details>\n\n", "2026-07-10T08:00:00+00:00"),
    "table-across": ("| From | To | Date | Subject |\n|---|---|---|---|\n| Port Notes <hello@portnotes.example> | me@example.org "
                     "| Fri, 10 Jul 2026 08:00 +0000 | Harbour cranes go electric |\n\n", "2026-07-10T08:00:00+00:00"),
    "json": ('{\n  "subject": "Harbour cranes go electric",\n  "from": {"name": "Port Notes", "email": "hello@portnotes.example"},'
             '\n  "date": "2026-07-10T08:00:00Z",\n  "labels": ["Newsletters"]\n}\n\n', "2026-07-10T08:00:00+00:00"),
    "toml": ('+++\ntitle = "Harbour cranes go electric"\nfrom = "Port Notes <hello@portnotes.example>"\n'
             'date = 2026-07-10T08:00:00Z\nlabels = ["Reading"]\n+++\n\n', "2026-07-10T08:00:00+00:00"),
    "pandoc-title": ("% Harbour cranes go electric\n% Port Notes <hello@portnotes.example>\n% Fri, 10 Jul 2026 08:00:00 +0000\n\n",
                     "2026-07-10T08:00:00+00:00"),
    "definitions": ("From\n: Port Notes <hello@portnotes.example>\n\nDate\n: Fri, 10 Jul 2026 08:00:00 +0000\n\nSubject\n"
                    ": Harbour cranes go electric\n\n* * *\n\n", "2026-07-10T08:00:00+00:00"),
    "mapping": ('---\nmessage:\n  id: "<12@portnotes.example>"\n  subject: "Harbour cranes go electric"\n  date: 2026-07-10T08:00:00Z\n'
                "  from:\n    name: Port Notes\n    address: hello@portnotes.example\n  to:\n    - name: null\n"
                "      address: me@example.org\nexport:\n  tool: mail2md\n---\n\n", "2026-07-10T08:00:00+00:00"),
    "quoted-yaml": ('---\nsubject: "Harbour cranes go electric"\nfrom: "Port Notes <hello@portnotes.example>"\n'
                    'date: "2026-07-10 08:00:00 +0000"\n---\n\n', "2026-07-10T08:00:00+00:00"),
}


@pytest.mark.parametrize("shape", sorted(EARLIER))
def test_the_earlier_sets_header_shapes_give_subject_date_and_source(shape):
    head, date = EARLIER[shape]
    letter = split_newsletter(head + BODY)
    assert (letter.subject, letter.date, letter.source, letter.forward) == (SUBJECT, date, "Port Notes", None)
    assert [item.title for item in letter.items] == TITLES


def test_a_small_html_table_gives_the_headers_and_stays_in_the_body():
    raw = ("<table>\n<tr><td><b>Od</b></td><td>Port Notes &lt;hello@portnotes.example&gt;</td></tr>\n<tr><td><b>Data</b></td>"
           "<td>10.07.2026, 08:00</td></tr>\n<tr><td><b>Temat</b></td><td>Harbour cranes go electric</td></tr>\n</table>\n\n")
    headers, body = export_headers(raw + BODY)
    assert headers == {"subject": SUBJECT, "from": '"Port Notes" <hello@portnotes.example>', "date": "2026-07-10T08:00:00"}
    assert body == raw + BODY
    letter = split_newsletter(raw + BODY)
    assert (letter.subject, letter.date, letter.source) == (SUBJECT, "2026-07-10T08:00:00", "Port Notes")


@pytest.mark.slow  # (2 s of CPU over every shape: make test runs it; the fast loop is at its one-minute budget)
def test_a_long_run_of_spaces_in_a_header_value_costs_linear_time():
    """Every header pattern's value is read greedily (a lazy group before '\\s*$' backtracks over a run of spaces:
    200,000 of them cost minutes)."""
    import time

    gap = " " * 100_000
    shapes = [f"From: a{gap}b\nDate: 1 May 2026\n\nText", f"From\n: a{gap}b\n\nDate\n: 1 May 2026\n",
              f"---\ntitle: a{gap}b\nfrom: c\n---\n", f"[From]{{.label}} a{gap}b\n", f"# T{gap}x\n\nFrom: a{gap}b\nTo: c\n",
              f"Note\n\nFrom: a{gap}b\nSent: 1 May 2026\nTo: c\nSubject: s\n\nbody", f"* h{gap}x\n:PROPERTIES:\n:FROM: a{gap}b\n",
              f"**Asunto:** x{gap}y\n**De:** a (a@b.c{gap})\n", f"- Author: [[a{gap}b]]\n",
              # a list of nodes whose lines end in a long run of spaces and a ')' (the headline-mark and contents
              # patterns searched from every space: 100,000 of them took 95 s)
              f"%%tana%%\n- Subject{gap}x (\n" + f"- node{gap})\n" * 3, f"1. Title{gap}(x)\n2. Next{gap})\n3. Last{gap})\n",
              # the twelfth set's shapes
              f"%%tana%%\n- T{gap}#x{gap}y\n  - From:: a{gap}b\n  - Received:: [[date:{gap}]]\n",
              f"export const meta = {{\n  title: 'a{gap}b',{gap}x\n  from: \"a\"{gap}\n}}\n",
              f"+---+---+\n| **From** | a{gap}b |\n+---+---+\n| Date{gap} | 1 May 2026 |\n+---+---+\n",
              f"Gmail - s{gap}x\n\n1 message\n\n**a** <a@b.c>\t{gap}1 May 2026{gap}x\n",
              f"[//]: # (From: a{gap}b)\n[//]: # (Date: 1 May 2026{gap})\n[//]: # ({gap}a{gap})\n",
              f"# T\n\nTuesday, July 7, 2026{gap}\n\n3:09 PM{gap}x\n\n+---+\n",
              # 'from' over a long run of spaces under a title (a Bear note's prose line: 5,000 spaces took 11 s), a
              # front matter's long title with no sender (the masthead's name read from it: 100,000 spaces took minutes)
              f"# T\n\nfrom{gap}x\n", f"---\ntitle: a{gap}b\nupdated: 1\n---\n",
              # the thirteenth set's shapes
              f"---\ntitle: 'a''{gap}''b'\ndesc: 'from a{gap}<a@b.c>'\nupdated: {gap}1\n---\n",
              f"<dl>\n<dt>From{gap}</dt><dd>a{gap}b</dd>\n<dt>Date</dt><dd>{gap}\n" + "<dt><dd>" * 2000 + "\n</dl>\n",
              f"Text\n\n---\n\nfrom: a{gap}b\nsubject: {gap}x\ncreated:{gap}\n",
              f"### Subject\n\na{gap}b\n\n### Sender{gap}\n\n{gap}x\n\n### Body\n",
              f"# 202607100800 T{gap}x\n\nTags: a{gap}b\nSource: a{gap}<a@b.c>\n\n---\n",
              f"%title a{gap}b\n%date {gap}1 May 2026\n%{gap}x\n",
              f'# T\n{{: id="{gap}" updated="2026{gap}" custom-from="a{gap}b"{gap}}}\n', f'{{: a="x"{gap}b="{gap}\n',
              # the fourteenth set's shapes
              f"T{gap}x\n\nText{gap}\n\nid: {'a' * 32}\nauthor: a{gap}b\ncreated_time: {gap}\n" + "k: v\n" * 30 + "type_: 1\n",
              f"From a{gap}b Fri Jul 10 08:00:05 2026\nFrom: a{gap}b\n{gap}x\nSubject: s{gap}\n\nText",
              f"From a Fri Jul 10 08:00:05 2026{gap}x\nFrom: a\n\nText",
              f"---\ntitle: |\n  a{gap}b\n{gap}\nauthor: >-\n{gap}x\ndate: 1\n---\n",
              f'<article class="h-entry">\n<h1 class="p-name">a{gap}b</h1>\n<a class="p-author h-card" href="mailto:{gap}">'
              f'{gap}</a>\n' + "<b>" * 20_000 + "<time class='dt-published' " * 2000 + "\n</article>\n",
              f"# T\n\na{gap}<a@b.c>\nThu 7/9/2026{gap}7:02 AM\nTo: {gap}x\n\n---\n",
              f"# T\n\n{'a' * 100_000}@{'b' * 100_000}\nThu 7/9/2026 7:02 AM\n",
              f"---\nauthor:\n- a{gap}b\ndate: <2026-07-10 Fri{gap}16:05>\n---\n",
              f"\tDate:\t{gap}July 10, 2026\n\tFrom:\ta{gap}b\n\n# T\n",
              # the fifteenth set's shapes
              f"\fmessage{{ id:a{gap}b depth:0 match:1 excluded:0 filename:{gap}\n\fheader{{\nSubject: a{gap}b\nFrom: {gap}x\n"
              f"\fheader}}\n\fbody{{\n\fpart{{ ID: 1, Content-type: text/plain{gap}\nText{gap}\n\fpart}}{gap}x\n",
              "\fmessage{ id:a depth:0 match:1 excluded:0\n" + "\fpart{ ID: 1, Content-type: multipart/mixed\n" * 100 + gap,
              f"<!-- MHonArc v2.6.24 -->\n<!--X-Subject: a{gap}b -->\n<!--X-From-R13: {gap}-->{gap}x\n<!--X-Date:{gap}-->\n"
              f"<!--X-Head-End-->\n- *From*: a{gap}b\n<!--X-Body-of-Message-->\nText{gap}\n",
              "<!-- MHonArc v2.6.24 -->\n<!--X-Subject: " + "-->" * 50_000 + "\n<!--X-Head-End-->\n",
              f"=====\nT{gap}x\n=====\n\n:From: a{gap}b\n:Date: {gap}1 May 2026\n  {gap}x\n:{gap}: x\n",
              f"# P N: T{gap}x\n---\nCreated at: 2026-07-10\nSource: https://pn.example/{gap}\n---\n",
              "---\ntitle: " + "Aa " * 30_000 + "\nsource: https://" + "a" * 250 + ".example/\ncreated: 2026-07-10\n---\n",
              f"From: a{gap}b\nTo: c\nSubject: s{gap}\nFlags: {gap}x\nDate: {gap}1 May 2026\nMaildir: /{gap}\n\nText",
              # the sixteenth set's shapes (two long runs each at most: the body readers cost 0.3 s a megabyte)
              f"Content-Type: text/x-zim-wiki\nCreation-Date: {gap}\n\n====== T{gap}x ======\nCreated 1 May 2026\n"
              f"Source: a <a@b.c>,{gap}Fri\n", "Content-Type: text/x-zim-wiki\n\n" + "=" * 50_000 + " T " + "=" * 49_999,
              f"title: a{gap}b\nidentifier: 20260710T091502\n-----------\n\nFrom: a <a@b.c>, {gap}x\n",
              f"# T\n\nFrom: {'a' * 100_000}<a@b.c>,{gap}Fri\nTo: c\n",
              f'<!-- sent="{gap}x" -->\n<!-- name="a b" -->\n<!-- subject="s" -->\n\n# T\n\n**From:** a{gap}b\n',
              '<!-- sent="' + '"' * 100_000 + " -->\n",
              f"# [L{gap}] T\n\n**a** [a at b.c](mailto:{gap})\n*1 May 2026*\n\n- Previous message: x\n\n---\n\nText\n",
              "# T\n\n**" + "*" * 100_000 + "\n*" + "*" * 100_000 + "\n",
              f"#+title: a{gap}b\n#+date: [2026-07-10{gap}Fri]\n",
              f"# 2026\n\n## July\n\n### 2026-07-10 08:00{gap}T{gap}x\n",
              f"= T\na{gap}<a@b.c>; b\nv1,{gap}2026-07-10: x\n\nText"]
    start = time.process_time()
    for raw in shapes:
        export_headers(raw)
        split_newsletter(raw)
    # (55 shapes of 100,000 spaces or more: 2.9 to 3.6 s on the shared machine, 0.55 to 0.6 s of it the sixteenth set's
    # eleven; one quadratic pattern alone costs minutes)
    assert time.process_time() - start < 5


# The twelfth blind set's shapes: a Tana Paste, a yarle export of an Evernote note, an MDX page's 'export const meta',
# a OneNote page as ConvertOneNote2MarkDown writes it (the details a pandoc grid table), MarkDownload's front matter,
# Gmail's print view pasted, the headers as Markdown comments with German labels. Each gives subject, date and source
# and leaves its block (and the title over it) off the body.
TWELFTH = {
    "yarle": ("# Harbour cranes go electric\n\n---\nTag(s): #ports #newsletter\nNotebook: Newsletters\n"
              "Created at: 2026-07-10T08:03:44+02:00\nUpdated at: 2026-07-10T08:03:44+02:00\nSource: mail.smtp\n"
              "Author: Port Notes <hello@portnotes.example>\n---\n\n", "2026-07-10T08:03:44+02:00"),
    "mdx": ("import { NewsletterLayout } from '../components/layout'\n\nexport const meta = {\n"
            "  title: 'Harbour cranes go electric',\n  from: 'Port Notes <hello@portnotes.example>',\n"
            "  date: '2026-07-10T08:00:05Z',\n  tags: ['newsletter', 'ports'],\n}\n\n"
            "export default ({ children }) => <NewsletterLayout meta={meta}>{children}</NewsletterLayout>\n\n",
            "2026-07-10T08:00:05+00:00"),
    "onenote": ("# Harbour cranes go electric\n\nFriday, July 10, 2026\n\n9:14 AM\n\n+-------------+----------------------"
                "----------------------+\n| **Subject** | Harbour cranes go electric                 |\n+-------------+----"
                "----------------------------------------+\n| **From**    | Port Notes \\<hello@portnotes.example\\>     |\n"
                "|             | (via the ports list)                       |\n+-------------+-----------------------------"
                "---------------+\n| **Sent**    | Friday, July 10, 2026 8:00 AM              |\n+-------------+-----------"
                "---------------------------------+\n\n", "2026-07-10T08:00:00"),
    "markdownload": ("---\ncreated: 2026-07-10T08:00:00 (UTC +02:00)\ntags: [ports, newsletter]\n"
                     "source: https://portnotes.example/p/harbour-cranes\nauthor: Port Notes\n---\n\n"
                     "# Harbour cranes go electric\n\n> ## Excerpt\n> Ports, weekly.\n\n---\n\n", "2026-07-10T08:00:00+02:00"),
    "gmail-print": ("Gmail - Harbour cranes go electric\n\nAnna Kowal <anna.kowal@example.org>\n\n---\n\n"
                    "**Harbour cranes go electric**\n\n1 message\n\n**Port Notes** <hello@portnotes.example>\tFri, Jul 10, "
                    "2026 at 8:00 AM\nReply-To: Port Notes <reply@portnotes.example>\nTo: anna.kowal@example.org\n\n---\n\n",
                    "2026-07-10T08:00:00"),
    "comments-de": ("[//]: # (Betreff: Harbour cranes go electric)\n[//]: # (Von: Port Notes <hello@portnotes.example>)\n"
                    "[//]: # (Datum: Fr., 10. Juli 2026 08:00)\n[//]: # (An: leser@example.de)\n[//]: # (Ordner: Häfen)\n\n",
                    "2026-07-10T08:00:00"),
}


@pytest.mark.parametrize("shape", sorted(TWELFTH))
def test_the_twelfth_sets_header_shapes_give_subject_date_and_source(shape):
    head, date = TWELFTH[shape]
    letter = split_newsletter(head + BODY)
    assert (letter.subject, letter.date, letter.source, letter.forward) == (SUBJECT, date, "Port Notes", None)
    assert [item.title for item in letter.items] == TITLES


def test_a_tana_paste_gives_its_fields_and_its_body_as_top_level_nodes():
    raw = ("%%tana%%\n- Harbour cranes go electric #newsletter #[[port news]]\n  - From:: Port Notes <hello@portnotes.example>\n"
           "  - Received:: [[date:2026-07-10 08:00]]\n  - URL:: https://portnotes.example/issue-12\n  - Body::\n"
           "    - !! Harbour cranes go electric\n    - The port of Gdynia replaced its last diesel crane this spring.\n"
           "      - A child node stays a child.\n")
    headers, body = export_headers(raw)
    assert headers == {"subject": SUBJECT, "from": '"Port Notes" <hello@portnotes.example>', "date": "2026-07-10 08:00"}
    assert body == ("- !! Harbour cranes go electric\n- The port of Gdynia replaced its last diesel crane this spring.\n"
                    "  - A child node stays a child.\n")
    letter = split_newsletter(raw)
    assert (letter.subject, letter.date, letter.source) == (SUBJECT, "2026-07-10T08:00:00", "Port Notes")


def test_markdownloads_created_time_keeps_its_offset_and_its_day():
    headers, _ = export_headers("---\ncreated: 2026-07-03T19:42:17 (UTC +01:00)\nsource: https://a.example/p\n"
                                "author: Port Notes\n---\n\nText.")
    letter = split_newsletter("---\ncreated: 2026-07-03T19:42:17 (UTC +01:00)\nsource: https://a.example/p\n"
                              "author: Port Notes\n---\n\n" + BODY)
    assert headers["date"] == "2026-07-03T19:42:17 (UTC +01:00)" and letter.date == "2026-07-03T19:42:17+01:00"


@pytest.mark.parametrize("raw", [
    "%%tana%%\n\nNo node here.\n",  # a Tana Paste with no node under the marker
    "export const meta = {\n  layout: 'post',\n}\n\nText.",  # an MDX page's meta naming no sender, subject or date
    "+---+---+\n| Port | Cranes |\n+---+---+\n| Gdynia | 12 |\n+---+---+\n\nText.",  # a grid table of data
    "Gmail - Harbour cranes go electric\n\nText with no message count.\n",  # no print view under the title
    "[//]: # (TODO: write the intro)\n\nText.",  # one comment, no header lines
    "# Ports\n\nFriday, July 10, 2026\n\nThe cranes went electric.\n",  # a title and a date line over prose
])
def test_the_twelfth_sets_shapes_want_their_parts(raw):
    assert export_headers(raw) == ({}, raw)



# The thirteenth blind set's shapes: a Dendron note whose 'desc' is 'from Name <a@b>', the headers as an HTML
# definition list ('<dl class="mail-headers">', a received line with a middle dot), a Drafts note whose metadata comes
# last under a rule, a GitHub issue an inbox bot opened in an issue form's rendered shape ('### Subject' ... '### Body'),
# a Zettelkasten note whose title starts with its timestamp ID, a vimwiki page's '%title' / '%date' / '%from'
# placeholder lines, a SiYuan document's kramdown inline attribute list under its title. Each gives subject, date and
# source and leaves its block (and the title over it) off the body.
THIRTEENTH = {
    "dendron": ("---\nid: k3v9q0x1ports7r2m8n4\ntitle: \"Harbour cranes go electric\"\n"
                "desc: 'from Port Notes <hello@portnotes.example>'\nupdated: 1783670405000\ncreated: 1783670405000\n"
                "tags: [inbox.newsletter]\n---\n\n", "", "2026-07-10T08:00:05+00:00"),
    "html-dl": ('<dl class="mail-headers">\n<dt>Subject</dt><dd>Harbour cranes go electric</dd>\n'
                "<dt>From</dt><dd>Port Notes &lt;hello@portnotes.example&gt;</dd>\n"
                "<dt>Received</dt><dd>Friday, July 10, 2026 · 8:00 AM EDT</dd>\n<dt>Folder</dt><dd>Reading/Ports</dd>\n"
                "</dl>\n\n", "", "2026-07-10T08:00:00-04:00"),
    "drafts": ("", "\n---\n\ncreated: 2026-07-10T08:00:05+02:00\nfrom: Port Notes <hello@portnotes.example>\n"
                   "subject: Harbour cranes go electric\ntags: inbox, ports\n", "2026-07-10T08:00:05+02:00"),
    "issue-form": ("### Subject\n\nHarbour cranes go electric\n\n### Sender\n\nPort Notes <hello@portnotes.example>\n\n"
                   "### Received\n\n2026-07-10 08:00 (UTC+2)\n\n### Body\n\n", "", "2026-07-10T08:00:00+02:00"),
    "zettelkasten": ("# 202607100800 Harbour cranes go electric\n\nTags: #newsletter #ports\n"
                     "Source: Port Notes <hello@portnotes.example>\n\n---\n\n", "", "2026-07-10T08:00:00"),
    "vimwiki": ("%title Harbour cranes go electric\n%date 2026-07-10\n%from Port Notes <hello@portnotes.example>\n\n", "",
                "2026-07-10"),
    "siyuan": ('# Harbour cranes go electric\n{: id="20260710080005-q2m8x1k" updated="20260710080005" '
               'custom-from="Port Notes &lt;hello@portnotes.example&gt;" custom-mail="newsletter"}\n\n', "",
               "2026-07-10T08:00:05"),
}


@pytest.mark.parametrize("shape", sorted(THIRTEENTH))
def test_the_thirteenth_sets_header_shapes_give_subject_date_and_source(shape):
    head, tail, date = THIRTEENTH[shape]
    letter = split_newsletter(head + BODY + tail)
    assert (letter.subject, letter.date, letter.source, letter.forward) == (SUBJECT, date, "Port Notes", None)
    assert [item.title for item in letter.items] == TITLES
    assert not any("hello@portnotes" in item.title + item.content for item in letter.items)


def test_a_single_quoted_yaml_value_reads_its_doubled_quote_and_a_desc_its_from():
    """YAML writes a quote inside single quotes doubled ('O''Hara'); a Dendron note's desc 'from Name <a@b>' names
    the sender"""
    headers, body = export_headers("---\ntitle: 'Harbour cranes, O''Hara''s notes'\n"
                                   "desc: 'from O''Hara Ports <hello@oharaports.example>'\nupdated: 1783670405000\n---\n\nText.")
    assert headers == {"subject": "Harbour cranes, O'Hara's notes", "from": '"O\'Hara Ports" <hello@oharaports.example>',
                       "date": "1783670405000"}
    assert body == "\nText."


def test_a_vimwiki_pages_title_heading_stays_text():
    """vimwiki's '= title =' heading under the placeholders is no Markdown: it stays in the body as written"""
    raw = ("%title Harbour cranes go electric\n%date 2026-07-10\n%from Port Notes <hello@portnotes.example>\n\n"
           "= Harbour cranes go electric =\n\n" + BODY)
    headers, body = export_headers(raw)
    assert headers == {"subject": SUBJECT, "from": '"Port Notes" <hello@portnotes.example>', "date": "2026-07-10"}
    assert body.lstrip("\n").startswith("= Harbour cranes go electric =")


@pytest.mark.parametrize("raw", [
    "<dl>\n<dt>Port</dt><dd>Gdynia</dd>\n<dt>Cranes</dt><dd>12</dd>\n</dl>\n\nText.",  # a definition list of data
    "The cranes went electric.\n\n---\n\ntags: ports, cranes\n",  # a rule and one key at the end, no header
    "The cranes went electric.\n\nfrom: the harbour master\nsubject: cranes\n",  # key lines at the end, no rule above
    "### Subject\n\nThe topic this week is ports.\n\n### Next week\n\nCranes.\n",  # one form field, no header
    "# 123456789012 things about ports\n\nSource: the harbour\n\nText.",  # twelve digits that are no timestamp
    "%title Ports\n\nText.",  # a vimwiki title alone
    '# Ports\n{: id="20260710080005-q2m8x1k"}\n\nText.',  # a SiYuan attribute list naming no sender or date
])
def test_the_thirteenth_sets_shapes_want_their_parts(raw):
    assert export_headers(raw) == ({}, raw)


@pytest.mark.parametrize("raw", [
    '# Ports\n{: id="x" updated="20261399999999" custom-from="Port Notes &lt;hello@portnotes.example&gt;"}\n\nText.',
    "# 202613991506 Ports\n\nSource: Port Notes <hello@portnotes.example>\n\nText.",
])
def test_a_note_apps_timestamp_that_is_no_time_is_no_error(raw):
    """Fourteen or twelve digits where a note app writes its local timestamp, but no date (month 13): the export is
    read without an error (a SiYuan value stays as written; a Zettelkasten ID that is no time makes no note title)."""
    headers, _ = export_headers(raw)
    assert headers.get("date") in (None, "20261399999999")



# The fourteenth blind set's shapes: a Joplin RAW export (the title first, the note's properties last, no rule above
# them), a Day One plain-text export (tab-indented 'Date:' / 'Tags:' / 'Location:' / 'From:' lines, the entry's heading
# under them), an mbox message as mutt saves it ('From a@b <asctime>', its header lines), Omnivore's front matter with
# YAML block scalars ('title: |'), an h-entry header, Outlook on the web's reading pane pasted under the subject's
# heading, pandoc's YAML of an Org-mode capture (an unindented list, an Org timestamp). Each gives subject, date and
# source, names no forward, and leaves its block (and the title over it) off the body.
JOPLIN_PROPERTIES = ("id: 7c2e9f41a0b34d5e8f6a1b2c3d4e5f60\nparent_id: 0d9e8c7b6a5f4e3d2c1b0a9f8e7d6c5b\n"
                     "created_time: 2026-07-10T06:00:05.000Z\nupdated_time: 2026-07-10T06:00:05.000Z\nis_conflict: 0\n"
                     "latitude: 0.00000000\nlongitude: 0.00000000\naltitude: 0.0000\n"
                     "author: Port Notes <hello@portnotes.example>\nsource_url: \nis_todo: 0\nsource: joplin-desktop\n"
                     "source_application: net.cozic.joplin-desktop\norder: 0\nencryption_applied: 0\nmarkup_language: 1\n"
                     "is_shared: 0\nshare_id: \ntype_: 1")
FOURTEENTH = {
    "joplin-raw": (f"{SUBJECT}\n\n", f"\n{JOPLIN_PROPERTIES}", "2026-07-10T06:00:05+00:00"),
    "day-one": ("\tDate:\tJuly 10, 2026 at 8:00:05 AM CEST\n\tTags:\tnewsletter, ports\n\tLocation:\tGdynia, Poland\n"
                f"\tFrom:\tPort Notes <hello@portnotes.example>\n\n# {SUBJECT}\n\n", "", "2026-07-10T08:00:05+02:00"),
    "mbox": ("From hello@portnotes.example Fri Jul 10 06:00:05 2026\nReturn-Path: <bounce-12@portnotes.example>\n"
             "From: Port Notes <hello@portnotes.example>\nTo: anna.kowal@example.org\nSubject: Harbour cranes go\n"
             " electric\nDate: Fri, 10 Jul 2026 08:00:05 +0200\nMessage-ID: <issue-12@portnotes.example>\nStatus: RO\n\n",
             "", "2026-07-10T08:00:05+02:00"),
    "omnivore": ("---\nid: 2f8c1d4e-9a37-11ef-8b2c-4f6e1d0a7c55\ntitle: |\n  Harbour cranes go electric\nauthor: |\n"
                 "  Port Notes <hello@portnotes.example>\ntags:\n  - newsletter\ndate_saved: 2026-07-10 09:12:44\n"
                 "date_published: 2026-07-10 08:00:05\n---\n\n", "", "2026-07-10T08:00:05"),
    "h-entry": ('<article class="h-entry">\n<header>\n<h1 class="p-name">Harbour cranes go electric</h1>\n'
                '<p>From <a class="p-author h-card" href="mailto:hello@portnotes.example">Port Notes</a>\n'
                '<time class="dt-published" datetime="2026-07-10T06:00:05+00:00">July 10, 2026, 06:00 UTC</time></p>\n'
                "</header>\n</article>\n\n", "", "2026-07-10T06:00:05+00:00"),
    "outlook-web-pane": (f"# {SUBJECT}\n\nPort Notes <hello@portnotes.example>\nFri 7/10/2026 8:00 AM\nTo: Anna Kowal\n\n"
                         "---\n\n", "", "2026-07-10T08:00:00"),
    "pandoc-org": ('---\nauthor:\n- Port Notes <hello@portnotes.example>\ndate: <2026-07-10 Fri 08:00>\n'
                   'title: "Harbour cranes go electric"\n---\n\n', "", "2026-07-10T08:00:00"),
}


@pytest.mark.parametrize("shape", sorted(FOURTEENTH))
def test_the_fourteenth_sets_header_shapes_give_subject_date_and_source(shape):
    head, tail, date = FOURTEENTH[shape]
    # (an mbox message is a whole message unless the caller says Markdown; an h-entry's tags over a body with fewer than
    # five Markdown marks, as this short one, make an undeclared input read as HTML: split.detect_format)
    for fmt in ("markdown",) if shape == "h-entry" else (None, "markdown"):
        letter = split_newsletter(head + BODY + tail, fmt)
        assert (letter.subject, letter.date, letter.source, letter.forward) == (SUBJECT, date, "Port Notes", None)
        assert [item.title for item in letter.items] == TITLES
        assert not any("hello@portnotes" in item.title + item.content or "type_" in item.content for item in letter.items)


def test_a_joplin_raw_export_loses_its_title_and_its_properties():
    headers, body = export_headers(f"{SUBJECT}\n\n{BODY}\n{JOPLIN_PROPERTIES}\n")
    assert headers == {"subject": SUBJECT, "from": '"Port Notes" <hello@portnotes.example>',
                       "date": "2026-07-10T06:00:05.000Z"}
    assert body.strip() == BODY.strip()


def test_an_mbox_messages_header_lines_are_no_forward():
    """The header lines under an mbox separator are the message's own (forward.py reads on under them: a forward in
    its body is still found)"""
    head = FOURTEENTH["mbox"][0].replace("go\n electric", "go electric")  # (unfolded: Outlook's four labels in a row)
    assert unwrap(head + BODY, "markdown") is None
    inner = (head.replace("Port Notes <hello@", "Anna Kowal <anna@").replace("hello@portnotes", "anna@x")
             + "See this.\n\n---------- Forwarded message ---------\nFrom: Port Notes <hello@portnotes.example>\n"
             "Date: Fri, Jul 10, 2026 at 8:00 AM\nSubject: Harbour cranes go electric\nTo: <anna@x.example>\n\n\n" + BODY)
    forward = unwrap(inner, "markdown")
    assert forward is not None and forward.client == "gmail" and forward.sender == '"Port Notes" <hello@portnotes.example>'


@pytest.mark.parametrize("raw", [
    "The cranes went electric.\n\nauthor: Port Notes <hello@portnotes.example>\ntype_: 1\n",  # no Joplin id
    '<article class="post">\n<h1 class="p-name">Ports</h1>\n<a class="p-author" href="mailto:a@b.c">A</a>\n</article>\n\nText.',
    "Port Notes <hello@portnotes.example>\nWrites about ports every Friday.\n\nText.",  # a mailbox over no date
    "Port Notes <hello@portnotes.example>",  # a mailbox alone
    "From the harbour master's desk\n\nSubject: cranes\n\nText.",  # no mbox separator
    "---\ntitle: |\nsummary: Ports\n---\n\nText.",  # an empty block scalar, nothing else known
])
def test_the_fourteenth_sets_shapes_want_their_parts(raw):
    assert export_headers(raw) == ({}, raw)



# The fifteenth blind set's shapes: a message as notmuch show --format=text prints it (form feeds before its markers), a
# MHonArc archive page saved as Markdown (its X- comments, the shown fields, the body between its markers), a
# reStructuredText title over docutils' bibliographic fields, mu4e's message view (From / To / Subject / Flags / Date /
# Maildir), a Usenet article from a list-to-news gateway (Path / From / Newsgroups / Subject / Date / ... / Lines), the
# Obsidian Web Clipper's default properties (the author a list of quoted wikilinks, the source the page's URL). Each
# gives subject, date and source, names no forward, and leaves its block (and a title over it) off the body.
NOTMUCH_HEAD = ("\fmessage{ id:issue-12@portnotes.example depth:0 match:1 excluded:0 "
                "filename:/home/anna/mail/INBOX/cur/1783670405.M118P.kniha:2,S\n\fheader{\n"
                "Port Notes <hello@portnotes.example> (2026-07-10) (inbox newsletter)\nSubject: Harbour cranes go electric\n"
                "From: Port Notes <hello@portnotes.example>\nTo: anna.kowal@example.org\nDate: Fri, 10 Jul 2026 08:00:05 +0200\n"
                "\fheader}\n\fbody{\n")


def _mrot13(text: str) -> str:
    """MHonArc's modified rot13 (mhutil.pl: tr/@A-Z[a-z/N-Z[@A-Mn-za-m/)"""
    return text.translate(str.maketrans("@ABCDEFGHIJKLMNOPQRSTUVWXYZ[abcdefghijklmnopqrstuvwxyz",
                                        "NOPQRSTUVWXYZ[@ABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm"))


MHONARC_HEAD = ("<!-- MHonArc v2.6.24 -->\n<!--X-Subject: Harbour cranes go electric -->\n"
                f"<!--X-From-R13: {_mrot13('Port Notes <hello@port&#45;notes.example>')} -->\n"
                "<!--X-Date: Fri, 10 Jul 2026 06:00:05 +0000 -->\n<!--X-Message-Id: issue&#45;12@port&#45;notes.example -->\n"
                "<!--X-Content-Type: text/plain -->\n<!--X-Head-End-->\n")
FIFTEENTH = {
    "notmuch": (NOTMUCH_HEAD + "\fpart{ ID: 1, Content-type: text/markdown\n", "\fpart}\n\fbody}\n\fmessage}\n",
                "2026-07-10T08:00:05+02:00"),
    "notmuch-multipart": (NOTMUCH_HEAD + "\fpart{ ID: 1, Content-type: multipart/alternative\n"
                          "\fpart{ ID: 2, Content-type: text/plain\n",
                          "\fpart}\n\fpart{ ID: 3, Content-type: text/html\nNon-text part: text/html\n\fpart}\n\fpart}\n"
                          "\fbody}\n\fmessage}\n", "2026-07-10T08:00:05+02:00"),
    "mhonarc-page": (MHONARC_HEAD + "<!--X-Body-Begin-->\n<!--X-User-Header-->\n<!--X-User-Header-End-->\n<!--X-TopPNI-->\n"
                     "---\n\n[Date Prev](msg00011.html) [Date Next](msg00013.html) [Thread Index](threads.html)\n\n"
                     "<!--X-TopPNI-End-->\n<!--X-MsgBody-->\n<!--X-Subject-Header-Begin-->\n\n# Harbour cranes go electric\n\n"
                     "---\n\n<!--X-Subject-Header-End-->\n<!--X-Head-of-Message-->\n\n- *Subject*: Harbour cranes go electric\n"
                     "- *From*: Port Notes &lt;hello@port-notes.example&gt;\n- *Date*: Fri, 10 Jul 2026 06:00:05 +0000\n\n"
                     "<!--X-Head-of-Message-End-->\n<!--X-Head-Body-Sep-Begin-->\n\n---\n\n<!--X-Head-Body-Sep-End-->\n"
                     "<!--X-Body-of-Message-->\n\n",
                     "\n<!--X-Body-of-Message-End-->\n<!--X-MsgBody-End-->\n<!--X-Follow-Ups-->\n\n---\n\n"
                     "- Prev by Date: **[Tide tables, rewritten](msg00011.html)**\n", "2026-07-10T06:00:05+00:00"),
    "mhonarc-comments": (MHONARC_HEAD + "<!--X-Body-of-Message-->\n\n", "<!--X-Body-of-Message-End-->\n",
                         "2026-07-10T06:00:05+00:00"),
    "rst": ("==========================\nHarbour cranes go electric\n==========================\n\n"
            ":From: Port Notes <hello@portnotes.example>\n:Date: 2026-07-10 06:00 UTC\n:Tags: ports, weekly\n\n", "",
            "2026-07-10T06:00:00+00:00"),
    "rst-subject-field": ("Port Notes, July 10 2026\n========================\n\n:Subject: Harbour cranes go electric\n"
                          ":From: Port Notes\n    <hello@portnotes.example>\n:Date: 2026-07-10 06:00 UTC\n\n", "",
                          "2026-07-10T06:00:00+00:00"),
    "mu4e": ("From: Port Notes <hello@portnotes.example>\nTo: anna.kowal@posteo.de\nSubject: Harbour cranes go electric\n"
             "Flags: seen, list\nDate: Fri 10 Jul 2026 08:00:05 CEST\nMaildir: /posteo/Newsletters\n\n", "",
             "2026-07-10T08:00:05+02:00"),
    "usenet": ("Path: news.homelab.lan!not-for-mail\nFrom: Port Notes <hello@portnotes.example>\n"
               "Newsgroups: local.lists.portnotes\nSubject: Harbour cranes go electric\nDate: Fri, 10 Jul 2026 08:00:05 +0200\n"
               "Organization: list2news gateway\nMessage-ID: <portnotes-12.list2news@news.homelab.lan>\n"
               "Xref: news.homelab.lan local.lists.portnotes:12\nLines: 9\n\n", "", "2026-07-10T08:00:05+02:00"),
    "obsidian-clipper": ('---\ntitle: "Harbour cranes go electric"\nsource: "https://portnotes.substack.com/p/harbour-cranes"\n'
                         'author:\n  - "[[Port Notes]]"\npublished: 2026-07-10\ncreated: 2026-07-11\n'
                         'description: "Ports, weekly."\ntags:\n  - "clippings"\n---\n\n', "", "2026-07-10"),
}


@pytest.mark.parametrize("shape", sorted(FIFTEENTH))
def test_the_fifteenth_sets_header_shapes_give_subject_date_and_source(shape):
    head, tail, date = FIFTEENTH[shape]
    # (a Usenet article's and mu4e's header lines make a whole message unless the caller says Markdown)
    for fmt in (None, "markdown"):
        letter = split_newsletter(head + BODY + tail, fmt)
        assert (letter.subject, letter.date, letter.source, letter.forward) == (SUBJECT, date, "Port Notes", None)
        assert [item.title for item in letter.items] == TITLES
        assert not any(mark in item.title + item.content for item in letter.items
                       for mark in ("portnotes.example", "port-notes", "part}", "X-Body", "Non-text", "Prev by Date"))


@pytest.mark.parametrize("shape", ["notmuch", "mhonarc-comments", "rst", "rst-subject-field", "mu4e"])
def test_the_fifteenth_sets_shapes_give_their_fields_and_body(shape):
    head, tail, date = FIFTEENTH[shape]
    headers, body = export_headers(head + BODY + tail)
    assert headers["subject"] == SUBJECT and "Port Notes" in headers["from"] and normalise_date(headers["date"]) == date
    assert body.strip() == BODY.strip() or shape == "mu4e"


def test_a_notmuch_messages_header_lines_are_no_forward():
    """notmuch's header part (Subject / From / To / Date) is the message's own; a forward in its body is still found"""
    raw = NOTMUCH_HEAD + "\fpart{ ID: 1, Content-type: text/plain\n" + BODY + "\fpart}\n\fbody}\n\fmessage}\n"
    assert unwrap(raw, "markdown") is None and unwrap(raw.replace("\f", ""), "text") is None
    inner = raw.replace(BODY, "See this.\n\n---------- Forwarded message ---------\nFrom: Port Notes <hello@portnotes.example>\n"
                              "Date: Fri, Jul 10, 2026 at 8:00 AM\nSubject: Harbour cranes go electric\nTo: <anna@x.example>\n\n\n"
                              + BODY)
    forward = unwrap(inner, "markdown")
    assert forward is not None and forward.client == "gmail" and forward.sender == '"Port Notes" <hello@portnotes.example>'


def test_mhonarcs_from_r13_is_its_modified_rot13():
    """X-From-R13 turns the capitals with '@' and '[' (an 'M' is written '[', an '@' 'N'): read back by the same map"""
    encoded = _mrot13("Marc <M@N.example>")
    assert encoded == "[nep <[N@.rknzcyr>"
    headers, _ = export_headers(f"<!-- MHonArc v2.6.24 -->\n<!--X-Subject: S -->\n<!--X-From-R13: {encoded} -->\n"
                                "<!--X-Date: Fri, 10 Jul 2026 06:00:05 +0000 -->\n<!--X-Head-End-->\n\nText.\n")
    assert headers["from"] == '"Marc" <M@N.example>'


def test_a_clipped_pages_url_gives_the_site_its_subject_spells():
    """yarle's template over a clipped page: 'Source:' the page's URL, no author: the site's name as the subject spells it"""
    raw = ("# Port Notes: Harbour cranes go electric\n---\nTags: ports\nNotebook: Inbox\nCreated at: 2026-07-10T08:12:44+01:00\n"
           "Updated at: 2026-07-10T08:12:44+01:00\nSource: https://www.portnotes.example/email/2026-07-10\n---\n\n" + BODY)
    letter = split_newsletter(raw)
    assert (letter.subject, letter.date, letter.source) == ("Port Notes: Harbour cranes go electric",
                                                            "2026-07-10T08:12:44+01:00", "Port Notes")
    for subject, url in (("Harbour cranes go electric", "https://portnotes.example/x"),  # the subject names no site
                         ("Port notes: cranes", "https://portnotes.example/x"),  # no name in capitals
                         ("Port Notes: cranes", "https://mail.example.org/x")):  # another site
        headers, _ = export_headers(f"# {subject}\n---\nCreated at: 2026-07-10\nSource: {url}\n---\n\n{BODY}")
        assert "from" not in headers and "source" not in headers


@pytest.mark.parametrize("raw", [
    "\fmessage{ id:x depth:0 match:1\n\fheader{\nSubject: s\n",  # no 'excluded:' field: no notmuch line
    "<!-- MHonArc v2.6.24 -->\n<!--X-Subject: S -->\nText.\n",  # no X-Head-End
    "<!-- MHonArc v2.6.24 -->\n<!--X-Subject: S -->\n<!--X-Head-End-->\n\nText.\n",  # a subject alone
    ":From: Port Notes <hello@portnotes.example>\n\nText.",  # one field
    ":wave: Hello from the harbour\n:ship: Two cranes went electric\n\nText.",  # emoji shortcodes, no fields
    "=====\nNotes\n-----\n\n:From: a\n",  # an overline and an underline that differ, one field
])
def test_the_fifteenth_sets_shapes_want_their_parts(raw):
    assert export_headers(raw) == ({}, raw)


# The sixteenth blind set's shapes: a Zim desktop wiki page (its header block, its '====== Title ======' heading, its
# 'Created <date>' line in the desktop's language, a pasted 'Source: Name <a@b>, <date>' line), Denote's plain-text front
# matter (title / date / tags / identifier over a rule of dashes, a pasted 'From: Name <a@b>, <date>' line), a Hypermail
# archive page saved as Markdown (its '<!-- key="value" -->' comments, the address with '_at_'), a Mailman 2 pipermail
# archive page ('# [List] Subject', the bold name over 'name at example.org', the date in italics, the page's lists), an
# Org-mode note's '#+' keywords (an Org timestamp with an Indonesian weekday), jrnl's Markdown export ('# 2026' / '## July'
# / '### 2026-07-10 08:00 Title'), an AsciiDoc document header (title, author line, revision line, attribute entries).
# Each gives subject, date and source, names no forward, and leaves its block off the body.
SIXTEENTH = {
    "zim": ("Content-Type: text/x-zim-wiki\nWiki-Format: zim 0.6\nCreation-Date: 2026-07-10T11:12:40+03:00\n\n"
            "====== Harbour cranes go electric ======\nCreated perjantai 10 heinäkuu 2026\n"
            "Source: Port Notes <hello@portnotes.example>, Fri, 10 Jul 2026 06:00:05 +0000\n\n", "",
            "2026-07-10T06:00:05+00:00"),
    "zim-from-line": ("Content-Type: text/x-zim-wiki\nWiki-Format: zim 0.4\nCreation-Date: 2026-07-10T09:12:40+02:00\n\n"
                      "====== Harbour cranes go electric ======\nCreated Friday 10 July 2026\n\n"
                      "From: Port Notes <hello@portnotes.example>\n\n", "", "2026-07-10T09:12:40+02:00"),
    "zim-markdown": ("Content-Type: text/x-zim-wiki\nWiki-Format: zim 0.4\nCreation-Date: 2026-07-10T09:12:40+03:00\n\n"
                     "# Harbour cranes go electric\nCreated пятница 10 Июль 2026\n\n"
                     "Source: Port Notes <hello@portnotes.example>\n\n", "", "2026-07-10T09:12:40+03:00"),
    "denote": ("title:      Harbour cranes go electric\ndate:       2026-07-10\ntags:       newsletter  ports\n"
               "identifier: 20260710T091502\n---------------------------\n\n"
               "From: Port Notes <hello@portnotes.example>, Fri, 10 Jul 2026 06:00:05 +0000\n\n", "",
               "2026-07-10T06:00:05+00:00"),
    "hypermail": ('<!-- received="Fri Jul 10 2026 - 06:00:40 UTC" -->\n<!-- isoreceived="20260710060040" -->\n'
                  '<!-- sent="Fri, 10 Jul 2026 06:00:05 +0000" -->\n<!-- isosent="20260710060005" -->\n'
                  '<!-- name="Port Notes" -->\n<!-- email="hello_at_portnotes.example" -->\n'
                  '<!-- subject="Harbour cranes go electric" -->\n<!-- id="issue-12_at_portnotes.example" -->\n'
                  '<!-- charset="utf-8" -->\n<!-- expires="-1" -->\n\n# Harbour cranes go electric\n\n'
                  '**From:** Port Notes <[hello_at_portnotes.example](mailto:hello_at_portnotes.example?Subject=Re:%20Harbour)>  \n'
                  '**Date:** Fri, 10 Jul 2026 06:00:05 +0000\n\n', '\n<!-- body="end" -->\n', "2026-07-10T06:00:05+00:00"),
    "pipermail": ("# [Port-notes] Harbour cranes go electric\n\n**Port Notes** [hello at portnotes.example]"
                  "(mailto:port-notes%40lists.example.org?Subject=Re%3A%20%5BPort-notes%5D%20Harbour)  \n"
                  "*Fri Jul 10 08:00:05 CEST 2026*\n\n- Previous message: [[Port-notes] Tide tables, rewritten](000011.html)\n"
                  "- Next message: [[Port-notes] Crane shifts](000013.html)\n- **Messages sorted by:** [[ date ]](date.html#12) "
                  "[[ thread ]](thread.html#12) [[ subject ]](subject.html#12) [[ author ]](author.html#12)\n\n---\n\n",
                  "\n---\n\n- Previous message: [[Port-notes] Tide tables, rewritten](000011.html)\n"
                  "- Next message: [[Port-notes] Crane shifts](000013.html)\n\n"
                  "[More information about the Port-notes mailing list](https://lists.example.org/listinfo/port-notes)\n",
                  "2026-07-10T08:00:05+02:00"),
    "org-keywords": ("#+title: Harbour cranes go electric\n#+author: Port Notes\n#+email: hello@portnotes.example\n"
                     "#+date: [2026-07-10 Jum 08:00]\n#+filetags: :pelabuhan:newsletter:\n#+startup: showall\n\n", "",
                     "2026-07-10T08:00:00"),
    "jrnl": ("# 2026\n\n## July\n\n### 2026-07-10 08:00 Harbour cranes go electric\n\n"
             "From: Port Notes <hello@portnotes.example>, Fri, 10 Jul 2026 06:00:05 +0000\n\n", "", "2026-07-10T06:00:05+00:00"),
    "asciidoc": ("= Harbour cranes go electric\nPort Notes <hello@portnotes.example>\n2026-07-10, 06:00 UTC\n"
                 ":description: Ports, weekly, saved from the inbox\n:keywords: newsletter, ports\n"
                 ":source-url: https://portnotes.example/issue-12\n\n", "", "2026-07-10T06:00:00+00:00"),
    "asciidoc-revision": ("= Harbour cranes go electric\nPort Notes <hello@portnotes.example>; Anna Kowal <anna@x.example>\n"
                          "v12, 2026-07-10: the weekly issue\n:toc:\n\n", "", "2026-07-10"),
}


@pytest.mark.parametrize("shape", sorted(SIXTEENTH))
def test_the_sixteenth_sets_header_shapes_give_subject_date_and_source(shape):
    head, tail, date = SIXTEENTH[shape]
    for fmt in (None, "markdown"):  # (a Zim page's header block made a whole message, with no part)
        letter = split_newsletter(head + BODY + tail, fmt)
        assert (letter.subject, letter.date, letter.source, letter.forward) == (SUBJECT, date, "Port Notes", None)
        assert [item.title for item in letter.items] == TITLES
        assert not any(mark in item.title + item.content for item in letter.items
                       for mark in ("portnotes.example", "Port-notes", "Created", "identifier", "body=", "#+", ":toc:"))


@pytest.mark.parametrize("shape", ["zim", "denote", "hypermail", "org-keywords", "jrnl", "asciidoc"])
def test_the_sixteenth_sets_shapes_give_their_fields_and_body(shape):
    head, tail, date = SIXTEENTH[shape]
    headers, body = export_headers(head + BODY + tail)
    assert headers["subject"] == SUBJECT and "Port Notes" in headers["from"] and normalise_date(headers["date"]) == date
    assert body.strip() == BODY.strip() or (shape == "hypermail" and body.strip() == f"# {SUBJECT}\n\n{BODY.strip()}")


def test_a_pipermail_page_keeps_the_subject_as_its_title_without_the_lists_tag():
    head, tail, _ = SIXTEENTH["pipermail"]
    for address in ("hello at portnotes.example", "hello@portnotes.example"):  # (an archive that does not hide the '@')
        headers, body = export_headers(head.replace("hello at portnotes.example", address) + BODY + tail)
        assert headers == {"subject": SUBJECT, "from": '"Port Notes" <hello@portnotes.example>',
                           "date": "Fri Jul 10 08:00:05 CEST 2026"}
        assert body.strip() == f"# {SUBJECT}\n\n{BODY.strip()}"


def test_a_sender_with_its_date_on_one_line_gives_both():
    """'From: Name <a@b>, Tue, 14 Jul 2026 15:30:12 +0000' as people paste it under a note's title: the sender, and the
    date (after a Date line's, before the note's own)"""
    dated = "From: Port Notes <hello@portnotes.example>, Fri, 10 Jul 2026 06:00:05 +0000\n"
    for lines, date in ((dated + "To: anna@x.example\n", "Fri, 10 Jul 2026 06:00:05 +0000"),
                        (dated + "Date: 2026-07-11\n", "2026-07-11")):
        headers, _ = export_headers(f"# {SUBJECT}\n\n{lines}\n{BODY}")
        assert headers == {"subject": SUBJECT, "from": '"Port Notes" <hello@portnotes.example>', "date": date}
    headers, _ = export_headers(f"# {SUBJECT}\n\nFrom: Port Notes <hello@portnotes.example>, the harbour desk\nTo: a\n\n"
                                + BODY)
    assert headers["from"] == "Port Notes <hello@portnotes.example>, the harbour desk" and "date" not in headers


def test_a_zim_page_is_no_email():
    from newsletters.email_message import looks_like_email

    head = SIXTEENTH["zim"][0]
    assert not looks_like_email((head + BODY).encode())
    assert looks_like_email(b"From: a@b.example\nContent-Type: text/plain\n\nText")


@pytest.mark.parametrize("raw", [
    "Content-Type: text/plain\nWiki-Format: zim 0.6\n\nText.",  # no Zim page
    "identifier: 20260710T091502\ntags:       ports\n---------------------------\n\nText.",  # no title
    "title:      Notes\nidentifier: 20260710T091502\n\nText.",  # no rule under it
    '<!-- name="Port Notes" -->\n<!-- subject="Cranes" -->\n\nText.',  # Hypermail's comments without a date
    # a pipermail page's sender and date with no page lists under them
    "# Cranes\n\n**Port Notes** [hello at portnotes.example](mailto:l%40x.example)\n*Fri Jul 10 08:00:05 CEST 2026*\n\nText.",
    "#+startup: showall\n#+title: Cranes\n\nText.",  # one known keyword
    "# 2026\n\n## July\n\nText.",  # no entry
    "# 2026\n\n## July\n\n### 2025-07-10 08:00 Cranes\n\nText.",  # an entry of another year
    "= Cranes\nThe harbour desk writes:\n\nText.",  # no author line
    "= Cranes\n\nText.",  # a title alone
])
def test_the_sixteenth_sets_shapes_want_their_parts(raw):
    assert export_headers(raw) == ({}, raw)
