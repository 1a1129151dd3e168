"""Cases: YAML front matter over a Markdown body, linked to partners both ways."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import write

from copernica_directory.model import load_content

CASE = """\
---
title: A travel brand doubles repeat bookings
date: 2026-03-14
summary: Two sentences about it.
partner: bolgen-digital
expertise: [marketing-automation]
industry: travel
lang: en
---
## The challenge

Body text with `<script>alert(1)</script>` and [a link](https://example.com).
"""


def test_case_loads_and_links_to_its_partner(content_copy: Path) -> None:
    write(content_copy / "cases" / "travel-brand.md", CASE)
    content, problems = load_content(content_copy)
    assert problems == []
    case = content.cases["travel-brand"]
    assert case.date == dt.date(2026, 3, 14)
    assert case.industry == "travel"
    assert "<h2>The challenge</h2>" in case.body_html
    assert "<script" not in case.body_html and "<code>&lt;script&gt;" in case.body_html
    assert 'rel="nofollow noopener ugc"' in case.body_html
    assert case in content.cases_of("bolgen-digital")


def test_cases_are_newest_first(content_copy: Path) -> None:
    content, _ = load_content(content_copy)
    dates = [case.date for case in content.cases.values()]
    assert dates == sorted(dates, reverse=True)


def test_unknown_partner_and_bad_date_are_reported_on_their_lines(content_copy: Path) -> None:
    text = CASE.replace("partner: bolgen-digital", "partner: bolgen-digitaal").replace(
        "date: 2026-03-14", "date: 14-03-2026"
    )
    write(content_copy / "cases" / "travel-brand.md", text)
    _, problems = load_content(content_copy)
    assert [(p.line, p.field) for p in problems] == [(3, "date"), (5, "partner")]
    assert "Did you mean 'bolgen-digital'?" in problems[1].message
    assert "expected a date written YYYY-MM-DD" in problems[0].message


def test_case_without_body_or_front_matter(content_copy: Path) -> None:
    write(content_copy / "cases" / "empty-body.md", CASE.split("## The")[0])
    write(content_copy / "cases" / "no-front.md", "Just text\n")
    _, problems = load_content(content_copy)
    assert sorted(p.message.split(":")[0] for p in problems) == [
        "front matter missing",
        "the case has no text below the front matter",
    ]


def test_case_file_name_must_be_a_slug(content_copy: Path) -> None:
    write(content_copy / "cases" / "Travel Brand.md", CASE)
    _, problems = load_content(content_copy)
    assert len(problems) == 1
    assert problems[0].message.startswith("file name 'Travel Brand' is not a valid slug")
