"""Every automatic check: what it rejects, what it flags, and what it leaves alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_helpers import KEY, fresh_content, submission

from copernica_directory.model import load_content
from copernica_directory.model.review_settings import CHECK_IDS, CHECK_OUTCOMES, REVIEW_SETTINGS
from copernica_directory.reviews.checks import text_checks
from copernica_directory.reviews.importer import import_submissions
from copernica_directory.reviews.privacy import keys_from_env, organisation_domains
from copernica_directory.reviews.text import clean_text, guess_language

KEYS = keys_from_env({"REVIEW_HASH_KEY": KEY})


def flags(*texts: str) -> dict[str, str]:
    return {c.check: c.detail for c in text_checks(*texts)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_content(tmp_path_factory.mktemp("checks"))


def assess(site: Path, *items: dict) -> list:
    """Import `items` into a fresh reviews folder; the reviews, oldest first."""
    reviews = site / "reviews"
    if reviews.exists():
        import shutil

        shutil.rmtree(reviews)
    import_submissions(site, list(items), KEYS, durable=False)
    content, problems = load_content(site)
    assert problems == [], [p.format_text() for p in problems]
    return sorted(content.reviews.values(), key=lambda r: (r.submitted, r.id))


KEPT = "allowed (the first {0} are stored; all of it stays in Netlify's submissions)"
C_KEPT = KEPT.format(100)


def checks_of(review) -> dict[str, tuple[str, str]]:
    return {c.check: (c.outcome, c.detail) for c in review.checks}


# ---------- text checks ----------


@pytest.mark.parametrize(
    "text",
    [
        "see https://example.com/offer",
        "visit www.cheap-stuff.example today",
        "go to bestdeals.com now",
        "our site is shop.example.nl/sale",
    ],
)
def test_links_are_flagged(text: str) -> None:
    assert "links" in flags("Title", text)


def test_text_without_links_is_not_flagged() -> None:
    found = flags("Good work", "e.g. they fixed it in 2.5 days, i.e. fast. Version 3.0 works.")
    assert found == {}


def test_removed_personal_data_is_not_a_link() -> None:
    # Personal data is removed before these checks (tests/test_review_personal_data.py).
    assert flags("Call us", "Mail [email removed] or call [phone removed].") == {}


@pytest.mark.parametrize(
    "text",
    [
        "What a fucking mess",
        "This is bullshit",
        "Total crap service",
        "Wat een kutbedrijf",
        "Klote service",
        "Die klootzakken nemen nooit op",
        "Godverdomme, weer te laat",
    ],
)
def test_profanity_in_english_and_dutch(text: str) -> None:
    assert "profanity" in flags("Review", text)


@pytest.mark.parametrize(
    "text",
    [
        "We love Dickens and the Scunthorpe office",
        "Ons kantoor in Assen, een klassiek pand",
        "Support for our cancer charity (kanker) campaign",
        "They passed every class with distinction",
    ],
)
def test_no_profanity_false_positives(text: str) -> None:
    assert "profanity" not in flags("Review", text)


def test_shouting_caps_and_repeats() -> None:
    caps = flags("TERRIBLE", "THEY NEVER ANSWER THE PHONE AT ALL")
    assert caps["shouting"].endswith("% capital letters")
    repeats = flags("Great", "Sooooo good!!!!!")
    assert repeats["shouting"] == "repeated characters: ooooo, !!!!!"
    assert "shouting" not in flags("API", "We use the CRM API and SMTP. Good team.")
    assert "shouting" not in flags("Good", "Saved 10000 euro")


def test_markup_is_flagged() -> None:
    found = flags("<b>Hi</b>", "<script>alert(1)</script> a < b > c")
    assert found["markup"] == "HTML tags <b>, <script>; they are shown as typed, as text"
    assert "markup" not in flags("Maths", "a < b and c > d")


# ---------- submission checks, through the import ----------


def test_a_clean_submission_has_no_findings(site: Path) -> None:
    (review,) = assess(site, submission())
    assert (review.status, review.checks, review.verification) == ("pending", (), "unverified")


@pytest.mark.parametrize(
    ("fields", "check", "detail"),
    [
        ({"bot-field": "x"}, "honeypot", "the hidden field that only robots fill in was filled in"),
        ({"partner": "nope"}, "unknown_partner", "no partner 'nope'"),
        ({"partner": ""}, "unknown_partner", "no partner given"),
        ({"consent": None}, "consent", "the reviewer did not agree to publication"),
        ({"rating": "0"}, "rating", "'0' is not a whole number from 1 to 5"),
        ({"rating": "4.5"}, "rating", "'4.5' is not a whole number from 1 to 5"),
        ({"rating": None}, "rating", "no rating; expected a whole number from 1 to 5"),
        ({"title": "  "}, "title", "the title is empty"),
        (
            {"title": "x" * 121},
            "title",
            "the title is 121 characters; at most 120 " + KEPT.format(120),
        ),
        ({"body": ""}, "text", "the text is empty"),
        (
            {"body": "x" * 4001},
            "text",
            "the text is 4,001 characters; at most 4,000 " + KEPT.format("4,000"),
        ),
        ({"name": ""}, "author", "the name is empty"),
        ({"company": "c" * 101}, "author", f"the company is 101 characters; at most 100 {C_KEPT}"),
        ({"email": None}, "email", "no email address"),
        ({"email": "not-an-address"}, "email", "not a valid email address"),
    ],
)
def test_rejecting_checks(site: Path, fields: dict, check: str, detail: str) -> None:
    (review,) = assess(site, submission(**fields))
    assert review.status == "rejected"
    assert checks_of(review)[check] == ("reject", detail)
    assert review.moderation and review.moderation.reason == detail
    assert review.moderation.at == review.submitted  # decided as of the submission


def test_flags_leave_the_review_pending(site: Path) -> None:
    (review,) = assess(site, submission(body="Great, see www.example.com!!!!!"))
    assert review.status == "pending"
    assert set(checks_of(review)) == {"links", "shouting"}
    assert all(outcome == "flag" for outcome, _ in checks_of(review).values())


def test_same_address_same_partner_twice(site: Path) -> None:
    first = submission(created="2026-05-01T10:00:00Z", email="Jan@Example.org")
    other_partner = submission(
        created="2026-05-10T10:00:00Z", email="jan@example.org", partner="grachtwerk"
    )
    again = submission(created="2026-06-01T10:00:00Z", email=" jan@example.ORG ")
    reviews = assess(site, again, other_partner, first)  # any order in the export
    assert [checks_of(r).get("repeat_reviewer") for r in reviews] == [
        None,
        None,
        (
            "flag",
            f"this address reviewed this partner before (review {reviews[0].id}, "
            "2026-05-01, pending)",
        ),
    ]


def test_rate_limit(site: Path) -> None:
    limit, hours = REVIEW_SETTINGS.rate_limit_count, REVIEW_SETTINGS.rate_limit_hours
    partners = ["maasmail", "grachtwerk", "fjordvarsel", "datadijk", "isarpost"]
    burst = [
        submission(created=f"2026-05-01T{10 + i:02d}:00:00Z", email="busy@example.org", partner=p)
        for i, p in enumerate(partners)
    ]
    later = submission(
        created="2026-05-03T10:00:00Z", email="busy@example.org", partner="kempen-crm"
    )
    reviews = assess(site, *burst, later)
    limited = [checks_of(r).get("rate_limit") for r in reviews]
    assert limited[:limit] == [None] * limit
    assert limited[limit] == (
        "flag",
        f"review number {limit + 1} from this address within {hours} hours",
    )
    assert limited[limit + 1] is not None
    assert limited[-1] is None  # two days later the window has passed


def test_partners_own_domain(site: Path) -> None:
    own_site = submission(partner="maasmail", email="dev@maasmail.example")
    own_sub = submission(partner="maasmail", email="jan@mail.maasmail.example")
    own_contact = submission(partner="grachtwerk", email="x@grachtwerk.example.com")
    customer = submission(partner="maasmail", email="jan@maasmail-customer.example")
    reviews = assess(site, own_site, own_sub, own_contact, customer)
    found = [checks_of(r).get("own_domain") for r in reviews]
    assert found[0] == ("flag", "the address is at maasmail.example, the partner's own domain")
    assert found[1] is not None and found[2] is not None
    assert found[3] is None


def test_free_mail_contact_addresses_are_not_a_partners_domain() -> None:
    domains = organisation_domains("https://www.acme.example/", "acme.team@gmail.com")
    assert domains == frozenset({"acme.example"})


def test_every_check_is_in_the_settings_table() -> None:
    # The "How we check reviews" page lists CHECK_IDS; each is implemented with its outcome.
    assert set(CHECK_OUTCOMES) == set(CHECK_IDS)
    assert {c for c, o in CHECK_OUTCOMES.items() if o == "reject"} == {
        "honeypot",
        "unknown_partner",
        "consent",
        "rating",
        "title",
        "text",
        "author",
        "email",
        "oversized",
    }


# ---------- cleaning and language ----------


def test_clean_text() -> None:
    assert clean_text("  a\tb \u202eevil\u202c\x00 c  ") == "a b evil c"
    assert clean_text("one  \r\n\r\n\r\n\r\ntwo\u2028three", multiline=True) == "one\n\ntwo\nthree"
    assert clean_text("👩\u200d💻 e\u0301") == "👩\u200d💻 é"  # ZWJ kept, NFC


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wij zijn zeer tevreden over het team en de trainingen.", "nl"),
        ("We are very happy with the team and the training.", "en"),
        ("Wir sind sehr zufrieden mit dem Team und der Schulung, das war gut.", "de"),
        ("Top!", "en"),
    ],
)
def test_language_guess(text: str, lang: str) -> None:
    assert guess_language(text, "en") == lang
