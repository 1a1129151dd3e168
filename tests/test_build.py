"""A real Pelican build of the sample content: pages, links both ways, API, failure on bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import few_partners_copy, run_pelican
from htmlscan import parse

from copernica_directory.model import load_content
from copernica_directory.site.formatting import phone_text
from copernica_directory.sitecheck.links import check_links

ROOT = Path(__file__).resolve().parents[1]


def sample():
    content, problems = load_content(ROOT / "content")
    assert problems == []
    return content


def test_every_partner_has_a_profile_listed_in_the_directory(built_site: Path) -> None:
    content = sample()
    directory = parse(built_site / "partners" / "index.html")
    for slug, partner in content.partners.items():
        profile = built_site / "partners" / slug / "index.html"
        assert profile.is_file(), slug
        page = parse(profile)
        assert [h.tag for h in page.elements].count("h1") == 1
        assert partner.name in page.text
        assert f"/partners/{slug}/" in directory.hrefs()
    assert len(content.partners) >= 12


def test_profile_shows_contact_expertise_and_choose_button(built_site: Path) -> None:
    content = sample()
    partner = content.partners["fjordvarsel"]
    page = parse(built_site / "partners" / "fjordvarsel" / "index.html")
    hrefs = page.hrefs()
    assert f"mailto:{partner.contact.email}" in hrefs
    assert partner.website in hrefs
    for term in partner.expertise:
        assert f"/partners/expertise/{term}/" in hrefs
    assert "/partners/country/no/" in hrefs
    assert "Norway" in page.text
    choose = "https://www.copernica.com/en/partners/choose?partner=fjordvarsel"
    assert choose in hrefs


def test_choose_link_comes_from_the_setting(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CHOOSE_PARTNER_URL", "https://app.example.com/select/{slug}")
    output = tmp_path / "out"
    result = run_pelican(few_partners_copy(tmp_path / "content"), output)  # maasmail among them
    assert result.returncode == 0, result.stderr
    page = parse(output / "partners" / "maasmail" / "index.html")
    assert "https://app.example.com/select/maasmail" in page.hrefs()


def test_the_choose_link_carries_the_page_language(built_site: Path) -> None:
    for prefix, lang in (("", "en"), ("nl/", "nl")):
        page = parse(built_site / prefix / "partners" / "maasmail" / "index.html")
        assert f"https://www.copernica.com/{lang}/partners/choose?partner=maasmail" in page.hrefs()


def test_a_choose_link_setting_with_an_unknown_placeholder_fails_the_build(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("CHOOSE_PARTNER_URL", "https://app.example.com/select/{partner}")
    result = run_pelican(ROOT / "content", tmp_path / "out")
    assert result.returncode != 0
    assert "CHOOSE_PARTNER_URL" in result.stderr + result.stdout
    assert "{slug}" in result.stderr + result.stdout
    assert not (tmp_path / "out" / "partners" / "maasmail" / "index.html").exists()


def test_cases_and_profiles_link_both_ways(built_site: Path) -> None:
    content = sample()
    linked = [c for c in content.cases.values() if c.partner]
    assert len(linked) >= 6
    for case in linked:
        case_page = parse(built_site / "cases" / case.slug / "index.html")
        assert f"/partners/{case.partner}/" in case_page.hrefs()
        profile = parse(built_site / "partners" / str(case.partner) / "index.html")
        assert f"/cases/{case.slug}/" in profile.hrefs()
    cases_index = parse(built_site / "cases" / "index.html")
    assert all(f"/cases/{slug}/" in cases_index.hrefs() for slug in content.cases)


def test_browse_pages_list_the_right_partners(built_site: Path) -> None:
    content = sample()
    for term in content.taxonomies["expertise"].terms:
        page = parse(built_site / "partners" / "expertise" / term / "index.html")
        expected = {s for s, p in content.partners.items() if term in p.expertise}
        listed = {
            h.split("/")[2]
            for h in page.hrefs()
            if h.count("/") == 3 and h.startswith("/partners/")
        }
        assert expected <= listed, term
        others = set(content.partners) - expected
        assert not (others & listed), term
    norway = parse(built_site / "partners" / "country" / "no" / "index.html")
    assert "/partners/fjordvarsel/" in norway.hrefs()
    dutch = parse(built_site / "partners" / "language" / "nl" / "index.html")
    assert "/partners/noordlicht-digital/" in dutch.hrefs()
    for kind in ("expertise", "country", "language"):
        assert (built_site / "partners" / kind / "index.html").is_file()


def test_home_page_explains_the_programme(built_site: Path) -> None:
    page = parse(built_site / "index.html")
    assert "10%" in page.text
    assert "/partners/" in page.hrefs()


def test_api_lists_every_partner(built_site: Path) -> None:
    content = sample()
    data = json.loads((built_site / "api" / "partners.json").read_text(encoding="utf-8"))
    assert data["count"] == len(content.partners) == len(data["partners"])
    first = data["partners"][0]
    assert set(first) >= {"slug", "name", "url", "website", "tagline", "expertise", "location"}
    assert "maintainers" not in first
    fjord = next(p for p in data["partners"] if p["slug"] == "fjordvarsel")
    assert fjord["location"]["country"] == "NO"


def test_logos_are_published(built_site: Path) -> None:
    content = sample()
    with_logo = [p for p in content.partners.values() if p.logo]
    assert with_logo
    for partner in with_logo:
        assert (built_site / "partners" / partner.slug / str(partner.logo)).is_file()
        page = parse(built_site / "partners" / partner.slug / "index.html")
        assert page.find("img", src=f"/partners/{partner.slug}/{partner.logo}")


def test_every_internal_link_resolves(built_site: Path) -> None:
    assert [str(b) for b in check_links(built_site)] == []


def test_link_checker_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="x">x</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="/a/">ok</a><a href="/a/#x">ok</a><a href="/b/">no</a>'
        '<img src="logo.svg"><a href="/a/#y">no id</a><a href="https://e.example/">ext</a>',
        encoding="utf-8",
    )
    assert [(b.target, b.reason) for b in check_links(tmp_path)] == [
        ("/a/#y", "no element with id 'y'"),
        ("/b/", "no such file"),
        ("logo.svg", "no such file"),
    ]


def test_bad_content_stops_the_build(content_copy: Path, tmp_path: Path) -> None:
    profile = content_copy / "partners" / "fjordvarsel" / "partner.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace('country: "NO"', "country: NO"),
        encoding="utf-8",
    )
    output = tmp_path / "output"
    result = run_pelican(content_copy, output)
    assert result.returncode != 0
    log = " ".join((result.stdout + result.stderr).split())
    assert 'location.country: YAML reads NO as the boolean false; quote it: "NO"' in log
    assert not (output / "index.html").exists()
    assert not (output / "partners").exists()


def test_phone_numbers_read_as_people_write_them(built_site: Path) -> None:
    partners = [p for p in sample().partners.values() if p.contact.phone]
    assert len(partners) >= 10
    for partner in partners:
        html = (built_site / "partners" / partner.slug / "index.html").read_text("utf-8")
        # Dialled as stored (E.164), shown grouped by the country's plan.
        shown = re.search(rf'<a href="tel:{re.escape(partner.contact.phone)}">([^<]+)</a>', html)
        assert shown, partner.slug
        assert shown[1].startswith("+") and " " in shown[1], shown[1]
        assert shown[1].replace(" ", "") == partner.contact.phone
    amsterdam = '<a href="tel:+31207891234">+31 20 789 1234</a>'
    assert any(amsterdam in p.read_text("utf-8") for p in built_site.glob("partners/*/index.html"))


def test_a_number_outside_every_plan_shows_as_stored() -> None:
    assert phone_text("+31201234567") == "+31 20 123 4567"
    assert phone_text("+4755123456") == "+47 55 12 34 56"
    assert phone_text("+999123") == "+999123"
