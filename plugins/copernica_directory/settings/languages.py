"""The languages the site exists in, declared once.

Content may be written in any of them (a text field's `{en: ..., nl: ...}`, a case's or library
item's `lang`), the theme has every UI string in each, and the search has a pipeline per
language. Which of them one build renders is the SITE_LANGUAGES setting (site.py).
"""

from __future__ import annotations

# English at /, Dutch at /nl/. A new language needs its UI strings (theme/translations.yaml),
# its search pipeline (search.pipeline) and its place in this tuple.
SITE_LANGUAGES: tuple[str, ...] = ("en", "nl")
# The language of a plain string in content, of the site root, and of `x-default`.
DEFAULT_LANGUAGE = "en"


def spelled_out(codes: tuple[str, ...] = SITE_LANGUAGES, word: str = "or") -> str:
    """Codes as a reader writes them in a sentence: "en or nl", "en, nl or de"."""
    if len(codes) < 2:
        return "".join(codes)
    return f"{', '.join(codes[:-1])} {word} {codes[-1]}"
