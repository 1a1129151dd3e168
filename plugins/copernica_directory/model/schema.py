"""Field kinds: how each field is read from YAML, checked, and described as JSON Schema.

The content types (partner.py, case.py, ...: model.declare) are declared with these kinds once;
the build, the validator, the JSON Schemas and the field docs all derive from that declaration.
Every problem names the field and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from collections.abc import Callable, Iterable
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from copernica_directory.model.chars import invisible_problem
from copernica_directory.model.contentfiles import Refused, regular_file
from copernica_directory.model.markup import markdown_problems
from copernica_directory.model.problems import Problem
from copernica_directory.model.text import LocalText
from copernica_directory.model.vocab import SITE_LANGUAGES
from copernica_directory.model.weburl import MAX_LENGTH as MAX_URL_LENGTH
from copernica_directory.model.weburl import UrlError, normalise_url
from copernica_directory.model.yamlsource import Mapping, Node, Scalar, Sequence


class _Invalid:
    """Marks a value that failed its checks (its problem is already reported)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()

STR_TAG = "tag:yaml.org,2002:str"
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# What editors check as partners type (the model checks more: the host, the port ...).
URL_PATTERN = "^https://[^\\s\"'<>\\\\`{}|^]+$"
SLUG_HELP = "lower-case letters and digits, words joined by single hyphens (e.g. acme-digital)"


@dataclass
class Vocabulary:
    """A controlled list of ids, with labels for messages and schemas."""

    name: str
    ids: Iterable[str]
    example: str = ""
    # An open vocabulary grows with the content (partner slugs): schemas check its form only.
    open_pattern: str | None = None

    def __post_init__(self) -> None:
        self.ids = tuple(self.ids)


@dataclass
class Context:
    """What parsing one file needs: where it is, the vocabularies, and where problems go."""

    path: str
    vocabularies: MappingABC[str, Vocabulary]
    folder: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    def error(self, node: Node, field_name: str, message: str) -> Any:
        """Record a problem at `node` and return INVALID."""
        self.problems.append(Problem(self.path, node.line, node.col, field_name, message))
        return INVALID


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """' Did you mean 'x'?' when a candidate is close, else ''."""
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        if value.lower() in lowered:
            close = [lowered[value.lower()]]
    return f" Did you mean '{close[0]}'?" if close else ""


def _describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping (key: value lines)"
    if isinstance(node, Sequence):
        return "a list"
    assert isinstance(node, Scalar)
    return f"the {node.kind} {node.raw!r}" if node.raw else f"the {node.kind}"


def expect_string(node: Node, ctx: Context, name: str, want: str) -> Any:
    """The node's text if it is a string; otherwise explain what YAML made of it."""
    if not isinstance(node, Scalar):
        return ctx.error(node, name, f"expected {want}, got {_describe(node)}")
    if node.tag == STR_TAG:
        return node.value
    if node.value is None:
        return ctx.error(node, name, f"is empty; expected {want}")
    shown = node.value
    if isinstance(shown, bool):
        shown = "true" if shown else "false"
    # YAML 1.1 turns NO, no, on, yes, +31201234567, 1:20 ... into booleans and numbers.
    return ctx.error(
        node,
        name,
        f'YAML reads {node.raw} as the {node.kind} {shown}; quote it: "{node.raw}"',
    )


class Kind:
    """A kind of value: parses a node, reports problems, describes itself as JSON Schema and
    as a form field (what an editor needs to show it: `form`)."""

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        raise NotImplementedError

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        raise NotImplementedError

    def form(self) -> dict[str, Any]:
        """What a form needs to edit a value of this kind: the kind, its limits, its
        vocabulary, its nested fields."""
        raise NotImplementedError

    def convert(self, value: Any) -> Any:
        """A parsed value as the typed record holds it (nested records become records)."""
        return value


@dataclass
class String(Kind):
    """Text on one line (or a block), with length limits and an optional pattern."""

    min_len: int = 1
    max_len: int = 200
    pattern: re.Pattern[str] | None = None
    pattern_help: str = ""
    want: str = "text"

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        value = expect_string(node, ctx, name, self.want)
        if value is INVALID:
            return INVALID
        return self.check(value.strip(), node, ctx, name)

    def check(self, value: str, node: Node, ctx: Context, name: str) -> Any:
        """Character, length and pattern checks on an already-read string."""
        invisible = invisible_problem(value)
        if invisible:
            return ctx.error(node, name, invisible)
        if len(value) < self.min_len:
            if not value:
                return ctx.error(node, name, f"is empty; expected {self.want}")
            return ctx.error(
                node, name, f"is {len(value)} characters; at least {self.min_len} needed"
            )
        if len(value) > self.max_len:
            return ctx.error(
                node,
                name,
                f"is {len(value)} characters; at most {self.max_len} allowed",
            )
        if self.pattern and not self.pattern.match(value):
            return ctx.error(node, name, f"{value!r} is not allowed: use {self.pattern_help}")
        return value

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": self.min_len}
        schema["maxLength"] = self.max_len
        if self.pattern:
            schema["pattern"] = self.pattern.pattern
        return schema

    def form(self) -> dict[str, Any]:
        pattern = self.pattern.pattern if self.pattern else None
        return {"kind": "string", "min_length": self.min_len, "max_length": self.max_len,
                "pattern": pattern, "pattern_help": self.pattern_help or None}  # fmt: skip


