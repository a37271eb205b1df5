"""The deterministic newsletter splitter on the shipped samples and on hostile input."""

import json
import random
import time
from pathlib import Path

import pytest

from newsletters import split_newsletter
from news_core.errors import InputError
from news_core.items import NewsItem

SAMPLES = Path(__file__).resolve().parents[1] / "mcp_server" / "samples" / "newsletters"

# (title, read_time, sponsored, section, url) per item, in document order.
EXPECTED = {
    "tldr-ai-2025-06-10.txt": ("text", "TLDR AI 2025-06-10", "2025-06-10T13:42:15+00:00", "TLDR AI", [
        ("Vectorly: ask your product data questions in plain English (Sponsor)", None, True, None, "https://vectorly.example/product"),
        ("Lumen Labs opens its 8B reasoning model under Apache 2.0", "3 minute read", False, "🚀 Headlines & Launches", "https://lumenlabs.example/blog/lumen-r-8b"),
        ("Quill AI raises $40M to build agents for accounting teams", "2 minute read", False, "🚀 Headlines & Launches", "https://news.example.com/2025/06/09/quill-ai-series-b/"),
        ("Why long context is not the same as memory", "9 minute read", False, "🧠 Deep Dives & Analysis", "https://essays.example.org/context-is-not-memory"),
        ("Benchmarks are saturating faster than we can write them", "6 minute read", False, "🧠 Deep Dives & Analysis", "https://evals.example.net/posts/saturation?ref=feed"),
        ("tinyserve (GitHub Repo)", None, False, "🧑‍💻 Engineering & Research", "https://github.com/example-org/tinyserve"),
        ("Speculative decoding with a draft model you already have", "12 minute read", False, "🧑‍💻 Engineering & Research", "https://blog.example.dev/speculative-decoding-self-draft"),
        ("Harbor Robotics shows a warehouse arm that learns from one video", "1 minute read", False, "⚡ Quick Links", "https://harbor-robotics.example/news/one-shot-arm"),
        ("Open dataset of 2 million annotated code reviews (GitHub Repo)", None, False, "⚡ Quick Links", "https://github.com/example-org/code-review-corpus"),
    ]),
    "tldr-ai-2025-06-11.md": ("markdown", "TLDR AI 2025-06-11", "2025-06-11T13:40:02+00:00", "TLDR AI", [
        ("Rent H100s by the minute, no contract (Sponsor)", None, True, None, "https://cobalt.example/gpus"),
        ("Meridian ships a speech model that runs entirely on a phone", "4 minute read", False, "🚀 Headlines & Launches", "https://meridian.example/blog/voice-on-device"),
        ("Atlas Search adds AI answers to its free tier", "2 minute read", False, "🚀 Headlines & Launches", "https://atlassearch.example/news/answers"),
        ("What a year of production RAG taught one team", "11 minute read", False, "🧠 Deep Dives & Analysis", "https://blog.example.dev/rag-year?ref=tldr"),
        ("evalkit (GitHub Repo)", None, False, "🧑‍💻 Engineering & Research", "https://github.com/example-org/evalkit"),
        ("Training a 300M model on one GPU over a weekend", "15 minute read", False, "🧑‍💻 Engineering & Research", "https://notes.example.org/300m-weekend"),
        ("Why your AI pilot stalls after the demo", "5 minute read", False, "🎁 Miscellaneous", "https://review.example.com/ai-pilot-stalls"),
        ("Northwind adds model-graded tests to its CI service", "1 minute read", False, "⚡ Quick Links", "https://northwind.example/changelog"),
    ]),
    "tldr-ai-2025-06-12.html": ("html", "TLDR AI 2025-06-12", "2025-06-12", "TLDR AI", [
        ("Label 10,000 images before lunch with Parsec (Sponsor)", None, True, None, "https://parsec.example/demo"),
        ("Helix open-sources its agent SDK", "3 minute read", False, "🚀 Headlines & Launches", "https://helix.example/blog/agent-sdk"),
        ("Orbit Semiconductor tapes out an inference chip for small models", "4 minute read", False, "🚀 Headlines & Launches", "https://news.example.com/2025/06/11/orbit-chips"),
        ("The limits of training on synthetic data", "8 minute read", False, "🧠 Deep Dives & Analysis", "https://essays.example.org/synthetic-data-limits"),
        ("Where the money goes in an AI agent", "7 minute read", False, "🧠 Deep Dives & Analysis", "https://blog.example.dev/agent-costs"),
        ("rerank-lite (GitHub Repo)", None, False, "🧑‍💻 Engineering & Research", "https://github.com/example-org/rerank-lite"),
        ("Deploy your model behind an API in one command (Sponsor)", None, True, "🧑‍💻 Engineering & Research", "https://shipfast.example/ai"),
        ("Sparse attention that keeps long-range recall", "20 minute read", False, "🧑‍💻 Engineering & Research", "https://arxiv.example.org/abs/2506.01234"),
        ("Kestrel raises $15M for inspection drones with onboard vision models", "1 minute read", False, "⚡ Quick Links", "https://news.example.com/2025/06/12/kestrel-drones"),
    ]),
}


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def test_every_shipped_sample_is_covered():
    assert sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_items_titles_urls_read_times_sponsors_sections(name):
    fmt, subject, date, source, expected = EXPECTED[name]
    letter = split_newsletter(sample(name))
    assert (letter.format, letter.subject, letter.date, letter.source) == (fmt, subject, date, source)
    assert letter.reason.startswith("split by headlines marked")
    got = [(i.title, i.read_time, i.sponsored, i.section, i.url) for i in letter.items]
    assert got == expected
    assert all(i.content.strip() for i in letter.items), "every sample item has body text"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_items_are_in_document_order_and_explicit_format_agrees(name):
    raw = sample(name)
    letter = split_newsletter(raw)
    positions = [raw.find(item.content.split()[0] + " " + item.content.split()[1]) for item in letter.items]
    assert -1 not in positions and positions == sorted(positions)
    assert split_newsletter(raw, letter.format) == letter
    assert split_newsletter(raw.encode("utf-8")) == letter  # bytes are accepted too


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_boilerplate_never_leaks_into_items(name):
    letter = split_newsletter(sample(name))
    for item in letter.items:
        text = f"{item.title} {item.content}".lower()
        for noise in ("unsubscribe", "advertise", "view online", "sign up", "comments or feedback", "manage your"):
            assert noise not in text, (item.title, noise)
        assert "utm_" not in item.url and "tracking" not in item.url
    assert "Helix opens its agent SDK, an open reranker" not in str(letter.model_dump())  # hidden preheader


