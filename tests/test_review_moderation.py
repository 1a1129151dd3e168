"""Moderation through the real CLI: the queue, and every transition, legal and illegal."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from review_helpers import KEY, fresh_content, run, submission

from copernica_directory.model import load_content
from copernica_directory.model.review import Review
from copernica_directory.reviews import moderation
from copernica_directory.reviews.importer import import_submissions
from copernica_directory.reviews.privacy import keys_from_env

KEYS = keys_from_env({"REVIEW_HASH_KEY": KEY})
FIRST, SECOND, SPAM = (
    "0000000000000000000000a1",
    "0000000000000000000000a2",
    "0000000000000000000000a3",
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = fresh_content(tmp_path)
    items = [
        submission(sub_id=SECOND, created="2026-05-02T10:00:00Z", body="See www.example.com"),
        submission(sub_id=FIRST, created="2026-05-01T10:00:00Z", partner="grachtwerk"),
        submission(sub_id=SPAM, created="2026-05-03T10:00:00Z", rating="9", **{"bot-field": "x"}),
    ]
    import_submissions(root, items, KEYS, durable=False)
    return root


def review(content: Path, review_id: str) -> Review:
    loaded, problems = load_content(content)
    assert problems == [], [p.format_text() for p in problems]
    return loaded.reviews[review_id]


def cli(content: Path, *args: str):
    return run(content.parent, *args)


def test_queue_lists_pending_oldest_first_with_flags(content: Path) -> None:
    result = cli(content, "queue")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2 reviews waiting for moderation, oldest first:"
    ids = [line.split()[0] for line in lines if line[:1].isalnum() and "UTC" in line]
    assert ids == [FIRST, SECOND]
    assert "flags: links (1 link: www.example.com)" in result.stdout
    assert SPAM not in result.stdout

    data = json.loads(cli(content, "queue", "--json").stdout)
    assert [r["id"] for r in data] == [FIRST, SECOND]
    assert data[1]["flags"] == [{"check": "links", "detail": "1 link: www.example.com"}]
    assert data[0]["path"].endswith(f"reviews/grachtwerk/{FIRST}.yaml")
    assert set(data[0]) >= {"partner", "rating", "title", "body", "author", "verification"}


def test_empty_queue_and_broken_files(content: Path) -> None:
    for review_id in (FIRST, SECOND):
        assert cli(content, "reject", review_id, "--by", "Eva", "--reason", "test").returncode == 0
    assert cli(content, "queue").stdout.strip() == "No reviews waiting for moderation."
    assert json.loads(cli(content, "queue", "--json").stdout) == []
    broken = content / "reviews" / "maasmail" / "0000000000000000000000ff.yaml"
    broken.write_text("id: [", encoding="utf-8")
    result = cli(content, "queue")
    assert result.returncode == 1 and "not valid YAML" in result.stderr


def test_approve_pending_then_not_again(content: Path) -> None:
    result = cli(content, "approve", FIRST, "--by", "Eva Lindqvist")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"approved {FIRST}: ")
    approved = review(content, FIRST)
    assert approved.status == "approved"
    assert approved.moderation and approved.moderation.by == "Eva Lindqvist"
    assert abs(approved.moderation.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    before = Path(approved.source).read_bytes()
    again = cli(content, "approve", FIRST, "--by", "Tom")
    assert again.returncode == 1
    assert f"{FIRST} is already approved (by Eva Lindqvist on " in again.stderr
    assert Path(approved.source).read_bytes() == before


def test_reject_pending_and_not_twice(content: Path) -> None:
    result = cli(content, "reject", SECOND, "--by", "Eva", "--reason", "Advertising")
    assert result.returncode == 0, result.stderr
    rejected = review(content, SECOND)
    assert rejected.status == "rejected" and rejected.moderation
    assert (rejected.moderation.by, rejected.moderation.reason) == ("Eva", "Advertising")
    assert rejected.history == ()
    again = cli(content, "reject", SECOND, "--by", "Eva", "--reason", "Still advertising")
    assert again.returncode == 1 and "already rejected" in again.stderr


def test_withdrawing_an_approved_review_needs_a_reason_and_is_recorded(content: Path) -> None:
    assert cli(content, "approve", FIRST, "--by", "Eva").returncode == 0
    assert cli(content, "reject", FIRST, "--by", "Tom").returncode == 2  # --reason required
    assert cli(content, "reject", FIRST, "--by", "Tom", "--reason", " ").returncode == 2
    result = cli(content, "reject", FIRST, "--by", "Tom", "--reason", "Asked to withdraw")
    assert result.returncode == 0, result.stderr
    withdrawn = review(content, FIRST)
    assert withdrawn.status == "rejected"
    assert withdrawn.moderation and withdrawn.moderation.reason == "Asked to withdraw"
    assert [(h.status, h.by) for h in withdrawn.history] == [("approved", "Eva")]


def test_overturning_a_rejection_needs_a_reason(content: Path) -> None:
    assert (
        cli(content, "reject", SECOND, "--by", "Eva", "--reason", "Looks like spam").returncode == 0
    )
    refused = cli(content, "approve", SECOND, "--by", "Tom")
    assert refused.returncode == 1
    assert "approving it overturns that decision: say why with --reason" in refused.stderr
    result = cli(content, "approve", SECOND, "--by", "Tom", "--reason", "Checked: a real customer")
    assert result.returncode == 0, result.stderr
    approved = review(content, SECOND)
    assert approved.status == "approved"
    assert [(h.status, h.reason) for h in approved.history] == [("rejected", "Looks like spam")]


def test_an_automatic_rejection_without_a_rating_cannot_be_approved(content: Path) -> None:
    result = cli(content, "approve", SPAM, "--by", "Eva", "--reason", "Looks fine")
    assert result.returncode == 1
    assert "rating: required for an approved review" in result.stderr
    assert "nothing changed" in result.stderr
    assert review(content, SPAM).status == "rejected"


def test_partner_reply(content: Path) -> None:
    pending = cli(content, "respond", FIRST, "--body", "Thanks!")
    assert pending.returncode == 1
    assert "is pending; a partner replies to approved reviews only" in pending.stderr
    assert cli(content, "approve", FIRST, "--by", "Eva").returncode == 0
    result = cli(content, "respond", FIRST, "--body", "Thank you!\n\nSee you soon.")
    assert result.returncode == 0, result.stderr
    replied = review(content, FIRST)
    assert replied.response and replied.response.paragraphs == ["Thank you!", "See you soon."]
    twice = cli(content, "respond", FIRST, "--body", "Changed my mind")
    assert twice.returncode == 1 and "use --replace" in twice.stderr
    assert cli(content, "respond", FIRST, "--body", "Changed", "--replace").returncode == 0
    assert review(content, FIRST).response.body == "Changed"  # type: ignore[union-attr]
    assert cli(content, "respond", FIRST, "--body", "  ").returncode == 2
    assert cli(content, "respond", FIRST, "--body", "x" * 2001).returncode == 2


def test_misuse(content: Path) -> None:
    missing = cli(content, "approve", "nope", "--by", "Eva")
    assert missing.returncode == 2 and "no review with id 'nope'" in missing.stderr
    assert cli(content, "approve", FIRST).returncode == 2  # --by required
    assert cli(content, "approve", FIRST, "--by", "").returncode == 2
    assert cli(content, "frobnicate").returncode == 2
    assert cli(content, "queue", "--content", "nowhere").returncode == 2
    assert cli(content, "--help").returncode == 0


def test_transitions_as_functions() -> None:
    now = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    pending = Review(
        id="r1",
        partner="maasmail",
        status="pending",
        submitted=now - dt.timedelta(days=1),
        rating=4,
    )
    approved = moderation.approve(pending, "Eva", now)
    with pytest.raises(moderation.TransitionError):
        moderation.approve(approved, "Eva", now)
    rejected = moderation.reject(approved, "Tom", "withdrawn", now)
    assert [h.status for h in rejected.history] == ["approved"]
    with pytest.raises(moderation.TransitionError):
        moderation.reject(rejected, "Tom", "again", now)
    with pytest.raises(moderation.TransitionError):
        moderation.approve(rejected, "Eva", now)
    back = moderation.approve(rejected, "Eva", now, reason="mistake")
    assert [h.status for h in back.history] == ["approved", "rejected"]
    with pytest.raises(moderation.TransitionError):
        moderation.respond(pending, "hi", now)
    with pytest.raises(moderation.TransitionError):
        moderation.reject(pending, "Tom", "", now)
