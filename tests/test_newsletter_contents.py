"""A newsletter's own contents list names its headlines (newsletters/contents.py): where the headlines
carry no mark (a text part with no blank line between stories, Markdown without heading markup, an HTML
part whose headlines are bold paragraphs), the lines that repeat the list's entries, in order, are the
headlines, the list is no item, and a story's own lists ('1. Token bucket: ...') stay its text. First
seen in ByteByteGo's text part (2 of 11 items found). The issue here is written for the test, in the
forms pipelines give it; every form must give the same items."""

import re

import pytest

from newsletters import split_newsletter

STORIES = [
    ("How Write-Ahead Logs Survive a Crash", "Watch the video [ https://video.example.com/wal ]"),
    ("Five Ways to Shard a Table", "Sharding splits one table over many machines. The choice of key decides\n"
     "how evenly the load spreads:\n1. Range: rows by key order; hot ranges are the risk.\n"
     "2. Hash: even spread, but range scans touch every shard.\n3. Directory: a lookup service maps keys to shards.\n"
     "4. Geo: rows live near their users.\n5. Tenant: one shard per customer, simple until one grows."),
    ("What a Load Balancer Does With a Slow Server", "Health checks are only half of it. The balancer also\n"
     "weighs latency:\n* Least connections: new requests go where fewest are open.\n"
     "* Outlier ejection: a server that keeps failing is taken out for a while.\n"
     "* Slow start: a returning server gets traffic a little at a time."),
    ("Why Idempotency Keys Matter for Payments", "A retry must not charge a customer twice. The client sends\n"
     "a key with each request; the server stores the result under it and returns it again on a retry."),
]
SPONSOR = ("Find the Query That Slowed Your Checkout (Sponsored)",
           "Tracewell links every slow page to the query behind it, in one click.\n"
           "Start a free trial [ https://tracewell.example.dev/?utm_source=weekly ]")
EXPECTED = [SPONSOR[0].replace(" (Sponsored)", "")] + [title for title, _ in STORIES]


def text_part(blank: bool) -> str:
    """The text part: masthead, the sponsor, the contents list, then each story's title line over its
    text (a blank line between blocks, or none, as some senders write it)."""
    gap = "\n\n" if blank else "\n"
    parts = ["View this post on the web at https://weekly.example.com/p/ep88",
             "EP88: How Write-Ahead Logs Survive a Crash\nThis week's system design refresher",
             f"{SPONSOR[0]}\n{SPONSOR[1]}",
             "This week's system design refresher:\n" + "\n".join(
                 f"* {t}" + (" (Youtube video)" if n == 0 else "") for n, (t, _) in enumerate(STORIES))]
    parts += [f"{title}\n{text}" for title, text in STORIES]
    return gap.join(parts) + "\n\nUnsubscribe https://weekly.example.com/action/disable_email\n"


def markdown(bold: bool) -> str:
    """An agent's Markdown export: '-' bullets, each story's title a bold line or a plain line."""
    out = ["# EP88: How Write-Ahead Logs Survive a Crash", "", f"**{SPONSOR[0]}**", "",
           SPONSOR[1].replace("Start a free trial [ https://tracewell.example.dev/?utm_source=weekly ]",
                              "[Start a free trial](https://tracewell.example.dev/?utm_source=weekly)"), "",
           "This week's system design refresher:", ""]
    out += [f"- {t}" for t, _ in STORIES] + [""]
    for title, text in STORIES:
        out += [f"**{title}**" if bold else title, text.replace("[ https://video.example.com/wal ]",
                                                                   "(https://video.example.com/wal)"), ""]
    return "\n".join(out)


def html(headings: bool) -> str:
    """The HTML part: a <ul> of the contents, each story under an <h2> or a bold <p>, its lists as <ol>/<ul>
    with bold run-ins ('<b>Range:</b> rows by key order')."""
    def story(title: str, text: str) -> str:
        head = f"<h2>{title}</h2>" if headings else f"<p><strong>{title}</strong></p>"
        lines = text.split("\n")
        paras, items = [], []
        for line in lines:
            m = re.match(r"^(?:\d\.|\*) ([^:]+): (.+)$", line)
            (items.append(f"<li><b>{m.group(1)}:</b> {m.group(2)}</li>") if m else paras.append(line))
        body = "<p>" + " ".join(paras).replace("Watch the video [ https://video.example.com/wal ]",
                                               '<a href="https://video.example.com/wal">Watch the video</a>') + "</p>"
        return head + body + (f"<ol>{''.join(items)}</ol>" if items else "")
    contents = "".join(f"<li>{t}</li>" for t, _ in STORIES)
    return ("<html><body><table><tr><td><h1>EP88: How Write-Ahead Logs Survive a Crash</h1>"
            "<p>This week's system design refresher</p>"
            f"<p><strong>{SPONSOR[0]}</strong></p><p>Tracewell links every slow page to the query behind it, in one "
            'click. <a href="https://tracewell.example.dev/?utm_source=weekly">Start a free trial</a></p>'
            f"<p>This week's system design refresher:</p><ul>{contents}</ul>"
            + "".join(story(t, x) for t, x in STORIES) + "</td></tr></table></body></html>")


