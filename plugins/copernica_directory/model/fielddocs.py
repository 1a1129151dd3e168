"""The field tables of the docs, made from the content types' declarations.

A table sits between two markers in a Markdown file, `<!-- fields: NAME -->` and
`<!-- /fields -->`; `scripts/generate_schemas.py` writes it anew (with the JSON Schemas), and a
test fails when a committed table is stale, so the docs can never disagree with the validator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copernica_directory.model.case import Case
from copernica_directory.model.declare import Declared
from copernica_directory.model.event import Event
from copernica_directory.model.library import LibraryItem, Whitepaper
from copernica_directory.model.partner import Partner
from copernica_directory.model.schema import Field, ListOf, Record, Vocabulary


@dataclass(frozen=True)
class Table:
    """One field table: the type, the column it shows, and which fields."""

    declared: type[Declared]
    # "doc": the partner-facing texts (CONTRIBUTING.md); "help": the reference (README.md),
    # with the fields of nested records and the defaults.
    column: str = "help"
    # Only the fields the type adds to this one (a whitepaper's beyond a library item's).
    beyond: type[Declared] | None = None


TABLES: dict[str, Table] = {
    "partner-profile": Table(Partner, "doc"),
    "partner": Table(Partner),
    "case": Table(Case),
    "library-item": Table(LibraryItem),
    "whitepaper": Table(Whitepaper, beyond=LibraryItem),
    "event": Table(Event),
}
# The Markdown files that hold tables (paths from the repository's root).
DOCUMENTS = ("README.md", "CONTRIBUTING.md")
_MARKED = re.compile(r"(<!-- fields: ([a-z-]+) -->\n)(.*?)(<!-- /fields -->)", re.S)


def _ids(vocabulary: Vocabulary) -> str:
    return ", ".join(f"`{term}`" for term in vocabulary.ids)


def _size(count: int) -> str:
    return f"{count / 1_000_000:g} MB" if count >= 1_000_000 else f"{count / 1000:g} kB"


def kind_text(form: Mapping[str, Any], vocabularies: Mapping[str, Vocabulary]) -> str:
    """What a value of a field's kind is, in words (from Kind.form)."""
    kind = form["kind"]
    if kind == "string":
        if form["pattern_help"]:
            return str(form["pattern_help"])
        low, high = form["min_length"], form["max_length"]
        return f"text, {low}-{high} characters" if low > 1 else f"text, at most {high} characters"
    if kind in ("text", "markdown"):
        what = "Markdown" if kind == "markdown" else "text"
        languages = ", ".join(form["languages"])
        return f"{what}, at most {form['max_length']:,} characters (a string, or {{{languages}}})"
    if kind == "select":
        vocab = vocabularies.get(form["vocabulary"])
        if vocab is None or vocab.open_pattern or len(vocab.ids) > 12:
            return f"an id from {vocab.example}" if vocab and vocab.example else "an id"
        return "one of " + _ids(vocab)
    if kind == "list":
        item = kind_text(form["item"], vocabularies)
        at_least = f"at least {form['min_items']}, " if form["min_items"] else ""
        return f"a list ({at_least}at most {form['max_items']}) of: {item}"
    if kind == "file":
        types = ", ".join("." + e for e in form["extensions"])
        return f"a file beside it ({types}), at most {_size(form['max_bytes'])}"
    if kind == "number":
        return f"a whole number from {form['minimum']} to {form['maximum']}"
    if kind == "year":
        return f"a year from {form['minimum']}, not in the future"
    if kind == "datetime":
        return "a date and time in UTC" if form["utc"] else "a date and time with its UTC offset"
    return {
        "url": "an `https://` address",
        "email": "an email address",
        "phone": 'a phone number in E.164 form, quoted: `"+31201234567"`',
        "boolean": "`true` or `false`",
        "date": "a date, YYYY-MM-DD",
        "record": "a mapping of the fields below",
        "timezone": "an IANA time zone name",
    }[kind]


def _default(spec: Field) -> str:
    value = spec.default
    if spec.required or value in (None, ()):
        return ""
    shown = str(value).lower() if isinstance(value, bool) else value
    return f" (default `{shown}`)"


def _rows(
    fields: list[Field], column: str, vocabularies: Mapping[str, Vocabulary], prefix: str = ""
) -> list[str]:
    rows = []
    ids = {name: _ids(vocab) for name, vocab in vocabularies.items()}
    for spec in fields:
        required = "yes" if spec.required else "no"
        if column == "doc":
            text = spec.doc.format(**ids) if spec.doc else spec.help
            rows.append(f"| `{prefix}{spec.name}` | {required} | {text} |")
        else:
            kind = kind_text(spec.kind.form(), vocabularies)
            text = (spec.help or "") + _default(spec)
            rows.append(f"| `{prefix}{spec.name}` | {required} | {kind} | {text} |")
        kind = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if column == "help" and isinstance(kind, Record):
            inner = f"{prefix}{spec.name}{'[]' if kind is not spec.kind else ''}."
            rows.extend(_rows(kind.fields, column, vocabularies, inner))
    return rows


def field_table(table: Table, vocabularies: Mapping[str, Vocabulary]) -> str:
    """The Markdown table of one type's fields."""
    fields = table.declared.RECORD.fields
    if table.beyond is not None:
        known = {spec.name for spec in table.beyond.RECORD.fields}
        fields = [spec for spec in fields if spec.name not in known]
    if table.column == "doc":
        lines = ["| field | required | what to write |", "|---|---|---|"]
    else:
        lines = ["| field | required | what is allowed | what it is |", "|---|---|---|---|"]
    lines += _rows(fields, table.column, vocabularies)
    return "\n".join(lines) + "\n"


def updated(text: str, vocabularies: Mapping[str, Vocabulary]) -> str:
    """The Markdown `text` with every marked table made anew."""

    def table(match: re.Match[str]) -> str:
        name = match[2]
        if name not in TABLES:
            raise KeyError(f"unknown field table {name!r}; known: {', '.join(TABLES)}")
        return match[1] + field_table(TABLES[name], vocabularies) + match[4]

    return _MARKED.sub(table, text)


def marked_tables(text: str) -> list[str]:
    """The names of the tables marked in `text`."""
    return [match[2] for match in _MARKED.finditer(text)]


def stale_documents(root: Path, vocabularies: Mapping[str, Vocabulary], write: bool) -> list[Path]:
    """The documents whose tables are not current (written anew with `write`)."""
    stale = []
    for name in DOCUMENTS:
        path = root / name
        text = path.read_text(encoding="utf-8")
        fresh = updated(text, vocabularies)
        if fresh != text:
            stale.append(path)
            if write:
                path.write_text(fresh, encoding="utf-8")
    return stale
