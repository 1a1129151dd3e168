"""The site benchmark behind `make bench` (issue 7): build time, memory, validation, rebuild,
search size and speed, beside vanilla Pelican and Pagefind, at one or more content sizes.

For each size: a synthetic content tree (generate.py) is built with our Pelican setup from
scratch in every site language (English at /, Dutch at /nl/), alternating with the
vanilla-Pelican reference for the same number of pages (reference.py) so the ratio holds on a
noisy machine (medians of `repeats` runs each). Then the whole tree is validated, built
incrementally (INCREMENTAL=1) before and after one partner's name changes (and the new name is
looked for in the output of every language), the search assets are measured, and Chromium times
the search on /partners/ and Pagefind's on the same pages. At the default size the same tree is
also built in English only (SITE_LANGUAGES=en), from scratch in the same rounds and
incrementally, for what the second language costs. Everything runs in `.bench/` (git-ignored);
the figures are printed as one table and written to bench-results.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from copernica_directory.bench.generate import Sizes, generate
from copernica_directory.bench.measure import Run, run
from copernica_directory.bench.reference import write_reference
from copernica_directory.bench.searchsize import search_sizes
from copernica_directory.buildcommand import pelican_command
from copernica_directory.model.vocab import DEFAULT_LANGUAGE, language_prefix

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = ROOT / "pelican.conf.py"
DEFAULT_SIZE = Sizes()
SMALL_SIZE = Sizes(partners=100, reviews=2000, cases=200, library=100, events=20)
SEED = 1

# Issue 7.3, the targets the table is checked against.
TARGETS = {
    "build_ratio": 1.5,  # full build at most 1.5x the vanilla-Pelican reference
    "peak_rss_mb": 600,  # under 600 MB
    "validate_seconds": 5.0,  # under 5 s
    "rebuild_share": 0.25,  # rebuild after one partner changes under 25% of a full build
    "search_first_result_kb_gzip": 300,  # at most 300 KB gzip before the first result
    "query_ms_median": 20.0,  # under 20 ms median per query
}

# What visitors type: names, places, expertise and industries in English and Dutch, Dutch word
# forms, typos and several words; partner names and cities are the generator's.
QUERIES = [
    "noord", "delta digital", "fjord", "polder mail", "atlas", "kompas labs", "zenit",
    "meridian", "aurora studio", "vonk", "amsterdam", "rotterdam", "utrecht", "hamburg",
    "munchen", "oslo", "bergen", "goteborg", "kobenhavn", "london", "paris", "madrid",
    "gent", "antwerpen", "training", "trainingen", "consultancy", "templates", "sjablonen",
    "crm integration", "crm koppeling", "deliverability", "deliverabilty", "automation",
    "marketing automation", "data analytics", "strategy", "strategie", "api development",
    "campaign management", "retail", "travel", "reizen", "finance", "publishing",
    "non-profit", "education", "onderwijs", "healthcare", "hospitality amsterdam",
]  # fmt: skip


@dataclass(frozen=True)
class Size:
    """A content size with the label the table uses."""

    label: str
    sizes: Sizes


def _python() -> str:
    return sys.executable


def _pelican(content: Path, output: Path, *extra: str) -> list[str]:
    return pelican_command(content, output, SETTINGS, "-q", *extra)


# What the environment must not decide for the benchmark's builds (pelican.conf.py reads them).
_OWN_VARIABLES = ("INCREMENTAL", "CONTEXT", "SITE_LANGUAGES")
# The builds in the default language only (what the second language costs).
ENGLISH_ONLY = {"SITE_LANGUAGES": DEFAULT_LANGUAGE}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _OWN_VARIABLES}
    env.update(extra)
    return env


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """`run`, after writing out what earlier steps left in the page cache (untimed): a build
    writes hundreds of megabytes, and their write-back slowed the next timed step down (each
    of three full builds took longer than the one before, 9.8, 13 and 15 s)."""
    os.sync()
    return run(command, cwd, env)


def _checked(result: Run, what: str) -> Run:
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed ({result.returncode}):\n{result.output[-3000:]}")
    return result


def count_pages(output: Path) -> int:
    """The pages a build rendered: every page is written as `index.html` in its folder, or as
    `404.html`, in every language. Other `.html` files are not pages (the reuse kit's copies
    of library items, made like their Markdown twins, and the Pagefind harness), and the web
    editor's page (/admin/) is not a page of the site: vanilla Pelican has no twin of it."""
    return sum(
        1
        for p in output.rglob("*.html")
        if p.name in ("index.html", "404.html") and p.parent != output / "admin"
    )


