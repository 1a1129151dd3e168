"""The content library and events: their front matter records, the rules between fields, and
the dataclasses the build uses.

A library item is `content/library/<type>/<slug>.md` (types: articles, best-practices,
whitepapers); a whitepaper's PDF and any cover image sit beside it. An event is
`content/events/<slug>.md`. Every item has a `status` (draft or published) and a `date`: it is
published by the first build on or after that date, and never while it is a draft.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from copernica_directory.model.logos import logo_problems
from copernica_directory.model.pdf import MAX_PDF_BYTES, pdf_problems
from copernica_directory.model.problems import Problem
from copernica_directory.model.schema import (
    Boolean,
    Choice,
    Context,
    Date,
    Field,
    FileRef,
    ListOf,
    OffsetDateTime,
    Record,
    String,
    TimeZoneName,
    Url,
)
from copernica_directory.model.vocab import DEFAULT_LANGUAGE, SITE_LANGUAGES_SPELLED
from copernica_directory.model.yamlsource import Mapping, Node, Sequence

LIBRARY_TYPES = ("articles", "best-practices", "whitepapers")
STATUSES = ("draft", "published")
# attribution: partners may copy it with the attribution and link back; whitelabel: also
# without our brand; none: partners may link to it, not copy it.
REUSE_MODES = ("attribution", "whitelabel", "none")
EVENT_KINDS = ("seminar", "fair", "webinar")
COVER_EXTENSIONS = ("svg", "png", "webp")
ATTACHMENT_EXTENSIONS = ("pdf", *COVER_EXTENSIONS)
BRAND = "Copernica"  # what a white-label copy must not mention
MAX_EVENT_DAYS = 14  # longer is a typo in a date, not an event
LIBRARY_VOCABULARIES = {
    "library_statuses": STATUSES,
    "reuse_modes": REUSE_MODES,
    "event_kinds": EVENT_KINDS,
}

_STATUS = Field(
    "status",
    Choice("library_statuses", want="draft or published"),
    True,
    help="draft (never published) or published",
)
_LANG = Field(
    "lang",
    Choice("site_languages", want="a site language"),
    False,
    DEFAULT_LANGUAGE,
    help=f"the language it is written in: {SITE_LANGUAGES_SPELLED}",
)
_SUMMARY = Field(
    "summary", String(max_len=300), True, help="one or two sentences, at most 300 characters"
)
_EXPERTISE = Field(
    "expertise",
    ListOf(Choice("expertise", want="an expertise id")),
    False,
    (),
    help="ids from content/taxonomy/expertise.yaml",
)
_COVER = Field(
    "cover",
    FileRef(COVER_EXTENSIONS, max_bytes=500_000, check=logo_problems),
    False,
    help="an image beside this file: .svg, .png or .webp, at most 500 kB",
)

_LIBRARY_FIELDS = [
    Field("title", String(max_len=150), True, help="the headline"),
    Field(
        "date",
        Date(),
        True,
        help="publication date, YYYY-MM-DD; a future date publishes on that day",
    ),
    _SUMMARY,
    _LANG,
    _STATUS,
    Field("author", String(max_len=100), False, help="who wrote it"),
    _EXPERTISE,
    Field(
        "industries",
        ListOf(Choice("industries", want="an industry id")),
        False,
        (),
        help="ids from content/taxonomy/industries.yaml",
    ),
    Field(
        "reuse",
        Choice("reuse_modes", want="a reuse mode"),
        False,
        "attribution",
        help="attribution (default), whitelabel or none: what partners may do with it",
    ),
    _COVER,
]
LIBRARY_RECORD = Record(title="Library item (article or best practice)", fields=_LIBRARY_FIELDS)
WHITEPAPER_RECORD = Record(
    title="Whitepaper",
    fields=[
        *_LIBRARY_FIELDS,
        Field(
            "file",
            FileRef(("pdf",), max_bytes=MAX_PDF_BYTES, check=pdf_problems),
            True,
            help="the PDF beside this file, at most 10 MB",
        ),
    ],
)
EVENT_RECORD = Record(
    title="Event",
    fields=[
        Field("title", String(max_len=150), True, help="the event's name"),
        Field("date", Date(), True, help="when the announcement is published, YYYY-MM-DD"),
        _SUMMARY,
        _LANG,
        _STATUS,
        Field("kind", Choice("event_kinds", want="an event kind"), True, help="seminar, fair or webinar"),
        Field("start", OffsetDateTime(), True, help="local start with its UTC offset: 2027-01-21T13:00:00+01:00"),
        Field("end", OffsetDateTime(), True, help="local end with its UTC offset"),
        Field("timezone", TimeZoneName(), False, help="the IANA time zone of the place, e.g. Europe/Amsterdam"),
        Field("venue", String(max_len=150), True, help="where: the venue's name, or Online"),
        Field("address", String(max_len=200), False, help="street address of the venue"),
        Field("city", String(max_len=100), False, help="the city (not needed for webinars)"),
        Field("country", Choice("countries", want="an ISO 3166-1 alpha-2 country code (upper case, e.g. NL)"), False, help="ISO 3166-1 alpha-2 (not needed for webinars)"),
        Field("registration", Url(), True, help="https:// address where visitors register"),
        Field("stand_desks", Boolean(), False, False, help="fairs: true when partners can book a desk on the Copernica stand"),
        Field("desk_booking", Url(), False, help="https:// address where partners book a desk"),
        _EXPERTISE,
        _COVER,
    ],
)  # fmt: skip


def record_for(library_type: str) -> Record:
    """The front matter record of a library folder."""
    return WHITEPAPER_RECORD if library_type == "whitepapers" else LIBRARY_RECORD


def _at(node: Mapping, name: str) -> Node:
    """A field's value node, or its key for lists and mappings; the mapping when absent."""
    if name not in node.entries:
        return node
    key, value = node.entries[name]
    return key if isinstance(value, (Mapping, Sequence)) else value


