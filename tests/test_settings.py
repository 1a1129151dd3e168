"""The build's settings: declared once (settings), checked when the build starts, and
documented in the README's tables, which must match the declaration."""

from __future__ import annotations

import datetime as dt
import runpy
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, run_pelican

from copernica_directory.settings import (
    TOOL_ENVIRONMENT,
    SettingsError,
    SiteSettings,
    declared,
    from_environment,
    parse,
    tool_value,
)
from copernica_directory.settings.docs import (
    SETTINGS_HEADER,
    TOOLS_HEADER,
    settings_rows,
    tool_rows,
)

README = (ROOT / "README.md").read_text(encoding="utf-8")
NAMES = [item.name for item in declared()]


def _table(header: str) -> dict[str, str]:
    """The README's table under `header`: each row by the name in its first cell."""
    lines = README.split(f"\n{header}\n", 1)[1].split("\n\n", 1)[0].splitlines()
    rows = [line for line in lines[1:] if line.startswith("| `")]
    return {row.split("`", 2)[1]: row for row in rows}


# ---------- the declaration ----------


def test_nothing_given_means_every_default() -> None:
    assert parse({}) == SiteSettings()
    assert parse({name: None for name in NAMES}) == SiteSettings()


@pytest.mark.parametrize("item", declared(), ids=NAMES)
def test_each_default_is_a_value_its_kind_allows(item) -> None:
    if item.default is not None:
        assert item.kind.parse(item.default) == item.default
    assert item.doc and item.kind.label and item.kind.allowed


def test_values_are_read_as_the_environment_and_pelican_give_them() -> None:
    parsed = parse(
        {
            "LIBRARY_PAGE_SIZE": " 4 ",
            "BUILD_WORKERS": 2,
            "PARALLEL_MIN_JOBS": "1",
            "INCREMENTAL": "1",
            "PUBLIC_SITEURL": "https://partners.example.com/",
            "SITEURL": "",
            "SITE_LANGUAGES": "en",
            "BUILD_DATE": "2026-12-08",
            "TIMEZONE": "Europe/Amsterdam",
            "CACHE_PATH": "/tmp/cache",
            "CHOOSE_PARTNER_URL": "https://app.example.com/select/{slug}",
        }
    )
    assert parsed.library_page_size == 4 and parsed.build_workers == 2
    assert parsed.parallel_min_jobs == 1 and parsed.incremental is True
    assert parsed.public_siteurl == "https://partners.example.com"  # no trailing slash
    assert parsed.site_languages == ("en",)
    assert parsed.build_date == dt.date(2026, 12, 8)
    assert parsed.cache_path == Path("/tmp/cache")
    assert parse({"INCREMENTAL": False, "BUILD_DATE": ""}) == SiteSettings()
    assert parse({"INCREMENTAL": 0}).incremental is False


