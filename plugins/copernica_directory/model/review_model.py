"""Reviews: the record a review file may hold, the rules between its fields, and the dataclasses.

A review lives in `content/reviews/<partner-slug>/<id>.yaml`. It is written by the review tools
(import, approve, reject, respond) and read, like all content, only through the loader. Only
approved reviews are ever published; a rating counts approved reviews from invited customers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from copernica_directory.model import personal_data
from copernica_directory.model.review_settings import (
    CHECK_IDS,
    OUTCOMES,
    REVIEW_SETTINGS,
    STATUSES,
    UNKNOWN_PARTNER_FOLDER,
    VERIFICATIONS,
)
from copernica_directory.model.schema import (
    Boolean,
    Choice,
    Context,
    DateTime,
    Field,
    Integer,
    ListOf,
    Record,
    String,
)
from copernica_directory.model.yamlsource import Mapping, Node, Sequence

_S = REVIEW_SETTINGS

REVIEW_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
REVIEW_ID = String(
    max_len=64,
    pattern=REVIEW_ID_RE,
    pattern_help="letters, digits, '-' and '_' (the Netlify submission id)",
    want="a submission id",
)
EMAIL_HASH = String(
    min_len=1,
    max_len=64,
    pattern=re.compile(r"^[0-9a-f]{64}$"),
    pattern_help="64 lower-case hexadecimal digits (an HMAC-SHA-256 of the address)",
    want="a keyed hash of the email address, never the address",
)
INVITE_ID = String(
    min_len=1,
    max_len=32,
    pattern=re.compile(r"^[0-9a-f]{32}$"),
    pattern_help="32 lower-case hexadecimal digits (the id of the invitation used)",
    want="an invitation id",
)
MODERATOR = String(max_len=100, want="the moderator's name")
STATUS = Choice("review_statuses", want="a review status")

CHECK_RECORD = Record(
    fields=[
        Field("check", Choice("review_checks", want="a check id"), True, help="which check"),
        Field("outcome", Choice("review_outcomes", want="reject or flag"), True),
        Field("detail", String(max_len=_S.detail_max), False, help="what the check found"),
    ]
)
REDACTION_CONFIRMED = Field(
    "redaction_confirmed",
    Boolean(),
    False,
    False,
    help="the moderator checked that no personal data is left after the import removed some",
)
MODERATION_RECORD = Record(
    fields=[
        Field("by", MODERATOR, True, help="who decided"),
        Field("at", DateTime(), True, help="when, in UTC"),
        Field("reason", String(max_len=_S.reason_max), False, help="why (required to reject)"),
        REDACTION_CONFIRMED,
    ]
)
HISTORY_RECORD = Record(
    fields=[
        Field("status", STATUS, True, help="the status this decision set"),
        Field("by", MODERATOR, True),
        Field("at", DateTime(), True),
        Field("reason", String(max_len=_S.reason_max), False),
        REDACTION_CONFIRMED,
    ]
)
RESPONSE_RECORD = Record(
    fields=[
        Field(
            "body", String(max_len=_S.response_max), True, help="the partner's reply, plain text"
        ),
        Field("at", DateTime(), True, help="when the reply was added, in UTC"),
    ]
)

REVIEW_RECORD = Record(
    title="Review",
    fields=[
        Field("id", REVIEW_ID, True, help="the Netlify submission id; also the file name"),
        Field("partner", String(max_len=100), False, help="the partner's slug: the folder name"),
        Field("status", STATUS, True, help="pending, approved or rejected"),
        Field("verification", Choice("review_verifications", want="invited or unverified"), False, "unverified", help="invited: submitted with a valid one-time invitation"),
        Field("rating", Integer(_S.rating_min, _S.rating_max), False, help="1 to 5 stars"),
        Field("title", String(max_len=_S.title_max), False, help="the review's headline"),
        Field("body", String(max_len=_S.body_max), False, help="the review, plain text (never HTML)"),
        Field(
            "author",
            Record(
                fields=[
                    Field("name", String(max_len=_S.name_max), False, help="the reviewer's name"),
                    Field("company", String(max_len=_S.company_max), False, help="the reviewer's company"),
                ]
            ),
            False,
            help="name and optional company",
        ),
        Field("email_hash", EMAIL_HASH, False, help="HMAC-SHA-256 of the address; never the address"),
        Field("submitted", DateTime(), True, help="when it was submitted, UTC"),
        Field("lang", Choice("languages", want="an ISO 639-1 language code"), False, "en", help="the language it is written in"),
        Field("invite", INVITE_ID, False, help="the id of the invitation used (verified reviews)"),
        Field("checks", ListOf(CHECK_RECORD, max_items=3 * len(CHECK_IDS)), False, (), help="what the automatic checks found"),
        Field("moderation", MODERATION_RECORD, False, help="the latest decision: by, at, reason"),
        Field("history", ListOf(HISTORY_RECORD, max_items=50), False, (), help="earlier decisions, oldest first"),
        Field("response", RESPONSE_RECORD, False, help="the partner's public reply"),
    ],
)  # fmt: skip

REVIEW_VOCABULARIES = {
    "review_statuses": STATUSES,
    "review_verifications": VERIFICATIONS,
    "review_checks": CHECK_IDS,
    "review_outcomes": OUTCOMES,
}

# What a review that may be published (pending or approved) must have; a rejected one may lack
# them, because the import keeps every submission, including the empty and the broken.
_PUBLISHABLE = (
    ("rating", "the star rating"),
    ("title", "a title"),
    ("body", "the review text"),
    ("author.name", "the reviewer's name"),
    ("email_hash", "the hashed email address"),
)


def review_rules(
    values: dict[str, Any], node: Mapping, ctx: Context, folder: str, file_id: str
) -> None:
    """Rules between fields and with the file's place; each broken rule is one problem."""

    def at(*path: str) -> Node:
        """The value at `path`; for a mapping or list its key, the line a reader looks at."""
        found: Node = node
        for index, key in enumerate(path):
            if not isinstance(found, Mapping) or key not in found.entries:
                break
            key_node, value = found.entries[key]
            last = index == len(path) - 1
            found = key_node if last and isinstance(value, (Mapping, Sequence)) else value
        return found

    status_node = at("status")
    status = values["status"]
    if values["id"] != file_id:
        ctx.error(
            at("id"), "id", f"is {values['id']!r} but the file is {file_id}.yaml; they must match"
        )
    if folder == UNKNOWN_PARTNER_FOLDER:
        if status != "rejected":
            ctx.error(
                status_node,
                "status",
                f"a review in {UNKNOWN_PARTNER_FOLDER}/ names no known partner and stays rejected; "
                "to publish it, move it to content/reviews/<partner>/ and set partner",
            )
    elif values["partner"] is None:
        ctx.error(node, "partner", f"required field missing (the partner's slug, {folder!r})")
    elif values["partner"] != folder:
        ctx.error(
            at("partner"),
            "partner",
            f"is {values['partner']!r} but the file is in content/reviews/{folder}/; "
            "they must match",
        )

    if status in ("pending", "approved"):
        for name, what in _PUBLISHABLE:
            parent, _, child = name.partition(".")
            value = values.get(parent)
            if child:
                value = value.get(child) if isinstance(value, dict) else None
            if not value:
                ctx.error(
                    status_node,
                    name,
                    f"required for {_article(status)} {status} review ({what}); "
                    "only rejected reviews may lack it",
                )

    moderation = values["moderation"]
    if status == "pending" and moderation:
        ctx.error(
            at("moderation"),
            "moderation",
            "a pending review has no moderation yet; set status to approved or rejected, "
            "or remove moderation",
        )
    if status in ("approved", "rejected") and not moderation:
        ctx.error(
            status_node,
            "moderation",
            f"required for {_article(status)} {status} review: who decided (by) and when (at)",
        )
    if status == "rejected" and moderation and not moderation.get("reason"):
        ctx.error(
            at("moderation"), "moderation.reason", "required when a review is rejected: say why"
        )
    submitted = values["submitted"]
    if moderation and moderation["at"] < submitted:
        ctx.error(at("moderation", "at"), "moderation.at", "is before the review was submitted")

    response = values["response"]
    if response and status != "approved":
        ctx.error(
            at("response"),
            "response",
            f"a partner replies to approved reviews only; this review is {status}: remove response",
        )
    if response and response["at"] < submitted:
        ctx.error(at("response", "at"), "response.at", "is before the review was submitted")

    invited = values["verification"] == "invited"
    if invited and not values["invite"]:
        ctx.error(
            at("verification"),
            "invite",
            "required for an invited review: the id of the invitation used",
        )
    if values["invite"] and not invited:
        ctx.error(
            at("invite"),
            "invite",
            "only an invited review records an invitation; "
            "set verification: invited or remove invite",
        )
    for index, entry in enumerate(values["history"]):
        if entry["status"] == "pending":
            ctx.error(
                at("history"), f"history[{index}].status", "records decisions: approved or rejected"
            )
        if entry["status"] == "rejected" and not entry.get("reason"):
            ctx.error(
                at("history"), f"history[{index}].reason", "required for a rejection: say why"
            )
    if status == "approved":
        _no_personal_data(values, at, ctx)


