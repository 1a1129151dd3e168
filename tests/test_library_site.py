"""The content library in a real build: lists, filters, pagination, item pages, whitepaper
downloads, the reuse kit, the Atom feed and the JSON per item. The sample site is built as on
2026-11-26 (conftest.BUILD_DATE); one extra build looks at it on a later day."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from conftest import BUILD_DATE, CONTENT, few_partners_copy, run_pelican, write
from htmlscan import parse

from copernica_directory.model import load_content

PUBLIC = "https://partners.copernica.com"
TODAY = dt.date.fromisoformat(BUILD_DATE)
SCHEDULED = "articles/email-calendar-2027"  # dated 2026-12-08 in the sample content
DRAFT = "articles/ai-subject-lines-experiment"


@pytest.fixture(scope="module")
def sample():
    content, problems = load_content(CONTENT)
    assert problems == []
    return content


def live_keys(content, day: dt.date = TODAY) -> list[str]:
    return [key for key, item in content.library.items() if item.is_live(day)]


def listed(page_path: Path) -> list[str]:
    """The items a list page shows, in order, as <type>/<slug>."""
    page = parse(page_path)
    item = r"/library/(articles|best-practices|whitepapers)/[a-z0-9-]+/"
    cards = [h for h in page.hrefs() if re.fullmatch(item, h)]
    return [h.removeprefix("/library/").rstrip("/") for h in dict.fromkeys(cards)]


def listed_all(folder: Path) -> list[str]:
    """The items a paginated list shows over all its pages (`folder`/page/<n>/), in order."""
    shown, number = listed(folder / "index.html"), 2
    while (folder / "page" / str(number)).is_dir():
        shown += listed(folder / "page" / str(number) / "index.html")
        number += 1
    return shown


def test_library_lists_every_live_item_newest_first(built_site: Path, sample) -> None:
    expected = live_keys(sample)
    assert len(expected) >= 8
    types = {sample.library[k].type for k in expected}
    assert types == {"articles", "best-practices", "whitepapers"}
    shown = listed_all(built_site / "library")
    assert shown == expected
    dates = [sample.library[k].date for k in expected]
    assert dates == sorted(dates, reverse=True)


def test_drafts_and_future_items_appear_nowhere(built_site: Path) -> None:
    for key in (SCHEDULED, DRAFT):
        assert not (built_site / "library" / key).exists()
        slug = key.split("/")[1]
        for path in built_site.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".xml", ".json", ".md", ".ics"):
                assert slug not in path.read_text(encoding="utf-8"), (key, path)


def test_filters_by_type_expertise_and_industry(built_site: Path, sample) -> None:
    live = [sample.library[k] for k in live_keys(sample)]
    checks = {
        "whitepapers": [i for i in live if i.type == "whitepapers"],
        "expertise/deliverability": [i for i in live if "deliverability" in i.expertise],
        "industry/retail": [i for i in live if "retail" in i.industries],
    }
    for path, items in checks.items():
        page = built_site / "library" / path / "index.html"
        assert listed_all(page.parent) == [i.key for i in items], path
        assert f"{len(items)} item" in parse(page).text
    index = parse(built_site / "library" / "index.html")
    for path in checks:
        assert f"/library/{path}/" in index.hrefs()
    # A value without live items gets no page.
    used = {e for item in live for e in item.expertise}
    unused = [e for e in sample.taxonomies["expertise"].terms if e not in used]
    assert unused
    assert not (built_site / "library" / "expertise" / unused[0]).exists()


def test_item_page_has_summary_body_related_and_canonical_link(built_site: Path, sample) -> None:
    item = sample.library["articles/five-questions-before-you-migrate"]
    page = parse(built_site / "library" / item.key / "index.html")
    assert item.title in page.text and item.summary in page.text
    assert "Where does the customer data really live?" in page.text
    canonical = page.find("link", rel="canonical")
    assert canonical and canonical[0].attrs["href"] == f"/library/{item.key}/"
    related = [h for h in page.hrefs() if h.startswith("/library/") and item.slug not in h]
    item_link = r"/library/(articles|best-practices|whitepapers)/[a-z0-9-]+/"
    cards = [h for h in related if re.fullmatch(item_link, h)]
    assert cards, "related items are shown"
    for href in cards:  # each shares an expertise with the item
        other = sample.library[href.removeprefix("/library/").rstrip("/")]
        assert set(other.expertise) & set(item.expertise), href
    assert "/library/articles/crm-sync-without-a-developer/" not in related  # no shared expertise
    ld = next(s for s in page.scripts if s.attrs.get("type") == "application/ld+json")
    data = json.loads(ld.text)
    assert data["@type"] == "Article" and data["url"] == f"{PUBLIC}/library/{item.key}/"


def test_whitepaper_download_with_its_size_and_cover(built_site: Path, sample) -> None:
    paper = sample.library["whitepapers/deliverability-handbook"]
    folder = built_site / "library" / paper.key
    page = parse(folder / "index.html")
    pdf = (CONTENT / "library" / "whitepapers" / str(paper.file)).read_bytes()
    assert (folder / str(paper.file)).read_bytes() == pdf
    download = page.find("a", href=f"/library/{paper.key}/{paper.file}")
    assert download and "download" in download[0].attrs
    assert f"Download the PDF ({round(len(pdf) / 1000)} kB)" in page.text  # nbsp, as text
    assert page.find("img", src=f"/library/{paper.key}/{paper.cover}")
    assert (folder / str(paper.cover)).is_file()


def reuse_boxes(path: Path) -> dict[str, str]:
    """The reuse kit's text areas by id, as a visitor copies them (entities decoded)."""
    html = path.read_text(encoding="utf-8")
    return {
        m[1]: html_lib.unescape(m[2])
        for m in re.finditer(r'<textarea[^>]*id="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S)
    }


def test_reuse_kit_carries_attribution_and_canonical_link(built_site: Path, sample) -> None:
    item = sample.library["articles/crm-sync-without-a-developer"]
    folder = built_site / "library" / item.key
    url = f"{PUBLIC}/library/{item.key}/"
    boxes = reuse_boxes(folder / "index.html")
    html, markdown = boxes["reuse-attribution-html"], boxes["reuse-attribution-markdown"]
    assert f'First published by Copernica: <a href="{url}">{item.title}</a>' in html
    assert f"*First published by Copernica: [{item.title}]({url})*" in markdown
    # Our own links become absolute, so they work on a partner's site.
    assert f'href="{PUBLIC}/partners/expertise/api-development/"' in html
    assert f"]({PUBLIC}/partners/expertise/api-development/)" in markdown
    assert "<script" not in html and 'href="/' not in html
    # The files to download hold the same, the HTML one as a page with the canonical link.
    document = (folder / f"{item.slug}.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}">' in document and html in document
    assert (folder / f"{item.slug}.md").read_text(encoding="utf-8") == markdown
    assert "reuse-whitelabel-html" not in boxes  # reuse: attribution only


def test_white_label_variant_never_names_the_brand(built_site: Path, sample) -> None:
    item = sample.library["best-practices/welcome-series-in-four-emails"]
    folder = built_site / "library" / item.key
    boxes = reuse_boxes(folder / "index.html")
    for key in ("reuse-whitelabel-html", "reuse-whitelabel-markdown"):
        assert item.title in boxes[key]
        assert "copernica" not in boxes[key].lower(), key
    document = (folder / f"{item.slug}-whitelabel.html").read_text(encoding="utf-8")
    assert "copernica" not in document.split("</head>")[1].lower()  # only the canonical link
    assert "First published by Copernica" in boxes["reuse-attribution-html"]


def test_items_that_may_not_be_copied_have_no_kit(built_site: Path, sample) -> None:
    item = sample.library["whitepapers/e-mailbenchmark-retail-2026"]
    folder = built_site / "library" / item.key
    assert not (folder / f"{item.slug}.html").exists()
    assert not (folder / f"{item.slug}.md").exists()
    boxes = reuse_boxes(folder / "index.html")
    assert set(boxes) == {"reuse-link"}
    assert boxes["reuse-link"] == f"{PUBLIC}/library/{item.key}/"
    data = json.loads((built_site / "api" / "library" / f"{item.key}.json").read_text())
    assert data["reuse"] == "none" and data["variants"] == {}


def test_atom_feed_is_read_by_a_feed_reader(built_site: Path, sample) -> None:
    feed = feedparser.parse((built_site / "feeds" / "library.atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.link == f"{PUBLIC}/library/"
    expected = [sample.library[k] for k in live_keys(sample)]
    assert [e.link for e in feed.entries] == [f"{PUBLIC}/library/{i.key}/" for i in expected]
    assert len({e.id for e in feed.entries}) == len(expected)
    first = feed.entries[0]
    assert first.title == expected[0].title
    assert first.published_parsed[:3] == expected[0].date.timetuple()[:3]
    crm = next(e for e in feed.entries if e.link.endswith("/crm-sync-without-a-developer/"))
    assert f'href="{PUBLIC}/partners/expertise/api-development/"' in crm.content[0].value
    dutch = next(e for e in feed.entries if "onderwerpregel" in e.link)
    assert dutch.summary_detail.language == "nl"
    paper = next(e for e in feed.entries if "deliverability-handbook" in e.link)
    enclosure = next(link for link in paper.links if link.rel == "enclosure")
    assert enclosure.type == "application/pdf" and enclosure.href.endswith(".pdf")
    index = parse(built_site / "library" / "index.html")
    assert index.find("link", rel="alternate", type="application/atom+xml")


def test_a_json_file_per_item_and_an_index(built_site: Path, sample) -> None:
    index = json.loads((built_site / "api" / "library.json").read_text(encoding="utf-8"))
    keys = live_keys(sample)
    assert index["count"] == len(keys) == len(index["items"])
    for entry in index["items"]:
        path = built_site / entry["json"].removeprefix(PUBLIC + "/")
        item = json.loads(path.read_text(encoding="utf-8"))
        assert item["url"] == entry["url"] and item["title"] == entry["title"]
    api = built_site / "api" / "library"
    item = json.loads((api / "articles" / "bulk-sender-rules-explained.json").read_text())
    assert set(item["variants"]) == {"attribution", "whitelabel"}
    assert item["url"] in item["variants"]["attribution"]["html"]
    assert "copernica" not in item["variants"]["whitelabel"]["markdown"].lower()
    paper = json.loads((api / "whitepapers" / "deliverability-handbook.json").read_text())
    assert (
        paper["file"]["bytes"] == sample.library["whitepapers/deliverability-handbook"].file_bytes
    )


@pytest.fixture(scope="module")
def later_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built as on 2026-12-08, four items a page (the library whole, a quarter of
    the partners)."""
    root = tmp_path_factory.mktemp("later")
    content = few_partners_copy(root / "content")
    output = root / "output"
    result = run_pelican(content, output, "-e", "LIBRARY_PAGE_SIZE=4", build_date="2026-12-08")
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_a_scheduled_item_is_published_by_the_first_build_on_its_date(later_site: Path) -> None:
    assert (later_site / "library" / SCHEDULED / "index.html").is_file()
    assert listed(later_site / "library" / "index.html")[0] == SCHEDULED
    feed = feedparser.parse((later_site / "feeds" / "library.atom.xml").read_bytes())
    assert SCHEDULED in feed.entries[0].link
    assert not (later_site / "library" / DRAFT).exists()


def test_lists_are_paginated(built_site: Path, sample) -> None:
    expected = live_keys(sample)
    count = -(-len(expected) // 12)  # 12 a page
    assert count >= 3  # the sample is long enough to show pagination
    pages = [built_site / "library" / "index.html"]
    pages += [built_site / "library" / "page" / str(n) / "index.html" for n in range(2, count + 1)]
    seen = [key for page in pages for key in listed(page)]
    assert seen == expected
    assert not (built_site / "library" / "page" / str(count + 1)).exists()
    second = parse(pages[1])
    assert second.find("link", rel="prev", href="/library/")
    assert second.find("link", rel="next", href="/library/page/3/")
    assert second.find("span", **{"aria-current": "page"})
    assert f"page 2 of {count}" in second.text


def test_a_smaller_page_size_gives_more_pages(later_site: Path, sample) -> None:
    expected = live_keys(sample, dt.date(2026, 12, 8))
    assert listed_all(later_site / "library") == expected
    count = -(-len(expected) // 4)
    assert (later_site / "library" / "page" / str(count)).is_dir()
    assert not (later_site / "library" / "page" / str(count + 1)).exists()


# ---------- nothing an editor writes runs script, in pages, copies, feeds or calendars ----------

EVIL = '<script>alert(1)</script> "><img src=x onerror=alert(2)> </textarea><b>x</b> {{ 7*7 }}'


def quoted(text: str, limit: int) -> str:
    return "'" + text[:limit].replace("'", "''") + "'"


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("evil-library")
    content = root / "content"
    shutil.copytree(CONTENT / "taxonomy", content / "taxonomy")
    front = f"title: {quoted(EVIL, 150)}\ndate: 2026-01-01\nsummary: {quoted(EVIL, 300)}\n"
    # Raw HTML and javascript: links are refused in texts (tests/test_markup.py): here the
    # payload as code and as entities, which must stay text.
    body = f"`` {EVIL} ``\n\n[x](/events/) &lt;iframe src=//evil.example&gt;&lt;/iframe&gt;\n"
    # A library item's text may hold no HTML (the validator refuses it): the payload as code.
    write(
        content / "library" / "articles" / "evil.md",
        f"---\n{front}status: published\nauthor: {quoted(EVIL, 100)}\nreuse: whitelabel\n"
        f"---\nThe payload as code: `` {EVIL} ``\n",
    )
    write(
        content / "events" / "evil.md",
        f"---\n{front}status: published\nkind: seminar\nstart: 2027-01-01T10:00:00+01:00\n"
        f"end: 2027-01-01T12:00:00+01:00\nvenue: {quoted(EVIL, 150)}\ncity: {quoted(EVIL, 100)}\n"
        f"country: NL\nregistration: https://e.example.com/?q=%22%3E%3Cscript%3Ealert(4)%3C/script%3E\n"
        f"---\n{body}",
    )
    output = root / "output"
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_payloads_stay_text_everywhere(evil_site: Path) -> None:
    pages = [
        evil_site / "library" / "index.html",
        evil_site / "library" / "articles" / "evil" / "index.html",
        evil_site / "events" / "index.html",
        evil_site / "events" / "evil" / "index.html",
    ]
    for path in pages:
        page = parse(path)
        for element in page.elements:
            assert not [a for a in element.attrs if a.startswith("on")], (path, element)
            if element.tag in {"iframe", "img"}:
                assert element.attrs.get("src", "").startswith("/"), (path, element)
            assert not element.attrs.get("href", "").startswith("javascript:"), (path, element)
        for script in page.scripts:
            if script.attrs.get("type") == "application/ld+json":
                assert "<" not in script.text and json.loads(script.text)
            else:
                assert script.attrs.get("src", "").startswith("/assets/"), (path, script)
        assert "49" not in page.text  # {{ 7*7 }} is not evaluated
    folder = evil_site / "library" / "articles" / "evil"
    # "</textarea>" in the text does not end a reuse box early: it is in the box, as text.
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert html.count("<textarea") == html.count("</textarea>") == 4
    boxes = reuse_boxes(folder / "index.html")
    assert boxes["reuse-whitelabel-markdown"].endswith(f"`` {EVIL} ``\n")
    assert "<code>&lt;script&gt;" in boxes["reuse-whitelabel-html"]
    for name in ("evil.html", "evil-whitelabel.html"):
        copy = parse(folder / name)
        assert not [e for e in copy.elements if e.tag in {"script", "iframe", "img"}], name
    data = json.loads((evil_site / "api" / "library" / "articles" / "evil.json").read_text())
    assert "<script>" not in data["variants"]["attribution"]["html"]
    feed = feedparser.parse((evil_site / "feeds" / "library.atom.xml").read_bytes())
    assert not feed.bozo and feed.entries[0].title == EVIL[:150]
    ics = (evil_site / "events" / "evil.ics").read_text(encoding="utf-8")
    assert "\nSUMMARY:<script>alert(1)</script>" in ics.replace(
        "\r\n ", ""
    )  # text, escaped for iCalendar
