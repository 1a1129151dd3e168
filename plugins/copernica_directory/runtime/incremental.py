"""Incremental builds (INCREMENTAL=1: `make serve` and the benchmark): pages whose inputs did
not change are not written again, and files no build writes any more are removed.

A page's key is the digest of
- the build's fingerprint: every file of the theme (templates, translations, static files), the
  code of our plugins, the versions of Python, Pelican, Jinja2, MarkupSafe and Babel, the
  settings, the data among the template globals and the context, and the content every page may
  show through the template globals: taxonomies, library, events and which partners and cases
  exist (a change there renders every page again);
- the page: its address, template and values (partners, cases, ... by the digest of their
  fields).
What a template looks up beyond its values is recorded while the page renders: a partner read
from `partners_by_slug` (a case card shows its partner's name) makes the page depend on that
partner's digest, a partner's cases and reviews read from `relations` on theirs, and any use
of the whole `directory` in a template on the digest of all content.
A page is kept only if its key and every recorded dependency are unchanged and its output file is
the one this cache wrote (same inode, size and times).

Files that are not pages go through `write_output` (left alone when they already hold the same
bytes) and `copy_output` (left alone when they are this cache's copy of the same source file).
A group of such files that is costly to make (the library's reuse kits and feeds, a partner's
badges, the JSON API) is made by `output_group(name, inputs, write)`: when the fingerprint and
the group's inputs (the records and source files it is made from) are what an earlier build
made it from, and every file it wrote then is still the one this cache wrote, it is not made
again and its files are kept.

Template globals must be classified here: PURE_GLOBALS are functions of their arguments, the
settings, the theme and the site-wide content above; LOOKUP_GLOBALS are mappings of records that
are recorded per page. A global in neither list (a new one) turns page skipping off for the
build, with a warning, until it is classified: an unknown function could read anything.

Without Pelican's DELETE_OUTPUT_DIRECTORY (off in this mode; deleting and writing thousands of
files again is what an incremental build avoids), files of pages and items that no longer exist
would stay: after the build, every file in the output that was neither written during this build
(its change time is not older than a marker file made at the start) nor kept by this cache is
deleted. If any written page looks older than the marker (the clock went back), nothing is
deleted and the cache is dropped, so the next build starts over.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemBytecodeCache

from copernica_directory.runtime.cache import _write_atomic
from copernica_directory.runtime.digest import (
    Digester,
    Unhashable,
    blake,
    stat_stamp,
    tree_digest,
    versions_digest,
)
from copernica_directory.settings import BUILD_KEY, SiteSettings

if TYPE_CHECKING:
    from copernica_directory.site.pages import Page

log = logging.getLogger(__name__)

PURE_GLOBALS = frozenset(
    {
        # Jinja2's own
        "range", "dict", "lipsum", "cycler", "joiner", "namespace",
        # site.generator
        "asset", "t", "tr", "tr_lang", "expertise_label", "industry_label", "country_name",
        "format_date", "language_name", "partner_url", "case_url", "browse_url", "choose_url",
        "review_json_ld", "format_rating", "phone_text",
        # site.content_site
        "library_url", "listing_url", "event_url", "event_ics_url", "item_json_url",
        "event_when", "file_size", "money", "partner_badge", "number",
    }
)  # fmt: skip
LOOKUP_GLOBALS = frozenset({"partners_by_slug", "relations"})
EVERYTHING_CONTEXT = "directory"  # the whole Content: using it makes a page depend on all of it
VERSIONED = ("pelican", "jinja2", "markupsafe", "babel")
# Settings that change how a build runs, not what it writes (a parallel build writes the same
# site as a sequential one: tests/test_build_speed_parts.py).
# The parsed settings are left out too: made from the others, which are part of the key.
NOT_IN_OUTPUT = frozenset({"BUILD_WORKERS", "PARALLEL_MIN_JOBS", BUILD_KEY})
_ALL = "*"
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


@dataclass(frozen=True)
class PageRecord:
    """What the cache knows about one written page."""

    key: str
    deps: tuple[tuple[str, str, str], ...]  # (global, key or "*", digest)
    stamp: tuple[int, int, int, int] | None = None


class _Recorder:
    """The lookups the page being rendered made."""

    def __init__(self) -> None:
        self.deps: dict[tuple[str, str], str] = {}


_RECORDING: _Recorder | None = None


class _RecordingMapping(Mapping):
    """A mapping whose item reads make the rendering page depend on the item's digest."""

    def __init__(self, name: str, mapping: Mapping, cache: PageCache) -> None:
        self._name, self._mapping, self._cache = name, mapping, cache

    def __getitem__(self, key: Any) -> Any:
        value = self._mapping[key]
        if _RECORDING is not None:
            _RECORDING.deps[(self._name, str(key))] = self._cache.dep_digest(self._name, key)
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._mapping  # which records exist is part of the fingerprint

    def __iter__(self) -> Iterator[Any]:
        if _RECORDING is not None:
            _RECORDING.deps[(self._name, _ALL)] = self._cache.dep_digest(self._name, _ALL)
        return iter(self._mapping)

    def __len__(self) -> int:
        return len(self._mapping)


