"""The pieces that make the build fast keep it correct: the fast lunr builder writes lunr's
exact index, worker processes return every result or fail loudly, a parallel build writes the
same site as a sequential one, and the parse cache notices every change that matters."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import re
import shutil
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from conftest import CONTENT, FEW_EVENTS, FEW_ITEMS, few_partners_copy, run_pelican
from lunr.builder import Builder

from copernica_directory.model import load_content
from copernica_directory.runtime.cache import parse_session
from copernica_directory.runtime.forkpool import Background, WorkerFailed, run_jobs
from copernica_directory.search.assets import build_index
from copernica_directory.search.documents import (
    CASE_FIELDS,
    PARTNER_CORE_FIELDS,
    PARTNER_TEXT_FIELDS,
    case_document,
    partner_document,
)
from copernica_directory.search.fastbuilder import FastBuilder, tokenize
from copernica_directory.search.pipeline import new_builder


def _lunr_index(documents: list[dict[str, str]], fields: dict[str, int], lang: str) -> dict:
    """The same index built by lunr.py's own Builder."""
    configured = new_builder(lang)
    builder = Builder()
    builder.pipeline, builder.search_pipeline = configured.pipeline, configured.search_pipeline
    builder.ref("slug")
    for name, boost in fields.items():
        builder.field(name, boost=boost)
    for document in documents:
        builder.add({"slug": document["slug"], **{f: document.get(f, "") for f in fields}})
    return builder.build().serialize()


def test_fast_builder_writes_lunrs_own_index() -> None:
    content, problems = load_content(CONTENT)
    assert problems == []
    odd = {
        "slug": "odd",
        "name": "Bølgen–Digital co-op\u00a0Ltd -- e-mail  MÜNCHEN",
        "expertise": "",
        "tagline": "the of and   ",
        "facts": "Zürich-Oost; naïve café",
        "description": "",
    }
    for lang in ("en", "nl"):
        sets = [
            ([partner_document(p, content, lang) for p in content.partners.values()] + [odd],
             PARTNER_CORE_FIELDS),
            ([partner_document(p, content, lang) for p in content.partners.values()],
             PARTNER_TEXT_FIELDS),
            ([case_document(c, content, lang) for c in content.cases.values()], CASE_FIELDS),
        ]  # fmt: skip
        for documents, fields in sets:
            fast = build_index(documents, fields, lang).serialize()
            assert json.dumps(fast) == json.dumps(_lunr_index(documents, fields, lang))
    assert isinstance(new_builder("en"), FastBuilder)
    assert tokenize("A-b  c\u00a0D\te") == ["a", "b", "c", "d", "e"]


def test_jobs_run_in_worker_processes_at_once_and_return_every_result_in_order() -> None:
    parent = os.getpid()
    # The first two jobs each wait for the other: they only finish when two workers run them
    # side by side (the timeout only stops a broken pool from hanging the suite).
    both = multiprocessing.get_context("fork").Barrier(2, timeout=120)

    def job(n: int) -> tuple[int, int]:
        if n < 2:
            both.wait()
        return n, os.getpid()

    results = run_jobs([lambda n=n: job(n) for n in range(40)], workers=2)
    assert [n for n, _ in results] == list(range(40))
    pids = {pid for _, pid in results}
    assert len(pids) == 2 and parent not in pids
    # One process: every job here, in order.
    assert run_jobs([lambda n=n: (n, os.getpid()) for n in range(5)], workers=1) == [
        (n, parent) for n in range(5)
    ]
    assert Background(lambda: os.getpid()).wait() != parent


def test_a_failing_job_in_a_worker_fails_the_run_with_its_error() -> None:
    parent = os.getpid()

    def broken_page(n: int) -> int:
        if n == 7:
            raise ValueError(f"broken page {n} in process {os.getpid()}")
        return n

    with pytest.raises(ValueError, match="broken page 7") as raised:
        run_jobs([lambda n=n: broken_page(n) for n in range(16)], workers=2)
    assert f"in process {parent}" not in str(raised.value)  # it failed in a worker
    assert "broken_page" in str(raised.value.__cause__)  # with the worker's traceback

    # A worker that dies (killed, out of memory) fails the run too, rather than losing pages.
    with pytest.raises(BrokenProcessPool):
        run_jobs([lambda n=n: os._exit(3) if n == 3 else n for n in range(8)], workers=2)

    with pytest.raises(WorkerFailed, match="in the background"):
        Background(lambda: (_ for _ in ()).throw(RuntimeError("in the background"))).wait()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_parallel_build_writes_the_same_site(tmp_path: Path) -> None:
    env = {"PYTHONHASHSEED": "0"}  # the order icalendar writes time zones in
    one, two = tmp_path / "one", tmp_path / "two"
    result = run_pelican(CONTENT, one, env={**env, "BUILD_WORKERS": "1"})
    assert result.returncode == 0, result.stderr
    result = run_pelican(CONTENT, two, env={**env, "BUILD_WORKERS": "2", "PARALLEL_MIN_JOBS": "1"})
    assert result.returncode == 0, result.stderr
    assert _tree(one) == _tree(two)


