"""Listings no heading marks, first seen in the seventh blind set: a mailing of records with labelled
fields (arXiv's daily listing shape), a listing of short linked names each over a line that describes
it (a weekly's tools), and footers in the corpus's other languages. Each input is written here, in the
forms real pipelines give it (text part, CRLF, an HTML part in <pre>, html2text's indented code,
a fenced Markdown export, a quoted forward), and every form must give the same items."""

import pytest

from newsletters import split_newsletter

RECORDS = """------------------------------------------------------------------------------
 Submissions to:
Information Retrieval
 received from  Mon 15 Jun 26 18:00:00 GMT  to  Tue 16 Jun 26 18:00:00 GMT
------------------------------------------------------------------------------
\\\\
arXiv:2606.20001
Date: Mon, 15 Jun 2026 17:58:41 GMT   (912kb)

Title: Sparse Rerankers Under a Latency Budget: What Survives Distillation
  to Four Layers
Authors: Ada Quill, Bo Reyes
Categories: cs.IR cs.CL
Comments: 11 pages
\\\\
  We distil a cross-encoder reranker into four layers and measure what is lost
at each budget. Most of the gap closes with a curriculum over hard negatives.
\\\\ ( https://arxiv.org/abs/2606.20001 ,  912kb)
------------------------------------------------------------------------------
\\\\
arXiv:2606.20017
Date: Mon, 15 Jun 2026 19:04:12 GMT   (401kb)

Title: Query Logs as Weak Labels for Product Search
Authors: Chidi Obi
Categories: cs.IR
\\\\
  Clicks are noisy labels. We show a denoising step that makes them useful for
training a product search ranker from scratch.
\\\\ ( https://arxiv.org/abs/2606.20017 ,  401kb)
------------------------------------------------------------------------------
\\\\
arXiv:2605.11023
replaced with revised version Tue, 16 Jun 2026 09:30:00 GMT   (655kb)

Title: A Benchmark of Citation Retrieval in Court Opinions
Authors: Ines Duarte, Lars Holm
Categories: cs.IR
Comments: v2: corrected Table 2
\\\\ ( https://arxiv.org/abs/2605.11023 ,  655kb)
------------------------------------------------------------------------------
%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--%%--
"""
RECORD_TITLES = ["Sparse Rerankers Under a Latency Budget: What Survives Distillation to Four Layers",
                 "Query Logs as Weak Labels for Product Search", "A Benchmark of Citation Retrieval in Court Opinions"]


