"""Nothing a partner writes runs script: payloads in every text field, built for real.

Markdown with raw HTML the sanitiser would drop is refused before the build publishes anything
(tests/test_markup.py has the variants); what the check lets through, payloads in code, escapes,
allowed tags and their attributes, is built here and must stay text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_pelican, write
from htmlscan import parse

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    "</script><script>alert(4)</script>",
    "<!--<script>alert(5)//-->",
    "javascript:alert(6)",
    "{{ 7*7 }}{% raw %}",
]
PAYLOAD = " ".join(PAYLOADS)

PARTNER = f"""\
name: '{PAYLOAD[:95].replace("'", "''")}'
website: https://www.evil.example/?q=%22%3E%3Cscript%3Ealert(8)%3C/script%3E
tagline: '{PAYLOAD[:140].replace("'", "''")}'
description:
  en: |
    The payload as code: `` {PAYLOAD} ``
    Escaped: &lt;script&gt;alert(9)&lt;/script&gt; &#60;img src=x onerror=alert(10)&#62;
    <a href="https://ok.example/?q=%22%3E" title="&quot;><script>alert(11)</script>">titled</a>
    <abbr title="x' onmouseover='alert(12)">ABC</abbr> [relative](/partners/?q="><b>x</b>)
  nl: '`` {PAYLOAD.replace("'", "''")} ``'
brands: [whitelabel]
expertise: [training]
languages: [en]
location:
  city: '{PAYLOAD[:100].replace("'", "''")}'
  country: NL
contact:
  email: evil@evil.example
  person: '{PAYLOAD[:100].replace("'", "''")}'
maintainers: [evil]
"""

CASE = f"""\
---
title: '{PAYLOAD[:150].replace("'", "''")}'
date: 2026-01-01
summary: '{PAYLOAD[:300].replace("'", "''")}'
partner: evil-partner
customer: '{PAYLOAD[:100].replace("'", "''")}'
---
`` {PAYLOAD} ``

&lt;img src=x onerror=alert(13)&gt; [x](/cases/ "title with <script>alert(14)</script>")
"""


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("evil")
    content = root / "content"
    import shutil

    from conftest import CONTENT

    shutil.copytree(CONTENT / "taxonomy", content / "taxonomy")
    write(content / "partners" / "evil-partner" / "partner.yaml", PARTNER)
    write(content / "cases" / "evil-case.md", CASE)
    output = root / "output"
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def test_no_payload_becomes_markup(evil_site: Path) -> None:
    pages = html_pages(evil_site)
    assert len(pages) > 5
    for path in pages:
        page = parse(path)
        for element in page.elements:
            handlers = [a for a in element.attrs if a.startswith("on")]
            assert not handlers, (path, element)
            assert "style" not in element.attrs, (path, element)
            for attr in ("href", "src", "action", "formaction"):
                value = element.attrs.get(attr, "").strip().lower()
                assert not value.startswith(("javascript:", "data:")), (path, element)
            assert element.tag not in {"iframe", "object", "embed", "style", "svg"}, (path, element)
            if element.tag == "form":  # the theme's own forms post to the site, nowhere else
                assert element.attrs.get("action", "").startswith("/"), (path, element)
        for script in page.scripts:
            kind = script.attrs.get("type", "")
            if kind == "application/ld+json":
                json.loads(script.text)  # a data block that still parses: nothing broke out
            else:
                assert script.attrs.get("src", "").endswith(".js"), (path, script)
                assert not script.text.strip(), (path, script)


def test_payload_text_is_shown_as_text(evil_site: Path) -> None:
    page = parse(evil_site / "partners" / "evil-partner" / "index.html")
    assert "<script>alert(1)</script>" in page.text
    assert "{{ 7*7 }}" in page.text  # not evaluated as a template either
    raw = (evil_site / "partners" / "evil-partner" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def test_json_ld_keeps_the_text_but_cannot_close_the_element(evil_site: Path) -> None:
    path = evil_site / "partners" / "evil-partner" / "index.html"
    page = parse(path)
    blocks = [s for s in page.scripts if s.attrs.get("type") == "application/ld+json"]
    assert blocks
    data = json.loads(blocks[0].text)
    assert data["name"].startswith("<script>alert(1)</script>")
    assert not re.search(r"</script|<!--", blocks[0].text, re.I)


def test_api_carries_the_text_as_data(evil_site: Path) -> None:
    data = json.loads((evil_site / "api" / "partners.json").read_text(encoding="utf-8"))
    assert data["partners"][0]["name"].startswith("<script>")


def test_markdown_the_sanitiser_would_cut_fails_the_build(tmp_path: Path) -> None:
    from conftest import CONTENT

    content = tmp_path / "content"
    import shutil

    shutil.copytree(CONTENT / "taxonomy", content / "taxonomy")
    profile = PARTNER.replace(
        "    The payload as code:",
        "    <math><mtext><table><mglyph><style><img src=x onerror=alert(1)>\n\n"
        "    Our team of twelve.\n    The payload as code:",
    )
    write(content / "partners" / "evil-partner" / "partner.yaml", profile)
    output = tmp_path / "output"
    result = run_pelican(content, output)
    assert result.returncode != 0
    # Compared without white space: Pelican's log wraps long lines.
    log = "".join((result.stdout + result.stderr).split())
    expected = (
        "partners/evil-partner/partner.yaml:5:7: description.en: raw HTML like <math> is not "
        "allowed; part of your text after it would be lost ('Our team of twelve. The payload"
    )
    assert "".join(expected.split()) in log, log[-2000:]
    assert not (output / "partners" / "evil-partner" / "index.html").exists()