# The free text of a review that is published, by its path in the file.
_PUBLISHED_TEXT = (
    ("title",),
    ("body",),
    ("author", "name"),
    ("author", "company"),
    ("response", "body"),
)


def _no_personal_data(values: dict[str, Any], at: Any, ctx: Context) -> None:
    """An approved review is published: no contact details or account numbers in its text
    (also when a file was edited by hand), and a redaction the import made was confirmed."""
    regions = personal_data.phone_regions([values["lang"]])
    for path in _PUBLISHED_TEXT:
        value: Any = values
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if not isinstance(value, str):
            continue
        _, counts = personal_data.redact(value, regions)
        if counts:
            markers = " or ".join(
                personal_data.MARKERS[k] for k in personal_data.KINDS if counts[k]
            )
            # What was found is never echoed: the message may end up in a public build log.
            ctx.error(
                at(*path),
                ".".join(path),
                f"holds {personal_data.describe(counts)}; an approved review is published and "
                f"may not contain personal data: replace it with {markers}",
            )
    moderation = values["moderation"] or {}
    flagged = any(c["check"] == "personal_data" for c in values["checks"])
    if flagged and not moderation.get("redaction_confirmed"):
        ctx.error(
            at("moderation"),
            "moderation.redaction_confirmed",
            "the import removed personal data from this review; approving it needs a moderator "
            "to confirm no personal data is left (scripts/reviews.py approve ID --by NAME "
            "--confirm-redaction)",
        )


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def paragraphs(text: str) -> list[str]:
    """Plain text split into paragraphs on blank lines; single line breaks stay inside."""
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]


