"""Controlled vocabularies from the standards: ISO 3166-1 countries and ISO 639-1 languages.

Codes come from pycountry (the ISO data itself); display names per site language from Babel
(CLDR), so "NL" reads "Netherlands" in English and "Nederland" in Dutch.
"""

from __future__ import annotations

from functools import cache

import pycountry
from babel import Locale

SITE_LANGUAGES: tuple[str, ...] = ("en", "nl")
DEFAULT_LANGUAGE = "en"


class SiteLanguagesError(ValueError):
    """The SITE_LANGUAGES setting names languages the site cannot be built in."""

    exitcode = 2  # a misconfigured build, not a content problem (Pelican exits with it)


def built_languages(setting: object = None) -> tuple[str, ...]:
    """The site languages one build renders, from the SITE_LANGUAGES setting: a sequence of
    codes or a comma-separated string ("en,nl"); None means every site language.

    Only site languages (SITE_LANGUAGES, what content may be written in), each once, the
    default language first: every page links to its twin in the default language.
    """
    if setting is None:
        return SITE_LANGUAGES
    if isinstance(setting, str):
        codes = [code.strip() for code in setting.split(",")]
    elif isinstance(setting, list | tuple) and all(isinstance(c, str) for c in setting):
        codes = [code.strip() for code in setting]
    else:
        raise SiteLanguagesError(
            f"SITE_LANGUAGES must be language codes such as 'en,nl', not {setting!r}"
        )
    codes = [code for code in codes if code]
    known = ", ".join(SITE_LANGUAGES)
    unknown = [code for code in codes if code not in SITE_LANGUAGES]
    if unknown:
        raise SiteLanguagesError(
            f"SITE_LANGUAGES: {', '.join(map(repr, unknown))} is not a site language; "
            f"use some of: {known} (the default language, {DEFAULT_LANGUAGE}, first)"
        )
    if len(set(codes)) != len(codes):
        raise SiteLanguagesError(f"SITE_LANGUAGES names a language twice: {','.join(codes)}")
    if not codes or codes[0] != DEFAULT_LANGUAGE:
        raise SiteLanguagesError(
            f"SITE_LANGUAGES must start with the default language {DEFAULT_LANGUAGE!r} "
            f"(got {','.join(codes) or 'nothing'}); e.g. {DEFAULT_LANGUAGE} or {known}"
        )
    return tuple(codes)


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
