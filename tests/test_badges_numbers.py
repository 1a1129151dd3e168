"""The partner badge (SVG, light and dark, with the snippet on the profile) and the directory
in numbers (build-time SVG charts and the CSV export)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import CONTENT
from defusedxml.ElementTree import fromstring
from htmlscan import parse

from copernica_directory.model import load_content
from copernica_directory.model.logos import svg_problems
from copernica_directory.render.badges import BadgeText, badge_snippet, badge_svg
from copernica_directory.site.numbers import _cell, directory_csv, directory_numbers

PUBLIC = "https://partners.copernica.com"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sample():
    content, problems = load_content(CONTENT)
    assert problems == []
    return content


def texts(svg: bytes) -> str:
    return " ".join("".join(e.itertext()) for e in fromstring(svg).iter(f"{SVG}text"))


def test_every_partner_has_a_light_and_a_dark_badge(built_site: Path, sample) -> None:
    rated = [p for p in sample.partners.values() if sample.rating_of(p.slug)]
    assert rated and len(rated) < len(sample.partners)
    for partner in sample.partners.values():
        for theme in ("light", "dark"):
            data = (built_site / "partners" / partner.slug / f"badge-{theme}.svg").read_bytes()
            assert svg_problems(data) == [], (partner.slug, theme)  # as safe as a logo
            shown = texts(data)
            assert partner.name in shown and "Copernica partner" in shown
            rating = sample.rating_of(partner.slug)
            if rating:
                average = f"{rating.average:.1f}"
                assert f"★ {average}" in shown and f"{rating.count} verified" in shown
            else:
                assert "★" not in shown
    light = (built_site / "partners/fjordvarsel/badge-light.svg").read_bytes()
    dark = (built_site / "partners/fjordvarsel/badge-dark.svg").read_bytes()
    assert fromstring(light).get("width") == fromstring(dark).get("width")
    assert b'fill="#ffffff"' in light and b'fill="#072f54"' in dark


def test_profile_offers_the_badge_snippet(built_site: Path, sample) -> None:
    partner = sample.partners["fjordvarsel"]
    path = built_site / "partners" / "fjordvarsel" / "index.html"
    page = parse(path)
    assert page.find("img", src="/partners/fjordvarsel/badge-dark.svg")
    textarea = r'<textarea[^>]*id="badge-(light|dark)"[^>]*>(.*?)</textarea>'
    boxes = re.findall(textarea, path.read_text(encoding="utf-8"), re.S)
    assert [theme for theme, _ in boxes] == ["light", "dark"]
    snippet = html.unescape(boxes[0][1])
    profile = f"{PUBLIC}/partners/fjordvarsel/"
    assert snippet.startswith(f'<a href="{profile}"><img src="{profile}badge-light.svg"')
    assert f'alt="{partner.name}, Copernica partner, rated' in snippet


def test_badge_text_is_escaped() -> None:
    text = BadgeText(
        'A & B <"x">', "Copernica partner", "★ 4.5", "2 verified reviews", 'A & B <"x">'
    )
    svg = badge_svg(text, "light")
    assert svg_problems(svg.encode()) == []
    assert texts(svg.encode()).startswith('A & B <"x">')
    partner = type("P", (), {"slug": "ab"})()
    snippet = badge_snippet(partner, text, "dark", PUBLIC)  # type: ignore[arg-type]
    assert 'alt="A &amp; B &lt;&quot;x&quot;&gt;"' in snippet


def test_numbers_page_with_charts_drawn_at_build_time(built_site: Path, sample) -> None:
    page = parse(built_site / "numbers" / "index.html")
    assert f"{len(sample.partners)} partners" in page.text
    for name in ("country", "expertise", "reviews-per-month", "ratings"):
        assert page.find("img", src=f"/numbers/{name}.svg"), name
        chart = fromstring((built_site / "numbers" / f"{name}.svg").read_bytes())
        assert chart.find(f"{SVG}title") is not None and chart.find(f"{SVG}desc") is not None
    country = texts((built_site / "numbers" / "country.svg").read_bytes())
    homes = Counter(p.location.country for p in sample.partners.values())
    (top, most), *_ = homes.most_common()
    assert top == "NL" and country.startswith(f"Netherlands {most}")  # the most partners first
    assert not [e for e in page.elements if e.tag == "svg"]  # charts are images, not inline
    assert "/api/partners.csv" in page.hrefs()


def test_reviews_per_month_count_approved_reviews_only(sample) -> None:
    numbers = directory_numbers(sample, dt.date(2026, 11, 26), "en")
    approved = [r for r in sample.reviews.values() if r.published]
    assert len(approved) < len(sample.reviews)  # the sample has pending and rejected ones
    assert sum(bar.value for bar in numbers.reviews_by_month) == len(
        [r for r in approved if r.submitted.date() >= dt.date(2025, 12, 1)]
    )
    assert (numbers.months[0], numbers.months[-1]) == (dt.date(2025, 12, 1), dt.date(2026, 11, 1))
    verified = [r.rating for r in approved if r.verified]
    assert [bar.value for bar in numbers.ratings] == [verified.count(n) for n in (5, 4, 3, 2, 1)]
    assert numbers.approved_reviews == len(approved)


def test_csv_export_of_the_directory(built_site: Path, sample) -> None:
    raw = (built_site / "api" / "partners.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # so Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["slug"] for r in rows] == list(sample.partners)
    fjord = next(r for r in rows if r["slug"] == "fjordvarsel")
    partner = sample.partners["fjordvarsel"]
    assert fjord["profile"] == f"{PUBLIC}/partners/fjordvarsel/"
    assert fjord["country"] == "NO" and fjord["expertise"] == ";".join(partner.expertise)
    assert fjord["rating_count"] == str(sample.rating_of(partner.slug).count)
    assert fjord["phone"] == partner.contact.phone  # E.164 stays as it is
    assert next(r for r in rows if r["slug"] == "bolgen-digital")["name"] == "Bølgen Digital"


def test_csv_cells_never_run_as_formulas(sample) -> None:
    assert _cell('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    assert _cell("@SUM(A1)") == "'@SUM(A1)" and _cell("-1+2") == "'-1+2"
    assert _cell("+31201234567") == "+31201234567"
    assert _cell(True) == "true" and _cell(None) == ""
    partner = next(iter(sample.partners.values()))
    # Records are frozen: a copy of the content with the partner renamed.
    renamed = dataclasses.replace(partner, name="=cmd|' /C calc'!A0")
    changed = dataclasses.replace(sample, partners={**sample.partners, partner.slug: renamed})
    text = directory_csv(changed, PUBLIC)
    assert "'=cmd|" in text