@dataclass(frozen=True)
class Check:
    """What one automatic check found in a submission."""

    check: str
    outcome: str
    detail: str = ""


@dataclass(frozen=True)
class Author:
    name: str | None = None
    company: str | None = None


@dataclass(frozen=True)
class Moderation:
    """A moderation decision: who, when and (for a rejection) why."""

    by: str
    at: dt.datetime
    reason: str | None = None
    redaction_confirmed: bool = False


@dataclass(frozen=True)
class HistoryEntry:
    """An earlier decision, kept when a later one replaces it (the audit trail in the file)."""

    status: str
    by: str
    at: dt.datetime
    reason: str | None = None
    redaction_confirmed: bool = False


@dataclass(frozen=True)
class Response:
    """The partner's public reply."""

    body: str
    at: dt.datetime

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.body)


@dataclass(frozen=True)
class Review:
    """One review, in any status. Only approved ones are ever published."""

    id: str
    partner: str | None
    status: str
    submitted: dt.datetime
    verification: str = "unverified"
    rating: int | None = None
    title: str | None = None
    body: str | None = None
    author: Author = field(default_factory=Author)
    email_hash: str | None = None
    lang: str = "en"
    invite: str | None = None
    checks: tuple[Check, ...] = ()
    moderation: Moderation | None = None
    history: tuple[HistoryEntry, ...] = ()
    response: Response | None = None
    source: str = ""

    @property
    def verified(self) -> bool:
        """Submitted with a valid one-time invitation from the partner."""
        return self.verification == "invited"

    @property
    def published(self) -> bool:
        return self.status == "approved"

    @property
    def paragraphs(self) -> list[str]:
        """The text in paragraphs, for display as escaped plain text."""
        return paragraphs(self.body or "")

    @property
    def flags(self) -> tuple[Check, ...]:
        """Checks that ask a moderator to look (not verdicts)."""
        return tuple(c for c in self.checks if c.outcome == "flag")

    @classmethod
    def from_values(cls, values: dict[str, Any], source: str) -> Review:
        """Build from a validated REVIEW_RECORD result."""
        author = values["author"] or {}
        moderation = values["moderation"]
        response = values["response"]
        return cls(
            id=values["id"],
            partner=values["partner"],
            status=values["status"],
            submitted=values["submitted"],
            verification=values["verification"],
            rating=values["rating"],
            title=values["title"],
            body=values["body"],
            author=Author(author.get("name"), author.get("company")),
            email_hash=values["email_hash"],
            lang=values["lang"],
            invite=values["invite"],
            checks=tuple(
                Check(c["check"], c["outcome"], c["detail"] or "") for c in values["checks"]
            ),
            moderation=Moderation(**moderation) if moderation else None,
            history=tuple(HistoryEntry(**h) for h in values["history"]),
            response=Response(**response) if response else None,
            source=source,
        )


@dataclass(frozen=True)
class RatingSummary:
    """The published rating: approved reviews from invited customers only."""

    average: float
    count: int
    distribution: dict[int, int]

    def share(self, stars: int) -> int:
        """The percentage of reviews with `stars`, rounded."""
        return round(100 * self.distribution.get(stars, 0) / self.count) if self.count else 0


def rating_summary(reviews: Iterable[Review]) -> RatingSummary | None:
    """Average, count and distribution over approved, verified reviews; None if there are none."""
    ratings = [r.rating for r in reviews if r.published and r.verified and r.rating is not None]
    if not ratings:
        return None
    distribution = {stars: 0 for stars in range(_S.rating_min, _S.rating_max + 1)}
    for rating in ratings:
        distribution[rating] += 1
    return RatingSummary(round(sum(ratings) / len(ratings), 2), len(ratings), distribution)
