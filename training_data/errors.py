"""Dataset errors: every problem names its file, line and field, and all are reported at once."""

from __future__ import annotations

from dataclasses import dataclass

from news_core.errors import InputError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one line of one file (line 0 = the file as a whole)."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


class DataError(InputError):
    """One or more dataset lines are invalid; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem], headline: str = "") -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = headline or f"{count} problem{'s' if count != 1 else ''} in the dataset"
        super().__init__("\n".join([head + ":", *(f"  {p}" for p in self.problems)]))