WRONG = [
    ("LIBRARY_PAGE_SIZE", "twelve", "LIBRARY_PAGE_SIZE: got 'twelve'; expected a whole number from 1 to 200"),
    ("LIBRARY_PAGE_SIZE", 0, "LIBRARY_PAGE_SIZE: got 0; expected a whole number from 1 to 200"),
    ("LIBRARY_PAGE_SIZE", True, "LIBRARY_PAGE_SIZE: got True; expected a whole number from 1 to 200"),
    ("LIBRARY_PAGE_SIZE", "4.0", "LIBRARY_PAGE_SIZE: got '4.0'; expected a whole number from 1 to 200"),
    ("BUILD_WORKERS", "-1", "BUILD_WORKERS: got '-1'; expected a whole number from 0 to 64"),
    ("PARALLEL_MIN_JOBS", "", "PARALLEL_MIN_JOBS: got ''; expected a whole number of at least 1"),
    ("INCREMENTAL", "yes", "INCREMENTAL: got 'yes'; expected 1 (on) or 0 (off)"),
    ("INCREMENTAL", 2, "INCREMENTAL: got 2; expected 1 (on) or 0 (off)"),
    ("PUBLIC_SITEURL", "ftp://partners.example.com", "PUBLIC_SITEURL (environment variable URL): got 'ftp://partners.example.com'; expected an http or https address such as https://partners.copernica.com"),
    ("PUBLIC_SITEURL", "", "PUBLIC_SITEURL (environment variable URL): got '' (it is empty); expected an http or https address such as https://partners.copernica.com"),
    ("PUBLIC_SITEURL", "https://x.example/?a=1", "PUBLIC_SITEURL (environment variable URL): got 'https://x.example/?a=1' (an address of the site has no ?query or #fragment); expected an http or https address such as https://partners.copernica.com"),
    ("SITEURL", "partners.example.com", "SITEURL: got 'partners.example.com'; expected an http or https address such as https://partners.copernica.com, or nothing"),
    ("SITEURL", "https://partners example.com", "SITEURL: got 'https://partners example.com' (it has spaces or control characters); expected an http or https address such as https://partners.copernica.com, or nothing"),
    ("CHOOSE_PARTNER_URL", "https://app.example.com/select/{partner}", "CHOOSE_PARTNER_URL: got 'https://app.example.com/select/{partner}' ({partner} is not a placeholder it may use); expected an http or https address with {slug} (the partner) and, if wanted, {lang} (the page's language, en or nl)"),
    ("CHOOSE_PARTNER_URL", "https://app.example.com/select", "CHOOSE_PARTNER_URL: got 'https://app.example.com/select' ({slug} is missing); expected an http or https address with {slug} (the partner) and, if wanted, {lang} (the page's language, en or nl)"),
    ("CHOOSE_PARTNER_URL", "https://app.example.com/{slug", "CHOOSE_PARTNER_URL: got 'https://app.example.com/{slug' (expected '}' before end of string); expected an http or https address with {slug} (the partner) and, if wanted, {lang} (the page's language, en or nl)"),
    ("CHOOSE_PARTNER_URL", "javascript:alert(1)//{slug}", "CHOOSE_PARTNER_URL: got 'javascript:alert(1)//{slug}'; expected an http or https address with {slug} (the partner) and, if wanted, {lang} (the page's language, en or nl)"),
    ("BUILD_DATE", "tomorrow", "BUILD_DATE: got 'tomorrow'; expected a date written YYYY-MM-DD, or nothing for today"),
    ("BUILD_DATE", "2026-02-30", "BUILD_DATE: got '2026-02-30' (there is no such day); expected a date written YYYY-MM-DD, or nothing for today"),
    ("BUILD_DATE", "20261126", "BUILD_DATE: got '20261126'; expected a date written YYYY-MM-DD, or nothing for today"),
    ("TIMEZONE", "Mars/Olympus", "TIMEZONE: got 'Mars/Olympus' (there is no such zone); expected an IANA time zone name such as Europe/Amsterdam"),
    ("TIMEZONE", "../../etc/passwd", "TIMEZONE: got '../../etc/passwd' (there is no such zone); expected an IANA time zone name such as Europe/Amsterdam"),
    ("CACHE_PATH", 7, "CACHE_PATH: got 7; expected the path of a folder"),
    ("SITE_LANGUAGES", "en,de", "SITE_LANGUAGES: got 'en,de' ('de' is not a site language); expected site languages (en, nl) separated by commas, each once, en first: en or en,nl"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "value", "line"), WRONG, ids=[f"{n}={v!r}" for n, v, _ in WRONG])
