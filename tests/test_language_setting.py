"""The SITE_LANGUAGES setting: which site languages one build renders (all by default).

Content may be written in any site language (settings.SITE_LANGUAGES); the setting
only limits the pages, per-language files, search stores, the language switch and hreflang.
The benchmark builds the English site alone this way, for what the second language costs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CONTENT, few_partners_copy, run_pelican

from copernica_directory.model.vocab import SITE_LANGUAGES
from copernica_directory.settings import SettingsError, parse


def built_languages(value: object) -> tuple[str, ...]:
    return parse({"SITE_LANGUAGES": value}).site_languages


def test_the_setting_is_checked() -> None:
    assert parse({}).site_languages == SITE_LANGUAGES == ("en", "nl")
    assert built_languages("en") == ("en",)
    assert built_languages(" en , nl ") == ("en", "nl")
    assert built_languages(["en", "nl"]) == ("en", "nl")
    allowed = "expected site languages (en, nl) separated by commas, each once, en first"
    for wrong, message in [
        ("nl", "got 'nl' (it does not start with the default language, en)"),
        ("nl,en", "(it does not start with the default language, en)"),
        ("", "got '' (it does not start with the default language, en)"),
        ("en,de", "got 'en,de' ('de' is not a site language)"),
        ("en,EN", "('EN' is not a site language)"),
        ("en,nl,en", "(it names a language twice)"),
        (42, "got 42;"),
        (["en", 3], "got ['en', 3];"),
    ]:
        with pytest.raises(SettingsError) as raised:
            built_languages(wrong)
        assert str(raised.value).startswith("SITE_LANGUAGES: got ")
        assert message in str(raised.value)
        assert f"; {allowed}: en or en,nl" in str(raised.value)


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a quarter of its partners (every kind of page) built in English only."""
    root = tmp_path_factory.mktemp("english")
    output = root / "output"
    result = run_pelican(few_partners_copy(root / "content"), output, env={"SITE_LANGUAGES": "en"})
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_an_english_only_build_has_no_dutch_pages_or_files(english_site: Path) -> None:
    assert not (english_site / "nl").exists()
    pages = [*english_site.rglob("index.html"), english_site / "404.html"]
    assert len(pages) > 50
    for page in pages:
        html = page.read_text("utf-8")
        assert html.startswith('<!DOCTYPE html>\n<html lang="en">'), page
        # hreflang names only the languages built; no switch to a language that is not there.
        assert set(re.findall(r'hreflang="([a-z-]+)"', html)) <= {"en", "x-default"}, page
        assert "lang-switch" not in html, page
    assert (english_site / "feeds" / "library.atom.xml").is_file()


def test_an_english_only_build_searches_dutch_words_but_links_english_pages(
    english_site: Path,
) -> None:
    manifest = json.loads((english_site / "search" / "manifest.json").read_text("utf-8"))
    assert list(manifest["stores"]["partners"]) == ["en"]
    assert list(manifest["stores"]["cases"]) == ["en"]
    # The Dutch indexes stay: visitors of the English site search in Dutch words too.
    assert {index["lang"] for index in manifest["indexes"]} == {"en", "nl"}
    store = (english_site / "search" / manifest["stores"]["partners"]["en"]).read_text("utf-8")
    assert "/nl/" not in store


def test_a_dutch_items_reuse_copy_links_the_page_that_is_built(english_site: Path) -> None:
    item = english_site / "library" / "articles" / "onderwerpregels-die-geopend-worden"
    copies = sorted(item.glob("*.html"))
    copies = [p for p in copies if p.name != "index.html"]
    assert copies
    for copy in copies:
        html = copy.read_text("utf-8")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        assert canonical, copy
        assert canonical[1].endswith("/library/articles/onderwerpregels-die-geopend-worden/")
        assert "/nl/" not in canonical[1]


@pytest.mark.parametrize("value", ["nl", "en,fr"])
def test_a_wrong_setting_stops_the_build(tmp_path: Path, value: str) -> None:
    output = tmp_path / "output"
    result = run_pelican(CONTENT, output, env={"SITE_LANGUAGES": value})
    assert result.returncode == 2
    assert result.stderr.startswith(f"SITE_LANGUAGES: got {value!r} (")
    assert not output.exists()
