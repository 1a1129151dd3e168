"""Moderation: the queue, and the legal moves between statuses.

    pending  --approve-->  approved  --reject (with reason)-->  rejected
    pending  --reject--->  rejected  --approve (with reason)--> approved

A decision replaces `moderation` and moves the one before it to `history`, so the file itself
(and git) keeps who decided what, when and why. Approving twice or rejecting twice is refused.
A review from which the import removed personal data is approved only when the moderator
confirms that none is left (`confirm_redaction`); the confirmation is kept in the decision.
A partner's reply (`respond`) is added to approved reviews only, and withdrawing a review
removes its reply (git keeps it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from copernica_directory.model import Content
from copernica_directory.model.review import HistoryEntry, Moderation, Response, Review


class TransitionError(Exception):
    """The requested change is not allowed from the review's current state."""


def _when(moderation: Moderation) -> str:
    return f"by {moderation.by} on {moderation.at.date().isoformat()}"


def _history(review: Review) -> tuple[HistoryEntry, ...]:
    previous = review.moderation
    if previous is None:
        return review.history
    entry = HistoryEntry(
        status=review.status,
        by=previous.by,
        at=previous.at,
        reason=previous.reason,
        redaction_confirmed=previous.redaction_confirmed,
    )
    return (*review.history, entry)


def redactions(review: Review) -> str:
    """What the import removed as personal data ("" when nothing was)."""
    return "; ".join(
        c.detail or "personal data" for c in review.checks if c.check == "personal_data"
    )


def approve(
    review: Review,
    by: str,
    now: dt.datetime,
    reason: str | None = None,
    confirm_redaction: bool = False,
) -> Review:
    """Publish a pending review, or overturn a rejection (which needs a reason). A review the
    import removed personal data from needs `confirm_redaction`."""
    if review.status == "approved":
        assert review.moderation is not None
        raise TransitionError(f"{review.id} is already approved ({_when(review.moderation)})")
    if review.status == "rejected" and not reason:
        assert review.moderation is not None
        raise TransitionError(
            f"{review.id} was rejected ({_when(review.moderation)}: {review.moderation.reason}); "
            "approving it overturns that decision: say why with --reason"
        )
    removed = redactions(review)
    if removed and not confirm_redaction:
        raise TransitionError(
            f"{review.id} is flagged for personal data ({removed}): read {review.source or 'it'}, "
            "make sure no personal data is left, then approve with --confirm-redaction"
        )
    return dataclasses.replace(
        review,
        status="approved",
        moderation=Moderation(
            by=by, at=now, reason=reason or None, redaction_confirmed=bool(removed)
        ),
        history=_history(review),
    )


def reject(review: Review, by: str, reason: str, now: dt.datetime) -> Review:
    """Reject a pending review, or withdraw an approved one; both need a reason."""
    if review.status == "rejected":
        assert review.moderation is not None
        raise TransitionError(f"{review.id} is already rejected ({_when(review.moderation)})")
    if not reason.strip():
        raise TransitionError("a rejection needs a reason (--reason)")
    # Replies belong to published reviews only; the withdrawn reply stays in git's history.
    return dataclasses.replace(
        review,
        status="rejected",
        moderation=Moderation(by=by, at=now, reason=reason),
        history=_history(review),
        response=None,
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
    return dataclasses.replace(review, response=Response(body=body, at=now))


def pending_queue(content: Content) -> list[Review]:
    """Pending reviews, oldest first: the moderator's work list."""
    pending = [r for r in content.reviews.values() if r.status == "pending"]
    return sorted(pending, key=lambda r: (r.submitted, r.id))
