"""Site-wide checks over the real build: valid HTML (the W3C Nu validator), and no script,
event handler or javascript: URL on any page that the theme did not put there itself."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from htmlscan import parse

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The review form carries Netlify's documented `netlify-honeypot` attribute, which is not HTML;
# Netlify's form processing removes it from the deployed page. Only that message is ignored.
NETLIFY_ONLY = ".*Attribute “netlify-honeypot” not allowed on element “form”.*"
JAVA = shutil.which("java")


@pytest.mark.skipif(JAVA is None, reason="the Nu validator needs Java")
def test_every_page_is_valid_html(built_site: Path) -> None:
    assert VNU.is_file(), "run `make install` (npm ci) to get vnu.jar"
    result = subprocess.run(
        [
            str(JAVA),
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            "--filterpattern",
            NETLIFY_ONLY,
            str(built_site),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]
    assert errors == []
    assert result.returncode == 0


def test_validator_catches_invalid_html(tmp_path: Path) -> None:
    if JAVA is None:
        pytest.skip("the Nu validator needs Java")
    (tmp_path / "bad.html").write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></p>")
    result = subprocess.run(
        [str(JAVA), "-jar", str(VNU), "--errors-only", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1


def test_only_the_themes_own_scripts_run(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for path in pages:
        # The web editor also runs its vendored release, from /admin/vendor/ (its own test).
        vendored = ("/admin/vendor/",) if path.parent == built_site / "admin" else ()
        page = parse(path)
        for element in page.elements:
            assert not [a for a in element.attrs if a.startswith("on")], (path, element)
            for attr in ("href", "src", "action"):
                value = element.attrs.get(attr, "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (path, element)
        for script in page.scripts:
            kind = script.attrs.get("type", "")
            if kind in ("application/ld+json", "application/json"):
                json.loads(script.text)
                continue
            src = script.attrs.get("src", "")
            assert src.startswith(("/assets/", *vendored)), (path, script)
            assert not script.text.strip(), (path, script)


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# One page of every kind the site has.
AXE_PAGES = [
    "/",
    "/partners/",
    "/partners/?q=training&country=NL",
    "/partners/maasmail/",
    "/partners/fjordvarsel/",
    "/partners/expertise/",
    "/partners/expertise/training/",
    "/partners/country/no/",
    "/partners/language/nl/",
    "/cases/",
    "/cases/fjordreiser-repeat-bookings/",
    "/reviews/thanks/",
    "/reviews/how-we-check/",
    "/404.html",
    "/library/",
    "/library/whitepapers/deliverability-handbook/",
    "/library/reuse/",
    "/events/",
    "/events/inbox-expo-london-2027/",
    "/programme/",
    "/programme/join/",
    "/numbers/",
    # The Dutch site: search results, and a profile shown in English with a note in Dutch.
    "/nl/partners/?q=sjablonen",
    "/nl/partners/fjordvarsel/",
]


@pytest.mark.browser
@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_serious_accessibility_violations(browser: object, site_url: str, path: str) -> None:
    assert AXE.is_file(), "run `make install` (npm ci) to get axe-core"
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "() => axe.run(document, {resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)})))"
        )
    finally:
        context.close()
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], path
