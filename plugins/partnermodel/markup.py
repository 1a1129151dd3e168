"""Markdown to safe HTML: partners write Markdown, visitors get only harmless markup.

Sanitising uses nh3 (Rust's ammonia): an allow-list of tags, attributes and URL schemes, so no
script, event handler, style, iframe, javascript: or data: URL survives whatever is written.
"""

from __future__ import annotations

import re
import threading
from html.parser import HTMLParser

import markdown
import nh3

from .cache import cached_text

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr",
        "th", "td", "abbr", "sub", "sup",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
_HEADING = re.compile(r"<h([1-6])[\s>]")
_HEADING_TAG = re.compile(r"(</?)h([1-6])(?=[\s>])")
URL_SCHEMES = frozenset({"https", "http", "mailto"})


_LOCAL = threading.local()


def _markdown() -> markdown.Markdown:
    """One Markdown converter per thread, reset before each use.

    Building a converter loads its extensions; one per call cost more than the conversion, and
    its reference cycles kept each one alive until the garbage collector ran (issue 7).
    """
    converter = getattr(_LOCAL, "converter", None)
    if converter is None:
        converter = _LOCAL.converter = markdown.Markdown(
            extensions=["sane_lists", "tables"], output_format="html"
        )
    return converter


@cached_text("markdown")  # in incremental builds only (partnermodel.cache)
def render_markdown(source: str) -> str:
    """Render Markdown written by a partner or editor to sanitised HTML.

    Headings start at h2 (the page has its own h1); links get rel="nofollow noopener ugc"
    because they are user-supplied.
    """
    html = _markdown().reset().convert(source)
    # Shift headings so the text's top level becomes h2: the page has its own h1.
    levels = [int(level) for level in _HEADING.findall(html)]
    shift = max(0, 2 - min(levels)) if levels else 0
    if shift:
        html = _HEADING_TAG.sub(lambda m: f"{m[1]}h{min(int(m[2]) + shift, 6)}", html)
    return sanitize_html(html)


def sanitize_html(html: str) -> str:
    """Keep only allow-listed markup; everything else is removed or escaped."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")


_BLOCK_TAGS = frozenset({"p", "br", "li", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote"})


def html_to_text(html: str) -> str:
    """The readable text of sanitised HTML, whitespace collapsed (for search and excerpts)."""
    extractor = _TextExtractor()
    extractor.feed(html)
    return " ".join("".join(extractor.parts).split())


def excerpt(text: str, limit: int = 240) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-")
    return cut + "…"
