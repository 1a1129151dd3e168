"""The response headers and the not-found page netlify.toml gives a path, for serving output/
locally as Netlify would.

Netlify matches each `[[headers]] for` pattern against the request path (`*` matches the rest
of the path) and applies every matching rule's values, in file order. For a path with no file,
the first `[[redirects]]` rule with status 404 whose `from` matches names the page to show.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path


@cache
def _rules(config: Path) -> tuple[tuple[re.Pattern[str], tuple[tuple[str, str], ...]], ...]:
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    rules = []
    for rule in data.get("headers", []):
        rules.append((_pattern(rule["for"]), tuple(rule["values"].items())))
    return tuple(rules)


def _pattern(glob: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(glob).replace(r"\*", ".*") + "$")


@cache
def _not_found_rules(config: Path) -> tuple[tuple[re.Pattern[str], str], ...]:
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    return tuple(
        (_pattern(rule["from"]), rule["to"])
        for rule in data.get("redirects", [])
        if rule.get("status") == 404
    )


def not_found_page(path: str, config: Path) -> str | None:
    """The page Netlify shows, with status 404, for a request path that has no file."""
    for pattern, target in _not_found_rules(config):
        if pattern.match(path):
            return target
    return None


def headers_for(path: str, config: Path) -> dict[str, str]:
    """Every header netlify.toml sets for a request path."""
    headers: dict[str, str] = {}
    for pattern, values in _rules(config):
        if pattern.match(path):
            headers.update(values)
    return headers