def test_body_text_is_whole_and_inline_references_are_dropped():
    letter = split_newsletter(sample("tldr-ai-2025-06-10.txt"))
    sponsor = letter.items[0]
    assert sponsor.content.startswith("Vectorly indexes your Postgres tables")
    assert sponsor.content.endswith("Start free today")  # '[6]' reference removed, hard wraps joined
    assert "\n" not in sponsor.content
    html = split_newsletter(sample("tldr-ai-2025-06-12.html"))
    assert html.items[0].content.endswith("Book a demo to see it on your own data.")
    md = split_newsletter(sample("tldr-ai-2025-06-11.md"))
    assert "**" not in md.items[0].content and "$200 of credit" in md.items[0].content
    assert md.items[-1].content == "Teams can now gate deploys on an LLM judge's score."


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_to_news_items_feeds_the_enhancer(name):
    letter = split_newsletter(sample(name))
    items = letter.to_news_items()
    assert [i.id for i in items] == [f"nl-{n}" for n in range(1, len(letter.items) + 1)]
    assert all(isinstance(i, NewsItem) for i in items)
    assert [i.title for i in items] == [i.title for i in letter.items]
    assert {i.source for i in items} == {"TLDR AI"} and {i.published for i in items} == {letter.date[:10]}
    assert [i.url for i in items] == [i.url for i in letter.items]


def test_wrong_format_argument_and_wrong_type_are_input_errors():
    with pytest.raises(InputError, match="format must be one of text, markdown, html"):
        split_newsletter("x", "pdf")
    with pytest.raises(InputError, match="raw must be the newsletter as text"):
        split_newsletter(12345)
    assert split_newsletter("x", "MD").format == "markdown" and split_newsletter("x", "auto").format == "text"


@pytest.mark.parametrize("raw", ["", "   \n\t\n", "\n" * 1000, "\x00\x01\x02"])
def test_empty_input_gives_no_items_and_says_why(raw):
    letter = split_newsletter(raw)
    assert letter.items == [] and "empty" in letter.reason


@pytest.mark.parametrize("fmt", [None, "text", "markdown", "html"])
def test_binary_garbage_gives_no_items_and_a_reason(fmt):
    raw = random.Random(8).randbytes(200_000).decode("utf-8", errors="replace")
    letter = split_newsletter(raw, fmt)
    assert letter.items == [] and "binary" in letter.reason


def test_prose_without_headlines_gives_a_reason_not_items():
    letter = split_newsletter("Dear reader, nothing to see here. Just a letter about the weather.\n" * 3)
    assert letter.items == [] and "no headline was recognised" in letter.reason
    json.dumps(letter.model_dump())


def test_plain_text_without_markers_falls_back_to_headline_then_paragraph():
    raw = ("Weekly AI notes\n\nOpen model tops coding benchmark\n\nA new open-weights model beat closed ones on a coding test.\n\n"
           "Chip startup raises money\n\nA startup building inference chips raised a large round.\n")
    letter = split_newsletter(raw, "text")
    assert [i.title for i in letter.items][-2:] == ["Open model tops coding benchmark", "Chip startup raises money"]
    assert letter.items[-1].content == "A startup building inference chips raised a large round."


