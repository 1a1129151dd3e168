"""The build's output writer: every file a build writes goes through it. In incremental builds
(INCREMENTAL=1: `make serve` and the benchmark) pages whose inputs did not change are not written
again, and files no build writes any more are removed; in the others it writes everything.

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

Files that are not pages go through `OutputWriter.write` (left alone when they already hold the
same bytes) and `copy` (left alone when they are this cache's copy of the same source file).
A group of such files that is costly to make (the library's reuse kits and feeds, a partner's
badges, the JSON API) is made by `group(name, inputs, write)`: when the fingerprint and
the group's inputs (the records and source files it is made from) are what an earlier build
made it from, and every file it wrote then is still the one this cache wrote, it is not made
again and its files are kept.

Template globals are classified where they are defined (runtime.templateglobals): pure helpers,
lookups of records that are recorded per page, and data. A callable global that is neither stops
the build with an error naming it, in every build: an unknown function could read anything.

Without Pelican's DELETE_OUTPUT_DIRECTORY (off in this mode; deleting and writing thousands of
files again is what an incremental build avoids), files of pages and items that no longer exist
would stay: after the build, every file in the output that was neither written during this build
(its change time is not older than a marker file made at the start) nor kept by this cache is
deleted. If any written page looks older than the marker (the clock went back), nothing is
deleted and the cache is dropped, so the next build starts over.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemBytecodeCache

from copernica_directory.runtime import RUNTIME_KEY, templateglobals
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

EVERYTHING_CONTEXT = "directory"  # the whole Content: using it makes a page depend on all of it
VERSIONED = ("pelican", "jinja2", "markupsafe", "babel")
# Settings that change how a build runs, not what it writes (a parallel build writes the same
# site as a sequential one: tests/test_build_speed_parts.py).
# The parsed settings are left out too: made from the others, which are part of the key.
# The runtime is this build's machinery, not a setting.
NOT_IN_OUTPUT = frozenset({"BUILD_WORKERS", "PARALLEL_MIN_JOBS", BUILD_KEY, RUNTIME_KEY})
_ALL = templateglobals.ALL
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


@dataclass(frozen=True)
class PageRecord:
    """What the cache knows about one written page."""

    key: str
    deps: tuple[tuple[str, str, str], ...]  # (global, key or "*", digest)
    stamp: tuple[int, int, int, int] | None = None


class _RecordingObject:
    """An object whose every attribute read makes the page depend on all of it."""

    def __init__(self, name: str, obj: Any, writer: OutputWriter) -> None:
        self._name, self._obj, self._writer = name, obj, writer

    def __getattr__(self, attribute: str) -> Any:
        self._writer.looked_up(self._name, _ALL)
        return getattr(self._obj, attribute)


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


class OutputWriter:
    """What one build writes into one output folder, and (incremental builds) what it keeps.

    `settings`: Pelican's (part of every page's key); `site`: the same, parsed.
    """

    def __init__(self, settings: Mapping[str, Any], site: SiteSettings, output: Path) -> None:
        self.settings = settings
        self.output = output
        self.active = site.incremental
        self.cache_path = site.cache_path
        folder = self.cache_path / "incremental"
        self.index_path = folder / f"pages-{blake(str(self.output.resolve()).encode())}.pickle"
        self.previous: dict[str, PageRecord] = {}
        self.current: dict[str, PageRecord] = {}
        # Other generated files (write, copy, note): path -> (digest of the bytes or
        # the source's stamp, stamp).
        self.previous_files: dict[str, tuple[str, Any]] = {}
        self.current_files: dict[str, tuple[str, Any]] = {}
        self._file_log: list[tuple[str, tuple[str, Any], bool]] = []
        # Groups of other files (group): name -> (key, the files it wrote).
        self.previous_groups: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.current_groups: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._group_log: list[tuple[str, tuple[str, tuple[str, ...]]]] = []
        self.kept: set[str] = set()
        self.written: set[str] = set()
        self.digester = Digester()
        self.fingerprint: str | None = None
        self._deps: dict[tuple[str, str], str] = {}
        self._lookups: dict[str, templateglobals.Lookup] = {}
        self._recording: dict[tuple[str, str], str] | None = None  # while a page renders
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

    def use_bytecode_cache(self, env: Any) -> None:
        """Incremental builds keep compiled templates too (Jinja checks each against its
        source's checksum)."""
        if self.active:
            jinja = self.cache_path / "jinja"
            jinja.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(jinja))

    # ---------- keys ----------

    def start(self, generator: Any) -> None:
        """Before the pages render (parent process): check every template global is
        classified (every build), compute the fingerprint and start recording lookups."""
        env = generator.env
        # Each language's helpers are passed to its pages on top of the globals (render.py).
        languages = getattr(generator, "language_context", {})
        templateglobals.check([env.globals, *languages.values()])
        if not self.active:
            return
        try:
            self.fingerprint = self._fingerprint(generator)
        except Unhashable as err:
            log.warning("incremental: every page is rendered (%s)", err)
            self.fingerprint = None
        self._lookups = {lookup.name: lookup for lookup in templateglobals.lookups(env.globals)}
        for lookup in self._lookups.values():
            lookup.recorder = self
        self._context = generator.context
        if EVERYTHING_CONTEXT in self._context:
            self._everything = self._context[EVERYTHING_CONTEXT]
            self._context[EVERYTHING_CONTEXT] = _RecordingObject(
                EVERYTHING_CONTEXT, self._everything, self
            )

    def stop(self) -> None:
        """Stop recording once the pages are written; the real context back."""
        for lookup in self._lookups.values():
            lookup.recorder = None
        if hasattr(self, "_everything"):
            self._context[EVERYTHING_CONTEXT] = self._everything

    def looked_up(self, name: str, key: str) -> None:
        """The page being rendered read `key` ("*": all) of the global `name`."""
        if self._recording is not None:
            self._recording[(name, key)] = self.dep_digest(name, key)

    def _fingerprint(self, generator: Any) -> str:
        digester = self.digester
        env = generator.env
        languages = getattr(generator, "language_context", {})
        data_globals = [
            {
                name: value
                for name, value in values.items()
                if not callable(value) and not isinstance(value, templateglobals.Lookup)
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
            mapping = self._lookups[name].mapping
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
        """Render `page`, recording what it looks up; the record for `written_page`."""
        if not self.active:
            render(page)
            return None
        self._recording = recorded = {}
        try:
            render(page)
            deps = tuple(sorted((n, k, d) for (n, k), d in recorded.items()))
        finally:
            self._recording = None
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

    def write(self, path: Path, data: str | bytes) -> None:
        """Write a generated file that is not a page (the API, the library's files, badges,
        ...); in an incremental build a file that already holds exactly these bytes, as this
        cache wrote it, is left alone (and not deleted as stale)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        rel = self._relative(path)
        if rel is None:
            _write_file(path, data)
            return
        self._keep_or_make(rel, blake(data), path, lambda: _write_file(path, data))

    def copy(self, source: Path, target: Path) -> None:
        """Copy `source` to `target` (an attachment, a logo, a static asset); in an incremental
        build `target` is left if it is this cache's copy of the same source file (same inode,
        size and times)."""
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

    def note(self, path: Path, origin: str) -> None:
        """Record a file written by other means (an image library) from `origin`, for `group`."""
        rel = self._relative(path)
        if rel is not None:
            self._file_log.append((rel, (f"file {origin}", stat_stamp(path)), False))

    def group(self, name: str, inputs: Any, write: Callable[[], Any]) -> None:
        """Run `write`, which makes files through `write`, `copy` or `note`;
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
        """What `write`, `copy`, `note` and `group` did since the last call (in a worker or the
        search's process: to send to the build process)."""
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


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
