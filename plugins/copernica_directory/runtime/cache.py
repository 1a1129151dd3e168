"""The parse cache: what loading one content file produced, kept between incremental builds.

The build (runtime.build.BuildRuntime) makes one `ParseCache` per incremental build and passes
it to the model's `load_content(root, cache=...)` (model.loadcache); `make build`, the
validator and the tools pass none. A per-file loader the model declares `@cacheable(kind)` is
then looked up by:
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

The cache is stored in one file per kind (partners, cases, reviews, library items, events):
the inputs of every entry, and the results, most of them pickled together, so a build
unpickles each kind once rather than once per file (24,000 files at the benchmark's default
size). A build that loaded some files of a kind again rewrites that kind's file only, adding
their results apart until there are enough of them to pickle everything together again.
"""

from __future__ import annotations

import os
import pickle
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copernica_directory.runtime.digest import Digester, blake, tree_digest, versions_digest

if TYPE_CHECKING:  # the runtime does not import the model
    from copernica_directory.model.problems import Problem

PACKAGES = (
    "pyyaml", "markdown", "nh3", "pycountry", "babel", "email-validator", "pillow",
    "defusedxml", "unidecode",
)  # fmt: skip
_FORMAT = 3  # of the shard files; another value is read as an empty cache


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


class ParseCache:
    """The parse cache of one build: shards read on first use, written back when they changed
    (`save`, after a load that did not fail). Satisfies the model's `loadcache.LoadCache`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"parse-{code_digest()}"
        self.cwd = os.getcwd()
        self._shards: dict[str, _Shard] = {}
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

    def save(self) -> None:
        """Write the changed shards, without the entries of files that are gone."""
        for shard in self._shards.values():
            shard.save()


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
def parse_session(folder: Path) -> Iterator[ParseCache]:
    """A parse cache in `folder`, saved when the block ends without an error."""
    cache = ParseCache(folder)
    yield cache
    cache.save()  # only after a load that did not fail
