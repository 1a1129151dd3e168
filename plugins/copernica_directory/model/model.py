"""The content model: Partner, Case and taxonomy terms, declared once (reviews: review_model).

Each entity has a record declaration (what the YAML may hold, used for validation and JSON
Schema) and a dataclass (what the build, the API and the tools use).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from copernica_directory.model.logos import RENDITIONS, logo_problems
from copernica_directory.model.review_model import RatingSummary, Review, rating_summary
from copernica_directory.model.schema import (
    SLUG_HELP,
    SLUG_RE,
    Boolean,
    Choice,
    Date,
    Email,
    Field,
    FileRef,
    ListOf,
    Phone,
    Record,
    String,
    Text,
    Url,
    Year,
)
from copernica_directory.model.text import LocalText
from copernica_directory.model.vocab import DEFAULT_LANGUAGE, SITE_LANGUAGES_SPELLED

BRANDS = ("whitelabel", "copernica")
LOGO_EXTENSIONS = ("svg", "png", "webp")

# Size limits of content files, declared once. The loader checks a file's size (lstat) before
# it reads a byte of it, so a 50 MB partner.yaml costs nothing, and says the size and the limit.
# Generous on purpose: the largest files of the sample content and of the synthetic generator
# are 2.8 KB (partner.yaml), 0.9 KB (a review), 2.7 KB (Markdown) and 3.5 KB (a taxonomy), and
# files with every text at its limit in four-byte characters still fit (tests/test_content_files
# builds them): a partner.yaml of 46 KB, a review file of 63 KB (with 18 checks and 5 decisions
# at their limits too), a Markdown file with a body of BODY_MAX_CHARS of 199 KB. Logos, covers
# and PDFs have their own limits (FileRef).
PARTNER_FILE_MAX_BYTES = 64 * 1024  # content/partners/<slug>/partner.yaml
REVIEW_FILE_MAX_BYTES = 64 * 1024  # content/reviews/<slug>/<id>.yaml
MARKDOWN_FILE_MAX_BYTES = 256 * 1024  # a case, library item or event: front matter and body
TAXONOMY_FILE_MAX_BYTES = 256 * 1024  # content/taxonomy/<name>.yaml
BODY_MAX_CHARS = 50_000  # the Markdown text of a case, library item or event (~8,000 words)

SLUG = String(max_len=60, pattern=SLUG_RE, pattern_help=SLUG_HELP, want="a slug")
GITHUB_LOGIN = String(
    max_len=39,
    pattern=re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*$"),
    pattern_help="a GitHub login (letters, digits, single hyphens)",
    want="a GitHub login",
)
COUNTRY = Choice("countries", want="an ISO 3166-1 alpha-2 country code (upper case, e.g. NL)")
LANGUAGE = Choice("languages", want="an ISO 639-1 language code (lower case, e.g. nl)")

PARTNER_RECORD = Record(
    title="Partner profile",
    fields=[
        Field("name", String(min_len=2, max_len=100), True, help="the company name, 2-100 characters"),
        Field("website", Url(), True, help="https:// address of the partner's site"),
        Field("tagline", Text(max_len=140), True, help="one line, at most 140 characters"),
        Field("description", Text(max_len=5000, markdown=True), True, help="Markdown, at most 5,000 characters"),
        Field("brands", ListOf(Choice("brands", want="a brand model"), min_items=1), True, help="how you resell: whitelabel, copernica"),
        Field("expertise", ListOf(Choice("expertise", want="an expertise id"), min_items=1), True, help="ids from content/taxonomy/expertise.yaml"),
        Field("industries", ListOf(Choice("industries", want="an industry id")), False, (), help="ids from content/taxonomy/industries.yaml"),
        Field("languages", ListOf(LANGUAGE, min_items=1), True, help="ISO 639-1 codes of the languages you work in"),
        Field(
            "location",
            Record(
                fields=[
                    Field("city", String(max_len=100), True, help="the city of your office"),
                    Field("country", COUNTRY, True, help="ISO 3166-1 alpha-2 code, quoted for Norway: \"NO\""),
                ]
            ),
            True,
            help="city and country",
        ),
        Field("regions", ListOf(COUNTRY), False, (), help="other countries you serve, ISO 3166-1 alpha-2"),
        Field(
            "contact",
            Record(
                fields=[
                    Field("email", Email(), True, help="a public contact address"),
                    Field("phone", Phone(), False, help="E.164, quoted: \"+31201234567\""),
                    Field("person", String(max_len=100), False, help="a contact person"),
                ]
            ),
            True,
            help="email, optional phone and person",
        ),
        Field("logo", FileRef(LOGO_EXTENSIONS, check=logo_problems), False, help="a logo file in this folder: logo.svg, logo.png or logo.webp"),
        Field("founded", Year(), False, help="the year the company was founded"),
        Field("accepting_clients", Boolean(), False, True, help="false hides you from 'accepting new clients' searches"),
        Field("maintainers", ListOf(GITHUB_LOGIN, min_items=1), True, help="GitHub logins allowed to change this profile"),
    ],
)  # fmt: skip

CASE_RECORD = Record(
    title="Case",
    fields=[
        Field("title", String(max_len=150), True, help="the case's headline"),
        Field("date", Date(), True, help="publication date, YYYY-MM-DD"),
        Field("summary", String(max_len=300), True, help="one or two sentences, at most 300 characters"),
        Field("partner", Choice("partners", want="a partner slug (a folder in content/partners/)"), False, help="the partner who did the work"),
        Field("customer", String(max_len=100), False, help="the customer's name"),
        Field("expertise", ListOf(Choice("expertise", want="an expertise id")), False, (), help="expertise ids"),
        Field("industry", Choice("industries", want="an industry id"), False, help="one industry id"),
        Field("lang", Choice("site_languages", want="a site language"), False, DEFAULT_LANGUAGE, help=SITE_LANGUAGES_SPELLED),
    ],
)  # fmt: skip

TERM_RECORD = Record(
    title="Taxonomy term",
    fields=[
        Field("label", Text(max_len=60), True, help="the label shown, {en: ..., nl: ...}"),
        Field("description", Text(max_len=300), False, help="one sentence"),
    ],
)


@dataclass(frozen=True)
class Term:
    """One id of a taxonomy (an expertise, an industry) with its labels."""

    id: str
    label: LocalText
    description: LocalText | None = None


@dataclass(frozen=True)
class Taxonomy:
    """An ordered controlled vocabulary read from content/taxonomy/<name>.yaml."""

    name: str
    terms: dict[str, Term]

    def label(self, term_id: str, lang: str = "en") -> str:
        """The term's label in `lang` (the id itself if unknown)."""
        term = self.terms.get(term_id)
        return term.label.get(lang) if term else term_id


