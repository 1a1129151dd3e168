"""The pages of the content library and the events: a plain plan, like pages.py.

/library/ lists every live item newest first, paginated; /library/<type>/, /library/expertise/
<id>/ and /library/industry/<id>/ are the same list filtered, so every filter works without
JavaScript. Each item has its page at /library/<type>/<slug>/; events are at /events/ and
/events/<slug>/.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from copernica_directory.model import Content
from copernica_directory.model.event import Event
from copernica_directory.model.library import LIBRARY_TYPES, LibraryItem
from copernica_directory.site.pages import Page
from copernica_directory.site.publication import Publication
from copernica_directory.site.reuse import ReuseKit
from copernica_directory.urls import library_item_url

FILTER_KINDS = ("type", "expertise", "industry")
REUSE_TERMS_URL = "library/reuse/"


def library_url(item: LibraryItem) -> str:
    return library_item_url(item.type, item.slug)


def event_url(event: Event) -> str:
    return f"events/{event.slug}/"


def event_ics_url(event: Event) -> str:
    return f"events/{event.slug}.ics"


def listing_url(kind: str | None = None, key: str | None = None, page: int = 1) -> str:
    """The address of the library list, optionally filtered, at a page number."""
    if kind is None:
        base = "library/"
    elif kind == "type":
        base = f"library/{key}/"
    else:
        base = f"library/{kind}/{key}/"
    return base if page == 1 else f"{base}page/{page}/"


@dataclass(frozen=True)
class ListingFilter:
    """One value to filter the library by, with how many live items it has."""

    kind: str
    key: str
    count: int

    @property
    def url(self) -> str:
        return listing_url(self.kind, self.key)


@dataclass(frozen=True)
class Pagination:
    """Where a page sits in a paginated list: its number, and every page's address."""

    number: int
    urls: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.urls)

    @property
    def prev_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None


def library_filters(
    items: Sequence[LibraryItem], content: Content
) -> dict[str, list[ListingFilter]]:
    """Every type, expertise and industry that has live items, in taxonomy order."""
    counts = {
        "type": Counter(item.type for item in items),
        "expertise": Counter(e for item in items for e in item.expertise),
        "industry": Counter(i for item in items for i in item.industries),
    }
    order = {
        "type": LIBRARY_TYPES,
        "expertise": tuple(content.taxonomies["expertise"].terms),
        "industry": tuple(content.taxonomies["industries"].terms),
    }
    return {
        kind: [
            ListingFilter(kind, key, counts[kind][key]) for key in order[kind] if counts[kind][key]
        ]
        for kind in FILTER_KINDS
    }


def _matches(item: LibraryItem, listing: ListingFilter) -> bool:
    if listing.kind == "type":
        return item.type == listing.key
    if listing.kind == "expertise":
        return listing.key in item.expertise
    return listing.key in item.industries


def _listing_pages(
    items: Sequence[LibraryItem],
    listing: ListingFilter | None,
    page_size: int,
    values: dict[str, Any],
) -> Iterator[Page]:
    chunks = [list(items[i : i + page_size]) for i in range(0, len(items), page_size)] or [[]]
    kind, key = (listing.kind, listing.key) if listing else (None, None)
    urls = tuple(listing_url(kind, key, n) for n in range(1, len(chunks) + 1))
    for number, chunk in enumerate(chunks, start=1):
        yield Page(
            urls[number - 1],
            "library.html",
            {
                **values,
                "items": chunk,
                "total": len(items),
                "listing": listing,
                "pagination": Pagination(number, urls),
                "page_name": "library",
            },
        )


def plan_library_pages(
    publication: Publication,
    content: Content,
    reuse_kit: Callable[[LibraryItem], ReuseKit | None],
    page_size: int = 12,
) -> Iterator[Page]:
    """The library list, its filtered lists, every live item and the reuse terms."""
    items = list(publication.library)
    filters = library_filters(items, content)
    shared = {"filters": filters}
    yield from _listing_pages(items, None, page_size, shared)
    for kind in FILTER_KINDS:
        for listing in filters[kind]:
            matching = [item for item in items if _matches(item, listing)]
            yield from _listing_pages(matching, listing, page_size, shared)
    for item in items:
        yield Page(
            library_url(item),
            "library_item.html",
            {
                "item": item,
                "related": publication.related(item),
                "reuse": reuse_kit(item),
                "page_name": "library-item",
            },
        )
    yield Page(REUSE_TERMS_URL, "library_reuse.html", {"page_name": "library-reuse"})


def plan_event_pages(publication: Publication) -> Iterator[Page]:
    """The events list (upcoming and past) and a page per live event."""
    yield Page(
        "events/",
        "events.html",
        {"upcoming": publication.upcoming, "past": publication.past, "page_name": "events"},
    )
    for event in publication.events:
        yield Page(
            event_url(event),
            "event.html",
            {
                "event": event,
                "upcoming": event.is_upcoming(publication.today),
                "page_name": "event",
            },
        )
