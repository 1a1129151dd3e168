"""Writing the page plan: every page once, skipping unchanged ones in incremental builds, and
in several processes when there are many.

Templates are compiled once, in this process, before any worker starts; workers are forked
copies (the build's runtime: runtime.build, runtime.forkpool) that render their share of the
pages and the other output jobs (the JSON API, logos, the library's files, static assets) and
report which pages they wrote.
BUILD_WORKERS sets the number of processes (0: one per CPU, at most 4; 1: no workers);
PARALLEL_MIN_JOBS below which one process does everything (small sites, the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from copernica_directory.site.pages import Page


def _precompile(generator: Any, pages: list[Page]) -> None:
    """Compile every template now: once for all processes, not once per worker."""
    for name in sorted({page.template for page in pages}):
        generator.get_template(name.removesuffix(".html"))
    # The theme's own templates (those pages import and extend), not Pelican's built-in ones.
    for path in sorted((Path(generator.theme) / "templates").glob("*.html")):
        generator.env.get_template(path.name)


def write_pages(
    generator: Any, writer: Any, pages: Iterable[Page], also: Iterable[Callable[[], Any]] = ()
) -> None:
    """Write every page of `pages` with `writer` (Pelican's), and run the `also` jobs; the
    build's output writer (generator.runtime.output) decides which pages to keep."""
    pages = list(pages)
    settings = generator.settings
    site = generator.site_settings
    runtime = generator.runtime
    cache = runtime.output
    cache.start(generator)
    try:
        # Unchanged pages (incremental builds) are decided here; the rest are jobs.
        to_render = []
        for page in pages:
            keep, key = cache.keep(page)
            if keep:
                cache.kept_page(page)
            else:
                to_render.append((page, key))

        def render(page: Page) -> None:
            # The page's language's helpers (t, tr, LANGURL, ...) override the default
            # language's in the globals; `page_url` is the same in every language.
            writer.write_file(
                page.save_as,
                generator.get_template(page.template.removesuffix(".html")),
                generator.context,
                relative_urls=settings["RELATIVE_URLS"],
                page_url=page.url,
                **generator.language_context[page.lang],
                **page.values,
            )

        def page_job(page: Page, key: str | None) -> Callable[[], Any]:
            return lambda: cache.render(page, key, render)

        def other_job(job: Callable[[], Any]) -> Callable[[], Any]:
            def run() -> Any:
                job()
                return cache.take_file_log()  # what it wrote, for the parent's records

            return run

        other = [other_job(job) for job in also]
        jobs = [*other, *(page_job(page, key) for page, key in to_render)]
        # A big site is worth the workers even when few pages changed: the other jobs (the
        # library's files, the API) are sizeable too.
        minimum = site.parallel_min_jobs
        workers = runtime.workers if len(pages) >= minimum else 1
        if workers > 1 and len(to_render) >= minimum:
            _precompile(generator, [page for page, _ in to_render])
        results = runtime.run_jobs(jobs, workers)
    finally:
        cache.stop()
    for log in results[: len(other)]:
        cache.apply_file_log(log)  # the files the other jobs wrote or kept
    for (page, _), record in zip(to_render, results[len(other) :], strict=True):
        cache.written_page(page, record)
