"""sitemap.xml and robots.txt: every indexable page, with its twin in each site language.

Search engines learn the language versions of a page from the hreflang links in the page
head; the sitemap says the same for every page at once (xhtml:link alternates, as Google and
Bing read them), so a new Dutch page is found without crawling the English one first.
Addresses are PUBLIC_SITEURL's: a sitemap is read elsewhere, never from a deploy preview.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from xml.sax.saxutils import quoteattr

from copernica_directory.model.vocab import DEFAULT_LANGUAGE, language_prefix
from copernica_directory.site.pages import Page

SITEMAP_URL = "sitemap.xml"
ROBOTS_URL = "robots.txt"
# Pages that tell search engines not to index them (<meta name="robots" content="noindex">).
NOINDEX_TEMPLATES = frozenset({"404.html", "review_thanks.html"})
MAX_URLS = 50_000  # the sitemap protocol's limit for one file


def sitemap_xml(pages: Iterable[Page], public_url: str, languages: Sequence[str]) -> str:
    """The sitemap of `pages` (every language's), each with its alternates."""
    base = public_url.rstrip("/")
    urls = sorted(
        {(page.path, page.url) for page in pages if page.template not in NOINDEX_TEMPLATES}
    )
    if len(urls) > MAX_URLS:
        raise ValueError(
            f"{len(urls)} pages: one sitemap holds at most {MAX_URLS}; split it into a "
            "sitemap index (sitemap.py)"
        )
    alternates = [(lang, language_prefix(lang)) for lang in languages]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path, url in urls:
        lines.append(f"<url><loc>{_text(f'{base}/{path}')}</loc>")
        for lang, prefix in alternates:
            href = quoteattr(f"{base}/{prefix}{url}")
            lines.append(f'<xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
        default = quoteattr(f"{base}/{language_prefix(DEFAULT_LANGUAGE)}{url}")
        lines.append(f'<xhtml:link rel="alternate" hreflang="x-default" href={default}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(public_url: str) -> str:
    """Everything may be crawled; where the sitemap is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {public_url.rstrip('/')}/{SITEMAP_URL}\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
