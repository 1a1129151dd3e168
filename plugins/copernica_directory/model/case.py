"""A customer case: content/cases/<slug>.md, front matter over a Markdown body.

A case that names its `partner` shows on that profile (Content.cases_of); a `cover` image
beside the file shows on the case's page and its cards, like a library item's.
"""

from __future__ import annotations

import datetime as dt

from copernica_directory.model.declare import Declared, content_type, derived, field
from copernica_directory.model.fields import (
    INDUSTRY,
    cover_field,
    expertise_field,
    lang_field,
    summary_field,
)
from copernica_directory.model.schema import Choice, Date, String
from copernica_directory.model.vocab import SITE_LANGUAGES_SPELLED


@content_type("Case")
class Case(Declared):
    """A customer case, optionally linked to the partner who did the work."""

    slug: str = derived("the file name without .md")
    title: str = field(String(max_len=150), required=True, help="the case's headline")
    date: dt.date = field(Date(), required=True, help="publication date, YYYY-MM-DD")
    summary: str = summary_field()
    partner: str | None = field(
        Choice("partners", want="a partner slug (a folder in content/partners/)"),
        help="the partner who did the work",
    )
    customer: str | None = field(String(max_len=100), help="the customer's name")
    expertise: tuple[str, ...] = expertise_field("expertise ids")
    industry: str | None = field(INDUSTRY, help="one industry id")
    lang: str = lang_field(SITE_LANGUAGES_SPELLED)
    cover: str | None = cover_field()
    body_html: str = derived("the body rendered and sanitised")
    source: str = derived("the file it was read from, as shown in messages", default="")
