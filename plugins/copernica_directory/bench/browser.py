"""Search in headless Chromium: our lunr search on /partners/, and Pagefind on the same pages.

The built site is served from 127.0.0.1 by Python's http.server (no compression, so the bytes
counted are the files' own; gzip figures come from searchsize.py). Times come from the page
itself (performance.now() and the User Timing marks search.js records, `partner-search:query`
around the lunr queries and `partner-search:update` around a whole update: query, facets,
counts and result list), not from round trips to the browser.
"""

from __future__ import annotations

import gzip
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from copernica_directory.sitecheck.localserver import serve as _serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 60_000
PAGEFIND_PAGE = "_bench/pagefind.html"
TOP_RESULTS = 5  # Pagefind loads each shown result's fragment; our store already holds them


serve = contextmanager(_serve)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Debian's; Playwright never downloads one here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def summary(values: list[float]) -> dict[str, float]:
    """Median, 95th percentile and maximum, in milliseconds rounded to 0.01."""
    if not values:
        return {"median": 0.0, "p95": 0.0, "max": 0.0, "count": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(ordered), 2),
        "p95": round(p95, 2),
        "max": round(ordered[-1], 2),
        "count": len(ordered),
    }


# Records when the first search result appears, and the load event, in the page's own clock.
_FIRST_HIT_SCRIPT = """
performance.setResourceTimingBufferSize(100000);
window.__bench = {firstHit: null};
document.addEventListener("DOMContentLoaded", () => {
  const hits = document.querySelector("[data-search-hits]");
  if (!hits) return;
  const seen = () => {
    if (window.__bench.firstHit === null && hits.children.length > 0) {
      window.__bench.firstHit = performance.now();
    }
  };
  new MutationObserver(seen).observe(hits, {childList: true});
  seen();
});
"""

# Every prefix of every query, as a visitor types it: set the box, submit (search.js runs its
# update at once, without the typing debounce), read the User Timing measures it recorded.
_KEYSTROKES_SCRIPT = """
async (queries) => {
  const input = document.querySelector("#search-q");
  const form = document.querySelector("[data-search-form]");
  const query = [], update = [], perQuery = [];
  for (const text of queries) {
    let total = 0;
    for (let i = 1; i <= text.length; i++) {
      input.value = text.slice(0, i);
      performance.clearMeasures();
      form.dispatchEvent(new Event("submit", {cancelable: true}));
      const q = performance.getEntriesByName("partner-search:query");
      const u = performance.getEntriesByName("partner-search:update");
      if (q.length) query.push(q[q.length - 1].duration);
      if (u.length) { update.push(u[u.length - 1].duration); total = u[u.length - 1].duration; }
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    perQuery.push(total);
  }
  return {query, update, perQuery};
}
"""


def _resources(page: Any, prefix: str) -> list[dict[str, Any]]:
    return page.evaluate(
        """prefix => performance.getEntriesByType("resource")
            .filter(e => new URL(e.name).pathname.startsWith(prefix))
            .map(e => ({path: new URL(e.name).pathname, bytes: e.encodedBodySize,
                        end: e.responseEnd}))""",
        prefix,
    )


def _gzip_of(output: Path, paths: list[str]) -> int:
    total = 0
    for path in paths:
        data = (output / path.lstrip("/")).read_bytes()
        total += min(len(data), len(gzip.compress(data, 6, mtime=0)))
    return total


def our_search(browser: Any, base: str, output: Path, queries: list[str]) -> dict[str, Any]:
    """Time to the first result of a shared search link, and per-keystroke latency."""
    page = browser.new_page()
    try:
        page.add_init_script(_FIRST_HIT_SCRIPT)
        first_word = queries[0]
        page.goto(f"{base}/partners/?q={first_word}", wait_until="load")
        page.wait_for_function("window.__bench.firstHit !== null", timeout=TIMEOUT_MS)
        timing = page.evaluate(
            """() => ({firstHit: window.__bench.firstHit,
                      load: performance.getEntriesByType("navigation")[0].loadEventEnd})"""
        )
        before = [r for r in _resources(page, "/search/") if r["end"] <= timing["firstHit"]]
        page.goto(f"{base}/partners/", wait_until="load")
        page.wait_for_selector("[data-search-state=complete]", timeout=TIMEOUT_MS)
        page.evaluate(_KEYSTROKES_SCRIPT, ["warm up"])  # loads the case indexes too
        page.wait_for_timeout(500)
        measured = page.evaluate(_KEYSTROKES_SCRIPT, queries)
    finally:
        page.close()
    return {
        "first_result_ms_after_load": round(max(0.0, timing["firstHit"] - timing["load"]), 1),
        "first_result_ms_after_navigation": round(timing["firstHit"], 1),
        "first_result_files": sorted(r["path"] for r in before),
        "first_result_bytes_raw": sum(r["bytes"] for r in before),
        "first_result_bytes_gzip": _gzip_of(output, [r["path"] for r in before]),
        "query_ms": summary(measured["query"]),
        "update_ms": summary(measured["update"]),
        "full_query_update_ms": summary(measured["perQuery"]),
        "queries": len(queries),
        "keystrokes": len(measured["update"]),
    }


