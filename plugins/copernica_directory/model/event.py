"""An event: content/events/<slug>.md, a seminar, fair or webinar, front matter over Markdown.

Times keep the offset they were written with; `timezone`, when given, must agree with them.
The announcement is published like a library item (status and date).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from copernica_directory.model.declare import Declared, content_type, derived, field
from copernica_directory.model.fields import (
    COUNTRY,
    cover_field,
    expertise_field,
    lang_field,
    summary_field,
)
from copernica_directory.model.library import LANG_HELP, STATUS, STATUS_HELP, at_field
from copernica_directory.model.schema import (
    Boolean,
    Choice,
    Context,
    Date,
    OffsetDateTime,
    String,
    TimeZoneName,
    Url,
)
from copernica_directory.model.yamlsource import Mapping

EVENT_KINDS = ("seminar", "fair", "webinar")
MAX_EVENT_DAYS = 14  # longer is a typo in a date, not an event


@content_type("Event")
class Event(Declared):
    """A seminar, fair or webinar; times keep the offset they were written with."""

    slug: str = derived("the file name without .md")
    title: str = field(String(max_len=150), required=True, help="the event's name")
    date: dt.date = field(Date(), required=True, help="when the announcement is published, YYYY-MM-DD")  # fmt: skip
    summary: str = summary_field()
    lang: str = lang_field(LANG_HELP)
    status: str = field(STATUS, required=True, help=STATUS_HELP)
    kind: str = field(Choice("event_kinds", want="an event kind"), required=True, help="seminar, fair or webinar")  # fmt: skip
    start: dt.datetime = field(OffsetDateTime(), required=True, help="local start with its UTC offset: 2027-01-21T13:00:00+01:00")  # fmt: skip
    end: dt.datetime = field(OffsetDateTime(), required=True, help="local end with its UTC offset")  # fmt: skip
    timezone: str | None = field(TimeZoneName(), help="the IANA time zone of the place, e.g. Europe/Amsterdam")  # fmt: skip
    venue: str = field(String(max_len=150), required=True, help="where: the venue's name, or Online")  # fmt: skip
    address: str | None = field(String(max_len=200), help="street address of the venue")
    city: str | None = field(String(max_len=100), help="the city (not needed for webinars)")
    country: str | None = field(COUNTRY, help="ISO 3166-1 alpha-2 (not needed for webinars)")
    registration: str = field(Url(), required=True, help="https:// address where visitors register")  # fmt: skip
    stand_desks: bool = field(Boolean(), default=False, help="fairs: true when partners can book a desk on the Copernica stand")  # fmt: skip
    desk_booking: str | None = field(Url(), help="https:// address where partners book a desk")
    expertise: tuple[str, ...] = expertise_field("ids from content/taxonomy/expertise.yaml")
    cover: str | None = cover_field()
    body_html: str = derived("the body rendered and sanitised")
    source: str = derived("the file it was read from, as shown in messages", default="")

    @property
    def zone(self) -> dt.tzinfo:
        """The event's own time zone: the named one, else the offset it was written with."""
        if self.timezone:
            return ZoneInfo(self.timezone)
        return self.start.tzinfo or dt.UTC

    @property
    def local_start(self) -> dt.datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> dt.datetime:
        return self.end.astimezone(self.zone)

    def is_live(self, today: dt.date) -> bool:
        """Published, and the announcement's date has come."""
        return self.status == "published" and self.date <= today

    def is_upcoming(self, today: dt.date) -> bool:
        """Not over yet: it ends today or later, in its own time zone."""
        return self.local_end.date() >= today


# ---------- the rules between fields ----------


def _offset_text(offset: dt.timedelta | None) -> str:
    minutes = int((offset or dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def event_rules(values: dict[str, Any], node: Mapping, ctx: Context) -> None:
    """Rules between an event's fields; each broken rule is one problem."""
    start, end, kind = values["start"], values["end"], values["kind"]
    if end <= start:
        ctx.error(at_field(node, "end"), "end", f"is not after start ({start.isoformat()})")
    elif end - start > dt.timedelta(days=MAX_EVENT_DAYS):
        days = (end - start).days
        limit = f"check the dates (an event lasts at most {MAX_EVENT_DAYS} days)"
        ctx.error(at_field(node, "end"), "end", f"is {days} days after start; {limit}")
    if values["timezone"]:
        zone = ZoneInfo(values["timezone"])
        for name in ("start", "end"):
            moment = values[name]
            expected = moment.replace(tzinfo=zone).utcoffset()
            if expected != moment.utcoffset():
                fixed = moment.replace(tzinfo=dt.timezone(expected or dt.timedelta()))
                ctx.error(
                    at_field(node, name),
                    name,
                    f"the offset {_offset_text(moment.utcoffset())} is not the offset of "
                    f"{values['timezone']} on {moment.date().isoformat()} "
                    f"({_offset_text(expected)}); write {fixed.isoformat()}",
                )
    if kind != "webinar":
        for name, what in (("city", "the city"), ("country", "the country code")):
            if not values[name]:
                why = f"({what} where it takes place); only webinars may leave it out"
                ctx.error(node, name, f"required for a {kind} {why}")
    if values["stand_desks"] and kind != "fair":
        why = f"only fairs have a stand with desks; this is a {kind}"
        ctx.error(at_field(node, "stand_desks"), "stand_desks", why)
    if values["desk_booking"] and not values["stand_desks"]:
        why = "set stand_desks: true when partners can book a desk"
        ctx.error(at_field(node, "desk_booking"), "desk_booking", why)
