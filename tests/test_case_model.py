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


# ---------- the cover ----------

COVER = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 848">'
    '<rect width="600" height="848" fill="#6d2f5e"/></svg>\n'
)


def test_a_case_cover_is_a_checked_file_beside_the_case(content_copy: Path) -> None:
    cases = content_copy / "cases"
    write(cases / "travel-brand.md", CASE.replace("lang: en", "lang: en\ncover: travel.svg"))
    write(cases / "travel.svg", COVER)
    content, problems = load_content(content_copy)
    assert problems == []
    assert content.cases["travel-brand"].cover == "travel.svg"

    # Script in it is refused like in a logo; a missing file or a path is named with its line.
    write(cases / "travel.svg", COVER.replace("<rect", '<rect onload="alert(1)"'))
    write(cases / "other.md", CASE.replace("lang: en", "lang: en\ncover: missing.svg"))
    write(cases / "third.md", CASE.replace("lang: en", "lang: en\ncover: ../partners/x.svg"))
    _, problems = load_content(content_copy)
    shown = {(Path(p.path).name, p.line, p.field): p.message for p in problems}
    assert "onload" in shown[("travel-brand.md", 9, "cover")]
    assert "not found beside" in shown[("other.md", 9, "cover")]
    assert "just the file name" in shown[("third.md", 9, "cover")]


def test_files_in_the_cases_folder_that_no_case_uses_are_reported(content_copy: Path) -> None:
    cases = content_copy / "cases"
    write(cases / "forgotten.svg", COVER)
    write(cases / "notes.txt", "not a case\n")
    _, problems = load_content(content_copy)
    messages = {Path(p.path).name: p.message for p in problems}
    assert messages["forgotten.svg"].startswith("no case uses this file")
    assert messages["notes.txt"].startswith("unexpected file: cases are Markdown files")
    assert len(problems) == 2
