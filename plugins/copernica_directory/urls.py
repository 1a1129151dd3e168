"""Where each kind of page lives, below a language's root (the same path in every language).

Shared by the site, the render helpers (badges link to profiles) and the tools, so it imports
nothing of the project.
"""

from __future__ import annotations


def partner_url(slug: str) -> str:
    return f"partners/{slug}/"


def case_url(slug: str) -> str:
    return f"cases/{slug}/"


def library_item_url(kind: str, slug: str) -> str:
    """A library item's page: `kind` is its type (articles, best-practices, whitepapers)."""
    return f"library/{kind}/{slug}/"


def browse_url(kind: str, key: str | None = None) -> str:
    return f"partners/{kind}/{key}/" if key else f"partners/{kind}/"
