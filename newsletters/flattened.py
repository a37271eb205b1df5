"""A table cell that markdownify flattened onto one line -> Markdown blocks again.

Inside <td> markdownify (1.2) writes a <p> or <div> as ' text ', a <br> as a space, a list as
'  * a * b  ' (newlines become spaces), and a heading as its bare text with no space around it
(convert_hN returns the text unchanged when inline). So in one cell a run of 2+ spaces is a
paragraph break, a part opening with '* ' a list, text glued to a link ('Top News[Headline](url)')
or a link glued to text ('[Headline](url)Subtitle') a heading's edge, and a link standing between
a sentence's end and a capitalised word a heading of its own.
"""

from __future__ import annotations

import re

from .patterns import CALL_TO_ACTION, GENERIC_LINK, MAX_TITLE_CHARS, emoji_prefix

PARAGRAPH_GAP = re.compile(r"(?<=\S)(?: {2,}+|[ \xa0]{3,}+)(?=\S)")  # ("  \xa0  ": a spacer paragraph of an &nbsp;)
SEPARATOR_RUN = re.compile(r"(?:(?<= )|^)(?:\\?[*_-]){3,}+(?= |$)")  # an <hr> or '***' paragraph between stories
FLAT_BULLETS = re.compile(r" (?=[*+-] \S)")
FLAT_NUMBERS = re.compile(r" (?=\d{1,3}\. \S)")
NUMBERED = re.compile(r"1\. \S")
LIST_START = re.compile(r"(?:[*+-]|1\.) ")
END_PUNCTUATION = re.compile(r"[.,;:!?]$")
LINK = re.compile(r"\[([^\[\]]{1,500}+)\]\([^()\s]{0,2000}+\)")
GLUED_TEXT = re.compile(r"[^\s\[][^\[]{0,300}+$")
SENTENCE_END = re.compile(r"[.!?…\"”’)]$")
# A title with an italic dek run in after it: 'A robot hand learns to knit *…Deformable objects…*'.
TITLE_AND_DEK = re.compile(r"^(?:([^*\[\]:]{1,40}+:) )?(\*\*[^*]{3,150}+\*\*|[^*\[\]]{3,150}) (\*[^*]{15,400}+\*)$")
YEAR_END = re.compile(r"\b(?:19|20)\d\d$")  # '6th July 2026' over a pick's comment: its credit's date
PREFIXES = {"heading": "## ", "title": "### "}
# A short phrase (eight words at most, no sentence punctuation) after a sentence's end or at the start,
# right before a bold run-in title that ends its sentence: '... one. Dept of energy **The grid is ... .** A new'
GLUED_HEAD = re.compile(r"(?:(?<=[.!?)\]”’\"] )|^)([^\s*\[\]()](?:[^*\[\]().!?:;\s]|\s(?!\s)){1,80}?)\s"
                        r"(?=\*\*[^*]{3,200}?[.:!?]\*\* \S|\*\*\[)")
HEADS_GLUED = re.compile(r"(?<=[a-z!?])(?=[A-Z][a-z])")  # 'SectionArticle', 'Section!Featured'
# A bold section name glued to the bold linked headline of the section's first story ('... changed. **Learning**
# **[Why small models forget ...](url)**  The ...': Deep Learning Weekly's <p><strong> label over its first entry)
BOLD_LABEL = re.compile(r"(?:(?<=[.!?)\]”’\"] )|^)\*\*([^*\[\]]{1,60}?[^\s*.,:;!?])\*\* (?=\*\*\[)")
# Where a heading markdownify glued to the paragraph under it may start ('📝 Editorial: The Router Is the Product
# For most of ...', '... in 2024. 2. Where the money goes now Today’s reasoning models ...'): after a bold run
# that is no label or link ('**From our partner: X** Evaluate agents on real traffic Offline evals ...'), or where
# an emoji or a section number opens it (at the part's start, after a sentence's or a link's end).
GLUED_START = re.compile(r"(?<=[^:).!?]\*\* )|(?:^|(?<=[.!?)] ))(?=[^\w\s\[\]()*\"“‘'`]|\d{1,2}\. [A-Z])")
# ... and where one that opens with a plain word may (_glued_heads): a part's start, or after a link or a sentence
GLUED_PLAIN = re.compile(r"(?:^|(?<=[.!?)] ))(?=[A-Z][a-z])")
LOWER_WORD = re.compile(r"(?<![\w/.=&?%@-])[a-z][a-z'’-]{2,}+")
# English words of the closed classes that open sentences (articles, pronouns, prepositions, conjunctions)
OPENERS = frozenset("""a an the this that these those it its we our you your they their he she his her there here
some most many every each no not but and so yet if when while after before since because although though what why
how who where with without from by to for in on at as of over under during across about until unlike like one two
three last next several few all both first then now today however meanwhile still even instead also such another
once any""".split())
LINK_TARGET = re.compile(r"\]\([^()\s]{0,2000}+\)|https?://\S+")
# '... next week. **Agents, agents everywhere** [![](x.png)](url) Funding ...': a bold line run in after a sentence's
# end (or at the cell's start), unpunctuated, before a picture or a capitalised word
BOLD_HEAD = re.compile(r"(?:(?<=[.!?)\]”’\"] )|^)\*\*([^*\[\]]{3,120}?[^\s*.,:;!?])\*\*(?= (?:\[!\[|[A-Z0-9“\"]))")
BOLD_CELL_CHARS, BOLD_HEADS_MIN = 1500, 3  # a whole layout cell on one line, with three such headlines at least
SECTION_NUMBER = re.compile(r"\d{1,2}\. (?=[A-Z])")
GLUED_WORDS, GLUED_REST_CHARS = 14, 20
SMALL_WORDS = frozenset("a an and as at by for from in of on or the to vs via with".split())
MAX_HEADING_CHARS = 100
LOOK_BACK = 400