@dataclass
class Text(Kind):
    """Translatable text: a string (English) or a mapping of site language to string."""

    max_len: int = 200
    min_len: int = 1
    markdown: bool = False

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        want = "Markdown text" if self.markdown else "text"
        single = String(min_len=self.min_len, max_len=self.max_len, want=want)
        if isinstance(node, Mapping):
            values: dict[str, str] = {}
            ok = True
            for lang, (key, value_node) in node.entries.items():
                if lang not in SITE_LANGUAGES:
                    ctx.error(
                        key,
                        f"{name}.{lang}",
                        f"unknown site language '{lang}'; use one of: " + ", ".join(SITE_LANGUAGES),
                    )
                    ok = False
                    continue
                field_name = f"{name}.{lang}"
                text = single.parse(value_node, ctx, field_name)
                text = self._checked(text, value_node, ctx, field_name)
                if text is INVALID:
                    ok = False
                else:
                    values[lang] = text
            if not node.entries:
                return ctx.error(node, name, "is empty; give the text, or {en: ..., nl: ...}")
            return LocalText(values) if ok else INVALID
        if isinstance(node, Sequence):
            return ctx.error(
                node, name, f"expected {want} or a mapping {{en: ..., nl: ...}}, got a list"
            )
        text = self._checked(single.parse(node, ctx, name), node, ctx, name)
        return INVALID if text is INVALID else LocalText.plain(text)

    def _checked(self, text: Any, node: Node, ctx: Context, name: str) -> Any:
        """Markdown text: refused when the published page would not show it as written."""
        if not self.markdown or text is INVALID:
            return text
        problems = markdown_problems(text)
        for problem in problems:
            where = f" (line {problem.line} of the text)" if "\n" in text.strip() else ""
            ctx.error(node, name, problem.message + where)
        return INVALID if problems else text

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        one = {"type": "string", "minLength": self.min_len, "maxLength": self.max_len}
        return {
            "oneOf": [
                one,
                {
                    "type": "object",
                    "properties": {lang: one for lang in SITE_LANGUAGES},
                    "additionalProperties": False,
                    "minProperties": 1,
                },
            ]
        }

    def form(self) -> dict[str, Any]:
        return {"kind": "markdown" if self.markdown else "text", "bilingual": True,
                "languages": SITE_LANGUAGES, "min_length": self.min_len,
                "max_length": self.max_len}  # fmt: skip


class Url(Kind):
    """An https:// web address, stored in its normal form (model.weburl)."""

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        value = expect_string(node, ctx, name, "an https:// address")
        if value is INVALID:
            return INVALID
        value = value.strip()
        allowed = "an https:// address, e.g. https://www.example.com"
        try:
            return normalise_url(value)
        except UrlError as err:
            reason = str(err)
        shown = repr(value if len(value) <= 100 else value[:99] + "…")
        if reason.startswith("uses "):
            return ctx.error(node, name, f"{shown} {reason}; only {allowed} is allowed")
        return ctx.error(
            node, name, f"{shown} is not a valid address: {reason}; expected {allowed}"
        )

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {
            "type": "string",
            "format": "uri",
            "pattern": URL_PATTERN,
            "maxLength": MAX_URL_LENGTH,
        }

    def form(self) -> dict[str, Any]:
        return {"kind": "url", "pattern": URL_PATTERN, "max_length": MAX_URL_LENGTH}


class Email(Kind):
    """An email address (syntax only: the build never touches the network)."""

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        value = expect_string(node, ctx, name, "an email address")
        if value is INVALID:
            return INVALID
        # Imported when an address is checked: an incremental build that reads every file
        # from the parse cache never needs it.
        from email_validator import EmailNotValidError, validate_email

        try:
            result = validate_email(value.strip(), check_deliverability=False)
        except EmailNotValidError as err:
            return ctx.error(node, name, f"{value!r} is not a valid email address: {err}")
        return result.normalized

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {"type": "string", "format": "email"}

    def form(self) -> dict[str, Any]:
        return {"kind": "email"}


