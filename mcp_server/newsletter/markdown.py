"""Markdown newsletters -> Blocks: headings, '[text](url)' links, bold, lists, and what HTML-to-Markdown
converters (html2text, markdownify, Gmail-to-Markdown tools) make of email layouts.
"""

from __future__ import annotations

import re

from .blocks import Block
from .patterns import READ_TIME, TAG_SUFFIX

MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
MD_LIST = re.compile(r"^\s{0,6}(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
MD_LINKDEF = re.compile(r"^\s{0,3}\[([^\]]{1,200})\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$")
# Bracket classes exclude '[' and '(' so that runs of them cannot make these scan far.
MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\[\n]{0,2000}\)")
MD_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\(\s*<?([^()\[\]\s<>]{0,2000})>?(?:\s+[\"'][^\"'\n]{0,300}[\"'])?\s*\)")
MD_REFLINK = re.compile(r"\[([^\[\]\n]{1,500})\]\[([^\[\]\n]{0,200})\]")
AUTOLINK = re.compile(r"<(https?://[^\s<>]{1,2000})>", re.I)
HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
EMPHASIS = re.compile(r"\*\*|__|~~|`|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")
# '[Headline (1 minute read)](url) — one-line summary' in a list: headline and body
LEAD_LINK = re.compile(r"^(\**\[[^\[\]\n]{1,500}\](?:\([^()\[\]\s]{1,2000}\)|\[[^\[\]\n]{0,200}\])\**"
                       r"(?:\s*\([^()\n]{1,40}\))?)\s*[—–:-]\s+(\S.*)$")
LINK_MARK = "\x00"  # marks link text while emphasis is stripped; never in cleaned input


def markdown_blocks(raw: str) -> list[Block]:
    lines = raw.split("\n")
    defs = {}
    for line in lines:
        m = MD_LINKDEF.match(line)
        if m:
            defs[m.group(1).strip().lower()] = m.group(2)
    blocks: list[Block] = []
    para: list[str] = []

    def flush():
        if para:
            blocks.extend(_md_paragraph(para, defs))
            para.clear()

    in_fence = False
    for n, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            para.append(stripped)
            continue
        heading = MD_HEADING.match(line)
        setext = MD_SETEXT.match(line) if para and len(para) == 1 else None
        if setext:
            text = para.pop()
            blocks.append(_md_block(text, defs, heading=1 if setext.group(1)[0] == "=" else 2, line=True))
        elif not stripped or MD_RULE.match(line) or MD_LINKDEF.match(line):
            flush()
        elif heading:
            flush()
            title = heading.group(2).rstrip().rstrip("#").rstrip()
            blocks.append(_md_block(title, defs, heading=len(heading.group(1)), line=True))
        elif MD_LIST.match(line):
            flush()
            para.append(MD_LIST.match(line).group(1))
        else:
            para.append(stripped.lstrip("> ").strip() if stripped.startswith(">") else stripped)
    flush()
    return blocks


def _md_paragraph(lines: list[str], defs: dict[str, str]) -> list[Block]:
    """A paragraph; a leading headline link ('**[Title](url)** (2 minute read): text') is split off."""
    lead = LEAD_LINK.match(lines[0])
    if lead:
        return [_md_block(lead.group(1), defs, line=True), _md_block(" ".join([lead.group(2), *lines[1:]]), defs)]
    first = _md_block(lines[0], defs, line=True)
    if len(lines) > 1 and first.link_only and (first.strong or READ_TIME.search(first.text)):
        return [first, _md_block(" ".join(lines[1:]), defs)]
    return [first] if len(lines) == 1 else [_md_block(" ".join(lines), defs)]


def _md_block(text: str, defs: dict[str, str], heading: int = 0, line: bool = False) -> Block:
    """Inline Markdown -> plain text, the first link's URL, and whether the text is one link."""
    text = MD_IMAGE.sub("", text)
    strong = bool(re.match(r"^\s*(\*\*|__)", text)) and bool(
        re.search(r"(\*\*|__)\s*$", TAG_SUFFIX.sub("", READ_TIME.sub("", text)).rstrip()))
    urls: list[str] = []

    def link(m: re.Match) -> str:
        urls.append(m.group(2))
        return LINK_MARK + m.group(1) + LINK_MARK

    def reflink(m: re.Match) -> str:
        target = defs.get((m.group(2) or m.group(1)).strip().lower())
        if not target:
            return m.group(0)
        urls.append(target)
        return LINK_MARK + m.group(1) + LINK_MARK

    text = MD_REFLINK.sub(reflink, MD_LINK.sub(link, text))
    text = AUTOLINK.sub(lambda m: urls.append(m.group(1)) or m.group(1), text)
    text = EMPHASIS.sub("", HTML_TAG.sub(" ", text)).replace("\\", "")
    outside = re.sub(f"{LINK_MARK}[^{LINK_MARK}]*{LINK_MARK}", "", text)
    outside = TAG_SUFFIX.sub("", READ_TIME.sub("", outside)).strip(" -–|·:")
    plain = " ".join(text.replace(LINK_MARK, "").split())
    return Block(text=plain, url=urls[0] if urls else "", heading=heading, line=line,
                 link_only=bool(urls) and not outside and len(set(urls)) == 1, strong=strong)
