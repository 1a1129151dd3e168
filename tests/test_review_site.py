"""Reviews on the built site (real Pelican builds): only approved ones, everywhere, safely."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, run_pelican, write
from htmlscan import Page, parse

from copernica_directory.model import load_content
from copernica_directory.model.review_settings import CHECKS, REVIEW_SETTINGS

S = REVIEW_SETTINGS
# Every field the import reads from a submission (reviews.importer.assess).
IMPORTED_FIELDS = {
    "partner",
    "rating",
    "title",
    "body",
    "name",
    "company",
    "email",
    "consent",
    "invite",
    "lang",
    S.honeypot_field,
}


def sample():
    content, problems = load_content(CONTENT)
    assert problems == []
    return content


def json_ld(page: Page) -> dict:
    (block,) = [s for s in page.scripts if s.attrs.get("type") == "application/ld+json"]
    return json.loads(block.text)


def review_ids(page: Page) -> list[str]:
    return [
        e.attrs["id"].removeprefix("review-")
        for e in page.elements
        if e.tag == "article" and "review" in e.attrs.get("class", "").split()
    ]


def test_only_approved_reviews_are_published(built_site: Path) -> None:
    content = sample()
    published = {r.id for r in content.reviews.values() if r.status == "approved"}
    hidden = {r.id for r in content.reviews.values() if r.status != "approved"}
    assert published and hidden
    output = "\n".join(
        p.read_text(encoding="utf-8")
        for p in built_site.rglob("*")
        if p.suffix in (".html", ".json", ".xml") and p.is_file()
    )
    for review_id in hidden:
        assert review_id not in output, review_id
        title = content.reviews[review_id].title or ""
        assert title not in output, title
    for partner in content.partners.values():
        page = parse(built_site / "partners" / partner.slug / "index.html")
        expected = [r.id for r in content.reviews_of(partner.slug)]
        assert review_ids(page) == expected  # newest first
        assert expected == [
            r.id
            for r in sorted(
                (r for r in content.reviews.values() if r.published and r.partner == partner.slug),
                key=lambda r: r.submitted,
                reverse=True,
            )
        ]


def test_a_profile_shows_reviews_replies_and_labels(built_site: Path) -> None:
    content = sample()
    partner = content.partners["fjordvarsel"]
    html = (built_site / "partners" / "fjordvarsel" / "index.html").read_text(encoding="utf-8")
    page = parse(built_site / "partners" / "fjordvarsel" / "index.html")
    replied = next(r for r in content.reviews_of(partner.slug) if r.response)
    assert replied.response and replied.response.body in page.text
    assert f"Reply from {partner.name}" in page.text
    unverified = [r for r in content.reviews_of(partner.slug) if not r.verified]
    assert unverified
    assert page.text.count("Unverified") == len(unverified)
    assert page.text.count("Verified customer") == len(content.reviews_of(partner.slug)) - len(
        unverified
    )
    two_paragraphs = next(r for r in content.reviews_of(partner.slug) if len(r.paragraphs) == 2)
    article = html.split(f'id="review-{two_paragraphs.id}"')[1].split("</article>")[0]
    body = article.split('class="review__body"')[1].split("</div>")[0]
    assert re.findall(r"<p>(.*?)</p>", body, re.S) == two_paragraphs.paragraphs
    assert f"{content.rating_of(partner.slug).average:.1f}" in page.text  # type: ignore[union-attr]


def test_chart_only_from_three_verified_reviews(built_site: Path) -> None:
    content = sample()
    seen = set()
    for partner in content.partners.values():
        page = parse(built_site / "partners" / partner.slug / "index.html")
        chart = page.find("table", class_="rating-chart")
        summary = page.find("div", class_="rating-summary")
        rating = content.rating_of(partner.slug)
        if rating and rating.count >= S.min_verified_for_chart:
            assert chart and summary, partner.slug
            seen.add("chart")
        elif rating:
            assert summary and not chart, partner.slug
            seen.add("summary only")
        else:
            assert not summary and not chart, partner.slug
            seen.add("none")
    assert seen == {"chart", "summary only", "none"}


def test_json_ld_aggregate_rating_and_reviews(built_site: Path) -> None:
    content = sample()
    for partner in content.partners.values():
        data = json_ld(parse(built_site / "partners" / partner.slug / "index.html"))
        assert data["@type"] == "Organization"
        rating = content.rating_of(partner.slug)
        if rating is None:
            assert "aggregateRating" not in data and "review" not in data
            continue
        assert data["aggregateRating"] == {
            "@type": "AggregateRating",
            "ratingValue": rating.average,
            "ratingCount": rating.count,
            "reviewCount": rating.count,
            "bestRating": 5,
            "worstRating": 1,
        }
        verified = [r for r in content.reviews_of(partner.slug) if r.verified]
        assert [r["name"] for r in data["review"]] == [r.title for r in verified]
        assert all(
            r["@type"] == "Review" and r["author"]["@type"] == "Person" for r in data["review"]
        )
        assert {r["reviewRating"]["ratingValue"] for r in data["review"]} <= {1, 2, 3, 4, 5}


def test_api_carries_rating_and_approved_reviews(built_site: Path) -> None:
    content = sample()
    data = json.loads((built_site / "api" / "partners.json").read_text(encoding="utf-8"))
    for item in data["partners"]:
        partner = content.partners[item["slug"]]
        rating = content.rating_of(partner.slug)
        assert item["rating"] == (
            {"average": rating.average, "count": rating.count} if rating else None
        )
        assert [r["id"] for r in item["reviews"]] == [
            r.id for r in content.reviews_of(partner.slug)
        ]
        for published in item["reviews"]:
            assert set(published) == {
                "id",
                "url",
                "rating",
                "title",
                "body",
                "author",
                "submitted",
                "lang",
                "verified",
                "response",
            }


def test_directory_and_cards_show_average_and_count(built_site: Path) -> None:
    content = sample()
    rated = [p for p in content.partners.values() if content.rating_of(p.slug)]
    directory = (built_site / "partners" / "index.html").read_text(encoding="utf-8")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for partner in rated:
        rating = content.rating_of(partner.slug)
        assert rating is not None
        row = directory.split(f'href="/partners/{partner.slug}/"')[1].split("</tr>")[0]
        assert f'rating-badge__value">{rating.average:.1f}<' in row
        assert f"({rating.count})" in row
    assert "rating-badge" in home or not any(f'href="/partners/{p.slug}/"' in home for p in rated)
    # No rating is said in words, not left out (a blank reads as "bad" or as "not rated yet").
    unrated = next(p for p in content.partners.values() if not content.rating_of(p.slug))
    row = directory.split(f'href="/partners/{unrated.slug}/"')[1].split("</tr>")[0]
    assert "rating-badge__value" not in row and "No verified reviews yet" in row


def test_the_review_form(built_site: Path) -> None:
    page = parse(built_site / "partners" / "maasmail" / "index.html")
    (form,) = page.find("form", name=S.form_name)
    assert form.attrs["method"] == "POST"
    assert form.attrs["data-netlify"] == "true"
    assert form.attrs["netlify-honeypot"] == S.honeypot_field
    assert form.attrs["action"] == f"/{S.thanks_url}"
    start = page.elements.index(form)
    end = next(i for i, e in enumerate(page.elements[start + 1 :], start + 1) if e.tag == "button")
    fields = [e for e in page.elements[start:end] if e.tag in ("input", "textarea")]
    by_name: dict[str, list] = {}
    for element in fields:
        by_name.setdefault(element.attrs["name"], []).append(element)
    assert set(by_name) == IMPORTED_FIELDS | {"form-name"}
    hidden = {
        n: e[0].attrs.get("value") for n, e in by_name.items() if e[0].attrs.get("type") == "hidden"
    }
    assert hidden == {"form-name": S.form_name, "partner": "maasmail", "lang": "en", "invite": ""}

    labels = {e.attrs["for"] for e in page.elements if e.tag == "label" and "for" in e.attrs}
    for element in fields:
        if element.attrs.get("type") != "hidden":
            assert element.attrs.get("id") in labels, element

    radios = by_name["rating"]
    assert [r.attrs["value"] for r in radios] == ["5", "4", "3", "2", "1"]
    assert all(r.attrs["type"] == "radio" and "required" in r.attrs for r in radios)
    legends = [e for e in page.elements[start:end] if e.tag in ("fieldset", "legend")]
    assert [e.tag for e in legends] == ["fieldset", "legend"]
    for name in ("title", "body", "name", "email", "consent"):
        assert "required" in by_name[name][0].attrs, name
    assert "required" not in by_name["company"][0].attrs
    email = by_name["email"][0]
    assert (email.attrs["type"], email.attrs["autocomplete"]) == ("email", "email")
    assert by_name["name"][0].attrs["autocomplete"] == "name"
    assert by_name["company"][0].attrs["autocomplete"] == "organization"
    assert by_name["consent"][0].attrs["type"] == "checkbox"
    assert by_name["title"][0].attrs["maxlength"] == str(S.title_max)
    assert by_name["body"][0].attrs["maxlength"] == str(S.body_max)

    trap = by_name[S.honeypot_field][0]
    assert trap.attrs["tabindex"] == "-1" and trap.attrs["autocomplete"] == "off"
    container = page.elements[page.elements.index(trap) - 2]
    assert container.attrs["class"] == "review-form__trap"
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert re.search(r"\.review-form__trap \{\s*display: none !important;", css)
    for path in built_site.rglob("*.html"):
        assert not [e for e in parse(path).elements if "style" in e.attrs], path
    assert list((built_site / "assets" / "js").glob("reviews.*.js"))


def test_thank_you_and_policy_pages(built_site: Path) -> None:
    thanks = parse(built_site / S.thanks_url / "index.html")
    assert "awaits moderation" in thanks.text
    assert thanks.find("meta", name="robots", content="noindex")
    policy = parse(built_site / S.policy_url / "index.html")
    for number in (
        S.min_verified_for_chart,
        S.rate_limit_count,
        S.rate_limit_hours,
        S.invite_days,
        S.body_max,
        S.title_max,
        S.repeat_run,
        round(100 * S.caps_ratio),
    ):
        assert str(number) in policy.text, number
    items = [e for e in policy.elements if e.tag == "li"]
    assert len(items) >= len(CHECKS)
    assert "newest first" in policy.text and "verified" in policy.text
    # Personal data is removed before a review is stored, and the page says so in both languages.
    assert "this personal data is removed before the review is stored" in policy.text
    assert "[email removed]" in policy.text and "[account number removed]" in policy.text
    assert "except that personal data" in policy.text
    dutch = parse(built_site / "nl" / S.policy_url / "index.html")
    assert "deze persoonsgegevens verwijderen we voordat de beoordeling wordt opgeslagen" in (
        dutch.text
    )
    profile = parse(built_site / "partners" / "maasmail" / "index.html")
    assert f"/{S.policy_url}" in profile.hrefs()


# ---------- a build with hostile review text and a chart boundary ----------

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> **bold** [x](javascript:alert(3))"


def review_yaml(review_id: str, partner: str, day: int, **over: str) -> str:
    values = {
        "status": "approved",
        "verification": "invited",
        "rating": "4",
        "title": "Fine",
        "body": "Fine work.",
        "name": "Ann",
    }
    values.update(over)
    invited = values["verification"] == "invited"
    invite = f"invite: {review_id:f<32}\n" if invited else ""  # a distinct hex id per review
    body = "\n".join("  " + line for line in values["body"].split("\n"))
    return (
        f"id: {review_id}\npartner: {partner}\nstatus: {values['status']}\n"
        f"verification: {values['verification']}\nrating: {values['rating']}\n"
        f"title: {json.dumps(values['title'])}\nbody: |-\n{body}\n"
        f"author:\n  name: {json.dumps(values['name'])}\n  company: {json.dumps(HOSTILE[:100])}\n"
        f"email_hash: {'a' * 64}\nsubmitted: 2026-05-{day:02d}T10:00:00Z\nlang: en\n{invite}"
        "moderation:\n  by: Eva\n  at: 2026-06-30T10:00:00Z\n"
        + (
            f"response:\n  body: {json.dumps(values['reply'])}\n  at: 2026-07-01T10:00:00Z\n"
            if "reply" in values
            else ""
        )
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(CONTENT / "taxonomy", content / "taxonomy")
    for slug in ("maasmail", "grachtwerk"):
        shutil.copytree(CONTENT / "partners" / slug, content / "partners" / slug)
    reviews = content / "reviews"
    # maasmail: exactly three verified reviews, one hostile, with a hostile reply.
    write(
        reviews / "maasmail" / "a1.yaml",
        review_yaml(
            "a1",
            "maasmail",
            1,
            title=HOSTILE[:120],
            body=f"First paragraph {HOSTILE}\nsame paragraph, new line\n\nSecond </p><p> paragraph",
            name="<b>Eve</b>",
            reply=f"Reply {HOSTILE}",
        ),
    )
    write(reviews / "maasmail" / "a2.yaml", review_yaml("a2", "maasmail", 2, rating="5"))
    write(reviews / "maasmail" / "a3.yaml", review_yaml("a3", "maasmail", 3, rating="3"))
    write(
        reviews / "maasmail" / "a4.yaml",
        review_yaml("a4", "maasmail", 4, status="pending", title="Pending secret").replace(
            "moderation:\n  by: Eva\n  at: 2026-06-30T10:00:00Z\n", ""
        ),
    )
    # grachtwerk: two verified and three unverified: no chart, the rating counts two.
    for index, verification in enumerate(["invited", "invited", *["unverified"] * 3], start=1):
        review_id = f"b{index}"
        write(
            reviews / "grachtwerk" / f"{review_id}.yaml",
            review_yaml(review_id, "grachtwerk", index, verification=verification, rating="2"),
        )
    output = root / "output"
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_review_text_is_escaped_plain_text(hostile_site: Path) -> None:
    path = hostile_site / "partners" / "maasmail" / "index.html"
    html = path.read_text(encoding="utf-8")
    page = parse(path)
    for script in page.scripts:
        assert script.attrs.get("type") == "application/ld+json" or not script.text.strip()
    section = Page()
    section.feed(html.split('id="reviews"')[1].split('id="review"')[0])
    for element in section.elements:
        assert not [a for a in element.attrs if a.startswith("on")], element
        assert not element.attrs.get("href", "").startswith("javascript:"), element
        assert element.tag not in ("img", "strong", "b", "script"), element
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "**bold**" in page.text  # never rendered as Markdown
    assert "[x](javascript:alert(3))" in page.text
    assert "<b>Eve</b>" in page.text
    body = html.split('id="review-a1"')[1].split('class="review__body"')[1].split("</div>")[0]
    paragraphs = re.findall(r"<p>(.*?)</p>", body, re.S)
    assert len(paragraphs) == 2
    assert "\nsame paragraph, new line" in paragraphs[0]  # the line break stays (pre-line)
    assert paragraphs[1] == "Second &lt;/p&gt;&lt;p&gt; paragraph"
    assert "Pending secret" not in html


def test_json_ld_keeps_hostile_text_inside(hostile_site: Path) -> None:
    path = hostile_site / "partners" / "maasmail" / "index.html"
    page = parse(path)
    (block,) = [s for s in page.scripts if s.attrs.get("type") == "application/ld+json"]
    assert not re.search(r"</script|<!--", block.text, re.I)
    data = json.loads(block.text)
    assert data["aggregateRating"]["ratingCount"] == 3
    hostile = next(r for r in data["review"] if r["name"].startswith("<script>"))
    assert hostile["author"]["name"] == "<b>Eve</b>"
    api = json.loads((hostile_site / "api" / "partners.json").read_text(encoding="utf-8"))
    maasmail = next(p for p in api["partners"] if p["slug"] == "maasmail")
    assert maasmail["reviews"][-1]["title"].startswith("<script>")
    assert [r["id"] for r in maasmail["reviews"]] == ["a3", "a2", "a1"]


def test_chart_threshold_counts_verified_reviews_only(hostile_site: Path) -> None:
    three = parse(hostile_site / "partners" / "maasmail" / "index.html")
    assert three.find("table", class_="rating-chart")
    assert "based on 3 verified reviews" in three.text
    two = parse(hostile_site / "partners" / "grachtwerk" / "index.html")
    assert not two.find("table", class_="rating-chart")
    assert "based on 2 verified reviews" in two.text
    assert len(review_ids(two)) == 5 and two.text.count("Unverified") == 3


def test_review_texts_exist_in_both_languages() -> None:
    from copernica_directory.site.i18n import TABLE_FILE, Translations

    table = Translations.load(ROOT / "theme" / TABLE_FILE)
    keys = [key for key in table.table if key.startswith("review_")]
    # Keys the templates build from data: one per check, one per star rating.
    needed = {f"review_check_{c.id}" for c in CHECKS} | {
        f"review_form_rating_{n}" for n in range(S.rating_min, S.rating_max + 1)
    }
    assert needed <= set(keys)
    assert [k for k in keys if set(table.table[k].values) != {"en", "nl"}] == []
    values = S.placeholders()
    for key in keys:  # every placeholder is one the templates fill in
        for lang in ("en", "nl"):
            table.get(
                key,
                lang,
                **values,
                name="x",
                count=1,
                max=5,
                average="4.5",
                rating=4,
                share=50,
                # the rating order's figures (review_policy.html)
                prior="4.4",
                weight=5,
                min=1,
                one_perfect="4.5",
                good="4.7",
                many_good="4.6",
            )
