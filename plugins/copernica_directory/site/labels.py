"""Labels of ids in one language, for the Python side of the build (feeds, calendars, charts).

Templates have the same through t() and expertise_label(); files written outside templates
use this.
"""

from __future__ import annotations

from dataclasses import dataclass

from copernica_directory.model import Content
from copernica_directory.site.i18n import Translations


@dataclass(frozen=True)
class Labels:
    """Library types, event kinds, expertise and industries by id, in `lang`."""

    content: Content
    translations: Translations
    lang: str

    def type(self, key: str) -> str:
        return self.translations.get(f"library_type_{key.replace('-', '_')}", self.lang)

    def kind(self, key: str) -> str:
        return self.translations.get(f"event_kind_{key}", self.lang)

    def expertise(self, key: str) -> str:
        return self.content.taxonomies["expertise"].label(key, self.lang)

    def industry(self, key: str) -> str:
        return self.content.taxonomies["industries"].label(key, self.lang)

    def t(self, key: str, **values: object) -> str:
        return self.translations.get(key, self.lang, **values)
