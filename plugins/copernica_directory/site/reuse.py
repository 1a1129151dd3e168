"""The reuse kit: a library item as clean HTML and Markdown that partners paste into their own
site or newsletter, with the attribution and the link back to the source already inside.

Every item whose `reuse` is not `none` gets the attributed variant; `reuse: whitelabel` adds a
variant without our brand (the validator makes sure such an item never names it). Each variant
is also written as files: an HTML document with `<link rel="canonical">` pointing at the
original, and a Markdown file. The texts are in the item's own language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from copernica_directory.model.library import LibraryItem
from copernica_directory.site.formatting import file_size

# t(key, lang, **values): a UI string from the translation table in a given language.
Translate = Callable[..., str]

_RELATIVE_HREF = re.compile(r'(\s(?:href|src)=")/(?!/)')
_MARKDOWN_INLINE_LINK = re.compile(r"(\]\()/(?!/)")
_MARKDOWN_REFERENCE = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)/(?!/)", re.M)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


@dataclass(frozen=True)
class ReuseVariant:
    """One way to reuse an item, ready to paste and as files to download."""

    key: str  # "attribution" or "whitelabel"
    html: str  # the fragment to paste into a page or a newsletter
    markdown: str
    document: str  # a complete HTML document with the canonical link
    html_file: str  # file names, beside the item's page
    markdown_file: str


@dataclass(frozen=True)
class ReuseKit:
    """What partners may take of one item: its canonical address and the variants."""

    canonical: str
    variants: tuple[ReuseVariant, ...]


def absolute_html(html: str, public_url: str) -> str:
    """Links to our own pages made absolute, so they still work on a partner's site."""
    return _RELATIVE_HREF.sub(lambda m: f"{m[1]}{public_url}/", html)


def absolute_markdown(text: str, public_url: str) -> str:
    """The same for Markdown: inline links and reference definitions."""
    text = _MARKDOWN_INLINE_LINK.sub(lambda m: f"{m[1]}{public_url}/", text)
    return _MARKDOWN_REFERENCE.sub(lambda m: f"{m[1]}{public_url}/", text)


def markdown_text(text: str) -> str:
    """Plain text safe inside Markdown: characters with a meaning are escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def reuse_kit(item: LibraryItem, public_url: str, page_url: str, t: Translate) -> ReuseKit | None:
    """The kit for `item`, or None when it may not be copied (reuse: none)."""
    if item.reuse == "none":
        return None
    canonical = f"{public_url}/{page_url}"
    lang = item.lang
    body_html = absolute_html(item.body_html, public_url).strip()
    body_markdown = absolute_markdown(item.body_markdown, public_url).strip()
    head_html = f"<h1>{escape(item.title)}</h1>\n<p>{escape(item.summary)}</p>\n"
    head_markdown = f"# {markdown_text(item.title)}\n\n{markdown_text(item.summary)}\n\n"

    def variant(key: str) -> ReuseVariant:
        extra_html = extra_markdown = ""
        if key == "attribution":
            if item.file:
                pdf = f"{canonical}{item.file}"
                label = t("reuse_download_pdf", lang, size=file_size(item.file_bytes or 0, lang))
                extra_html += f'<p><a href="{escape(pdf)}">{escape(label)}</a></p>\n'
                extra_markdown += f"[{markdown_text(label)}]({pdf})\n\n"
            link_html = f'<a href="{escape(canonical)}">{escape(item.title)}</a>'
            link_markdown = f"[{markdown_text(item.title)}]({canonical})"
            before, _, after = t("reuse_attribution", lang, link="\0").partition("\0")
            extra_html += f"<p><em>{escape(before)}{link_html}{escape(after)}</em></p>\n"
            extra_markdown += f"*{markdown_text(before)}{link_markdown}{markdown_text(after)}*\n"
        html = f"<article>\n{head_html}{body_html}\n{extra_html}</article>\n"
        markdown = f"{head_markdown}{body_markdown}\n\n" + (
            f"---\n\n{extra_markdown}" if extra_markdown else ""
        )
        suffix = "" if key == "attribution" else "-whitelabel"
        return ReuseVariant(
            key=key,
            html=html,
            markdown=markdown.rstrip("\n") + "\n",
            document=_document(item, canonical, html),
            html_file=f"{item.slug}{suffix}.html",
            markdown_file=f"{item.slug}{suffix}.md",
        )

    keys = ("attribution", "whitelabel") if item.reuse == "whitelabel" else ("attribution",)
    return ReuseKit(canonical, tuple(variant(key) for key in keys))


def _document(item: LibraryItem, canonical: str, fragment: str) -> str:
    """A complete page around a fragment; the canonical link tells search engines where the
    original is, so copies on many partner sites do not compete with it (or each other)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(item.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(item.title)}</title>\n"
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        f"</head>\n<body>\n{fragment}</body>\n</html>\n"
    )
