"""Feeds of the library for feed readers and for partners who syndicate automatically.

/feeds/library.atom.xml is an Atom feed (RFC 4287, written with feedgenerator, Pelican's own
feed writer) of every live item, newest first. /api/library.json lists them, and
/api/library/<type>/<slug>.json holds one item with its reuse kit, so a partner's site can
publish it with the attribution already inside. Every address in them is absolute: they are
read elsewhere.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from feedgenerator import Atom1Feed, Enclosure

from copernica_directory.model.library import LibraryItem
from copernica_directory.site.labels import Labels
from copernica_directory.site.library_pages import library_url
from copernica_directory.site.reuse import ReuseKit, absolute_html

API_VERSION = 1
FEED_URL = "feeds/library.atom.xml"
FEED_LIMIT = 50  # feed readers only look at the latest; the JSON index has everything


class _LibraryAtomFeed(Atom1Feed):
    """Atom with each entry's own language (xml:lang): the library mixes English and Dutch."""

    def item_attributes(self, item: dict[str, Any]) -> dict[str, str]:
        return {"xml:lang": item["lang"]} if item.get("lang") else {}


def published_at(day: dt.date) -> dt.datetime:
    """A publication date as a moment (midnight UTC), which feeds require."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def item_url(item: LibraryItem, public_url: str) -> str:
    return f"{public_url}/{library_url(item)}"


def atom_feed(
    items: tuple[LibraryItem, ...],
    public_url: str,
    pages_url: str,
    labels: Labels,
    title: str,
    subtitle: str,
) -> bytes:
    """The Atom feed of the latest live items, in the language of `labels`.

    `pages_url` is where that language's pages are (the site root, or /nl); the files an item
    has (its PDF) are at `public_url`, the site root, for every language.
    """
    feed = _LibraryAtomFeed(
        title=title,
        link=f"{pages_url}/library/",
        description=subtitle,
        language=labels.lang,
        feed_url=f"{pages_url}/{FEED_URL}",
        feed_guid=f"{pages_url}/{FEED_URL}",
        author_name="Copernica",
    )
    for item in items[:FEED_LIMIT]:
        url = item_url(item, pages_url)
        file_url = item_url(item, public_url)
        enclosures = (
            [Enclosure(f"{file_url}{item.file}", str(item.file_bytes or 0), "application/pdf")]
            if item.file
            else None
        )
        feed.add_item(
            title=item.title,
            link=url,
            description=item.summary,
            content=absolute_html(item.body_html, public_url),
            author_name=item.author or "Copernica",
            pubdate=published_at(item.date),
            unique_id=url,  # the address is the item's identity; it never changes
            categories=[labels.type(item.type), *map(labels.expertise, item.expertise)],
            enclosures=enclosures,
            lang=item.lang,
        )
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue().encode("utf-8")


def item_json(
    item: LibraryItem, public_url: str, kit: ReuseKit | None, labels: Labels
) -> dict[str, Any]:
    """One item for syndication: its facts, and its reuse kit when it may be copied."""
    url = item_url(item, public_url)
    data: dict[str, Any] = {
        "version": API_VERSION,
        "type": item.type,
        "type_label": labels.type(item.type),
        "slug": item.slug,
        "url": url,
        "title": item.title,
        "summary": item.summary,
        "date": item.date.isoformat(),
        "lang": item.lang,
        "author": item.author,
        "expertise": list(item.expertise),
        "industries": list(item.industries),
        "cover": f"{url}{item.cover}" if item.cover else None,
        "file": (
            {"url": f"{url}{item.file}", "bytes": item.file_bytes, "type": "application/pdf"}
            if item.file
            else None
        ),
        "reuse": item.reuse,
        # May be copied: the variants, each with the attribution (if any) already inside.
        "variants": {},
    }
    for variant in kit.variants if kit else ():
        data["variants"][variant.key] = {
            "html": variant.html,
            "markdown": variant.markdown,
            "html_file": f"{url}{variant.html_file}",
            "markdown_file": f"{url}{variant.markdown_file}",
        }
    return data


def library_json(items: tuple[LibraryItem, ...], public_url: str, labels: Labels) -> dict[str, Any]:
    """Every live item, newest first, each pointing at its own JSON file."""
    return {
        "version": API_VERSION,
        "count": len(items),
        "feed": f"{public_url}/{FEED_URL}",
        "items": [
            {
                "type": item.type,
                "slug": item.slug,
                "title": item.title,
                "date": item.date.isoformat(),
                "lang": item.lang,
                "reuse": item.reuse,
                "url": item_url(item, public_url),
                "json": f"{public_url}/{item_json_path(item)}",
            }
            for item in items
        ],
    }


def item_json_path(item: LibraryItem) -> str:
    return f"api/library/{item.type}/{item.slug}.json"


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
