"""Incremental builds (INCREMENTAL=1) never show stale content.

Each test builds a private copy of the sample content (with a quarter of its partners; and,
where it changes one, of the theme) incrementally, changes something, builds again, and checks
every place the change must show; the last build is then compared with a from-scratch build of
the same input, file by file.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FEW_EVENTS, FEW_ITEMS, ROOT, few_partners_copy, run_pelican

THEME = ROOT / "theme"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    # Python's hash seed changes the order icalendar writes time zones in; fixed, two builds
    # of the same input are byte for byte the same.
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    monkeypatch.delenv("INCREMENTAL", raising=False)
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    # A quarter of the sample's partners and a few library items and events: every kind of
    # page and relation, in a fraction of the time (each test builds three to six times).
    content = few_partners_copy(tmp_path / "content", items=FEW_ITEMS, events=FEW_EVENTS)
    return Site(content, theme, tmp_path / "output", tmp_path / "cache")


class Site:
    """A content tree, a theme and the output and cache of its incremental builds."""

    def __init__(self, content: Path, theme: Path, output: Path, cache: Path) -> None:
        self.content, self.theme, self.output, self.cache = content, theme, output, cache

    def build(
        self,
        incremental: bool = True,
        output: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> str:
        # One -e with every override: a second -e replaces the first.
        extra = ["-v", "-e", f"THEME={json.dumps(str(self.theme))}"]
        extra += [f"CACHE_PATH={json.dumps(str(self.cache))}"]
        # As `make serve` does: the environment variable (pelican.conf.py reads it).
        env = {**({"INCREMENTAL": "1"} if incremental else {}), **(env or {})}
        result = run_pelican(self.content, output or self.output, *extra, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    def page(self, url: str) -> str:
        return (self.output / url / "index.html").read_text(encoding="utf-8")

    def search_store(self) -> str:
        manifest = json.loads((self.output / "search" / "manifest.json").read_text("utf-8"))
        return (self.output / "search" / manifest["stores"]["partners"]["en"]).read_text("utf-8")

    def api(self) -> dict:
        return json.loads((self.output / "api" / "partners.json").read_text("utf-8"))

    def assert_same_as_full_build(self, tmp_path: Path, env: dict[str, str] | None = None) -> None:
        """What the incremental builds left equals a from-scratch build, file for file."""
        fresh = tmp_path / "fresh"
        self.build(incremental=False, output=fresh, env=env)
        mine = _tree(self.output)
        theirs = _tree(fresh)
        assert sorted(mine) == sorted(theirs)
        changed = [name for name in mine if mine[name] != theirs[name]]
        assert changed == []


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _counts(log: str) -> tuple[int, int]:
    """(kept, written) pages, from the build's log."""
    match = re.search(r"incremental: (\d+) kept, (\d+) written", log)
    assert match, log[-2000:]
    return int(match[1]), int(match[2])


