"""Numbers, sizes and event times as a reader of the page language expects them (Babel).

Event times are shown in the event's own time zone, whatever the zone of the reader or the
build: a seminar in Amsterdam starts at 10:00 Amsterdam time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from babel.dates import format_date, format_interval, get_timezone_name
from babel.numbers import format_currency, format_decimal
from phonenumbers import NumberParseException, PhoneNumberFormat, format_number, parse

from copernica_directory.model.event import Event

CURRENCY = "EUR"


def file_size(size: int, lang: str) -> str:
    """A file size in kB or MB (1,000-based, as file managers show them)."""
    if size < 1_000_000:
        return f"{format_decimal(max(1, round(size / 1000)), locale=lang)}\u00a0kB"
    return f"{format_decimal(round(size / 1_000_000, 1), '0.0', locale=lang)}\u00a0MB"


def phone_text(e164: str) -> str:
    """A phone number as people read it, grouped by its country's plan: "+31 20 123 4567".
    Stored and linked (tel:) in E.164; a number the plan does not know shows as stored."""
    try:
        return format_number(parse(e164), PhoneNumberFormat.INTERNATIONAL)
    except NumberParseException:
        return e164


def money(value: Decimal | int | float, lang: str) -> str:
    """A euro amount without cents, e.g. €4,250 (en) or € 4.250 (nl)."""
    return format_currency(value, CURRENCY, "¤#,##0", locale=lang, currency_digits=False)


def utc_offset(moment: dt.datetime) -> str:
    """The moment's UTC offset written +01:00."""
    minutes = int((moment.utcoffset() or dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@dataclass(frozen=True)
class EventWhen:
    """When an event takes place, as text in the event's own time zone."""

    dates: str  # Thursday, January 21, 2027 / March 16 – 17, 2027
    start_time: str
    end_time: str
    zone: str  # Central European Standard Time, or empty for a bare offset
    offset: str  # +01:00
    multi_day: bool


def event_when(event: Event, lang: str) -> EventWhen:
    """The dates, times and zone of `event` in the page language."""
    start, end = event.local_start, event.local_end
    multi_day = start.date() != end.date()
    if multi_day:
        dates = format_interval(start.date(), end.date(), "yMMMMd", locale=lang)
    else:
        dates = format_date(start.date(), "full", locale=lang)
    zone = get_timezone_name(start, "long", locale=lang) if event.timezone else ""
    return EventWhen(
        dates=dates,
        start_time=start.strftime("%H:%M"),
        end_time=end.strftime("%H:%M"),
        zone=zone,
        offset=utc_offset(start),
        multi_day=multi_day,
    )
