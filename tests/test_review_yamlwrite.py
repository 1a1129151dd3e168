"""The review file writer: whatever a visitor typed is read back exactly, by every YAML reader."""

from __future__ import annotations

import datetime as dt
import random

import pytest
import yaml

from copernica_directory.model.yamlsource import load_yaml, plain
from copernica_directory.reviews.yamlwrite import dump

TRICKY = [
    "",
    " ",
    "no",
    "NO",
    "yes",
    "on",
    "Off",
    "null",
    "~",
    "=",
    "<<",
    "1",
    "1e3",
    "0x1F",
    "0o17",
    "3.14",
    ".inf",
    "2026-01-01",
    "2026-01-01T10:00:00Z",
    "12:30",
    "- item",
    "? key",
    ": colon",
    "a: b",
    "a #b",
    "#comment",
    "key:",
    "'single'",
    '"double"',
    "{flow}",
    "[list]",
    "&anchor",
    "*alias",
    "!tag",
    "|block",
    ">folded",
    "%directive",
    "@at",
    "`tick",
    "---",
    "...",
    "trailing ",
    " leading",
    "tab\there",
    "line\nbreak",
    "para\n\npara",
    "\nstarts with a break",
    "ends with a break\n",
    "  indented\nlines",
    "spaces   \ninside lines   ",
    "line\n  indented second line",
    "line\n\tindented with a tab",
    "\x00\x07\x1b control",
    "\u2028line separator\u2029",
    "\x85next line",
    "\ufeffbom",
    "\ufffe\uffff",
    "emoji 🚀👩\u200d💻👍🏽",
    "Zoë, Ærø, Łódź, 東京, مرحبا",
    "<script>alert(1)</script> & \\ backslash",
    "back\\slash\\n not a newline",
]


def round_trip(value: str) -> None:
    document = {"id": "x", "title": value, "checks": [{"check": "links", "detail": value}]}
    text = dump(document)
    assert yaml.safe_load(text) == document, text
    node, problems = load_yaml(text, "review.yaml")
    assert problems == [] and node is not None, (text, problems)
    assert plain(node) == document, text


@pytest.mark.parametrize("value", TRICKY, ids=range(len(TRICKY)))
def test_tricky_strings_read_back_exactly(value: str) -> None:
    round_trip(value)


def test_random_strings_read_back_exactly() -> None:
    pool = "abcXYZ019 :-#'\"\\\n\t{}[],&*!|>%@`?~=<.ëß😀\u200d\u2028\x00\x1f\x7f\x85\xa0\ufeff"
    rng = random.Random(20260314)
    for _ in range(2000):
        round_trip("".join(rng.choice(pool) for _ in range(rng.randint(0, 12))))


def test_layout_is_readable() -> None:
    when = dt.datetime(2026, 3, 14, 10, 22, 31, tzinfo=dt.UTC)
    text = dump(
        {
            "title": "Great help",
            "body": "First paragraph.\n\nSecond one.",
            "rating": 5,
            "submitted": when,
            "author": {"name": "Jan"},
            "checks": [{"check": "links", "outcome": "flag"}],
        }
    )
    assert text == (
        "title: Great help\n"
        "body: |-\n"
        "  First paragraph.\n"
        "\n"
        "  Second one.\n"
        "rating: 5\n"
        "submitted: 2026-03-14T10:22:31Z\n"
        "author:\n"
        "  name: Jan\n"
        "checks:\n"
        "- check: links\n"
        "  outcome: flag\n"
    )
