"""Kinds of setting values: each parses a raw value (a string from the environment, or what
pelican.conf.py or `pelican -e` gives) into a typed one, or says what is allowed.

A kind raises `Invalid` for a value it does not accept; the declaration (site.py) turns that
into one line naming the setting, what was given and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from copernica_directory.settings.languages import DEFAULT_LANGUAGE, SITE_LANGUAGES


class Invalid(ValueError):
    """A value a kind does not accept; `reason` says what is wrong, when "not allowed" is not
    enough ("'de' is not a site language")."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason)
        self.reason = reason


class Kind:
    """How one setting's value is written: parse it, say what is allowed, show a default."""

    label = ""  # the type, as the README's settings table names it

    @property
    def allowed(self) -> str:
        """What values are allowed, as the end of "expected ..."."""
        raise NotImplementedError

    def parse(self, raw: object) -> Any:
        """The typed value of `raw`; raises Invalid."""
        raise NotImplementedError

    def show(self, value: Any) -> str:
        """A value as the README shows it (Markdown)."""
        return f"`{value}`"


_WHOLE = re.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True)
class WholeNumber(Kind):
    """An int, or a string of digits: "12"."""

    minimum: int
    maximum: int | None = None

    @property
    def label(self) -> str:
        if self.maximum is None:
            return f"whole number, at least {self.minimum}"
        return f"whole number, {self.minimum} to {self.maximum}"

    @property
    def allowed(self) -> str:
        if self.maximum is None:
            return f"a whole number of at least {self.minimum}"
        return f"a whole number from {self.minimum} to {self.maximum}"

    def parse(self, raw: object) -> int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            number = raw
        elif isinstance(raw, str) and _WHOLE.fullmatch(raw.strip()):
            number = int(raw.strip())
        else:
            raise Invalid()
        if number < self.minimum or (self.maximum is not None and number > self.maximum):
            raise Invalid()
        return number


@dataclass(frozen=True)
class Switch(Kind):
    """On or off: 1 or 0 (from the environment), or a boolean."""

    label = "1 or 0"
    allowed = "1 (on) or 0 (off)"

    def parse(self, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str) and raw.strip() in ("0", "1"):
            return raw.strip() == "1"
        raise Invalid()

    def show(self, value: Any) -> str:
        return "`1`" if value else "`0`"


def _address(text: str, site: bool = True) -> str:
    """An http(s) address, its trailing slash removed; a `site`'s has no query or fragment."""
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise Invalid("it has spaces or control characters")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Invalid()
    if site and (parts.query or parts.fragment):
        raise Invalid("an address of the site has no ?query or #fragment")
    return text.rstrip("/")


@dataclass(frozen=True)
class Address(Kind):
    """The address of a site: https://partners.copernica.com (a trailing slash is dropped)."""

    empty_allowed: bool = False

    label = "address"

    @property
    def allowed(self) -> str:
        empty = ", or nothing" if self.empty_allowed else ""
        return f"an http or https address such as https://partners.copernica.com{empty}"

    def parse(self, raw: object) -> str:
        if not isinstance(raw, str):
            raise Invalid()
        text = raw.strip()
        if not text:
            if self.empty_allowed:
                return ""
            raise Invalid("it is empty")
        return _address(text)

    def show(self, value: Any) -> str:
        return f"`{value}`" if value else "empty"


@dataclass(frozen=True)
class LinkTemplate(Kind):
    """An address with {placeholders} the build fills in: each of `placeholders` (name: what
    it stands for) may be used, those in `required` must be."""

    placeholders: dict[str, str] = field(default_factory=dict)
    required: tuple[str, ...] = ()

    label = "address with placeholders"

    @property
    def allowed(self) -> str:
        def listed(names: list[str]) -> str:
            return " and ".join(f"{{{name}}} ({self.placeholders[name]})" for name in names)

        optional = [name for name in self.placeholders if name not in self.required]
        text = f"an http or https address with {listed(list(self.required))}"
        return f"{text} and, if wanted, {listed(optional)}" if optional else text

    def parse(self, raw: object) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise Invalid()
        text = raw.strip()
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
        except ValueError as err:  # a lone { or }
            raise Invalid(str(err)) from None
        for name in fields:
            if name not in self.placeholders:
                raise Invalid(f"{{{name}}} is not a placeholder it may use")
        for name in self.required:
            if name not in fields:
                raise Invalid(f"{{{name}}} is missing")
        _address(text.format(**{name: name for name in self.placeholders}), site=False)
        return text


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Day(Kind):
    """A date written YYYY-MM-DD; nothing (an empty string) means today."""

    label = "date (YYYY-MM-DD)"
    allowed = "a date written YYYY-MM-DD, or nothing for today"

    def parse(self, raw: object) -> dt.date | None:
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return raw
        if not isinstance(raw, str):
            raise Invalid()
        text = raw.strip()
        if not text:
            return None
        if not _DAY.fullmatch(text):
            raise Invalid()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise Invalid("there is no such day") from None

    def show(self, value: Any) -> str:
        return "today (in `TIMEZONE`)" if value is None else f"`{value.isoformat()}`"


@dataclass(frozen=True)
class TimeZone(Kind):
    """An IANA time zone name: Europe/Amsterdam."""

    label = "time zone"
    allowed = "an IANA time zone name such as Europe/Amsterdam"

    def parse(self, raw: object) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise Invalid()
        try:
            ZoneInfo(raw.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise Invalid("there is no such zone") from None
        return raw.strip()


@dataclass(frozen=True)
class Folder(Kind):
    """A folder's path (relative to the working folder, or absolute)."""

    label = "folder"
    allowed = "the path of a folder"

    def parse(self, raw: object) -> Path:
        if isinstance(raw, os.PathLike) or (isinstance(raw, str) and raw.strip()):
            return Path(raw.strip() if isinstance(raw, str) else raw)
        raise Invalid()


@dataclass(frozen=True)
class Languages(Kind):
    """Site languages, each once, the default first: "en,nl" or a sequence of codes."""

    label = "language codes"

    @property
    def allowed(self) -> str:
        examples = " or ".join(
            ",".join(SITE_LANGUAGES[:n]) for n in range(1, len(SITE_LANGUAGES) + 1)
        )
        return (
            f"site languages ({', '.join(SITE_LANGUAGES)}) separated by commas, each once, "
            f"{DEFAULT_LANGUAGE} first: {examples}"
        )

    def parse(self, raw: object) -> tuple[str, ...]:
        if isinstance(raw, str):
            codes = [code.strip() for code in raw.split(",")]
        elif isinstance(raw, list | tuple) and all(isinstance(c, str) for c in raw):
            codes = [code.strip() for code in raw]
        else:
            raise Invalid()
        codes = [code for code in codes if code]
        unknown = [code for code in codes if code not in SITE_LANGUAGES]
        if unknown:
            noun = "is not a site language" if len(unknown) == 1 else "are not site languages"
            raise Invalid(f"{', '.join(map(repr, unknown))} {noun}")
        if len(set(codes)) != len(codes):
            raise Invalid("it names a language twice")
        if not codes or codes[0] != DEFAULT_LANGUAGE:
            raise Invalid(f"it does not start with the default language, {DEFAULT_LANGUAGE}")
        return tuple(codes)

    def show(self, value: Any) -> str:
        return f"`{','.join(value)}`"