class _RecordingObject:
    """An object whose every attribute read makes the page depend on all of it."""

    def __init__(self, name: str, obj: Any, cache: PageCache) -> None:
        self._name, self._obj, self._cache = name, obj, cache

    def __getattr__(self, attribute: str) -> Any:
        if _RECORDING is not None:
            _RECORDING.deps[(self._name, _ALL)] = self._cache.dep_digest(self._name, _ALL)
        return getattr(self._obj, attribute)


def parse_cache_folder(settings: SiteSettings) -> Path | None:
    """The parse cache's folder in an incremental build; None otherwise (no cache)."""
    return settings.cache_path / "parse" if settings.incremental else None


def _settings_digest(settings: Mapping[str, Any], digester: Digester) -> str:
    parts = []
    for key in sorted(settings.keys() - NOT_IN_OUTPUT):
        value = settings[key]
        try:
            parts.append((key, digester.value(value)))
        except Unhashable:
            # Functions and classes in settings: their code is covered by the code digest.
            parts.append((key, _ADDRESS.sub("", repr(value))))
    return digester.value(parts)


class PageCache:
    """The page cache of one build of one output folder."""

    def __init__(self, generator: Any) -> None:
        self.generator = generator
        self.settings = generator.settings
        self.output = Path(generator.output_path)
        self.active = generator.site_settings.incremental
        self.cache_path = generator.site_settings.cache_path
        folder = self.cache_path / "incremental"
        self.index_path = folder / f"pages-{blake(str(self.output.resolve()).encode())}.pickle"
        self.previous: dict[str, PageRecord] = {}
        self.current: dict[str, PageRecord] = {}
        # Other generated files (write_output, copy_output): path -> (digest of the bytes or
        # the source's stamp, stamp).
        self.previous_files: dict[str, tuple[str, Any]] = {}
        self.current_files: dict[str, tuple[str, Any]] = {}
        self._file_log: list[tuple[str, tuple[str, Any], bool]] = []
        # Groups of other files (output_group): name -> (key, the files it wrote).
        self.previous_groups: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.current_groups: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._group_log: list[tuple[str, tuple[str, tuple[str, ...]]]] = []
        self.kept: set[str] = set()
        self.written: set[str] = set()
        self.digester = Digester()
        self.fingerprint: str | None = None
        self._deps: dict[tuple[str, str], str] = {}
        self.marker = self.output / f".incremental-{os.getpid()}"
        self.marker_ctime = 0
        # Whatever this build does, an index written by an earlier one no longer describes the
        # output once this build starts writing: drop it now, write a new one at the end.
        try:
            with open(self.index_path, "rb") as stream:
                index = pickle.load(stream) if self.active else {}
            self.previous, self.previous_files = index["pages"], index["files"]
            self.previous_groups = index["groups"]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError):
            self.previous, self.previous_files, self.previous_groups = {}, {}, {}
        self.index_path.unlink(missing_ok=True)
        if self.active:
            self.output.mkdir(parents=True, exist_ok=True)
            self.marker.write_bytes(b"")
            self.marker_ctime = os.stat(self.marker).st_ctime_ns
            # Compiled templates too (Jinja checks each against its source's checksum).
            jinja = self.cache_path / "jinja"
            jinja.mkdir(parents=True, exist_ok=True)
            generator.env.bytecode_cache = FileSystemBytecodeCache(str(jinja))

    # ---------- keys ----------

    def start(self) -> None:
        """Compute the fingerprint and put the recording proxies in place (parent process)."""
        if not self.active:
            return
        try:
            self.fingerprint = self._fingerprint()
        except (Unhashable, ValueError) as err:
            log.warning("incremental: every page is rendered (%s)", err)
            self.fingerprint = None
        env = self.generator.env
        self._originals = {name: env.globals[name] for name in LOOKUP_GLOBALS & set(env.globals)}
        for name, mapping in self._originals.items():
            env.globals[name] = _RecordingMapping(name, mapping, self)
        context = self.generator.context
        if EVERYTHING_CONTEXT in context:
            self._everything = context[EVERYTHING_CONTEXT]
            context[EVERYTHING_CONTEXT] = _RecordingObject(
                EVERYTHING_CONTEXT, self._everything, self
            )

    def stop(self) -> None:
        """Put the real globals and context back once the pages are written."""
        env, context = self.generator.env, self.generator.context
        for name, mapping in getattr(self, "_originals", {}).items():
            env.globals[name] = mapping
        if hasattr(self, "_everything"):
            context[EVERYTHING_CONTEXT] = self._everything

    def _fingerprint(self) -> str:
        generator, digester = self.generator, self.digester
        env = generator.env
        # Each language's helpers are passed to its pages on top of the globals (render.py).
        languages = getattr(generator, "language_context", {})
        unknown = sorted(
            {
                name
                for values in (env.globals, *languages.values())
                for name, value in values.items()
                if callable(value) and name not in PURE_GLOBALS | LOOKUP_GLOBALS
            }
        )
        if unknown:
            raise ValueError(f"template globals not classified in incremental.py: {unknown}")
        data_globals = [
            {
                name: value
                for name, value in values.items()
                if not callable(value) and name not in LOOKUP_GLOBALS
            }
            for values in (env.globals, *(languages[lang] for lang in sorted(languages)))
        ]
        context = {
            key: value
            for key, value in generator.context.items()
            if key not in self.settings and key != EVERYTHING_CONTEXT
        }
        content = generator.content
        plugins = Path(__file__).resolve().parents[1]
        return digester.value(
            (
                tree_digest(Path(generator.theme)),
                tree_digest(plugins, (".py", ".txt", ".yaml", ".json")),
                versions_digest(VERSIONED),
                _settings_digest(self.settings, digester),
                digester.value(data_globals),
                digester.value(context),
                sorted(f"{k}:{getattr(v, '__module__', '')}" for k, v in env.filters.items()),
                sorted(f"{k}:{getattr(v, '__module__', '')}" for k, v in env.tests.items()),
                digester.value(
                    (
                        content.taxonomies,
                        content.library,
                        content.events,
                        sorted(content.partners),  # which exist; their order is in values
                        sorted(content.cases),
                    )
                ),
                os.getcwd(),
            )
        )

    def dep_digest(self, name: str, key: Any) -> str:
        """The current digest of one recorded lookup (memoised for the build)."""
        memo_key = (name, str(key))
        known = self._deps.get(memo_key)
        if known is not None:
            return known
        if name == EVERYTHING_CONTEXT:
            digest = self.digester.value(self._everything)
        else:
            mapping = self._originals[name]
            if key == _ALL:
                digest = self.digester.value(list(mapping.values()))
            elif key in mapping:
                digest = self.digester.value(mapping[key])
            else:
                digest = "missing"
        self._deps[memo_key] = digest
        return digest

    def page_key(self, page: Page) -> str | None:
        if self.fingerprint is None:
            return None
        try:
            return self.digester.value(
                (self.fingerprint, page.lang, page.url, page.template, page.values)
            )
        except Unhashable:
            return None

    # ---------- pages ----------

    def keep(self, page: Page) -> tuple[bool, str | None]:
        """(True, key) if `page` can stay as it is; else (False, its key or None)."""
        if not self.active:
            return False, None
        key = self.page_key(page)
        return (key is not None and self._unchanged(page, key)), key

    def render(self, page: Page, key: str | None, render: Callable[[Page], None]) -> Any:
        """Render `page`, recording what it looks up; the record for `update`."""
        global _RECORDING
        if not self.active:
            render(page)
            return None
        _RECORDING = _Recorder()
        try:
            render(page)
            deps = tuple(sorted((n, k, d) for (n, k), d in _RECORDING.deps.items()))
        finally:
            _RECORDING = None
        return PageRecord(key, deps) if key is not None else None

    def _unchanged(self, page: Page, key: str) -> bool:
        save_as = page.save_as
        record = self.previous.get(save_as)
        if record is None or record.key != key or record.stamp is None:
            return False
        if stat_stamp(os.path.join(self.output, save_as)) != record.stamp:
            return False  # not the file this cache wrote (removed, or written by another build)
        return all(self.dep_digest(name, k) == digest for name, k, digest in record.deps)

    def kept_page(self, page: Page) -> None:
        """`page` stays as the earlier build wrote it."""
        save_as = page.save_as
        self.kept.add(save_as)
        self.current[save_as] = self.previous[save_as]

    def written_page(self, page: Page, record: PageRecord | None) -> None:
        """`page` was rendered (here or in a worker) with this record, in the parent process."""
        self.written.add(page.save_as)
        if record is not None:
            stamp = stat_stamp(self.output / page.save_as)
            self.current[page.save_as] = PageRecord(record.key, record.deps, stamp)

    # ---------- other generated files ----------

    def _relative(self, path: Path) -> str | None:
        """`path` below the output folder, or None (outside it, or not an incremental build)."""
        if not self.active:
            return None
        try:
            return path.relative_to(self.output).as_posix()
        except ValueError:
            return None

    def write_output(self, path: Path, data: bytes) -> None:
        """Write `data` to `path`, or leave the file if it already holds exactly that."""
        rel = self._relative(path)
        if rel is None:
            _write_file(path, data)
            return
        self._keep_or_make(rel, blake(data), path, lambda: _write_file(path, data))

    def copy_output(self, source: Path, target: Path) -> None:
        """Copy `source` to `target`, or leave `target` if it is the copy this cache made of
        the same source file (same inode, size and times)."""
        rel = self._relative(target)
        if rel is None:
            _copy_file(source, target)
            return
        origin = f"copy {stat_stamp(source)}"
        self._keep_or_make(rel, origin, target, lambda: _copy_file(source, target))

    def _keep_or_make(self, rel: str, origin: str, target: Path, make: Callable[[], Any]) -> None:
        """Leave `target` if this cache made it from the same `origin` (bytes' digest, or the
        source's stamp) and nothing touched it since; otherwise `make` it. Logged either way."""
        old = self.previous_files.get(rel)
        if old is not None and old[0] == origin and stat_stamp(target) == old[1]:
            self._file_log.append((rel, old, True))
            return
        make()
        self._file_log.append((rel, (origin, stat_stamp(target)), False))

    def note_output(self, path: Path, origin: str) -> None:
        """Record a file written by other means (an image library), for `output_group`."""
        rel = self._relative(path)
        if rel is not None:
            self._file_log.append((rel, (f"file {origin}", stat_stamp(path)), False))

    def output_group(self, name: str, inputs: Any, write: Callable[[], Any]) -> None:
        """Run `write`, which makes files through write_output, copy_output or note_output;
        unless an earlier build ran it for the same fingerprint and `inputs` (what the files
        are made from, besides the code, theme, settings and site-wide content) and every file
        it made then is still the one this cache wrote: those files are kept instead."""
        if not self.active or self.fingerprint is None:
            write()
            return
        try:
            key = self.digester.value((self.fingerprint, name, inputs))
        except Unhashable:
            write()
            return
        old = self.previous_groups.get(name)
        if old is not None and old[0] == key:
            entries = [(rel, self.previous_files.get(rel)) for rel in old[1]]
            if all(
                entry is not None and stat_stamp(self.output / rel) == entry[1]
                for rel, entry in entries
            ):
                self._file_log.extend((rel, entry, True) for rel, entry in entries)
                self._group_log.append((name, old))
                return
        start = len(self._file_log)
        write()
        made = tuple(dict.fromkeys(rel for rel, _, _ in self._file_log[start:]))
        self._group_log.append((name, (key, made)))

    def take_file_log(self) -> Any:
        """What write_output and output_group did since the last call (in a worker: to send
        to the parent)."""
        log = (self._file_log, self._group_log)
        self._file_log, self._group_log = [], []
        return log

    def apply_file_log(self, log: Any) -> None:
        files, groups = log
        for rel, entry, kept in files:
            self.current_files[rel] = entry
            if kept:
                self.kept.add(rel)
        for name, record in groups:
            self.current_groups[name] = record

    # ---------- the end of the build ----------

    def finish(self) -> dict[str, int]:
        """Delete what no build writes any more, save the index; returns counts."""
        if not self.active:
            return {}
        try:
            late = [
                name
                for name in self.written
                if (os.stat(self.output / name).st_ctime_ns < self.marker_ctime)
            ]
            counts = {
                "kept": len(self.kept & self.current.keys()),
                "written": len(self.written),
                "files kept": len(self.kept - self.current.keys()),
                "deleted": 0,
            }
            if late:
                log.warning("incremental: file times older than the build; nothing deleted")
                return counts
            counts["deleted"] = self._sweep()
            index = {
                "pages": self.current,
                "files": self.current_files,
                "groups": self.current_groups,
            }
            _write_atomic(self.index_path, pickle.dumps(index, protocol=5))
            return counts
        finally:
            self.marker.unlink(missing_ok=True)

    def _sweep(self) -> int:
        retained = set(self.settings.get("OUTPUT_RETENTION") or ())
        # Known to belong to this build: kept, or written by this cache's own records. Only
        # the other files need their change time looked at.
        known = self.kept | self.written | self.current_files.keys()
        deleted = 0
        removed: set[str] = set()  # folders this sweep emptied and removed
        root = os.fspath(self.output)
        marker = os.fspath(self.marker)
        for folder, dirs, files in os.walk(root, topdown=False):
            # Below the output folder, "/"-terminated ("" for the folder itself): os.walk
            # joins the names to `root`, so no relpath (two abspath calls per folder) needed.
            rel = folder[len(root) + 1 :] + "/" if folder != root else ""
            if not rel:
                files = [f for f in files if f not in retained]
            left = 0
            for name in files:
                path = f"{folder}/{name}"
                if rel + name in known or path == marker:
                    left += 1
                    continue
                try:
                    if os.stat(path).st_ctime_ns < self.marker_ctime:
                        os.unlink(path)
                        deleted += 1
                    else:
                        left += 1
                except FileNotFoundError:
                    continue
            # Only a folder left empty is removed (trying every folder costs a failing system
            # call each, ten thousand of them on a big site).
            empty = left == 0 and all(f"{folder}/{d}" in removed for d in dirs)
            if rel and empty and rel.split("/")[0] not in retained:
                with contextlib.suppress(OSError):
                    os.rmdir(folder)  # fails if something was written into it meanwhile
                    removed.add(folder)
        return deleted