def _relative(path: Path) -> Path:
    # Content given relative to the repository: paths are shown (and measured) as in a checkout.
    try:
        return path.resolve().relative_to(ROOT)
    except ValueError:
        return path


def prepare_content(folder: Path, sizes: Sizes, seed: int = SEED) -> Path:
    """The synthetic tree for `sizes`, generated again only when sizes or generator changed."""
    content = folder / "content"
    stamp = folder / "content.json"
    generator = (Path(__file__).with_name("generate.py")).read_bytes()
    wanted = {"sizes": asdict(sizes), "seed": seed, "generator": hash_bytes(generator)}
    if content.is_dir() and stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return content
    shutil.rmtree(content, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    generate(content, sizes, seed, taxonomy=ROOT / "content" / "taxonomy")
    stamp.write_text(json.dumps(wanted))
    return content


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def full_builds(
    folder: Path, content: Path, repeats: int, english_only: bool = False
) -> dict[str, Any]:
    """Our build and the reference, alternately, from scratch; medians and their ratio. With
    `english_only`, each round also builds the site in the default language only."""
    output = folder / "output"
    english = folder / "output-en"
    reference = folder / "reference"
    ours: list[Run] = []
    theirs: list[Run] = []
    alone: list[Run] = []
    pages = english_pages = 0
    for attempt in range(repeats):
        shutil.rmtree(output, ignore_errors=True)
        ours.append(
            _checked(_timed(_pelican(_relative(content), _relative(output)), ROOT, _env()), "build")
        )
        if attempt == 0:
            pages = count_pages(output)
            write_reference(reference, pages)
        if english_only:
            shutil.rmtree(english, ignore_errors=True)
            command = _pelican(_relative(content), _relative(english))
            alone.append(
                _checked(_timed(command, ROOT, _env(**ENGLISH_ONLY)), "English-only build")
            )
            if attempt == 0:
                english_pages = count_pages(english)
        shutil.rmtree(reference / "output", ignore_errors=True)
        ref_command = [_python(), "-m", "pelican", "content", "-o", "output", "-s"]
        ref_command += ["pelicanconf.py", "-q"]
        theirs.append(_checked(_timed(ref_command, reference, _env()), "reference build"))
    # Vanilla Pelican writes nothing but pages (articles as <slug>.html, and the index).
    reference_pages = sum(1 for _ in (reference / "output").rglob("*.html"))
    if reference_pages != pages:
        raise RuntimeError(f"the reference wrote {reference_pages} pages, ours {pages}")
    build = statistics.median(r.seconds for r in ours)
    ref = statistics.median(r.seconds for r in theirs)
    figures: dict[str, Any] = {
        "pages": pages,
        "build_seconds": round(build, 2),
        "build_cpu_seconds": round(statistics.median(r.cpu_seconds for r in ours), 2),
        "build_runs": [round(r.seconds, 2) for r in ours],
        "reference_seconds": round(ref, 2),
        "reference_runs": [round(r.seconds, 2) for r in theirs],
        "build_ratio": round(build / ref, 2),
        "ms_per_page": round(1000 * build / pages, 2),
        "reference_ms_per_page": round(1000 * ref / pages, 2),
        "peak_rss_mb": round(max(r.peak_rss_mb for r in ours), 1),
        "peak_tree_rss_mb": round(max(r.peak_tree_rss_mb for r in ours), 1),
        "reference_peak_rss_mb": round(max(r.peak_rss_mb for r in theirs), 1),
    }
    if alone:
        figures["english_only"] = {
            "pages": english_pages,
            "build_seconds": round(statistics.median(r.seconds for r in alone), 2),
            "build_cpu_seconds": round(statistics.median(r.cpu_seconds for r in alone), 2),
            "build_runs": [round(r.seconds, 2) for r in alone],
            "peak_rss_mb": round(max(r.peak_rss_mb for r in alone), 1),
            "peak_tree_rss_mb": round(max(r.peak_tree_rss_mb for r in alone), 1),
        }
    return figures


def validation(content: Path, repeats: int) -> dict[str, Any]:
    """`scripts/validate.py` over the whole tree, as a contributor runs it."""
    command = [_python(), str(ROOT / "scripts" / "validate.py"), "--content", str(content)]
    runs = [_checked(_timed(command, ROOT, _env()), "validation") for _ in range(repeats)]
    return {"validate_seconds": round(statistics.median(r.seconds for r in runs), 2)}


def _first_partner(content: Path) -> Path:
    return sorted((content / "partners").glob("*/partner.yaml"))[0]


def _rename(path: Path, old_text: str, suffix: str) -> str:
    text = old_text
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("name: "):
            name = json.loads(line[len("name: ") :])
            lines[number] = f"name: {json.dumps(name + suffix, ensure_ascii=False)}\n"
            path.write_text("".join(lines), encoding="utf-8")
            return name + suffix
    raise ValueError(f"no name: line in {path}")


def _languages(output: Path) -> list[str]:
    """The languages a build rendered: those with a search result store."""
    manifest = json.loads((output / "search" / "manifest.json").read_text(encoding="utf-8"))
    return list(manifest["stores"]["partners"])


def _visible(output: Path, slug: str, name: str) -> dict[str, bool]:
    """Is `name` shown everywhere it belongs: the profile and the directory of every language
    built, the JSON API, and every language's search store?"""
    manifest = json.loads((output / "search" / "manifest.json").read_text(encoding="utf-8"))
    languages = _languages(output)
    escaped = name.replace("&", "&amp;")

    def page(lang: str, *parts: str) -> str:
        return output.joinpath(language_prefix(lang), *parts, "index.html").read_text("utf-8")

    def store(lang: str) -> str:
        return (output / "search" / manifest["stores"]["partners"][lang]).read_text("utf-8")

    return {
        "profile": all(escaped in page(lang, "partners", slug) for lang in languages),
        "directory": all(escaped in page(lang, "partners") for lang in languages),
        "api": any(
            p["name"] == name
            for p in json.loads((output / "api" / "partners.json").read_text("utf-8"))["partners"]
        ),
        "search_store": all(name in store(lang) for lang in languages),
    }


def rebuilds(
    folder: Path,
    content: Path,
    full_seconds: float,
    repeats: int,
    env_extra: dict[str, str] | None = None,
    tag: str = "",
) -> dict[str, Any]:
    """INCREMENTAL=1 builds: the first (filling the caches), then `repeats` times one partner's
    name changed and a build (the new name must be everywhere it is shown), and builds with
    nothing changed; medians. `env_extra` (e.g. English only) and `tag` (in the names of the
    output and cache folders) for another configuration of the same tree."""
    output = folder / f"output-incremental{tag}"
    cache = folder / f"cache{tag}"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    extra = ("-e", f"CACHE_PATH={json.dumps(str(_relative(cache)))}")
    command = _pelican(_relative(content), _relative(output), *extra)
    env = _env(INCREMENTAL="1", **(env_extra or {}))
    first = _checked(_timed(command, ROOT, env), "incremental build")
    partner = _first_partner(content)
    original = partner.read_text(encoding="utf-8")
    changed: list[float] = []
    unchanged: list[float] = []
    visible: dict[str, bool] = {}
    try:
        for attempt in range(repeats):
            time.sleep(0.01)  # a new modification time even on coarse file systems
            name = _rename(partner, original, f" Renamed {attempt + 1}")
            changed.append(_checked(_timed(command, ROOT, env), "incremental rebuild").seconds)
            seen = _visible(output, partner.parent.name, name)
            visible = {k: visible.get(k, True) and v for k, v in seen.items()}
            unchanged.append(_checked(_timed(command, ROOT, env), "rebuild, no change").seconds)
    finally:
        partner.write_text(original, encoding="utf-8")
    rebuild = statistics.median(changed)
    return {
        "languages": _languages(output),
        "incremental_first_seconds": round(first.seconds, 2),
        "rebuild_one_partner_seconds": round(rebuild, 2),
        "rebuild_runs": [round(s, 2) for s in changed],
        "rebuild_share": round(rebuild / full_seconds, 3),
        "rebuild_unchanged_seconds": round(statistics.median(unchanged), 2),
        "rebuild_change_visible": visible,
    }


# The pages of the site: not the 404 pages, nor the reuse kit's HTML copies of library items.
PAGEFIND_GLOB = "**/index.html"


def pagefind_index(output: Path) -> dict[str, Any]:
    """Pagefind's own index of the built site's pages (written to output/pagefind/).

    Pagefind makes one index per page language, from `<html lang>`: the English pages and the
    Dutch ones under /nl/ are indexed apart, and a page loads the index of its own language
    (the harness page is English), as our search loads its language's store.
    """
    command = [_python(), "-m", "pagefind", "--site", str(output), "--glob", PAGEFIND_GLOB]
    try:
        result = _timed(command, ROOT, _env())
    except OSError as err:
        return {"error": f"pagefind could not start: {err}"}
    if result.returncode != 0:
        return {"error": f"pagefind exited {result.returncode}: {result.output[-1500:]}"}
    folder = output / "pagefind"
    files = [p for p in folder.rglob("*") if p.is_file()]
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {
        "index_seconds": round(result.seconds, 2),
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "pages_by_language": {
            lang: info.get("page_count") for lang, info in sorted(entry["languages"].items())
        },
    }


def browser_figures(output: Path, with_pagefind: bool) -> dict[str, Any]:
    """Chromium on the built site: our search, then Pagefind's (indexed first)."""
    from copernica_directory.bench import browser

    figures: dict[str, Any] = {}
    pagefind: dict[str, Any] = {}
    if with_pagefind:
        pagefind = pagefind_index(output)
    with browser.serve(output) as base, browser.chromium() as chromium:
        figures = browser.our_search(chromium, base, output, QUERIES)
        if with_pagefind and "error" not in pagefind:
            pagefind.update(browser.pagefind_search(chromium, base, output, QUERIES))
    return {"search_browser": figures, "pagefind": pagefind if with_pagefind else None}


def second_language(figures: dict[str, Any]) -> dict[str, Any]:
    """What the languages beyond the default cost: both builds' figures side by side."""
    alone = figures["english_only"]

    def cost(ours: float, theirs: float) -> dict[str, float]:
        return {
            "added": round(ours - theirs, 2),
            "share": round((ours - theirs) / theirs, 3) if theirs else 0.0,
        }

    return {
        "pages": cost(figures["pages"], alone["pages"]),
        "build_seconds": cost(figures["build_seconds"], alone["build_seconds"]),
        "build_cpu_seconds": cost(figures["build_cpu_seconds"], alone["build_cpu_seconds"]),
        "peak_tree_rss_mb": cost(figures["peak_tree_rss_mb"], alone["peak_tree_rss_mb"]),
        "rebuild_one_partner_seconds": cost(
            figures["rebuild_one_partner_seconds"], alone["rebuild_one_partner_seconds"]
        ),
    }


def bench_size(
    size: Size,
    workdir: Path,
    repeats: int,
    with_browser: bool,
    with_pagefind: bool,
    english_only: bool = False,
) -> dict[str, Any]:
    """Every figure for one content size (`english_only`: and the English-only builds)."""
    folder = workdir / size.label
    content = prepare_content(folder, size.sizes)
    figures: dict[str, Any] = {"label": size.label, "sizes": asdict(size.sizes)}
    also = ", English only" if english_only else ""
    log(f"[{size.label}] full builds{also} and the reference ({repeats}x each)")
    figures.update(full_builds(folder, content, repeats, english_only))
    log(f"[{size.label}] validation")
    figures.update(validation(content, repeats))
    log(f"[{size.label}] incremental rebuilds")
    figures.update(rebuilds(folder, content, figures["build_seconds"], repeats))
    if english_only:
        log(f"[{size.label}] incremental rebuilds, English only")
        alone = figures["english_only"]
        found = rebuilds(folder, content, alone["build_seconds"], repeats, ENGLISH_ONLY, "-en")
        alone.update(found)
        figures["second_language"] = second_language(figures)
    sizes = search_sizes(folder / "output")
    figures["search_assets"] = sizes
    figures["search_first_result_bytes_gzip"] = sizes["first_result_gzip"]
    # Every page language downloads its own store first: the target holds for each.
    figures["search_first_result_bytes_gzip_by_lang"] = {
        lang: search_sizes(folder / "output", lang)["first_result_gzip"]
        for lang in _languages(folder / "output")
    }
    if with_browser:
        log(f"[{size.label}] Chromium: search latency, Pagefind")
        figures.update(browser_figures(folder / "output", with_pagefind))
        figures["query_ms_median"] = figures["search_browser"]["update_ms"]["median"]
    return figures


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _first_result_bytes(figures: dict[str, Any]) -> int:
    """The bytes before the first result on a page of the language that needs the most."""
    by_lang = figures.get("search_first_result_bytes_gzip_by_lang") or {}
    return max([figures["search_first_result_bytes_gzip"], *by_lang.values()])


def check_targets(figures: dict[str, Any]) -> dict[str, bool]:
    """Each target of issue 7.3: met or not, for one size."""
    met = {
        "build_ratio": figures["build_ratio"] <= TARGETS["build_ratio"],
        "peak_rss_mb": figures["peak_tree_rss_mb"] < TARGETS["peak_rss_mb"],
        "validate_seconds": figures["validate_seconds"] < TARGETS["validate_seconds"],
        "rebuild_share": figures["rebuild_share"] < TARGETS["rebuild_share"]
        and all(figures["rebuild_change_visible"].values()),
        "search_first_result_kb_gzip": _first_result_bytes(figures) / 1000
        <= TARGETS["search_first_result_kb_gzip"],
    }
    if "query_ms_median" in figures:
        met["query_ms_median"] = figures["query_ms_median"] < TARGETS["query_ms_median"]
    return met


def results_json(all_figures: list[dict[str, Any]], main_label: str) -> dict[str, Any]:
    """bench-results.json: the issue's keys for the default size, then every size in full."""
    main = next(f for f in all_figures if f["label"] == main_label)
    keys = (
        "build_seconds", "reference_seconds", "build_ratio", "peak_rss_mb", "peak_tree_rss_mb",
        "validate_seconds", "rebuild_one_partner_seconds", "search_first_result_bytes_gzip",
        "query_ms_median", "pages", "ms_per_page",
    )  # fmt: skip
    document: dict[str, Any] = {key: main.get(key) for key in keys}
    alone = main.get("english_only")
    if alone:
        # What the second language costs: the same tree built in English only.
        for key in (
            "pages", "build_seconds", "build_cpu_seconds", "peak_rss_mb", "peak_tree_rss_mb",
            "rebuild_one_partner_seconds", "rebuild_share", "rebuild_unchanged_seconds",
        ):  # fmt: skip
            document[f"english_only_{key}"] = alone.get(key)
        document["second_language"] = main.get("second_language")
    document["pagefind"] = main.get("pagefind")
    document["targets"] = TARGETS
    document["targets_met"] = check_targets(main)
    document["sizes"] = {f["label"]: f for f in all_figures}
    document["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    return document


def _kb(value: float) -> str:
    return f"{value / 1000:,.1f}"


def table(all_figures: list[dict[str, Any]]) -> str:
    """The one table: a row per figure, a column per size, and the target."""
    rows: list[tuple[str, list[str], str]] = []

    def row(label: str, render: Any, target: str = "") -> None:
        cells = []
        for figures in all_figures:
            try:
                cells.append(render(figures))
            except (KeyError, TypeError):
                cells.append("-")
        rows.append((label, cells, target))

    def mark(figures: dict[str, Any], key: str) -> str:
        met = check_targets(figures).get(key)
        return "" if met is None else (" ok" if met else " MISSED")

    # Figures measured for every language and again for English only, shown the same way.
    def memory(f: dict[str, Any]) -> str:
        return f"{f['peak_rss_mb']:.0f} / {f['peak_tree_rss_mb']:.0f}"

    def rebuild(f: dict[str, Any]) -> str:
        return f"{f['rebuild_one_partner_seconds']:.2f} ({100 * f['rebuild_share']:.0f}%)"

    row(
        "partners / reviews / cases",
        lambda f: "{partners} / {reviews} / {cases}".format(**f["sizes"]),
    )
    row("library items / events", lambda f: "{library} / {events}".format(**f["sizes"]))
    row(
        "pages written (languages)",
        lambda f: f"{f['pages']:,} ({', '.join(f['languages'])})",
    )
    row("full build, s (median)", lambda f: f"{f['build_seconds']:.2f}")
    row("  CPU time, s", lambda f: f"{f['build_cpu_seconds']:.2f}")
    row("  per page, ms", lambda f: f"{f['ms_per_page']:.2f}")
    row("vanilla Pelican, same pages, s", lambda f: f"{f['reference_seconds']:.2f}")
    row("  per page, ms", lambda f: f"{f['reference_ms_per_page']:.2f}")
    row(
        "build / reference",
        lambda f: f"{f['build_ratio']:.2f}x" + mark(f, "build_ratio"),
        "<= 1.5x",
    )
    row(
        "peak memory, MB (largest RSS / all PSS)",
        lambda f: memory(f) + mark(f, "peak_rss_mb"),
        "< 600",
    )
    row(
        "validation, s",
        lambda f: f"{f['validate_seconds']:.2f}" + mark(f, "validate_seconds"),
        "< 5",
    )
    row("incremental build, caches empty, s", lambda f: f"{f['incremental_first_seconds']:.2f}")
    row(
        "rebuild after one partner, s (share)",
        lambda f: rebuild(f) + mark(f, "rebuild_share"),
        "< 25%",
    )
    row(
        "  change visible everywhere",
        lambda f: (
            "yes"
            if all(f["rebuild_change_visible"].values())
            else f"NO {f['rebuild_change_visible']}"
        ),
    )
    row("rebuild, nothing changed, s", lambda f: f"{f['rebuild_unchanged_seconds']:.2f}")
    row("English only (SITE_LANGUAGES=en): pages", lambda f: f"{f['english_only']['pages']:,}")
    row("  full build, s (median)", lambda f: f"{f['english_only']['build_seconds']:.2f}")
    row("  CPU time, s", lambda f: f"{f['english_only']['build_cpu_seconds']:.2f}")
    row("  peak memory, MB (largest RSS / all PSS)", lambda f: memory(f["english_only"]))
    row("  rebuild after one partner, s (share)", lambda f: rebuild(f["english_only"]))
    row(
        "  rebuild, nothing changed, s",
        lambda f: f"{f['english_only']['rebuild_unchanged_seconds']:.2f}",
    )

    def added(key: str, digits: int = 2) -> Any:
        def render(f: dict[str, Any]) -> str:
            cost = f["second_language"][key]
            return f"{cost['added']:+,.{digits}f} ({100 * cost['share']:+.0f}%)"

        return render

    row("second language adds: pages", added("pages", 0))
    row("  full build, s", added("build_seconds"))
    row("  CPU time, s", added("build_cpu_seconds"))
    row("  peak memory (all PSS), MB", added("peak_tree_rss_mb", 0))
    row("  rebuild after one partner, s", added("rebuild_one_partner_seconds"))
    row(
        "search before first result, KB gzip (raw)",
        lambda f: (
            f"{_kb(f['search_assets']['first_result_gzip'])} ({_kb(f['search_assets']['first_result_raw'])})"
            + mark(f, "search_first_result_kb_gzip")
        ),
        "<= 300",
    )
    row(
        "  on a Dutch page, KB gzip",
        lambda f: (
            _kb(f["search_first_result_bytes_gzip_by_lang"]["nl"])
            + mark(f, "search_first_result_kb_gzip")
        ),
        "<= 300",
    )
    row("search, all files, KB gzip", lambda f: _kb(f["search_assets"]["total_gzip"]))
    row(
        "query per keystroke, ms median (p95)",
        lambda f: (
            f"{f['search_browser']['update_ms']['median']:.2f} ({f['search_browser']['update_ms']['p95']:.2f})"
            + mark(f, "query_ms_median")
        ),
        "< 20",
    )
    row("  lunr part, ms median", lambda f: f"{f['search_browser']['query_ms']['median']:.2f}")
    row(
        "first result after load event, ms",
        lambda f: f"{f['search_browser']['first_result_ms_after_load']:.0f}",
    )
    row(
        "Pagefind: pages indexed, by language",
        lambda f: " / ".join(
            f"{count:,} {lang}" for lang, count in f["pagefind"]["pages_by_language"].items()
        ),
    )
    row("Pagefind: index time, s", lambda f: f"{f['pagefind']['index_seconds']:.2f}")
    row(
        "Pagefind: before first result, KB as served (gzip)",
        lambda f: (
            f"{_kb(f['pagefind']['first_result_bytes_raw'])} ({_kb(f['pagefind']['first_result_bytes_gzip'])})"
        ),
    )
    row(
        "Pagefind: first result after load, ms",
        lambda f: f"{f['pagefind']['first_result_ms_after_load']:.0f}",
    )
    row(
        "Pagefind: per further query, KB median (p95)",
        lambda f: (
            f"{_kb(f['pagefind']['bytes_per_further_query']['median'])} ({_kb(f['pagefind']['bytes_per_further_query']['p95'])})"
        ),
    )
    row("Pagefind: all 50 queries, KB", lambda f: _kb(f["pagefind"]["bytes_all_queries"]))
    row(
        "Pagefind: query per keystroke, ms median (p95)",
        lambda f: (
            f"{f['pagefind']['query_ms']['median']:.2f} ({f['pagefind']['query_ms']['p95']:.2f})"
        ),
    )
    row(
        "Pagefind: with top-5 results, ms median",
        lambda f: f"{f['pagefind']['query_with_top5_data_ms']['median']:.2f}",
    )

    header = ["figure", *(f["label"] for f in all_figures), "target"]
    body = [[label, *cells, target] for label, cells, target in rows]
    widths = [max(len(str(line[i])) for line in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(b) for b in body)])


def files_table(figures: dict[str, Any]) -> str:
    """Search files of one size, raw and gzip."""
    lines = [
        f"Search files ({figures['label']}):",
        "| file | role | raw KB | gzip KB |",
        "|---|---|---|---|",
    ]
    for entry in figures["search_assets"]["files"]:
        lines.append(
            f"| {entry['file']} | {entry['role']} | {_kb(entry['raw'])} | {_kb(entry['gzip'])} |"
        )
    return "\n".join(lines)


def parse_sizes(args: argparse.Namespace) -> list[Size]:
    if args.scale:
        sizes = []
        for factor in args.scale.split(","):
            k = float(factor)
            scaled = Sizes(
                *(max(1, round(getattr(DEFAULT_SIZE, f) * k)) for f in Sizes.__dataclass_fields__)
            )
            sizes.append(Size(f"{factor}x", scaled))
        return sizes
    chosen = []
    for name in args.sizes.split(","):
        if name == "small":
            chosen.append(Size("small", SMALL_SIZE))
        elif name == "default":
            chosen.append(Size("default", DEFAULT_SIZE))
        else:
            raise SystemExit(f"bench.py: unknown size {name!r} (small, default; or --scale)")
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table, write the JSON. Exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="small,default", help="small,default (default both)")
    parser.add_argument("--scale", help="multiples of the default size instead, e.g. 1,2,5")
    parser.add_argument("--repeats", type=int, default=3, help="full builds per size (median)")
    parser.add_argument("--workdir", type=Path, default=ROOT / ".bench")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json")
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium and Pagefind")
    parser.add_argument("--no-pagefind", action="store_true", help="skip Pagefind")
    parser.add_argument(
        "--no-english-only",
        action="store_true",
        help="skip the English-only builds of the default size (what the second language costs)",
    )
    args = parser.parse_args(argv)
    sizes = parse_sizes(args)
    all_figures = []
    for size in sizes:
        # What the second language costs: measured at the default size (1x with --scale).
        english_only = size.sizes == DEFAULT_SIZE and not args.no_english_only
        all_figures.append(
            bench_size(
                size,
                args.workdir,
                args.repeats,
                not args.no_browser,
                not args.no_pagefind,
                english_only,
            )
        )
    main_label = "default" if any(s.label == "default" for s in sizes) else sizes[-1].label
    document = results_json(all_figures, main_label)
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(table(all_figures))
    print()
    print(files_table(next(f for f in all_figures if f["label"] == main_label)))
    print(f"\nTargets ({main_label}): {document['targets_met']}; results in {args.json}")
    return 0 if all(document["targets_met"].values()) else 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
