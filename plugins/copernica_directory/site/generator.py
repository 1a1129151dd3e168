"""Pelican adapter: load the content through the model, render the page plan, publish logos."""

from __future__ import annotations

import datetime as dt
from functools import cache, partial
from itertools import chain
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup
from pelican.generators import Generator

from copernica_directory.model import Content, ContentError, LocalText, load_content
from copernica_directory.model.logos import write_renditions
from copernica_directory.model.review_settings import CHECKS, REVIEW_SETTINGS
from copernica_directory.model.vocab import (
    DEFAULT_LANGUAGE,
    country_name,
    language_name,
    language_prefix,
    language_url,
)
from copernica_directory.runtime.build import BuildRuntime
from copernica_directory.runtime.digest import stat_stamp
from copernica_directory.runtime.incremental import OutputWriter
from copernica_directory.runtime.templateglobals import Lookup, pure
from copernica_directory.settings import SiteSettings, for_build
from copernica_directory.site.api import partners_json, review_json_ld, script_json
from copernica_directory.site.assets import StaticAssets
from copernica_directory.site.attachments import publish_file
from copernica_directory.site.content_site import ContentSite
from copernica_directory.site.formatting import phone_text
from copernica_directory.site.i18n import TABLE_FILE, Translations
from copernica_directory.site.pages import Page, browse_url, case_url, partner_url, plan_pages
from copernica_directory.site.publication import build_date
from copernica_directory.site.render import write_pages
from copernica_directory.site.sitemap import ROBOTS_URL, SITEMAP_URL, robots_txt, sitemap_xml


def choose_url(template: str, slug: str, lang: str) -> str:
    """Where "Choose this partner" leads: the CHOOSE_PARTNER_URL setting (its placeholders
    checked when the build starts) with {slug} and {lang} filled in."""
    return template.format(slug=slug, lang=lang)


