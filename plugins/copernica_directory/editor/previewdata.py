"""What the editor's previews show besides an entry's own data: the site's labels.

The preview pane sets a draft as the page it becomes (theme/static/admin/previews.js), in
English or Dutch. Its words are the site's own: the theme's UI strings for the page types it
previews, the taxonomies' labels, country and language names as the site writes them (Babel),
and each partner's name (a case names its partner by slug). The build writes them once as
/admin/preview-labels.json; nothing here is typed twice.
"""

from __future__ import annotations

import json
from typing import Any

from copernica_directory.model import Content
from copernica_directory.model.loader import vocabularies_for
from copernica_directory.model.vocab import (
    DEFAULT_LANGUAGE,
    SITE_LANGUAGES,
    country_name,
    language_name,
)
from copernica_directory.site.i18n import Translations

LABELS_FILE = "preview-labels.json"

# The UI strings of the previewed pages (partner profile, library item, event, case), their
# breadcrumbs and the language switch: by key prefix, so a string a template gains is there.
TEXT_PREFIXES = (
    "partner_",
    "brand_",
    "library_",
    "event_",
    "case_",
    "language_",
    "nav_",
    "breadcrumbs_",
)


def preview_labels(content: Content, translations: Translations) -> dict[str, Any]:
    """Every label the previews show, per site language (default first)."""
    vocabularies = vocabularies_for(content)
    keys = [key for key in translations.table if key.startswith(TEXT_PREFIXES)]

    def in_language(lang: str) -> dict[str, Any]:
        taxonomy = {
            name: {term: tax.label(term, lang) for term in tax.terms}
            for name, tax in content.taxonomies.items()
            if name in ("expertise", "industries")
        }
        return {
            "text": {key: translations.table[key].get(lang) for key in keys},
            **taxonomy,
            "countries": {c: country_name(c, lang) for c in vocabularies["countries"].ids},
            "languages": {c: language_name(c, lang) for c in vocabularies["languages"].ids},
        }

    return {
        "default": DEFAULT_LANGUAGE,
        "languages": list(SITE_LANGUAGES),
        "labels": {lang: in_language(lang) for lang in SITE_LANGUAGES},
        "partners": {slug: partner.name for slug, partner in sorted(content.partners.items())},
    }


def labels_json(content: Content, translations: Translations) -> str:
    """preview_labels() as the stable text of the file the editor's page fetches."""
    return json.dumps(preview_labels(content, translations), ensure_ascii=False, sort_keys=True)