FORMS = {
    "text, blank lines": text_part(True),
    "text, no blank lines": text_part(False),
    "text, CRLF": text_part(False).replace("\n", "\r\n"),
    "markdown, bold titles": markdown(True),
    "markdown, plain titles": markdown(False),
    "html, h2": html(True),
    "html, bold paragraphs": html(False),
}


def _key(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", title.casefold().replace("(sponsored)", ""))


@pytest.mark.parametrize("form", FORMS)
def test_the_lines_a_contents_list_names_are_the_headlines_in_every_form(form):
    letter = split_newsletter(FORMS[form])
    assert [_key(item.title) for item in letter.items] == [_key(t) for t in EXPECTED], letter.reason
    assert [item.sponsored for item in letter.items] == [True] + [False] * len(STORIES)


def test_a_story_keeps_its_own_lists_as_text():
    letter = split_newsletter(FORMS["html, bold paragraphs"])
    sharding = next(item for item in letter.items if item.title.startswith("Five Ways"))
    assert "Range" in sharding.content and "Tenant" in sharding.content


def test_a_list_whose_entries_never_come_again_changes_nothing(monkeypatch):
    """Bullets inside a story that no later line repeats, and a list whose entries come again out of
    order: the split is the one without the pass."""
    inside = ("Quiet week in databases\n\nA new release of a columnar engine\nThe release adds three things:\n"
              "* vectorised joins\n* a spill-to-disk sort\n* faster CSV import\n"
              "Read the notes [ https://db.example.com/notes ]\n\nA migration tool goes open source\n"
              "The tool rewrites schemas without downtime. Source [ https://db.example.com/tool ]\n")
    shuffled = text_part(True).replace(f"{STORIES[1][0]}\n{STORIES[1][1]}", "@@").replace(
        f"{STORIES[3][0]}\n{STORIES[3][1]}", f"{STORIES[1][0]}\n{STORIES[1][1]}").replace("@@", f"{STORIES[3][0]}\n{STORIES[3][1]}")
    shuffled = shuffled.replace(f"{STORIES[2][0]}\n", "").replace(f"{STORIES[0][0]}\n", "")  # one entry of four in order
    with_pass = [split_newsletter(raw).items for raw in (inside, shuffled)]
    monkeypatch.setattr("newsletters.contents.echoes", lambda lines, listed: (set(), set()))
    without = [split_newsletter(raw).items for raw in (inside, shuffled)]
    assert with_pass == without


def test_a_contents_list_of_the_lead_stories_leaves_the_links_after_them_as_items():
    """'In this newsletter:' names the three posts; the issue's dated links after the last post (a Substack
    text part: a paragraph a line) are items of their own, not the last post's text."""
    posts = ["Notes on a week with a coding agent", "A plugin hook for row permissions", "Sandboxes I have tried"]
    text = ("I wrote this up at some length because the details matter more than the headline does, "
            "and because several of you asked how it went.")
    lines = ["In this newsletter:"] + [f"* {p}" for p in posts] + ["Plus 2 links"]
    for p in posts:
        lines += [f"{p} [ https://blog.example.net/{len(p)} ]", text, text]
    lines += ["Link 2026-06-29 The economics of free tiers [ https://costs.example.org/free ]",
              "A piece on what a free user of a model API costs per month, with estimates from three providers' prices.",
              "Link 2026-07-01 A newsroom's transcription pipeline [ https://news.example.org/asr ]",
              "A write-up from a regional newsroom that replaced a paid service with an open speech model on one GPU."]
    titles = [item.title for item in split_newsletter("\n".join(lines) + "\n").items]
    assert titles[:3] == posts and len(titles) == 5, titles
    assert "economics of free tiers" in titles[3] and "transcription pipeline" in titles[4]
