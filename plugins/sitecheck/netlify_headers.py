"""The response headers netlify.toml gives a path, for serving output/ locally as Netlify would.

Netlify matches each `[[headers]] for` pattern against the request path (`*` matches the rest
of the path) and applies every matching rule's values, in file order.
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
        pattern = "^" + re.escape(rule["for"]).replace(r"\*", ".*") + "$"
        rules.append((re.compile(pattern), tuple(rule["values"].items())))
    return tuple(rules)


def headers_for(path: str, config: Path) -> dict[str, str]:
    """Every header netlify.toml sets for a request path."""
    headers: dict[str, str] = {}
    for pattern, values in _rules(config):
        if pattern.match(path):
            headers.update(values)
    return headers