E164_RE = re.compile(r"^\+[1-9][0-9]{6,14}$")


class Phone(Kind):
    """A phone number in E.164 form: +, country code, number, no spaces."""

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        value = expect_string(node, ctx, name, 'a phone number in E.164 form, e.g. "+31201234567"')
        if value is INVALID:
            return INVALID
        if not E164_RE.match(value.strip()):
            return ctx.error(
                node,
                name,
                f"{value!r} is not in E.164 form: '+', the country code and the number, "
                'digits only, e.g. "+31201234567"',
            )
        return value.strip()

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {"type": "string", "pattern": E164_RE.pattern}

    def form(self) -> dict[str, Any]:
        return {"kind": "phone", "pattern": E164_RE.pattern}


@dataclass
class Year(Kind):
    """A calendar year, not in the future."""

    min_year: int = 1800

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        this_year = dt.date.today().year
        allowed = f"a year from {self.min_year} to {this_year}"
        if not isinstance(node, Scalar) or node.tag != "tag:yaml.org,2002:int":
            return ctx.error(node, name, f"expected {allowed}, got {_describe(node)}")
        if not self.min_year <= node.value <= this_year:
            return ctx.error(node, name, f"{node.value} is out of range; expected {allowed}")
        return node.value

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.min_year}

    def form(self) -> dict[str, Any]:
        return {"kind": "year", "minimum": self.min_year}


class Boolean(Kind):
    """true or false, written as such (not yes/no/on/off)."""

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        if (
            isinstance(node, Scalar)
            and node.tag == "tag:yaml.org,2002:bool"
            and node.raw.lower() in ("true", "false")
        ):
            return node.value
        if isinstance(node, Scalar) and node.tag == "tag:yaml.org,2002:bool":
            # yes/no/on/off: YAML 1.1 booleans, ambiguous to readers and to YAML 1.2 tools.
            return ctx.error(node, name, f"write true or false, not {node.raw!r}")
        return ctx.error(node, name, f"expected true or false, got {_describe(node)}")

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {"type": "boolean"}

    def form(self) -> dict[str, Any]:
        return {"kind": "boolean"}


class Date(Kind):
    """A calendar date, YYYY-MM-DD."""

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        allowed = "a date written YYYY-MM-DD, e.g. 2026-03-14"
        if isinstance(node, Scalar):
            value = node.value
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            if isinstance(value, str):
                try:
                    return dt.date.fromisoformat(value.strip())
                except ValueError:
                    pass
        return ctx.error(node, name, f"expected {allowed}, got {_describe(node)}")

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {"type": "string", "format": "date"}

    def form(self) -> dict[str, Any]:
        return {"kind": "date"}


@dataclass
class Choice(Kind):
    """One id from a controlled vocabulary (a taxonomy, countries, languages, brands...)."""

    vocabulary: str
    want: str = "an id"

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        vocab = ctx.vocabularies[self.vocabulary]
        value = expect_string(node, ctx, name, self.want)
        if value is INVALID:
            return INVALID
        value = value.strip()
        if value in vocab.ids:
            return value
        listing = ", ".join(vocab.ids) if len(vocab.ids) <= 12 else f"see {vocab.example}"
        return ctx.error(
            node,
            name,
            f"'{value}' is not {self.want}.{did_you_mean(value, vocab.ids)} Allowed: {listing}",
        )

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        vocab = vocabularies[self.vocabulary]
        if vocab.open_pattern:
            return {"type": "string", "pattern": vocab.open_pattern}
        return {"type": "string", "enum": list(vocab.ids)}

    def form(self) -> dict[str, Any]:
        # The ids come from the vocabularies of the content (Context.vocabularies).
        return {"kind": "select", "vocabulary": self.vocabulary}


@dataclass
class ListOf(Kind):
    """A list of values of one kind, without repeats."""

    item: Kind
    min_items: int = 0
    max_items: int = 50

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        if not isinstance(node, Sequence):
            return ctx.error(node, name, f"expected a list, e.g. [a, b], got {_describe(node)}")
        if len(node.items) < self.min_items:
            return ctx.error(node, name, f"needs at least {self.min_items} item(s)")
        if len(node.items) > self.max_items:
            return ctx.error(node, name, f"has {len(node.items)} items; at most {self.max_items}")
        values: list[Any] = []
        ok = True
        for index, item in enumerate(node.items):
            value = self.item.parse(item, ctx, f"{name}[{index}]")
            if value is INVALID:
                ok = False
            elif value in values:
                ctx.error(item, f"{name}[{index}]", f"'{value}' is listed twice")
                ok = False
            else:
                values.append(value)
        return tuple(values) if ok else INVALID

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {
            "type": "array",
            "items": self.item.json_schema(vocabularies),
            "minItems": self.min_items,
            "maxItems": self.max_items,
            "uniqueItems": True,
        }

    def form(self) -> dict[str, Any]:
        return {"kind": "list", "item": self.item.form(), "min_items": self.min_items,
                "max_items": self.max_items}  # fmt: skip

    def convert(self, value: Any) -> Any:
        return tuple(self.item.convert(item) for item in value)