_PAGEFIND_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind benchmark</title></head>
<body><script type="module">
let pagefind = null;
window.pagefindBench = {
  // The first query of a visitor: load Pagefind, search, load the shown results.
  async first(text, top) {
    const started = performance.now();
    pagefind = await import("/pagefind/pagefind.js");
    await pagefind.init();
    const search = await pagefind.search(text);
    await Promise.all(search.results.slice(0, top).map((r) => r.data()));
    return {ms: performance.now() - started, results: search.results.length};
  },
  // One query typed key by key: the time of each search, and with the shown results loaded.
  async type(text, top) {
    const times = [], withData = [];
    for (let i = 1; i <= text.length; i++) {
      const t0 = performance.now();
      const search = await pagefind.search(text.slice(0, i));
      const t1 = performance.now();
      await Promise.all(search.results.slice(0, top).map((r) => r.data()));
      times.push(t1 - t0);
      withData.push(performance.now() - t0);
    }
    return {times, withData};
  },
};
window.pagefindReady = true;
</script></body></html>
"""


class _Network:
    """Every response under a path prefix, with its size (Pagefind fetches from a worker, whose
    requests the page's own resource timing does not list)."""

    def __init__(self, page: Any, prefix: str) -> None:
        self.files: list[tuple[str, int]] = []
        self.prefix = prefix
        page.on("response", self._seen)

    def _seen(self, response: Any) -> None:
        path = urlsplit(response.url).path
        if path.startswith(self.prefix):
            self.files.append((path, int(response.headers.get("content-length") or 0)))

    def total(self) -> int:
        return sum(size for _, size in self.files)


def pagefind_search(browser: Any, base: str, output: Path, queries: list[str]) -> dict[str, Any]:
    """Pagefind's JS API on the same site: bytes to the first result, then per query."""
    harness = output / PAGEFIND_PAGE
    harness.parent.mkdir(parents=True, exist_ok=True)
    harness.write_text(_PAGEFIND_HTML, encoding="utf-8")
    page = browser.new_page()
    try:
        network = _Network(page, "/pagefind/")
        page.goto(f"{base}/{PAGEFIND_PAGE}", wait_until="load")
        page.wait_for_function("window.pagefindReady === true", timeout=TIMEOUT_MS)
        first = page.evaluate(
            "([q, top]) => window.pagefindBench.first(q, top)", [queries[0], TOP_RESULTS]
        )
        page.wait_for_timeout(200)  # responses still being reported
        first_files = [path for path, _ in network.files]
        first_bytes = network.total()
        times: list[float] = []
        with_data: list[float] = []
        further: list[float] = []
        for text in queries[1:]:
            before = network.total()
            measured = page.evaluate(
                "([q, top]) => window.pagefindBench.type(q, top)", [text, TOP_RESULTS]
            )
            times += measured["times"]
            with_data += measured["withData"]
            page.wait_for_timeout(20)
            further.append(float(network.total() - before))
    finally:
        page.close()
    return {
        "first_result_ms_after_load": round(first["ms"], 1),
        "first_result_files": sorted(set(first_files)),
        "first_result_bytes_raw": first_bytes,
        "first_result_bytes_gzip": _gzip_of(output, sorted(set(first_files))),
        "bytes_per_further_query": summary(further),
        "bytes_all_queries": network.total(),
        "query_ms": summary(times),
        f"query_with_top{TOP_RESULTS}_data_ms": summary(with_data),
        "queries": len(queries),
    }
