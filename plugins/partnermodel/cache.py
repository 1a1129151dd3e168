"""The parse cache: what loading one content file produced, kept between incremental builds.

Only used inside `parse_session(folder)` (the incremental build opens one; `make build`, the
validator and the tools never do). A per-file loader decorated with `@cached(kind)` is then
looked up by:
- the file's stamp: inode, size, modification and change time (for a partner: of every file in
  its folder, the logo included);
- the vocabularies it was checked against (taxonomies, the partner folders, ...), by digest;
- the model's code (every module of partnermodel), the versions of the libraries that parse and
  render content, Python's version and the working directory (paths are shown relative to it).
Any difference is a miss and the file is loaded again. A hit returns the objects and the
problems of the earlier load, unpickled afresh for this build (loading may change the objects,
e.g. attach reviews to partners, so they are never shared between builds).

The cache is stored in one file per kind (partners, cases, reviews, Markdown), so a build that
loaded one partner again rewrites the partners' file only.
"""

from __future__ import annotations

import functools
import os
import pickle
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .digest import Digester, blake, stat_stamp, tree_digest, versions_digest
from .problems import Problem

F = TypeVar("F", bound=Callable[..., Any])
PACKAGES = (
    "pyyaml", "markdown", "nh3", "pycountry", "babel", "email-validator", "pillow",
    "defusedxml", "unidecode",
)  # fmt: skip
_SESSION: ParseSession | None = None


def code_digest() -> str:
    """The model's code and the parsing libraries' versions: a change invalidates everything."""
    return blake(
        (
            tree_digest(Path(__file__).parent, (".py", ".txt", ".yaml", ".json"))
            + versions_digest(PACKAGES)
        ).encode()
    )


class ParseSession:
    """The cache of one build: shards read on first use, written back when they changed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"parse-{code_digest()}"
        self.cwd = os.getcwd()
        self._shards: dict[str, dict[str, tuple[Any, bytes]]] = {}
        self._dirty: set[str] = set()
        self._used: dict[str, set[str]] = {}
        self._vocabularies: dict[int, tuple[Any, str]] = {}
        self.hits = self.misses = 0

    def _vocabulary_digest(self, vocabularies: Any) -> str:
        known = self._vocabularies.get(id(vocabularies))
        if known is None or known[0] is not vocabularies:
            digest = Digester().value(
                [
                    (name, tuple(v.ids), v.example, v.open_pattern)
                    for name, v in sorted(vocabularies.items())
                ]
            )
            known = self._vocabularies[id(vocabularies)] = (vocabularies, digest)
        return known[1]

    def _shard(self, name: str) -> dict[str, tuple[Any, bytes]]:
        shard = self._shards.get(name)
        if shard is None:
            try:
                with open(self.folder / f"{name}.pickle", "rb") as stream:
                    shard = pickle.load(stream)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                shard = {}
            self._shards[name] = shard
        return shard

    def call(
        self, kind: str, load: Callable[..., Any], path: Path, vocabularies: Any, problems: list
    ) -> Any:
        """`load(path, vocabularies, problems)`, or what it returned for the same inputs."""
        try:
            st = os.stat(path)
        except OSError:
            return load(path, vocabularies, problems)
        if stat.S_ISDIR(st.st_mode):
            stamp: Any = _folder_stamp(path)
            if stamp is None:
                return load(path, vocabularies, problems)
        else:
            stamp = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        name = str(path)
        key = f"{stamp}|{self._vocabulary_digest(vocabularies)}|{self.cwd}"
        shard = self._shard(kind)
        self._used.setdefault(kind, set()).add(name)
        entry = shard.get(name)
        if entry is not None and entry[0] == key:
            self.hits += 1
            result, found = pickle.loads(entry[1])
            problems.extend(found)
            return result
        self.misses += 1
        found: list[Problem] = []
        result = load(path, vocabularies, found)
        problems.extend(found)
        shard[name] = (key, pickle.dumps((result, found), protocol=pickle.HIGHEST_PROTOCOL))
        self._dirty.add(kind)
        return result

    def text_call(self, kind: str, function: Callable[[str], str], text: str) -> str:
        """`function(text)` for a pure function of one text (Markdown to HTML), remembered."""
        shard = self._shard(kind)
        key = blake(text.encode("utf-8"))
        self._used.setdefault(kind, set()).add(key)
        result = shard.get(key)
        if result is None:
            result = shard[key] = (key, function(text))
            self._dirty.add(kind)
        return result[1]

    def save(self) -> None:
        """Write the changed shards, without the entries of files that are gone."""
        for name, shard in self._shards.items():
            used = self._used.get(name, set())
            stale = [path for path in shard if path not in used]
            for path in stale:
                del shard[path]
            if stale or name in self._dirty:
                _write_atomic(self.folder / f"{name}.pickle", pickle.dumps(shard, protocol=5))


def _folder_stamp(folder: Path) -> tuple[Any, ...] | None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return None
    return tuple((e.name, stat_stamp(Path(e.path))) for e in entries)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def parse_session(folder: Path | None) -> Iterator[ParseSession | None]:
    """Use (and afterwards update) the parse cache in `folder`; None: no cache at all."""
    global _SESSION
    if folder is None:
        yield None
        return
    session = ParseSession(folder)
    previous, _SESSION = _SESSION, session
    try:
        yield session
    finally:
        _SESSION = previous
    session.save()  # only after a load that did not fail


def cached(kind: str) -> Callable[[F], F]:
    """Decorate a per-file loader `load(path, vocabularies, problems)` to use the session."""

    def decorate(load: F) -> F:
        @functools.wraps(load)
        def wrapper(path: Path, vocabularies: Any, problems: list) -> Any:
            session = _SESSION
            if session is None:
                return load(path, vocabularies, problems)
            return session.call(kind, load, path, vocabularies, problems)

        return wrapper  # type: ignore[return-value]

    return decorate


def cached_text(kind: str) -> Callable[[F], F]:
    """Decorate a pure function of one text (its result depends on the text and the code
    only) to be remembered by the session, keyed by the text's digest."""

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(text: str) -> Any:
            session = _SESSION
            if session is None:
                return function(text)
            return session.text_call(kind, function, text)

        return wrapper  # type: ignore[return-value]

    return decorate