@dataclass
class FileRef(Kind):
    """The name of a file beside the content file (a logo, an attachment)."""

    extensions: tuple[str, ...]
    max_bytes: int = 2_000_000
    # What the file itself must satisfy (e.g. a logo with no script): returns the problems.
    check: Callable[[Path], list[str]] | None = None

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        exts = ", ".join(self.extensions)
        value = expect_string(node, ctx, name, f"a file name ending in {exts}")
        if value is INVALID:
            return INVALID
        value = value.strip()
        if "/" in value or "\\" in value or value.startswith("."):
            return ctx.error(
                node, name, f"{value!r}: give just the file name of a file in the same folder"
            )
        if not value.lower().endswith(tuple("." + e for e in self.extensions)):
            return ctx.error(node, name, f"{value!r}: allowed file types are {exts}")
        if ctx.folder is not None:
            target = ctx.folder / value
            try:
                # The file itself, not what a link points to: a link is refused unread.
                size = regular_file(target).st_size
            except FileNotFoundError:
                return ctx.error(node, name, f"file {value!r} not found beside {ctx.path}")
            except Refused as err:
                return ctx.error(node, name, f"{value!r} {err}")
            except OSError as err:
                return ctx.error(node, name, f"{value!r} cannot be read ({err.strerror})")
            if size > self.max_bytes:
                return ctx.error(
                    node,
                    name,
                    f"{value!r} is {size:,} bytes; at most {self.max_bytes:,} allowed",
                )
            if self.check is not None:
                problems = self.check(target)
                for problem in problems:
                    ctx.error(node, name, f"{value!r}: {problem}")
                if problems:
                    return INVALID
        return value

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        exts = "|".join(self.extensions)
        return {"type": "string", "pattern": rf"^[^/\\]+\.({exts})$"}

    def form(self) -> dict[str, Any]:
        return {"kind": "file", "extensions": self.extensions, "max_bytes": self.max_bytes}


@dataclass
class Field:
    """One named field of a record.

    `help` is the short hint editors and messages show (JSON Schema `description`, "required
    field missing (...)"); `doc` the longer text of the field tables in the docs (Markdown),
    `help` when not given.
    """

    name: str
    kind: Kind
    required: bool = False
    default: Any = None
    help: str = ""
    doc: str = ""

    def form(self) -> dict[str, Any]:
        """Everything a form needs to show and check this field."""
        return {
            "name": self.name,
            "required": self.required,
            "default": self.default,
            "help": self.help,
            **self.kind.form(),
        }


@dataclass
class Record(Kind):
    """A mapping with a fixed set of fields; unknown fields are errors."""

    fields: list[Field]
    title: str = ""
    # The record class the parsed values become (model.declare), None for a plain mapping.
    type: Any = None

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        prefix = f"{name}." if name else ""
        if not isinstance(node, Mapping):
            return ctx.error(node, name, f"expected a mapping of fields, got {_describe(node)}")
        known = {f.name: f for f in self.fields}
        result: dict[str, Any] = {}
        ok = True
        misspelled: set[str] = set()
        for key, (key_node, _) in node.entries.items():
            if key not in known:
                suggestion = did_you_mean(key, [k for k in known if k not in node.entries])
                ctx.error(
                    key_node,
                    f"{prefix}{key}",
                    f"unknown field.{suggestion} Allowed fields: " + ", ".join(known),
                )
                misspelled.add(suggestion.split("'")[1] if suggestion else "")
                ok = False
        for spec in self.fields:
            if spec.name not in node.entries:
                # A misspelt required field is one mistake: the did-you-mean line says it.
                if spec.required and spec.name not in misspelled:
                    ctx.error(
                        node,
                        f"{prefix}{spec.name}",
                        f"required field missing ({spec.help})"
                        if spec.help
                        else "required field missing",
                    )
                    ok = False
                result[spec.name] = spec.default
                continue
            value_node = node.entries[spec.name][1]
            if isinstance(value_node, Scalar) and value_node.value is None and not spec.required:
                result[spec.name] = spec.default
                continue
            value = spec.kind.parse(value_node, ctx, f"{prefix}{spec.name}")
            ok = ok and value is not INVALID
            result[spec.name] = value
        return result if ok else INVALID

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object"}
        if self.title:
            schema["title"] = self.title
        props = {}
        for spec in self.fields:
            prop = spec.kind.json_schema(vocabularies)
            if spec.help:
                prop = {"description": spec.help, **prop}
            props[spec.name] = prop
        schema["properties"] = props
        schema["required"] = [f.name for f in self.fields if f.required]
        schema["additionalProperties"] = False
        return schema

    def form(self) -> dict[str, Any]:
        return {"kind": "record", "fields": [spec.form() for spec in self.fields]}

    def convert(self, value: Any) -> Any:
        return self.type.from_values(value) if self.type is not None else value