@dataclass(frozen=True)
class Location:
    city: str
    country: str


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str | None = None
    person: str | None = None


@dataclass
class Partner:
    """A partner profile, as published."""

    slug: str
    name: str
    website: str
    tagline: LocalText
    description: LocalText
    description_html: LocalText
    brands: tuple[str, ...]
    expertise: tuple[str, ...]
    industries: tuple[str, ...]
    languages: tuple[str, ...]
    location: Location
    regions: tuple[str, ...]
    contact: Contact
    maintainers: tuple[str, ...]
    logo: str | None = None
    founded: int | None = None
    accepting_clients: bool = True
    source: str = ""
    cases: list[Case] = field(default_factory=list)
    # Approved reviews only, newest first (the loader fills this; unapproved ones never get here).
    reviews: list[Review] = field(default_factory=list)

    @property
    def rating(self) -> RatingSummary | None:
        """Average, count and distribution of the approved reviews from invited customers."""
        return rating_summary(self.reviews)

    @property
    def published_logo(self) -> str | None:
        """The logo file the site serves: the SVG itself, or the largest resized rendition."""
        if not self.logo or self.logo.lower().endswith(".svg"):
            return self.logo
        return f"logo-{max(RENDITIONS)}.webp"

    @property
    def countries(self) -> tuple[str, ...]:
        """Home country first, then the other countries served."""
        return (self.location.country, *[r for r in self.regions if r != self.location.country])

    @classmethod
    def from_values(
        cls, slug: str, values: dict[str, Any], description_html: LocalText, source: str
    ) -> Partner:
        """Build from a validated PARTNER_RECORD result."""
        contact = values["contact"]
        return cls(
            slug=slug,
            name=values["name"],
            website=values["website"],
            tagline=values["tagline"],
            description=values["description"],
            description_html=description_html,
            brands=values["brands"],
            expertise=values["expertise"],
            industries=values["industries"] or (),
            languages=values["languages"],
            location=Location(**values["location"]),
            regions=values["regions"] or (),
            contact=Contact(**contact),
            maintainers=values["maintainers"],
            logo=values["logo"],
            founded=values["founded"],
            accepting_clients=values["accepting_clients"],
            source=source,
        )


@dataclass
class Case:
    """A customer case, optionally linked to the partner who did the work."""

    slug: str
    title: str
    date: dt.date
    summary: str
    body_html: str
    lang: str = "en"
    partner: str | None = None
    customer: str | None = None
    expertise: tuple[str, ...] = ()
    industry: str | None = None
    source: str = ""

    @classmethod
    def from_values(cls, slug: str, values: dict[str, Any], body_html: str, source: str) -> Case:
        """Build from a validated CASE_RECORD result."""
        return cls(slug=slug, body_html=body_html, source=source, **values)