def cell_lines(cell: str, common: frozenset[str] = frozenset()) -> list[str]:
    """A cell as Markdown lines: paragraphs, list items and headings, blank lines between. `common`: the
    words the document writes in lower case (vocabulary()), which tell a sentence's first word from a name."""
    parts = [p.strip() for gap in PARAGRAPH_GAP.split(cell)
             for p in (SEPARATOR_RUN.split(gap) if "*" in gap or "_" in gap or "-" in gap else (gap,)) if p.strip()]
    pieces: list[tuple[str, str]] = []  # (kind, text): kind 'list', 'heading' or 'text'
    for n, part in enumerate(parts):
        if part.startswith(("* ", "+ ", "- ")):
            pieces += [("list", item) for item in FLAT_BULLETS.split(part)]
        elif NUMBERED.match(part):
            pieces += [("list", item) for item in FLAT_NUMBERS.split(part)]
        else:
            nxt = parts[n + 1] if n + 1 < len(parts) else ""
            glued = (lambda text: _glued_heads(text, common))
            for kind, text in _then(_then(_run_in_heads(part), _bold_heads), glued):
                pieces += [(kind, text)] if kind != "text" else _split_part(text, bool(LIST_START.match(nxt)))
    out = [""]
    last = len(pieces) - 1
    for n, (kind, text) in enumerate(pieces):
        if kind == "list":
            out.append(text)
            continue
        if kind == "text" and len(parts) > 1 and n < last:
            after, after_text = pieces[n + 1]
            if after == "text" and _prose(after_text) and heading_like(text) and not YEAR_END.search(text):
                kind = "title"  # 'Robot Kitchens Earn a Safety Certificate' over its story (a date is none)
            elif after == "list" and (len(text) <= 40 and heading_like(text) or phrase_head(text)):
                kind = "heading"  # 'Tools & Apps', 'Short morsels for dinner-party conversation' over a list
        out += [PREFIXES.get(kind, "") + text, ""]
    return out + [""]


def vocabulary(text: str) -> frozenset[str]:
    """The words a text writes in lower case (link targets left out): 'after' makes 'After' a word that may open
    a sentence; a name ('Sunday', 'Claude') is never written so."""
    return frozenset(LOWER_WORD.findall(LINK_TARGET.sub(" ", text)))


def _then(pieces: list[tuple[str, str]], split) -> list[tuple[str, str]]:
    """Each 'text' piece cut again by `split` (a headline finder), in order; the other pieces as they are."""
    return [piece for kind, text in pieces for piece in ([(kind, text)] if kind != "text" else split(text))]


