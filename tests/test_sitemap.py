"""sitemap.xml and robots.txt: every indexable page of both languages, with its alternates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from copernica_directory.settings import PUBLIC_ADDRESS as DEFAULT_PUBLIC_SITEURL
from copernica_directory.site.pages import Page
from copernica_directory.site.sitemap import MAX_URLS, robots_txt, sitemap_xml

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _entries(xml: str) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href} of every <url>."""
    root = ET.fromstring(xml)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def _page_file(output: Path, address: str) -> Path:
    path = address.removeprefix(DEFAULT_PUBLIC_SITEURL + "/")
    return output / (path + "index.html" if path.endswith("/") or not path else path)


def test_every_indexable_page_is_in_the_sitemap_with_its_twin(built_site: Path) -> None:
    entries = _entries((built_site / "sitemap.xml").read_text(encoding="utf-8"))
    # The site's pages (reuse files beside library items are copies for partners: their
    # canonical link names our page, and they are not listed).
    pages = {
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if p.name in ("index.html", "404.html")
    }
    listed = {_page_file(built_site, loc).relative_to(built_site).as_posix() for loc in entries}
    # Every page is listed except those that ask not to be indexed ...
    unlisted = pages - listed
    assert unlisted == {"404.html", "nl/404.html", "reviews/thanks/index.html"} | {
        "nl/reviews/thanks/index.html",
        "admin/index.html",  # the web editor
    }
    for name in unlisted:
        assert 'name="robots" content="noindex' in (built_site / name).read_text("utf-8")
    # ... and nothing that is not a page.
    assert listed <= pages
    assert f"{DEFAULT_PUBLIC_SITEURL}/nl/partners/maasmail/" in entries
    for loc, alternates in entries.items():
        assert set(alternates) == {"en", "nl", "x-default"}, loc
        assert loc in (alternates["en"], alternates["nl"])
        assert alternates["x-default"] == alternates["en"]
        assert alternates["nl"].startswith(f"{DEFAULT_PUBLIC_SITEURL}/nl/")
        for href in alternates.values():
            assert _page_file(built_site, href).is_file(), href


def test_robots_txt_points_at_the_sitemap(built_site: Path) -> None:
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {DEFAULT_PUBLIC_SITEURL}/sitemap.xml" in robots.splitlines()
    assert "Disallow: /" not in robots
    assert robots_txt("https://x.example/") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://x.example/sitemap.xml\n"
    )


def test_addresses_are_escaped_and_the_limit_is_kept() -> None:
    xml = sitemap_xml([Page("a&b/", "partner.html")], "https://x.example", ["en", "nl"])
    assert _entries(xml) == {
        "https://x.example/a&b/": {
            "en": "https://x.example/a&b/",
            "nl": "https://x.example/nl/a&b/",
            "x-default": "https://x.example/a&b/",
        }
    }
    too_many = (Page(f"p{i}/", "partner.html") for i in range(MAX_URLS + 1))
    with pytest.raises(ValueError, match="sitemap index"):
        sitemap_xml(too_many, "https://x.example", ["en"])
