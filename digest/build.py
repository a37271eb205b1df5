"""Letters and their items' outcomes -> the digest's data: what digest.json holds (schema in
docs/digest.md) and what the Markdown is rendered from.

Every item of every letter becomes one record, whatever happened to it: enhanced, failed (with
its error) or outside the dates asked for. Items then fall into periods by their date; in each
period the non-sponsored items are merged into stories (stories.py), the stories ranked for the
top list, and topics and companies counted by story (counts.py). Nothing here depends on the time
of the run or on dict order, so one input gives one output, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from . import counts, periods
from .collect import Letter
from .stories import Features, group

SCHEMA = "news-enhancer/digest/1"
OUTSIDE = "outside_dates"


@dataclass(frozen=True)
class Options:
    period: str = "week"  # day or week
    since: date | None = None  # items dated before it are left out (counted); undated items stay
    until: date | None = None  # likewise after it
    min_relevance: int = 1  # stories scored below it stay out of the top list (they are listed elsewhere)
    top: int = 10  # stories in each period's top list

    def wanted(self, day: date | None) -> bool:
        return day is None or ((self.since is None or day >= self.since) and (self.until is None or day <= self.until))

    def as_dict(self) -> dict:
        return {"period": self.period, "since": self.since and self.since.isoformat(),
                "until": self.until and self.until.isoformat(), "min_relevance": self.min_relevance, "top": self.top}


def wanted_lines(letters: list[Letter], options: Options) -> list[dict]:
    """The item lines to enhance: every item of every letter within the dates."""
    return [line for letter in letters for line in letter.lines if options.wanted(periods.item_day(line["published"]))]


def build_digest(letters: list[Letter], outcomes: Mapping[str, dict], options: Options, model: str) -> dict:
    """The digest of `letters`. `outcomes`: item id -> {ok, metadata, error, content_truncated} as the
    service's batch entries give them; an item of the dates without one counts as failed, never lost."""
    records = [_record(letter, line, outcomes.get(line["id"]), options) for letter in letters for line in letter.lines]
    by_period: dict[str, list[dict]] = {}
    for record in records:
        if record["status"] != OUTSIDE:
            by_period.setdefault(record["period"], []).append(record)
    items = {record["id"]: record for record in records}
    contents = {line["id"]: line["content"] for letter in letters for line in letter.lines}
    sections = [_period(key, by_period[key], options, items, contents)
                for key in sorted(by_period, key=periods.sort_key)]
    return {"schema": SCHEMA, "model": model, "options": options.as_dict(), "read": _read(letters, records, sections),
            "periods": sections, "errors": _errors(letters, records), "items": records}


def _record(letter: Letter, line: dict, outcome: dict | None, options: Options) -> dict:
    day = periods.item_day(line["published"])
    record = {"id": line["id"], "newsletter": letter.name, "newsletter_source": letter.source,
              "subject": letter.subject, "title": line["title"], "url": line["url"], "section": line["section"],
              "sponsored": line["sponsored"], "read_time": line["read_time"], "author": line["author"],
              "published": line["published"] or None, "date": day and day.isoformat(),
              "period": periods.period_key(day, options.period), "story": None,
              "status": "enhanced", "metadata": None, "content_truncated": False, "error": None}
    if not options.wanted(day):
        record.update(status=OUTSIDE, period=None)
    elif outcome is None:
        record.update(status="failed", error="not enhanced: no result came back for this item")
    elif outcome.get("ok"):
        record.update(metadata=outcome["metadata"], content_truncated=bool(outcome.get("content_truncated")))
    else:
        record.update(status="failed", error=outcome.get("error") or "failed without a message")
    return record


def _period(key: str, records: list[dict], options: Options, items: dict[str, dict],
            contents: dict[str, str]) -> dict:
    editorial = [r for r in records if not r["sponsored"]]
    stories = _stories(key, editorial, contents)
    for story in stories:
        for item_id in story["items"]:
            items[item_id]["story"] = story["id"]
    scored = [s for s in stories if s["relevance_score"] is not None]
    ranked = sorted((s for s in scored if s["relevance_score"] >= options.min_relevance),
                    key=lambda s: (-s["relevance_score"], -len(s["items"]), s["title"].casefold(), s["id"]))
    companies = counts.companies(scored, items)
    names = list(dict.fromkeys(r["newsletter"] for r in records))
    start, end = periods.bounds(key)
    return {
        "key": key, "label": periods.label(key), "start": start, "end": end,
        "read": {"newsletters": len(names), "items": len(records),
                 "enhanced": sum(r["status"] == "enhanced" for r in records),
                 "failed": sum(r["status"] == "failed" for r in records),
                 "sponsored": len(records) - len(editorial), "stories": len(stories),
                 "merged": sum(len(s["items"]) > 1 for s in stories),
                 "below_min_relevance": len(scored) - len(ranked)},
        "top": [s["id"] for s in ranked[:options.top]],
        "stories": stories,
        "topics": counts.topics(scored, items, counts.company_words(companies)),
        "companies": companies,
        "sponsored": [r["id"] for r in records if r["sponsored"]],
        "newsletters": [{"name": name, "items": [r["id"] for r in records if r["newsletter"] == name]}
                        for name in names],
    }


def _stories(key: str, records: list[dict], contents: dict[str, str]) -> list[dict]:
    """Stories in the order of their first item; each headed by its best-scored item (the first of equals)."""
    groups = group([Features(r["title"], contents[r["id"]], r["url"]) for r in records])
    stories = []
    for n, members in enumerate(groups, start=1):
        group_records = [records[i] for i in members]
        scores = [r["metadata"]["relevance_score"] for r in group_records if r["metadata"]]
        best = max(group_records, key=lambda r: r["metadata"]["relevance_score"] if r["metadata"] else 0)
        stories.append({"id": f"{key}/{n}", "title": best["title"], "url": best["url"], "lead": best["id"],
                        "relevance_score": max(scores) if scores else None,
                        "items": [r["id"] for r in group_records],
                        "newsletters": list(dict.fromkeys(r["newsletter"] for r in group_records))})
    return stories


def _read(letters: list[Letter], records: list[dict], sections: list[dict]) -> dict:
    return {"newsletters": len(letters), "unreadable": sum(letter.error is not None for letter in letters),
            "without_items": sum(letter.error is None and not letter.lines for letter in letters),
            "items": len(records), "enhanced": sum(r["status"] == "enhanced" for r in records),
            "failed": sum(r["status"] == "failed" for r in records),
            OUTSIDE: sum(r["status"] == OUTSIDE for r in records),
            "sponsored": sum(r["sponsored"] and r["status"] != OUTSIDE for r in records),
            "stories": sum(len(s["stories"]) for s in sections),
            "merged": sum(s["read"]["merged"] for s in sections), "periods": len(sections)}


def _errors(letters: list[Letter], records: list[dict]) -> dict:
    """Per newsletter (unreadable, or no item found and why) and per item; all of them, in input order."""
    return {"newsletters": [{"newsletter": letter.name, "error": letter.error or f"no items found: {letter.reason}"}
                            for letter in letters if letter.error is not None or not letter.lines],
            "items": [{"id": r["id"], "newsletter": r["newsletter"], "title": r["title"], "error": r["error"]}
                      for r in records if r["status"] == "failed"]}
