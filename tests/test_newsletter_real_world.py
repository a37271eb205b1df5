"""The splitter on the forms real newsletters arrive in: converter Markdown, TLDR's text part,
whole MIME messages and Gmail API raw messages, and the inputs that once failed."""

import base64
import time
from email import policy
from email.message import EmailMessage

import pytest

from newsletters import split_newsletter

BODY = "The lab says the model was trained on licensed data only and will ship to customers next month."


def test_bold_markdown_headlines_with_the_read_time_inside_the_bold():
    """TLDR converted from HTML to Markdown as the reference study's agent did it."""
    raw = "\n\n".join([
        "**TLDR AI 2026-04-22**", "Together With Acme", "**Acme ships agents to production, fast (Sponsor)**",
        "Acme runs your agents with tracing and retries. Try it free.",
        "🚀", "**Headlines & Launches**",
        "**DeepMind's Genie 4 builds playable worlds from a sentence (3 minute read)**", BODY,
        "**OpenAI cuts o5 prices by half (2 minute read)**", BODY,
        "🧠", "**Deep Dives & Analysis**",
        "**A research team shows sparse attention scales to 10M tokens (12 minute read)**", BODY,
        "**evalkit (GitHub Repo)**", BODY])
    letter = split_newsletter(raw)
    assert [(i.title, i.sponsored) for i in letter.items] == [
        ("Acme ships agents to production, fast (Sponsor)", True),
        ("DeepMind's Genie 4 builds playable worlds from a sentence", False),
        ("OpenAI cuts o5 prices by half", False),
        ("A research team shows sparse attention scales to 10M tokens", False),
        ("evalkit (GitHub Repo)", False)]
    assert split_newsletter(raw, "text").items == letter.items  # forced to text: the same items


def test_tldr_text_headline_right_after_a_paragraph_and_the_masthead_date():
    raw = ("TLDR 2026-04-22\n\n"
           "Big lab ships a model (3 minute read) [1]\nThe company hopes to catch up with its rivals.\n"
           "A lab's new image model is surprisingly good at rendering text (3 minute read) [2]\n"
           "Posters and menus come out legible.\n\n"
           "Chip startup raises $90M (2 minute read) [3]\nInvestors bet on inference.\n\n"
           "Links:\n[1] https://a.example/one\n[2] https://b.example/two\n[3] https://c.example/three\n")
    letter = split_newsletter(raw)
    assert [i.title for i in letter.items] == [
        "Big lab ships a model", "A lab's new image model is surprisingly good at rendering text",
        "Chip startup raises $90M"]
    assert [i.url for i in letter.items] == ["https://a.example/one", "https://b.example/two", "https://c.example/three"]
    assert (letter.date, letter.source) == ("2026-04-22", "TLDR")


def test_forty_items_without_blank_lines_split_into_forty_quickly():
    raw = "TLDR AI 2026-04-22\n" + "".join(f"Story number {n} about a model (1 minute read)\nBody of story {n}.\n"
                                           for n in range(40))
    start = time.process_time()  # CPU time: the machine is shared (parallel test workers), wall time says little
    letter = split_newsletter(raw)
    assert time.process_time() - start < 1
    assert [i.title for i in letter.items] == [f"Story number {n} about a model" for n in range(40)]
    assert all(i.content == f"Body of story {n}." for n, i in enumerate(letter.items))
    raw_without_masthead = raw.split("\n", 1)[1]
    assert len(split_newsletter(raw_without_masthead).items) == 40


def _mime(html: str, text: str, charset: str = "utf-8", cte: str = "quoted-printable") -> bytes:
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = "TLDR AI <dan@tldrnewsletter.com>"
    msg["Subject"] = "TLDR AI 2026-04-22 🚀"
    msg["Date"] = "Wed, 22 Apr 2026 10:12:03 +0000"
    msg.set_content(text, charset=charset, cte=cte)
    msg.add_alternative(html, subtype="html", charset=charset, cte=cte)
    return msg.as_bytes()


LONG = "Google has released a model that " + "reads very long documents and answers questions about them " * 4
HTML = (f"<html><body><table><tr><td><h3><a href='https://g.example/post?utm_source=tldr'>Google ships a long-context "
        f"model (4 minute read)</a></h3><p>{LONG}</p><h3><a href='https://h.example/'>Helix opens its SDK (2 minute "
        f"read)</a></h3><p>Helix released its agent toolkit.</p></td></tr></table></body></html>")
TEXT = f"Google ships a long-context model (4 minute read)\n{LONG}\n\nHelix opens its SDK (2 minute read)\nHelix released its agent toolkit.\n"


