"""Keys a caller sends that nothing here reads: refused by name, with the fields that are read and
the one the caller most likely meant (`body` -> `content`), never guessed at or dropped silently.

Used by every MCP tool (its arguments and the items inside its lists) and by `news-enhancer
enhance` (the keys of a JSONL line). The suggestion comes from, in order:

1. what other tools call the same thing: feeds and mail tools put an item's text under `body`,
   `text`, `summary`, `snippet` or `description`, its headline under `subject` or `headline`;
2. a part of a compound key that is a field or such a name (`article_title` -> title,
   `original_content` -> content, `email_date` -> published, `messageText` -> content);
3. a near spelling (`contents`, `titel`; difflib).
"""

from __future__ import annotations

import difflib
import re
from typing import Iterable

# Other tools' names for a field, each with the fields it may mean, in order of preference: the
# first one the caller's tool accepts is suggested (`body` is `content` for an item, `raw` for a
# whole newsletter).
OTHER_NAMES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("body", "text", "summary", "snippet", "description", "message", "html", "plain", "abstract",
                     "excerpt", "article", "story", "markdown", "preview"), ("content", "raw")),
    **dict.fromkeys(("subject", "headline", "heading", "name", "caption"), ("title",)),
    **dict.fromkeys(("link", "href", "permalink", "uri"), ("url",)),
    **dict.fromkeys(("date", "pubdate", "time", "timestamp", "datetime", "created", "updated", "sent", "received"),
                    ("published",)),
    **dict.fromkeys(("publisher", "feed", "sender", "from", "author", "site"), ("source",)),
    "newsletter": ("source", "raw"), "links": ("url",),
    **dict.fromkeys(("guid", "uid", "key"), ("id",)),
    **dict.fromkeys(("email", "eml", "mime", "document"), ("raw",)),
    **dict.fromkeys(("type", "kind", "mimetype", "content_type"), ("format",)),
    "content": ("raw",), "job": ("job_id",), "entries": ("items",), "articles": ("items",), "messages": ("items",),
}
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
NAMED_AT_MOST = 10  # unknown keys named in one message; the rest are counted
KEY_CHARS = 60  # a key's name is cut to this in a message (a key can be megabytes long)


def closest(key: str, accepted: Iterable[str]) -> str | None:
    """The accepted field `key` most likely stands for, or None when nothing is close."""
    accepted = list(accepted)
    lower = key.lower()
    for candidate in (lower, lower.replace("-", "_")):
        if match := _named(candidate, accepted):
            return match
    for part in reversed([w.lower() for w in _WORD.findall(key)]):  # the last part that names something
        if part in accepted or part in OTHER_NAMES:  # decides: email_subject is a title, never the raw email
            return _named(part, accepted)
    near = difflib.get_close_matches(lower, accepted, n=1, cutoff=0.75)
    return near[0] if near else None


def _named(word: str, accepted: list[str]) -> str | None:
    if word in accepted:
        return word
    return next((field for field in OTHER_NAMES.get(word, ()) if field in accepted), None)


def unknown_keys(given: Iterable[str], accepted: Iterable[str]) -> list[str]:
    """The keys of `given` that are not accepted, in the caller's order."""
    accepted = set(accepted)
    return [key for key in given if key not in accepted]


def describe(unknown: list[str], accepted: Iterable[str], noun: str = "field") -> str:
    """"'body' (did you mean 'content'?), 'labels'; the accepted fields are title, content, ..."."""
    accepted = list(accepted)
    named = []
    for key in unknown[:NAMED_AT_MOST]:
        guess = closest(key[:KEY_CHARS * 4], accepted)
        shown = repr(key if len(key) <= KEY_CHARS else key[:KEY_CHARS] + "...")
        named.append(f"{shown} (did you mean {guess!r}?)" if guess else shown)
    if len(unknown) > NAMED_AT_MOST:
        named.append(f"and {len(unknown) - NAMED_AT_MOST} more")
    return f"{', '.join(named)}; the accepted {noun}s are {', '.join(accepted)}"


def refusal(where: str, unknown: list[str], accepted: Iterable[str], noun: str = "field") -> str:
    """The whole message: "<where> has a field that is not read: 'body' (did you mean 'content'?); ..."."""
    if len(unknown) == 1:
        count = f"{'an' if noun[0] in 'aeiou' else 'a'} {noun} that is"
    else:
        count = f"{len(unknown)} {noun}s that are"
    return f"{where} has {count} not read: {describe(unknown, accepted, noun)}"
