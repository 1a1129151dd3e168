"""Shared fixtures: a copy of the sample content to break, and real Pelican builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from copernica_directory.buildcommand import pelican_command
from copernica_directory.model import load_content
from copernica_directory.sitecheck.localserver import serve

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


def write(path: Path, text: str) -> Path:
    """Write `text` to `path`, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the sample content tree."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


# Enough partners for every kind of page and relation (cases, reviews and replies, raster-free
# and review-free profiles, browse pages), a quarter of the sample: for tests that build many times.
FEW_PARTNERS = (
    "atelier-courriel",
    "bolgen-digital",
    "datadijk",
    "fjordvarsel",
    "harbourline-systems",
    "maasmail",
    "noordlicht-digital",
    "zeebries-marketing",
)


# A library and events of every kind, for tests that build many times: two whitepapers (one
# Dutch) with their PDFs, an article in each language, a best practice, a past event and two
# upcoming ones in different time zones.
FEW_ITEMS = (
    "whitepapers/deliverability-handbook",
    "whitepapers/e-mailbenchmark-retail-2026",
    "articles/crm-sync-without-a-developer",
    "articles/onderwerpregels-die-geopend-worden",
    "best-practices/crm-koppeling-live-zonder-verrassingen",
)
FEW_EVENTS = ("webinar-dmarc-in-30-minutes", "partnerdag-2027", "inbox-expo-london-2027")


def _keep_items(folder: Path, slugs: set[str]) -> None:
    """Remove every item of `folder` not in `slugs`, with the files it names."""
    for item in folder.glob("*.md"):
        if item.stem in slugs:
            continue
        text = item.read_text(encoding="utf-8")
        item.unlink()
        for name in re.findall(r"(?m)^(?:file|cover): (\S+)$", text):
            (folder / name).unlink()


def few_partners_copy(
    target: Path,
    partners: tuple[str, ...] = FEW_PARTNERS,
    items: tuple[str, ...] | None = None,
    events: tuple[str, ...] | None = None,
) -> Path:
    """A copy of the sample content with only `partners`, their cases and reviews (and the
    cases of no partner) at `target`;
    the library and events whole, or only `items` ("type/slug") and `events` when given."""
    shutil.copytree(CONTENT, target)
    if items is not None:
        for folder in (target / "library").iterdir():
            _keep_items(folder, {i.split("/")[1] for i in items if i.startswith(folder.name + "/")})
    if events is not None:
        _keep_items(target / "events", set(events))
    for folder in (target / "partners").iterdir():
        if folder.name not in partners:
            shutil.rmtree(folder)
            shutil.rmtree(target / "reviews" / folder.name, ignore_errors=True)
    for case in (target / "cases").glob("*.md"):
        text = case.read_text(encoding="utf-8")
        owner = re.search(r"(?m)^partner: ([a-z0-9-]+)$", text)
        if owner is not None and owner[1] not in partners:  # a case of no partner stays
            case.unlink()
            cover = re.search(r"(?m)^cover: (\S+)$", text)
            if cover:  # a cover no case names would be reported
                (target / "cases" / cover[1]).unlink()
    return target


# The day test builds are built for: the sample events and scheduled library items are upcoming
# or past relative to it, so no test changes as time passes.
BUILD_DATE = "2026-11-26"


def run_pelican(
    content: Path,
    output: Path,
    *extra: str,
    build_date: str = BUILD_DATE,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """A real Pelican build with the project's settings, theme and plugins, as on `build_date`
    (`env`: more environment variables, e.g. INCREMENTAL)."""
    return subprocess.run(
        pelican_command(content, output, ROOT / "pelican.conf.py", *extra),
        cwd=ROOT,
        env={**os.environ, "BUILD_DATE": build_date, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content built once per test session into a temporary folder."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = run_pelican(CONTENT, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


# ---------- the sample with one partner written in English only ----------

# Every sample partner has Dutch text; a profile without it is made by dropping the Dutch of one.
ENGLISH_ONLY_SLUG = "brisa-digital"


def english_only(text: str) -> str:
    """partner.yaml with the tagline and description in English only."""
    text = re.sub(r"^tagline:\n  en: (.*)\n  nl: .*\n", r"tagline: \1\n", text, flags=re.M)
    english = re.search(
        r"^description:\n  en: \|\n((?:    .*\n|\n)+?)  nl: \|\n(?:    .*\n|\n)+", text, re.M
    )
    assert english, "the sample partner has a description in English and Dutch"
    body = "".join(line[2:] if line.strip() else line for line in english.group(1).splitlines(True))
    return text.replace(english.group(0), "description: |\n" + body)


@pytest.fixture(scope="session")
def english_only_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built with one partner (ENGLISH_ONLY_SLUG) written in English only."""
    root = tmp_path_factory.mktemp("english-only")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    path = content / "partners" / ENGLISH_ONLY_SLUG / "partner.yaml"
    path.write_text(english_only(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_pelican(content, root / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


@pytest.fixture(scope="session")
def english_only_partner(english_only_site: Path) -> object:
    """That partner, loaded from the variant's content: English texts, no Dutch."""
    content, problems = load_content(english_only_site.parent / "content")
    assert problems == []
    partner = content.partners[ENGLISH_ONLY_SLUG]
    assert set(partner.description_html.values) == {"en"} and set(partner.tagline.values) == {"en"}
    return partner


@pytest.fixture(scope="session")
def english_only_url(english_only_site: Path) -> Iterator[str]:
    """The English-only variant of the sample site, served over HTTP."""
    yield from serve(english_only_site)


# ---------- serving a built site; one headless Chromium per test worker ----------

CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright never downloads a browser here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The base URL of the sample site, served over HTTP."""
    yield from serve(built_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole worker (Playwright's sync API allows one per thread)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (.ci/run installs it)")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