@pytest.mark.parametrize("raw", [
    "<html><body><h1>Notes #412</h1><p>Hello.</p><h2>First story</h2><p>Body one.</p>"
    "<p><a href='https://ex.example/1'>Read more</a></p><h2>Second story</h2><p>Body two.</p></body></html>",
    "# Notes #412\n\nHello.\n\n## First story\n\nBody one. [Read more](https://ex.example/1)\n\n## Second story\n\nBody two.\n",
])
def test_plain_headings_become_headlines_when_nothing_is_marked(raw):
    letter = split_newsletter(raw)
    assert letter.subject == "Notes #412" and letter.items
    assert [(i.title, i.url) for i in letter.items] == [("First story", "https://ex.example/1"), ("Second story", "")]
    assert letter.items[0].content.startswith("Body one.") and letter.items[1].content == "Body two."


def test_markdown_variants_bold_links_reference_links_and_sponsor_sections():
    raw = """---
title: AI Weekly
date: June 3, 2025
from: AI Weekly <hello@aiweekly.example>
---

## 💰 Sponsored

**[Try Acme Vector DB free](https://acme.example/?utm_source=x)** (Sponsor)

Acme stores a billion vectors.

## 🚀 News

**[Model A released][a]** (2 minute read): A new model is out.

[Read more](https://news.example/more-a)

### Model B released

Body of B, with a [link](https://inline.example/b) inside the text.

[a]: https://news.example/a?utm_campaign=z&id=7
"""
    letter = split_newsletter(raw)
    assert (letter.subject, letter.date, letter.source, letter.format) == ("AI Weekly", "2025-06-03", "AI Weekly", "markdown")
    got = [(i.title, i.url, i.sponsored, i.section, i.read_time) for i in letter.items]
    assert got == [
        ("Try Acme Vector DB free (Sponsor)", "https://acme.example/", True, "💰 Sponsored", None),
        ("Model A released", "https://news.example/a?id=7", False, "🚀 News", "2 minute read"),
        ("Model B released", "https://inline.example/b", False, "🚀 News", None),  # first link in the body
    ]
    assert letter.items[1].content == ": A new model is out." or letter.items[1].content.endswith("A new model is out.")
    assert "link inside the text" in letter.items[2].content


def test_a_read_time_inside_body_text_does_not_start_an_item():
    raw = ("Model D released (2 minute read) [1]\n\nThe lab's post (12 minute read) explains the training recipe.\n\n"
           "[1] https://a.example/d\n")
    (item,) = split_newsletter(raw).items
    assert item.content == "The lab's post (12 minute read) explains the training recipe."


def test_a_body_line_with_a_link_is_body_text_not_a_headline():
    raw = "Model E released (2 minute read)\n\nSee https://e.example/post for the details.\n\nMore body here.\n"
    (item,) = split_newsletter(raw).items
    assert item.url == "https://e.example/post"  # the headline had none: the body's first link
    assert item.content == "See https://e.example/post for the details.\n\nMore body here."


def test_sponsor_markers_mark_only_the_next_item():
    raw = ("Presented by Lambda\n\nGPUs for everyone (2 minute read) [1]\n\nCheap GPUs.\n\n"
           "Model C released (3 minute read) [2]\n\nA model.\n\nSponsored\n\nAgent platform (1 minute read) [3]\n\nAds.\n\n"
           "[1] https://a.example/1\n[2] https://a.example/2\n[3] https://a.example/3\n")
    assert [i.sponsored for i in split_newsletter(raw).items] == [True, False, True]


def test_tracking_redirects_are_unwrapped_and_non_web_links_dropped():
    raw = """<html><body><table><tr><td>
<a href="https://t.example/CL0/https:%2F%2Fsite.example%2Fpost%3Fid=3%26utm_source=nl/1/abc/def="><b>Story one (2 minute read)</b></a><br>Body one.
</td></tr><tr><td>
<a href="https://click.example/redirect?url=https%3A%2F%2Fother.example%2Fx%3Futm_medium%3Demail"><b>Story two (1 minute read)</b></a><br>Body two.
</td></tr><tr><td>
<a href="javascript:alert(1)"><b>Story three (4 minute read)</b></a><br>Body three.
</td></tr></table></body></html>"""
    assert [i.url for i in split_newsletter(raw).items] == ["https://site.example/post?id=3", "https://other.example/x", ""]


