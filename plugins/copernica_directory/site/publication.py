"""What is published on a build date: the library items and events whose time has come.

An item is live when its status is `published` and its `date` is on or before the build date;
drafts never are. The build date is today in the site's time zone, or the `BUILD_DATE` setting
(YYYY-MM-DD), so tests and previews can build the site as it will look on any day. A daily
rebuild (.github/workflows/daily-rebuild.yml) publishes scheduled items on their day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from copernica_directory.model import Content
from copernica_directory.model.event import Event
from copernica_directory.model.library import LibraryItem
from copernica_directory.settings import SiteSettings


def build_date(settings: SiteSettings) -> dt.date:
    """The day the site is built for: BUILD_DATE if set, else today in the site's zone."""
    if settings.build_date is not None:
        return settings.build_date
    return dt.datetime.now(ZoneInfo(settings.timezone)).date()


@dataclass(frozen=True)
class Publication:
    """The live library (newest first) and live event announcements (by start)."""

    today: dt.date
    library: tuple[LibraryItem, ...]
    events: tuple[Event, ...]

    @classmethod
    def of(cls, content: Content, today: dt.date) -> Publication:
        """What `content` publishes on `today`."""
        return cls(
            today,
            tuple(item for item in content.library.values() if item.is_live(today)),
            tuple(event for event in content.events.values() if event.is_live(today)),
        )

    @property
    def upcoming(self) -> list[Event]:
        """Events that have not ended yet, soonest first."""
        return [e for e in self.events if e.is_upcoming(self.today)]

    @property
    def past(self) -> list[Event]:
        """Events that have ended, most recent first."""
        return sorted(
            (e for e in self.events if not e.is_upcoming(self.today)),
            key=lambda e: e.start,
            reverse=True,
        )

    def related(self, item: LibraryItem, limit: int = 3) -> list[LibraryItem]:
        """Other live items with the same expertise: most shared first, then newest."""
        ranked = self._ranked(frozenset(item.expertise), limit + 1)
        return [other for other in ranked if other is not item][:limit]

    def _ranked(self, expertise: frozenset[str], count: int) -> list[LibraryItem]:
        """The first `count` live items sharing `expertise`, in the order of `related`.

        The order depends on the expertise ids alone, so it is computed once per distinct set
        of ids, from the first few of each group of items with the same ids (scanning every
        item for every item was quadratic; issue 7).
        """
        memo = self._ranked_memo
        if (expertise, count) not in memo:
            shared = []
            for ids, group in self._by_expertise.items():
                if n := len(expertise & ids):
                    shared += [(n, other) for other in group[:count]]
            shared.sort(key=lambda pair: (-pair[0], -pair[1].date.toordinal(), pair[1].key))
            memo[(expertise, count)] = [other for _, other in shared[:count]]
        return memo[(expertise, count)]

    @cached_property
    def _ranked_memo(self) -> dict[tuple[frozenset[str], int], list[LibraryItem]]:
        return {}

    @cached_property
    def _by_expertise(self) -> dict[frozenset[str], list[LibraryItem]]:
        """Live items by their set of expertise ids, each group newest first, then by key."""
        groups: dict[frozenset[str], list[LibraryItem]] = {}
        for other in self.library:
            groups.setdefault(frozenset(other.expertise), []).append(other)
        for group in groups.values():
            group.sort(key=lambda other: (-other.date.toordinal(), other.key))
        return groups
