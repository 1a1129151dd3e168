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


# git's modes (what a tree entry is), as `git diff --raw` writes them.
REGULAR_MODES = frozenset({"100644", "100755"})
SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"  # a submodule: a commit of another repository
DELETED_MODE = "000000"


def changed_entries(repo: Path, base: str, head: str) -> list[tuple[str, str]]:
    """Every path added, changed or deleted from the merge base of base and head to head,
    with its mode in head (DELETED_MODE when deleted), sorted by path.

    The mode comes from git's own record of the change, so a link is seen as a link without
    anything being checked out or followed. Renames are listed as a deletion and an addition,
    so both paths are checked.
    """
    out = _git(repo, "diff", "--raw", "-z", "--no-renames", "--no-abbrev", f"{base}...{head}")
    fields = out.split("\0")
    entries: dict[str, str] = {}
    # -z: ":<old mode> <new mode> <old id> <new id> <status>" NUL "<path>" NUL, repeated.
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        if meta.startswith(":") and path:
            entries[path] = meta[1:].split(" ")[1]
    return sorted(entries.items())


def changed_paths(repo: Path, base: str, head: str) -> list[str]:
    """Every path added, changed or deleted from the merge base of base and head to head.

    Renames are listed as a deletion and an addition, so both paths are checked.
    """
    return [path for path, _ in changed_entries(repo, base, head)]


def read_file(repo: Path, rev: str, path: str) -> str | None:
    """A file's text at a revision, or None when it does not exist there."""
    try:
        return _git(repo, "show", f"{rev}:{path}")
    except GitError:
        return None
