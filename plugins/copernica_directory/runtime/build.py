"""The build runtime: everything that makes one build fast, as one object made when the build
starts and handed to whatever needs it. No module keeps any of it.

It owns
- the parse cache (cache.py) the loader is given in incremental builds;
- the output writer (incremental.py) every generated file goes through;
- the worker processes (forkpool.py): how many, and running jobs in them;
- the collector policy: the loaded content is moved out of the collector's reach for the rest
  of the build, and given back to it when the next build in the same process starts (`make
  serve` builds many times in one process).

The site plugin makes it (`BuildRuntime.begin`) when its generator starts and keeps it in
Pelican's settings under RUNTIME_KEY, where the search plugin finds it (`BuildRuntime.of`);
Pelican's `finalized` signal ends it (`finish`). The runtime imports neither the model nor the
plugins.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any

from copernica_directory.runtime import RUNTIME_KEY
from copernica_directory.runtime.cache import ParseCache
from copernica_directory.runtime.forkpool import Background, auto_workers, run_jobs
from copernica_directory.runtime.incremental import OutputWriter
from copernica_directory.settings import SiteSettings

log = logging.getLogger(__name__)


class BuildRuntime:
    """The caches, workers, output writer and collector policy of one build."""

    def __init__(self, settings: MutableMapping[str, Any], site: SiteSettings, output: Path):
        # What an earlier build in this process froze may be collected now.
        gc.unfreeze()
        self.site = site
        self.workers = auto_workers(site.build_workers)
        self.output = OutputWriter(settings, site, output)
        self.parse_cache = ParseCache(site.cache_path / "parse") if site.incremental else None
        # Earlier built search indexes and stemmed words (search.assets).
        self.search_cache = site.cache_path / "search" if site.incremental else None

    @classmethod
    def begin(
        cls, settings: MutableMapping[str, Any], site: SiteSettings, output: Path
    ) -> BuildRuntime:
        """The runtime of the build that is starting, kept in its `settings` (replacing an
        earlier build's, if that one failed before it finished)."""
        runtime = settings[RUNTIME_KEY] = cls(settings, site, output)
        return runtime

    @staticmethod
    def of(settings: MutableMapping[str, Any]) -> BuildRuntime:
        """The runtime of the build these settings belong to."""
        runtime = settings.get(RUNTIME_KEY)
        if not isinstance(runtime, BuildRuntime):
            raise RuntimeError("no build runtime: the copernica_directory.site plugin makes it")
        return runtime

    def loaded(self) -> None:
        """The content is loaded (with or without problems): keep what the parse cache
        learnt, and keep the content out of the collector's reach for the rest of the build
        (its next full pass would scan the million objects loading made: 0.1 s at the
        benchmark's size)."""
        if self.parse_cache is not None:
            self.parse_cache.save()
        gc.freeze()

    def run_jobs(self, jobs: Sequence[Callable[[], Any]], workers: int | None = None) -> list[Any]:
        """Every job's result, in order; in worker processes when `workers` (default: the
        build's) is more than one."""
        return run_jobs(jobs, self.workers if workers is None else workers)

    def background(self, function: Callable[[], Any]) -> Background:
        """Run `function` in a forked process while the build goes on; `.wait()` for its
        result."""
        return Background(function)

    def finish(self) -> dict[str, int]:
        """Every generator has written its files: delete what no build writes any more and
        save the output's records (incremental builds). The build's objects live until the
        process ends or the next build starts: frozen, the collector's last full pass at exit
        skips them (a quarter of a second for the benchmark's content, in every build)."""
        gc.freeze()
        if not self.output.active:
            return {}
        counts = self.output.finish()
        log.info(
            "incremental: %(kept)d kept, %(written)d written pages; %(files kept)d other files "
            "kept, %(deleted)d deleted",
            counts,
        )
        return counts


def finish_build(pelican: Any) -> None:
    """Pelican's `finalized` signal: end the build's runtime, if the build made one."""
    runtime = pelican.settings.pop(RUNTIME_KEY, None)
    if isinstance(runtime, BuildRuntime):
        runtime.finish()
