"""The content library, events, partner programme, badges and numbers of one build.

DirectoryGenerator asks this for its template helpers, its pages (a plain plan, like pages.py)
and the files that are not pages: attachments, reuse files, feeds, calendars, badges, the CSV.
Everything other sites read (feeds, calendars, snippets, badges) links to PUBLIC_SITEURL, the
production address, so a copy taken from a deploy preview never points at the preview.

One instance serves every language the build renders (the SITE_LANGUAGES setting): pages,
feeds, calendars, badges and charts are made per language (below the language's folder, /nl/
for Dutch); attachments, reuse files, the JSON API and the CSV export exist once, at the site
root.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from copernica_directory.model import Case, Content, Partner
from copernica_directory.model.library import LibraryItem
from copernica_directory.model.loader import CASES_DIR, EVENTS_DIR, LIBRARY_DIR
from copernica_directory.model.vocab import DEFAULT_LANGUAGE, language_prefix, language_url
from copernica_directory.render.badges import (
    THEMES,
    BadgeText,
    badge_snippet,
    badge_svg,
    badge_url,
    badge_width,
)
from copernica_directory.render.charts import bar_chart, column_chart
from copernica_directory.runtime.digest import stat_stamp
from copernica_directory.runtime.incremental import OutputWriter
from copernica_directory.runtime.templateglobals import pure
from copernica_directory.settings import SiteSettings
from copernica_directory.site import programme
from copernica_directory.site.attachments import publish_file
from copernica_directory.site.feeds import (
    FEED_URL,
    atom_feed,
    dump,
    item_json,
    item_json_path,
    library_json,
)
from copernica_directory.site.formatting import event_when, file_size, money
from copernica_directory.site.i18n import Translations
from copernica_directory.site.labels import Labels
from copernica_directory.site.library_pages import (
    REUSE_TERMS_URL,
    event_ics_url,
    event_url,
    library_url,
    listing_url,
    plan_event_pages,
    plan_library_pages,
)
from copernica_directory.site.numbers import CSV_URL, directory_csv, directory_numbers
from copernica_directory.site.pages import Page, in_language
from copernica_directory.site.publication import Publication
from copernica_directory.site.reuse import ReuseKit, reuse_kit
from copernica_directory.urls import case_url

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
        settings: SiteSettings,
    ) -> None:
        self.content = content
        self.publication = Publication.of(content, today)
        self.translations = translations
        self.public_url = settings.public_siteurl
        self.page_size = settings.library_page_size
        # Those the build renders (the SITE_LANGUAGES setting), the default first.
        self.languages = settings.site_languages

    @cache  # noqa: B019 - one instance per build, a handful of languages
    def labels(self, lang: str) -> Labels:
        return Labels(self.content, self.translations, lang)

    def public_lang_url(self, lang: str) -> str:
        """The production address of a language's pages: the site root, or /nl for Dutch."""
        return language_url(self.public_url, lang)

    def page_language(self, lang: str) -> str:
        """`lang` if this build renders it, else the default language (whose pages exist)."""
        return lang if lang in self.languages else DEFAULT_LANGUAGE

    @cached_property
    def kits(self) -> dict[str, ReuseKit | None]:
        """The reuse kit of every live item, by key."""
        # A kit is in its item's language: its link leads to the item's page in that language
        # (in the default language when the build leaves the item's language out).
        return {
            item.key: reuse_kit(
                item,
                self.public_url,
                language_prefix(self.page_language(item.lang)) + library_url(item),
                self.translations.get,
            )
            for item in self.publication.library
        }

    # ---------- templates ----------

    def badge_text(self, partner: Partner, lang: str) -> BadgeText:
        """What the partner's badge says, in the page language."""
        t = self.labels(lang).t
        rating = self.content.rating_of(partner.slug)
        if rating is None:
            return BadgeText(
                partner.name, t("badge_label"), "", "", t("badge_alt", name=partner.name)
            )
        average = format_decimal(rating.average, "0.0", locale=lang)
        key = "badge_reviews_one" if rating.count == 1 else "badge_reviews_other"
        reviews = t(key, count=rating.count)
        alt = t("badge_alt_rated", name=partner.name, rating=average, reviews=reviews)
        return BadgeText(partner.name, t("badge_label"), f"★ {average}", reviews, alt)

    def badge(self, partner: Partner, lang: str) -> dict[str, Any]:
        """The profile page's badge box: both versions, their size and snippets. A badge is
        in the page's language, and links to the profile in that language."""
        text = self.badge_text(partner, lang)
        return {
            "alt": text.alt,
            "width": badge_width(text),
            "height": 56,
            "themes": [
                {
                    "theme": theme,
                    "url": badge_url(partner.slug, theme),
                    "snippet": badge_snippet(partner, text, theme, self.public_lang_url(lang)),
                }
                for theme in THEMES
            ],
        }

    def template_globals(self) -> dict[str, Any]:
        """Helpers every page has, whatever its language."""
        return {
            "PUBLIC_SITEURL": self.public_url,
            "build_date": self.publication.today,
            **pure(
                {
                    "library_url": library_url,
                    "listing_url": listing_url,
                    "event_url": event_url,
                    "event_ics_url": event_ics_url,
                    "item_json_url": item_json_path,
                }
            ),
            "events_ics_url": EVENTS_ICS_URL,
            "feed_url": FEED_URL,
            "csv_url": CSV_URL,
            "reuse_terms_url": REUSE_TERMS_URL,
            "programme_url": PROGRAMME_URL,
            "join_url": JOIN_URL,
            "numbers_url": NUMBERS_URL,
            "partner_signup_url": SIGNUP_URL,
        }

    def language_globals(self, lang: str) -> dict[str, Any]:
        """Helpers that speak the page's language."""
        return {
            "PUBLIC_LANGURL": self.public_lang_url(lang),
            **pure(
                {
                    "event_when": lambda event: event_when(event, lang),
                    "file_size": lambda size: file_size(size, lang),
                    "money": lambda value: money(value, lang),
                    "partner_badge": lambda partner: self.badge(partner, lang),
                }
            ),
        }

    # ---------- pages ----------

    def pages(self, lang: str) -> Iterator[Page]:
        """Every page of the library, events, programme and numbers in `lang`."""
        return in_language(self._pages(lang), lang)

    def _pages(self, lang: str) -> Iterator[Page]:
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
        yield Page(NUMBERS_URL, "numbers.html", {**self.numbers(lang), "page_name": "numbers"})

    @cache  # noqa: B019 - one instance per build, a handful of languages
    def numbers(self, lang: str) -> dict[str, Any]:
        """What /numbers/ shows: the counts, each chart (an SVG file) and its table."""
        t = self.labels(lang).t
        numbers = directory_numbers(self.content, self.publication.today, lang)
        first, last = (format_date(m, "MMMM y", locale=lang) for m in numbers.months[::11])
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
                    (format_date(month, "MMMM y", locale=lang), bar.value)
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

    def write_files(self, writer: OutputWriter, output: Path, content_root: Path) -> None:
        """Everything that is not a page: attachments, reuse files, feeds, calendars, ...
        The files in words exist once per language, below that language's folder.

        Each group of files names what it is made from (runtime.incremental, `group`): an
        incremental build makes again only the groups whose records or
        source files changed (a renamed partner: its badges and the CSV, not the library)."""
        items, events = self.publication.library, self.publication.events
        library_sources = [
            (source, stat_stamp(source))
            for item in items
            for name in (item.file, item.cover)
            if name
            for source in [content_root / LIBRARY_DIR / item.type / name]
        ]
        writer.group(
            "library",
            (items, library_sources),
            lambda: self._write_library(writer, output, content_root),
        )
        event_sources = [
            (source, stat_stamp(source))
            for event in events
            if event.cover
            for source in [content_root / EVENTS_DIR / event.cover]
        ]
        writer.group(
            "events",
            (events, event_sources),
            lambda: self._write_event_covers(writer, output, content_root),
        )
        # The partners with their relations: the CSV counts reviews and shows the rating.
        cases = [case for case in self.content.cases.values() if case.cover]
        case_sources = [
            (source, stat_stamp(source))
            for case in cases
            for source in [content_root / CASES_DIR / str(case.cover)]
        ]
        writer.group(
            "case-covers",
            (cases, case_sources),
            lambda: self._write_case_covers(writer, cases, output, content_root),
        )
        partners = [(p, self.content.relations_of(p.slug)) for p in self.content.partners.values()]
        writer.group(
            "csv",
            partners,
            lambda: writer.write(output / CSV_URL, directory_csv(self.content, self.public_url)),
        )
        for lang in self.languages:
            self._write_language_files(writer, output / language_prefix(lang), lang)

    def _write_library(self, writer: OutputWriter, output: Path, content_root: Path) -> None:
        """Every live item's files and JSON, and the JSON of the whole library."""
        items = self.publication.library
        labels = self.labels(DEFAULT_LANGUAGE)
        for item in items:
            self._write_item(writer, item, output, content_root, labels)
        data = dump(library_json(items, self.public_url, labels))
        writer.write(output / "api" / "library.json", data)

    def _write_case_covers(
        self, writer: OutputWriter, cases: list[Case], output: Path, content_root: Path
    ) -> None:
        # Beside the case's page, once (like library covers: the Dutch page links there too).
        for case in cases:
            _copy(writer, content_root / CASES_DIR, case.cover, output / case_url(case.slug))

    def _write_event_covers(self, writer: OutputWriter, output: Path, content_root: Path) -> None:
        for event in self.publication.events:
            _copy(writer, content_root / EVENTS_DIR, event.cover, output / event_url(event))

    def _write_language_files(self, writer: OutputWriter, folder: Path, lang: str) -> None:
        """The feed, the calendars, the badges and the charts of one language."""
        publication = self.publication
        inputs = (lang, publication.today, publication.library, publication.events)
        inputs += (publication.upcoming,)
        writer.group(f"{lang}/feeds", inputs, lambda: self._write_feeds(writer, folder, lang))
        for partner in self.content.partners.values():
            writer.group(
                f"{lang}/badges/{partner.slug}",
                (lang, partner, self.content.rating_of(partner.slug)),
                partial(self._write_badges, writer, folder, partner, lang),
            )
        for chart in self.numbers(lang)["charts"]:
            writer.write(folder / chart["url"], chart["chart"].svg)

    def _write_feeds(self, writer: OutputWriter, folder: Path, lang: str) -> None:
        """The library's feed and the events' calendars of one language."""
        # icalendar only when calendars are made: an incremental build mostly keeps them.
        from copernica_directory.site.ics import event_calendar

        labels, today = self.labels(lang), self.publication.today
        t, pages_url = labels.t, self.public_lang_url(lang)
        items = self.publication.library
        feed = atom_feed(
            items, self.public_url, pages_url, labels, t("feed_title"), t("feed_subtitle")
        )
        writer.write(folder / FEED_URL, feed)
        for event in self.publication.events:
            calendar = event_calendar(
                [event], pages_url, today, labels, event.title, f"event-{event.slug}-calendar"
            )
            writer.write(folder / event_ics_url(event), calendar)
        upcoming = event_calendar(
            self.publication.upcoming,
            pages_url,
            today,
            labels,
            t("events_calendar_name"),
            "events",
            t("events_calendar_description"),
        )
        writer.write(folder / EVENTS_ICS_URL, upcoming)

    def _write_badges(
        self, writer: OutputWriter, folder: Path, partner: Partner, lang: str
    ) -> None:
        text = self.badge_text(partner, lang)
        for theme in THEMES:
            writer.write(folder / badge_url(partner.slug, theme), badge_svg(text, theme))

    def _write_item(
        self,
        writer: OutputWriter,
        item: LibraryItem,
        output: Path,
        content_root: Path,
        labels: Labels,
    ) -> None:
        folder = output / library_url(item)
        source = content_root / LIBRARY_DIR / item.type
        _copy(writer, source, item.file, folder)
        _copy(writer, source, item.cover, folder)
        kit = self.kits[item.key]
        for variant in kit.variants if kit else ():
            writer.write(folder / variant.html_file, variant.document)
            writer.write(folder / variant.markdown_file, variant.markdown)
        data = item_json(item, self.public_url, kit, labels)
        writer.write(output / item_json_path(item), dump(data))


def _copy(writer: OutputWriter, source: Path, name: str | None, folder: Path) -> None:
    if name:  # an SVG cover is published cleaned, as the checks passed it
        publish_file(writer, source / name, folder / name)
