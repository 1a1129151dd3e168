"""Events in a real build (as on 2026-11-26): the list of upcoming and past events, each event's
page in its own time zone, and the calendars, parsed with icalendar."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import CONTENT, few_partners_copy, run_pelican
from htmlscan import parse
from icalendar import Calendar

from copernica_directory.model import load_content

PUBLIC = "https://partners.copernica.com"
UPCOMING = [  # soonest first, as on the build date
    "webinar-preference-centres",
    "partnerdag-2027",
    "webinar-nordic-travel-journeys",
    "seminar-dach-crm-2027",
    "dutch-email-crm-fair-2027",
    "inbox-expo-london-2027",
]
PAST = [  # latest first
    "webinar-dmarc-in-30-minutes",
    "partner-seminar-automation-2026",
    "webinar-benchmark-retail-2026",
]


@pytest.fixture(scope="module")
def sample():
    content, problems = load_content(CONTENT)
    assert problems == []
    return content


def calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def section_links(page_path: Path, heading_id: str) -> list[str]:
    """Event links in the <section> labelled by `heading_id`, in order."""
    html = page_path.read_text(encoding="utf-8")
    start = html.index(f'aria-labelledby="{heading_id}"')
    end = html.find("</section>", start)
    part = html[start:end]
    return [slug for slug in UPCOMING + PAST if f'href="/events/{slug}/"' in part]


def test_events_list_upcoming_soonest_first_then_past(built_site: Path, sample) -> None:
    assert sorted(UPCOMING + PAST) == sorted(sample.events)  # every sample event is listed
    page = built_site / "events" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert section_links(page, "upcoming-heading") == UPCOMING
    assert section_links(page, "past-heading") == PAST
    assert [html.index(f'"/events/{slug}/"') for slug in UPCOMING] == sorted(
        html.index(f'"/events/{slug}/"') for slug in UPCOMING
    )
    assert [html.index(f'"/events/{slug}/"') for slug in PAST] == sorted(
        html.index(f'"/events/{slug}/"') for slug in PAST
    )
    assert "/events.ics" in parse(page).hrefs()


def test_event_page_shows_time_in_its_own_zone_venue_kind_and_desks(built_site: Path) -> None:
    london = parse(built_site / "events" / "inbox-expo-london-2027" / "index.html")
    assert "09:30" in london.text and "British Summer Time (UTC+01:00)" in london.text
    assert "Riverside Exhibition Centre, stand B14, London, United Kingdom" in london.text
    assert "Business fair" in london.text
    assert "Partners can book a desk on the Copernica stand" in london.text
    assert "Ask your partner manager to book one." in london.text  # no booking link given
    assert "https://events.copernica.example/inbox-expo-london-2027" in london.hrefs()
    assert "/events/inbox-expo-london-2027.ics" in london.hrefs()
    times = london.find("time")
    assert times[0].attrs["datetime"] == "2027-06-09T09:30:00+01:00"

    fair = parse(built_site / "events" / "dutch-email-crm-fair-2027" / "index.html")
    assert "https://events.copernica.example/email-crm-fair-2027/partner-desks" in fair.hrefs()

    seminar = parse(built_site / "events" / "partnerdag-2027" / "index.html")
    assert "10:00–16:30" in seminar.text
    assert "Central European Standard Time (UTC+01:00)" in seminar.text
    assert "Partners can book a desk" not in seminar.text  # not a fair
    data = next(s for s in seminar.scripts if s.attrs.get("type") == "application/ld+json")
    event = json.loads(data.text)
    assert event["@type"] == "Event" and event["startDate"] == "2027-01-21T10:00:00+01:00"
    assert event["location"]["address"]["addressLocality"] == "Amsterdam"


def test_past_events_have_no_registration(built_site: Path) -> None:
    page = parse(built_site / "events" / "webinar-dmarc-in-30-minutes" / "index.html")
    assert "This event has taken place." in page.text
    assert "https://events.copernica.example/webinar-dmarc" not in page.hrefs()
    assert "16:00–16:45" in page.text and "Central European Summer Time" in page.text


def test_one_calendar_per_event_with_the_right_times(built_site: Path, sample) -> None:
    for slug in UPCOMING + PAST:
        event = sample.events[slug]
        cal = calendar(built_site / "events" / f"{slug}.ics")
        (vevent,) = cal.walk("VEVENT")
        start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
        assert start == event.start and end == event.end, slug  # the same moments
        assert start.tzinfo.key == event.timezone  # written in the place's own zone
        assert str(vevent["DTSTART"].params["TZID"]) == event.timezone
        assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == [event.timezone]
        assert str(vevent["UID"]) == f"event-{slug}@partners.copernica.com"
        assert str(vevent["URL"]) == f"{PUBLIC}/events/{slug}/"
        assert str(vevent["SUMMARY"]) == event.title
        assert vevent.decoded("DTSTAMP") == dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    london = calendar(built_site / "events" / "inbox-expo-london-2027.ics")
    (vevent,) = london.walk("VEVENT")
    in_utc = vevent.decoded("DTSTART").astimezone(dt.UTC)
    assert in_utc == dt.datetime(2027, 6, 9, 8, 30, tzinfo=dt.UTC)  # 09:30 summer time
    assert str(vevent["LOCATION"]).endswith("London, United Kingdom")
    assert str(vevent["CATEGORIES"].to_ical(), "utf-8") == "Business fair"


def test_the_subscription_calendar_holds_the_upcoming_events(built_site: Path) -> None:
    raw = (built_site / "events.ics").read_bytes()
    cal = calendar(built_site / "events.ics")
    assert str(cal["VERSION"]) == "2.0" and str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Copernica events"
    uids = [str(v["UID"]).split("@")[0] for v in cal.walk("VEVENT")]
    assert uids == [f"event-{slug}" for slug in UPCOMING]
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {
        "Europe/Amsterdam",
        "Europe/Oslo",
        "Europe/Berlin",
        "Europe/London",
    }
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # RFC 5545 line folding
    oslo = next(v for v in cal.walk("VEVENT") if "nordic" in str(v["UID"]))
    start = oslo.decoded("DTSTART")
    assert start == dt.datetime(2027, 2, 4, 10, tzinfo=ZoneInfo("Europe/Oslo"))


def test_an_event_written_with_only_an_offset_is_in_utc(tmp_path: Path) -> None:
    content = few_partners_copy(tmp_path / "content")  # the events whole
    path = content / "events" / "partnerdag-2027.md"
    path.write_text(path.read_text().replace("timezone: Europe/Amsterdam\n", ""), "utf-8")
    result = run_pelican(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    (vevent,) = calendar(tmp_path / "out" / "events" / "partnerdag-2027.ics").walk("VEVENT")
    assert vevent["DTSTART"].to_ical() == b"20270121T090000Z"
    page = parse(tmp_path / "out" / "events" / "partnerdag-2027" / "index.html")
    assert "10:00–16:30" in page.text and "UTC+01:00" in page.text
