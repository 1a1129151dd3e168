"""check_ownership on real git repositories made in a temporary folder."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write

from copernica_directory.prchecks.ownership import STAFF_FILE, check_ownership

PARTNER = """\
name: {name}
website: https://www.{slug}.example
tagline: Tag
description: Text
brands: [copernica]
expertise: [training]
languages: [en]
location: {{city: Utrecht, country: NL}}
contact: {{email: hi@{slug}.example}}
maintainers: [{maintainers}]
"""
REVIEW = """\
id: sub-1
partner: acme
rating: 5
title: Great
body: Very good.
status: approved
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "Test")
    write(repo / STAFF_FILE, "staff: [staff-anna]\n")
    write(
        repo / "content/partners/acme/partner.yaml",
        PARTNER.format(name="Acme", slug="acme", maintainers="acme-bob, Acme-Carol"),
    )
    write(
        repo / "content/partners/other/partner.yaml",
        PARTNER.format(name="Other", slug="other", maintainers="other-dave"),
    )
    write(repo / "content/reviews/acme/sub-1.yaml", REVIEW)
    write(repo / "theme/templates/base.html", "<html></html>\n")
    commit(repo, "base")
    git(repo, "tag", "base")
    return repo


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def refused(repo: Path, author: str) -> dict[str, str]:
    return {
        v.path: v.reason for v in check_ownership(repo, author, "base", "HEAD") if not v.allowed
    }


def test_maintainer_may_change_own_folder(repo: Path) -> None:
    path = repo / "content/partners/acme/partner.yaml"
    path.write_text(path.read_text().replace("Tag", "New tag"))
    write(repo / "content/partners/acme/logo.svg", "<svg/>")
    commit(repo, "edit")
    assert refused(repo, "acme-bob") == {}
    assert refused(repo, "acme-carol") == {}  # logins compare case-insensitively


def test_other_partner_folder_is_refused(repo: Path) -> None:
    path = repo / "content/partners/other/partner.yaml"
    path.write_text(path.read_text().replace("Tag", "Hacked"))
    commit(repo, "edit other")
    assert refused(repo, "acme-bob") == {
        "content/partners/other/partner.yaml": "the profile 'other' is maintained by other-dave"
    }


def test_pr_cannot_add_its_own_author_as_maintainer(repo: Path) -> None:
    path = repo / "content/partners/other/partner.yaml"
    path.write_text(path.read_text().replace("other-dave", "other-dave, mallory"))
    commit(repo, "add myself")
    assert "content/partners/other/partner.yaml" in refused(repo, "mallory")


def test_new_partner_folder_needs_author_among_maintainers(repo: Path) -> None:
    write(
        repo / "content/partners/newco/partner.yaml",
        PARTNER.format(name="New", slug="newco", maintainers="newco-eve"),
    )
    commit(repo, "new partner")
    assert refused(repo, "newco-eve") == {}
    assert refused(repo, "mallory") == {
        "content/partners/newco/partner.yaml": "a new partner folder must list you (mallory) "
        "under maintainers in partner.yaml"
    }


def test_rename_counts_for_both_paths(repo: Path) -> None:
    git(repo, "mv", "content/partners/other", "content/partners/acme-two")
    commit(repo, "take over")
    result = refused(repo, "acme-bob")
    assert "content/partners/other/partner.yaml" in result
    assert "content/partners/acme-two/partner.yaml" in result


def test_deleting_another_profile_is_refused(repo: Path) -> None:
    git(repo, "rm", "-q", "content/partners/other/partner.yaml")
    commit(repo, "delete")
    assert list(refused(repo, "acme-bob")) == ["content/partners/other/partner.yaml"]


def test_partner_may_reply_to_its_reviews_only(repo: Path) -> None:
    path = repo / "content/reviews/acme/sub-1.yaml"
    path.write_text(REVIEW + "response:\n  body: Thank you!\n  at: 2026-11-01T10:00:00Z\n")
    commit(repo, "reply")
    assert refused(repo, "acme-bob") == {}
    assert "content/reviews/acme/sub-1.yaml" in refused(repo, "other-dave")


def test_partner_may_not_change_rating_or_text(repo: Path) -> None:
    path = repo / "content/reviews/acme/sub-1.yaml"
    path.write_text(REVIEW.replace("rating: 5", "rating: 1").replace("Very good.", "Meh."))
    commit(repo, "edit review")
    assert refused(repo, "acme-bob") == {
        "content/reviews/acme/sub-1.yaml": "you may change only 'response', not body, rating"
    }


def test_partner_may_not_add_reviews_templates_or_staff(repo: Path) -> None:
    write(repo / "content/reviews/acme/sub-2.yaml", REVIEW.replace("sub-1", "sub-2"))
    write(repo / "theme/templates/base.html", "<script>alert(1)</script>")
    write(repo / STAFF_FILE, "staff: [staff-anna, acme-bob]\n")
    write(repo / ".github/workflows/x.yml", "on: push\n")
    commit(repo, "everything")
    result = refused(repo, "acme-bob")
    assert result == {
        ".github/staff.yaml": "only Copernica staff may change this file",
        ".github/workflows/x.yml": "only Copernica staff may change this file",
        "content/reviews/acme/sub-2.yaml": "reviews are added and removed by the moderators only",
        "theme/templates/base.html": "only Copernica staff may change this file",
    }


def test_staff_may_change_anything(repo: Path) -> None:
    write(repo / "theme/templates/base.html", "<html lang=en></html>")
    git(repo, "rm", "-q", "content/partners/other/partner.yaml")
    commit(repo, "staff")
    assert refused(repo, "staff-anna") == {}