def test_html_scripts_styles_comments_and_hidden_text_are_skipped():
    raw = ("<html><head><title>Daily</title><style>.x{}</style><script>var t='Fake (2 minute read)'</script></head><body>"
           "<!-- <a href='https://c.example'><b>Commented out (2 minute read)</b></a> -->"
           "<div style='display: none'>preheader text</div>"
           "<p><a href='https://real.example'><strong>Real item (2 minute read)</strong></a></p><p>Real body.</p>"
           "<img src='https://t.example/pixel.gif' width='1' height='1'></body></html>")
    letter = split_newsletter(raw)
    assert [(i.title, i.content, i.url) for i in letter.items] == [("Real item", "Real body.", "https://real.example")]
    assert letter.subject == "Daily"


def test_deeply_nested_and_unclosed_html():
    depth = 20_000
    raw = "<div>" * depth + "<a href='https://deep.example'><b>Deep item (2 minute read)</b></a><br>Deep body." + "</div>" * depth
    letter = split_newsletter(raw)
    assert [(i.title, i.content) for i in letter.items] == [("Deep item", "Deep body.")]
    unclosed = "<table><tr><td><span><font>" * 5000 + "<p><b><a href='https://u.example'>Open item (1 minute read)</a></b><p>Open body"
    assert [i.title for i in split_newsletter(unclosed).items] == ["Open item"]