@pytest.mark.parametrize("cte", ["quoted-printable", "base64"])
def test_a_whole_mime_message_is_decoded_before_splitting(cte):
    raw = _mime(HTML, TEXT, cte=cte)
    for given in (raw, raw.decode("ascii"), base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")):
        letter = split_newsletter(given)
        assert letter.format == "email" and letter.part == "text/html"
        assert (letter.subject, letter.date, letter.source) == (
            "TLDR AI 2026-04-22 🚀", "2026-04-22T10:12:03+00:00", "TLDR AI")
        assert [i.title for i in letter.items] == ["Google ships a long-context model", "Helix opens its SDK"]
        assert letter.items[0].content == " ".join(LONG.split()) and letter.items[0].url == "https://g.example/post"
        assert not any("=\n" in i.content or "--" in i.content for i in letter.items)


def test_email_in_a_legacy_charset_and_format_email_forced():
    raw = _mime(HTML.replace("Helix", "Hélix"), TEXT.replace("Helix", "Hélix"), charset="windows-1252")
    letter = split_newsletter(raw, "email")
    assert [i.title for i in letter.items] == ["Google ships a long-context model", "Hélix opens its SDK"]
    assert split_newsletter("just some words", "email").reason.startswith("format is email")


def test_the_text_part_wins_when_it_splits_better():
    raw = _mime("<html><body><p>Read this issue on the web.</p></body></html>", TEXT)
    letter = split_newsletter(raw)
    assert letter.part == "text/plain" and len(letter.items) == 2


def test_a_layout_without_marks_falls_back_and_says_which_rule_split_it():
    raw = "\n\n".join(["# Import AI 412", "Welcome to Import AI, a newsletter about AI research.",
                       "## Facebook trains a robot on video", BODY, "Read more: https://x.example/paper",
                       "## A new benchmark for agents", BODY, "## Tech Tales:", "The Last Librarian", BODY])
    letter = split_newsletter(raw)
    assert [i.title for i in letter.items][:2] == ["Facebook trains a robot on video", "A new benchmark for agents"]
    assert letter.items[0].url == "https://x.example/paper"
    assert "headings over their text" in letter.reason


# The inputs the issue measured, at 1 MB each: linear time. A super-linear reading of any of them
# takes minutes at this size; linear ones take 0.1-2.9 s of CPU here (flat-bullets the slowest: 2.4-2.9 s
# quiet on 2026-12-07, the same on the session's first commit; 4.06 s once inside make test, beside the
# other worker), so the bound is 6 s of this process's CPU time (not wall time: the machine may be shared),
# best of two.
LIMIT_S = 6.0
ADVERSARIAL = {
    "md-tab-link": "# H\n## x\n[a](" + "\t" * 1_000_000 + "x\n",
    "ref-spaces": "[1]" + " " * 1_000_000 + "x",
    "tabs": "\t" * 1_000_000, "spaces": " " * 1_000_000, "brackets": "[" * 1_000_000, "closing": "]" * 1_000_000,
    "parens": "(" * 1_000_000, "mixed": "[ (\t*_<" * 140_000, "links": "[a](" * 250_000, "images": "![" * 500_000,
    "ref-defs": "[1]: " + "(" * 1_000_000, "bold-lines": "**\n" * 330_000, "tab-lines": "\t\n" * 500_000,
    # markdownify's table cell with a list flattened into it: 250,000 list items, read without markdown-it
    "flat-bullets": "| " + "* a " * 250_000 + "|\n",
}


# Detection (fmt None) runs the text reader on every body it takes for text or Markdown (readings.candidates):
# "text" is timed apart only where detection gave the body to the HTML reader (8 s of CPU less).
@pytest.mark.slow
@pytest.mark.parametrize("fmt", [None, "markdown", "html", "email"])
def test_a_megabyte_of_adversarial_input_splits_in_linear_time(fmt):
    slow = {}
    for name, raw in ADVERSARIAL.items():
        for form in [fmt, "text"] if fmt is None else [fmt]:
            best, reason = _seconds(raw, form)
            if best > LIMIT_S:  # a second chance
                best = min(best, _seconds(raw, form)[0])
            if best > LIMIT_S:
                slow[f"{name} as {form}"] = round(best, 2)
            if form is None and "read as html" not in reason:
                break  # the text reader has read it
    assert not slow, f"over {LIMIT_S} s of CPU for 1 MB: {slow}"


def _seconds(raw, fmt) -> tuple[float, str]:
    start = time.process_time()
    letter = split_newsletter(raw, fmt)
    return time.process_time() - start, letter.reason


def test_a_long_sender_date_or_url_never_costs_the_items():
    raw = _mime(HTML.replace("https://h.example/", "https://h.example/" + "x" * 5000), TEXT)
    raw = raw.replace(b"From: TLDR AI <dan@tldrnewsletter.com>", b"From: " + b"N" * 300 + b" <dan@x.example>")
    raw = raw.replace(b"Date: Wed, 22 Apr 2026 10:12:03 +0000", b"Date: " + b"sometime " * 30)
    letter = split_newsletter(raw)
    assert len(letter.items) == 2 and len(letter.source) > 200
    for item in letter.to_news_items():
        assert len(item.source) <= 100 and len(item.published) <= 40 and len(item.url) <= 2000
