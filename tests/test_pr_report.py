"""The pull-request gate on real git repositories holding the sample content: one verdict from
ownership, the whole content tree and the site build, the same in the exit status and in the
comment (read as GitHub renders it)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BUILD_DATE, CONTENT, ROOT, few_partners_copy, write
from gfm import seen

from copernica_directory.prchecks import comment
from copernica_directory.prchecks.history import extract
from copernica_directory.prchecks.report import MARKER, build_report

SCRIPT = str(ROOT / "scripts" / "pr_report.py")
STAFF = "copernica-partnerteam"
MAASMAIL = "maasmail-ops"  # a maintainer of content/partners/maasmail/ in the sample content
FJORDVARSEL = CONTENT / "partners" / "fjordvarsel" / "partner.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=t@e.com", "-c", "user.name=T", *args],
        capture_output=True,
        text=True,
        check=True,
    )


def commit(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def make_repo(path: Path, site: bool = False) -> Path:
    """The sample content with a quarter of its partners (every kind of file and relation the
    scenarios change; with `site`, the settings and theme too) as a repository's base. Each
    scenario validates the tree twice, and the gate builds the site."""
    few_partners_copy(path / "content")
    write(path / ".github" / "staff.yaml", f"staff: [{STAFF}]\n")
    if site:
        shutil.copy(ROOT / "pelican.conf.py", path / "pelican.conf.py")
        shutil.copytree(ROOT / "theme", path / "theme")
        (path / "plugins").symlink_to(ROOT / "plugins")  # the code under test, not committed
    git(path, "init", "-q", "-b", "main")
    write(path / ".git" / "info" / "exclude", "plugins\n")
    commit(path, "base")
    git(path, "tag", "base")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_cli(repo: Path, author: str, *extra: str) -> tuple[int, str, dict | None]:
    """The CLI as the workflow runs it: exit status, the comment it wrote, its data."""
    out, data = repo.parent / "comment.md", repo.parent / "report.json"
    result = subprocess.run(
        [
            *(sys.executable, SCRIPT, "--author", author, "--base", "base", "--head", "HEAD"),
            *("--output", str(out), "--data", str(data), *extra),
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "BUILD_DATE": BUILD_DATE},
    )
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, out.read_text(encoding="utf-8"), comment.load_data(data)


# ---------- the scenarios: a change, who makes it, and whether the merge may go ahead ----------


def clean_change(repo: Path) -> str:
    edit(repo, "content/partners/maasmail/partner.yaml", "name: MaasMail", "name: MaasMail BV")
    return MAASMAIL


def field_typo(repo: Path) -> str:
    edit(repo, "content/partners/maasmail/partner.yaml", "brands:", "brandz:")
    return MAASMAIL


def foreign_profile(repo: Path) -> str:
    edit(repo, "content/partners/datadijk/partner.yaml", "name: ", "name: Hacked ")
    return MAASMAIL


def rename_own_folder(repo: Path) -> str:
    git(repo, "mv", "content/partners/maasmail", "content/partners/maasmail-bv")
    return MAASMAIL


def delete_own_folder(repo: Path) -> str:
    git(repo, "rm", "-q", "-r", "content/partners/maasmail")
    return MAASMAIL


def broken_base(repo: Path) -> str:
    # Someone else's file is broken on the base branch; the pull request itself is clean.
    edit(repo, "content/partners/fjordvarsel/partner.yaml", 'country: "NO"', "country: NO")
    commit(repo, "broken on main")
    git(repo, "tag", "-f", "base")
    return clean_change(repo)


SCENARIOS: dict[str, tuple[Callable[[Path], str], bool]] = {
    "clean change": (clean_change, True),
    "unknown field": (field_typo, False),
    "another partner's profile": (foreign_profile, False),
    "own folder renamed": (rename_own_folder, False),
    "own folder deleted": (delete_own_folder, False),
    "base branch already broken": (broken_base, False),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_exit_status_and_comment_always_agree(repo: Path, name: str) -> None:
    change, passes = SCENARIOS[name]
    author = change(repo)
    commit(repo)
    status, text, data = run_cli(repo, author)
    assert (status == 0) is passes
    assert comment.verdict(data) is passes
    shown = seen(text)
    assert ("All checks passed" in shown) is passes
    assert (re.search(r"❌ \d+ things? to fix", shown) is None) is passes
    # The comment job renders the same data into the same comment.
    assert comment.render(data) == text
    assert text.startswith(MARKER)


def test_clean_change_passes_with_the_preview(repo: Path) -> None:
    clean_change(repo)
    commit(repo)
    report = build_report(repo, MAASMAIL, "base", "HEAD", "https://preview.example/")
    assert report.ok
    shown = seen(report.markdown())
    assert "All checks passed" in shown
    assert "Content: every file in content/ is valid ✅ passed" in shown
    assert "Site build ➖ not run here" in shown
    assert "https://preview.example/" in shown


def test_problems_and_foreign_files_are_explained(repo: Path) -> None:
    field_typo(repo)
    foreign_profile(repo)
    commit(repo)
    report = build_report(repo, MAASMAIL, "base", "HEAD")
    assert not report.ok
    shown = seen(report.markdown())
    assert "2 things to fix" in shown
    assert "Problems in the files you changed." in shown
    assert (
        "content/partners/maasmail/partner.yaml 20 brandz unknown field. Did you mean 'brands'?"
        in shown
    )
    assert (
        "content/partners/datadijk/partner.yaml: the profile 'datadijk' is maintained by" in shown
    )
    assert "fjordvarsel" not in shown


def test_renaming_own_folder_lists_the_orphaned_reviews_it_causes(repo: Path) -> None:
    rename_own_folder(repo)
    commit(repo)
    report = build_report(repo, MAASMAIL, "base", "HEAD")
    assert report.refused == []  # the maintainer may move its own files...
    caused = {f.problem.path for f in report.found if f.origin == "caused"}
    # ...but the reviews and the case filed under the old name break, untouched.
    assert caused == {
        "content/cases/webshop-deliverability-recovery.md",
        *(
            f"content/reviews/maasmail/{p.name}"
            for p in (repo / "content/reviews/maasmail").glob("*.yaml")
        ),
    }
    reviews = len(list((CONTENT / "reviews" / "maasmail").glob("*.yaml")))
    shown = seen(report.markdown())
    assert "Problems your change causes in files you did not change." in shown
    assert (
        "You renamed content/partners/maasmail/ to content/partners/maasmail-bv/. The folder "
        f"name is your profile's address (/partners/maasmail/) and its {reviews} reviews are "
        "filed under it (content/reviews/maasmail/)" in shown
    )
    assert "ask the partner team to rename it" in shown
    assert "keep the folder's name" in shown


def test_deleting_own_profile_asks_for_the_partner_team(repo: Path) -> None:
    delete_own_folder(repo)
    commit(repo)
    report = build_report(repo, MAASMAIL, "base", "HEAD")
    assert not report.ok
    shown = seen(report.markdown())
    assert "You deleted content/partners/maasmail/." in shown
    assert "ask the partner team if your profile should go" in shown
    assert "content/reviews/maasmail/" in shown


def test_renaming_a_folder_nothing_refers_to_passes_with_a_note(repo: Path) -> None:
    # bolgen-digital has no reviews and no cases: nothing breaks, but its address changes.
    assert not (CONTENT / "reviews" / "bolgen-digital").exists()
    git(repo, "mv", "content/partners/bolgen-digital", "content/partners/bolgen")
    commit(repo)
    status, text, _ = run_cli(repo, "bolgen-digital")
    assert status == 0
    shown = seen(text)
    assert "All checks passed" in shown
    assert "address changes from /partners/bolgen-digital/ to /partners/bolgen/" in shown


def test_problems_already_on_the_base_are_not_blamed_on_the_change(repo: Path) -> None:
    author = broken_base(repo)
    commit(repo)
    report = build_report(repo, author, "base", "HEAD")
    assert [f.origin for f in report.found] == ["base"]
    shown = seen(report.markdown())
    assert "Problems already on the base branch, not caused by your change." in shown
    line = FJORDVARSEL.read_text(encoding="utf-8").splitlines().index('  country: "NO"') + 1
    assert f"content/partners/fjordvarsel/partner.yaml {line} location.country" in shown
    assert "Problems your change causes" not in shown


def test_a_change_that_breaks_another_file_is_caught_there(repo: Path) -> None:
    # Staff remove an expertise still used by profiles nobody touched.
    edit(repo, "content/taxonomy/expertise.yaml", "training:", "trainings:")
    commit(repo)
    status, text, data = run_cli(repo, STAFF)
    assert status == 1
    assert data is not None
    origins = {p["origin"] for p in data["problems"]}
    assert origins == {"caused"}
    assert "Problems your change causes in files you did not change." in seen(text)


def test_cli_misuse_exits_2(repo: Path) -> None:
    result = subprocess.run(
        [sys.executable, SCRIPT, "--author", "x", "--base", "no-such-rev"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "pr_report.py: error:" in result.stderr


# ---------- with the site build: the gate CI runs ----------


@pytest.fixture
def site_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", site=True)


def test_gate_builds_the_site_and_passes(site_repo: Path) -> None:
    author = clean_change(site_repo)
    commit(site_repo)
    status, text, data = run_cli(site_repo, author, "--build")
    assert status == 0, text
    assert data is not None and data["build"]["status"] == "passed"
    assert "Site build ✅ the site builds" in seen(text)


def test_gate_fails_when_the_build_fails_and_shows_its_messages(site_repo: Path) -> None:
    # Valid content, a theme that does not compile: only the build can tell.
    edit(site_repo, "theme/templates/base.html", "</body>", "{% endif %}</body>")
    commit(site_repo)
    status, text, data = run_cli(site_repo, STAFF, "--build")
    assert status == 1
    assert data is not None and data["build"]["status"] == "failed"
    shown = seen(text)
    assert "1 thing to fix" in shown
    assert "Site build ❌ the site does not build" in shown
    assert "The site build failed. Its own messages:" in shown
    assert any("endif" in line for line in data["build"]["lines"]), data["build"]
    assert "Traceback" not in text


def test_gate_does_not_build_content_it_already_refused(site_repo: Path) -> None:
    author = field_typo(site_repo)
    commit(site_repo)
    status, text, data = run_cli(site_repo, author, "--build")
    assert status == 1
    assert data is not None and data["build"]["status"] == "skipped"
    assert "Site build ⏸️ not run: it needs valid content first" in seen(text)


def test_annotations_name_file_and_line(repo: Path) -> None:
    field_typo(repo)
    commit(repo)
    result = subprocess.run(
        [
            *(sys.executable, SCRIPT, "--author", MAASMAIL, "--base", "base", "--annotations"),
            *("--data", str(repo.parent / "r.json")),
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=content/partners/maasmail/partner.yaml,line=20,col=1,title=brandz::"
    )
    assert json.loads((repo.parent / "r.json").read_text())["problems"][0]["field"] == "brandz"


def test_base_tree_is_extracted_without_links_out_of_it(tmp_path: Path) -> None:
    repo = tmp_path / "links"
    write(repo / "content/partners/x/partner.yaml", "name: X\n")
    (repo / "content/partners/x/logo.svg").symlink_to("/etc/hostname")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "base")
    root = extract(repo, "HEAD", "content", tmp_path / "out")
    assert (root / "partners/x/partner.yaml").read_text() == "name: X\n"
    assert not (root / "partners/x/logo.svg").exists()
    assert not (root / "partners/x/logo.svg").is_symlink()
