"""Stable fingerprints of values, files and code, for caches that must never be stale.

A value's digest is the hash of its pickle. Pickling is deterministic for the same values (dict
order included); where it is not (a set's order can differ between processes), two equal values
get different digests, which only costs a cache miss, never a stale hit. Dataclass instances
(the content model's records) are digested once per `Digester` and stand in for themselves by
their digest inside bigger values, so a page listing a thousand partners costs a thousand lookups.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

_PROTOCOL = 5


def blake(data: bytes) -> str:
    """A short hex digest of `data` (128 bits)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Unhashable(TypeError):
    """A value that cannot be digested (cannot be pickled): whatever uses it is not cached."""


class Digester:
    """Digests of values; records (dataclass instances) are digested once, by identity.

    Containers (dicts, lists, tuples) are walked, records inside them stand in by their memoised
    digest, strings and numbers are fed as they are, anything else is pickled. Only valid while
    the values do not change: use one Digester per build.
    """

    def __init__(self) -> None:
        self._records: dict[int, tuple[Any, bytes]] = {}
        self._record_types: dict[type, bool] = {}

    def record(self, obj: Any) -> str:
        """The digest of one dataclass instance (its pickle: fields and nested values)."""
        return self._record(obj)[1:].decode()

    def _record(self, obj: Any) -> bytes:
        key = id(obj)
        known = self._records.get(key)
        if known is not None and known[0] is obj:
            return known[1]
        digest = b"r" + blake(_pickle(obj)).encode()
        self._records[key] = (obj, digest)  # keeps obj alive, so its id is not reused
        return digest

    def value(self, value: Any) -> str:
        """The digest of any picklable value."""
        hasher = hashlib.blake2b(digest_size=16)
        self._feed(hasher.update, value, 0)
        return hasher.hexdigest()

    def _feed(self, update: Any, value: Any, depth: int) -> None:
        # Pages' values are walked for every page of every build (issue 7): the common kinds
        # first, each fed with a tag and its length so no two values feed the same bytes.
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")
            update(b"s%d:" % len(data))
            update(data)
        elif kind is list or kind is tuple:
            if depth > 50:
                raise Unhashable("values nested too deeply")
            update(b"[%d" % len(value) if kind is list else b"(%d" % len(value))
            records = self._record_types
            for item in value:
                # Lists of records (a browse page's partners) without a call per item.
                if records.get(type(item)):
                    update(self._record(item))
                else:
                    self._feed(update, item, depth + 1)
        elif kind is dict:
            if depth > 50:
                raise Unhashable("values nested too deeply")
            update(b"{%d" % len(value))
            for key, item in value.items():
                self._feed(update, key, depth + 1)
                self._feed(update, item, depth + 1)
        elif kind is int or kind is bool or value is None:
            update(b"i%r;" % value)
        else:
            is_record = self._record_types.get(kind)
            if is_record is None:
                is_record = self._record_types[kind] = dataclasses.is_dataclass(kind)
            if is_record:
                update(self._record(value))
            else:
                data = _pickle(value)
                update(b"p%d:" % len(data))
                update(data)


def _pickle(value: Any) -> bytes:
    try:
        return pickle.dumps(value, protocol=_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as err:
        raise Unhashable(f"cannot digest {type(value).__name__}: {err}") from err


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """The digest of files' names (relative to `root`) and bytes, in sorted order."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        name = path.relative_to(root).as_posix() if root else path.as_posix()
        hasher.update(name.encode("utf-8") + b"\0")
        hasher.update(path.read_bytes())
        hasher.update(b"\0")
    return hasher.hexdigest()


def tree_digest(folder: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """Every file below `folder` (or those with `suffixes`), caches and hidden files aside."""
    paths = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and (suffixes is None or p.suffix in suffixes)
    ]
    return files_digest(paths, folder)


def versions_digest(packages: Iterable[str]) -> str:
    """Python's version and the installed versions of `packages`."""
    found = [sys.version]
    for name in packages:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return blake("\n".join(found).encode())


def stat_stamp(path: Path | str) -> tuple[int, int, int, int] | None:
    """What changes whenever a file's bytes do: inode, size, modification and change times.

    (The change time cannot be set back by tools that restore modification times.)
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
