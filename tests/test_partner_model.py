"""The partner model and loader: every rule, asserting the line, the field and the message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, write

from copernica_directory.model import Problem, load_content
from copernica_directory.model.markup import render_markdown

VALID = """\
name: Acme Digital
website: https://www.acme.example
tagline:
  en: Campaigns that people read
  nl: Campagnes die mensen lezen
description: |
  We **build** campaigns.
brands: [whitelabel, copernica]
expertise: [training, crm-integration]
industries: [retail]
languages: [nl, en]
location:
  city: Utrecht
  country: NL
regions: [BE]
contact:
  email: hello@acme.example
  phone: "+31302345678"
  person: Anna
founded: 2009
accepting_clients: false
maintainers: [acme-anna]
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A content tree with the real taxonomies and no partners yet."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "taxonomy", root / "taxonomy")
    return root


def problems_for(site: Path, text: str, slug: str = "acme") -> list[Problem]:
    write(site / "partners" / slug / "partner.yaml", text)
    _, problems = load_content(site)
    return problems


def only(problems: list[Problem]) -> tuple[int, int, str, str]:
    assert len(problems) == 1, [p.format_text() for p in problems]
    p = problems[0]
    return p.line, p.col, p.field, p.message


def test_valid_partner_loads_with_typed_values(site: Path) -> None:
    write(site / "partners" / "acme" / "partner.yaml", VALID)
    content, problems = load_content(site)
    assert problems == []
    partner = content.partners["acme"]
    assert partner.tagline.get("nl") == "Campagnes die mensen lezen"
    assert partner.description_html.get("en") == "<p>We <strong>build</strong> campaigns.</p>"
    assert partner.countries == ("NL", "BE")
    assert partner.contact.phone == "+31302345678"
    assert partner.accepting_clients is False
    assert partner.founded == 2009


def test_optional_fields_get_defaults(site: Path) -> None:
    text = "\n".join(
        line
        for line in VALID.splitlines()
        if not line.startswith(("industries", "regions", "founded", "accepting", "  phone"))
    )
    write(site / "partners" / "acme" / "partner.yaml", text + "\n")
    content, problems = load_content(site)
    assert problems == []
    partner = content.partners["acme"]
    assert (partner.industries, partner.regions, partner.founded) == ((), (), None)
    assert partner.accepting_clients is True


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # YAML 1.1 surprises: Norway and Norwegian become booleans unless quoted.
        ("  country: NL", "  country: NO", (14, 12, "location.country", 'YAML reads NO as the boolean false; quote it: "NO"')),
        ("languages: [nl, en]", "languages: [nl, no]", (11, 17, "languages[1]", 'YAML reads no as the boolean false; quote it: "no"')),
        ('  phone: "+31302345678"', "  phone: +31302345678", (18, 10, "contact.phone", 'YAML reads +31302345678 as the integer 31302345678; quote it: "+31302345678"')),
        ("accepting_clients: false", "accepting_clients: no", (21, 20, "accepting_clients", "write true or false, not 'no'")),
        # Wrong types.
        ("brands: [whitelabel, copernica]", "brands: whitelabel", (8, 9, "brands", "expected a list, e.g. [a, b], got the string 'whitelabel'")),
        ("founded: 2009", "founded: last year", (20, 10, "founded", "expected a year from 1800 to 2026, got the string 'last year'")),
        ("  city: Utrecht", "  city: [Utrecht]", (13, 9, "location.city", "expected text, got a list")),
        # Unknown fields and ids, with a did-you-mean.
        ("brands:", "brand:", (8, 1, "brand", "unknown field. Did you mean 'brands'?")),
        ("expertise: [training, crm-integration]", "expertise: [trainig, crm-integration]", (9, 13, "expertise[0]", "'trainig' is not an expertise id. Did you mean 'training'?")),
        ("industries: [retail]", "industries: [retial]", (10, 14, "industries[0]", "'retial' is not an industry id. Did you mean 'retail'?")),
        ("brands: [whitelabel, copernica]", "brands: [whitelabel, resell]", (8, 22, "brands[1]", "'resell' is not a brand model. Allowed: whitelabel, copernica")),
        # Controlled vocabularies: ISO codes.
        ("  country: NL", "  country: XX", (14, 12, "location.country", "'XX' is not an ISO 3166-1 alpha-2 country code")),
        ("regions: [BE]", "regions: [be]", (15, 11, "regions[0]", "'be' is not an ISO 3166-1 alpha-2 country code (upper case, e.g. NL). Did you mean 'BE'?")),
        ("languages: [nl, en]", "languages: [nl, english]", (11, 17, "languages[1]", "'english' is not an ISO 639-1 language code")),
        # URLs: https only, never javascript:.
        ("website: https://www.acme.example", "website: http://www.acme.example", (2, 10, "website", "'http://www.acme.example' uses http; only an https:// address")),
        ("website: https://www.acme.example", "website: javascript:alert(1)", (2, 10, "website", "'javascript:alert(1)' uses javascript; only an https:// address")),
        ("website: https://www.acme.example", "website: https://localhost", (2, 10, "website", "'https://localhost' is not a valid address")),
        # Emails, phones, lengths, repeats.
        ("  email: hello@acme.example", "  email: hello-at-acme", (17, 10, "contact.email", "'hello-at-acme' is not a valid email address")),
        ('  phone: "+31302345678"', '  phone: "030 234 5678"', (18, 10, "contact.phone", "'030 234 5678' is not in E.164 form")),
        ("name: Acme Digital", "name: A", (1, 7, "name", "is 1 characters; at least 2 needed")),
        ("  en: Campaigns that people read", "  en: " + "x" * 141, (4, 7, "tagline.en", "is 141 characters; at most 140 allowed")),
        ("  nl: Campagnes die mensen lezen", "  de: Kampagnen", (5, 3, "tagline.de", "unknown site language 'de'; use one of: en, nl")),
        ("languages: [nl, en]", "languages: [nl, nl]", (11, 17, "languages[1]", "'nl' is listed twice")),
        ("maintainers: [acme-anna]", "maintainers: [-anna]", (22, 15, "maintainers[0]", "'-anna' is not allowed: use a GitHub login")),
        ("maintainers: [acme-anna]", "maintainers: []", (22, 14, "maintainers", "needs at least 1 item(s)")),
        ("founded: 2009", "founded: 2999", (20, 10, "founded", "2999 is out of range")),
        # Files.
        ("founded: 2009", "founded: 2009\nlogo: logo.svg", (21, 7, "logo", "file 'logo.svg' not found beside")),
        ("founded: 2009", "founded: 2009\nlogo: ../other/logo.svg", (21, 7, "logo", "give just the file name")),
        ("founded: 2009", "founded: 2009\nlogo: logo.gif", (21, 7, "logo", "allowed file types are svg, png, webp")),
    ],
)  # fmt: skip
def test_rule(site: Path, old: str, new: str, expected: tuple[int, int, str, str]) -> None:
    assert old in VALID
    line, col, field, message = only(problems_for(site, VALID.replace(old, new, 1)))
    assert (line, col, field) == expected[:3]
    assert expected[3] in message, message


