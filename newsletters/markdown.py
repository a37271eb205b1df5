"""Markdown newsletters -> Blocks. The Markdown is rendered to HTML by markdown-it (CommonMark)
and read by the HTML reader, so both forms share one notion of headings, bold, links and lists.

Before rendering, what HTML-to-Markdown converters do to email layouts is undone:
- html2text wraps lines at 78 columns, also inside link targets ('...agent-\\nsdk?utm=...');
- email layout tables become table rows: html2text keeps one cell a line between '|' and '---'
  rows, markdownify puts a whole nested table on one line, its lists flattened to '* a * b';
- a text part in Markdown (beehiiv) writes a link as 'words (URL)' (text_links).
"""

from __future__ import annotations

import html
import re
from functools import cache

from .blocks import Block
from .flattened import cell_lines, vocabulary
from .html import html_blocks
from .patterns import SALUTATION, counting_on
from .plain_runs import plain_runs, splice
from .rules import CAPTION, CREDIT, SENTENCE_BREAK, count_line
from .text_links import drop_pictures, rejoin_wrapped_links, text_links

# A link target broken by a newline: '](https://x.example/agent-' + '\n' + 'sdk?utm=1)'.
BROKEN_TARGET = re.compile(r"(\]\(<?[^()\s<>]{1,2000}+)\n[ \t]*+([^()\s<>\[\]]{1,2000}+)")
WRAPPED_HYPHEN = re.compile(r"(?<=[^\W_])-\n(?=[^\W_])")  # html2text also wraps after a hyphen: 'agent-\nsandbox'
WRAP_WIDTH = 60  # html2text wraps at 78 columns: a heading this long may go on on the next line
# A line of paragraph text that no Markdown construct starts with.
PLAIN_LINE = re.compile(r"(?![ \t]|[#*+>|\[!<`=~_-]|\d{1,9}[.)](?:[ \t]|$)).")
# what a heading never is: marked up, ending in punctuation, or ending in a year (a date line)
LOST_HEADING_NOT = re.compile(r"^[\[*_#!>|`-]|[.,;:!?*_)\]]$|\b(?:19|20)\d\d$|\]\(")
# a cell that is a headline (bold, linked or a heading, after an emoji): the cell under it is its caption
HEADLINE_CELL = re.compile(r"^[^\w\[*#]{0,6}(?:#|\*\*|\[\*\*)")
# a cell that is an emoji and one bold phrase ('😺 **Headline**'): a heading markdownify kept only the bold of
EMOJI_BOLD_CELL = re.compile(r"^(?=[^\w\s*\[])[^\w*\[]{1,8}+\*\*[^*]{2,200}+\*\*$")
# a paragraph led by a bold run-in label ('**Why it matters:** Help desks ...', Axios; '**Is anyone asking?** ...'): text, not a headline cell
LABEL_CELL = re.compile(r"^\*\*[^*:?\n]{1,40}+[:?]\*\*[ \t]++\S")
# A line that opens with a story's bold run-in title ('**Spotify raises prices.** Music ...'), perhaps after a bold
# section name ('**🗞 News** **Title.** Text'), and the end of a sentence or a link that may end the line above it.
RUN_IN_LINE = re.compile(r"^(?:\*\*(?P<name>[^*\n]{1,60}+)\*\*[ \t]++)?\*\*[^*\n]{3,200}?[.:!?]\*\*[ \t]++\S")
ENDS_SENTENCE = re.compile(r"[.!?)”’\"]$")
HASHTAG_LINE = re.compile(r"#[^\s#]")
ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]")
TABLE_LINE = re.compile(r"^[ \t]*+\|")
# html2text's later rows: 'Infra| [Headline](url)| 840 Likes' (not an italic credit line: '*Ana Lind | Granta | 6th July*')
ROW_CONTINUATION = re.compile(r"^(?![*_])[^|\[\]()]{1,40}\|\s")

