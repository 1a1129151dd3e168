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
            assert src.startswith("/theme/") and not script.text.strip(), (path, script)