def test_unicode_edge_cases_survive_unchanged():
    rtl = "שחרור מודל חדש של בינה מלאכותית"
    arabic = "إطلاق نموذج لغوي جديد"
    combining = "Ze\u0301ro-shot Zalgo t\u0336\u0321e\u0334x\u0337t"
    zwj = "👩🏽‍💻 Builders"
    persian = "می\u200cخواهم"  # a single ZWNJ is part of the word
    flag = "🏳️‍🌈"
    raw = (f"{zwj}\n\n{rtl} {flag} (2 minute read) [1]\n\n{arabic} {persian}.\n\n"
           f"{combining} (3 minute read) [2]\n\nBroken \ud800 surrogate and \udfff another.\n\n"
           "[1] https://rtl.example/\n[2] https://zalgo.example/\n")
    letter = split_newsletter(raw)
    assert [i.title for i in letter.items] == [f"{rtl} {flag}", combining]
    assert letter.items[0].section == zwj
    assert letter.items[0].content == f"{arabic} {persian}."
    assert letter.items[1].content == "Broken \ufffd surrogate and \ufffd another."
    letter.model_dump_json()  # no lone surrogate left to break JSON encoding


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_five_megabyte_newsletter_is_split_quickly(fmt):
    name = next(n for n, e in EXPECTED.items() if e[0] == fmt)
    one = sample(name)
    raw = one * (5_000_000 // len(one) + 1)
    start = time.process_time()  # CPU time: the machine is shared (parallel test workers), wall time says little
    letter = split_newsletter(raw, fmt)
    elapsed = time.process_time() - start
    assert len(raw) >= 5_000_000
    assert len(letter.items) >= len(EXPECTED[name][4]) * (5_000_000 // len(one))
    assert elapsed < 30, f"{fmt}: {elapsed:.1f} s of CPU for 5 MB"


# Inputs that make a naive parser or regex quadratic; each 1 MB must still be quick.
PATHOLOGICAL = {
    "lt": "<" * 1_000_000, "open-tags": "<a " * 333_333, "comments": "<!--" * 250_000, "cdata": "<![CDATA[" * 111_111,
    "end-tags": "</" * 500_000, "brackets": "[" * 1_000_000, "half-links": "[a](" * 250_000, "stars": "*a" * 500_000,
    "parens": "(1 minute read" * 70_000, "spaces": "# a" + " " * 1_000_000 + "b", "zwnj": "\u200c " * 500_000,
    "lines": "a\n" * 500_000, "emoji-lines": "🚀\n" * 500_000, "refs": "[1]" * 333_333, "hashes": "# " + "#" * 1_000_000,
}


# Detection (fmt None) runs the text reader on any body it takes for text or Markdown (readings.candidates),
# so a forced "text" would read most of these again: the text reader is timed apart only on the bodies
# detection gives the HTML reader (15 s of CPU less in make test).
@pytest.mark.slow  # 15 inputs of 1 MB per format: 3-9 s each here
@pytest.mark.parametrize("fmt", [None, "markdown", "html"])
def test_pathological_inputs_finish_quickly(fmt):
    for name, raw in PATHOLOGICAL.items():
        for form in [fmt, "text"] if fmt is None else [fmt]:
            start = time.process_time()  # CPU time: on a shared machine wall time says little
            letter = split_newsletter(raw, form)
            elapsed = time.process_time() - start
            assert elapsed < 10, f"{name} as {form}: {elapsed:.1f} s of CPU for 1 MB (linear inputs take ~4 s)"
            assert letter.items == [] or all(i.title for i in letter.items)
            if form is None and "read as html" not in letter.reason:
                break  # the text reader has read it


# markdownify writes a whole email table cell on one line: <p> as ' text ', a list as '  * a * b  ',
# a heading as its bare text glued to its neighbours. These rows are in that form.
FLAT_ROW = ("| Top News[Lumen AI ships Tessera 3 at half the price](https://x.example/a) Related:   "
            "* [Tessera 3 system card](https://x.example/b) * [Developers report slow tool chains](https://x.example/c)   "
            "**Summary:** Lumen AI released Tessera 3, a reasoning model that matches the leaders at half the price.  "
            "It comes in two sizes. [EU proposes a levy on large AI training runs](https://x.example/d) Related:   "
            "* [What the levy means for startups](https://x.example/e)   "
            "**Summary:** The Commission floated a small levy on training runs to fund public compute. Other News  "
            "* [Quillstone launches a spreadsheet agent that audits formulas](https://x.example/f). It flags stale cells. "
            "* [Mapwise adds route planning for freight fleets](https://x.example/g). Dispatchers type constraints. |")


def test_markdownify_flattened_cell_headings_lists_and_glued_section_headers():
    letter = split_newsletter("Weekly AI\n\n| |\n| --- |\n" + FLAT_ROW, "markdown")
    assert [(i.title, i.section) for i in letter.items] == [
        ("Lumen AI ships Tessera 3 at half the price", "Top News"),
        ("EU proposes a levy on large AI training runs", "Top News"),
        ("Quillstone launches a spreadsheet agent that audits formulas. It flags stale cells.", "Other News"),
        ("Mapwise adds route planning for freight fleets. Dispatchers type constraints.", "Other News")]
    assert "Related:" in letter.items[0].content and "Tessera 3 system card" in letter.items[0].content
    assert "half the price." in letter.items[0].content and "It comes in two sizes." in letter.items[0].content


def test_markdownify_flattened_title_case_heading_source_heading_and_title_with_dek():
    row = ("| Robot Kitchens Earn a Safety Certificate  An automated restaurant kitchen became the first to pass a "
           "food-safety certification designed for human-staffed kitchens.  Why it matters: fewer barriers. "
           "Authors' guild wins class certification against Pellucid [Source](https://x.example/s)   "
           "A federal judge certified a class of more than 40,000 authors in their lawsuit against Pellucid, "
           "finding that fair use can be decided for all of them at once.  \\*\\*\\* A robot hand learns to knit "
           "*…Deformable objects, finally tractable?…*  A team trained a dexterous robot hand to knit a simple scarf "
           "pattern using two needles, a task that requires tracking a yarn. |")
    letter = split_newsletter("Weekly AI\n\n| |\n| --- |\n" + row, "markdown")
    assert [i.title for i in letter.items] == ["Robot Kitchens Earn a Safety Certificate",
                                               "Authors' guild wins class certification against Pellucid",
                                               "A robot hand learns to knit"]
    assert letter.items[1].url == "https://x.example/s"


def test_markdownify_linked_post_title_under_the_masthead_is_no_item():
    """Substack repeats the post's title, linked, under the masthead: the document's first line."""
    raw = ("Agents got a credit card\n\n| |\n| --- |\n"
           "| [Agents got a credit card](https://x.example/p)Plus: why your system prompt is shrinking, and a faster "
           "way to ship internal tools.  Hey folks,  Quick one today.  "
           "[Ledgerpay lets AI agents hold their own spending cards](https://x.example/l)  Virtual cards with "
           "per-merchant limits, human approval above a threshold, and receipts that land in your accounting tool. |")
    assert [i.title for i in split_newsletter(raw, "markdown").items] == [
        "Ledgerpay lets AI agents hold their own spending cards"]


def test_markdownify_picture_links_are_no_items():
    """Inside a table cell markdownify writes a linked image as '[alt text](url)'."""
    raw = ("Weekly AI\n\n| |\n| --- |\n"
           "| Top News[Halden Robotics deploys 500 delivery robots across UK hospitals](https://x.example/h) "
           "[A white delivery robot waiting beside a hospital lift](https://x.example/img)  Halden's robots moving "
           "supplies between wards, riding lifts on their own and reading ward signage with a vision model. |\n"
           "| A MESSAGE FROM DEEPLEARNING.AI |\n| [Course banner showing a phone running a chatbot](https://x.example/c1) |\n"
           "| [**Fine-Tuning Small Language Models for the Edge**](https://x.example/c2) |\n"
           "| Learn how to fine-tune, quantize and deploy models under 5 billion parameters on phones. |")
    items = split_newsletter(raw, "markdown").items
    assert [(i.title, i.sponsored) for i in items] == [
        ("Halden Robotics deploys 500 delivery robots across UK hospitals", False),
        ("Fine-Tuning Small Language Models for the Edge", True)]
    assert "hospital lift" not in items[0].content


def test_a_banner_linked_like_the_headline_under_it_is_one_item():
    raw = ("A MESSAGE FROM DEEPLEARNING.AI\n\nCourse banner showing an agent loop (https://x.example/course)\n\n"
           "Building Cost-Aware Agents with Tool Budgets (https://x.example/course)\n\n"
           "In this short course, you'll learn to give agents explicit spending limits and track token costs.\n\n"
           "Small Reasoners Close the Gap\n\nA 4-billion-parameter model performs multi-step math and coding nearly "
           "as well as models 20 times its size, researchers reported this week.\n")
    items = split_newsletter(raw, "text").items
    assert [(i.title, i.sponsored) for i in items] == [("Building Cost-Aware Agents with Tool Budgets", True),
                                                       ("Small Reasoners Close the Gap", False)]


def test_a_house_hiring_block_is_no_item():
    raw = ("<h2>Insurers Start Pricing AI Liability</h2><p>Large insurers began offering policies that cover losses "
           "caused by errors in AI systems, with premiums tied to testing.</p><h2>Small Reasoners Close the Gap</h2>"
           "<p>A 4-billion-parameter model performs multi-step math nearly as well as models 20 times its size.</p>"
           "<h1>Work With Andrew Ng</h1><p>Join the teams that are bringing AI to the world! Check out open roles at "
           "<a href='https://x.example/j'>DeepLearning.AI</a>.</p>")
    assert [i.title for i in split_newsletter(raw, "html").items] == [
        "Insurers Start Pricing AI Liability", "Small Reasoners Close the Gap"]


def test_repo_listing_link_over_a_star_count_is_an_item():
    raw = ("<p>⭐️ TOP REPOS</p><p><a href='https://x.example/r1'>quarry-ai/docslice</a></p><p>☆ 8,412 Stars</p>"
           "<p>Splits PDFs, slides, and spreadsheets into retrieval-ready chunks while keeping tables intact.</p>"
           "<p><a href='https://x.example/r2'>hollowtree/llm-cost-guard</a></p><p>☆ 2,288 Stars</p>"
           "<p>A proxy that enforces spending limits per API key and kills runaway agent loops.</p>")
    assert [i.title for i in split_newsletter(raw, "html").items] == ["quarry-ai/docslice", "hollowtree/llm-cost-guard"]


def test_links_under_a_house_section_are_no_items_and_a_bold_capitals_label_ends_it():
    raw = ("**COMMUNITY AI WORKFLOW OF THE DAY**\n\nEvery Friday, a Claude agent pulls his team's merged pull requests "
           "and drafts release notes.\n\n**LATEST DEVELOPMENTS**\n\n**NIMBUS AI**\n\n"
           "[**Nimbus AI's Stratus 5 reads a 10M-token codebase in one pass**](https://x.example/n)\n\n"
           "Nimbus AI launched Stratus 5, a model with a 10M-token context window that keeps above 90% recall.\n\n"
           "## 🎓 Highlights: News, Guides & Events\n\n"
           "* [Today's AI tool guide: Build a product demo video from one screenshot](https://x.example/g)\n"
           "* [Watch our workshop on context engineering](https://x.example/w)\n")
    items = split_newsletter(raw, "markdown").items
    assert [(i.title, i.section) for i in items] == [
        ("Nimbus AI's Stratus 5 reads a 10M-token codebase in one pass", "NIMBUS AI")]


def test_text_part_listing_cards_table_rows_and_a_sponsor_line_over_its_headline():
    raw = ("📄 TOP PAPERS\n\nPAPER\nReward models are easier to fool than you think\n♥ 2,015 Likes\n\n"
           "Short, confident-sounding padding raises reward scores across 11 open reward models.\n\n"
           "PRESENTED BY GRIDLINE\nSpin up H200 clusters in 90 seconds, billed by the minute\n\n"
           "Gridline gives you bare-metal H200 nodes with InfiniBand and a Kubernetes scheduler, no sales call.\n\n"
           "⚡️ SIGNALS\n\nAgents | Tollway launches usage-based billing built for AI agents | ⇧ 1,130 Likes\n"
           "SPONSORED | Nimbletest writes regression tests for your API from production traffic\n"
           "Open Source | Fennel releases a 1.5B code model that runs in the browser | ⇧ 3,018 Likes\n\n"
           "How was today's email?\nAwesome | Decent | Not Great\n")
    items = split_newsletter(raw, "text").items
    assert [(i.title, i.sponsored) for i in items] == [
        ("Reward models are easier to fool than you think", False),
        ("Spin up H200 clusters in 90 seconds, billed by the minute", True),
        ("Tollway launches usage-based billing built for AI agents", False),
        ("Nimbletest writes regression tests for your API from production traffic", True),
        ("Fennel releases a 1.5B code model that runs in the browser", False)]


def test_html2text_table_row_with_glued_cell_paragraphs_is_read_cell_by_cell():
    """html2text writes a one-row table (a sponsor box) as its cells joined by '| ', wrapped, with a
    '---' rule under it, the paragraphs inside a cell glued together."""
    raw = ("### 📌 The big ones\n\n  1. **[Fjord raises $60M to build internal tools from a prompt](https://x.example/f)**"
           " \\- Connect your database, describe the dashboard, get a deployable app with auth.\n\n"
           "Sponsored by Quillbase[Turn your docs into an AI help center in an\nafternoon](https://x.example/q)Point\n"
           "Quillbase at your docs, changelog and past tickets. It builds a help center that answers\n"
           "questions.Teams cut repeat tickets by 40%.| [Try Quillbase\nfree\n→](https://x.example/t)  \n---  \n\n"
           "plants.  \n| | **COMMUNITY**  \n---  \n")
    items = split_newsletter(raw, "markdown").items
    assert [(i.title, i.sponsored) for i in items] == [
        ("Fjord raises $60M to build internal tools from a prompt", False),
        ("Turn your docs into an AI help center in an afternoon", True)]
    assert items[1].content.startswith("Point Quillbase at your docs") and "COMMUNITY" not in items[1].content


def test_html2text_linked_image_buttons_are_links_not_text():
    """'[![Like](icon)Like](url)': a linked image is a link, and 'READ IN APP' ends the masthead."""
    r = "https://substack.example/redirect/1?j=" + "x" * 150  # Substack's redirects are long
    raw = ("# [Agents got a credit card](https://x.example/p)\n\n"
           "### Plus: why your system prompt is shrinking, and a faster way to ship internal tools.\n\n"
           f"|\n[![Like](https://x.example/like.png?v=4)Like]({r})|\n[![Comment](https://x.example/c.png)Comment]({r})|\n"
           f"[READ IN\nAPP]({r})  \n---|---|---  \n\nHey folks,\n\n"
           "### 📌 The big ones\n\n  1. **[Ledgerpay lets AI agents hold their own spending cards](https://x.example/l)**"
           " \\- Virtual cards with per-merchant limits, and receipts that land in your accounting tool.\n")
    assert [i.title for i in split_newsletter(raw, "markdown").items] == [
        "Ledgerpay lets AI agents hold their own spending cards"]


def test_text_part_list_lines_that_open_with_their_link_are_items():
    """Substack's text part writes a list item as a line, its link as '[ url ]' after the linked words."""
    raw = ("🥣 Dev dish\n\nTokenmeter [ https://x.example/t ] - Drop-in middleware that logs model cost per user.\n\n"
           "🍦 Afters\n\n"
           "A robot barista in Osaka remembers your order by your voice [ https://x.example/a ].\n"
           "Someone trained a tiny model only on 19th-century ship logs [ https://x.example/s ] and now it talks "
           "like a bored sailor.\n")
    items = split_newsletter(raw, "text").items
    assert [(i.title, i.url) for i in items] == [
        ("Tokenmeter", "https://x.example/t"),
        ("A robot barista in Osaka remembers your order by your voice", "https://x.example/a"),
        ("Someone trained a tiny model only on 19th-century ship logs", "https://x.example/s")]
    assert items[2].content == "and now it talks like a bored sailor."


def test_sign_off_rsvp_here_and_partner_with_us_lines_are_no_items():
    raw = ("🍦 Afters\n\nA robot barista in Osaka remembers your order by your voice [ https://x.example/a ].\n\n"
           "Lisbon meetup, Thursday 7pm: RSVP here [ https://x.example/rsvp ]\n\n"
           "Wanna partner with us? We have a few open slots in March: partner with us [ https://x.example/p ].\n\n"
           "That’s it for today. Feel free to comment and share your thoughts. 👋\n\n"
           "Find me on X [ https://x.example/x ], LinkedIn [ https://x.example/l ], or YouTube [ https://x.example/y ] "
           "and the rest of the places where people still read long posts about models.\n")
    assert [i.title for i in split_newsletter(raw, "text").items] == [
        "A robot barista in Osaka remembers your order by your voice"]


def test_beehiiv_text_part_links_in_parentheses_on_markdown_lines():
    """beehiiv's text part keeps Markdown headings, bold and lists, and writes a link as 'words (URL)'."""
    raw = ("#### 💊 **Heliotrope wins approval for the first AI-discovered drug** (https://x.example/h)\n\n"
           "**The Rundown:** Heliotrope Therapeutics received approval for HTX-17, the first drug whose molecule "
           "was found by an AI model, after a trial in 1,200 patients.\n\n"
           "### 🛠️ **Trending AI Tools (https://x.example/tools)**\n\n"
           "* 🗺️ Wayfinder Maps (https://x.example/w) - Ask questions about any neighborhood\n\n"
           "* 🎹 Chordsmith (https://x.example/c) - Hum a melody and get full piano accompaniment\n\n"
           "### 📰 Everything else in AI today (https://x.example/all)\n\n"
           "**India’s IT ministry** approved 38,000 more GPUs for its national compute pool (https://x.example/i)\n\n"
           "**Fable Games** laid off 30% of its writing staff (https://x.example/f)\n")
    items = split_newsletter(raw, "markdown").items
    assert [(i.title, i.url) for i in items] == [
        ("💊 Heliotrope wins approval for the first AI-discovered drug", "https://x.example/h"),
        ("Wayfinder Maps", "https://x.example/w"), ("Chordsmith", "https://x.example/c"),
        ("India’s IT ministry approved 38,000 more GPUs for its national compute pool", "https://x.example/i"),
        ("Fable Games laid off 30% of its writing staff", "https://x.example/f")]


LONG = ("The company says the approach cut costs by half on its internal benchmarks, and customers will get access "
        "next month.")


def test_text_part_lists_inside_a_story_stay_the_storys():
    """'- ' or '* ' lines, and a run of linked lines under 'Related:', are a list: inside a story, its own."""
    raw = (f"Top News\n\nLumen AI's Tessera 3 tops reasoning benchmarks [ https://x.example/t ]\n\nRelated:\n\n"
           "Lumen's new model is cheaper than its rivals - and it knows it [ https://x.example/v ]\n"
           "Tessera 3 system card (PDF) [ https://x.example/pdf ]\n"
           "Developers report Tessera 3 is slower than advertised [ https://x.example/a ]\n\n"
           f"Summary: {LONG}\n\nDear friends,\n\n{LONG}\n\n"
           "- Telling the agent, in its prompt, how many tool calls it may spend on a task\n"
           "- Showing it a running tally of what it has spent so far\n"
           "- Asking it to stop and report back when the budget runs out\n\n"
           f"{LONG}\n")
    items = split_newsletter(raw, "text").items
    assert [i.title for i in items] == ["Lumen AI's Tessera 3 tops reasoning benchmarks", "Dear friends"]
    assert "Developers report" in items[0].content and "Showing it a running tally" in items[1].content


def test_text_part_title_line_over_its_source_link_and_a_caption_is_no_title():
    raw = (f"Halden Robotics deploys 500 delivery robots [ https://x.example/h ]\n\n"
           f"Halden's robots moving supplies between wards. Source: Halden Robotics\n\nSummary: {LONG}\n\n"
           "Authors’ guild wins class certification in training-data lawsuit\n\n"
           f"Source [ https://x.example/r ]\n\nSummary: {LONG}\n")
    items = split_newsletter(raw, "text").items
    assert [(i.title, i.url) for i in items] == [
        ("Halden Robotics deploys 500 delivery robots", "https://x.example/h"),
        ("Authors’ guild wins class certification in training-data lawsuit", "https://x.example/r")]


def test_text_part_inline_link_targets_do_not_count_as_text():
    """HubSpot's text part writes links as '(https://...)' inline: a banner over 'Subscribe (url)' is
    still a masthead, and a hiring pitch with long links still a short house block."""
    track = "https://info.example/e3t/Ctc/LX+113/" + "W" * 200
    raw = (f"The Batch top banner - May 29, 2026 ({track} )\n\n"
           f"Subscribe ({track} )   Submit a tip (mailto:tips@x.example?subject=RE%3A%20Tips)\n\n"
           f"Dear friends,\n\n{LONG}\n\nKeep learning!\n\nAndrew\n\n"
           f"Insurers Start Pricing AI Liability\n\n{LONG}\n\nWork With Andrew Ng\n\n"
           f"Join the teams that are bringing AI to the world! Check out open roles at DeepLearning.AI ({track} ) , "
           f"AI Fund ({track} ) , and LandingAI ({track} ) .\n")
    assert [i.title for i in split_newsletter(raw, "text").items] == [
        "Dear friends", "Insurers Start Pricing AI Liability"]


def test_long_runs_of_plain_paragraphs_and_items_read_as_markdown_it_reads_them(monkeypatch):
    """plain_runs skips markdown-it for long runs of plain one-line paragraphs and list items: the
    Blocks are the same as markdown-it's, next to headings, links, quotes and indented lines."""
    from newsletters import markdown, plain_runs

    plain = "\n\n".join(["Plain text here", "Title Case Line", "🚀", 'a "quoted" word', "x"] * 20)
    items = "\n".join(["* plain item", "- another item", "* 🚀"] * 30)
    raw = "\n\n".join(["# Heading", plain, "* [Linked item](https://x.example/a)", items, "> a quote", plain,
                       items, "\tindented after a list", plain + "  ", "**bold** and [a link](https://x.example/b)",
                       items, "1. one", plain, "para\n* item that interrupts it\nlazy line"])
    fast = markdown.markdown_blocks(raw)
    monkeypatch.setattr(plain_runs, "MIN_RUN", 10**9)
    assert fast == markdown.markdown_blocks(raw)
    monkeypatch.setattr(plain_runs, "MIN_RUN", 1)
    assert fast == markdown.markdown_blocks(raw)
