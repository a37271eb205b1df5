"""A newsletter's own contents list, and the headlines it points at.

Many issues open with a list of what is inside ('In this issue:', ByteByteGo's list of the week's topics,
a Substack post's 'In this newsletter:'), and each entry comes again further down as the story's
headline. Where the headlines carry no mark of their own (a text/plain part, Markdown without heading
markup, a paragraph with no blank line around it), that echo is the surest sign of them a reader has:
the lines that repeat the entries, in the list's order, are the headlines, and the list, which only
points at them, is no item. No library reads this; it is one pass over the lines (a table of the entries,
then each later line looked up in it): linear.
"""

from __future__ import annotations

import re

from .patterns import word_count, words_key

LIST_LINE = re.compile(r"^[ \t>]{0,6}+(?:[-*•+·▪◆■●]|\d{1,3}[.)])[ \t]++(?=\S)")  # a list entry's line
ENTRY_WORDS = 14  # a contents entry is a headline: 14 words at most
ENTRY_MIN_WORDS = 4  # ... and most of them have four words or more
LIST_MIN = 3  # a contents list has three entries at least
LEAD_WORDS = 6  # an entry's lead before its colon ('Pocket money: How much ...'): a short headline
# what is no part of an entry's words: link targets ('](url)', '[ url ]', '<url>', '(url)'), a last '(...)'
# ('(Youtube video)'), Markdown marks
TARGETS = re.compile(r"\]\([^()\s]{0,2000}+\)|\[[ \t]*+https?://[^\]\s]{0,2000}+[ \t]*+\]|<https?://[^>\s]{0,2000}+>"
                     r"|\(https?://[^()\s]{0,2000}+\)|https?://\S{0,2000}+")
TAIL = re.compile(r"\([^()]{1,40}+\)\s*+$")  # (no leading space: from every space of a long run it cost quadratic time)
HEADING_MARK = re.compile(r"^[ \t]{0,3}+#{1,6}[ \t]++")


def key(line: str) -> str:
    """An entry's or a headline's words, case-folded: list mark, link targets, heading marks, a last '(...)'
    and punctuation off."""
    text = TARGETS.sub(" ", HEADING_MARK.sub("", LIST_LINE.sub("", line)))
    return words_key(TAIL.sub("", text))


def _lead_key(line: str) -> str:
    """The key of an entry's lead before its colon, where it describes the story after one ('Pocket money: How
    much children get each week ...' points at the headline 'Pocket money'); '' where there is none."""
    lead, colon, rest = LIST_LINE.sub("", line).partition(":")
    return key(lead) if colon and rest.strip() and 0 < word_count(lead) <= LEAD_WORDS and "//" not in rest[:2] else ""


def _dek_under(lines: list[str], at: int, entry: str) -> bool:
    """Whether the next line with words after lines[at] says what the entry says after its lead's colon."""
    dek = key(LIST_LINE.sub("", entry).partition(":")[2])
    below = next((line for line in lines[at + 1:at + 4] if line.strip()), "")
    return bool(dek) and key(below) == dek


def _headline_words(entries: list[str]) -> bool:
    """A list of stories, not of sections: its entries' middle length is ENTRY_MIN_WORDS words or more ('How
    Database Replication Works'; a list of 'Research', 'Tools', 'Jobs' names the sections, whose own
    stories must not become their text)."""
    counts = sorted(word_count(key(entry)) for entry in entries)
    return counts[len(counts) // 2] >= ENTRY_MIN_WORDS


def line_echoes(lines: list[str]) -> tuple[set[int], set[int]]:
    """echoes() over a text's lines: a list entry's line opens with a bullet or a number."""
    return echoes(lines, [LIST_LINE.match(line) is not None for line in lines])


def echoes(lines: list[str], listed: list[bool]) -> tuple[set[int], set[int]]:
    """(the lines that are headlines, the contents entries that point at them): the entries of a run of
    LIST_MIN list lines or more (listed[k]: lines[k] is a list's entry), each of ENTRY_WORDS words or fewer
    or a short lead before a colon and the story's description after it ('Pocket money: How much ...'),
    whose words (or the lead's) come again later on a line that is no list entry; half of a list's entries (two at least)
    must come again, in the list's order. (lines may be blocks' texts too.)"""
    entries: dict[str, int] = {}  # an entry's key -> its line
    led: dict[str, bool] = {}  # an entry's key -> it is the key of the entry's lead only
    run_of: dict[int, tuple[int, int]] = {}  # an entry's line -> its list's (first line, length)
    n = 0
    while n < len(lines):
        end = n
        while end < len(lines) and listed[end] and (len(lines[end].split()) <= ENTRY_WORDS + 1 or _lead_key(lines[end])):
            end += 1
        if end - n >= LIST_MIN and _headline_words(lines[n:end]):
            for k in range(n, end):
                for entry, by_lead in ((key(lines[k]), False), (_lead_key(lines[k]), True)):
                    if entry and entry not in entries:
                        entries[entry] = k
                        run_of[k] = (n, end - n)
                        led[entry] = by_lead
        n = max(end, n + 1)
    if not entries:
        return set(), set()
    found: dict[int, int] = {}  # an entry's line -> the line that echoes it
    by_lead: dict[int, bool] = {}  # an entry's line -> its lead alone is echoed
    last = -1  # the last entry echoed: the echoes come in the list's order
    for k, line in enumerate(lines):
        if not line.strip() or listed[k] or len(line.split()) > ENTRY_WORDS + 3:
            continue
        at = entries.get(echo := key(line))
        if at is not None and last < at < k:
            found[at], last = k, at
            by_lead[at] = led[echo]
    by_list: dict[int, list[int]] = {}
    for at in found:
        by_list.setdefault(run_of[at][0], []).append(at)
    heads: set[int] = set()
    pointers: set[int] = set()
    for start, ats in by_list.items():
        # (a lead echoed may be the story's section label, 'Office hours: The four-day week ...' over 'OFFICE
        # HOURS', a kicker and the headline: it is a headline only where the entry's description comes again
        # right under it, as its dek: 'POCKET MONEY' / '[How much children ...]')
        # (leads that echo section labels only, 'Money & Business: A chipmaker's quarter ...' over the 'Money &
        # Business' section: the list is the issue's teasers and goes, but makes no headline)
        sure = [at for at in ats if not by_lead[at] or _dek_under(lines, found[at], lines[at])]
        if len(sure) >= 2 and 2 * len(sure) >= run_of[start][1]:
            heads.update(found[at] for at in sure)
        if len(ats) >= 2 and 2 * len(ats) >= run_of[start][1] and (len(sure) >= 2 or all(by_lead[at] for at in ats)):
            pointers.update(ats)
    return heads, pointers
