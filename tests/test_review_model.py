"""Review files in the content model: every rule, with its line, column and message."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, write

from copernica_directory.model import Problem, load_content
from copernica_directory.model.review import Review, rating_summary

HASH = "3958f6631f0f2865fb637f2f130e97e1a86ee13958278abea68e48a9a3413ece"
PENDING = f"""\
id: 5f1a2b3c4d5e6f7a8b9c0d1e
partner: maasmail
status: pending
verification: unverified
rating: 4
title: Solid technical help
body: |-
  They fixed our bounces.

  And explained why.
author:
  name: Jan Jansen
  company: Jansen BV
email_hash: {HASH}
submitted: 2026-05-01T10:00:00Z
lang: en
"""
APPROVED = PENDING.replace("status: pending", "status: approved") + (
    "moderation:\n  by: Eva\n  at: 2026-05-02T09:00:00Z\n"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The real taxonomies and two real partners, no reviews."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "taxonomy", root / "taxonomy")
    for slug in ("maasmail", "grachtwerk"):
        shutil.copytree(CONTENT / "partners" / slug, root / "partners" / slug)
    return root


def review_file(site: Path, text: str, slug: str = "maasmail", name: str = "") -> Path:
    name = name or "5f1a2b3c4d5e6f7a8b9c0d1e"
    return write(site / "reviews" / slug / f"{name}.yaml", text)


def problems_for(site: Path, text: str, **where: str) -> list[tuple[int, int, str, str]]:
    review_file(site, text, **where)
    _, problems = load_content(site)
    return [(p.line, p.col, p.field, p.message) for p in problems]


def test_a_valid_review_loads(site: Path) -> None:
    review_file(site, APPROVED)
    content, problems = load_content(site)
    assert problems == []
    review = content.reviews["5f1a2b3c4d5e6f7a8b9c0d1e"]
    assert review.submitted == dt.datetime(2026, 5, 1, 10, tzinfo=dt.UTC)
    assert review.paragraphs == ["They fixed our bounces.", "And explained why."]
    assert review.moderation and review.moderation.by == "Eva"
    assert content.reviews_of("maasmail") == (review,)


def test_only_approved_reviews_reach_the_partner_newest_first(site: Path) -> None:
    for index, (status, day) in enumerate(
        [("approved", 3), ("pending", 9), ("approved", 7), ("rejected", 8), ("approved", 5)]
    ):
        text = APPROVED if status == "approved" else PENDING
        if status == "rejected":
            text = APPROVED.replace("approved", "rejected") + "  reason: spam\n"
        text = text.replace("2026-05-01", f"2026-05-0{day}").replace("2026-05-02", "2026-05-10")
        review_id = f"r{index}"
        review_file(site, text.replace("5f1a2b3c4d5e6f7a8b9c0d1e", review_id), name=review_id)
    content, problems = load_content(site)
    assert problems == []
    assert len(content.reviews) == 5
    assert [r.id for r in content.reviews_of("maasmail")] == ["r2", "r4", "r0"]


def test_rating_counts_approved_verified_reviews_only() -> None:
    def review(rating: int, status: str = "approved", verification: str = "invited") -> Review:
        when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        return Review(
            id="x",
            partner="p",
            status=status,
            submitted=when,
            verification=verification,
            rating=rating,
        )

    assert rating_summary([review(5, verification="unverified"), review(4, "pending")]) is None
    summary = rating_summary(
        [
            review(5),
            review(4),
            review(4),
            review(1, verification="unverified"),
            review(2, "rejected"),
        ]
    )
    assert summary is not None
    assert (summary.average, summary.count) == (4.33, 3)
    assert summary.distribution == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}
    assert (summary.share(4), summary.share(5), summary.share(1)) == (67, 33, 0)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("rating: 4", "rating: 6"),
            [(5, 9, "rating", "6 is out of range; expected a whole number from 1 to 5")],
        ),
        (
            ("rating: 4", 'rating: "4"'),
            [(5, 9, "rating", "expected a whole number from 1 to 5, got the string '4'")],
        ),
        (
            ("status: approved", "status: published"),
            [
                (
                    3,
                    9,
                    "status",
                    "'published' is not a review status. Allowed: pending, approved, rejected",
                )
            ],
        ),
        (
            ("partner: maasmail", "partner: grachtwerk"),
            [
                (
                    2,
                    10,
                    "partner",
                    "is 'grachtwerk' but the file is in content/reviews/maasmail/; they must match",
                )
            ],
        ),
        (
            ("id: 5f1a2b3c4d5e6f7a8b9c0d1e", "id: 5f1a2b3c4d5e6f7a8b9c0d1f"),
            [
                (
                    1,
                    5,
                    "id",
                    "is '5f1a2b3c4d5e6f7a8b9c0d1f' but the file is 5f1a2b3c4d5e6f7a8b9c0d1e.yaml; "
                    "they must match",
                )
            ],
        ),
        (
            (f"email_hash: {HASH}", "email_hash: jan@example.org"),
            [
                (
                    14,
                    13,
                    "email_hash",
                    "'jan@example.org' is not allowed: use 64 lower-case hexadecimal digits "
                    "(an HMAC-SHA-256 of the address)",
                )
            ],
        ),
        (
            ("submitted: 2026-05-01T10:00:00Z", "submitted: 2026-05-01T10:00:00"),
            [
                (
                    15,
                    12,
                    "submitted",
                    "2026-05-01T10:00:00 has no time zone; expected a date and time in UTC, "
                    "e.g. 2026-03-14T10:22:31Z",
                )
            ],
        ),
        (
            ("  at: 2026-05-02T09:00:00Z", "  at: 2026-04-02T09:00:00Z"),
            [(19, 7, "moderation.at", "is before the review was submitted")],
        ),
        (
            ("moderation:\n  by: Eva\n  at: 2026-05-02T09:00:00Z\n", ""),
            [
                (
                    3,
                    9,
                    "moderation",
                    "required for an approved review: who decided (by) and when (at)",
                )
            ],
        ),
        (
            ("rating: 4\n", ""),
            [
                (
                    3,
                    9,
                    "rating",
                    "required for an approved review (the star rating); "
                    "only rejected reviews may lack it",
                )
            ],
        ),
        (
            ("email_hash", "email"),
            [
                (
                    14,
                    1,
                    "email",
                    "unknown field. Did you mean 'email_hash'? Allowed fields: id, partner, "
                    "status, verification, rating, title, body, author, email_hash, submitted, "
                    "lang, invite, checks, moderation, history, response",
                )
            ],
        ),
        (
            ("verification: unverified", "verification: invited"),
            [
                (
                    4,
                    15,
                    "invite",
                    "required for an invited review: the id of the invitation used",
                )
            ],
        ),
        (
            ("lang: en", "lang: xx"),
            [(16, 7, "lang", "'xx' is not an ISO 639-1 language code. See the ISO 639-1 list")],
        ),
    ],
)
def test_rules_report_line_column_and_field(
    site: Path, change: tuple[str, str], expected: list[tuple[int, int, str, str]]
) -> None:
    old, new = change
    assert old in APPROVED
    found = problems_for(site, APPROVED.replace(old, new))
    assert [(line, col, field) for line, col, field, _ in found] == [
        (line, col, field) for line, col, field, _ in expected
    ]
    for (_, _, _, message), (_, _, _, want) in zip(found, expected, strict=True):
        assert message.startswith(want.split(" See ")[0]), message


def test_rejected_needs_a_reason_and_pending_no_decision(site: Path) -> None:
    rejected = APPROVED.replace("status: approved", "status: rejected")
    assert problems_for(site, rejected) == [
        (17, 1, "moderation.reason", "required when a review is rejected: say why")
    ]
    pending = PENDING + "moderation:\n  by: Eva\n  at: 2026-05-02T09:00:00Z\n"
    assert problems_for(site, pending)[0][2:] == (
        "moderation",
        "a pending review has no moderation yet; set status to approved or rejected, "
        "or remove moderation",
    )


def test_a_reply_needs_an_approved_review(site: Path) -> None:
    reply = "response:\n  body: Thanks!\n  at: 2026-05-03T10:00:00Z\n"
    assert problems_for(site, APPROVED + reply) == []
    rejected = APPROVED.replace("status: approved", "status: rejected") + "  reason: spam\n"
    for status, text in (("pending", PENDING), ("rejected", rejected)):
        line = len(text.splitlines()) + 1
        assert problems_for(site, text + reply) == [
            (
                line,
                1,
                "response",
                f"a partner replies to approved reviews only; this review is {status}: "
                "remove response",
            )
        ]


def test_files_in_the_wrong_place(site: Path) -> None:
    found = problems_for(site, APPROVED.replace("maasmail", "gone"), slug="gone")
    assert found[0][3].startswith("no partner 'gone': a review folder is named after a folder")
    write(site / "reviews" / "maasmail" / "notes.txt", "hello")
    write(site / "reviews" / "README.md", "hello")
    write(site / "reviews" / "maasmail" / ".5f1a.yaml.abc.tmp", "half a fi")  # ignored
    _, problems = load_content(site)
    unexpected = sorted(p.path.split("reviews/")[1] for p in problems if "unexpected" in p.message)
    assert unexpected == ["README.md", "maasmail/notes.txt"]


def test_the_unknown_folder_holds_rejected_submissions_only(site: Path) -> None:
    text = APPROVED.replace("partner: maasmail", "partner: no-such-agency")
    rejected = text.replace("status: approved", "status: rejected") + "  reason: no partner\n"
    assert problems_for(site, rejected, slug="_unknown") == []
    found = problems_for(site, text, slug="_unknown")
    assert [(f[0], f[2]) for f in found] == [(3, "status")]
    assert "names no known partner and stays rejected" in found[0][3]


def test_the_same_id_twice(site: Path) -> None:
    review_file(site, APPROVED)
    review_file(site, APPROVED.replace("maasmail", "grachtwerk"), slug="grachtwerk")
    _, problems = load_content(site)
    assert [p.field for p in problems] == ["id"]
    assert "is also the id of" in problems[0].message


def test_yaml_problems_are_caught_as_for_any_content(site: Path) -> None:
    found = problems_for(site, APPROVED + "title: twice\n")
    assert found == [(20, 1, "title", "duplicate key; 'title' is already set on line 6")]


def test_validator_cli_reports_review_files(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = next((content / "reviews" / "maasmail").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("rating: 5", "rating: 7", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("rating:"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--content", "content"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.strip() == (
        f"content/reviews/maasmail/{path.name}:{line}:9: rating: 7 is out of range; "
        "expected a whole number from 1 to 5"
    )
    only = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), str(path.relative_to(tmp_path))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert only.returncode == 1 and "rating: 7 is out of range" in only.stdout


def test_sample_reviews_are_valid_and_varied() -> None:
    content, problems = load_content(CONTENT)
    assert problems == [], [p.format_text() for p in problems]
    reviews = list(content.reviews.values())
    statuses = {r.status for r in reviews}
    assert statuses == {"pending", "approved", "rejected"}
    charted = [
        p for p in content.partners.values() if (r := content.rating_of(p.slug)) and r.count >= 3
    ]
    assert len(charted) >= 3
    approved = [r for r in reviews if r.status == "approved"]
    assert any(r.lang == "nl" for r in approved)
    assert any(r.response for r in approved)
    assert sum(not r.verified for r in approved) >= 2
    assert all(len(r.email_hash or "") == 64 for r in reviews)
    assert not [p for p in problems if isinstance(p, Problem)]
