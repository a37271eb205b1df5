"""A newsletter that is one essay: a post sent whole with no headline inside it (a Substack post whose parts
are set off by '§' rules, a beehiiv letter that opens 'Good morning,' and runs on in short paragraphs). The
rules find no headline in it, or only its title and subtitle with a line or two under each, and its running
text would be lost with them. Then the letter is one item: titled by its own title (its h1, the subject, a
title line above the text, or the title its web address spells), its running text the item's text.

Why a rule of our own: no library splits newsletters; this is the last reading of a body, after the readers
and the learned reader, and it only ever replaces a split that holds almost none of the body's text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from .blocks import Block
from .model import NewsletterItem
from .patterns import URL, text_length, words_key
from .rules import NOT_A_NAME, PERSON_LINE, credit_line, noise, prose

ESSAY_CHARS = 400  # running text in the body at least (about 70 words): a letter, not a masthead and a footer
CLAIMED_SHARE = 0.25  # the stories found hold less than this share of it: the split lost the letter
MAX_FOUND = 2  # the post's title and its subtitle, read as two headlines with a byline under one
MAX_LINKS = 3  # an essay links a few places, or one in two of its paragraphs at most
TITLE_WORDS = 14  # a title line above the text: a headline's length
TITLE_END = re.compile(r"[,.:;!?…]$")  # 'Good morning,' / 'Hi everyone,': a greeting, no title
SLUG = re.compile(r"/(?:p|posts?|archive|issues?)/([a-z0-9]+(?:-[a-z0-9]+){2,})/?$")  # '/p/the-agent-that-...'
WEB_VERSION_LINE = re.compile(r"^view\s+this\s+(?:post|email|issue)\s+(?:on\s+the\s+web|online)\s+at\s+(\S+)", re.I)
HANDLE = re.compile(r"\s@\w{1,30}$")  # 'Maya Lund @mayalund': a post's author and handle
LIST_TAG = re.compile(r"^\[[^\]\n]{1,40}\]\s+(?=\S)")  # '[Reading-group] The Intern ...': a list archive's subject
RULE = "one essay: the letter's running text under its title (no headline inside it)"


def one_essay(blocks: list[Block], items: list[NewsletterItem], subject: str | None) -> list[NewsletterItem] | None:
    """The essay as one item (the sponsors' items kept where they were), or None where the split stands."""
    stories = [i for i in items if not i.sponsored]
    # (a quoted post's author over the post, the writer's name signing off last: no story's)
    named = [i for n, i in enumerate(stories) if not _person(i.title, last=n == len(stories) - 1)]
    if len(named) > MAX_FOUND:
        return None
    running = [k for k, b in enumerate(blocks) if prose(b) and not noise(b)]
    length = sum(_length(blocks[k].text) for k in running)
    if length < ESSAY_CHARS or sum(_length(i.content) for i in named) >= CLAIMED_SHARE * length:
        return None
    span = blocks[running[0]:running[-1] + 1]
    entries = {b.url for b in span if b.url and not noise(b) and (len(b.text.split()) >= 3 or URL.match(b.text))}
    if len(entries) > max(MAX_LINKS, len(running) // 2):  # (a button, 'Like', 'Restack': no entry)
        return None  # a digest of linked entries the rules did not read (each with its link): no essay
    # the post's h1 over its text: a preheader's paragraph above it is no part of it
    h1 = next((k for k, b in enumerate(blocks) if b.heading == 1), len(blocks))
    if h1 < running[len(running) // 2]:
        running = [k for k in running if k > h1]
    title, url = _title(blocks[:running[0]], stories, subject)
    if not title:
        return None
    text = [b.text for b in blocks[running[0]:running[-1] + 1]
            if not b.link_only and not noise(b) and not credit_line(b) and any(c.isalnum() for c in b.text)]
    essay = NewsletterItem(title=title, content="\n\n".join(text), url=url or _web_address(blocks[:running[0]]))
    at = items.index(stories[0]) if stories else 0
    return [*[i for i in items[:at] if i.sponsored], essay, *[i for i in items[at:] if i.sponsored]]


def _title(head: list[Block], stories: list[NewsletterItem], subject: str | None) -> tuple[str, str]:
    """The essay's title and link: its h1, a headline found above its text, the subject, a title line above
    its text, or the words of its web address's last part."""
    if h1 := next((b for b in head if b.heading == 1), None):
        return LIST_TAG.sub("", h1.text), h1.url
    above = {words_key(b.text) for b in head}
    if first := next((s for s in stories if words_key(s.title) in above), None):  # (a tweet's author further down: none)
        return first.title, first.url
    if subject:
        return subject, ""
    lines = [b for b in head if not b.url and not b.bullet and not noise(b) and not credit_line(b)
             and len(b.text.split()) <= TITLE_WORDS
             and not TITLE_END.search(b.text) and not b.text.isupper() and any(c.isalpha() for c in b.text)]
    if lines:
        return lines[-1].text, ""
    web = _web_address(head)
    slug = SLUG.search(urlsplit(web).path) if web else None
    return (unquote(slug.group(1)).replace("-", " ").capitalize(), web) if slug else ("", "")


def _length(text: str) -> int:
    """How much there is to read: the addresses a text part writes inline ('( https://... )') do not count."""
    return text_length(URL.sub("", text) if "://" in text else text)


def _person(title: str, last: bool) -> bool:
    """A person's name read as a headline: a quoted post's author and handle ('Maya Lund @mayalund'), or a name
    alone as the last one (the sign-off, '– Rui Costa'; 'Tesla Beats Estimates' has a verb, but two or three
    capitalised words may be a headline too: only the last is taken for a name)."""
    name = HANDLE.sub("", title).strip()
    return bool(PERSON_LINE.match(name)) and not NOT_A_NAME.search(name) and (name != title or last)


def _web_address(head: list[Block]) -> str:
    """The post's own address above its text: 'View this post on the web at <url>' (a Substack text part), or
    a link to a post's page ('Read online')."""
    for b in head:
        if m := WEB_VERSION_LINE.match(b.text):
            return m.group(1)
    return next((b.url for b in head if b.url and SLUG.search(urlsplit(b.url).path)), "")