def test_the_parse_cache_notices_changes_and_new_vocabulary(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    cache = tmp_path / "cache"
    with parse_session(cache) as session:
        first, problems = load_content(root, cache=session)
    assert problems == []
    # A review of a partner that does not exist yet: a problem...
    review = next((root / "reviews" / "fjordvarsel").glob("*.yaml"))
    folder = root / "reviews" / "nieuwe-partner"
    folder.mkdir()
    moved = folder / review.name
    moved.write_text(
        review.read_text("utf-8").replace("partner: fjordvarsel", "partner: nieuwe-partner"),
        "utf-8",
    )
    review.unlink()
    with parse_session(cache) as session:
        _, problems = load_content(root, cache=session)
    assert any("nieuwe-partner" in p.message for p in problems)
    assert session.hits > 0  # the unchanged files came from the cache
    # ...which the cache must not keep once the partner exists (the vocabulary changed).
    shutil.copytree(root / "partners" / "fjordvarsel", root / "partners" / "nieuwe-partner")
    profile = root / "partners" / "nieuwe-partner" / "partner.yaml"
    profile.write_text(
        profile.read_text("utf-8").replace("name: Fjordvarsel", "name: Nieuw"), "utf-8"
    )
    with parse_session(cache) as session:
        second, problems = load_content(root, cache=session)
    assert problems == []
    assert second.partners["nieuwe-partner"].name == "Nieuw"
    assert len(second.reviews_of("nieuwe-partner")) <= 1
    # An edit keeps the file's size and is made within the same second: still seen.
    text = profile.read_text("utf-8")
    profile.write_text(text.replace("name: Nieuw", "name: Oud!"), "utf-8")
    with parse_session(cache) as session:
        third, _ = load_content(root, cache=session)
    assert third.partners["nieuwe-partner"].name == "Oud!"
    # Loading without a cache is loading from the files, as the validator does.
    plain, _ = load_content(root)
    assert plain.partners["nieuwe-partner"].name == "Oud!"
    assert len(third.reviews) == len(plain.reviews) == len(first.reviews)


def _same_content(root: Path, cache: Path) -> int:
    """Load `root` from its files and through the parse cache: the same records (pickled
    alike, so their digests match) and the same problems. Returns the cache's hits."""
    plain, expected = load_content(root)
    with parse_session(cache) as session:
        cached, problems = load_content(root, cache=session)
    assert [p.format_text() for p in problems] == [p.format_text() for p in expected]
    for kind in ("partners", "cases", "reviews", "library", "events"):
        mine, theirs = getattr(cached, kind), getattr(plain, kind)
        assert list(mine) == list(theirs), kind
        for key, record in theirs.items():
            assert pickle.dumps(mine[key], protocol=5) == pickle.dumps(record, protocol=5), key
    return session.hits


def test_the_parse_cache_gives_what_the_files_give(tmp_path: Path) -> None:
    # Every partner (enough to cross the cache's threshold below), a few library items.
    everyone = tuple(p.name for p in (CONTENT / "partners").iterdir())
    root = few_partners_copy(tmp_path / "content", everyone, FEW_ITEMS, FEW_EVENTS)
    cache = tmp_path / "cache"
    assert _same_content(root, cache) == 0
    assert _same_content(root, cache) > 50  # everything from the cache
    # Every partner renamed in turn: the new results are kept apart from the others, until
    # there are enough of them to be written together again; each build reads them back.
    # 18 is past the cache's threshold for writing together again: max(16, entries // 8).
    profiles = sorted((root / "partners").glob("*/partner.yaml"))[:18]
    for number, profile in enumerate(profiles):
        text = profile.read_text("utf-8")
        profile.write_text(re.sub(r"(?m)^name: .*$", f"name: Renamed {number}", text), "utf-8")
        _same_content(root, cache)
    # A library item depends on its attachment: a different PDF under the same name (its
    # size is in the item), then none at all (a problem, reported every time).
    folder = root / "library" / "whitepapers"
    pdf = folder / "deliverability-handbook.pdf"
    pdf.write_bytes((folder / "e-mailbenchmark-retail-2026.pdf").read_bytes())
    _same_content(root, cache)
    pdf.unlink()
    _same_content(root, cache)
    _same_content(root, cache)
    # A review gone, an event changed.
    next((root / "reviews").rglob("*.yaml")).unlink()
    event = root / "events" / "webinar-dmarc-in-30-minutes.md"
    event.write_text(event.read_text("utf-8").replace("DMARC in 30", "DMARC in 20"), "utf-8")
    _same_content(root, cache)
