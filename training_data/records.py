"""One annotated dataset item (`Record`), and how a raw JSON line becomes one."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from news_core.contract import NewsMetadata, schema_errors, validate
from news_core.errors import ContractError
from news_core.items import NewsItem
from news_core.prompt import render_example

RECORD_FIELDS = ("id", "title", "content", "source", "published", "url", "sponsored", "annotation")


class Record(BaseModel):
    """An item as the newsletter printed it, plus its reference annotation."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: str = Field(min_length=1, pattern=r"^\S+$", description="Unique id, e.g. '2025-01-21-openai-stargate'.")
    title: str = Field(min_length=1, pattern=r"\S", description="Headline, newsletter noise included.")
    content: str = Field(min_length=1, pattern=r"\S", description="Body text (1-4 sentences).")
    source: str = Field(description="Newsletter name, e.g. 'TLDR AI'; may be empty.")
    published: str = Field(description="ISO date YYYY-MM-DD, or empty when unknown.")
    url: str = Field(description="Link of the item, or empty.")
    sponsored: bool = Field(description="True for ads; then the title ends with ' (Sponsor)'.")
    annotation: NewsMetadata = Field(description="Reference output, checked with news_core.contract.validate.")

    # "file:line" the record was loaded from; empty when built in code.
    _origin: str = PrivateAttr(default="")

    @field_validator("annotation", mode="before")
    @classmethod
    def _follows_contract(cls, value: Any) -> NewsMetadata:
        if isinstance(value, NewsMetadata):
            return value
        try:
            return validate(value)
        except ContractError as exc:
            raise ValueError(str(exc)) from exc

    @field_validator("published")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        if value and not _is_iso_date(value):
            raise ValueError(f"must be an ISO date YYYY-MM-DD or empty, got {value!r}")
        return value

    @field_validator("url")
    @classmethod
    def _web_link(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError(f"must be empty or start with http:// or https://, got {value!r}")
        return value

    def __eq__(self, other: object) -> bool:  # same data, wherever it was loaded from
        return isinstance(other, Record) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:  # equal records share an id; NewsMetadata itself is unhashable
        return hash(self.id)

    @property
    def origin(self) -> str:
        return self._origin or self.id

    def item(self) -> NewsItem:
        """The input side, as a caller of the server would send it."""
        return NewsItem(
            title=self.title,
            content=self.content,
            source=self.source,
            url=self.url,
            published=self.published,
            id=self.id,
        )

    def metadata(self) -> NewsMetadata:
        """The reference annotation (a copy: records stay unchanged)."""
        return self.annotation.model_copy(deep=True)

    def example(self) -> tuple[str, str]:
        """(prompt, completion) exactly as training and serving build them (EOS not included)."""
        return render_example(self.item(), self.annotation)

    def to_dict(self) -> dict[str, Any]:
        doc = self.model_dump()
        return {key: doc[key] for key in RECORD_FIELDS}

    def to_json(self) -> str:
        """One JSONL line (no newline), keys in the documented order, UTF-8 kept."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


def _is_iso_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def parse_record(raw: Any, origin: str = "") -> tuple[Record | None, list[tuple[str, str]]]:
    """Raw JSON value -> (Record, []) or (None, [(field, message), ...]) naming every bad field."""
    if not isinstance(raw, dict):
        return None, [("<line>", f"expected a JSON object, got {type(raw).__name__}")]
    try:
        record = Record.model_validate(raw)
    except ValidationError as exc:
        return None, _field_problems(exc, raw)
    record._origin = origin
    return record, []


def _field_problems(exc: ValidationError, raw: dict[str, Any]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        field = ".".join(loc) or "<line>"
        if loc and loc[0] == "annotation" and isinstance(raw.get("annotation"), dict):
            detailed = schema_errors(raw["annotation"])
            if detailed:  # one problem per contract violation, named by its sub-field
                problems.extend(_annotation_problem(text) for text in detailed)
                continue
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = "missing (required field)"
        problems.append((field, message))
    return list(dict.fromkeys(problems))


def _annotation_problem(text: str) -> tuple[str, str]:
    path, _, message = text.partition(": ")
    return ("annotation" if path == "<root>" else f"annotation.{path}"), message
