"""The directory in numbers: counts for /numbers/ and the CSV export at /api/partners.csv.

Only what the site publishes is counted: published partners, approved reviews (per month), and
for the rating distribution the approved reviews from verified customers, the ones every
partner's rating is computed from.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass

from babel.dates import format_date

from copernica_directory.model import Content
from copernica_directory.model.review_settings import REVIEW_SETTINGS
from copernica_directory.model.schema import E164_RE
from copernica_directory.model.vocab import country_name
from copernica_directory.render.charts import Bar
from copernica_directory.urls import partner_url

MONTHS = 12
CSV_URL = "api/partners.csv"
CSV_COLUMNS = (
    "slug", "name", "profile", "website", "city", "country", "countries_served", "languages",
    "expertise", "industries", "brands", "accepting_clients", "founded", "rating_average",
    "rating_count", "approved_reviews", "email", "phone",
)  # fmt: skip


@dataclass(frozen=True)
class DirectoryNumbers:
    """Everything /numbers/ shows, labelled in one language."""

    partners: int
    countries: int
    approved_reviews: int
    verified_reviews: int
    average_rating: float | None
    by_country: list[Bar]
    by_expertise: list[Bar]
    reviews_by_month: list[Bar]
    months: list[dt.date]  # the first day of each month in reviews_by_month
    ratings: list[Bar]  # highest first


def _sorted_bars(counts: Counter[str], label: dict[str, str]) -> list[Bar]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], label[kv[0]].casefold()))
    return [Bar(label[key], value) for key, value in ordered]


def _months_until(today: dt.date, count: int) -> list[dt.date]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def directory_numbers(content: Content, today: dt.date, lang: str) -> DirectoryNumbers:
    """Count the directory as published on `today`."""
    partners = list(content.partners.values())
    countries = Counter(p.location.country for p in partners)
    expertise = Counter(term for p in partners for term in p.expertise)
    approved = [
        r for r in content.reviews.values() if r.published and r.partner in content.partners
    ]
    verified = [r for r in approved if r.verified and r.rating is not None]
    months = _months_until(today, MONTHS)
    per_month = Counter((r.submitted.year, r.submitted.month) for r in approved)
    stars = range(REVIEW_SETTINGS.rating_max, REVIEW_SETTINGS.rating_min - 1, -1)
    per_rating = Counter(r.rating for r in verified)
    taxonomy = content.taxonomies["expertise"]
    return DirectoryNumbers(
        partners=len(partners),
        countries=len({cc for p in partners for cc in p.countries}),
        approved_reviews=len(approved),
        verified_reviews=len(verified),
        average_rating=(
            round(sum(r.rating or 0 for r in verified) / len(verified), 2) if verified else None
        ),
        by_country=_sorted_bars(countries, {cc: country_name(cc, lang) for cc in countries}),
        by_expertise=_sorted_bars(expertise, {t: taxonomy.label(t, lang) for t in expertise}),
        reviews_by_month=[
            Bar(format_date(m, "MMM", locale=lang), per_month[(m.year, m.month)]) for m in months
        ],
        months=months,
        ratings=[Bar(f"{n} ★", per_rating[n]) for n in stars],
    )


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    # =, +, -, @ (and tab, CR) start formulas in Excel and LibreOffice (OWASP "CSV injection");
    # phone numbers in E.164 (+31...) are validated digits and stay as they are.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not E164_RE.match(text):
        return "'" + text
    return text


def directory_csv(content: Content, public_url: str) -> str:
    """Every published partner as one CSV row (RFC 4180; lists joined with ';')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for partner in content.partners.values():
        rating = content.rating_of(partner.slug)
        row = (
            partner.slug,
            partner.name,
            f"{public_url}/{partner_url(partner.slug)}",
            partner.website,
            partner.location.city,
            partner.location.country,
            ";".join(partner.countries),
            ";".join(partner.languages),
            ";".join(partner.expertise),
            ";".join(partner.industries),
            ";".join(partner.brands),
            partner.accepting_clients,
            partner.founded,
            rating.average if rating else None,
            rating.count if rating else 0,
            len(content.reviews_of(partner.slug)),
            partner.contact.email,
            partner.contact.phone,
        )
        writer.writerow([_cell(value) for value in row])
    # A byte order mark, so Excel reads the file as UTF-8 (Bølgen, München) when opened.
    return "\ufeff" + out.getvalue()
