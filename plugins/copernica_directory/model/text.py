"""Translatable text: a string in the site's default language, or one text per language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from copernica_directory.model.vocab import DEFAULT_LANGUAGE, SITE_LANGUAGES


@dataclass(frozen=True)
class LocalText:
    """Text in one or more site languages; asking for a missing language falls back."""

    values: dict[str, str] = field(default_factory=dict)

    @classmethod
    def plain(cls, text: str) -> LocalText:
        """Text written as a plain string: it is in the default language."""
        return cls({DEFAULT_LANGUAGE: text})

    def lang_of(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The language actually shown when `lang` is asked for (itself, or the fallback)."""
        if lang in self.values:
            return lang
        for candidate in (DEFAULT_LANGUAGE, *SITE_LANGUAGES):
            if candidate in self.values:
                return candidate
        return next(iter(self.values), lang)

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The text in `lang`, falling back to the default language, then any."""
        return self.values.get(self.lang_of(lang), "")

    def map(self, fn: Callable[[str], str]) -> LocalText:
        """The same languages with each text transformed (e.g. Markdown rendered)."""
        return LocalText({lang: fn(text) for lang, text in self.values.items()})

    def as_json(self) -> dict[str, str]:
        """Every language's text, for the JSON API."""
        return dict(self.values)

    def __str__(self) -> str:
        return self.get(DEFAULT_LANGUAGE)
