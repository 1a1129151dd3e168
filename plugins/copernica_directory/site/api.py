"""The public JSON of the directory, for embedding it in the product and for partners' tools."""

from __future__ import annotations

import json
from typing import Any

from copernica_directory.model import Content, Partner, PartnerRelations, Review
from copernica_directory.model.review_settings import REVIEW_SETTINGS

API_VERSION = 1


def partner_json(partner: Partner, related: PartnerRelations, site_url: str) -> dict[str, Any]:
    """One partner as published in /api/partners.json (no maintainers: they are internal),
    with its cases and reviews (`related`: Content.relations_of)."""
    base = site_url.rstrip("/")
    rating = related.rating  # computed from the reviews on each access
    return {
        "slug": partner.slug,
        "name": partner.name,
        "url": f"{base}/partners/{partner.slug}/",
        "website": partner.website,
        "tagline": partner.tagline.as_json(),
        "brands": list(partner.brands),
        "expertise": list(partner.expertise),
        "industries": list(partner.industries),
        "languages": list(partner.languages),
        "location": {"city": partner.location.city, "country": partner.location.country},
        "regions": list(partner.regions),
        "contact": {
            key: value
            for key, value in (
                ("email", partner.contact.email),
                ("phone", partner.contact.phone),
                ("person", partner.contact.person),
            )
            if value
        },
        "logo": f"{base}/partners/{partner.slug}/{partner.published_logo}"
        if partner.logo
        else None,
        "founded": partner.founded,
        "accepting_clients": partner.accepting_clients,
        "cases": [f"{base}/cases/{case.slug}/" for case in related.cases],
        # Only approved reviews are related to a partner; the rating counts the verified ones.
        "rating": ({"average": rating.average, "count": rating.count} if rating else None),
        "reviews": [review_json(r, f"{base}/partners/{partner.slug}/") for r in related.reviews],
    }


def review_json(review: Review, profile_url: str) -> dict[str, Any]:
    """One approved review as published: no email hash, checks or moderation details."""
    return {
        "id": review.id,
        "url": f"{profile_url}#review-{review.id}",
        "rating": review.rating,
        "title": review.title,
        "body": review.body,
        "author": {"name": review.author.name, "company": review.author.company},
        "submitted": review.submitted.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "lang": review.lang,
        "verified": review.verified,
        "response": (
            {
                "body": review.response.body,
                "at": review.response.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            if review.response
            else None
        ),
    }


def review_json_ld(related: PartnerRelations) -> dict[str, Any]:
    """schema.org aggregateRating and review for a partner's Organization, or nothing
    (`related`: the partner's relations, Content.relations_of).

    Both cover the same reviews, the verified ones the rating is computed from, as Google's
    review-snippet rules ask: the rating must be about the reviews marked up on the page.
    """
    rating = related.rating
    if rating is None:
        return {}
    scale = {"bestRating": REVIEW_SETTINGS.rating_max, "worstRating": REVIEW_SETTINGS.rating_min}
    reviews = []
    for review in related.reviews:
        if not review.verified:
            continue
        author: dict[str, Any] = {"@type": "Person", "name": review.author.name}
        if review.author.company:
            author["worksFor"] = {"@type": "Organization", "name": review.author.company}
        reviews.append(
            {
                "@type": "Review",
                "name": review.title,
                "reviewBody": review.body,
                "datePublished": review.submitted.date().isoformat(),
                "inLanguage": review.lang,
                "author": author,
                "reviewRating": {"@type": "Rating", "ratingValue": review.rating, **scale},
            }
        )
    return {
        "aggregateRating": {
            "@type": "AggregateRating",
            "ratingValue": rating.average,
            "ratingCount": rating.count,
            "reviewCount": rating.count,
            **scale,
        },
        "review": reviews,
    }


def partners_json(content: Content, site_url: str) -> str:
    """The whole document: a version, the count and every published partner."""
    document = {
        "version": API_VERSION,
        "count": len(content.partners),
        "partners": [
            partner_json(p, content.relations_of(slug), site_url)
            for slug, p in content.partners.items()
        ],
    }
    # Compact: with indentation Python's JSON encoder falls back to its slow pure-Python
    # path (tenths of a second for a thousand partners with their reviews), and the file is
    # smaller.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def script_json(data: Any) -> str:
    """JSON safe to place inside a <script> element (JSON-LD): '<', '>' and '&' escaped,
    so a partner's text can never close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
