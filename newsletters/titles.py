"""What comes off a headline to leave its title, written once for the rules (assemble.py) and the learned
reader (learn/reader.py), so that the two readings of one newsletter title its items alike.

From a headline's text: the read time ('(4 minute read)'), the decoration round it ('• ', ' |'), a sponsor's
label ('Sponsored: '; the item is flagged), the list number ('1. ', '2) ', '#3 ', '1、'; kept as the item's
number), an advice column's 'Q: ', a search alert's '[PDF] ' mark of the document's kind and a note of the
linked page's language ('（英文）'). Over a whole issue: the numbers of headlines numbered '1 Title', '2 Title',
... without a point (`bare_numbers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from . import sponsors
from .patterns import LANGUAGE_TAG, split_read_time

DECORATION = " \t-–—|:•·▪"
# '1. ', '2) ', '#3 ' before a title; '1、' before a Chinese or Japanese one (no space after it)
LIST_NUMBER = re.compile(r"^(?:#\s?(\d{1,3})|(\d{1,3})(?:[.)]\s|[、．]\s?))\s*(?=\S)")
# '[PDF] Title', '[HTML] Title', '[BOOK] Title': a search alert's (Google Scholar's) mark of the linked
# document's kind before its title, no part of it
FORMAT_TAG = re.compile(r"^\[(?:PDF|HTML|BOOK|CITATION|C|B|DOC|DOCX|PS)\][ \t]++(?=\S)")
QUESTION_LABEL = re.compile(r"^(?:Q|Question)\s?[:.]\s+(?=\S.*\?[\"”’']?$)", re.I)  # 'Q: How do I ...?' (an advice column)
BARE_NUMBER = re.compile(r"^(\d{1,2}) (?=[^\W\d])")  # '1 The US is weighing ...': a number, a space, a word
BARE_RUN = 3  # headlines numbered 1, 2, 3 ... in a row at least, for a bare number to be a list's


@dataclass(frozen=True)
class Title:
    title: str
    read_time: str | None
    number: int | None  # the list number the newsletter gave the headline
    labelled: bool  # a sponsor's label or tag was on it


def clean_title(text: str) -> Title:
    """The title a headline's text gives, and what came off it."""
    title, read_time = split_read_time(text)
    title = title.strip(DECORATION)
    labelled = sponsors.tagged(title)
    title = sponsors.without_label(title)
    number = None
    if (m := LIST_NUMBER.match(title)) and len(title) > m.end():
        number, title = int(m.group(1) or m.group(2)), title[m.end():]
    title = LANGUAGE_TAG.sub("", FORMAT_TAG.sub("", QUESTION_LABEL.sub("", title, count=1), count=1))
    return Title(title or text, read_time, number, labelled)


class Numbered(Protocol):
    title: str
    number: int | None


def bare_numbers(items: list[Numbered]) -> None:
    """'1 The US is weighing ...', '2 A nationwide outage ...': headlines numbered without a point (MIT's The
    Download). A number and a space open many a title ('3 things to know'), so it comes off only in a run of
    at least BARE_RUN items numbered 1, 2, 3 ... in order, and is kept as the item's number."""
    n = 0
    while n < len(items):
        run = 0
        while n + run < len(items) and (m := BARE_NUMBER.match(items[n + run].title)) and int(m.group(1)) == run + 1:
            run += 1
        if run >= BARE_RUN:
            for item in items[n:n + run]:
                m = BARE_NUMBER.match(item.title)
                item.title, item.number = item.title[m.end():], int(m.group(1))
        n += max(run, 1)