def _set_name(path: Path, name: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^name: .*$", f"name: {json.dumps(name)}", text), "utf-8")


def test_a_changed_partner_shows_everywhere_and_nothing_else_is_rendered(
    site: Site, tmp_path: Path
) -> None:
    site.build()
    kept, written = _counts(site.build())
    assert written == 0 and kept > 50  # nothing changed: every page kept

    partner = site.content / "partners" / "fjordvarsel" / "partner.yaml"
    old = re.search(r"(?m)^name: (.*)$", partner.read_text("utf-8"))[1].strip('"')
    _set_name(partner, "Fjordvarsel Renamed Ltd")
    kept, written = _counts(site.build())
    # Its pages in both languages (about 13 each), not the other 130 or so.
    assert 0 < written < 40 and kept > 100

    assert "Fjordvarsel Renamed Ltd" in site.page("partners/fjordvarsel")
    assert "Fjordvarsel Renamed Ltd" in site.page("nl/partners/fjordvarsel")
    assert "Fjordvarsel Renamed Ltd" in site.page("partners")
    expertise = re.search(r"(?m)^expertise: \[(.*)\]$", partner.read_text("utf-8"))[1]
    browse = ["partners/country/no", "partners/country/se", "partners/language/de"]
    browse += [f"partners/expertise/{term.strip()}" for term in expertise.split(",")]
    for url in browse:
        page = site.page(url)
        assert "Fjordvarsel Renamed Ltd" in page and f">{old}<" not in page, url
    names = [p["name"] for p in site.api()["partners"]]
    assert "Fjordvarsel Renamed Ltd" in names and old not in names
    assert (
        "Fjordvarsel Renamed Ltd" in site.search_store() and f'"{old}"' not in site.search_store()
    )
    # A case by this partner names it on the case page (a lookup, not a value of the page).
    case_pages = [
        p
        for p in (site.output / "cases").glob("*/index.html")
        if "/partners/fjordvarsel/" in p.read_text("utf-8")
    ]
    assert case_pages
    for path in case_pages:
        assert "Fjordvarsel Renamed Ltd" in path.read_text("utf-8")
    site.assert_same_as_full_build(tmp_path)


def test_a_deleted_partner_is_gone(site: Site, tmp_path: Path) -> None:
    site.build()
    # A partner no case links to (a case naming a missing partner would not validate).
    linked = {
        m for p in (site.content / "cases").glob("*.md")
        for m in re.findall(r"(?m)^partner: ([a-z0-9-]+)$", p.read_text("utf-8"))
    }  # fmt: skip
    slug = next(
        p.name for p in sorted((site.content / "partners").iterdir()) if p.name not in linked
    )
    shutil.rmtree(site.content / "partners" / slug)
    shutil.rmtree(site.content / "reviews" / slug, ignore_errors=True)
    site.build()
    assert not (site.output / "partners" / slug).exists()
    assert f"/partners/{slug}/" not in site.page("partners")
    assert slug not in {p["slug"] for p in site.api()["partners"]}
    assert f'"{slug}"' not in site.search_store()
    site.assert_same_as_full_build(tmp_path)


def test_a_changed_template_or_translation_renders_every_page_again(
    site: Site, tmp_path: Path
) -> None:
    site.build()
    base = site.theme / "templates" / "base.html"
    base.write_text(
        base.read_text("utf-8").replace("</footer>", "<!-- template-marker --></footer>"), "utf-8"
    )
    kept, written = _counts(site.build())
    assert kept == 0 and written > 50
    pages = [*site.output.rglob("index.html"), site.output / "404.html"]
    pages = [p for p in pages if p.parent != site.output / "admin"]  # the editor's own page
    assert all("template-marker" in p.read_text("utf-8") for p in pages)

    table = site.theme / "translations.yaml"
    text = table.read_text("utf-8")
    match = re.search(r"(?m)^nav_partners:\n  en: (.*)$", text)
    assert match, "the translation table's nav_partners entry"
    table.write_text(text.replace(match[0], "nav_partners:\n  en: All our partners"), "utf-8")
    kept, written = _counts(site.build())
    assert kept == 0
    assert "All our partners" in site.page("cases")
    site.assert_same_as_full_build(tmp_path)


def test_a_changed_case_updates_its_partners_profile(site: Site, tmp_path: Path) -> None:
    site.build()
    case = next(
        p for p in sorted((site.content / "cases").glob("*.md"))
        if re.search(r"(?m)^partner: ", p.read_text("utf-8"))
    )  # fmt: skip
    text = case.read_text("utf-8")
    slug = re.search(r"(?m)^partner: ([a-z0-9-]+)$", text)[1]
    case.write_text(re.sub(r"(?m)^title: .*$", 'title: "A brand new case title"', text), "utf-8")
    site.build()
    assert "A brand new case title" in site.page(f"partners/{slug}")
    assert "A brand new case title" in site.page(f"cases/{case.stem}")
    site.assert_same_as_full_build(tmp_path)


def test_a_rejected_review_leaves_the_profile(site: Site, tmp_path: Path) -> None:
    site.build()
    review = next(
        p for p in sorted((site.content / "reviews").rglob("*.yaml"))
        if "status: approved" in p.read_text("utf-8") and p.parent.name != "_unknown"
    )  # fmt: skip
    title = re.search(r"(?m)^title: (.*)$", review.read_text("utf-8"))[1].strip("\"'")
    assert title in site.page(f"partners/{review.parent.name}")
    text = review.read_text("utf-8").replace("status: approved", "status: rejected")
    text = re.sub(r"(?m)^moderation:\n(  .*\n)+", "", text)
    text += (
        "moderation:\n  by: Test\n  at: 2026-11-20T10:00:00Z\n  reason: Not about this partner\n"
    )
    review.write_text(text, "utf-8")
    site.build()
    assert title not in site.page(f"partners/{review.parent.name}")
    site.assert_same_as_full_build(tmp_path)


def test_a_from_scratch_build_drops_the_incremental_records(site: Site, tmp_path: Path) -> None:
    site.build()
    records = list((site.cache / "incremental").glob("pages-*.pickle"))
    assert records
    site.build(incremental=False)
    assert not any(p.exists() for p in records)
    kept, written = _counts(site.build())
    assert kept == 0 and written > 50  # nothing trusted from a build it did not record


def test_a_build_right_after_a_cold_one_keeps_every_page(site: Site) -> None:
    # Two cases of one partner with the same text: whether their HTML is one string or two
    # (read from their files, or back from the parse cache), the partner's pages must not look
    # changed because of it (a record's digest is that of its pickle).
    cases = [
        p for p in sorted((site.content / "cases").glob("*.md"))
        if re.search(r"(?m)^partner: fjordvarsel$", p.read_text("utf-8"))
    ]  # fmt: skip
    if len(cases) < 2:
        second = site.content / "cases" / "fjordvarsel-second-case.md"
        second.write_text(cases[0].read_text("utf-8"), "utf-8")
        cases.append(second)
    body = "\nThe same text in two cases, word for word.\n"
    for case in cases[:2]:
        front = case.read_text("utf-8").split("\n---\n", 1)[0]
        case.write_text(front + "\n---\n" + body, "utf-8")
    site.build()
    kept, written = _counts(site.build())
    assert written == 0 and kept > 50


def test_a_changed_library_item_and_attachment_show_everywhere(site: Site, tmp_path: Path) -> None:
    site.build()
    folder = site.content / "library" / "whitepapers"
    item = folder / "deliverability-handbook.md"
    item.write_text(
        re.sub(
            r"(?m)^title: .*$", 'title: "The renamed handbook"', item.read_text("utf-8"), count=1
        ),
        "utf-8",
    )
    # Another valid PDF under the same name: the copy in the output must follow.
    pdf = folder / "deliverability-handbook.pdf"
    pdf.write_bytes((folder / "e-mailbenchmark-retail-2026.pdf").read_bytes())
    event = site.content / "events" / "webinar-dmarc-in-30-minutes.md"
    event.write_text(
        event.read_text("utf-8").replace(
            'title: "Webinar: DMARC in 30 minutes"', 'title: "Webinar: DMARC in 25 minutes"'
        ),
        "utf-8",
    )
    site.build()
    copied = site.output / "library" / "whitepapers" / "deliverability-handbook" / pdf.name
    assert copied.read_bytes() == pdf.read_bytes()
    assert "The renamed handbook" in (site.output / "feeds" / "library.atom.xml").read_text()
    assert "The renamed handbook" in (site.output / "nl" / "feeds" / "library.atom.xml").read_text()
    calendars = [*site.output.glob("events/*.ics"), *site.output.glob("nl/events/*.ics")]
    assert any("DMARC in 25 minutes" in p.read_text("utf-8") for p in calendars)
    site.assert_same_as_full_build(tmp_path)


def test_a_build_in_fewer_languages_leaves_only_their_files(site: Site, tmp_path: Path) -> None:
    site.build()
    assert (site.output / "nl" / "partners" / "index.html").is_file()
    english = {"SITE_LANGUAGES": "en"}
    kept, written = _counts(site.build(env=english))
    assert kept == 0 and written > 50  # the setting is part of every page's key
    assert not (site.output / "nl").exists()
    assert "lang-switch" not in site.page("partners")
    site.assert_same_as_full_build(tmp_path, env=english)


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (300, 300), colour).save(stream, "PNG")
    return stream.getvalue()


