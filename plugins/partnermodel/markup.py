"""Markdown to safe HTML: partners write Markdown, visitors get only harmless markup.

Sanitising uses nh3 (Rust's ammonia): an allow-list of tags, attributes and URL schemes, so no
script, event handler, style, iframe, javascript: or data: URL survives whatever is written.
"""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr",
        "th", "td", "abbr", "sub", "sup",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = frozenset({"https", "http", "mailto"})


def render_markdown(source: str) -> str:
    """Render Markdown written by a partner or editor to sanitised HTML.

    Headings start at h2 (the page has its own h1); links get rel="nofollow noopener ugc"
    because they are user-supplied.
    """
    html = markdown.markdown(
        source,
        extensions=["sane_lists", "tables"],
        output_format="html",
    )
    # Shift headings so `#` in a description cannot compete with the page title.
    for level in (4, 3, 2, 1):
        html = html.replace(f"<h{level}", f"<h{min(level + 1, 4)}").replace(
            f"</h{level}>", f"</h{min(level + 1, 4)}>"
        )
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