class DirectoryGenerator(Generator):
    """Builds the partner directory: profiles, browse pages, cases, home page and JSON API,
    in every language the build renders (SITE_LANGUAGES: English at /, Dutch at /nl/)."""

    content: Content
    site_settings: SiteSettings  # this build's settings, parsed and checked
    runtime: BuildRuntime  # this build's caches, workers and output writer
    languages: tuple[str, ...]  # the languages this build renders, the default first
    # Per language, what its pages' templates see on top of the shared globals (render.py).
    language_context: dict[str, dict[str, Any]]

    def generate_context(self) -> None:
        # Parsed and checked when the build started (build_settings.py).
        settings = self.site_settings = for_build(self.settings)
        self.languages = settings.site_languages
        # Before anything is written: what an incremental build keeps is decided against the
        # output as the last build left it. The search plugin finds the runtime in settings.
        runtime = self.runtime = BuildRuntime.begin(self.settings, settings, Path(self.output_path))
        runtime.output.use_bytecode_cache(self.env)
        # Incremental builds reuse what loading unchanged files produced (runtime.cache).
        content, problems = load_content(Path(self.path), cache=runtime.parse_cache)
        runtime.loaded()
        if problems:
            # Pelican only logs a bad file and carries on; we stop, so nothing wrong is
            # published. The exception's message lists every problem, one per line.
            raise ContentError(problems)
        self.content = content
        self.translations = Translations.load(Path(self.theme) / TABLE_FILE)
        self.assets = StaticAssets(Path(self.theme) / "static")
        self.context["directory"] = content
        self.context["translations"] = self.translations
        # The library, events, programme, badges and numbers (publication by build date).
        self.site = ContentSite(content, build_date(settings), self.translations, settings)
        self.env.globals.update(self._shared_globals())
        self.env.globals.update(self.site.template_globals())
        self.language_context = {
            lang: {**self._language_globals(lang), **self.site.language_globals(lang)}
            for lang in self.languages
        }
        # Templates rendered outside the page plan (none today) get the default language.
        self.env.globals.update(self.language_context[DEFAULT_LANGUAGE])
        # Already escaped for a <script> element; autoescaping it again would break the JSON.
        self.env.filters["script_json"] = lambda data: Markup(script_json(data))

    def _language_roots(self) -> list[dict[str, str]]:
        """Every language built, with the root of its pages: for the switch and hreflang."""
        return [
            {
                "code": code,
                "url": language_url(self.site_settings.siteurl, code),
                "name": self.translations.get("language_own_name", code),
            }
            for code in self.languages
        ]

    def _language_globals(self, lang: str) -> dict[str, Any]:
        """What the pages of one language see: its texts, formats and the root of its pages.

        SITEURL stays the site root (assets, logos, files that exist once); page links go to
        LANGURL, which is the site root for English and SITEURL/nl for Dutch.
        """
        translations = self.translations
        taxonomies = self.content.taxonomies
        choose_template = self.site_settings.choose_partner_url

        # Every UI string of this language, looked up once: pages call t() a million times.
        texts = {key: translations.get(key, lang) for key in translations.table}

        def t(key: str, **values: Any) -> str:
            text = texts.get(key)
            if text is None:
                return translations.get(key, lang, **values)  # the missing-string error
            return text.format(**values) if values else text

        def tr(text: LocalText | str | None) -> str:
            if text is None:
                return ""
            return text.get(lang) if isinstance(text, LocalText) else str(text)

        def tr_lang(text: LocalText | None) -> str:
            return text.lang_of(lang) if isinstance(text, LocalText) else lang

        return {
            "lang": lang,
            "LANGURL": language_url(self.site_settings.siteurl, lang),
            "lang_prefix": language_prefix(lang),
            "site_languages": self._language_roots(),
            # Functions of their arguments, the settings, the theme and the site-wide content
            # only (runtime.templateglobals): an incremental build may keep pages using them.
            **pure(
                {
                    "t": t,
                    "tr": tr,
                    "tr_lang": tr_lang,
                    "expertise_label": lambda term: taxonomies["expertise"].label(term, lang),
                    "industry_label": lambda term: taxonomies["industries"].label(term, lang),
                    "country_name": lambda code: country_name(code, lang),
                    # Babel formats are slow and pages repeat the same few dates and ratings.
                    "format_date": cache(
                        lambda day: format_date(_local_day(day), "long", locale=lang)
                    ),
                    "language_name": lambda code: language_name(code, lang),
                    "format_rating": cache(lambda value: format_decimal(value, "0.0", locale=lang)),
                    "choose_url": lambda slug: choose_url(choose_template, slug, lang),
                }
            ),
        }

    def _shared_globals(self) -> dict[str, Any]:
        """What every page sees, whatever its language."""
        siteurl = self.site_settings.siteurl
        return {
            **pure(
                {
                    "asset": lambda rel: self.assets.url(rel, siteurl),
                    "partner_url": partner_url,
                    "phone_text": phone_text,
                    "case_url": case_url,
                    "browse_url": browse_url,
                    "review_json_ld": review_json_ld,
                }
            ),
            "taxonomies": self.content.taxonomies,
            # Each partner (and each partner's cases and reviews: relations[slug].cases,
            # .reviews, .rating) a page reads is recorded: the page depends on it.
            "partners_by_slug": Lookup("partners_by_slug", self.content.partners),
            "relations": Lookup("relations", self.content.relations),
            # Reviews: the same settings the review tools use, so the form and the
            # "How we check reviews" page always say what the code does.
            "review_settings": REVIEW_SETTINGS,
            "review_checks": CHECKS,
        }

    def generate_output(self, writer: Any) -> None:
        # Every page, and the other files: in worker processes on a big site, skipping
        # unchanged pages in incremental builds (render.py).
        pages = [
            page
            for lang in self.languages
            for page in chain(plan_pages(self.content, lang), self.site.pages(lang))
        ]
        write_pages(
            self,
            writer,
            pages,
            also=[
                lambda: self._write_sitemap(pages),
                self._write_api,
                self._copy_logos,
                lambda: self.site.write_files(
                    self.runtime.output, Path(self.output_path), Path(self.path)
                ),
                lambda: self.assets.write(self.runtime.output, Path(self.output_path)),
            ],
        )

    def _write_sitemap(self, pages: list[Page]) -> None:
        output, public_url = Path(self.output_path), self.site.public_url
        writer = self.runtime.output
        writer.write(output / SITEMAP_URL, sitemap_xml(pages, public_url, self.languages))
        writer.write(output / ROBOTS_URL, robots_txt(public_url))

    def _write_api(self) -> None:
        target = Path(self.output_path) / "api" / "partners.json"
        # Made from the partners, their cases and reviews, and the settings.
        writer = self.runtime.output
        writer.group(
            "api",
            (list(self.content.partners.values()), self.content.relations),
            lambda: writer.write(target, partners_json(self.content, self.site_settings.siteurl)),
        )

    def _copy_logos(self) -> None:
        # SVGs ship as the model's cleaner writes them from their parsed tree, never as
        # uploaded; raster logos only as resized renditions, so a 5 MB upload never reaches a
        # visitor. Each is made again only when its file changed.
        writer = self.runtime.output
        for partner in self.content.partners.values():
            if not partner.logo:
                continue
            source = Path(self.path) / "partners" / partner.slug / partner.logo
            folder = Path(self.output_path) / "partners" / partner.slug
            if partner.logo == partner.published_logo:
                write = partial(publish_file, writer, source, folder / partner.logo)
            else:
                write = partial(_write_renditions, writer, source, folder)
            writer.group(f"logo/{partner.slug}", (str(source), stat_stamp(source)), write)


def _write_renditions(writer: OutputWriter, source: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in write_renditions(source, folder).values():
        writer.note(folder / name, str(stat_stamp(source)))


def _local_day(value: dt.date) -> dt.date:
    """The day to show: a moment (a review's submission, a reply; UTC) is shown as the day it
    was in Amsterdam, where the directory is run; a day as it is."""
    if isinstance(value, dt.datetime):
        return value.astimezone(ZoneInfo("Europe/Amsterdam")).date()
    return value
