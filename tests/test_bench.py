"""The benchmark's own pieces, on tiny sizes (the benchmark itself is `make bench`, not a test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from copernica_directory.bench.bench import (
    QUERIES,
    Size,
    bench_size,
    check_targets,
    count_pages,
    results_json,
    table,
)
from copernica_directory.bench.generate import Sizes
from copernica_directory.bench.measure import run
from copernica_directory.bench.reference import write_reference
from copernica_directory.bench.searchsize import search_sizes

ISSUE_KEYS = {
    "build_seconds",
    "reference_seconds",
    "peak_rss_mb",
    "validate_seconds",
    "rebuild_one_partner_seconds",
    "search_first_result_bytes_gzip",
    "query_ms_median",
    "pagefind",
}


def test_the_reference_writes_the_requested_number_of_pages(tmp_path: Path) -> None:
    settings = write_reference(tmp_path, 7)
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", settings.name, "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list((tmp_path / "output").rglob("*.html"))) == 7
    words = len((tmp_path / "content" / "article-000000.md").read_text("utf-8").split())
    assert 380 < words < 520  # about the text of one of our pages


def test_measure_reports_time_cpu_and_memory(tmp_path: Path) -> None:
    code = "import time; x = bytearray(60 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"
    result = run([sys.executable, "-c", code + "; time.sleep(0.2)"], tmp_path)
    assert result.returncode == 0
    assert result.seconds >= 0.2 and result.cpu_seconds > 0
    assert 60 < result.peak_rss_mb < 200 and result.peak_tree_rss_mb >= result.peak_rss_mb - 1


def test_search_sizes_of_the_sample_site(built_site: Path) -> None:
    sizes = search_sizes(built_site)
    names = {f["file"] for f in sizes["files"]}
    assert set(sizes["first_result_files"]) <= names
    assert "manifest.json" in sizes["first_result_files"]
    assert any("partners-store-en" in n for n in sizes["first_result_files"])
    assert 0 < sizes["first_result_gzip"] < sizes["first_result_raw"] <= sizes["total_raw"]


def test_pages_are_counted_as_the_build_renders_them(built_site: Path) -> None:
    # Every page in every language; not the reuse kit's HTML copies of library items.
    pages = count_pages(built_site)
    editor = built_site / "admin" / "index.html"  # the web editor's page: not a site page
    assert editor.is_file()
    assert pages == len([*built_site.rglob("index.html"), *built_site.rglob("404.html")]) - 1
    assert pages < len(list(built_site.rglob("*.html")))
    assert count_pages(built_site / "nl") == pages // 2


def test_a_tiny_benchmark_run_has_every_figure(tmp_path: Path) -> None:
    tiny = Size("tiny", Sizes(partners=4, reviews=20, cases=4, library=4, events=2))
    figures = bench_size(
        tiny, tmp_path, repeats=1, with_browser=False, with_pagefind=False, english_only=True
    )
    assert figures["pages"] > 10 and figures["languages"] == ["en", "nl"]
    alone = figures["english_only"]
    assert alone["languages"] == ["en"] and 2 * alone["pages"] == figures["pages"]
    assert figures["second_language"]["pages"]["added"] == alone["pages"]
    assert all(alone["rebuild_change_visible"].values())
    assert figures["rebuild_change_visible"] == {
        "profile": True,
        "directory": True,
        "api": True,
        "search_store": True,
    }
    figures["query_ms_median"] = 1.0  # Chromium is not part of the tests
    document = results_json([figures], "tiny")
    assert set(document) >= ISSUE_KEYS
    assert document["english_only_build_seconds"] == alone["build_seconds"]
    assert set(check_targets(figures)) == set(document["targets"])
    json.dumps(document)  # all of it is JSON
    rendered = table([figures])
    assert "vanilla Pelican" in rendered and "tiny" in rendered
    assert "English only" in rendered and "second language adds" in rendered
    assert len(QUERIES) >= 50
