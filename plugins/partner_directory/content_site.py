"""The content library, events, partner programme, badges and numbers of one build.

DirectoryGenerator asks this for its template helpers, its pages (a plain plan, like pages.py)
and the files that are not pages: attachments, reuse files, feeds, calendars, badges, the CSV.
Everything other sites read (feeds, calendars, snippets, badges) links to PUBLIC_SITEURL, the
production address, so a copy taken from a deploy preview never points at the preview.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from partnermodel import Content, Partner
from partnermodel.library_model import LibraryItem
from partnermodel.loader import EVENTS_DIR, LIBRARY_DIR
from partnermodel.vocab import DEFAULT_LANGUAGE

from . import programme
from .badges import THEMES, BadgeText, badge_snippet, badge_svg, badge_url, badge_width
from .charts import bar_chart, column_chart
from .feeds import FEED_URL, atom_feed, dump, item_json, item_json_path, library_json
from .formatting import event_when, file_size, money
from .i18n import Translations
from .ics import event_calendar
from .incremental import write_output
from .labels import Labels
from .library_pages import (
    REUSE_TERMS_URL,
    event_ics_url,
    event_url,
    library_url,
    listing_url,
    plan_event_pages,
    plan_library_pages,
)
from .numbers import CSV_URL, directory_csv, directory_numbers
from .pages import Page
from .publication import Publication
from .reuse import ReuseKit, reuse_kit

DEFAULT_PUBLIC_SITEURL = "https://partners.copernica.com"
EVENTS_ICS_URL = "events.ics"
PROGRAMME_URL = "programme/"
JOIN_URL = "programme/join/"
NUMBERS_URL = "numbers/"
# Where "Apply to become a partner" leads: Copernica's own partner sign-up.
SIGNUP_URL = "https://www.copernica.com/nl/partners/registreer-je-als-partner-van-copernica"


class ContentSite:
    """Pages and files of the library, events, programme, badges and numbers."""

    def __init__(
        self,
        content: Content,
        today: dt.date,
        translations: Translations,
        settings: Mapping[str, Any],
        lang: str = DEFAULT_LANGUAGE,
    ) -> None:
        self.content = content
        self.publication = Publication.of(content, today)
        self.labels = Labels(content, translations, lang)
        self.translations = translations
        self.lang = lang
        self.public_url = (settings.get("PUBLIC_SITEURL") or DEFAULT_PUBLIC_SITEURL).rstrip("/")
        self.page_size = int(settings.get("LIBRARY_PAGE_SIZE") or 12)

    @cached_property
    def kits(self) -> dict[str, ReuseKit | None]:
        """The reuse kit of every live item, by key."""
        return {
            item.key: reuse_kit(item, self.public_url, library_url(item), self.translations.get)
            for item in self.publication.library
        }

    # ---------- templates ----------

    def badge_text(self, partner: Partner) -> BadgeText:
        """What the partner's badge says, in the page language."""
        t = self.labels.t
        rating = partner.rating
        if rating is None:
            return BadgeText(
                partner.name, t("badge_label"), "", "", t("badge_alt", name=partner.name)
            )
        average = format_decimal(rating.average, "0.0", locale=self.lang)
        key = "badge_reviews_one" if rating.count == 1 else "badge_reviews_other"
        reviews = t(key, count=rating.count)
        alt = t("badge_alt_rated", name=partner.name, rating=average, reviews=reviews)
        return BadgeText(partner.name, t("badge_label"), f"★ {average}", reviews, alt)

    def badge(self, partner: Partner) -> dict[str, Any]:
        """The profile page's badge box: both versions, their size and snippets."""
        text = self.badge_text(partner)
        return {
            "alt": text.alt,
            "width": badge_width(text),
            "height": 56,
            "themes": [
                {
                    "theme": theme,
                    "url": badge_url(partner.slug, theme),
                    "snippet": badge_snippet(partner, text, theme, self.public_url),
                }
                for theme in THEMES
            ],
        }

    def template_globals(self) -> dict[str, Any]:
        lang = self.lang
        return {
            "PUBLIC_SITEURL": self.public_url,
            "build_date": self.publication.today,
            "library_url": library_url,
            "listing_url": listing_url,
            "event_url": event_url,
            "event_ics_url": event_ics_url,
            "events_ics_url": EVENTS_ICS_URL,
            "feed_url": FEED_URL,
            "csv_url": CSV_URL,
            "reuse_terms_url": REUSE_TERMS_URL,
            "programme_url": PROGRAMME_URL,
            "join_url": JOIN_URL,
            "numbers_url": NUMBERS_URL,
            "item_json_url": item_json_path,
            "event_when": lambda event: event_when(event, lang),
            "file_size": lambda size: file_size(size, lang),
            "money": lambda value: money(value, lang),
            "partner_badge": self.badge,
            "partner_signup_url": SIGNUP_URL,
        }

    # ---------- pages ----------

    def pages(self) -> Iterator[Page]:
        kit = lambda item: self.kits[item.key]  # noqa: E731 - a one-line lookup
        yield from plan_library_pages(self.publication, self.content, kit, self.page_size)
        yield from plan_event_pages(self.publication)
        example = programme.WORKED_EXAMPLE
        yield Page(
            PROGRAMME_URL,
            "programme.html",
            {
                "example": example,
                "income": programme.monthly_income(example),
                "limits": programme.LIMITS,
                "kickback_rate": programme.KICKBACK_RATE,
                "licence_share": programme.MAX_LICENCE_SHARE,
                "upcoming": self.publication.upcoming[:3],
                "page_name": "programme",
            },
        )
        yield Page(JOIN_URL, "programme_join.html", {"page_name": "programme-join"})
        yield Page(NUMBERS_URL, "numbers.html", {**self.numbers, "page_name": "numbers"})

    @cached_property
    def numbers(self) -> dict[str, Any]:
        """What /numbers/ shows: the counts, each chart (an SVG file) and its table."""
        t = self.labels.t
        numbers = directory_numbers(self.content, self.publication.today, self.lang)
        first, last = (format_date(m, "MMMM y", locale=self.lang) for m in numbers.months[::11])
        stars = range(len(numbers.ratings), 0, -1)
        charts = {
            "country": (
                bar_chart,
                numbers.by_country,
                t("numbers_country_title"),
                t("numbers_country_desc", count=numbers.partners),
                [(bar.label, bar.value) for bar in numbers.by_country],
            ),
            "expertise": (
                bar_chart,
                numbers.by_expertise,
                t("numbers_expertise_title"),
                t("numbers_expertise_desc"),
                [(bar.label, bar.value) for bar in numbers.by_expertise],
            ),
            "reviews-per-month": (
                column_chart,
                numbers.reviews_by_month,
                t("numbers_months_title"),
                t("numbers_months_desc", start=first, end=last),
                # In words: the chart writes months short.
                [
                    (format_date(month, "MMMM y", locale=self.lang), bar.value)
                    for month, bar in zip(numbers.months, numbers.reviews_by_month, strict=True)
                ],
            ),
            "ratings": (
                bar_chart,
                numbers.ratings,
                t("numbers_ratings_title"),
                t("numbers_ratings_desc", count=numbers.verified_reviews),
                [
                    (
                        t("review_stars_one") if n == 1 else t("review_stars_other", count=n),
                        bar.value,
                    )
                    for n, bar in zip(stars, numbers.ratings, strict=True)
                ],
            ),
        }
        return {
            "numbers": numbers,
            "charts": [
                {
                    "key": key,
                    "title": title,
                    "description": description,
                    "chart": draw(bars, f"chart-{key}", title, description),
                    "url": f"{NUMBERS_URL}{key}.svg",
                    "rows": rows,
                }
                for key, (draw, bars, title, description, rows) in charts.items()
            ],
        }

    # ---------- files ----------

    def write_files(self, output: Path, content_root: Path) -> None:
        """Everything that is not a page: attachments, reuse files, feeds, calendars, ..."""
        for item in self.publication.library:
            self._write_item(item, output, content_root)
        items = self.publication.library
        t = self.labels.t
        feed = atom_feed(items, self.public_url, self.labels, t("feed_title"), t("feed_subtitle"))
        _write(output / FEED_URL, feed)
        _write(
            output / "api" / "library.json", dump(library_json(items, self.public_url, self.labels))
        )
        for event in self.publication.events:
            self._copy(content_root / EVENTS_DIR, event.cover, output / event_url(event))
            calendar = event_calendar(
                [event],
                self.public_url,
                self.publication.today,
                self.labels,
                event.title,
                f"event-{event.slug}-calendar",
            )
            _write(output / event_ics_url(event), calendar)
        upcoming = event_calendar(
            self.publication.upcoming,
            self.public_url,
            self.publication.today,
            self.labels,
            t("events_calendar_name"),
            "events",
            t("events_calendar_description"),
        )
        _write(output / EVENTS_ICS_URL, upcoming)
        for partner in self.content.partners.values():
            text = self.badge_text(partner)
            for theme in THEMES:
                _write(output / badge_url(partner.slug, theme), badge_svg(text, theme))
        _write(output / CSV_URL, directory_csv(self.content, self.public_url))
        for chart in self.numbers["charts"]:
            _write(output / chart["url"], chart["chart"].svg)

    def _write_item(self, item: LibraryItem, output: Path, content_root: Path) -> None:
        folder = output / library_url(item)
        source = content_root / LIBRARY_DIR / item.type
        self._copy(source, item.file, folder)
        self._copy(source, item.cover, folder)
        kit = self.kits[item.key]
        for variant in kit.variants if kit else ():
            _write(folder / variant.html_file, variant.document)
            _write(folder / variant.markdown_file, variant.markdown)
        data = item_json(item, self.public_url, kit, self.labels)
        _write(output / item_json_path(item), dump(data))

    @staticmethod
    def _copy(source: Path, name: str | None, folder: Path) -> None:
        if name:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, folder / name)


def _write(path: Path, data: str | bytes) -> None:
    # Incremental builds leave a file alone when it already holds these bytes (issue 7).
    write_output(path, data)
