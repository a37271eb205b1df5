"""A text part's links inside Markdown -> Markdown links.

beehiiv's text/plain part keeps the Markdown of headings, bold and lists but writes a link as the
linked words followed by their URL in parentheses: '### 🛠️ **Trending AI Tools (https://x)**',
'* 🗺️ Wayfinder Maps (https://x) - Ask questions ...', '**India's IT ministry** approved 38,000
more GPUs (https://x)'. On a heading, list item or bold-led line, the words between the line's
markup (and a leading bold subject) and the '(URL)' are the link's text, as in a text part.
"""

from __future__ import annotations

import re

from .patterns import emoji_prefix

# Possessive: the words stop at the first bracket or parenthesis, and that one must open the URL.
TEXT_LINK = re.compile(r"^(?P<lead>[ \t]{0,3}+(?:#{1,6}+[ \t]++|[*+-][ \t]++|\d{1,3}+[.)][ \t]++)?+)"
                       r"(?P<words>(?:[^\[\]()\n\d]{0,20}+\d{1,3}\)[ \t]++)?[^\[\]()\n]{1,400}+)"
                       r"\((?P<url>https?://[^\s()\[\]<>]{1,2000}+)\)")  # '🗺️ 5) Wayfinder Maps (url)': a number
BOLD_LEAD = re.compile(r"^\*\*[^*]{1,200}+\*\*[ \t]++(?=[^\s*])")
# A line that opens with a URL in parentheses: hard-wrapping moved it off the line of its words.
URL_LINE = re.compile(r"^[ \t]*+\(https?://[^\s()\[\]<>]{1,2000}+\)")
ENDS_WITH_URL = re.compile(r"\(https?://[^\s()\[\]<>]{1,2000}+\)$")
ITEM_START = re.compile(r"^[ \t]{0,3}+(?:[*+]|\d{1,3}+[.)])[ \t]++|^\*\*")  # a list item's or bold lead's line
BLOCK_START = re.compile(r"^[ \t]{0,3}+(?:#{1,6}[ \t]|\||>)")
MAX_JOINED = 3000
# beehiiv's text part writes a picture as 'View image: (URL)' and 'Follow image link: (URL)' lines (then its
# 'Caption: ...'): a picture, no text of the story it sits in.
PICTURE_LINE = re.compile(r"(?im)^(?:[ \t]*+(?:view image|follow image link)[ \t]*+:[ \t]*+\(https?://[^\s()]{1,4000}+\)"
                          r"[ \t]*+(?:\n|$))++(?:[ \t]*+caption[ \t]*+:[ \t]*+(?:\n|$))?+")  # (an empty caption too)


def text_links(line: str) -> str:
    """'* 🗺️ Wayfinder Maps (https://x) - ...' -> '* 🗺️ [Wayfinder Maps](https://x) - ...'; any other
    line unchanged."""
    m = TEXT_LINK.match(line)
    if not m or "](" in line:
        return line
    lead, words = m.group("lead"), m.group("words")
    if not lead and not words.startswith("**"):
        return line  # a paragraph's link: its words are not known
    emoji = emoji_prefix(words)
    lead, words = lead + emoji, words[len(emoji):]
    bold = BOLD_LEAD.match(words)
    if bold:  # '**India's IT ministry** approved ...': the subject stays outside the link
        lead, words = lead + bold.group(0), words[bold.end():]
    elif words.startswith("**") and "**" not in words[2:]:  # '**Trending AI Tools (url)**'
        lead, words = lead + "**", words[2:]
    text = words.rstrip()
    if not any(ch.isalnum() for ch in text):
        return line
    return f"{lead}[{text}]({m.group('url')}){line[m.end():]}"


def rejoin_wrapped_links(lines: list[str]) -> list[str]:
    """A text part in Markdown hard-wrapped at 72 or 76 columns: a long '(URL)' goes to a line of its
    own, away from its words, and the ' - summary' after it may start the next line. The URL's line
    goes back onto the lines of its paragraph (from its list mark or bold lead, at most four lines
    up), and a '- ' line right under such a list item (marked '*', '+' or '1.') is the item's summary."""
    out: list[str] = []
    for line in lines:
        if URL_LINE.match(line) and out and out[-1].strip():
            start = len(out) - 1
            while start > 0 and len(out) - start < 4 and out[start - 1].strip() and not ITEM_START.match(out[start]) \
                    and not BLOCK_START.match(out[start - 1]) and not out[start - 1].endswith("  "):
                start -= 1
            joined = " ".join(part.strip() if n else part.rstrip() for n, part in enumerate(out[start:] + [line]))
            if not BLOCK_START.match(out[start]) and len(joined) <= MAX_JOINED:
                out[start:] = [joined]
                continue
        elif line.startswith("- ") and out and ITEM_START.match(out[-1]) and not out[-1].startswith("**") \
                and ENDS_WITH_URL.search(out[-1].rstrip()) and len(out[-1]) + len(line) <= MAX_JOINED:
            out[-1] = f"{out[-1].rstrip()} {line}"
            continue
        out.append(line)
    return out


def drop_pictures(text: str) -> str:
    """beehiiv's picture lines ('View image: (URL)', 'Follow image link: (URL)') taken out."""
    return PICTURE_LINE.sub("", text) if "image" in text else text
