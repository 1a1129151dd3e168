"""A small YAML writer for review files: mappings, lists of mappings, and scalars.

Why not yaml.dump: PyYAML's pure-Python emitter takes about a millisecond per review (ten
seconds for an export of 10,000) and libyaml's escapes emoji into "\\U0001F680", turning a
readable text block into one quoted line. The subset needed here is small, and every string is
written in the safest style that stays readable:

- plain (`title: Great help`) when YAML 1.1 reads it back as that same string;
- a literal block (`body: |-`) for multi-line text a person reads in a pull request;
- double-quoted with JSON escapes otherwise (`title: "no"`, `"a: b"`, control characters).

PyYAML's own resolver decides what "reads back as a string" means, so NO, 2026-01-01, ~ or
=, which YAML 1.1 would turn into something else, are always quoted; so is what YAML 1.2 tools
would read as a number (1e3). Tests read every
written file back through the strict loader and compare.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import yaml

_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
# Characters YAML allows unescaped (c-printable), minus the line breaks YAML 1.1 knows.
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
# What YAML 1.2 tools (editors, check-jsonschema) would read as a number, null or boolean.
_YAML12_OTHER = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|null|Null|NULL|true|True|TRUE|false|False|FALSE"
)


def _plain_ok(text: str) -> bool:
    return bool(
        text
        and _PLAIN_START.match(text)
        and text == text.strip()
        and "\n" not in text
        and "\t" not in text
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _UNPRINTABLE.search(text)
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR
        and not _YAML12_OTHER.fullmatch(text)
    )


def _block_ok(text: str) -> bool:
    lines = text.split("\n")
    return (
        len(lines) > 1
        and not text.startswith((" ", "\n"))
        and not text.endswith("\n")
        and "\t" not in text  # the strict loader reads a tab after indentation as a mistake
        and not _UNPRINTABLE.search(text)
        and all(line == line.rstrip(" ") for line in lines)
    )


def _quoted(text: str) -> str:
    # JSON's escapes (\" \\ \n \t \uXXXX) are all valid in YAML's double-quoted style.
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, str):
        return value if _plain_ok(value) else _quoted(value)
    raise TypeError(f"cannot write {type(value).__name__} values")


def _entry(key: str, value: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        lines.append(f"{pad}{key}:")
        _mapping(value, indent + 2, lines)
    elif isinstance(value, list):
        lines.append(f"{pad}{key}:")
        for item in value:
            start = len(lines)
            _mapping(item, indent + 2, lines)
            lines[start] = f"{pad}- {lines[start].lstrip()}"
    elif isinstance(value, str) and _block_ok(value):
        lines.append(f"{pad}{key}: |-")
        lines.extend(f"{pad}  {line}" if line else "" for line in value.split("\n"))
    else:
        lines.append(f"{pad}{key}: {_scalar(value)}")


def _mapping(mapping: dict[str, Any], indent: int, lines: list[str]) -> None:
    for key, value in mapping.items():
        _entry(key, value, indent, lines)


def dump(document: dict[str, Any]) -> str:
    """The YAML text of `document` (string keys; str, int, bool, datetime, dict, list values)."""
    lines: list[str] = []
    _mapping(document, 0, lines)
    return "\n".join(lines) + "\n"
