"""netlify.toml: the build, security headers on every page, long caching for fingerprinted
files only, and the pages working in Chromium with the Content-Security-Policy applied."""

from __future__ import annotations

import functools
import re
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, serve

from copernica_directory.sitecheck.netlify_headers import headers_for, not_found_page

CONFIG = ROOT / "netlify.toml"
NETLIFY = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
# A file's name holds its digest, or (a vendored release) its folder's name does.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{10}\.[a-z0-9]+$|^/admin/vendor/[a-z-]+\.[0-9a-f]{10}/")


def test_build_settings() -> None:
    assert NETLIFY["build"]["command"] == "make build"
    assert NETLIFY["build"]["publish"] == "output"
    assert NETLIFY["build"]["environment"]["PYTHON_VERSION"] == "3.11"
    assert NETLIFY["context"]["deploy-preview"]["command"] == "make build"


def test_every_page_gets_the_security_headers() -> None:
    for path in ("/", "/partners/maasmail/", "/search/manifest.json", "/assets/css/x.css"):
        headers = headers_for(path, CONFIG)
        policy = dict(
            directive.strip().split(" ", 1)
            for directive in headers["Content-Security-Policy"].split(";")
            if " " in directive.strip()
        )
        assert policy["script-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'"
        assert policy["object-src"] == "'none'"
        assert "unsafe" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["Permissions-Policy"]


def test_only_fingerprinted_files_are_cached_for_a_year(built_site: Path) -> None:
    cached = []
    for path in sorted(built_site.rglob("*")):
        if not path.is_file():
            continue
        url = "/" + path.relative_to(built_site).as_posix()
        control = headers_for(url, CONFIG).get("Cache-Control", "")
        if "immutable" in control:
            assert FINGERPRINTED.search(url), f"{url} is cached for a year but not fingerprinted"
            cached.append(url)
        elif url.startswith(("/assets/", "/search/files/")):
            pytest.fail(f"{url} is fingerprinted but not cached")
    assert any(u.startswith("/assets/css/site.") for u in cached)
    assert any(u.startswith("/search/files/partners-en.") for u in cached)
    assert "immutable" not in headers_for("/search/manifest.json", CONFIG).get("Cache-Control", "")


def test_no_unfingerprinted_theme_files_are_published(built_site: Path) -> None:
    assert not (built_site / "theme").exists()
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="/assets/css/site\.[0-9a-f]{10}\.css"', html)


@pytest.fixture(scope="module")
def strict_site(built_site: Path) -> Iterator[str]:
    yield from serve(
        built_site,
        functools.partial(headers_for, config=CONFIG),
        functools.partial(not_found_page, config=CONFIG),
    )


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [
        ("/partners/no-such-partner/", "en", "Page not found"),
        ("/nl/partners/no-such-partner/", "nl", "Pagina niet gevonden"),
        ("/nlx/", "en", "Page not found"),  # not below /nl/: the English page
    ],
)
def test_a_missing_page_shows_the_not_found_page_in_its_language(
    strict_site: str, path: str, lang: str, text: str
) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(strict_site + path)
    assert error.value.code == 404
    page = error.value.read().decode("utf-8")
    assert f'<html lang="{lang}">' in page
    assert text in page


CSP_PAGES = [
    ("/", None),
    ("/partners/?q=training", "[data-search-hits] .search-hit__name"),
    ("/partners/maasmail/", None),
    ("/cases/fjordreiser-repeat-bookings/", None),
    ("/reviews/how-we-check/", None),
    ("/404.html", None),
    ("/nl/partners/?q=sjablonen", "[data-search-hits] .search-hit__name"),
    ("/nl/partners/maasmail/", None),
]


@pytest.mark.browser
@pytest.mark.parametrize(("path", "ready"), CSP_PAGES)
def test_pages_work_under_the_policy(
    browser: object, strict_site: str, path: str, ready: str | None
) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    violations: list[str] = []
    try:
        page = context.new_page()
        page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        response = page.goto(strict_site + path, wait_until="networkidle")
        assert response is not None
        assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
        if ready:
            page.wait_for_selector(ready, timeout=10_000)
        violations += page.evaluate("window.__csp")
    finally:
        context.close()
    assert violations == []


@pytest.mark.browser
def test_a_violation_would_be_caught(browser: object, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title><p style="color:red">x</p>'
        "<script>document.title = 'ran'</script>",
        encoding="utf-8",
    )
    server = serve(tmp_path, functools.partial(headers_for, config=CONFIG))
    base = next(server)
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective));"
        )
        page.goto(base + "/", wait_until="networkidle")
        assert page.title() == "x"  # the inline script was blocked
        violated = sorted(set(page.evaluate("window.__csp")))
        assert violated == ["script-src-elem", "style-src-attr"]
    finally:
        context.close()
        server.close()