@dataclass
class Integer(Kind):
    """A whole number in a range (a rating), written as a number."""

    minimum: int
    maximum: int

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        allowed = f"a whole number from {self.minimum} to {self.maximum}"
        if not isinstance(node, Scalar) or node.tag != "tag:yaml.org,2002:int":
            return ctx.error(node, name, f"expected {allowed}, got {_describe(node)}")
        if not self.minimum <= node.value <= self.maximum:
            return ctx.error(node, name, f"{node.value} is out of range; expected {allowed}")
        return node.value

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def form(self) -> dict[str, Any]:
        return {"kind": "number", "minimum": self.minimum, "maximum": self.maximum}


class DateTime(Kind):
    """A moment in UTC, ISO 8601: 2026-03-14T10:22:31Z (an offset is converted to UTC)."""

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        allowed = "a date and time in UTC, e.g. 2026-03-14T10:22:31Z"
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                value = None
        if not isinstance(value, dt.datetime):
            return ctx.error(node, name, f"expected {allowed}, got {_describe(node)}")
        if value.tzinfo is None:
            # Without a zone the moment is ambiguous; reviews are always stored in UTC.
            return ctx.error(
                node, name, f"{value.isoformat()} has no time zone; expected {allowed}"
            )
        return value.astimezone(dt.UTC)

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {"type": "string", "format": "date-time"}

    def form(self) -> dict[str, Any]:
        return {"kind": "datetime", "utc": isinstance(self, DateTime)}


class OffsetDateTime(Kind):
    """A local date and time with its UTC offset, ISO 8601: 2026-12-10T09:30:00+01:00.

    Unlike DateTime, the offset is kept: an event happens at a wall-clock time somewhere.
    """

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        allowed = "a date and time with its UTC offset, e.g. 2026-12-10T09:30:00+01:00"
        # The raw text, not PyYAML's value: YAML 1.1 timestamps lose the offset as written.
        raw = node.raw.strip() if isinstance(node, Scalar) and isinstance(node.raw, str) else ""
        value = None
        if raw and not _is_date_only(node):
            try:
                value = dt.datetime.fromisoformat(raw)
            except ValueError:
                value = None
        if value is None:
            return ctx.error(node, name, f"expected {allowed}, got {_describe(node)}")
        if value.tzinfo is None:
            return ctx.error(
                node,
                name,
                f"{raw} has no UTC offset; add the offset of the local time there, "
                f"e.g. {value.isoformat()}+01:00",
            )
        return value

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {"type": "string", "format": "date-time"}

    def form(self) -> dict[str, Any]:
        return {"kind": "datetime", "utc": isinstance(self, DateTime)}


def _is_date_only(node: Node) -> bool:
    value = node.value if isinstance(node, Scalar) else None
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


@cache
def time_zone_names() -> frozenset[str]:
    """Every IANA time zone name the zoneinfo database knows (tzdata where the OS has none)."""
    return frozenset(zoneinfo.available_timezones())


class TimeZoneName(Kind):
    """An IANA time zone name, e.g. Europe/Amsterdam."""

    def parse(self, node: Node, ctx: Context, name: str) -> Any:
        value = expect_string(node, ctx, name, "a time zone name, e.g. Europe/Amsterdam")
        if value is INVALID:
            return INVALID
        value = value.strip()
        if value in time_zone_names():
            return value
        return ctx.error(
            node,
            name,
            f"'{value}' is not a time zone name.{did_you_mean(value, time_zone_names())} "
            "Use the IANA name of the place, e.g. Europe/Amsterdam or Europe/London",
        )

    def json_schema(self, vocabularies: MappingABC[str, Vocabulary]) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"}

    def form(self) -> dict[str, Any]:
        return {"kind": "timezone"}
