"""`new_content.py TYPE SLUG`: write a valid draft library item or event to fill in.

The draft has `status: draft`, so it is never published until an editor changes that. A new
whitepaper also gets a placeholder PDF beside it (to be replaced by the real one), so the draft
is valid from the first commit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from copernica_directory.cli import add_content_option
from copernica_directory.model.event import EVENT_KINDS
from copernica_directory.model.loader import EVENTS_DIR, LIBRARY_DIR, load_content
from copernica_directory.model.problems import format_problems
from copernica_directory.model.schema import SLUG_HELP, SLUG_RE
from copernica_directory.tools.pdfwriter import blocks_from_text, write_pdf

# TYPE as typed -> the folder below content/ ("event" and "events" both work).
TYPES = {
    "article": "library/articles",
    "best-practice": "library/best-practices",
    "whitepaper": "library/whitepapers",
    "event": EVENTS_DIR,
}
ALIASES = {"articles": "article", "best-practices": "best-practice", "whitepapers": "whitepaper"}
ALIASES["events"] = "event"
EVENT_ZONE = "Europe/Amsterdam"
PLACE = """\
venue: The venue's name
address: Street and number        # optional
city: Amsterdam
country: NL                       # ISO 3166-1 alpha-2
"""
ONLINE = "venue: Online                     # webinars need no address, city or country\n"

LIBRARY_TEMPLATE = """\
---
title: {title}
date: {date}                  # published on the first build on or after this date
summary: One or two sentences that make people want to read it, at most 300 characters.
lang: en                          # en or nl
status: draft                     # change to published when it is ready
author: Copernica partner team
expertise: [consultancy]          # ids from content/taxonomy/expertise.yaml
industries: []                    # ids from content/taxonomy/industries.yaml
reuse: attribution                # attribution, whitelabel (never names Copernica) or none
# cover: {slug}-cover.svg         # an image beside this file (.svg, .png or .webp)
{extra}---
Write the text here, in Markdown. Start with the point; use `## Headings` for sections.
"""

EVENT_TEMPLATE = """\
---
title: {title}
date: {date}                  # the announcement is published on this date
summary: One or two sentences about what visitors get out of it, at most 300 characters.
lang: en                          # en or nl
status: draft                     # change to published when it is ready
kind: {kind}  # seminar, fair or webinar
start: {start}  # local time with its UTC offset
end: {end}
timezone: {zone}  # the IANA time zone of the place
{place}registration: https://events.copernica.example/{slug}
{extra}expertise: []
---
What the event is about, the programme, and who it is for, in Markdown.
"""


def _event_times(today: dt.date) -> tuple[str, str]:
    """A start and end four weeks ahead, 10:00-12:00 local time, with the right offset."""
    day = today + dt.timedelta(days=28)
    zone = ZoneInfo(EVENT_ZONE)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=zone)
    end = dt.datetime.combine(day, dt.time(12), tzinfo=zone)
    return start.isoformat(), end.isoformat()


def _placeholder_pdf(title: str) -> bytes:
    text = (
        "## This is a placeholder\n"
        "Replace this file with the whitepaper's PDF, under the same name, "
        "before you set status: published."
    )
    return write_pdf(title, blocks_from_text(text), subtitle="Draft", author="Copernica")


def main(argv: Sequence[str] | None = None) -> int:
    """Create the draft; exit 1 if it exists or does not validate, 2 on misuse."""
    parser = argparse.ArgumentParser(prog="new_content.py", description=__doc__.split("\n")[0])
    parser.add_argument("type", help="article, best-practice, whitepaper or event")
    parser.add_argument("slug", help=f"the file name without .md: {SLUG_HELP}")
    parser.add_argument("--title", help="the title (default: from the slug)")
    parser.add_argument("--kind", choices=EVENT_KINDS, default="seminar", help="events only")
    parser.add_argument("--date", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)")
    add_content_option(parser)
    args = parser.parse_args(argv)
    kind = ALIASES.get(args.type, args.type)
    if kind not in TYPES:
        parser.error(f"unknown type {args.type!r}: use one of {', '.join(TYPES)}")
    if not SLUG_RE.match(args.slug):
        parser.error(f"{args.slug!r} is not a valid slug: use {SLUG_HELP}")
    if not (args.content / "taxonomy").is_dir():
        parser.error(f"{args.content} is not a content folder (no taxonomy/ in it)")
    folder = args.content / TYPES[kind]
    target = folder / f"{args.slug}.md"
    pdf = folder / f"{args.slug}.pdf"
    if target.exists() or (kind == "whitepaper" and pdf.exists()):
        print(f"new_content.py: {target} already exists", file=sys.stderr)
        return 1
    today = args.date or dt.date.today()
    title = args.title or args.slug.replace("-", " ").capitalize()
    values = {"title": json.dumps(title, ensure_ascii=False), "date": today, "slug": args.slug}
    if kind == "event":
        start, end = _event_times(today)
        extra = "stand_desks: false               # fairs: true when partners can book a desk\n"
        text = EVENT_TEMPLATE.format(
            **values, kind=args.kind, start=start, end=end, zone=EVENT_ZONE,
            place=ONLINE if args.kind == "webinar" else PLACE,
            extra=extra if args.kind == "fair" else "",
        )  # fmt: skip
    else:
        extra = f"file: {args.slug}.pdf              # the PDF beside this file\n"
        text = LIBRARY_TEMPLATE.format(**values, extra=extra if kind == "whitepaper" else "")
    folder.mkdir(parents=True, exist_ok=True)
    written = [target]
    if kind == "whitepaper":
        pdf.write_bytes(_placeholder_pdf(title))
        written.append(pdf)
    target.write_text(text, encoding="utf-8")
    _, problems = load_content(args.content, written)
    if problems:  # the templates themselves must always be valid
        print(format_problems(problems), file=sys.stderr)
        return 1
    placed = " and ".join(str(p) for p in written)
    where = LIBRARY_DIR if kind != "event" else EVENTS_DIR
    print(f"Created {placed} (a draft): fill it in, then run scripts/validate.py content/{where}")
    return 0