def _pre(text: str) -> str:
    """Thunderbird's HTML for a plain-text message: the text in a <pre>, links made anchors."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for n in ("2606.20001", "2606.20017", "2605.11023"):
        url = f"https://arxiv.org/abs/{n}"
        escaped = escaped.replace(url, f'<a class="moz-txt-link-freetext" href="{url}">{url}</a>')
    return ('<html><head><meta charset="utf-8"><title>cs daily Subj-class mailing</title></head><body>'
            f'<div class="moz-text-plain"><pre wrap="" class="moz-quote-pre">{escaped}</pre></div></body></html>')


RECORD_FORMS = {
    "text": (RECORDS, None), "crlf": (RECORDS.replace("\n", "\r\n"), None), "html-pre": (_pre(RECORDS), None),
    "html2text-code": ("\n".join("    " + line if line else "" for line in RECORDS.split("\n")), "markdown"),
    "fenced": ("# cs daily Subj-class mailing\n\n```\n" + RECORDS + "```\n", "markdown"),
    "quoted": ("\n".join("> " + line for line in RECORDS.split("\n")), None),
}


@pytest.mark.parametrize("form", RECORD_FORMS)
def test_a_listing_of_records_is_one_item_per_title_field_in_every_form(form):
    raw, fmt = RECORD_FORMS[form]
    letter = split_newsletter(raw, fmt)
    assert [i.title for i in letter.items] == RECORD_TITLES, letter.reason
    assert "records with a 'Title:' field" in letter.reason
    first, _, replaced = letter.items
    assert first.url == "https://arxiv.org/abs/2606.20001" and replaced.url == "https://arxiv.org/abs/2605.11023"
    assert "Authors: Ada Quill, Bo Reyes" in first.content and "curriculum over hard negatives" in first.content
    assert not any("Submissions to" in i.content or "%%--" in i.content for i in letter.items)


def test_one_title_field_in_a_story_is_no_listing():
    raw = ("# The Weekly Brief\n\n## A court rules on training data\n\nThe filing lists the works at issue:\n\n"
           "Title: The Long Field\nAuthor: M. Ortiz\n\nThe judge found the copies were not fair use, and the "
           "company said it would appeal within the month.\n\n## Chips get cheaper\n\nPrices of inference "
           "accelerators fell by a third this quarter, according to two distributors.\n")
    letter = split_newsletter(raw)
    assert [i.title for i in letter.items] == ["A court rules on training data", "Chips get cheaper"]


TOOLS = [("tablesmith", "Reshape data frames with one readable call, and undo it."),
         ("quietlog", "Structured logging that drops repeated messages and counts them."),
         ("wheelcheck", "Checks built wheels for missing files before you upload them.")]


def _tools_html(tools) -> str:
    rows = "".join(f'<a href="https://example.org/t/{name}">{name}</a><br>\n{line}<br>\n&nbsp;<br>\n'
                   for name, line in tools)
    return ("<html><body><table><tr><td class=\"mcnTextContent\"><h1>Tools and Libraries</h1>\n"
            f"{rows}</td></tr></table><p>You are receiving this email because you subscribed.</p></body></html>")


@pytest.mark.parametrize("form", ["html", "markdown", "text"])
def test_short_linked_names_each_over_a_line_of_description_are_a_listing(form):
    """Python Weekly's projects (a Mailchimp template): a one-word linked name over one sentence."""
    raw = {"html": _tools_html(TOOLS),
           "markdown": "# Tools and Libraries\n\n" + "".join(f"[{n}](https://example.org/t/{n})  \n{d}\n\n"
                                                            for n, d in TOOLS),
           "text": "Tools and Libraries\n\n" + "".join(f"{n} (https://example.org/t/{n})\n{d}\n\n" for n, d in TOOLS)}[form]
    letter = split_newsletter(raw, form)
    assert [(i.title, i.url) for i in letter.items] == [(n, f"https://example.org/t/{n}") for n, _ in TOOLS]
    assert letter.items[0].content == TOOLS[0][1]


def test_one_short_link_over_a_line_is_no_listing():
    html = ("<html><body><h2>Open models close the gap on code</h2><p>A 70B model under an open license now scores "
            "within a point of the closed leaders on repository-level tasks.</p>"
            '<a href="https://example.org/careers">Careers</a><br>\nWe are looking for an editor to join us.<br>'
            "</body></html>")
    assert [i.title for i in split_newsletter(html).items] == ["Open models close the gap on code"]


@pytest.mark.parametrize("footer", ["Gérer mes préférences ou me désabonner", "Newsletter abbestellen",
                                    "Darse de baja", "Disiscriviti da questa newsletter", "Passer Premium",
                                    "Partager mon lien", "Jetzt abonnieren"])
def test_footer_links_in_other_languages_are_no_items(footer):
    html = ("<html><body><h2>Les puces d'inférence baissent de prix</h2><p>Les prix des accélérateurs ont baissé "
            "d'un tiers ce trimestre, selon deux distributeurs européens.</p><h2>Un tribunal tranche sur les "
            "données d'entraînement</h2><p>Le juge a estimé que les copies n'étaient pas un usage loyal, et "
            "l'entreprise compte faire appel.</p>"
            f'<p><a href="https://example.org/f">{footer}</a></p><p>Un texte de pied de page sans importance, '
            "écrit ici pour que le lien ait une suite.</p></body></html>")
    assert [i.title for i in split_newsletter(html).items] == [
        "Les puces d'inférence baissent de prix", "Un tribunal tranche sur les données d'entraînement"]
