"""A partner replies by pull request to its own approved reviews only (real git repositories)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import write

from copernica_directory.prchecks.ownership import STAFF_FILE, check_ownership

PARTNER = """\
name: Acme
website: https://www.acme.example
tagline: Tag
description: Text
brands: [copernica]
expertise: [training]
languages: [en]
location: {city: Utrecht, country: NL}
contact: {email: hi@acme.example}
maintainers: [acme-bob]
"""
REVIEW = """\
id: {id}
partner: acme
rating: 5
title: Great
body: Very good.
status: {status}
"""
REPLY = "response:\n  body: Thank you!\n  at: 2026-11-01T10:00:00Z\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "Test")
    write(repo / STAFF_FILE, "staff: [staff-anna]\n")
    write(repo / "content/partners/acme/partner.yaml", PARTNER)
    for status in ("approved", "pending", "rejected"):
        write(repo / f"content/reviews/acme/{status}.yaml", REVIEW.format(id=status, status=status))
    write(
        repo / "content/reviews/acme/answered.yaml",
        REVIEW.format(id="answered", status="rejected") + REPLY,
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "tag", "base")
    return repo


def verdicts(repo: Path, author: str = "acme-bob") -> dict[str, str]:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")
    return {
        v.path.rsplit("/", 1)[1]: v.reason if not v.allowed else "ok"
        for v in check_ownership(repo, author, "base", "HEAD")
    }


def test_a_reply_to_an_approved_review_is_allowed(repo: Path) -> None:
    path = repo / "content/reviews/acme/approved.yaml"
    path.write_text(path.read_text() + REPLY)
    assert verdicts(repo) == {"approved.yaml": "ok"}


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_reply_to_a_review_that_is_not_approved_is_refused(repo: Path, status: str) -> None:
    path = repo / f"content/reviews/acme/{status}.yaml"
    path.write_text(path.read_text() + REPLY)
    assert verdicts(repo) == {
        f"{status}.yaml": f"a reply can be added to an approved review only; this one is {status}"
    }


def test_changing_a_reply_on_a_rejected_review_is_refused_but_removing_it_is_not(
    repo: Path,
) -> None:
    path = repo / "content/reviews/acme/answered.yaml"
    path.write_text(path.read_text().replace("Thank you!", "Call us!"))
    assert verdicts(repo)["answered.yaml"].startswith("a reply can be added to an approved")
    path.write_text(REVIEW.format(id="answered", status="rejected"))
    assert verdicts(repo) == {"answered.yaml": "ok"}


def test_staff_may_still_change_any_review(repo: Path) -> None:
    path = repo / "content/reviews/acme/pending.yaml"
    path.write_text(path.read_text() + REPLY)
    assert verdicts(repo, "staff-anna") == {"pending.yaml": "ok"}
