"""Pelican adapter: load the content through the model, render the page plan, copy logos."""

from __future__ import annotations

import shutil
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup
from pelican.generators import Generator

from partnermodel import Content, ContentError, LocalText, load_content
from partnermodel.cache import parse_session
from partnermodel.logos import write_renditions
from partnermodel.review_settings import CHECKS, REVIEW_SETTINGS
from partnermodel.vocab import DEFAULT_LANGUAGE, country_name, language_name

from . import incremental
from .api import partners_json, review_json_ld, script_json
from .assets import StaticAssets
from .content_site import ContentSite
from .i18n import TABLE_FILE, Translations
from .pages import browse_url, case_url, partner_url, plan_pages
from .publication import build_date
from .render import write_pages


class DirectoryGenerator(Generator):
    """Builds the partner directory: profiles, browse pages, cases, home page and JSON API."""

    content: Content

    def generate_context(self) -> None:
        # Before anything is written: what an incremental build keeps is decided against it.
        incremental.begin(self)
        # Incremental builds reuse what loading unchanged files produced (partnermodel.cache).
        with parse_session(incremental.parse_cache_folder(self.settings)):
            content, problems = load_content(Path(self.path))
        if problems:
            # Pelican only logs a bad file and carries on; we stop, so nothing wrong is
            # published. The exception's message lists every problem, one per line.
            raise ContentError(problems)
        self.content = content
        self.translations = Translations.load(Path(self.theme) / TABLE_FILE)
        self.assets = StaticAssets(Path(self.theme) / "static")
        self.context["directory"] = content
        self.context["translations"] = self.translations
        self.env.globals.update(self._template_globals(DEFAULT_LANGUAGE))
        # The library, events, programme, badges and numbers (publication by build date).
        today = build_date(self.settings)
        self.site = ContentSite(content, today, self.translations, self.settings)
        self.env.globals.update(self.site.template_globals())
        # Already escaped for a <script> element; autoescaping it again would break the JSON.
        self.env.filters["script_json"] = lambda data: Markup(script_json(data))

    def _template_globals(self, lang: str) -> dict[str, Any]:
        translations = self.translations
        taxonomies = self.content.taxonomies
        settings = self.settings

        def t(key: str, **values: Any) -> str:
            return translations.get(key, lang, **values)

        def tr(text: LocalText | str | None) -> str:
            if text is None:
                return ""
            return text.get(lang) if isinstance(text, LocalText) else str(text)

        def tr_lang(text: LocalText | None) -> str:
            return text.lang_of(lang) if isinstance(text, LocalText) else lang

        def choose_url(slug: str) -> str:
            return settings["CHOOSE_PARTNER_URL"].format(slug=slug)

        return {
            "lang": lang,
            "asset": lambda rel: self.assets.url(rel, settings["SITEURL"]),
            "t": t,
            "tr": tr,
            "tr_lang": tr_lang,
            "expertise_label": lambda term: taxonomies["expertise"].label(term, lang),
            "industry_label": lambda term: taxonomies["industries"].label(term, lang),
            "country_name": lambda code: country_name(code, lang),
            # Babel formats are slow and pages repeat the same few dates and ratings.
            "format_date": cache(lambda day: format_date(day, "long", locale=lang)),
            "language_name": lambda code: language_name(code, lang),
            "partner_url": partner_url,
            "case_url": case_url,
            "browse_url": browse_url,
            "choose_url": choose_url,
            "taxonomies": taxonomies,
            "partners_by_slug": self.content.partners,
            # Reviews: the same settings the review tools use, so the form and the
            # "How we check reviews" page always say what the code does.
            "review_settings": REVIEW_SETTINGS,
            "review_checks": CHECKS,
            "review_json_ld": review_json_ld,
            "format_rating": cache(lambda value: format_decimal(value, "0.0", locale=lang)),
        }

    def generate_output(self, writer: Any) -> None:
        # Every page, and the other files: in worker processes on a big site, skipping
        # unchanged pages in incremental builds (render.py).
        write_pages(
            self,
            writer,
            chain(plan_pages(self.content), self.site.pages()),
            also=[
                self._write_api,
                self._copy_logos,
                lambda: self.site.write_files(Path(self.output_path), Path(self.path)),
                lambda: self.assets.write(Path(self.output_path)),
            ],
        )

    def _write_api(self) -> None:
        target = Path(self.output_path) / "api" / "partners.json"
        incremental.write_output(target, partners_json(self.content, self.settings["SITEURL"]))

    def _copy_logos(self) -> None:
        # SVGs (checked by the model) ship as they are; raster logos only as resized
        # renditions, so a 5 MB upload never reaches a visitor.
        for partner in self.content.partners.values():
            if not partner.logo:
                continue
            source = Path(self.path) / "partners" / partner.slug / partner.logo
            folder = Path(self.output_path) / "partners" / partner.slug
            folder.mkdir(parents=True, exist_ok=True)
            if partner.logo == partner.published_logo:
                shutil.copyfile(source, folder / partner.logo)
            else:
                write_renditions(source, folder)
