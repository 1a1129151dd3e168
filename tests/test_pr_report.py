"""The pull-request report on a real git repository holding the sample content."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, write

from prchecks.report import MARKER, build_report


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(CONTENT, repo / "content")
    write(repo / ".github" / "staff.yaml", "staff: [copernica-partnerteam]\n")
    # Someone else's file is already broken on the base branch.
    other = repo / "content/partners/fjordvarsel/partner.yaml"
    other.write_text(other.read_text().replace('country: "NO"', "country: NO"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.email=t@e.com", "-c", "user.name=T", "add", "-A")
    git(repo, "-c", "user.email=t@e.com", "-c", "user.name=T", "commit", "-q", "-m", "base")
    git(repo, "tag", "base")
    return repo


def commit(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.email=t@e.com", "-c", "user.name=T", "commit", "-q", "-m", "change")


def maintainer(repo: Path, slug: str) -> str:
    text = (repo / f"content/partners/{slug}/partner.yaml").read_text()
    return text.split("maintainers: [")[1].split("]")[0].split(",")[0].strip()


def test_clean_change_passes_and_ignores_others_broken_files(repo: Path) -> None:
    path = repo / "content/partners/maasmail/partner.yaml"
    path.write_text(path.read_text().replace("name: MaasMail", "name: MaasMail BV"))
    commit(repo)
    report = build_report(
        repo, maintainer(repo, "maasmail"), "base", "HEAD", "https://preview.example/"
    )
    assert report.ok
    text = report.markdown()
    assert text.startswith(MARKER)
    assert "✅ All checks passed" in text
    assert "fjordvarsel" not in text
    assert "https://preview.example/" in text


def test_problems_and_foreign_files_are_explained(repo: Path) -> None:
    path = repo / "content/partners/maasmail/partner.yaml"
    path.write_text(path.read_text().replace("brands:", "brandz:"))
    other = repo / "content/partners/datadijk/partner.yaml"
    other.write_text(other.read_text().replace("name: ", "name: Hacked "))
    commit(repo)
    report = build_report(repo, maintainer(repo, "maasmail"), "base", "HEAD")
    assert not report.ok
    text = report.markdown()
    assert "❌ 2 things to fix" in text
    assert "| `content/partners/maasmail/partner.yaml` |" in text
    assert "`brandz` | unknown field. Did you mean 'brands'?" in text
    assert (
        "- `content/partners/datadijk/partner.yaml`: the profile 'datadijk' is maintained by"
        in text
    )
    assert "fjordvarsel" not in text


def test_cli_writes_the_comment_and_exit_code(repo: Path) -> None:
    path = repo / "content/partners/maasmail/partner.yaml"
    path.write_text(path.read_text().replace("brands:", "brandz:"))
    commit(repo)
    out = repo.parent / "comment.md"
    script = str(ROOT / "scripts" / "pr_report.py")
    author = maintainer(repo, "maasmail")
    result = subprocess.run(
        [sys.executable, script, "--author", author, "--base", "base", "--output", str(out)],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "brandz" in out.read_text()
