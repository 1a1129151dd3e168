"""Nothing of unbounded size is stored: every field of a submission is read up to a bound, an
overlong one is rejected and cut, and the reason says how long it was and where it stays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from review_helpers import KEY, fresh_content, run, submission

from copernica_directory.model import load_content
from copernica_directory.model.review_settings import REVIEW_SETTINGS
from copernica_directory.reviews.importer import import_submissions
from copernica_directory.reviews.netlify import parse_submissions
from copernica_directory.reviews.privacy import keys_from_env

KEYS = keys_from_env({"REVIEW_HASH_KEY": KEY})
S = REVIEW_SETTINGS
KEPT = "stays in Netlify's submissions"


def only_review(content: Path):
    loaded, problems = load_content(content)
    assert problems == [], [p.format_text() for p in problems]
    (review,) = loaded.reviews.values()
    return review


def test_a_200000_character_body_is_rejected_and_cut(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    body = "Lorem ipsum dolor sit amet. " * 7143  # 200,004 characters
    items = [submission(body=body.strip())]
    result = run(content.parent, "import", "-", stdin=json.dumps(items))
    assert result.returncode == 0, result.stderr
    assert "1 rejected automatically" in result.stdout
    review = only_review(content)
    assert review.status == "rejected"
    (detail,) = [c.detail for c in review.checks if c.check == "text"]
    assert detail == (
        "the text is 200,003 characters; at most 4,000 allowed (the first 4,000 are stored; "
        f"all of it {KEPT})"
    )
    assert len(review.body or "") == S.body_max and body.startswith(review.body[:-1])
    assert Path(review.source).stat().st_size < 6 * S.body_max


@pytest.mark.parametrize(
    ("field", "check", "limit"),
    [
        ("title", "title", S.title_max),
        ("name", "author", S.name_max),
        ("company", "author", S.company_max),
    ],
)
def test_every_text_field_is_bounded_even_far_beyond_the_read_limit(
    tmp_path: Path, field: str, check: str, limit: int
) -> None:
    content = fresh_content(tmp_path)
    huge = "x" * 1_000_000
    import_submissions(content, [submission(**{field: huge})], KEYS, durable=False)
    review = only_review(content)
    stored = {"title": review.title, "name": review.author.name, "company": review.author.company}
    assert review.status == "rejected" and len(stored[field] or "") == limit
    details = [c.detail for c in review.checks if c.check == check]
    assert f"the {field} is 1,000,000 characters; at most {limit}" in details[0]


def test_fields_the_form_does_not_have_are_bounded_and_never_stored(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    extra = "EXTRA" + "y" * 60_000
    item = submission(notes=extra, email="a" * 50_000 + "@example.org", partner="p" * 30_000)
    item["data"]["lang"] = "z" * 25_000
    import_submissions(content, [item], KEYS, durable=False)
    review = only_review(content)
    assert review.status == "rejected"
    (oversized,) = [c.detail for c in review.checks if c.check == "oversized"]
    assert oversized == (
        f"fields longer than {S.field_read_max:,} characters: 'email' (50,012), 'lang' (25,000), "
        f"'notes' (60,005) and 1 more (not stored; they {KEPT.replace('stays', 'stay')})"
    )
    text = Path(review.source).read_text(encoding="utf-8")
    assert "EXTRA" not in text and "yyyy" not in text and "aaaa" not in text
    assert len(text) < 3_000


def test_reading_cuts_every_field_and_remembers_its_length() -> None:
    item = submission(body="b" * 30_000, notes="n" * 5)
    item["data"]["list"] = ["v" * 15_000, "w" * 15_000]
    (sub,), problems = parse_submissions([item], read_max=20_000)
    assert problems == []
    assert {k: len(v) for k, v in sub.fields.items() if len(v) > 100} == {
        "body": 20_000,
        "list": 20_000,
    }
    assert sub.cut == {"body": 30_000, "list": 30_002}
    assert (sub.length("body"), sub.length("notes"), sub.length("missing")) == (30_000, 5, 0)
