"""Reviews: content/reviews/<partner-slug>/<id>.yaml, every field and the rules between them.

A review is written by the review tools (import, approve, reject, respond) and read, like all
content, only through the loader. Only approved reviews are ever published; a rating counts
approved reviews from invited customers (Content.rating_of).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from copernica_directory.model import personal_data
from copernica_directory.model.declare import Declared, content_type, derived, field
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
    Integer,
    ListOf,
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
REVIEW_VOCABULARIES = {
    "review_statuses": STATUSES,
    "review_verifications": VERIFICATIONS,
    "review_checks": CHECK_IDS,
    "review_outcomes": OUTCOMES,
}
_REDACTION = "the moderator checked that no personal data is left after the import removed some"


def paragraphs(text: str) -> list[str]:
    """Plain text split into paragraphs on blank lines; single line breaks stay inside."""
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]


@content_type()
class Check(Declared):
    """What one automatic check found in a submission."""

    check: str = field(Choice("review_checks", want="a check id"), required=True, help="which check")  # fmt: skip
    outcome: str = field(Choice("review_outcomes", want="reject or flag"), required=True)
    detail: str = field(String(max_len=_S.detail_max), default="", help="what the check found")


@content_type()
class Author(Declared):
    name: str | None = field(String(max_len=_S.name_max), help="the reviewer's name")
    company: str | None = field(String(max_len=_S.company_max), help="the reviewer's company")


@content_type()
class Moderation(Declared):
    """A moderation decision: who, when and (for a rejection) why."""

    by: str = field(MODERATOR, required=True, help="who decided")
    at: dt.datetime = field(DateTime(), required=True, help="when, in UTC")
    reason: str | None = field(String(max_len=_S.reason_max), help="why (required to reject)")
    redaction_confirmed: bool = field(Boolean(), default=False, help=_REDACTION)


@content_type()
class HistoryEntry(Declared):
    """An earlier decision, kept when a later one replaces it (the audit trail in the file)."""

    status: str = field(STATUS, required=True, help="the status this decision set")
    by: str = field(MODERATOR, required=True)
    at: dt.datetime = field(DateTime(), required=True)
    reason: str | None = field(String(max_len=_S.reason_max))
    redaction_confirmed: bool = field(Boolean(), default=False, help=_REDACTION)


@content_type()
class Response(Declared):
    """The partner's public reply."""

    body: str = field(String(max_len=_S.response_max), required=True, help="the partner's reply, plain text")  # fmt: skip
    at: dt.datetime = field(DateTime(), required=True, help="when the reply was added, in UTC")

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.body)


@content_type("Review")
class Review(Declared):
    """One review, in any status. Only approved ones are ever published."""

    id: str = field(REVIEW_ID, required=True, help="the Netlify submission id; also the file name")
    partner: str | None = field(String(max_len=100), help="the partner's slug: the folder name")
    status: str = field(STATUS, required=True, help="pending, approved or rejected")
    verification: str = field(Choice("review_verifications", want="invited or unverified"), default="unverified", help="invited: submitted with a valid one-time invitation")  # fmt: skip
    rating: int | None = field(Integer(_S.rating_min, _S.rating_max), help="1 to 5 stars")
    title: str | None = field(String(max_len=_S.title_max), help="the review's headline")
    body: str | None = field(String(max_len=_S.body_max), help="the review, plain text (never HTML)")  # fmt: skip
    author: Author = field(Author.RECORD, default_factory=Author, help="name and optional company")
    email_hash: str | None = field(EMAIL_HASH, help="HMAC-SHA-256 of the address; never the address")  # fmt: skip
    submitted: dt.datetime = field(DateTime(), required=True, help="when it was submitted, UTC")
    lang: str = field(Choice("languages", want="an ISO 639-1 language code"), default="en", help="the language it is written in")  # fmt: skip
    invite: str | None = field(INVITE_ID, help="the id of the invitation used (verified reviews)")
    checks: tuple[Check, ...] = field(ListOf(Check.RECORD, max_items=3 * len(CHECK_IDS)), default=(), help="what the automatic checks found")  # fmt: skip
    moderation: Moderation | None = field(Moderation.RECORD, help="the latest decision: by, at, reason")  # fmt: skip
    history: tuple[HistoryEntry, ...] = field(ListOf(HistoryEntry.RECORD, max_items=50), default=(), help="earlier decisions, oldest first")  # fmt: skip
    response: Response | None = field(Response.RECORD, help="the partner's public reply")
    source: str = derived("the file it was read from, as shown in messages", default="")

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


# ---------- the rules between fields ----------

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
