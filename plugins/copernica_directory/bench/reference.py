"""The vanilla-Pelican reference: the same number of pages, plain Markdown, the `simple` theme.

The benchmark compares our build with what Pelican itself needs for as many pages. The reference
site is Markdown articles of about the length of our pages' text (REFERENCE_WORDS: the mean
visible text of a page in the default benchmark tree is about 450 words), rendered by Pelican's
built-in `simple` theme with feeds, tags, categories, authors and archives off. Pelican writes one
page per article plus the index, so `pages` pages are `pages - 1` articles.
"""

from __future__ import annotations

import random
from pathlib import Path

REFERENCE_WORDS = 450
_WORDS = (
    "partner", "campaign", "email", "template", "training", "data", "journey", "customer",
    "brand", "newsletter", "audit", "report", "segment", "welcome", "series", "inbox",
    "delivery", "the", "of", "and", "to", "in", "we", "our", "with", "for", "a",
)  # fmt: skip

SETTINGS = """\
# The vanilla-Pelican reference of the benchmark (plugins/copernica_directory/bench/reference.py).
SITENAME = "Reference"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "simple"
DEFAULT_PAGINATION = False
DELETE_OUTPUT_DIRECTORY = True
PLUGINS: list[str] = []
# Cold, like our `make build`: no content cache from an earlier run.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
"""


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _article(rng: random.Random, number: int, words: int) -> str:
    """One article of about `words` words: paragraphs, a heading, a list, a link, emphasis."""
    share = max(1, (words - 40) // 4)
    body = [
        _sentence(rng, share),
        "## Results",
        _sentence(rng, share),
        "\n".join(f"- {_sentence(rng, 8)}" for _ in range(3)),
        f"*{_sentence(rng, share)}* [Read more](https://example.com/{number}/)",
        _sentence(rng, share),
    ]
    minute = number % 60
    hour = (number // 60) % 24
    return (
        f"Title: Article {number}\n"
        f"Date: 2024-01-01 {hour:02d}:{minute:02d}\n"
        f"Slug: article-{number:06d}\n"
        f"Summary: {_sentence(rng, 16)}\n\n" + "\n\n".join(body) + "\n"
    )


def write_reference(target: Path, pages: int, words: int = REFERENCE_WORDS, seed: int = 1) -> Path:
    """Write the reference site's content and settings under `target`; returns the settings file.

    The build writes exactly `pages` HTML pages: `pages - 1` articles and the index.
    """
    if pages < 1:
        raise ValueError("the reference needs at least one page")
    rng = random.Random(seed)
    content = target / "content"
    content.mkdir(parents=True, exist_ok=True)
    for old in content.glob("*.md"):
        old.unlink()
    for number in range(pages - 1):
        (content / f"article-{number:06d}.md").write_text(
            _article(rng, number, words), encoding="utf-8"
        )
    settings = target / "pelicanconf.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    return settings
