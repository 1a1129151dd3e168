"""Problems found in content: one per mistake, each pointing at a file, line and field."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file. Lines and columns count from 1."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def format_text(self) -> str:
        """The `path:line:col: field: message` line the validator prints."""
        field = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.col}: {field}{self.message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the changed line."""
        title = f"{self.field}" if self.field else "content"
        return (
            f"::error file={_gh_prop(self.path)},line={self.line},col={self.col},"
            f"title={_gh_prop(title)}::{_gh_data(self.message)}"
        )

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form, for tools that read problems as data."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "field": self.field,
            "message": self.message,
        }


def _gh_data(text: str) -> str:
    # GitHub's workflow commands escape %, CR and LF in the message part.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    # Properties additionally escape the separators ':' and ','.
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


class ContentError(Exception):
    """Raised by the build when content has problems; Pelican exits with `exitcode`."""

    exitcode = 1

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        lines = "\n".join(p.format_text() for p in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} content {noun}; nothing was published:\n{lines}")


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    """All problems in one of the validator's output formats: text, github or json."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(p.format_github() for p in ordered)
    return "\n".join(p.format_text() for p in ordered)