_BRAND_RE = re.compile(re.escape(BRAND), re.I)


# Raw HTML (a tag or a comment) and link targets outside code: in a library item they would
# reach partners unsanitised through the Markdown copy, so the text must be plain Markdown.
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
_HTML = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SAFE_TARGET = re.compile(r"^(?:https?:|mailto:|/|#|$)", re.I)


def markdown_problems(body: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for each line of the body with raw HTML or an unsafe link."""
    problems = []
    fence = None
    for number, line in enumerate(body.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = None if fence == marker else (fence or marker)
            continue
        if fence or line.startswith(("    ", "\t")):
            continue  # code: shown as text
        visible = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        html = _HTML.search(visible)
        if html:
            problems.append(
                (number, html.start() + 1, f"HTML ({html[0][:30]!r}) is not allowed in library items: partners copy the text as Markdown; write it in Markdown")
            )  # fmt: skip
        for link in _LINK_TARGET.finditer(visible):
            target = link[1] if link[1] is not None else link[2]
            if not _SAFE_TARGET.match(target):
                col = link.start(1 if link[1] is not None else 2) + 1
                problems.append(
                    (number, col, f"the link {target[:40]!r} is not allowed: use https://, mailto: or a path on this site")
                )  # fmt: skip
    return problems


def library_rules(
    values: dict[str, Any], node: Mapping, ctx: Context, body: str, body_offset: int
) -> None:
    """Rules between fields and the body: plain Markdown only (partners copy it as it is), and
    a white-label item never names our brand."""
    for number, col, message in markdown_problems(body):
        ctx.problems.append(Problem(ctx.path, body_offset + number, col, "body", message))
    if values["reuse"] != "whitelabel":
        return
    why = (
        f"mentions {BRAND}, but reuse is whitelabel: partners publish it under their own brand. "
        "Write 'the platform', or set reuse: attribution"
    )
    for name in ("title", "summary"):
        if _BRAND_RE.search(values[name] or ""):
            ctx.error(_at(node, name), name, why)
    for number, line in enumerate(body.splitlines(), start=1):
        match = _BRAND_RE.search(line)
        if match:
            line, col = body_offset + number, match.start() + 1
            ctx.problems.append(Problem(ctx.path, line, col, "body", f"the text {why}"))
            break  # one is enough to explain it


def _offset_text(offset: dt.timedelta | None) -> str:
    minutes = int((offset or dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def event_rules(values: dict[str, Any], node: Mapping, ctx: Context) -> None:
    """Rules between an event's fields; each broken rule is one problem."""
    start, end, kind = values["start"], values["end"], values["kind"]
    if end <= start:
        ctx.error(_at(node, "end"), "end", f"is not after start ({start.isoformat()})")
    elif end - start > dt.timedelta(days=MAX_EVENT_DAYS):
        days = (end - start).days
        limit = f"check the dates (an event lasts at most {MAX_EVENT_DAYS} days)"
        ctx.error(_at(node, "end"), "end", f"is {days} days after start; {limit}")
    if values["timezone"]:
        zone = ZoneInfo(values["timezone"])
        for name in ("start", "end"):
            moment = values[name]
            expected = moment.replace(tzinfo=zone).utcoffset()
            if expected != moment.utcoffset():
                fixed = moment.replace(tzinfo=dt.timezone(expected or dt.timedelta()))
                ctx.error(
                    _at(node, name),
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
        ctx.error(_at(node, "stand_desks"), "stand_desks", why)
    if values["desk_booking"] and not values["stand_desks"]:
        why = "set stand_desks: true when partners can book a desk"
        ctx.error(_at(node, "desk_booking"), "desk_booking", why)


@dataclass
class LibraryItem:
    """An article, best practice or whitepaper, in any status (see `is_live`)."""

    type: str
    slug: str
    title: str
    date: dt.date
    summary: str
    status: str
    body_html: str
    body_markdown: str
    lang: str = "en"
    author: str | None = None
    expertise: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    reuse: str = "attribution"
    cover: str | None = None
    file: str | None = None
    file_bytes: int | None = None
    source: str = ""

    @property
    def key(self) -> str:
        """`<type>/<slug>`: unique across the library."""
        return f"{self.type}/{self.slug}"

    def is_live(self, today: dt.date) -> bool:
        """Published, and its date has come."""
        return self.status == "published" and self.date <= today

    @classmethod
    def from_values(
        cls,
        library_type: str,
        slug: str,
        values: dict[str, Any],
        body_markdown: str,
        body_html: str,
        file_bytes: int | None,
        source: str,
    ) -> LibraryItem:
        """Build from a validated LIBRARY_RECORD or WHITEPAPER_RECORD result."""
        return cls(
            type=library_type,
            slug=slug,
            body_markdown=body_markdown,
            body_html=body_html,
            file_bytes=file_bytes,
            source=source,
            title=values["title"],
            date=values["date"],
            summary=values["summary"],
            status=values["status"],
            lang=values["lang"],
            author=values["author"],
            expertise=values["expertise"] or (),
            industries=values["industries"] or (),
            reuse=values["reuse"],
            cover=values["cover"],
            file=values.get("file"),
        )


@dataclass
class Event:
    """A seminar, fair or webinar; times keep the offset they were written with."""

    slug: str
    title: str
    date: dt.date
    summary: str
    status: str
    kind: str
    start: dt.datetime
    end: dt.datetime
    venue: str
    registration: str
    body_html: str
    lang: str = "en"
    timezone: str | None = None
    address: str | None = None
    city: str | None = None
    country: str | None = None
    stand_desks: bool = False
    desk_booking: str | None = None
    expertise: tuple[str, ...] = ()
    cover: str | None = None
    source: str = ""

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

    @classmethod
    def from_values(cls, slug: str, values: dict[str, Any], body_html: str, source: str) -> Event:
        """Build from a validated EVENT_RECORD result."""
        return cls(
            slug=slug,
            body_html=body_html,
            source=source,
            **{**values, "expertise": values["expertise"] or ()},
        )