def _run_in_heads(part: str) -> list[tuple[str, str]]:
    """'... creates a climate one. Dept of energy **The grid is the bottleneck.** A new analysis ...':
    a heading markdownify glued between a paragraph's end and a story's bold run-in title (Substack's
    section names over bold-led stories, Exponential View): the paragraph, the heading, the story. Before
    a bold linked headline ('... engineering. Sponsor Message **[Headline](url)**', '🔎 AI Research
    **[...') such a phrase in title case (or led by an emoji) is the name of the section it opens."""
    if "**" not in part:
        return [("text", part)]
    pieces: list[tuple[str, str]] = []
    start = 0
    labels = [m for m in BOLD_LABEL.finditer(part) if phrase_head(m.group(1).strip())]
    for m in sorted([*GLUED_HEAD.finditer(part), *labels], key=lambda m: m.start()):
        name = m.group(1).strip()
        if m.start() < start:
            continue
        names = _two_heads(name) if m.re is GLUED_HEAD and part.startswith("**[", m.end()) else [name]
        if m.re is GLUED_HEAD and part.startswith("**[", m.end()) and len(names) == 1 \
                and not (heading_like(name) or emoji_prefix(name).strip()):
            continue
        if m.start() > start:
            pieces.append(("text", part[start:m.start()].strip()))
        pieces += [("heading" if part.startswith("**[", m.end()) else "title", n) for n in names]
        start = m.end()
    return pieces + ([("text", part[start:].strip())] if part[start:].strip() else [])


def _two_heads(name: str) -> list[str]:
    """'TAI Curated SectionArticle of the week': a section's heading and its first sub-head, which markdownify glued
    with no space (each a bare heading in a cell), cut apart where a lower-case letter meets a capitalised word;
    only where each side is a heading of two words or more, the first in title case ('... to GitHub Enterprise' is
    a sentence; 'OpenAI' is one word)."""
    for m in HEADS_GLUED.finditer(name):
        left, right = name[:m.start()].strip(), name[m.start():].strip()
        if len(left.split()) >= 2 and len(right.split()) >= 2 and heading_like(left) and phrase_head(right):
            return [left, right]
    return [name]


def _bold_heads(part: str) -> list[tuple[str, str]]:
    """'... next week. **Agents, agents everywhere** [![](chart.png)](url) Funding to AI agent startups ...': a
    bold line of its own (a <p><strong>, no punctuation at its end) that the converter ran in between a
    paragraph's end and the next paragraph or picture, in a cell it wrote on one line (html2text writes a
    layout cell's paragraphs with single spaces): a headline over its story. (A bold phrase inside a sentence
    follows no sentence's end; a bold run-in that ends its sentence is _run_in_heads's.)"""
    heads = list(BOLD_HEAD.finditer(part)) if "**" in part and len(part) >= BOLD_CELL_CHARS else []
    if len(heads) < BOLD_HEADS_MIN:  # (a paragraph's own bold words: markdownify keeps paragraphs apart)
        return [("text", part)]
    pieces: list[tuple[str, str]] = []
    start = 0
    for m in heads:
        if m.start() > start:
            pieces.append(("text", part[start:m.start()].strip()))
        pieces.append(("title", m.group(1).strip()))
        start = m.end()
    return pieces + ([("text", part[start:].strip())] if part[start:].strip() else [])


