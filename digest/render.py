"""The digest's data (build.py) -> digest.md: a report per period for a person, or for NotebookLM,
to read. Every item appears: in its newsletter's section of its period, or (outside the dates
asked for) in the count of those, and every error is listed at the end."""

from __future__ import annotations

import re

MAX_LISTED = 10  # sponsored titles and stories behind a topic or company listed by name; the rest counted


def render_markdown(digest: dict, plots: list[dict] | None = None) -> str:
    """The whole report; `plots`: [{title, path}] of the PNGs written beside it, linked in a last section."""
    items = {item["id"]: item for item in digest["items"]}
    out = ["# Newsletter digest", "", *_overview(digest), ""]
    for period in digest["periods"]:
        out += _period(period, items)
    out += _errors(digest["errors"])
    if plots:
        out += ["## Plots", ""] + [f"![{plot['title']}]({plot['path']})\n" for plot in plots]
    return "\n".join(out).rstrip("\n") + "\n"


def _overview(digest: dict) -> list[str]:
    read, options = digest["read"], digest["options"]
    lines = [f"Read {read['newsletters']} newsletters with {read['items']} items: {read['enhanced']} enhanced, "
             f"{read['failed']} failed, {read['outside_dates']} outside the dates asked for. "
             f"{read['sponsored']} sponsored items are left out of the top lists (listed under each period). "
             f"{read['merged']} stories were carried by more than one newsletter."]
    if read["unreadable"] or read["without_items"]:
        lines.append(f"{read['unreadable']} newsletters could not be read and {read['without_items']} had no items: "
                     "see Errors at the end.")
    dates = ", ".join(f"{name} {options[name]}" for name in ("since", "until") if options[name])
    lines += ["", f"Model: `{digest['model']}`. One report per {options['period']}"
                  + (f", {dates}" if dates else "") + f"; top {options['top']} stories per {options['period']}"
                  + (f" scored {options['min_relevance']} or more" if options["min_relevance"] > 1 else "") + "."]
    if digest["periods"]:
        lines += ["", "Periods: " + ", ".join(period["label"] for period in digest["periods"]) + "."]
    return lines


def _period(period: dict, items: dict[str, dict]) -> list[str]:
    stories = {story["id"]: story for story in period["stories"]}
    read = period["read"]
    out = [f"## {period['label']}", "", "### What was read", "",
           f"- Newsletters: {read['newsletters']}",
           f"- Items: {read['items']} ({read['enhanced']} enhanced, {read['failed']} failed)",
           f"- Stories: {read['stories']}, {read['merged']} of them carried by several newsletters",
           f"- Sponsored items left out of the top list: {read['sponsored']}"
           + _names([items[i]["title"] for i in period["sponsored"]])]
    if read["below_min_relevance"]:
        out.append(f"- Stories below the minimum relevance: {read['below_min_relevance']}")
    out += ["", "### Top stories", ""] + (_top(period, stories, items) or ["No enhanced story.", ""])
    merged = [story for story in period["stories"] if len(story["items"]) > 1]
    if merged:
        out += ["### Stories carried by several newsletters", ""]
        for story in merged:
            out.append(f"- **{_text(story['title'])}** ({len(story['newsletters'])} newsletters)")
            out += [f"  - {_text(_letter(items[i]))}: {_link(items[i]['title'], items[i]['url'])}"
                    for i in story["items"]]
        out.append("")
    out += _counted("Topics", "topic", period["topics"], "topic", stories)
    out += _counted("Companies", "company", period["companies"], "name", stories)
    out += ["### By newsletter", ""]
    for letter in period["newsletters"]:
        out += _newsletter(letter, items)
    return out


def _top(period: dict, stories: dict[str, dict], items: dict[str, dict]) -> list[str]:
    out = []
    for rank, story_id in enumerate(period["top"], start=1):
        story = stories[story_id]
        lead = items[story["lead"]]
        meta = lead["metadata"]
        out.append(f"{rank}. **{_link(story['title'], story['url'])}** (relevance {story['relevance_score']}/10; "
                   + ", ".join(dict.fromkeys(_text(_letter(items[i])) for i in story["items"])) + ")")
        out.append(f"   {_text(meta['summary'])}")
        out += [f"   - {_text(insight)}" for insight in meta["key_insights"]]
        if meta["company_names"]:
            out.append(f"   - Companies: {_text(', '.join(meta['company_names']))}")
    return out + [""] if out else []


def _counted(heading: str, column: str, rows: list[dict], key: str, stories: dict[str, dict]) -> list[str]:
    if not rows:
        return [f"### {heading}", "", f"No {heading.lower()} shared by enough stories.", ""]
    out = [f"### {heading}", "", f"| {column} | stories | the stories |", "|---|---:|---|"]
    for row in rows:
        out.append(f"| {_text(row[key])} | {len(row['stories'])} | "
                   + _names([stories[s]["title"] for s in row["stories"]], lead="") + " |")
    return out + [""]


def _newsletter(letter: dict, items: dict[str, dict]) -> list[str]:
    first = items[letter["items"][0]]
    out = [f"#### {_text(first['subject'] or first['newsletter_source'] or letter['name'])}", "",
           f"`{_code(letter['name'])}`" + (f", from {_text(first['newsletter_source'])}"
                                           if first["newsletter_source"] else ""), ""]
    for item_id in letter["items"]:
        item = items[item_id]
        if item["status"] == "failed":
            mark = f"not enhanced: {_text(item['error'])}"
        else:
            mark = f"relevance {item['metadata']['relevance_score']}/10"
        flags = " (sponsored)" if item["sponsored"] else ""
        out.append(f"- {_link(item['title'], item['url'])}{flags}: {mark}")
    return out + [""]


def _errors(errors: dict) -> list[str]:
    out = ["## Errors", ""]
    if not errors["newsletters"] and not errors["items"]:
        return out + ["None: every newsletter was read and every item enhanced.", ""]
    out += [f"- `{_code(e['newsletter'])}`: {_text(e['error'])}" for e in errors["newsletters"]]
    out += [f"- `{_code(e['id'])}` ({_text(e['title'])}): {_text(e['error'])}" for e in errors["items"]]
    return out + [""]


def _letter(item: dict) -> str:
    return item["newsletter_source"] or item["subject"] or item["newsletter"]


def _names(titles: list[str], sep: str = "; ", lead: str = ": ") -> str:
    if not titles:
        return ""
    shown = sep.join(_text(t) for t in titles[:MAX_LISTED])
    more = f" and {len(titles) - MAX_LISTED} more" if len(titles) > MAX_LISTED else ""
    return f"{lead}{shown}{more}"


def _link(title: str, url: str) -> str:
    text = _text(title).replace("[", "\\[").replace("]", "\\]")
    return f"[{text}](<{url}>)" if url and not re.search(r"[\s<>]", url) else text


def _text(value: str | None) -> str:
    """One line of text, with the characters that would start Markdown markup escaped."""
    value = " ".join((value or "").split())
    return re.sub(r"([\\`*_<>#|$])", r"\\\1", value)


def _code(value: str) -> str:
    return value.replace("`", "'")
