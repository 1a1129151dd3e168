"""What is searchable and what a result shows, from the content model.

Index documents hold the text lunr indexes, per language; stores hold what the page needs to
show and filter results (labels, locations, ratings) without loading the index.
"""

from __future__ import annotations

from typing import Any

from copernica_directory.model import Case, Content, LocalText, Partner
from copernica_directory.model.markup import excerpt, html_to_text
from copernica_directory.model.vocab import SITE_LANGUAGES, country_name, language_name

# Field boosts: a partner's name outranks its expertise, which outranks its tagline. The core
# index (the page loads it first) holds these short fields; the descriptions, most of the
# vocabulary, are a second index loaded after the first results (see assets.py).
PARTNER_CORE_FIELDS = {
    "name": 10,
    "expertise": 5,
    "tagline": 3,
    "facts": 2,  # industries, places served and languages
}
PARTNER_TEXT_FIELDS = {"description": 1}
CASE_FIELDS = {
    "title": 10,
    "summary": 3,
    "partner": 3,
    "expertise": 3,
    "customer": 2,
    "industry": 2,
    "body": 1,
}
BRAND_LABEL_KEYS = {"whitelabel": "brand_whitelabel", "copernica": "brand_copernica"}


def partner_document(partner: Partner, content: Content, lang: str) -> dict[str, str]:
    """The text of one partner in `lang` (falling back where the partner wrote none)."""
    expertise = content.taxonomies["expertise"]
    industries = content.taxonomies["industries"]
    places = [partner.location.city, *(country_name(cc, lang) for cc in partner.countries)]
    return {
        "slug": partner.slug,
        "name": partner.name,
        "expertise": " ".join(expertise.label(term, lang) for term in partner.expertise),
        "tagline": partner.tagline.get(lang),
        "facts": " ".join(
            [
                *(industries.label(term, lang) for term in partner.industries),
                *places,
                *(language_name(code, lang) for code in partner.languages),
            ]
        ),
        "description": html_to_text(partner.description_html.get(lang)),
    }


def case_document(case: Case, content: Content, lang: str) -> dict[str, str]:
    """The text of one case (cases are written in one language)."""
    partner = content.partners.get(case.partner) if case.partner else None
    expertise = content.taxonomies["expertise"]
    industries = content.taxonomies["industries"]
    return {
        "slug": case.slug,
        "title": case.title,
        "summary": case.summary,
        "partner": partner.name if partner else "",
        "expertise": " ".join(expertise.label(term, lang) for term in case.expertise),
        "customer": case.customer or "",
        "industry": industries.label(case.industry, lang) if case.industry else "",
        "body": html_to_text(case.body_html),
    }


def _shown(text: LocalText, lang: str) -> tuple[str, str]:
    return text.get(lang), text.lang_of(lang)


def partner_store(
    content: Content,
    lang: str,
    site_url: str,
    brand_labels: dict[str, str],
    files_url: str | None = None,
) -> dict[str, Any]:
    """Everything the directory page shows and filters on, for the page language.

    `site_url` is where the language's pages are (profiles link there); `files_url` where the
    files that exist once are (logos, at the site root), `site_url` when not given.
    """
    base = site_url.rstrip("/")
    files = base if files_url is None else files_url.rstrip("/")
    partners = list(content.partners.values())
    countries = sorted({cc for p in partners for cc in p.countries})
    languages = sorted({code for p in partners for code in p.languages})
    ranking = content.ranking()
    entries = []
    for partner in partners:
        tagline, tagline_lang = _shown(partner.tagline, lang)
        description, description_lang = _shown(partner.description_html, lang)
        rating = content.rating_of(partner.slug)
        entries.append(
            {
                "slug": partner.slug,
                "name": partner.name,
                "url": f"{base}/partners/{partner.slug}/",
                "tagline": tagline,
                "tagline_lang": tagline_lang,
                "excerpt": excerpt(html_to_text(description)),
                "excerpt_lang": description_lang,
                "city": partner.location.city,
                "country": partner.location.country,
                "countries": list(partner.countries),
                "expertise": list(partner.expertise),
                "languages": list(partner.languages),
                "brands": list(partner.brands),
                "accepting": partner.accepting_clients,
                "rating": ({"average": rating.average, "count": rating.count} if rating else None),
                # The rating order's score (model.ranking): null when not ranked by rating.
                "rank": ranking.score(rating),
                "logo": f"{files}/partners/{partner.slug}/{partner.published_logo}"
                if partner.logo
                else None,
            }
        )
    expertise = content.taxonomies["expertise"]
    return {
        "labels": {
            "expertise": {term: expertise.label(term, lang) for term in expertise.terms},
            "country": {cc: country_name(cc, lang) for cc in countries},
            "language": {code: language_name(code, lang) for code in languages},
            "brand": brand_labels,
            # The languages texts are written in: a result in another language than the
            # page's is tagged with the language's name.
            "text_language": {code: language_name(code, lang) for code in SITE_LANGUAGES},
        },
        "partners": entries,
    }


def case_store(content: Content, site_url: str) -> dict[str, Any]:
    """What a case result shows."""
    base = site_url.rstrip("/")
    cases = []
    for case in content.cases.values():
        partner = content.partners.get(case.partner) if case.partner else None
        cases.append(
            {
                "slug": case.slug,
                "title": case.title,
                "url": f"{base}/cases/{case.slug}/",
                "summary": case.summary,
                "date": case.date.isoformat(),
                "lang": case.lang,
                "partner": case.partner,
                "partner_name": partner.name if partner else None,
                "expertise": list(case.expertise),
            }
        )
    return {"cases": cases}