def test_missing_required_field_points_at_the_mapping(site: Path) -> None:
    text = VALID.replace("website: https://www.acme.example\n", "")
    assert only(problems_for(site, text)) == (
        1,
        1,
        "website",
        "required field missing (https:// address of the partner's site)",
    )


def test_all_problems_are_reported_at_once(site: Path) -> None:
    text = (
        VALID.replace("name: Acme Digital", "name: A")
        .replace("  country: NL", "  country: NO")
        .replace("brands:", "brandz:")
    )
    problems = problems_for(site, text)
    assert [p.field for p in problems] == ["name", "brandz", "location.country"]


def test_bad_folder_name_is_a_slug_error(site: Path) -> None:
    problems = problems_for(site, VALID, slug="Acme_Digital")
    assert only(problems)[3].startswith("folder name 'Acme_Digital' is not a valid slug")


def test_missing_partner_file_and_stray_files(site: Path) -> None:
    write(site / "partners" / "acme" / "partner.yml", VALID)
    _, problems = load_content(site)
    messages = sorted(p.message for p in problems)
    assert messages[0].startswith("missing: every partner folder needs a partner.yaml")
    assert messages[1].startswith("unexpected file: a partner folder holds partner.yaml")


def test_logo_in_folder_is_accepted(site: Path) -> None:
    write(site / "partners" / "acme" / "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    write(site / "partners" / "acme" / "partner.yaml", VALID + "logo: logo.svg\n")
    content, problems = load_content(site)
    assert problems == []
    assert content.partners["acme"].logo == "logo.svg"


def test_unknown_taxonomy_id_in_taxonomy_file(site: Path) -> None:
    write(site / "taxonomy" / "industries.yaml", "Retail_Shops:\n  label: Retail\n")
    _, problems = load_content(site)
    assert only(problems)[2:] == (
        "Retail_Shops",
        "'Retail_Shops' is not allowed: use lower-case letters and digits, "
        "words joined by single hyphens (e.g. acme-digital)",
    )


def test_description_html_is_refused_and_would_be_sanitised(site: Path) -> None:
    written = "<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(2))"
    text = VALID.replace("  We **build** campaigns.", "  " + written)
    write(site / "partners" / "acme" / "partner.yaml", text)
    _, problems = load_content(site)
    assert [(p.line, p.field) for p in problems] == [(6, "description")] * 3
    assert sorted(p.message for p in problems) == [
        "raw HTML like <img> is not allowed; write it in Markdown",
        "raw HTML like <script> is not allowed; part of your text after it would be lost "
        "('alert(1)'): write it in Markdown",
        "the link 'javascript:alert(2)' is not allowed: links start with https://, http:// "
        "or mailto:, or are a path on this site",
    ]
    # Were the check ever bypassed, the sanitiser still removes all of it.
    html = render_markdown(written)
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
