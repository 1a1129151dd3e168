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
        """The `path:line:col: field: message` line the validator prints: always one line
        (line breaks and other control characters in a path or message are escaped, so
        editors and CI annotations read it, and nothing in a file name reaches a terminal)."""
        field = f"{one_line(self.field)}: " if self.field else ""
        return f"{one_line(self.path)}:{self.line}:{self.col}: {field}{one_line(self.message)}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the changed line."""
        title = f"{self.field}" if self.field else "content"
        return (
            f"::error file={_gh_prop(one_line(self.path))},line={self.line},col={self.col},"
            f"title={_gh_prop(one_line(title))}::{_gh_data(one_line(self.message))}"
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


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def one_line(text: str) -> str:
    """`text` with every character Python does not print (line breaks, tabs, escape codes,
    invisible format characters) written as its escape (`\\n`, `\\x1b`, `\\u202e`)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _gh_data(text: str) -> str:
    # GitHub's workflow commands escape %, CR and LF in the message part.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    # Properties additionally escape the separators ':' and ','.
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


class ContentError(Exception):
    """Raised by the build when content has problems; Pelican exits with `exitcode`.

    The build log shows `summary` and each problem on a line of its own (site's
    buildlog); the message itself lists them too, for anything else that shows it."""

    exitcode = 1

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        self.summary = f"{count} content {noun}; nothing was published"
        lines = "\n".join(p.format_text() for p in self.problems)
        super().__init__(f"{self.summary}:\n{lines}")


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    """All problems in one of the validator's output formats: text, github or json."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(p.format_github() for p in ordered)
    return "\n".join(p.format_text() for p in ordered)
