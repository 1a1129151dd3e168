"""The environment of the review tools (scripts/reviews.py), declared once beside the build's
settings: each variable with who reads it, its default and what it is.

Secrets are only declared here (for the docs); the tools that need them read and check them
themselves (reviews.privacy, reviews.cli). The README's table of them is checked
against this declaration (tests/test_settings.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from copernica_directory.settings.site import PUBLIC_ADDRESS


@dataclass(frozen=True)
class Variable:
    """One environment variable of the tools."""

    name: str
    used_by: str  # the commands that read it (Markdown)
    doc: str  # what it is (Markdown)
    default: str = ""
    also: str = ""  # a variable read when this one is unset or empty
    secret: bool = False


TOOL_ENVIRONMENT: tuple[Variable, ...] = (
    Variable("REVIEW_HASH_KEY", "`import`, `invite`", "required secret (16+ characters): the key of the HMAC-SHA-256 stored instead of email addresses; without it the import refuses to run", secret=True),
    Variable("REVIEW_TOKEN_KEY", "`import`, `invite`", "optional secret that signs invitations; by default derived from `REVIEW_HASH_KEY`", secret=True),
    Variable("NETLIFY_AUTH_TOKEN", "`import --from-api`", "a Netlify personal access token", secret=True),
    Variable("NETLIFY_FORM_ID", "`import --from-api`", "the id of the `review` form (Netlify > Forms > review)"),
    Variable("NETLIFY_API_URL", "`import --from-api`", "the address of Netlify's API; the tests point it at a local server", default="https://api.netlify.com/api/v1"),
    Variable("SITE_URL", "`invite`", "the public address invitation links start with", default=PUBLIC_ADDRESS, also="URL"),
)  # fmt: skip


def tool_variable(name: str) -> Variable:
    """The declared variable `name` (a KeyError for one that is not declared)."""
    for variable in TOOL_ENVIRONMENT:
        if variable.name == name:
            return variable
    raise KeyError(name)


def tool_value(name: str, environ: Mapping[str, str] | None = None) -> str:
    """A non-secret variable's value: from the environment (then its `also` variable), else
    its default; surrounding spaces removed."""
    variable = tool_variable(name)
    if variable.secret:
        raise KeyError(f"{name} is a secret: its tool reads and checks it")
    env = os.environ if environ is None else environ
    for candidate in (variable.name, variable.also):
        value = env.get(candidate, "").strip() if candidate else ""
        if value:
            return value
    return variable.default