def test_a_replaced_raster_logo_is_resized_again(site: Site, tmp_path: Path) -> None:
    folder = site.content / "partners" / "fjordvarsel"
    (folder / "logo.svg").unlink()
    (folder / "logo.png").write_bytes(_png((200, 30, 30)))
    profile = folder / "partner.yaml"
    profile.write_text(profile.read_text("utf-8").replace("logo: logo.svg", "logo: logo.png"))
    site.build()
    rendition = site.output / "partners" / "fjordvarsel" / "logo-240.webp"
    first, stamp = rendition.read_bytes(), rendition.stat().st_ctime_ns
    _, written = _counts(site.build())
    assert written == 0 and rendition.stat().st_ctime_ns == stamp  # kept, not made again
    (folder / "logo.png").write_bytes(_png((30, 30, 200)))
    site.build()
    assert rendition.read_bytes() != first
    site.assert_same_as_full_build(tmp_path)


# Worker processes render the pages and write the other files, and tell the build process
# what they wrote: its records must be as complete as those of a build in one process.
WORKERS = {"BUILD_WORKERS": "2", "PARALLEL_MIN_JOBS": "1"}


def test_worker_processes_keep_and_write_what_one_process_would(site: Site, tmp_path: Path) -> None:
    site.build(env=WORKERS)
    kept, written = _counts(site.build(env=WORKERS))
    assert written == 0 and kept > 50  # the workers' pages were recorded by the build
    partner = site.content / "partners" / "fjordvarsel" / "partner.yaml"
    _set_name(partner, "Fjordvarsel Parallel Ltd")
    kept, written = _counts(site.build(env=WORKERS))
    assert 0 < written < 40 and kept > 100  # its pages only, as in one process
    assert "Fjordvarsel Parallel Ltd" in site.page("partners/fjordvarsel")
    assert "Fjordvarsel Parallel Ltd" in site.page("nl/partners")
    assert "Fjordvarsel Parallel Ltd" in json.dumps(site.api())
    assert "Fjordvarsel Parallel Ltd" in site.search_store()
    # A build in one process after the workers' builds trusts their records too.
    kept, written = _counts(site.build())
    assert written == 0 and kept > 150
    site.assert_same_as_full_build(tmp_path)


