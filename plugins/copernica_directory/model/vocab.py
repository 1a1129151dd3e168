"""Controlled vocabularies from the standards: ISO 3166-1 countries and ISO 639-1 languages.

Codes come from pycountry (the ISO data itself); display names per site language from Babel
(CLDR), so "NL" reads "Netherlands" in English and "Nederland" in Dutch. The site languages
themselves are declared with the site's settings (settings.languages).
"""

from __future__ import annotations

from functools import cache

import pycountry
from babel import Locale

from copernica_directory.settings.languages import DEFAULT_LANGUAGE, SITE_LANGUAGES, spelled_out

# The site languages are declared once, with the site's settings; the model's text fields and
# `lang` choices take them from here.
SITE_LANGUAGES_SPELLED = spelled_out(SITE_LANGUAGES)  # "en or nl", for help texts


def language_url(base: str, lang: str) -> str:
    """The root of a language's pages below `base` (a site address, or "" for root-relative
    links), without a trailing slash: `base` itself for English, `base`/nl for Dutch."""
    return f"{base.rstrip('/')}/{language_prefix(lang)}".rstrip("/")


def language_prefix(lang: str) -> str:
    """Where a site language's pages live below the site root: "" for the default language
    (English at /), "nl/" for Dutch (/nl/)."""
    if lang not in SITE_LANGUAGES:
        raise ValueError(f"unknown site language {lang!r}; use one of: {', '.join(SITE_LANGUAGES)}")
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code, upper case."""
    return frozenset(c.alpha_2 for c in pycountry.countries)


@cache
def language_codes() -> frozenset[str]:
    """Every ISO 639-1 (two-letter) language code, lower case."""
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def country_name(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The country's common name in the given site language."""
    return _locale(lang).territories.get(code, code)


def language_name(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The language's name in the given site language, capitalised as a label."""
    name = _locale(lang).languages.get(code, code)
    return name[:1].upper() + name[1:]
