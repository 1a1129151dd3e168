"""The parse cache: what loading one content file produced, kept between incremental builds.

Only used inside `parse_session(folder)` (the incremental build opens one; `make build`, the
validator and the tools never do). A per-file loader decorated with `@cached(kind)` is then
looked up by:
- the file's stamp: inode, size, modification and change time (for a partner: of every file in
  its folder, the logo included), and the stamps of the other files its result depends on
  (`depends`: a library item's attachment and cover); all taken with `lstat`, so a file
  replaced by a link to it, or to a file with the same stamp, is loaded (and refused) again;
- the vocabularies it was checked against (taxonomies, the partner folders, ...), by digest;
- the model's code (every module of model), the versions of the libraries that parse and
  render content, Python's version and the working directory (paths are shown relative to it).
Any difference is a miss and the file is loaded again. A hit returns the objects and the
problems of the earlier load, unpickled afresh for this build (loading may change the objects,
e.g. attach reviews to partners, so they are never shared between builds). Loaders that read
more than their own file can keep only clean results (`clean_only`): a file with problems is
read again every time, so no message can be stale.

The cache is stored in one file per kind (partners, cases, reviews, library items, events,
Markdown): the inputs of every entry, and the results, most of them pickled together, so a
build unpickles each kind once rather than once per file (24,000 files at the benchmark's
default size). A build that loaded some files of a kind again rewrites that kind's file only,
adding their results apart until there are enough of them to pickle everything together again.
"""

from __future__ import annotations

import functools
import os
import pickle
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from copernica_directory.runtime.digest import Digester, blake, tree_digest, versions_digest

if TYPE_CHECKING:  # the runtime does not import the model
    from copernica_directory.model.problems import Problem

F = TypeVar("F", bound=Callable[..., Any])
PACKAGES = (
    "pyyaml", "markdown", "nh3", "pycountry", "babel", "email-validator", "pillow",
    "defusedxml", "unidecode",
)  # fmt: skip
_FORMAT = 3  # of the shard files; another value is read as an empty cache
_SESSION: ParseSession | None = None


def code_digest() -> str:
    """The model's code and the parsing libraries' versions: a change invalidates everything."""
    return blake(
        (
            tree_digest(Path(__file__).parents[1] / "model", (".py", ".txt", ".yaml", ".json"))
            + versions_digest(PACKAGES)
        ).encode()
    )


Depends = Callable[[Path, Any], Iterable[Path]]
_Key = tuple[Any, ...]
_Deps = tuple[tuple[str, Any], ...]


