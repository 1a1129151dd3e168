"""What a revision held: the files in a folder, and its content tree as files to validate."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from copernica_directory.prchecks.gitrepo import GitError


def _git_bytes(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout


def files_under(repo: Path, rev: str, folder: str) -> list[str]:
    """Every file path under `folder` at `rev` (none when the folder is not there)."""
    out = _git_bytes(repo, "ls-tree", "-r", "--name-only", "-z", rev, "--", folder)
    return sorted(p for p in out.decode("utf-8", "replace").split("\0") if p)


def extract(repo: Path, rev: str, folder: str, target: Path) -> Path:
    """Write `folder` as it is at `rev` below `target`; returns target/folder.

    Only the base revision is extracted (already merged, so trusted), and still through
    tarfile's `data` filter: no links out of the target, no devices, no odd permissions; a
    member it refuses is skipped.
    """
    if not files_under(repo, rev, folder):
        (target / folder).mkdir(parents=True, exist_ok=True)
        return target / folder
    archive = _git_bytes(repo, "archive", "--format=tar", rev, "--", folder)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter=_data_or_skip)
    return target / folder


def _data_or_skip(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    # A member the `data` filter refuses (a link out of the tree) is left out, not fatal: the
    # base tree only tells old problems from new ones, and the loader reports such files.
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None
