"""Which pages the directory has: a plain plan of (output path, template, values), no Pelican.

The Pelican generator only renders this plan, so what is published can be tested directly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from copernica_directory.model import Content, Partner
from copernica_directory.model.review_settings import REVIEW_SETTINGS
from copernica_directory.model.vocab import (
    DEFAULT_LANGUAGE,
    country_name,
    language_name,
    language_prefix,
)
from copernica_directory.urls import browse_url, case_url, partner_url

BROWSE_KINDS = ("expertise", "country", "language")


@dataclass
class Page:
    """One page to write in one site language.

    `url` is the page's path below its language's root, ending in '/' for folders: the same
    for every language, so each page's twin in the other language is found by it. The file
    is written below the language's folder ("" for English, "nl/" for Dutch).
    """

    url: str
    template: str
    values: dict[str, Any] = field(default_factory=dict)
    lang: str = DEFAULT_LANGUAGE

    @property
    def path(self) -> str:
        """The page's address below the site root: the language folder and `url`."""
        return language_prefix(self.lang) + self.url

    @property
    def save_as(self) -> str:
        path = self.path
        return path + "index.html" if path.endswith("/") or not path else path


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: its key, its label and how many partners have it."""

    key: str
    label: str
    count: int
    url: str


def facets(content: Content, lang: str) -> dict[str, list[FacetValue]]:
    """Expertise, countries (home or served) and languages, with partner counts."""
    partners = list(content.partners.values())
    expertise = content.taxonomies["expertise"]
    by_expertise = Counter(e for p in partners for e in p.expertise)
    by_country = Counter(c for p in partners for c in p.countries)
    by_language = Counter(code for p in partners for code in p.languages)
    return {
        "expertise": [
            FacetValue(
                term, expertise.label(term, lang), by_expertise[term], browse_url("expertise", term)
            )
            for term in expertise.terms
            if by_expertise[term]
        ],
        "country": sorted(
            (
                FacetValue(cc, country_name(cc, lang), n, browse_url("country", cc.lower()))
                for cc, n in by_country.items()
            ),
            key=lambda f: f.label,
        ),
        "language": sorted(
            (
                FacetValue(code, language_name(code, lang), n, browse_url("language", code))
                for code, n in by_language.items()
            ),
            key=lambda f: f.label,
        ),
    }


def _keys(partner: Partner, kind: str) -> tuple[str, ...]:
    if kind == "expertise":
        return partner.expertise
    if kind == "country":
        return partner.countries
    return partner.languages


def _by_value(partners: list[Partner], kind: str) -> dict[str, list[Partner]]:
    """The partners of each value of a browse kind, in directory order: one pass over the
    partners, not one per value (which grew with partners times countries; issue 7)."""
    groups: dict[str, list[Partner]] = {}
    for partner in partners:
        for key in dict.fromkeys(_keys(partner, kind)):
            groups.setdefault(key, []).append(partner)
    return groups


def in_language(pages: Iterable[Page], lang: str) -> Iterator[Page]:
    """`pages`, each set to be written in `lang` (below that language's folder)."""
    for page in pages:
        page.lang = lang
        yield page


def plan_pages(content: Content, lang: str = DEFAULT_LANGUAGE) -> Iterator[Page]:
    """Every page of the directory, in one language."""
    return in_language(_plan_pages(content, lang), lang)


def _plan_pages(content: Content, lang: str) -> Iterator[Page]:
    partners = list(content.partners.values())
    all_facets = facets(content, lang)
    yield Page(
        "",
        "index.html",
        {
            "partners": partners,
            "facets": all_facets,
            "latest_cases": list(content.cases.values())[:3],
            "page_name": "home",
        },
    )
    yield Page(
        "partners/",
        "partners.html",
        {"partners": partners, "facets": all_facets, "page_name": "partners"},
    )
    for partner in partners:
        yield Page(
            partner_url(partner.slug),
            "partner.html",
            {"partner": partner, "page_name": "partner"},
        )
    for kind in BROWSE_KINDS:
        values = all_facets[kind]
        yield Page(
            browse_url(kind),
            "browse_index.html",
            {"browse_kind": kind, "values": values, "page_name": "browse"},
        )
        groups = _by_value(partners, kind)
        for value in values:
            matching = list(groups.get(value.key, ()))
            if kind == "country":
                # Partners based in the country first, then those who also serve it.
                matching.sort(key=lambda p: p.location.country != value.key)
            yield Page(
                value.url,
                "browse.html",
                {
                    "browse_kind": kind,
                    "browse": value,
                    "partners": matching,
                    "page_name": "browse",
                },
            )
    cases = list(content.cases.values())
    yield Page("cases/", "cases.html", {"cases": cases, "page_name": "cases"})
    for case in cases:
        partner = content.partners.get(case.partner) if case.partner else None
        yield Page(
            case_url(case.slug),
            "case.html",
            {"case": case, "partner": partner, "page_name": "case"},
        )
    # Where the review form sends visitors, and the disclosure of how reviews are checked.
    yield Page(REVIEW_SETTINGS.thanks_url, "review_thanks.html", {"page_name": "review-thanks"})
    # The page states the rating order's rule with this content's figures (model.ranking).
    yield Page(
        REVIEW_SETTINGS.policy_url,
        "review_policy.html",
        {"page_name": "review-policy", "ranking": content.ranking()},
    )
    yield Page("404.html", "404.html", {"page_name": "404"})