class _Shard:
    """The cached loads of one kind: each entry's inputs, and the results.

    Most results are pickled together (`blob`, unpickled once per build); results loaded
    again since the blob was written are kept apart, one pickle each (`newer`), so a build
    that loaded one partner again does not unpickle and pickle all the others to save it.
    The blob is written anew once the entries it holds for nothing (replaced by newer ones,
    or of files that are gone) and the newer ones add up to an eighth of the entries.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.inputs: dict[str, tuple[_Key, _Deps]] = {}
        self.blob = b""  # pickle of {name: (result, problems)}
        self.blob_names: frozenset[str] = frozenset()  # the names the blob holds results of
        self.newer: dict[str, bytes] = {}  # name -> pickle of (result, problems)
        self._copy: dict[str, Any] | None = None  # this build's objects, unpickled from blob
        self.hits: set[str] = set()
        self.fresh: dict[str, tuple[_Key, _Deps, bytes]] = {}  # loaded again in this build
        stored = _read_pickle(path)
        if stored.get("format") == _FORMAT:
            try:
                inputs, blob = dict(stored["inputs"]), bytes(stored["blob"])
                names, newer = frozenset(stored["blob_names"]), dict(stored["newer"])
            except (KeyError, TypeError, ValueError):
                return
            self.inputs, self.blob, self.blob_names, self.newer = inputs, blob, names, newer

    def lookup(self, name: str, key: _Key) -> tuple[Any, list[Problem]] | None:
        """The earlier result for these inputs (a copy for this build only), or None."""
        known = self.inputs.get(name)
        if known is None or known[0] != key:
            return None
        if any(_stamp(dep) != stamp for dep, stamp in known[1]):
            return None
        payload = self.newer.get(name)
        if payload is not None:
            found = pickle.loads(payload)
        else:
            if self._copy is None:
                self._copy = pickle.loads(self.blob) if self.blob else {}
            found = self._copy.pop(name, None)
            if found is None and name in self.blob_names:  # asked for twice in one build
                found = pickle.loads(self.blob)[name]
            if found is None:
                return None
        self.hits.add(name)
        return found

    def store(self, name: str, key: _Key, deps: _Deps, result: Any, problems: list) -> None:
        """Remember a result, pickled now: the build may change the objects afterwards."""
        payload = pickle.dumps((result, problems), protocol=pickle.HIGHEST_PROTOCOL)
        self.fresh[name] = (key, deps, payload)
        self.hits.discard(name)

    def save(self) -> None:
        """Write the entries this build used, if any was loaded again or is gone."""
        keep = self.hits | self.fresh.keys()
        if not self.fresh and keep == self.inputs.keys():
            return
        inputs = {name: self.inputs[name] for name in self.hits}
        newer = {name: self.newer[name] for name in self.hits if name in self.newer}
        for name, (key, deps, payload) in self.fresh.items():
            inputs[name], newer[name] = (key, deps), payload
        from_blob = [name for name in self.hits if name not in newer]
        unused = len(self.blob_names) - len(from_blob)
        blob, names = self.blob, self.blob_names
        if len(newer) + unused > max(16, len(inputs) // 8):
            # Written anew: the results as they were loaded, not as the build changed them.
            earlier = pickle.loads(self.blob) if from_blob else {}
            results = {name: earlier[name] for name in from_blob}
            results.update((name, pickle.loads(payload)) for name, payload in newer.items())
            blob = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
            names, newer = frozenset(results), {}
        stored = {
            "format": _FORMAT,
            "inputs": inputs,
            "blob": blob,
            "blob_names": names,
            "newer": newer,
        }
        _write_atomic(self.path, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))


class ParseSession:
    """The cache of one build: shards read on first use, written back when they changed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"parse-{code_digest()}"
        self.cwd = os.getcwd()
        self._shards: dict[str, _Shard] = {}
        self._texts: dict[str, dict[str, str]] = {}
        self._texts_used: dict[str, set[str]] = {}
        self._texts_dirty: set[str] = set()
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

    def _shard(self, kind: str) -> _Shard:
        shard = self._shards.get(kind)
        if shard is None:
            shard = self._shards[kind] = _Shard(self.folder / f"{kind}.pickle")
        return shard

    def call(
        self,
        kind: str,
        load: Callable[..., Any],
        path: Path,
        vocabularies: Any,
        problems: list,
        depends: Depends | None = None,
        clean_only: bool = False,
    ) -> Any:
        """`load(path, vocabularies, problems)`, or what it returned for the same inputs."""
        try:
            st = os.lstat(path)
        except OSError:
            return load(path, vocabularies, problems)
        if stat.S_ISDIR(st.st_mode):
            stamp: Any = _folder_stamp(path)
            if stamp is None:
                return load(path, vocabularies, problems)
        else:
            stamp = (st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        name = str(path)
        key = (stamp, self._vocabulary_digest(vocabularies), self.cwd)
        shard = self._shard(kind)
        found = shard.lookup(name, key)
        if found is not None:
            self.hits += 1
            result, earlier = found
            problems.extend(earlier)
            return result
        self.misses += 1
        new: list[Problem] = []
        result = load(path, vocabularies, new)
        problems.extend(new)
        if clean_only and new:
            return result  # read again next time: its messages may name other files
        deps = tuple((str(dep), _stamp(dep)) for dep in (depends(path, result) if depends else ()))
        shard.store(name, key, deps, result, new)
        return result

    def text_call(self, kind: str, function: Callable[[str], str], text: str) -> str:
        """`function(text)` for a pure function of one text (Markdown to HTML), remembered."""
        texts = self._texts.get(kind)
        if texts is None:
            texts = self._texts[kind] = _load_texts(self.folder / f"{kind}.pickle")
            self._texts_used[kind] = set()
        key = blake(text.encode("utf-8"))
        self._texts_used[kind].add(key)
        result = texts.get(key)
        if result is None:
            result = texts[key] = function(text)
            self._texts_dirty.add(kind)
        # A new string each time: two equal texts in one build must not become one object,
        # or a record holding both would pickle (and digest) unlike the same record read
        # from the cache, where they are two (runtime.digest).
        return (result + "\0")[:-1]

    def save(self) -> None:
        """Write the changed shards, without the entries of files that are gone."""
        for shard in self._shards.values():
            shard.save()
        for kind, texts in self._texts.items():
            used = self._texts_used[kind]
            if kind in self._texts_dirty or used != texts.keys():
                kept = {key: texts[key] for key in sorted(used)}
                stored = {"format": _FORMAT, "texts": kept}
                data = pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)
                _write_atomic(self.folder / f"{kind}.pickle", data)


def _read_pickle(path: Path) -> dict[str, Any]:
    """A shard file's contents; empty when missing, unreadable or not a shard."""
    try:
        with open(path, "rb") as stream:
            stored = pickle.load(stream)
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        KeyError,
        TypeError,
        ValueError,
        IndexError,
    ):
        return {}
    return stored if isinstance(stored, dict) else {}


def _load_texts(path: Path) -> dict[str, str]:
    stored = _read_pickle(path)
    texts = stored.get("texts") if stored.get("format") == _FORMAT else None
    return dict(texts) if isinstance(texts, dict) else {}


def _stamp(path: Path | str) -> tuple[Any, ...] | None:
    """What changes whenever the entry at `path` does (the link itself for a link)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _folder_stamp(folder: Path) -> tuple[Any, ...] | None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return None
    return tuple((e.name, _stamp(e.path)) for e in entries)


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


def cached(kind: str, depends: Depends | None = None, clean_only: bool = False) -> Callable[[F], F]:
    """Decorate a per-file loader `load(path, vocabularies, problems)` to use the session.

    `depends(path, result)`: the other files the result was read from (their stamps are part
    of the entry's inputs). `clean_only`: remember only results loaded without problems.
    """

    def decorate(load: F) -> F:
        @functools.wraps(load)
        def wrapper(path: Path, vocabularies: Any, problems: list) -> Any:
            session = _SESSION
            if session is None:
                return load(path, vocabularies, problems)
            return session.call(kind, load, path, vocabularies, problems, depends, clean_only)

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