LINKED_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?:\*\*)?\[[^\[\]]{1,500}\]\([^()\s]{1,2000}\)(?:\*\*)?$")
# A whole line in bold, or one link (bold inside or around it): a headline's own line.
TITLE_LINE = re.compile(r"^(?:\*\*[^*\n]{3,300}\*\*|__[^_\n]{3,300}__|(?:\*\*)?\[(?:\*\*)?[^\[\]\n]{3,300}(?:\*\*)?\]"
                        r"\([^()\s]{1,2000}\)(?:\*\*)?)$")
# One space or tab at a line's end is padding (two or more are a hard line break, and stay).
LONE_TRAILING_SPACE = re.compile(r"(?m)(?<=\S)[ \t]$")
ITALIC_START = re.compile(r"^[*_](?![\s*_])")  # '_[A supply depot, 2039]_' under a tale's title
SEPARATOR_CELL = re.compile(r"^\s*+:?-{3,}+:?\s*+$")
HEADER_RULE = re.compile(r"^---(?:\|---)*+[ \t]*+$")  # html2text's rule under a table's first row, '---' a cell
# A '[' that no ']' closes within 500 characters cannot start a link; escaped, markdown-it skips it at once
# (unescaped, a megabyte of them takes it 10 s). A linked image, '[![alt](src)text](url)' as html2text
# writes a button, is closed by the ']' after its image.
LONE_BRACKET = re.compile(r"\[(?![^\[\]]{0,500}+\]|!\[[^\[\]]{0,500}+\]\([^()\s]{0,2000}+\)[^\[\]]{0,500}+\])")
MAX_TARGET_LINES = 8
FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[^`\n]{0,40}$")
FENCE_OPEN = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[\w+-]{1,20}\s*$")  # '```js': a fence that opens a block
GLUED_BOLD_LINE = re.compile(r"(?<=[.!?)\]”’\"]) (?=\*\*[^*\n]{3,200}\*\*  \n)")
# A paragraph that opens with a link glued to the line under it: html2text dropped the <br> or the <div>
# between a headline's link and its read-time line ('[Plans Are Hypotheses](url)8 minutes read.'), its counts
# ('...](url)2.1k upvotes') or its line of description ('[Tallybook](url)A ledger for ...', '[A 4 KB web
# server](url)github.com · 447 points'). Running text puts a space or punctuation after a link, never a
# digit, a capital or a domain name.
GLUED_TAIL = r"(?=\d|[A-Z]|[a-z0-9-]{1,60}\.[a-z]{2})"
GLUED_NUMERAL = re.compile(r"^(\d{1,2})[ \t]*+(?=\*\*[^*\s])")  # '1**Title.** text': a list's number glued on
GLUED_LEAD_LINK = re.compile(r"^(\[[^\[\]]{3,300}+\]\([^()\s]{1,2000}+\)|\*\*\[[^\[\]]{3,300}+\]\([^()\s]{1,2000}+\)\*\*)"
                             + GLUED_TAIL)  # (in bold too: '**[Title](url)**The author ...')
# ... and the same where html2text wrapped the link's words: the link opened a line above, closes on this one
GLUED_LINK_END = re.compile(r"^([^\[\]]{1,300}+\]\([^()\s]{1,2000}+\)(?:\*\*)?+)" + GLUED_TAIL)
# ... and a table cell markdownify flattened, where the break became a space: '[Lumenote](url) Notes that ...'
LONE_LINK_CELL = re.compile(r"\[([^\[\]]{1,300}+)\]\([^()\s]{1,2000}+\)")  # (group 1: the link's words)
LEAD_LINK_CELL = re.compile(r"^(\[([^\[\]]{2,300}+)\]\([^()\s]{1,2000}+\))[ \t]+" + GLUED_TAIL)
# A line of links glued end to start, nothing between them ('[Title one](u1)[Title two](u2)[Title three](u3)'):
# html2text's reading of a list of linked headlines each in a <div> of its own (Revue's letters), which has
# no break between blocks of a cell. Each link of two words or more is a line of its own, as it was in the HTML.
GLUED_LINKS = re.compile(r"(?:\[[^\[\]\s]{1,100}+(?:[ \t][^\[\]\s]{1,100}+){1,60}+\]\([^()\s]{1,2000}+\)){2,100}+[ \t]*+")
PUNCTUATION_LINE = re.compile(r"^[\s!-/:-@\[-`{-~]++$")
RULE_LINE = re.compile(r"^ {0,3}+([-*_=])(?:[ \t]*+\1){2,}+[ \t]*+$")  # a rule or a setext underline
MARKUP_CHARS = "[]()*_`<>!#&\\|~"
# A line this long and made mostly of Markdown punctuation is not prose: it goes through as
# escaped HTML, since markdown-it spends microseconds on every punctuation character.
JUNK_LINE_CHARS, JUNK_MARKUP_SHARE = 2000, 0.25


@cache
def _renderer():
    """Built on first use: only Markdown newsletters need markdown-it, so the server starts without it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).disable("code")  # indented code: email text is indented


def markdown_blocks(raw: str) -> list[Block]:
    # long runs of plain paragraphs skip markdown-it
    lines, runs = plain_runs(unconvert(drop_pictures(raw)).split("\n"))
    blocks, _meta = html_blocks(_renderer().render("\n".join(lines)))
    return splice(blocks, runs) if runs else blocks


def unconvert(raw: str) -> str:
    """Converter artefacts undone: link targets re-joined, table cells laid out as paragraphs."""
    raw = LONE_TRAILING_SPACE.sub("", raw)
    for _ in range(MAX_TARGET_LINES):
        joined = BROKEN_TARGET.sub(r"\1\2", raw)
        if joined == raw:
            break
        raw = joined
    raw = WRAPPED_HYPHEN.sub("-", LONE_BRACKET.sub(r"\\[", raw))
    out: list[str] = []
    fenced = False  # inside a fenced code block
    # wrapped headings first: a table's header row must not take a heading's wrapped tail as a cell
    lines = _header_rows(_join_wrapped_headings(rejoin_wrapped_links(raw.split("\n"))))
    rows = [_cells(line) if TABLE_LINE.match(line) or (" | " in line and line.rstrip().endswith("|"))
            or ROW_CONTINUATION.search(line) else None for line in lines]
    entries = _entry_rows(lines, rows)
    for n, line in enumerate(lines):
        if rows[n] is not None:
            out.extend(_row_lines(rows[n], n in entries))
        elif SEPARATOR_CELL.match(line) and not _setext(line, out):  # html2text's '---' under a table's first row
            out.append("")
        elif FENCE.match(line) and (fenced or FENCE_OPEN.match(line)):  # a code block's fence ('```' alone closes
            out.append(line)  # it: dropped, the code would run to the end; a closing fence with no opening one goes)
            fenced = not fenced
        elif PUNCTUATION_LINE.match(line) and not RULE_LINE.match(line):
            if 0 < len(line.strip()) <= 2 and line[:1] in " \t" and out and out[-1].strip():
                out[-1] += " " + line.strip()  # '  (' and '  )' around a list item's links, on lines of their own
                # (markdownify keeps the HTML source's line breaks): the item goes on
            else:
                out.append("")  # no letter, digit or emoji: nothing to read, and markdown-it is slow on it
        elif len(line) > JUNK_LINE_CHARS and sum(map(line.count, MARKUP_CHARS)) > JUNK_MARKUP_SHARE * len(line):
            out.extend(["", f"<p>{html.escape(line)}</p>", ""])
        elif m := GLUED_LEAD_LINK.match(line):  # '[Title](url)8 minutes read.': the headline, then its line, each a
            out += ["", text_links(m.group(1)), "", text_links(line[m.end():])]  # paragraph (the entry above ended
            # in a hard break, not a blank line)
        elif out and out[-1].startswith(("[", "**[")) and "]" not in out[-1] and (m := GLUED_LINK_END.match(line)) \
                and (m.group(1).endswith("**") == out[-1].startswith("**[")):
            out[-1:] = ["", text_links(f"{out[-1]}\n{m.group(1)}"), "", text_links(line[m.end():])]
            # ('[A 4 KB web server written in' / 'assembly](url)github.com')
        else:
            out.append(text_links(line))
    text = "\n".join(_join_plain_lines(_run_in_breaks(_title_breaks(_glued_link_lists(_numerals_off(out))))))
    # '... asked to touch. **Llama Code 5 lands with a 1M-token window**  ' then a hard break: a bold title line
    # that html2text ran on after the last entry's sentence (a <br>-separated cell): a paragraph of its own
    return GLUED_BOLD_LINE.sub("\n\n", text) if "**  \n" in text else text


def _entry_rows(lines: list[str], rows: list[list[str] | None]) -> set[int]:
    """The rows (by line) whose cells open with a linked headline over a line of their own: a listing that
    markdownify flattened, '| [Lumenote](url) Notes that link themselves · 842 upvotes |', its <br> or <div>
    now a space. Two such cells make it a listing, in one row or in rows one after the other (blank lines
    between): a single cell opening with a link is as likely a sentence ('[Anthropic](url) CEO said ...')."""
    counts = [sum(1 for cell in cells if LEAD_LINK_CELL.match(cell)) if cells else 0 for cells in rows]
    entries: set[int] = set()
    last = None  # the row above, if only blank lines came after it
    for n, count in enumerate(counts):
        if rows[n] is None:
            last = last if not lines[n].strip() else None
            continue
        paired = bool(count) and last is not None and counts[last] > 0
        if count >= 2 or paired:
            entries.update((n, last) if paired else (n,))
        last = n
    return entries


def _row_lines(cells: list[str], entries: bool = False) -> list[str]:
    """A flattened table row's cells as Markdown lines, each lost heading a heading again; in a listing
    (_entry_rows), a cell's opening link is a line of its own, its headline."""
    out: list[str] = []
    lost = False
    start = 0  # where the cell's lines start in out
    common = vocabulary(" ".join(cells))
    for k, cell in enumerate(cells):
        start, before = len(out), start  # (before: where the cell before it starts)
        if entries and (m := LEAD_LINK_CELL.match(cell)):
            picture = LONE_LINK_CELL.fullmatch(cells[k - 1]) if k else None
            if picture and picture.group(1).strip().casefold() == m.group(2).strip().casefold():
                del out[before:]  # the entry's picture, its alt text the entry's name: the name's link stays
            out += ["", m.group(1), "", *cell_lines(cell[m.end():].strip(), common)]
            lost = False
            continue
        after = cells[k + 1] if k + 1 < len(cells) else ""
        # a headline over its picture, whose alt text repeats it ('Headline | Headline Reuters/Hanna Berg'; the
        # picture's cell stays the story's text: a credit alone would be too short to tell a story under it)
        pictured = 2 <= len(cell.split()) <= 16 and len(cell) <= 120 and after.startswith(cell) and len(after) > len(cell)
        lost = pictured or not lost and not (k and HEADLINE_CELL.match(cells[k - 1]) and not LABEL_CELL.match(cells[k - 1])) \
            and _lost_heading(cell, after)
        out.extend(["", f"## {cell}", ""] if lost or EMOJI_BOLD_CELL.match(cell) else cell_lines(cell, common))
    return out


def _header_rows(lines: list[str]) -> list[str]:
    """html2text writes a table's first row as its cells joined by '| ', wrapped over lines, with a
    '---|---' rule under it, and glues the paragraphs inside a cell together ('Sponsored by
    Quillbase[Headline](url)Text...'): the row becomes one '|' line, read cell by cell. The row
    starts after a blank line, a heading or a hard line break ('  ' at a line's end)."""
    out: list[str] = []
    start, fresh = 0, True  # where the current run of lines starts in out; whether the next line starts one
    for line in lines:
        if HEADER_RULE.match(line) and start < len(out):
            row = " ".join(part.strip() for part in out[start:])
            del out[start:]
            out += [row if row.startswith("|") else f"| {row}", ""]
            start, fresh = len(out), True
            continue
        if fresh:
            start = len(out)
        out.append(line)
        if not line.strip() or ATX_HEADING.match(line):
            start = len(out)
        fresh = line.endswith(("  ", "\\"))
    return out


def _join_plain_lines(lines: list[str]) -> list[str]:
    """Runs of plain paragraph lines as one line: a soft line break is a space anyway, and
    markdown-it spends its time per line (a megabyte of short lines took it 7 s)."""
    out: list[str] = []
    run: list[str] = []
    for line in lines:
        plain = PLAIN_LINE.match(line)
        if plain and (not run or not run[-1].endswith(("  ", "\\"))):
            run.append(line)
            continue
        if run:
            out.append(" ".join(run))
            run = []
        (run if plain else out).append(line)
    if run:
        out.append(" ".join(run))
    return out


def _join_wrapped_headings(lines: list[str]) -> list[str]:
    """html2text wraps a long '#### [**Headline ...' or a table row's link over lines, but a
    Markdown heading or table row is one line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        heading, row = ATX_HEADING.match(line), TABLE_LINE.match(line) or ROW_CONTINUATION.search(line)
        if heading or row:
            while i < len(lines) and lines[i].strip() and len(line) < 3000 and (
                    line.count("[") > line.count("]") or line.count("](") > line.count(")")
                    or (heading and len(line.rstrip()) >= WRAP_WIDTH and _plain(lines[i]) and not _linked(line))):
                line = f"{line.rstrip()} {lines[i].strip()}"
                i += 1
        out.append(line)
    return out


def _setext(line: str, out: list[str]) -> bool:
    """'Tools & Apps' over '------------': a setext heading's underline (turndown, markdownify), not
    html2text's table rule, which it writes '---  ' under a row that ends in a hard break or a '|'."""
    above = out[-1] if out else ""
    # '#Favorites' (Hacker Newsletter's section names) is no ATX heading (no space after the '#'): text
    return line == line.rstrip() and bool(above.strip()) and "|" not in above and not above.endswith("  ") \
        and bool(PLAIN_LINE.match(above) or HASHTAG_LINE.match(above))


def _lost_heading(cell: str, after: str) -> bool:
    """markdownify writes a heading inside a table cell as plain text: a cell that is one short
    unpunctuated phrase, over a cell of running text, was the story's or section's heading (The
    Download's, Exponential View's and TheSequence's stories sit each in cells of a layout table).
    Two sentences are a caption ('... no good answer. Source: Quarry'). A name over a list of links may be one word ('Governing', 'Industry'). A date line ('Wednesday,
    June 10, 2026'), a picture's caption (right under a headline: the caller looks) and a count
    ('⇧ 2,871 Likes') are none."""
    words = cell.split()
    links = after.startswith(("* [", "- [")) and len(words) <= 6  # a short name over its list of links
    return ((2 if not links else 1) <= len(words) <= 16 and len(cell) <= 120 and not LOST_HEADING_NOT.search(cell)
            and not CAPTION.match(cell) and not CREDIT.match(cell) and not count_line(cell)
            and not SENTENCE_BREAK.search(cell)
            and len(after) >= 80 and (links or not after.startswith(("[", "!", "|", "#", "* ", "- "))))


def _linked(heading: str) -> bool:
    """'## [Headline](url)': a heading that is one whole link ends with it (the next line is text)."""
    return bool(LINKED_HEADING.match(heading.rstrip()))


def _numerals_off(lines: list[str]) -> list[str]:
    """A list's numbers that a converter glued to each entry's bold first sentence ('1**Regeringen udskyder ...**
    Forhandlingerne ...', markdownify's '2  **Rekordmange unge ...**': the big numeral was a block of its own) come
    off, so that each entry opens with its bold run-in as the HTML's did. Only numbers that count on (two or
    more, each one more than another) are a list's."""
    off = counting_on({n: int(m.group(1)) for n, line in enumerate(lines) if (m := GLUED_NUMERAL.match(line))})
    if len(off) < 2:
        return lines
    return [GLUED_NUMERAL.sub("", line) if n in off else line for n, line in enumerate(lines)]


def _glued_link_lists(lines: list[str]) -> list[str]:
    """A run of lines (up to a blank line or a hard break) that is wholly links glued end to start: each link
    a paragraph of its own (GLUED_LINKS; html2text wraps the links' words over several lines)."""
    if not any(")[" in line for line in lines):
        return lines
    out: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        run.append(line)
        if line.strip() and not line.endswith("  "):
            continue
        joined = " ".join(part.strip() for part in run if part.strip())
        if ")[" in joined and GLUED_LINKS.fullmatch(joined):
            for link in LONE_LINK_CELL.finditer(joined):
                out += ["", link.group(0)]
            out.append("")
        else:
            out += run
        run = []
    return out[:-1]


def _title_breaks(lines: list[str]) -> list[str]:
    """A paragraph that opens with a whole bold or linked line ('**Headline (3 minute read)**',
    '[Headline](url)') or a salutation ('Dear friends,'), its text on the next line: the title is a
    paragraph of its own, as it is where a blank line follows it. (CommonMark would run the two
    lines into one paragraph, and the headline into its text.)"""
    out: list[str] = []
    for n, line in enumerate(lines):
        out.append(line)
        after = lines[n + 1].strip() if n + 1 < len(lines) else ""
        opens = n == 0 or not lines[n - 1].strip()
        if opens and after and (PLAIN_LINE.match(after) or ITALIC_START.match(after)) and (
                TITLE_LINE.match(line.strip()) or SALUTATION.match(line.strip())):
            out.append("")
    return out


def _run_in_breaks(lines: list[str]) -> list[str]:
    """'... a race for margin. [Link](url)' / '**The retail apocalypse that wasn't.** US store ...': a story
    whose bold run-in title opens a line right under the last story's end is a paragraph of its own, as the
    HTML's <p> was (html2text writes a layout cell's paragraphs one a line, with no blank line between,
    and CommonMark would run every story into one paragraph). A bold section name before the run-in
    ('**🗞 News** **Title.** ...') is a paragraph of its own too."""
    out: list[str] = []
    for line in lines:
        m = RUN_IN_LINE.match(line)
        if m and out and ENDS_SENTENCE.search(out[-1].rstrip()):
            out.append("")
        if m and m.group("name"):
            out += [f"**{m.group('name')}**", "", line[line.index("**", 2) + 2:].lstrip()]
            continue
        out.append(line)
    return out


def _plain(line: str) -> bool:
    """A line that continues text, rather than starting a list, heading, table, quote or image."""
    return not re.match(r"\s*(?:[-*+>|#!]|\d{1,3}[.)]\s)", line)


def _cells(line: str) -> list[str]:
    """The cells of a table row; a '|' inside a link's [text] or (target) does not split."""
    cells, start, depth = [], 0, 0
    for pos, char in enumerate(line):
        if char in "[(":
            depth += 1
        elif char in "])" and depth:
            depth -= 1
        elif char == "|" and depth == 0:
            cells.append(line[start:pos])
            start = pos + 1
    cells.append(line[start:])
    return [c.strip() for c in cells if c.strip() and not SEPARATOR_CELL.match(c)]
