"""Events as iCalendar (RFC 5545), built with the `icalendar` package.

/events/<slug>.ics holds one event, /events.ics every upcoming one (a calendar partners
subscribe to). An event with a named time zone is written in that zone (DTSTART;TZID=...) with
the matching VTIMEZONE, so calendars show the local time of the place and handle summer time;
an event written with only an offset is written in UTC, which is exact. The output only depends
on the content and the build date: the same build writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from copernica_directory.model.event import Event
from copernica_directory.model.vocab import country_name
from copernica_directory.site.labels import Labels
from copernica_directory.site.library_pages import event_url

PRODID = "-//Copernica//Partner directory events//EN"
REFRESH = dt.timedelta(hours=12)  # how often subscribed calendars should look again


def _moment(event: Event, moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(event.zone) if event.timezone else moment.astimezone(dt.UTC)


def _location(event: Event, labels: Labels) -> str:
    country = country_name(event.country, labels.lang) if event.country else None
    return ", ".join(part for part in (event.venue, event.address, event.city, country) if part)


def _host(public_url: str) -> str:
    return public_url.split("://", 1)[-1].split("/", 1)[0]


def calendar_event(
    event: Event, public_url: str, stamp: dt.datetime, labels: Labels
) -> CalendarEvent:
    """One VEVENT."""
    url = f"{public_url}/{event_url(event)}"
    component = CalendarEvent.new(
        # Stable: when the event changes, calendars replace their copy instead of adding one.
        uid=f"event-{event.slug}@{_host(public_url)}",
        stamp=stamp,
        start=_moment(event, event.start),
        end=_moment(event, event.end),
        summary=event.title,
        description=f"{event.summary}\n\n{url}",
        location=_location(event, labels),
        url=url,
        categories=[labels.kind(event.kind)],
    )
    component.add("status", "CONFIRMED")
    return component


def event_calendar(
    events: Iterable[Event],
    public_url: str,
    today: dt.date,
    labels: Labels,
    name: str,
    calendar_id: str,
    description: str = "",
) -> bytes:
    """A VCALENDAR with the events and the time zones they use; `calendar_id` names it."""
    events = list(events)
    # DTSTAMP is when this calendar was made: the build date (deterministic output).
    stamp = dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC)
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=name,
        description=description or None,
        uid=f"{calendar_id}@{_host(public_url)}",
        refresh_interval=REFRESH,
    )
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-published-ttl", "PT12H")  # Outlook's name for REFRESH-INTERVAL
    for event in events:
        calendar.add_component(calendar_event(event, public_url, stamp, labels))
    if events:
        # Only the years the events need: a VTIMEZONE for 1970-2038 is mostly noise.
        first = min(e.start for e in events).date() - dt.timedelta(days=366)
        last = max(e.end for e in events).date() + dt.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()
