"""Import the "v2" chat-message format into Records, faithfully.

A v2 row is {"messages": [user, assistant], "metadata": {...}, "annotation": {...}}:
  title / content  metadata.article_title / metadata.original_content (the full original text),
                   else truncated_content, else parsed from the user message "Title: ...\\nContent: ...";
  published        metadata.email_date (RFC 2822) -> ISO date in the email's own time zone; missing -> "";
  source, url      metadata.source, metadata.source_url ("" when missing);
  sponsored        metadata.is_sponsored; without it, whether the title carries "(Sponsor)";
  id               metadata.item_id, else the stable hash of title and content (NewsItem.item_id);
  annotation       the assistant's JSON message, contract fields only, through contract.normalise.
The top-level "annotation" object (topics, quality, notes...) is not used. Annotations are not
"fixed": an empty summary or topic tags as key_insights stay as they are.
"""

from __future__ import annotations

import email.utils
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from news_core.contract import FIELDS, normalise
from news_core.items import NewsItem

from .errors import DataError, Problem
from .records import Record, parse_record

_USER_ITEM = re.compile(
    r"Title: ?(?P<title>[^\n]*)\nContent: ?(?P<content>.*?)(?:\n\nProvide a JSON response|\Z)", re.DOTALL
)
# Where each Record field comes from, to name the source field in error messages.
_SOURCE_FIELD = {
    "id": "metadata.item_id",
    "title": "metadata.article_title",
    "content": "metadata.original_content",
    "source": "metadata.source",
    "published": "metadata.email_date",
    "url": "metadata.source_url",
    "sponsored": "metadata.is_sponsored",
}


@dataclass
class ImportReport:
    """What an import produced: records, how many annotations needed normalising, every failure."""

    rows: int = 0
    records: list[Record] = field(default_factory=list)
    normalised: list[str] = field(default_factory=list)  # ids whose annotation normalise() changed
    dropped_keys: Counter = field(default_factory=Counter)  # assistant JSON keys outside the contract
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len({(p.file, p.line) for p in self.problems})

    def summary(self) -> str:
        text = (
            f"{self.rows} rows: {len(self.records)} imported, {len(self.normalised)} normalised, {self.failed} failed"
        )
        if self.dropped_keys:
            text += "; assistant keys outside the contract, not imported: " + ", ".join(
                f"{key} ({count})" for key, count in sorted(self.dropped_keys.items())
            )
        return text