def test_a_wrong_value_is_one_line_with_the_setting_what_was_given_and_what_is_allowed(
    name: str, value: object, line: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        parse({name: value})
    assert str(raised.value) == line
    assert raised.value.exitcode == 2


def test_every_wrong_value_is_reported_at_once() -> None:
    with pytest.raises(SettingsError) as raised:
        parse({"LIBRARY_PAGE_SIZE": "twelve", "BUILD_WORKERS": "many", "BUILD_DATE": "2026-11-26"})
    assert [problem.name for problem in raised.value.problems] == [
        "LIBRARY_PAGE_SIZE",
        "BUILD_WORKERS",
    ]
    assert len(str(raised.value).splitlines()) == 2


# ---------- where the values come from ----------


def test_the_environment_gives_raw_values_and_empty_means_the_default() -> None:
    environ = {
        "URL": "https://partners.example.com/",
        "SITE_LANGUAGES": "",
        "BUILD_WORKERS": "2",
        "INCREMENTAL": " ",
        "LIBRARY_PAGE_SIZE": "4",  # set in pelican.conf.py or with -e, not by the environment
        "HOME": "/root",
    }
    assert from_environment(environ) == {
        "PUBLIC_SITEURL": "https://partners.example.com/",
        "BUILD_WORKERS": "2",
    }


def test_pelican_conf_gives_no_defaults_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """The defaults live in the declaration only: without the environment, pelican.conf.py
    sets none of the declared settings but those this site sets itself."""
    for item in declared():
        if item.env:
            monkeypatch.delenv(item.env, raising=False)
    monkeypatch.delenv("CONTEXT", raising=False)
    values = runpy.run_path(str(ROOT / "pelican.conf.py"))
    assert {name for name in NAMES if name in values} == {"SITEURL", "TIMEZONE"}
    assert parse(values).timezone == "Europe/Amsterdam"
    monkeypatch.setenv("BUILD_WORKERS", "3")
    monkeypatch.setenv("URL", "https://partners.example.com")
    values = runpy.run_path(str(ROOT / "pelican.conf.py"))
    assert parse(values).build_workers == 3
    assert parse(values).public_siteurl == "https://partners.example.com"


def test_the_review_tools_environment_has_its_defaults_in_one_place() -> None:
    assert tool_value("NETLIFY_API_URL", {}) == "https://api.netlify.com/api/v1"
    assert tool_value("NETLIFY_API_URL", {"NETLIFY_API_URL": "http://127.0.0.1:1/api"}) == (
        "http://127.0.0.1:1/api"
    )
    assert tool_value("SITE_URL", {}) == SiteSettings().public_siteurl
    assert tool_value("SITE_URL", {"URL": "https://b.example"}) == "https://b.example"
    both = {"SITE_URL": "https://a.example", "URL": "https://b.example"}
    assert tool_value("SITE_URL", both) == "https://a.example"
    assert tool_value("NETLIFY_FORM_ID", {"NETLIFY_FORM_ID": " abc "}) == "abc"
    with pytest.raises(KeyError, match="secret"):
        tool_value("REVIEW_HASH_KEY", {"REVIEW_HASH_KEY": "x" * 32})


# ---------- the README ----------


@pytest.mark.parametrize("name", NAMES)
def test_the_readme_documents_every_setting(name: str) -> None:
    expected = settings_rows()[name]
    assert _table(SETTINGS_HEADER).get(name) == expected, (
        f"README.md's settings table needs this row for {name}:\n{expected}"
    )


def test_the_readme_lists_no_setting_that_does_not_exist() -> None:
    assert list(_table(SETTINGS_HEADER)) == NAMES


@pytest.mark.parametrize("name", [variable.name for variable in TOOL_ENVIRONMENT])
def test_the_readme_documents_every_variable_of_the_review_tools(name: str) -> None:
    expected = tool_rows()[name]
    assert _table(TOOLS_HEADER).get(name) == expected, (
        f"README.md's table of the review tools' environment needs this row:\n{expected}"
    )


def test_the_readme_lists_no_tool_variable_that_does_not_exist() -> None:
    assert list(_table(TOOLS_HEADER)) == [variable.name for variable in TOOL_ENVIRONMENT]


# ---------- a real build ----------


def test_a_wrong_environment_value_stops_the_build_before_anything_is_written(
    tmp_path: Path,
) -> None:
    output = tmp_path / "output"
    result = run_pelican(CONTENT, output, env={"BUILD_WORKERS": "many"})
    assert result.returncode == 2
    assert (
        result.stderr.strip() == "BUILD_WORKERS: got 'many'; expected a whole number from 0 to 64"
    )
    assert not output.exists()


def test_a_wrong_override_stops_the_build_with_one_line(tmp_path: Path) -> None:
    output = tmp_path / "output"
    result = run_pelican(CONTENT, output, "-e", 'LIBRARY_PAGE_SIZE="twelve"')
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "LIBRARY_PAGE_SIZE: got 'twelve'; expected a whole number from 1 to 200"
    )
    assert not output.exists()