def _glued_heads(text: str, common: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """A cell's text cut where a heading was glued to the sentence under it: (text, title, text ...). A
    heading that opens with a plain word ('... every week. What Makes a Great Mentor After interviewing 200
    people ...') is taken only where the sentence under it opens with a word the document also writes in
    lower case (`common`): 'After', not a name ('... the baseline Sunday and ...')."""
    starts = [(m.start(), False) for m in GLUED_START.finditer(text)]
    if common:
        starts = sorted({*starts, *((m.start(), True) for m in GLUED_PLAIN.finditer(text))})
    pieces: list[tuple[str, str]] = []
    start = 0
    for at, plain in starts:
        if at < start:
            continue
        end = _glued_end(text, at, common if plain else None)
        if end > 0:
            if text[start:at].strip():
                pieces.append(("text", text[start:at].strip()))
            pieces.append(("title", text[at:end].strip()))
            start = end
    return pieces + ([("text", text[start:].strip())] if text[start:].strip() else [])


def _glued_end(text: str, start: int, common: frozenset[str] | None = None) -> int:
    """Where a heading glued at text[start:] ends, or -1. markdownify writes a heading in a table cell with
    no space of its own, so a single space parts it from its paragraph's first sentence: the heading is a
    phrase (two to 14 words, no sentence punctuation, a comma only in title case) whose last word is no
    small word, and the sentence opens with a capitalised word (no acronym, no 'I') over a lower-case
    one ('... the Product For most of ...', '... production traffic Offline evals miss ...'; after a
    title-case heading no small word: 'The Router Is the Product' goes on past 'Is the')."""
    pos = start + len(emoji_prefix(text[start:start + 20]))
    number = SECTION_NUMBER.match(text, pos)
    pos = number.end() if number else pos
    words = list(re.finditer(r"\S+", text[pos:pos + MAX_HEADING_CHARS + 60]))
    if len(words) < 4 or not _capital(words[0].group()):
        return -1
    title_case = True
    for j, w in enumerate(words[:GLUED_WORDS + 1]):
        word = w.group()
        if 2 <= j < len(words) - 1 and word[0].isalpha() and _sentence_start(word):
            after, last = words[j + 1].group(), words[j - 1].group()
            # a closed-class word over lower-case words opens a sentence ('Store When a neighborhood ...'), not a
            # title ('Who Pays When an Agent ...'; 'The Router Is the Product': no such word)
            opener = common is not None and word.lower().rstrip(",;:") in OPENERS and _lower_next(words[j + 1:j + 4])
            if after[0].islower() and last.lower() not in SMALL_WORDS \
                    and (after.lower() not in SMALL_WORDS or last[0].islower() or opener) \
                    and (common is None or (opener or word.lower() in common) and _plain_head(j, last, title_case, word)):
                end = pos + words[j - 1].end()  # ('Is the' goes on a title)
                sentence = re.split(r"(?<=[.!?])\s", text[pos + w.start():], maxsplit=1)[0]
                return end if end - start <= MAX_HEADING_CHARS and len(sentence) >= GLUED_REST_CHARS else -1
        if any(ch in word for ch in "[]()*\"“”") or word[-1] in (".!?;" if common is None else ".!?;:,") \
                or j == GLUED_WORDS:
            return -1
        title_case = title_case and (_capital(word) or word.lower() in SMALL_WORDS)
        if word.endswith(",") and not title_case:
            return -1
    return -1


def _plain_head(words: int, last: str, title_case: bool, opener: str) -> bool:
    """A heading that opens with a plain word (no emoji or number marks it): three words at least, or two in
    title case over a sentence that opens with a word of the closed classes ('Quiet Tractors The loudest ...';
    'Europe's AI Office hires ...' is a name), and in sentence case its last word in lower case ('Book a demo
    this month and Not | Boring readers get ...' is a sentence)."""
    return (words >= 3 or words == 2 and title_case and opener.lower() in OPENERS) \
        and (title_case or not _capital(last)) and last.lower() not in OPENERS  # ('And hit that | Like button')


def _lower_next(words: list[re.Match]) -> bool:
    """The first of these words that is no small word is in lower case."""
    return next((w.group()[:1].islower() for w in words if w.group().lower() not in SMALL_WORDS), False)


def _capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _sentence_start(word: str) -> bool:
    """A capitalised word that may open a sentence: not an acronym or a name with a digit ('AI', 'H200')."""
    return word != "I" and sum(ch.isupper() for ch in word) == 1 and word[0].isupper() \
        and not any(ch.isdigit() for ch in word)


def _split_part(part: str, before_list: bool) -> list[tuple[str, str]]:
    """One paragraph-sized part, cut at the edges of the headings glued into it."""
    if "](" not in part:  # no link, no heading glued to one
        return _tail(part, before_list)
    pieces: list[tuple[str, str]] = []
    start = 0
    for link in LINK.finditer(part):
        before = part[start:link.start()]
        source = bool(GENERIC_LINK.match(link.group(1)))
        lead = _source_lead(before) if source else _lead(before)
        # a section's name glued to the part's only link ('... Libraries[tablefold](url)', 'Tools [tablefold](url)'
        # over its line): the link, of any length, is the section's first entry
        named = bool(lead) and link.end() == len(part) and bool(re.search(r"[^\W\d_]{2}", lead[-1][1])) \
            and (lead[-1][0] == "heading" or heading_like(lead[-1][1])
                 and lead[-1][1].split()[-1].lower() not in SMALL_WORDS)  # (a name, not a number: '2、[...](url)'
        # or a byline: 'Ana Lind in [Better Programming](url)')
        if lead is not None and (named or _heading_link(part, link, at_start=not before.strip() or source)):
            pieces += lead + [("text", link.group(0))]
            start = link.end()
            glued = GLUED_TEXT.match(part, start)
            if glued and part[start - 1] == ")":  # '[Title](url)Subtitle': the subtitle is a heading
                pieces.append(("text", glued.group(0).strip()))
                start = glued.end()
    tail = part[start:].strip()
    return pieces + (_tail(tail, before_list) if tail else [])


def _source_lead(before: str) -> list[tuple[str, str]] | None:
    """'... the next bottleneck? Authors' guild wins class certification [Source](url)': a heading
    without a link of its own, over a paragraph that only links its source."""
    text = before[-LOOK_BACK:].strip()
    cut = _sentence_cut(text)
    head = text[cut + 2:] if cut >= 0 else text
    if not before.endswith(" ") or len(head.split()) < 3 or len(head) > MAX_TITLE_CHARS or re.search(r"[.,;:!?]$", head):
        return None
    return _cut_off(before, head, "title")


def _lead(before: str) -> list[tuple[str, str]] | None:
    """The text between the last cut and a link, if a heading may start at the link: none, the
    end of a sentence, a short name ('Tracewell '), or a heading glued to it ('Top News[')."""
    text = before[-LOOK_BACK:].strip()  # only the end decides: a long run of links stays linear
    if not text:
        return []
    if not any(ch.isalnum() for ch in text):
        return None  # '🛠️ [Trending AI Tools](url)': an emoji leads the link's own line
    if not before[-1].isspace() and before[-1] not in "([*_\"'“‘":
        cut = _sentence_cut(text)
        head = text[cut + 2:] if cut >= 0 else text
        return _cut_off(before, head, "heading") if heading_like(head) or phrase_head(head) else None
    if SENTENCE_END.search(text) or (len(before) <= 40 and not re.search(r"[,.;:!?]", text)):
        return [("text", before.strip())]
    return None


def _sentence_cut(text: str) -> int:
    return max(text.rfind(". "), text.rfind("! "), text.rfind("? "))


def _cut_off(before: str, head: str, kind: str) -> list[tuple[str, str]]:
    """The text before a heading as a paragraph, then the heading."""
    rest = before.rstrip()[:-len(head)].strip()
    return ([("text", rest)] if rest else []) + [(kind, head)]


def _heading_link(part: str, link: re.Match, at_start: bool) -> bool:
    """A link that is a block of its own: glued to the next text, or followed by a capitalised
    word or another link, or ending the part; three words or more (or a leading button)."""
    after = part[link.end():link.end() + 2]
    ends = not after or after[0].isalnum() or bool(re.match(r" [A-Z\[]", after))
    text = link.group(1)
    return ends and (len(text.split()) >= 3 or (at_start and bool(CALL_TO_ACTION.search(text) or GENERIC_LINK.match(text))))


def _tail(text: str, before_list: bool) -> list[tuple[str, str]]:
    """'... a stuck robot. Other News' right above a list: the short heading ends the paragraph.
    'A robot hand learns to knit *…Deformable objects…*': a title with its italic dek run in."""
    m = TITLE_AND_DEK.match(text) if "*" in text else None
    if m:
        label = [("text", m.group(1))] if m.group(1) else []  # 'Tech Tales: **Title** *[scene]*'
        return label + [("title", m.group(2).strip()), ("text", m.group(3))]
    if before_list:
        cut = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
        head = text[cut + 2:] if cut >= 0 else ""
        if head and len(head) <= 40 and (heading_like(head) or emoji_prefix(head).strip()):
            return [("text", text[:cut + 1]), ("heading", head)]
    return [("text", text)]


def heading_like(text: str) -> bool:
    """Short, unpunctuated at the end, and title-cased ('Robot Kitchens Earn a Safety Certificate',
    'Top News', 'PRESENTED BY TRACEWELL')."""
    words = text.split()
    if not words or len(text) > MAX_HEADING_CHARS or END_PUNCTUATION.search(text) or ":" in text \
            or "[" in text:
        return False
    big = [w for w in words if w.lower() not in SMALL_WORDS or w is words[0]]
    return all(w[0].isupper() or w[0].isdigit() or not w[0].isalpha() for w in big)


def phrase_head(text: str) -> bool:
    """A heading in sentence case ('Key reads', 'Short morsels for dinner-party conversation'), where
    its place already says it is one (glued to a link, or right over a list): one capitalised phrase of
    at most eight words and 60 characters, unpunctuated at its end."""
    words = text.split()
    return (0 < len(words) <= 8 and len(text) <= 60 and text[0].isupper() and not END_PUNCTUATION.search(text)
            and ":" not in text and "[" not in text)


def _prose(text: str) -> bool:
    return len(text) >= 80 and not text.startswith("[")
