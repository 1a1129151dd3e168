"""Opening content files: regular files only, within their size limit, never through a link.

Everything under content/ comes from pull requests, so a path there may be a symbolic link to
any file on the build machine (`/proc/self/environ`, another partner's profile), a named pipe
that would hang the build, or a 50 MB file. Every content file is therefore looked at with
`lstat` before it is opened (the link itself, never what it points to), refused unless it is a
regular file within its limit, and opened with O_NOFOLLOW and O_NONBLOCK, so nothing swapped in
between the look and the open is followed or waited for. Folders are listed with `os.scandir`,
whose entries say what they are without following links.

Refusals say which path and why, never what is behind it: no target path, no content.
Hard links are regular files and are read: git stores no hard links (a checkout writes every
file anew), so a pull request cannot make one.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_READ_CHUNK = 1 << 16
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device file"),
    (stat.S_ISBLK, "a device file"),
)


class Refused(Exception):
    """A content path that is not read: the plain reason (without the path)."""


def mode_refusal(mode: int) -> str | None:
    """Why an entry of this type (an `lstat` mode) may not be in content/: None for a regular
    file or a folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISLNK(mode):
        return (
            "is a symbolic link; everything under content/ must be a regular file or folder "
            "(replace the link with the file itself)"
        )
    what = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
    return f"is {what}; everything under content/ must be a regular file or folder"


def size_refusal(size: int, limit: int, what: str) -> str | None:
    """Why a file of `size` bytes is too big for its kind (`what`), or None."""
    if size <= limit:
        return None
    return (
        f"the file is {size:,} bytes; {what} may be at most {limit:,} bytes "
        f"({limit // 1024:,} KB): shorten it"
    )


def regular_file(path: Path | str) -> os.stat_result:
    """The `lstat` of a regular file; Refused for anything else, FileNotFoundError if absent.

    A folder where a file belongs is refused too."""
    st = os.lstat(path)
    reason = mode_refusal(st.st_mode)
    if reason is None and stat.S_ISDIR(st.st_mode):
        reason = "is a folder where a file belongs"
    if reason is not None:
        raise Refused(reason)
    return st


def read_bytes(path: Path | str, limit: int, what: str) -> bytes:
    """The bytes of the regular file at `path`, refused (without reading) when over `limit`."""
    st = regular_file(path)
    reason = size_refusal(st.st_size, limit, what)
    if reason is not None:
        raise Refused(reason)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        # What was opened is what was looked at: a regular file, not grown past the limit.
        opened = os.fstat(fd)
        reason = mode_refusal(opened.st_mode) or size_refusal(opened.st_size, limit, what)
        if reason is not None:
            raise Refused(reason)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_READ_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise Refused(f"the file grew while it was read; {what} may be at most {limit:,} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: Path | str, limit: int, what: str) -> str:
    """The UTF-8 text of the regular file at `path` (see `read_bytes`)."""
    return read_bytes(path, limit, what).decode("utf-8")


class Entry(NamedTuple):
    """One entry of a content folder, as the listing saw it (links are not followed)."""

    name: str
    path: str
    is_file: bool
    is_dir: bool
    refusal: str | None  # why it may not be in content/ (a link, a pipe, a device), or None


def list_folder(folder: Path | str) -> list[Entry]:
    """The entries of `folder`, sorted by name; each entry's type comes from the listing itself
    (a tuple, not a dataclass: a review folder at the benchmark's size holds 20,000 of them)."""
    entries = []
    with os.scandir(folder) as scan:
        for entry in scan:
            is_file = entry.is_file(follow_symlinks=False)
            is_dir = not is_file and entry.is_dir(follow_symlinks=False)
            refusal = None
            if not is_file and not is_dir:
                refusal = mode_refusal(entry.stat(follow_symlinks=False).st_mode)
            entries.append(Entry(entry.name, entry.path, is_file, is_dir, refusal))
    entries.sort()
    return entries


def folder_refusal(path: Path | str) -> str | None:
    """Why `path` cannot be read as a content folder (a link, a file), or None when it is a
    folder or absent (absent folders are the caller's to report)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    reason = mode_refusal(st.st_mode)
    if reason is None and not stat.S_ISDIR(st.st_mode):
        reason = "is a file where a folder belongs"
    return reason
