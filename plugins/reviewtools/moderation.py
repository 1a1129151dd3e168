"""Moderation: the queue, and the legal moves between statuses.

    pending  --approve-->  approved  --reject (with reason)-->  rejected
    pending  --reject--->  rejected  --approve (with reason)--> approved

A decision replaces `moderation` and moves the one before it to `history`, so the file itself
(and git) keeps who decided what, when and why. Approving twice or rejecting twice is refused.
A partner's reply (`respond`) is added to approved reviews only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from partnermodel import Content
from partnermodel.review_model import HistoryEntry, Moderation, Response, Review


class TransitionError(Exception):
    """The requested change is not allowed from the review's current state."""


def _when(moderation: Moderation) -> str:
    return f"by {moderation.by} on {moderation.at.date().isoformat()}"


def _history(review: Review) -> tuple[HistoryEntry, ...]:
    previous = review.moderation
    if previous is None:
        return review.history
    entry = HistoryEntry(review.status, previous.by, previous.at, previous.reason)
    return (*review.history, entry)


def approve(review: Review, by: str, now: dt.datetime, reason: str | None = None) -> Review:
    """Publish a pending review, or overturn a rejection (which needs a reason)."""
    if review.status == "approved":
        assert review.moderation is not None
        raise TransitionError(f"{review.id} is already approved ({_when(review.moderation)})")
    if review.status == "rejected" and not reason:
        assert review.moderation is not None
        raise TransitionError(
            f"{review.id} was rejected ({_when(review.moderation)}: {review.moderation.reason}); "
            "approving it overturns that decision: say why with --reason"
        )
    return dataclasses.replace(
        review,
        status="approved",
        moderation=Moderation(by, now, reason or None),
        history=_history(review),
    )


def reject(review: Review, by: str, reason: str, now: dt.datetime) -> Review:
    """Reject a pending review, or withdraw an approved one; both need a reason."""
    if review.status == "rejected":
        assert review.moderation is not None
        raise TransitionError(f"{review.id} is already rejected ({_when(review.moderation)})")
    if not reason.strip():
        raise TransitionError("a rejection needs a reason (--reason)")
    return dataclasses.replace(
        review,
        status="rejected",
        moderation=Moderation(by, now, reason),
        history=_history(review),
    )


def respond(review: Review, body: str, now: dt.datetime, replace: bool = False) -> Review:
    """Add (or with `replace`, change) the partner's public reply to an approved review."""
    if review.status != "approved":
        raise TransitionError(
            f"{review.id} is {review.status}; a partner replies to approved reviews only"
        )
    if review.response and not replace:
        day = review.response.at.date().isoformat()
        raise TransitionError(
            f"{review.id} already has a reply (from {day}); use --replace to change it"
        )
    return dataclasses.replace(review, response=Response(body, now))


def pending_queue(content: Content) -> list[Review]:
    """Pending reviews, oldest first: the moderator's work list."""
    pending = [r for r in content.reviews.values() if r.status == "pending"]
    return sorted(pending, key=lambda r: (r.submitted, r.id))