def import_v2(path: str | Path, *, strict: bool = True) -> ImportReport:
    """Convert a v2 JSONL file. strict: raise DataError listing every failed row; else report them."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(str(path), 0, "<file>", f"cannot be read: {exc}")]) from exc
    report = ImportReport()
    seen: dict[str, int] = {}
    for number, line in enumerate(tqdm(lines, desc="import", unit="row", disable=None), start=1):
        if not line.strip():
            continue
        report.rows += 1
        converted = _convert_line(line, f"{path}:{number}")
        record, problems = converted.record, converted.problems
        if record is not None and record.id in seen:
            problems.append(("metadata.item_id", f"duplicate id {record.id!r} (first at line {seen[record.id]})"))
        report.problems += [Problem(str(path), number, f, m) for f, m in problems]
        if record is not None and not problems:
            seen[record.id] = number
            report.records.append(record)
            report.dropped_keys.update(converted.dropped_keys)
            if converted.normalised:
                report.normalised.append(record.id)
    if strict and report.problems:
        raise DataError(report.problems, f"{report.failed} of {report.rows} rows of {path} cannot be imported")
    return report


def _convert_line(line: str, origin: str) -> "Converted":
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return Converted(None, [("<json>", f"invalid JSON: {exc.msg} at column {exc.colno}")])
    return convert_v2_row(row, origin)


@dataclass
class Converted:
    record: Record | None
    problems: list[tuple[str, str]]  # (source field, message)
    normalised: bool = False
    dropped_keys: list[str] = field(default_factory=list)


def convert_v2_row(row: Any, origin: str = "") -> Converted:
    """One parsed v2 row -> a Record, or every problem found, named by the v2 field it comes from."""
    if not isinstance(row, dict):
        return Converted(None, [("<line>", f"expected a JSON object, got {type(row).__name__}")])
    metadata = row.get("metadata") or {}
    if not isinstance(metadata, dict):
        return Converted(None, [("metadata", "must be a JSON object")])
    user, assistant, problems = _messages(row.get("messages"))
    annotation, dropped = _annotation(assistant, problems)
    title, content = _title_content(metadata, user, problems)
    published = _published(metadata.get("email_date"), problems)
    if problems:
        return Converted(None, problems)
    before = {key: annotation[key] for key in FIELDS}
    raw = {
        "id": str(metadata.get("item_id") or NewsItem(title=title, content=content).item_id()),
        "title": title,
        "content": content,
        "source": metadata.get("source") or "",
        "published": published,
        "url": metadata.get("source_url") or "",
        "sponsored": metadata.get("is_sponsored", "(sponsor)" in title.casefold()),
        "annotation": normalise(before),
    }
    record, bad = parse_record(raw, origin)
    answer = f"messages[{assistant[0]}].content"
    problems = [(_source_field(f, answer), m) for f, m in bad]
    return Converted(record, problems, raw["annotation"] != before, dropped)


def _messages(messages: Any) -> tuple[tuple[int, str] | None, tuple[int, str] | None, list[tuple[str, str]]]:
    """(index, text) of the first user and the last assistant message, plus problems."""
    if not isinstance(messages, list) or not messages:
        return None, None, [("messages", "missing or not a non-empty list")]
    user = assistant = None
    problems = []
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("content"), str):
            problems.append((f"messages[{index}]", "must be an object with a string 'content'"))
        elif message.get("role") == "user" and user is None:
            user = (index, message["content"])
        elif message.get("role") == "assistant":
            assistant = (index, message["content"])
    if assistant is None and not problems:
        problems.append(("messages", "no assistant message holding the annotation"))
    return user, assistant, problems


def _annotation(assistant: tuple[int, str] | None, problems: list) -> tuple[dict[str, Any], list[str]]:
    if assistant is None:
        return {}, []
    where = f"messages[{assistant[0]}].content"
    try:
        doc = json.loads(assistant[1])
    except json.JSONDecodeError as exc:
        problems.append((where, f"annotation is not valid JSON: {exc.msg} at position {exc.pos}"))
        return {}, []
    if not isinstance(doc, dict):
        problems.append((where, "annotation must be a JSON object"))
        return {}, []
    problems += [(f"{where}.{key}", "missing") for key in FIELDS if key not in doc]
    return doc, [key for key in doc if key not in FIELDS]


def _title_content(metadata: dict, user: tuple[int, str] | None, problems: list) -> tuple[str, str]:
    title = metadata.get("article_title")
    content = metadata.get("original_content") or metadata.get("truncated_content")
    if (not title or not content) and user is not None:
        match = _USER_ITEM.search(user[1])
        if match:
            title = title or match["title"]
            content = content or match["content"]
    for name, value in (("title", title), ("content", content)):
        if not isinstance(value, str) or not value.strip():
            problems.append((_SOURCE_FIELD[name], "missing, and no 'Title: ...\\nContent: ...' in the user message"))
    return title if isinstance(title, str) else "", content if isinstance(content, str) else ""


def _published(email_date: Any, problems: list) -> str:
    if not email_date:
        return ""
    try:
        return email.utils.parsedate_to_datetime(str(email_date)).date().isoformat()
    except (TypeError, ValueError, IndexError):
        problems.append(("metadata.email_date", f"not an RFC 2822 date: {email_date!r}"))
        return ""


def _source_field(record_field: str, answer: str) -> str:
    head, _, rest = record_field.partition(".")
    if head == "annotation":
        return answer + (f".{rest}" if rest else "")
    return _SOURCE_FIELD.get(head, record_field)
