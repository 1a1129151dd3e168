"""A partner profile: content/partners/<slug>/partner.yaml (the slug is the folder's name).

Every field a partner may write, with its rule, its hint for editors and its line in the
field table of CONTRIBUTING.md (`doc`). Cases and reviews are no part of the profile: the
loader indexes them by partner (Content.cases_of, reviews_of, rating_of).
"""

from __future__ import annotations

from copernica_directory.model.declare import Declared, content_type, derived, field
from copernica_directory.model.fields import COUNTRY, EXPERTISE, GITHUB_LOGIN, INDUSTRY, LANGUAGE
from copernica_directory.model.logos import RENDITIONS, logo_problems
from copernica_directory.model.schema import (
    Boolean,
    Choice,
    Email,
    FileRef,
    ListOf,
    Phone,
    String,
    Text,
    Url,
    Year,
)
from copernica_directory.model.text import LocalText

BRANDS = ("whitelabel", "copernica")
LOGO_EXTENSIONS = ("svg", "png", "webp")
PARTNER_FILE = "partner.yaml"


@content_type()
class Location(Declared):
    city: str = field(String(max_len=100), required=True, help="the city of your office")
    country: str = field(
        COUNTRY, required=True, help='ISO 3166-1 alpha-2 code, quoted for Norway: "NO"'
    )


@content_type()
class Contact(Declared):
    email: str = field(Email(), required=True, help="a public contact address")
    phone: str | None = field(Phone(), help='E.164, quoted: "+31201234567"')
    person: str | None = field(String(max_len=100), help="a contact person")


@content_type("Partner profile")
class Partner(Declared):
    """A partner profile, as published."""

    slug: str = derived("the folder's name")
    name: str = field(
        String(min_len=2, max_len=100),
        required=True,
        help="the company name, 2-100 characters",
        doc="your company name, 2-100 characters",
    )
    website: str = field(
        Url(),
        required=True,
        help="https:// address of the partner's site",
        doc="your site's address, starting with `https://`, e.g. `https://www.noordlicht.nl` (a domain name, not an IP address; no port number or password)",
    )
    tagline: LocalText = field(
        Text(max_len=140), required=True, help="one line, at most 140 characters"
    )
    description: LocalText = field(
        Text(max_len=5000, markdown=True),
        required=True,
        help="Markdown, at most 5,000 characters",
        doc="who you are and what you do best, at most 5,000 characters; Markdown: `**bold**`, lists, `[links](https://...)` (no HTML or images: see [What happens to your content](#what-happens-to-your-content))",
    )
    description_html: LocalText = derived("the description rendered and sanitised")
    brands: tuple[str, ...] = field(
        ListOf(Choice("brands", want="a brand model"), min_items=1),
        required=True,
        help="how you resell: whitelabel, copernica",
        doc="how you sell Copernica: `whitelabel` (under your own brand), `copernica` (under the Copernica brand), or both",
    )
    expertise: tuple[str, ...] = field(
        ListOf(EXPERTISE, min_items=1),
        required=True,
        help="ids from content/taxonomy/expertise.yaml",
        doc="what you offer, from: {expertise}",
    )
    industries: tuple[str, ...] = field(
        ListOf(INDUSTRY),
        default=(),
        help="ids from content/taxonomy/industries.yaml",
        doc="from: {industries}",
    )
    languages: tuple[str, ...] = field(
        ListOf(LANGUAGE, min_items=1),
        required=True,
        help="ISO 639-1 codes of the languages you work in",
        doc='the languages you work in, two-letter codes: `nl`, `en`, `de`, `"no"`',
    )
    location: Location = field(
        Location.RECORD,
        required=True,
        help="city and country",
        doc='`city`, and `country` as a two-letter code: `NL`, `BE`, `"NO"`',
    )
    regions: tuple[str, ...] = field(
        ListOf(COUNTRY),
        default=(),
        help="other countries you serve, ISO 3166-1 alpha-2",
        doc="other countries you serve, two-letter codes",
    )
    contact: Contact = field(
        Contact.RECORD,
        required=True,
        help="email, optional phone and person",
        doc='`email`; optional `phone` in international form in quotes (`"+31201234567"`) and `person`',
    )
    logo: str | None = field(
        FileRef(LOGO_EXTENSIONS, check=logo_problems),
        help="a logo file in this folder: logo.svg, logo.png or logo.webp",
        doc="`logo.svg`, `logo.png` or `logo.webp`, placed in your folder (see [Your logo](#your-logo))",
    )
    founded: int | None = field(
        Year(), help="the year the company was founded", doc="the year, e.g. `2009`"
    )
    accepting_clients: bool = field(
        Boolean(),
        default=True,
        help="false hides you from 'accepting new clients' searches",
        doc="`false` if you take no new clients for now",
    )
    maintainers: tuple[str, ...] = field(
        ListOf(GITHUB_LOGIN, min_items=1),
        required=True,
        help="GitHub logins allowed to change this profile",
        doc="the GitHub logins that may change this profile",
    )
    source: str = derived("the file it was read from, as shown in messages", default="")

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
