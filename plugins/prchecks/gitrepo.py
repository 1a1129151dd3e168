"""The few git questions the pull-request checks ask, answered by the git command."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git refused: an unknown revision, or not a repository."""


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def resolve(repo: Path, rev: str) -> str:
    """The commit a revision names."""
    return _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()


def changed_paths(repo: Path, base: str, head: str) -> list[str]:
    """Every path added, changed or deleted from the merge base of base and head to head.

    Renames are listed as a deletion and an addition, so both paths are checked.
    """
    out = _git(repo, "diff", "--name-only", "--no-renames", "-z", f"{base}...{head}")
    return sorted(p for p in out.split("\0") if p)


def read_file(repo: Path, rev: str, path: str) -> str | None:
    """A file's text at a revision, or None when it does not exist there."""
    try:
        return _git(repo, "show", f"{rev}:{path}")
    except GitError:
        return None
