"""What several content types share: size limits of their files, common kinds and fields."""

from __future__ import annotations

import re
from typing import Any

from copernica_directory.model.declare import field
from copernica_directory.model.logos import logo_problems
from copernica_directory.model.schema import SLUG_HELP, SLUG_RE, Choice, FileRef, ListOf, String
from copernica_directory.model.vocab import DEFAULT_LANGUAGE

# Size limits of content files, declared once. The loader checks a file's size (lstat) before
# it reads a byte of it, so a 50 MB partner.yaml costs nothing, and says the size and the limit.
# Generous on purpose: the largest files of the sample content and of the synthetic generator
# are 2.8 KB (partner.yaml), 0.9 KB (a review), 2.7 KB (Markdown) and 3.5 KB (a taxonomy), and
# files with every text at its limit in four-byte characters still fit (tests/test_content_files
# builds them): a partner.yaml of 46 KB, a review file of 63 KB (with 18 checks and 5 decisions
# at their limits too), a Markdown file with a body of BODY_MAX_CHARS of 199 KB. Logos, covers
# and PDFs have their own limits (FileRef).
PARTNER_FILE_MAX_BYTES = 64 * 1024  # content/partners/<slug>/partner.yaml
REVIEW_FILE_MAX_BYTES = 64 * 1024  # content/reviews/<slug>/<id>.yaml
MARKDOWN_FILE_MAX_BYTES = 256 * 1024  # a case, library item or event: front matter and body
TAXONOMY_FILE_MAX_BYTES = 256 * 1024  # content/taxonomy/<name>.yaml
BODY_MAX_CHARS = 50_000  # the Markdown text of a case, library item or event (~8,000 words)

SLUG = String(max_len=60, pattern=SLUG_RE, pattern_help=SLUG_HELP, want="a slug")
GITHUB_LOGIN = String(
    max_len=39,
    pattern=re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*$"),
    pattern_help="a GitHub login (letters, digits, single hyphens)",
    want="a GitHub login",
)
COUNTRY = Choice("countries", want="an ISO 3166-1 alpha-2 country code (upper case, e.g. NL)")
LANGUAGE = Choice("languages", want="an ISO 639-1 language code (lower case, e.g. nl)")
EXPERTISE = Choice("expertise", want="an expertise id")
INDUSTRY = Choice("industries", want="an industry id")
SITE_LANGUAGE = Choice("site_languages", want="a site language")
COVER_EXTENSIONS = ("svg", "png", "webp")


def summary_field() -> Any:
    """The one or two sentences a card shows (cases, library items, events)."""
    return field(
        String(max_len=300), required=True, help="one or two sentences, at most 300 characters"
    )


def lang_field(help: str) -> Any:
    """The site language a Markdown file is written in."""
    return field(SITE_LANGUAGE, default=DEFAULT_LANGUAGE, help=help)


def expertise_field(help: str) -> Any:
    """Expertise ids, for related items and filters."""
    return field(ListOf(EXPERTISE), default=(), help=help)


def cover_field() -> Any:
    """An image beside the Markdown file, with the same checks as a partner's logo."""
    return field(
        FileRef(COVER_EXTENSIONS, max_bytes=500_000, check=logo_problems),
        help="an image beside this file: .svg, .png or .webp, at most 500 kB",
    )