def test_files_the_workers_kept_are_not_deleted(site: Site, tmp_path: Path) -> None:
    site.build(env=WORKERS)
    badge = next(
        p for p in sorted((site.output / "partners").glob("*/badge-*.svg"))
        if p.parent.name != "fjordvarsel"
    )  # fmt: skip
    stamp = badge.stat().st_ctime_ns
    # Another partner changes: the first one's files are kept by a worker, not written again.
    _set_name(site.content / "partners" / "fjordvarsel" / "partner.yaml", "Fjordvarsel Two")
    site.build(env=WORKERS)
    assert badge.is_file() and badge.stat().st_ctime_ns == stamp
    site.assert_same_as_full_build(tmp_path)


def test_an_unclassified_template_global_stops_the_build(site: Site, tmp_path: Path) -> None:
    # A plugin that adds a helper to the templates without saying what it depends on.
    plugins = tmp_path / "extra_plugins"
    plugins.mkdir()
    (plugins / "shout_global.py").write_text(
        "from pelican import signals\n\n\n"
        "def _add(generator):\n"
        "    generator.env.globals['shout'] = lambda text: text.upper()\n\n\n"
        "def register():\n"
        "    signals.generator_init.connect(_add)\n",
        "utf-8",
    )
    result = run_pelican(
        site.content,
        site.output,
        "-e",
        f"THEME={json.dumps(str(site.theme))}",
        f"PLUGIN_PATHS={json.dumps(['plugins', str(plugins)])}",
        'PLUGINS=["copernica_directory.site", "copernica_directory.search", "shout_global"]',
        env={"COLUMNS": "1000"},  # the message on one line of the log
    )
    assert result.returncode != 0
    assert "template global not classified: shout" in result.stdout + result.stderr
    assert not (site.output / "partners" / "index.html").exists()  # nothing published
