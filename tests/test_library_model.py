"""Library items and events: every field and rule of the model, with the line, field and message
the validator reports, and which items a build date publishes."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pdfbuild
import pytest
from conftest import CONTENT, ROOT, write

from copernica_directory.model import Problem, load_content
from copernica_directory.settings import parse
from copernica_directory.site.publication import Publication, build_date
from copernica_directory.tools.pdfwriter import blocks_from_text, write_pdf

ARTICLE = """\
---
title: Five questions before you migrate
date: 2026-10-02
summary: A migration is the moment to clean up.
lang: en
status: published
author: Partner team
expertise: [strategy, consultancy]
industries: [retail]
reuse: attribution
---
## Why

Text with `<script>alert(1)</script>` and [a link](/partners/).
"""

WHITEPAPER = """\
---
title: The deliverability handbook
date: 2026-10-20
summary: Twelve pages on the inbox.
status: published
file: handbook.pdf
cover: handbook.svg
---
What is inside.
"""

EVENT = """\
---
title: Partner day
date: 2026-11-02
summary: The yearly day for partners.
lang: nl
status: published
kind: seminar
start: 2027-01-21T10:00:00+01:00
end: 2027-01-21T16:30:00+01:00
timezone: Europe/Amsterdam
venue: Zaal De Kade
city: Amsterdam
country: NL
registration: https://events.example.com/partnerdag
---
Programme.
"""

COVER = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><rect width="9" height="9"/></svg>'
)
PDF = write_pdf("Handbook", blocks_from_text("## One\nText."))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A content tree with the real taxonomies and nothing else."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "taxonomy", root / "taxonomy")
    return root


def problems_in(site: Path, relative: str, text: str) -> list[Problem]:
    write(site / relative, text)
    _, problems = load_content(site)
    return problems


def only(problems: list[Problem]) -> tuple[int, str, str]:
    assert len(problems) == 1, [p.format_text() for p in problems]
    return problems[0].line, problems[0].field, problems[0].message


def add_whitepaper(site: Path, text: str = WHITEPAPER, pdf: bytes = PDF) -> None:
    folder = site / "library" / "whitepapers"
    write(folder / "handbook.md", text)
    (folder / "handbook.pdf").write_bytes(pdf)
    write(folder / "handbook.svg", COVER)


# ---------- library items ----------


def test_valid_article_loads_with_typed_values(site: Path) -> None:
    write(site / "library" / "articles" / "five-questions.md", ARTICLE)
    content, problems = load_content(site)
    assert problems == []
    item = content.library["articles/five-questions"]
    assert (item.type, item.slug, item.date) == ("articles", "five-questions", dt.date(2026, 10, 2))
    assert item.expertise == ("strategy", "consultancy") and item.industries == ("retail",)
    assert (item.reuse, item.status, item.lang, item.author) == (
        "attribution",
        "published",
        "en",
        "Partner team",
    )
    assert "<h2>Why</h2>" in item.body_html and "<script" not in item.body_html
    assert "<code>&lt;script&gt;" in item.body_html
    assert item.body_markdown.startswith("## Why")  # kept as written, for the reuse kit


def test_defaults_and_whitepaper_file_with_its_size(site: Path) -> None:
    add_whitepaper(site)
    content, problems = load_content(site)
    assert problems == []
    paper = content.library["whitepapers/handbook"]
    assert (paper.file, paper.file_bytes, paper.cover) == ("handbook.pdf", len(PDF), "handbook.svg")
    assert (paper.lang, paper.reuse, paper.expertise) == ("en", "attribution", ())


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "message"),
    [
        ("title: Five questions before you migrate\n", "", 2, "title", "required field missing"),
        ("date: 2026-10-02", "date: 02-10-2026", 3, "date", "expected a date written YYYY-MM-DD"),
        ("summary: A migration is the moment to clean up.", "summary: " + "x" * 301, 4, "summary", "is 301 characters; at most 300 allowed"),
        ("lang: en", "lang: de", 5, "lang", "'de' is not a site language"),
        ("status: published", "status: live", 6, "status", "'live' is not draft or published"),
        ("author: Partner team", "author: " + "y" * 101, 7, "author", "at most 100 allowed"),
        ("[strategy, consultancy]", "[strategy, consultanc]", 8, "expertise[1]", "Did you mean 'consultancy'?"),
        ("industries: [retail]", "industries: [retial]", 9, "industries[0]", "Did you mean 'retail'?"),
        ("reuse: attribution", "reuse: public", 10, "reuse", "'public' is not a reuse mode"),
        ("reuse: attribution", "reuse: attribution\ncover: missing.svg", 11, "cover", "file 'missing.svg' not found beside"),
        ("reuse: attribution", "reuse: attribution\nfile: paper.pdf", 11, "file", "unknown field"),
        ("reuse: attribution", "reuse: attribution\ntags: [a]", 11, "tags", "unknown field"),
    ],
)  # fmt: skip
def test_every_library_field_is_checked_on_its_line(
    site: Path, old: str, new: str, line: int, field: str, message: str
) -> None:
    assert old in ARTICLE
    problems = problems_in(site, "library/articles/five-questions.md", ARTICLE.replace(old, new))
    found_line, found_field, found_message = only(problems)
    assert (found_line, found_field) == (line, field)
    assert message in found_message


def test_whitepaper_needs_a_real_pdf_without_scripts(site: Path) -> None:
    add_whitepaper(site, WHITEPAPER.replace("file: handbook.pdf\n", ""))
    (site / "library" / "whitepapers" / "handbook.pdf").unlink()
    field, message = only(load_content(site)[1])[1:]
    assert (field, message) == (
        "file",
        "required field missing (the PDF beside this file, at most 10 MB)",
    )
    add_whitepaper(site, pdf=b"<html>not a pdf</html>")
    assert "not a PDF file" in only(load_content(site)[1])[2]
    action = b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"
    scripted = pdfbuild.classic_pdf([pdfbuild.catalog(action), pdfbuild.PAGES, pdfbuild.PAGE])
    add_whitepaper(site, pdf=scripted)
    line, field, message = only(load_content(site)[1])
    assert (line, field) == (6, "file")
    assert message == "'handbook.pdf': the PDF contains JavaScript; export it without"


def test_cover_is_checked_like_a_logo(site: Path) -> None:
    add_whitepaper(site)
    scripted = COVER.replace("<rect", "<script>x</script><rect")
    write(site / "library" / "whitepapers" / "handbook.svg", scripted)
    line, field, message = only(load_content(site)[1])
    assert (line, field) == (7, "cover") and "<script>" in message


def test_white_label_items_never_name_the_brand(site: Path) -> None:
    text = ARTICLE.replace("reuse: attribution", "reuse: whitelabel").replace(
        "and [a link]", "and Copernica's [a link]"
    )
    problems = problems_in(site, "library/articles/five-questions.md", text)
    assert [(p.line, p.col, p.field) for p in problems] == [(14, 43, "body")]
    assert "mentions Copernica, but reuse is whitelabel" in problems[0].message
    titled = text.replace("Five questions", "Copernica and five questions")
    titled = titled.replace("Copernica's ", "")
    assert only(problems_in(site, "library/articles/five-questions.md", titled))[:2] == (2, "title")


def test_library_text_is_plain_markdown(site: Path) -> None:
    body = "Fine `<code>` and a < b.\n\n```\n<div>in a fence</div>\n```\n<div>raw</div>\n"
    body += "[ok](https://example.com) [bad](javascript:alert(1))\n"
    text = ARTICLE.split("## Why")[0] + body
    problems = problems_in(site, "library/articles/five-questions.md", text)
    assert [(p.line, p.col, p.field) for p in problems] == [(17, 1, "body"), (18, 33, "body")]
    assert problems[0].message.startswith("HTML ('<div>') is not allowed in library items")
    assert "the link 'javascript:alert(1' is not allowed" in problems[1].message


def test_layout_of_the_library_folder(site: Path) -> None:
    write(site / "library" / "article" / "x.md", ARTICLE)
    write(site / "library" / "articles" / "Five Questions.md", ARTICLE)
    write(site / "library" / "articles" / "notes.docx", "x")
    write(site / "library" / "articles" / "unused.pdf", "%PDF-1.4\n%%EOF\n")
    write(site / "library" / "articles" / "no-body.md", ARTICLE.split("## Why")[0])
    write(site / "library" / "articles" / "no-front.md", "Just text\n")
    _, problems = load_content(site)
    found = {(Path(p.path).name, p.message.split(":")[0].split(".")[0]) for p in problems}
    assert found == {
        ("article", "unexpected folder"),
        ("Five Questions.md", "file name 'Five Questions' is not a valid slug"),
        ("notes.docx", "unexpected file"),
        ("unused.pdf", "no item uses this file"),
        ("no-body.md", "the item has no text below the front matter"),
        ("no-front.md", "front matter missing"),
    }
    assert any("Did you mean 'articles'?" in p.message for p in problems)


def test_drafts_are_loaded_and_validated(site: Path) -> None:
    write(site / "library" / "articles" / "draft.md", ARTICLE.replace("published", "draft"))
    content, problems = load_content(site)
    assert problems == [] and content.library["articles/draft"].status == "draft"
    bad = ARTICLE.replace("published", "draft").replace("lang: en", "lang: fr")
    assert only(problems_in(site, "library/articles/draft.md", bad))[1] == "lang"


def test_checking_one_file_or_the_pdf_an_item_uses(site: Path) -> None:
    add_whitepaper(site, WHITEPAPER.replace("2026-10-20", "20-10-2026"))
    write(site / "library" / "articles" / "good.md", ARTICLE)
    folder = site / "library" / "whitepapers"
    _, only_article = load_content(site, [site / "library" / "articles" / "good.md"])
    assert only_article == []
    for wanted in (folder / "handbook.md", folder / "handbook.pdf"):
        content, problems = load_content(site, [wanted])
        assert [p.field for p in problems] == ["date"], wanted
        assert content.library == {}


def test_validator_cli_reports_library_and_event_problems(content_copy: Path) -> None:
    path = content_copy / "events" / "partnerdag-2027.md"
    path.write_text(path.read_text().replace("+01:00\nend", "+02:00\nend"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--content", "content"],
        cwd=content_copy.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/events/partnerdag-2027.md:8:8: start: the offset +02:00 is not the offset of "
        "Europe/Amsterdam on 2027-01-21 (+01:00); write 2027-01-21T10:00:00+01:00"
    ]


# ---------- events ----------


def test_valid_event_keeps_its_local_time_and_zone(site: Path) -> None:
    write(site / "events" / "partnerdag.md", EVENT)
    content, problems = load_content(site)
    assert problems == []
    event = content.events["partnerdag"]
    assert event.start.isoformat() == "2027-01-21T10:00:00+01:00"
    assert event.zone == ZoneInfo("Europe/Amsterdam")
    assert event.local_end.strftime("%H:%M %Z") == "16:30 CET"
    assert (event.kind, event.city, event.country, event.stand_desks) == (
        "seminar",
        "Amsterdam",
        "NL",
        False,
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "message"),
    [
        ("start: 2027-01-21T10:00:00+01:00", "start: 2027-01-21T10:00:00", 8, "start", "has no UTC offset; add the offset"),
        ("start: 2027-01-21T10:00:00+01:00", "start: 2027-01-21", 8, "start", "expected a date and time with its UTC offset"),
        ("end: 2027-01-21T16:30:00+01:00", "end: 2027-01-21T09:00:00+01:00", 9, "end", "is not after start (2027-01-21T10:00:00+01:00)"),
        ("end: 2027-01-21T16:30:00+01:00", "end: 2027-02-21T16:30:00+01:00", 9, "end", "is 31 days after start; check the dates"),
        ("timezone: Europe/Amsterdam", "timezone: Europe/Amsterdm", 10, "timezone", "Did you mean 'Europe/Amsterdam'?"),
        ("kind: seminar", "kind: conference", 7, "kind", "'conference' is not an event kind"),
        ("city: Amsterdam\n", "", 2, "city", "required for a seminar (the city where it takes place); only webinars"),
        ("country: NL", "country: NO", 13, "country", 'YAML reads NO as the boolean false; quote it: "NO"'),
        ("https://events", "http://events", 14, "registration", "uses http; only an https:// address"),
        ("country: NL", "country: NL\nstand_desks: true", 14, "stand_desks", "only fairs have a stand with desks; this is a seminar"),
        ("country: NL", "country: NL\ndesk_booking: https://e.example.com/d", 14, "desk_booking", "set stand_desks: true"),
        ("country: NL", "country: NL\nstand_desks: yes", 14, "stand_desks", "write true or false, not 'yes'"),
        ("status: published", "status: soon", 6, "status", "'soon' is not draft or published"),
        ("venue: Zaal De Kade\n", "", 2, "venue", "required field missing"),
    ],
)  # fmt: skip
def test_every_event_field_and_rule_is_checked(
    site: Path, old: str, new: str, line: int, field: str, message: str
) -> None:
    assert old in EVENT
    problems = problems_in(site, "events/partnerdag.md", EVENT.replace(old, new))
    found_line, found_field, found_message = only(problems)
    assert (found_line, found_field) == (line, field)
    assert message in found_message


def test_the_offset_must_be_the_zones_offset_that_day(site: Path) -> None:
    summer = EVENT.replace("2027-01-21T10:00:00+01:00", "2027-06-10T09:30:00+01:00").replace(
        "2027-01-21T16:30:00+01:00", "2027-06-10T17:00:00+02:00"
    )
    line, field, message = only(problems_in(site, "events/partnerdag.md", summer))
    assert (line, field) == (8, "start")
    assert message == (
        "the offset +01:00 is not the offset of Europe/Amsterdam on 2027-06-10 (+02:00); "
        "write 2027-06-10T09:30:00+02:00"
    )


def test_webinars_need_no_place_and_fairs_may_offer_desks(site: Path) -> None:
    webinar = EVENT.replace("kind: seminar", "kind: webinar").replace("city: Amsterdam\n", "")
    webinar = webinar.replace("country: NL\n", "").replace("Zaal De Kade", "Online")
    fair = EVENT.replace("kind: seminar", "kind: fair").replace(
        "country: NL", "country: NL\nstand_desks: true\ndesk_booking: https://e.example.com/desk"
    )
    write(site / "events" / "webinar.md", webinar)
    write(site / "events" / "fair.md", fair)
    content, problems = load_content(site)
    assert problems == []
    assert content.events["webinar"].city is None
    assert content.events["fair"].stand_desks is True


def test_an_event_without_a_zone_keeps_its_offset(site: Path) -> None:
    write(site / "events" / "x.md", EVENT.replace("timezone: Europe/Amsterdam\n", ""))
    content, problems = load_content(site)
    assert problems == []
    assert content.events["x"].local_start.utcoffset() == dt.timedelta(hours=1)


# ---------- what a build date publishes ----------


def test_drafts_never_and_future_dates_from_their_day(site: Path) -> None:
    write(site / "library" / "articles" / "now.md", ARTICLE)
    write(site / "library" / "articles" / "later.md", ARTICLE.replace("2026-10-02", "2026-12-08"))
    write(site / "library" / "articles" / "draft.md", ARTICLE.replace("published", "draft"))
    write(site / "events" / "e.md", EVENT.replace("2026-11-02", "2026-12-01"))
    content, _ = load_content(site)

    def live(day: dt.date) -> tuple[list[str], list[str]]:
        publication = Publication.of(content, day)
        return [i.slug for i in publication.library], [e.slug for e in publication.events]

    assert live(dt.date(2026, 11, 26)) == (["now"], [])
    assert live(dt.date(2026, 12, 8)) == (["later", "now"], ["e"])
    assert "draft" not in live(dt.date(2099, 1, 1))[0]


def test_upcoming_until_the_end_day_in_the_events_own_zone(site: Path) -> None:
    late = EVENT.replace("timezone: Europe/Amsterdam", "timezone: America/New_York")
    late = late.replace("2027-01-21T10:00:00+01:00", "2027-01-21T20:00:00-05:00")
    late = late.replace("2027-01-21T16:30:00+01:00", "2027-01-21T23:30:00-05:00")
    write(site / "events" / "late.md", late)
    content, problems = load_content(site)
    assert problems == []
    # 23:30 in New York is already the 22nd in UTC; the event is still "today" on the 21st.
    assert [e.slug for e in Publication.of(content, dt.date(2027, 1, 21)).upcoming] == ["late"]
    assert [e.slug for e in Publication.of(content, dt.date(2027, 1, 22)).past] == ["late"]


def test_related_items_share_expertise(site: Path) -> None:
    write(site / "library" / "articles" / "a.md", ARTICLE)
    for slug, expertise in (("b", "[strategy]"), ("c", "[training]")):
        text = ARTICLE.replace("[strategy, consultancy]", expertise)
        write(site / "library" / "articles" / f"{slug}.md", text)
    content, _ = load_content(site)
    publication = Publication.of(content, dt.date(2026, 11, 26))
    assert [i.slug for i in publication.related(content.library["articles/a"])] == ["b"]


def test_build_date_comes_from_the_setting_or_today() -> None:
    assert build_date(parse({"BUILD_DATE": "2026-12-08"})) == dt.date(2026, 12, 8)
    today = dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    assert build_date(parse({"BUILD_DATE": "", "TIMEZONE": "Europe/Amsterdam"})) == today
    with pytest.raises(ValueError, match="expected a date written YYYY-MM-DD"):
        parse({"BUILD_DATE": "tomorrow"})
