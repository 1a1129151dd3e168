"""The public JSON of the directory, for embedding it in the product and for partners' tools."""

from __future__ import annotations

import json
from typing import Any

from partnermodel import Content, Partner

API_VERSION = 1


def partner_json(partner: Partner, site_url: str) -> dict[str, Any]:
    """One partner as published in /api/partners.json (no maintainers: they are internal)."""
    base = site_url.rstrip("/")
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
        "logo": f"{base}/partners/{partner.slug}/{partner.logo}" if partner.logo else None,
        "founded": partner.founded,
        "accepting_clients": partner.accepting_clients,
        "cases": [f"{base}/cases/{case.slug}/" for case in partner.cases],
    }


def partners_json(content: Content, site_url: str) -> str:
    """The whole document: a version, the count and every published partner."""
    document = {
        "version": API_VERSION,
        "count": len(content.partners),
        "partners": [partner_json(p, site_url) for p in content.partners.values()],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


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