_CURRENT: PageCache | None = None


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def write_output(path: Path, data: str | bytes) -> None:
    """Write a generated file that is not a page (the API, the library's files, badges, ...).

    In an incremental build a file that already holds exactly these bytes, as this cache wrote
    it, is left alone (and not deleted as stale); otherwise, and in every other build, it is
    written.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _CURRENT is None:
        _write_file(path, payload)
    else:
        _CURRENT.write_output(path, payload)


def copy_output(source: Path, target: Path) -> None:
    """Copy a file into the output (an attachment, a logo, a static asset).

    In an incremental build a target that is this cache's copy of the same source file is
    left alone; otherwise, and in every other build, the file is copied.
    """
    if _CURRENT is None:
        _copy_file(source, target)
    else:
        _CURRENT.copy_output(source, target)


def note_output(path: Path, origin: str) -> None:
    """A file written into the output by other means (a resized logo), made from `origin`."""
    if _CURRENT is not None:
        _CURRENT.note_output(path, origin)


def output_group(name: str, inputs: Any, write: Callable[[], Any]) -> None:
    """Make a group of output files with `write` (through write_output, copy_output and
    note_output), or, in an incremental build, keep the files an earlier build made for the
    same `inputs` (records, source file stamps: all the group is made from besides the code,
    the theme, the settings and the site-wide content) if they are still as it left them."""
    if _CURRENT is None:
        write()
    else:
        _CURRENT.output_group(name, inputs, write)


def begin(generator: Any) -> PageCache:
    """Start the page cache of this build, before anything is written (one per build;
    finished by `finish_build`)."""
    global _CURRENT
    gc.unfreeze()  # what an earlier build in this process froze (make serve) may go now
    _CURRENT = PageCache(generator)
    return _CURRENT


def current(generator: Any) -> PageCache:
    """This build's page cache (started now if `begin` was not called)."""
    if _CURRENT is None or _CURRENT.generator is not generator:
        return begin(generator)
    return _CURRENT


def finish_build(pelican: Any = None) -> None:
    """Pelican's `finalized` signal: every generator has written its files."""
    global _CURRENT
    cache, _CURRENT = _CURRENT, None
    # The build's objects live until the process ends (or the next build in it unfreezes
    # them): frozen, the collector's last full pass at exit skips them (a quarter of a second
    # for the benchmark's content, in every build).
    gc.freeze()
    if cache is not None and cache.active:
        counts = cache.finish()
        log.info(
            "incremental: %(kept)d kept, %(written)d written pages; %(files kept)d other files "
            "kept, %(deleted)d deleted",
            counts,
        )
