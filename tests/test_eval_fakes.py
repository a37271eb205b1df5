"""Small fakes shared by the evaluation tests (no model, no training_data dependency); no tests here."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from mcp_server.backends.base import Generation
from news_core.contract import NewsMetadata
from news_core.errors import ModelError
from news_core.items import NewsItem
from news_core.prompt import render_completion


@dataclass
class FakeRecord:
    id: str
    title: str
    doc: dict
    sponsored: bool = False

    def item(self) -> NewsItem:
        return NewsItem(title=self.title, content=f"Content of {self.title}.", id=self.id)

    def metadata(self) -> NewsMetadata:
        return NewsMetadata.model_validate(self.doc)


class ErrorWithText(ModelError):
    def __init__(self, message: str, text: str) -> None:
        super().__init__(message)
        self.text = text


@dataclass
class FakeBackend:
    """Answers from a table title -> doc; titles in `fail` raise ModelError (with raw text)."""

    answers: dict
    fail: set = field(default_factory=set)
    calls: list = field(default_factory=list)
    name: str = "fake"
    model_id: str = "fake"
    closed: bool = False

    def generate(self, prompt: str, *, deadline=None) -> Generation:
        title = prompt.split("Title: ", 1)[1].split("\n", 1)[0]
        self.calls.append(title)
        if title in self.fail:
            raise ErrorWithText("no valid result", '{"relevance_score": 11')
        doc = self.answers[title]
        return Generation(render_completion(doc), NewsMetadata.model_validate(doc))

    def generate_many(self, prompts, *, deadline=None):
        return [self.generate(p, deadline=deadline) for p in prompts]

    def close(self) -> None:
        self.closed = True


def doc(score=5, summary="", insights=(), companies=()) -> dict:
    return {"relevance_score": score, "summary": summary, "key_insights": list(insights), "company_names": list(companies)}


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
