"""Shapes first seen in the eighth set (re-written development fixtures): a search alert's '[PDF]' mark
before each title, a link aggregator's digest whose text part lost the links ('• Title ( link, discussion,
812 points, 297 comments )'), and a news brief whose stories open with a bold whole sentence ('<b>Pilots
vote on a strike.</b> A walkout ...'). Each input is written here, in the forms pipelines give it."""

import re

import pytest

from newsletters import split_newsletter


def _keys(letter) -> list[str]:
    return [re.sub(r"[^a-z0-9]", "", item.title.casefold()) for item in letter.items]


def _key(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", title.casefold())


PAPERS = [("PDF", "Tokenizer-Free Language Models for Low-Resource Scripts", "A Osei, K Lind - arXiv preprint, 2026"),
          ("HTML", "Measuring Drift in Deployed Speech Recognisers", "M Roy - Interspeech, 2026"),
          ("", "A Benchmark for Table Question Answering in Spreadsheets", "L Chen, P Abara - ACL Findings, 2026"),
          ("BOOK", "Practical Evaluation of Retrieval Systems", "R Moss - Northfield Press, 2026")]


def _alert_html() -> str:
    rows = "".join(
        f'<h3 style="font-weight:normal;margin:0;font-size:17px"><a href="https://scholar.example.com/scholar_url?id={n}">'
        + (f"<span style=\"font-size:11px;font-weight:bold\">[{tag}]</span> " if tag else "")
        + f'{title}</a></h3><div style="color:#006621">{authors}</div>'
        f"<div>We study the problem in depth and report results on three benchmarks, with code released for "
        f"others to build on …</div><br>" for n, (tag, title, authors) in enumerate(PAPERS))
    return f'<html><body><div style="font-family:arial">{rows}<p>Cancel alert</p></div></body></html>'


def _alert_text() -> str:
    return "\n\n".join(
        (f"[{tag}] " if tag else "") + f"{title}\n{authors}\nWe study the problem in depth and report results "
        f"on three benchmarks, with code released for others to build on …\nhttps://scholar.example.com/scholar_url?id={n}"
        for n, (tag, title, authors) in enumerate(PAPERS)) + "\n\nCancel alert\n"


@pytest.mark.parametrize("raw", [_alert_html(), _alert_text()], ids=["html", "text"])
def test_a_search_alerts_document_kind_mark_is_no_part_of_the_title(raw):
    assert _keys(split_newsletter(raw)) == [_key(title) for _, title, _ in PAPERS]


STORIES = [("A 30-year-old Fortran solver still runs the tide tables", "link, discussion, 812 points, 297 comments"),
           ("Ask HN: What do you keep in your notes app?", "discussion, 547 points, 631 comments"),
           ("Show HN: A spreadsheet that fits in a QR code", "link, discussion, 655 points, 143 comments"),
           ("Git will switch its default hash", "link, discussion, 238 points, 175 comments"),
           ("The last bookbinder on the island", "link, discussion, 203 points, 38 comments")]


def _digest_text() -> str:
    lines = "\n".join(f"• {title} ( {tail} )" for title, tail in STORIES)
    return f"HackerNewsDigest\n\nHere are the top stories for Tuesday:\n\n{lines}\n\nUnsubscribe: https://digest.example.com/u\n"


def _digest_markdownify() -> str:
    """markdownify keeps the HTML source's line breaks: '(' and ')' on lines of their own."""
    items = []
    for n, (title, tail) in enumerate(STORIES):
        anchors = [f"[{word}](https://{'news' if word == 'discussion' else 'site'}.example.com/{n})," for word in
                   tail.split(", ") if word in ("link", "discussion")]
        counts = ", ".join(w for w in tail.split(", ") if w not in ("link", "discussion"))
        items.append("\n".join([f"* {title}", "  ("] + [f"  {a}" for a in anchors] + [f"  {counts}", "  )"]))
    return "HackerNewsDigest\n================\n\nHere are the top stories for Tuesday:\n\n" + "\n".join(items) + "\n"


@pytest.mark.parametrize("raw", [_digest_text(), _digest_text().replace("\n", "\r\n"), _digest_markdownify()],
                         ids=["text", "crlf", "markdownify"])
def test_an_aggregators_digest_without_links_in_its_text_part_gives_every_story(raw):
    letter = split_newsletter(raw)
    assert _keys(letter) == [_key(title) for title, _ in STORIES], letter.reason
    assert not any("points" in item.title or "•" in item.title for item in letter.items)


BRIEF = [("What to watch today", [("The central bank decides on rates.", "Economists expect a hold, with one dissent."),
                                  ("Budget airline pilots vote on a strike.", "A walkout would ground 300 daily flights.")]),
         ("While you were sleeping", [("A grocer cut prices on 1,500 items.", "The move follows pressure from regulators."),
                                      ("An automaker delayed its electric pickup.", "It blamed a shortage of separators.")])]


def _brief_html(link: bool) -> str:
    body = ""
    for header, stories in BRIEF:
        body += f"<h2><strong>{header}</strong></h2>"
        for lead, rest in stories:
            rest_html = f'{rest} <a href="https://news.example.com/{len(lead)}">More here</a>.' if link else rest
            body += f"<p><strong>{lead}</strong> {rest_html} The details are in the full report out this morning.</p>"
    return (f"<html><body><table><tr><td><p>Good morning, readers!</p>{body}"
            "<p>Our best wishes for a productive day.</p></td></tr></table></body></html>")


@pytest.mark.parametrize("link", [True, False], ids=["linked", "unlinked"])
def test_a_briefs_stories_are_titled_by_their_bold_first_sentence(link):
    titles = [lead for _, stories in BRIEF for lead, _ in stories]
    assert _keys(split_newsletter(_brief_html(link))) == [_key(t) for t in titles]


def test_bold_sentences_inside_an_essays_story_are_its_text():
    """Under a story's heading and its first paragraph, paragraphs that open with a bold sentence are the
    essay's emphasis, not stories."""
    raw = ("<html><body><h2>Is the monorepo backlash real?</h2>"
           "<p>In the past month, two companies known for their large monorepos said they would split them up, and "
           "the reaction online was loud.</p>"
           "<p><strong>The reasons are not what you would expect.</strong> Neither cited build times. Both pointed to "
           "ownership, and to who gets paged at night.</p>"
           "<p><strong>Is this a trend?</strong> I do not think so yet. Two data points are not a trend, and the "
           "teams that are happy rarely write about it.</p>"
           "<h2>What I am reading</h2><p>A long piece on the economics of on-call rotations, and why they keep failing "
           "the people in them.</p></body></html>")
    assert [item.title for item in split_newsletter(raw).items] == ["Is the monorepo backlash real?", "What I am reading"]


def test_a_markdown_export_that_opens_with_an_html_header_table_is_read_as_markdown():
    """An agent's Markdown export whose header block is an HTML table (Od / Do / Data / Temat): Markdown with
    some HTML in it, not an HTML body; its numbered list of bold titles, each over a bare link and an 'INFO:'
    line (a Polish link digest), gives one item a title, none titled by its link."""
    links = [("Jak uruchomić model na laptopie", "https://example.org/a"),
             ("SQLite w przeglądarce dzięki WebAssembly", "https://example.org/b"),
             ("Historia Uniksa opowiedziana przez twórców", "https://example.org/c"),
             ("Typowe błędy przy projektowaniu REST API", "https://example.org/d")]
    body = "\n\n".join(f"{n}. **{title}**  \n   <{url}>  \n   INFO: Praktyczny przewodnik, od instalacji po "
                       f"integrację z edytorem kodu." for n, (title, url) in enumerate(links, 1))
    raw = ("<table>\n<tr><td><b>Od</b></td><td>unknowNews &lt;newsletter@example.pl&gt;</td></tr>\n"
           "<tr><td><b>Data</b></td><td>10.07.2026, 09:31</td></tr>\n"
           "<tr><td><b>Temat</b></td><td>[#u724] Lokalne modele</td></tr>\n</table>\n\n"
           "Hej!\n\nKolejny piątek, kolejna porcja linków.\n\nA teraz lecimy z linkami:\n\n" + body + "\n")
    letter = split_newsletter(raw)
    assert letter.format == "markdown"
    assert all(any(ch.isalnum() for ch in item.title) for item in letter.items)
    assert _keys(letter)[:len(links)] == [_key(title) for title, _ in links], letter.reason