def test_cli_through_its_entry_point(repo: Path) -> None:
    path = repo / "content/partners/other/partner.yaml"
    path.write_text(path.read_text().replace("Tag", "Hacked"))
    commit(repo, "edit other")
    script = str(ROOT / "scripts" / "check_ownership.py")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, script, *args], cwd=repo, capture_output=True, text=True, check=False
        )

    result = run("--author", "acme-bob", "--base", "base")
    assert result.returncode == 1
    assert result.stdout == (
        "content/partners/other/partner.yaml: not yours to change: "
        "the profile 'other' is maintained by other-dave\n"
    )
    assert run("--author", "other-dave", "--base", "base").returncode == 0
    assert run("--author", "x", "--base", "no-such-rev").returncode == 2
    assert run("--base", "base").returncode == 2


def test_codeowners_lists_exactly_the_staff() -> None:
    staff = re.findall(r"^\s+- (\S+)", (ROOT / STAFF_FILE).read_text(), re.M)
    owners = re.findall(r"@(\S+)", (ROOT / ".github" / "CODEOWNERS").read_text())
    assert staff and sorted(staff) == sorted(owners)


# ---------- nothing but regular files under content/, for anyone ----------

LINK_REASON = (
    "this is a symbolic link; nothing under content/ may be a link (the build would read "
    "whatever it points to): commit the file itself"
)


def link(path: Path, target: str) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


@pytest.mark.parametrize(
    "target",
    ["/proc/self/environ", "/home/runner/.netrc", "../other/partner.yaml", "partner.yaml"],
)
def test_own_profile_replaced_by_a_link_is_refused_for_everyone(repo: Path, target: str) -> None:
    link(repo / "content/partners/acme/partner.yaml", target)
    commit(repo, "link")
    # The link's mode in git is 120000; its target is not read or followed.
    assert git(repo, "ls-tree", "HEAD", "content/partners/acme/partner.yaml").startswith("120000")
    for author in ("acme-bob", "staff-anna", "mallory"):
        result = refused(repo, author)
        assert result["content/partners/acme/partner.yaml"] == LINK_REASON, author


def test_logo_linked_to_another_partners_logo_is_refused(repo: Path) -> None:
    write(repo / "content/partners/other/logo.svg", "<svg/>")
    commit(repo, "other's logo")
    git(repo, "tag", "-f", "base")
    link(repo / "content/partners/acme/logo.svg", "../other/logo.svg")
    commit(repo, "borrow a logo")
    assert refused(repo, "acme-bob") == {"content/partners/acme/logo.svg": LINK_REASON}


@pytest.mark.parametrize(
    "path", ["content/partners/newco", "content/cases", "content/reviews/acme/sub-2.yaml"]
)
def test_new_link_anywhere_under_content_is_refused(repo: Path, path: str) -> None:
    link(repo / path, "/etc")
    commit(repo, "link")
    assert refused(repo, "staff-anna") == {path: LINK_REASON}


def test_file_changed_into_a_link_is_refused(repo: Path) -> None:
    # A type change (git status T), not an addition.
    link(repo / "content/reviews/acme/sub-1.yaml", "../../partners/other/partner.yaml")
    commit(repo, "type change")
    diff = git(repo, "diff", "--raw", "--no-renames", "base...HEAD")
    assert " T\t" in diff
    assert refused(repo, "acme-bob") == {"content/reviews/acme/sub-1.yaml": LINK_REASON}


def test_whole_content_folder_replaced_by_a_link_is_refused(repo: Path) -> None:
    git(repo, "rm", "-rq", "content")
    link(repo / "content", "/etc")
    commit(repo, "content is elsewhere")
    assert refused(repo, "staff-anna") == {"content": LINK_REASON}


def test_submodule_under_content_is_refused(repo: Path) -> None:
    commit_id = git(repo, "rev-parse", "HEAD")
    git(
        repo,
        "update-index",
        "--add",
        "--cacheinfo",
        f"160000,{commit_id},content/partners/acme/sub",
    )
    git(repo, "commit", "-q", "-m", "submodule")
    assert refused(repo, "staff-anna") == {
        "content/partners/acme/sub": "this is a submodule; content/ holds regular files only: "
        "commit the files"
    }


def test_executable_file_and_removed_link_are_fine(repo: Path) -> None:
    link(repo / "content/partners/acme/logo.svg", "../other/logo.svg")
    commit(repo, "a link already in base (before this check existed)")
    git(repo, "tag", "-f", "base")
    (repo / "content/partners/acme/logo.svg").unlink()
    path = repo / "content/partners/acme/partner.yaml"
    path.chmod(0o755)
    commit(repo, "remove the link, make the profile executable")
    assert refused(repo, "acme-bob") == {}


def test_link_outside_content_is_left_to_ownership(repo: Path) -> None:
    link(repo / "theme/templates/extra.html", "base.html")
    commit(repo, "staff link in the theme")
    assert refused(repo, "staff-anna") == {}
    assert refused(repo, "acme-bob") == {
        "theme/templates/extra.html": "only Copernica staff may change this file"
    }


def test_cli_says_a_link_is_refused_for_everyone(repo: Path) -> None:
    link(repo / "content/partners/acme/partner.yaml", "/proc/self/environ")
    commit(repo, "link")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_ownership.py"), "--author",
         "staff-anna", "--base", "base"],
        cwd=repo, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == f"content/partners/acme/partner.yaml: refused: {LINK_REASON}\n"
    assert "environ" not in result.stdout + result.stderr
    assert result.stderr == "1 may not be in content/ at all (not regular files)\n"
