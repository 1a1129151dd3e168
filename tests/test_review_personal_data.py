"""Personal data never reaches git or the site: found, removed at import, refused in approved
reviews, and confirmed by a moderator before a flagged review is published."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import write
from review_helpers import KEY, fresh_content, run, submission

from copernica_directory.model import load_content
from copernica_directory.model.personal_data import BASE_REGIONS, find, phone_regions, redact
from copernica_directory.reviews.importer import import_submissions
from copernica_directory.reviews.privacy import keys_from_env

KEYS = keys_from_env({"REVIEW_HASH_KEY": KEY})
EMAIL, PHONE, IBAN = "[email removed]", "[phone removed]", "[account number removed]"


def redacted(text: str, *langs: str, countries: tuple[str, ...] = ()) -> str:
    return redact(text, phone_regions(langs or ("en",), countries))[0]


# ---------- the detectors ----------


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",  # Dutch mobile, as people write it
        "06 1234 5678",
        "+31 6 1234 5678",
        "+31612345678",
        "+31 20 789 1234",
        "+31 (0)20 789 1234",
        "020 789 1234",
        "(020) 789 1234",
        "020-7891234",
        "0031 20 789 1234",
        "0031 6 12345678",
        "+44 20 7946 0958",  # UK
        "020 7946 0958",
        "07911 123456",
        "+49 30 12345678",  # German
        "030 12345678",
        "0176 12345678",
        "+32 2 555 12 12",  # Belgian
    ],
)
def test_phone_numbers_are_removed(number: str) -> None:
    assert redacted(f"Call me on {number} any time.") == f"Call me on {PHONE} any time."


def test_national_numbers_are_read_for_the_language_and_the_partners_country() -> None:
    norwegian = "Ring 22 33 44 55 i morgen"  # a national number in Oslo, no country code
    assert redacted(norwegian) == norwegian
    assert redacted(norwegian, countries=("NO",)) == f"Ring {PHONE} i morgen"
    french = "Appelez le 01 42 68 53 00 demain"
    assert redacted(french, "fr") == f"Appelez le {PHONE} demain"
    assert phone_regions(["fr", "xx", None], ["no", "NL"])[:2] == ("FR", "NO")


@pytest.mark.parametrize(
    "text",
    [
        "From 2019-2021 we grew, and in 2022-2023 again",
        "We saved 1.000.000 euro, or € 1.250.000,00 with VAT",
        "Order 4500123456 arrived; ordernr. 2026-000123 did too",
        "Invoice 20260312, ticket #123456789, PO 3100012345",
        "Started 12-03-2026, live on 2026-03-12, reviewed 12.03.2026",
        "KvK 12345678, BTW NL123456789B01, postcode 1012 AB",
        "Version 10.2.3.4567 of the API, ISBN 978-3-16-148410-0",
        "Top 10, 24/7 support, 3 x 4 campaigns, 99.9% uptime",
        "Our office is at Keizersgracht 123, 1015 CJ Amsterdam",
    ],
)
def test_numbers_that_are_not_phone_numbers_stay(text: str) -> None:
    assert redacted(text, "en", "nl", countries=("NL", "DE", "NO")) == text


@pytest.mark.parametrize(
    "address",
    [
        "jan.jansen@example.nl",
        "a+b@sub.mail.example.co.uk",
        "Zoë@bølgen.no",
        "jan＠example.nl",  # a full-width at sign
        "jan @ example.nl",
        "jan(at)example.nl",
        "jan [at] example [dot] nl",
        "jan (at) example (dot) co (dot) uk",
        "jan at example dot com",
        "Jan AT Example DOT Com",
        "jan apenstaartje voorbeeld punt nl",
    ],
)
def test_email_addresses_and_obfuscations_are_removed(address: str) -> None:
    assert redacted(f"Mail {address}, please.") == f"Mail {EMAIL}, please."


@pytest.mark.parametrize(
    "text",
    [
        "We met at the office and looked at it dot by dot",
        "Ask @jan on the forum, or user@localhost",
        "a @ b is no address, nor is 5 @ 10 euro",
    ],
)
def test_text_that_is_no_email_address_stays(text: str) -> None:
    assert redacted(text) == text


@pytest.mark.parametrize(
    "iban",
    [
        "NL91 ABNA 0417 1643 00",
        "NL91ABNA0417164300",
        "nl91 abna 0417 1643 00",  # lower case
        "DE89 3704 0044 0532 0130 00",  # German
        "de89370400440532013000",
        "DE89-3704-0044-0532-0130-00",
        "BE68 5390 0754 7034",
        "GB82 WEST 1234 5698 7654 32",
    ],
)
def test_ibans_are_removed(iban: str) -> None:
    assert redacted(f"Pay to {iban}, thanks") == f"Pay to {IBAN}, thanks"


def test_an_iban_with_a_wrong_checksum_is_not_an_account_number() -> None:
    text = "Reference NL91ABNA0417164301, NL91 ABNA 0417 (too short), DE00 1234 5678 9012 3456 78"
    assert find(text) == []


def test_redaction_counts_and_is_stable() -> None:
    text = "Mail a@x.nl or b@y.de, call 06-12345678, pay NL91ABNA0417164300."
    once, counts = redact(text, BASE_REGIONS)
    assert once == f"Mail {EMAIL} or {EMAIL}, call {PHONE}, pay {IBAN}."
    assert dict(counts) == {"email": 2, "phone": 1, "iban": 1}
    assert redact(once, BASE_REGIONS) == (once, {})


# ---------- the import ----------

BODY = (
    "Great help from Sanne. Mail me at piet.de.vries@klant.example or call 06-12345678,\n"
    "or +49 30 12345678 in Berlin. Refund to NL91 ABNA 0417 1643 00 please."
)
SECRETS = (
    "piet.de.vries@klant.example",
    "piet.de.vries",
    "12345678",
    "NL91",
    "0417 1643",
    "ABNA",
    "sanne.boss@example.org",
    "+44 20 7946 0958",
    "7946 0958",
    "jan@privé.example",
)


def hostile() -> dict:
    return submission(
        sub_id="00000000000000000000pd01",
        partner="maasmail",
        title="Call +44 20 7946 0958 for details",
        body=BODY,
        name="sanne.boss@example.org",
        company="06-12345678",
    )


def every_file(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_import_removes_personal_data_from_every_field(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    import_submissions(content, [hostile()], KEYS, durable=False)
    loaded, problems = load_content(content)
    assert problems == []
    (review,) = loaded.reviews.values()
    assert review.status == "pending"
    assert review.title == f"Call {PHONE} for details"
    assert review.body == (
        f"Great help from Sanne. Mail me at {EMAIL} or call {PHONE},\n"
        f"or {PHONE} in Berlin. Refund to {IBAN} please."
    )
    # A name or company that was only contact details becomes the marker: never stored raw.
    assert (review.author.name, review.author.company) == (EMAIL, PHONE)
    (flag,) = [c for c in review.checks if c.check == "personal_data"]
    assert flag.outcome == "flag"
    assert flag.detail == (
        "2 email addresses, 4 phone numbers and 1 account number removed from the title, "
        "the text, the name and the company"
    )


def test_no_byte_of_the_original_reaches_the_tree_or_git(tmp_path: Path) -> None:
    # The export lives outside the repository, as in the import workflow (fetched in memory).
    export = tmp_path / "outside" / "submissions.json"
    write(export, json.dumps([hostile()]))
    repo = tmp_path / "repo"
    content = fresh_content(repo)
    assert not export.resolve().is_relative_to(repo.resolve())

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
        ).stdout

    git("init", "-q", "-b", "main")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "Test")
    git("add", "-A")
    git("commit", "-q", "-m", "base")  # the sample content may hold look-alike numbers
    before = every_file(repo)
    result = run(repo, "import", str(export), "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert "1 created (1 pending" in result.stdout
    git("add", "-A")
    git("commit", "-q", "-m", "import")

    # What the import wrote: every new or changed file, and every object the commit added.
    files = {
        p: b for p, b in every_file(repo).items() if ".git" not in p.parts and before.get(p) != b
    }
    assert any(p.suffix == ".yaml" and "reviews" in p.parts for p in files)
    objects = git("rev-list", "--objects", "HEAD~1..HEAD").splitlines()
    blobs = [line.split()[0] for line in objects]
    history = b"".join(
        subprocess.run(
            ["git", "-C", str(repo), "cat-file", "-p", obj], capture_output=True, check=True
        ).stdout
        for obj in blobs
        if git("cat-file", "-t", obj).strip() == "blob"
    )
    for secret in SECRETS[:-1]:
        for where, data in files.items():
            assert secret.encode() not in data, (secret, where)
        assert secret.encode() not in history, secret
        assert secret not in result.stdout + result.stderr


def test_fields_that_are_not_free_text_are_cleaned_too(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    item = submission(partner="jan@privé.example", rating="+31 6 1234 5678")
    import_submissions(content, [item], KEYS, durable=False)
    loaded, problems = load_content(content)
    assert problems == []
    (review,) = loaded.reviews.values()
    assert review.status == "rejected" and review.partner == EMAIL
    written = "".join(p.read_text(encoding="utf-8") for p in (content / "reviews").rglob("*.yaml"))
    assert "jan@" not in written and "1234 5678" not in written
    assert f"no partner '{EMAIL}'" in written and f"'{PHONE}' is not a whole number" in written


def test_markers_that_make_a_text_too_long_cut_it_and_say_so(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    body = "a@b.nl " * 571  # 3,996 characters typed; with markers far more than 4,000
    import_submissions(content, [submission(body=body.strip())], KEYS, durable=False)
    loaded, problems = load_content(content)
    assert problems == []
    (review,) = loaded.reviews.values()
    assert review.status == "pending" and len(review.body or "") == 4000
    (flag,) = [c.detail for c in review.checks if c.check == "personal_data"]
    assert flag.endswith("the text cut to the limit after removing")


# ---------- moderation ----------


def imported(tmp_path: Path) -> tuple[Path, Path]:
    content = fresh_content(tmp_path)
    import_submissions(content, [hostile()], KEYS, durable=False)
    return content, content / "reviews" / "maasmail" / "00000000000000000000pd01.yaml"


def test_approve_needs_the_moderator_to_confirm_the_redaction(tmp_path: Path) -> None:
    content, path = imported(tmp_path)
    before = path.read_bytes()
    refused = run(content.parent, "approve", "00000000000000000000pd01", "--by", "Eva")
    assert refused.returncode == 1
    assert "00000000000000000000pd01 is flagged for personal data (2 email addresses" in (
        refused.stderr
    )
    assert "--confirm-redaction" in refused.stderr and "maasmail" in refused.stderr
    assert path.read_bytes() == before

    args = ("approve", "00000000000000000000pd01", "--by", "Eva", "--confirm-redaction")
    assert run(content.parent, *args).returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "moderation:\n  by: Eva\n" in text and "  redaction_confirmed: true\n" in text

    # Withdrawn and approved again: the first confirmation stays in the history, and the
    # second approval needs its own.
    withdraw = ("reject", "00000000000000000000pd01", "--by", "Tom", "--reason", "Asked to")
    assert run(content.parent, *withdraw).returncode == 0
    again = ("approve", "00000000000000000000pd01", "--by", "Ann", "--reason", "Back")
    assert run(content.parent, *again).returncode == 1
    assert run(content.parent, *again, "--confirm-redaction").returncode == 0
    loaded, problems = load_content(content)
    assert problems == []
    review = loaded.reviews["00000000000000000000pd01"]
    assert [(h.status, h.by, h.redaction_confirmed) for h in review.history] == [
        ("approved", "Eva", True),
        ("rejected", "Tom", False),
    ]
    assert review.moderation and review.moderation.redaction_confirmed


def test_a_clean_review_needs_no_confirmation(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    import_submissions(content, [submission(sub_id="00000000000000000000pd02")], KEYS)
    assert run(content.parent, "approve", "00000000000000000000pd02", "--by", "Eva").returncode == 0
    path = content / "reviews" / "maasmail" / "00000000000000000000pd02.yaml"
    assert "redaction_confirmed" not in path.read_text(encoding="utf-8")


def test_a_partners_reply_loses_its_contact_details(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    import_submissions(content, [submission(sub_id="00000000000000000000pd03")], KEYS)
    assert run(content.parent, "approve", "00000000000000000000pd03", "--by", "Eva").returncode == 0
    body = "Thank you! Questions? Mail support@maasmail.example or call 010 123 4567."
    result = run(content.parent, "respond", "00000000000000000000pd03", "--body", body)
    assert result.returncode == 0, result.stderr
    assert "1 email address and 1 phone number removed from the reply" in result.stderr
    loaded, _ = load_content(content)
    reply = loaded.reviews["00000000000000000000pd03"].response
    assert reply and reply.body == f"Thank you! Questions? Mail {EMAIL} or call {PHONE}."


# ---------- the model: an approved review never publishes personal data ----------

APPROVED = """\
id: 5f1a2b3c4d5e6f7a8b9c0d1e
partner: maasmail
status: approved
verification: unverified
rating: 4
title: Solid technical help
body: |-
  They fixed our bounces.

  And explained why.
author:
  name: Jan Jansen
  company: Jansen BV
email_hash: 3958f6631f0f2865fb637f2f130e97e1a86ee13958278abea68e48a9a3413ece
submitted: 2026-05-01T10:00:00Z
lang: en
moderation:
  by: Eva
  at: 2026-05-02T09:00:00Z
"""
REPLY = "response:\n  body: Thanks!\n  at: 2026-05-03T10:00:00Z\n"


def problems_for(tmp_path: Path, text: str) -> list[tuple[int, str, str]]:
    content = fresh_content(tmp_path)
    write(content / "reviews" / "maasmail" / "5f1a2b3c4d5e6f7a8b9c0d1e.yaml", text)
    _, problems = load_content(content)
    return [(p.line, p.field, p.message) for p in problems]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "found"),
    [
        ("Solid technical help", "Mail jan@jansen.example", 6, "title", "1 email address"),
        ("  And explained why.", "  Call 06-12345678 or +31 20 789 1234.", 7, "body", "2 phone"),
        ("  And explained why.", "  Pay NL91 ABNA 0417 1643 00.", 7, "body", "1 account number"),
        ("name: Jan Jansen", "name: jan (at) jansen (dot) nl", 12, "author.name", "1 email"),
        ("company: Jansen BV", "company: 020 789 1234", 13, "author.company", "1 phone number"),
        ("body: Thanks!", "body: Mail sales@maasmail.example", 21, "response.body", "1 email"),
    ],
)
def test_an_approved_review_with_personal_data_is_refused(
    tmp_path: Path, old: str, new: str, line: int, field: str, found: str
) -> None:
    text = (APPROVED + REPLY).replace(old, new)
    (problem,) = problems_for(tmp_path, text)
    assert problem[:2] == (line, field)
    assert problem[2].startswith(f"holds {found}")
    assert "may not contain personal data: replace it with [" in problem[2]
    # The message never repeats what it found: build logs of pull requests are public.
    assert new.split(": ", 1)[-1].strip() not in problem[2]
    assert problems_for(tmp_path / "pending", text.replace("approved", "pending")) != [problem]


def test_a_flagged_review_is_approved_only_with_a_confirmed_redaction(tmp_path: Path) -> None:
    flagged = APPROVED.replace(
        "lang: en\n",
        "lang: en\nchecks:\n- check: personal_data\n  outcome: flag\n"
        "  detail: 1 email address removed from the text\n",
    )
    assert problems_for(tmp_path / "a", flagged) == [
        (
            21,
            "moderation.redaction_confirmed",
            "the import removed personal data from this review; approving it needs a "
            "moderator to confirm no personal data is left (scripts/reviews.py approve ID "
            "--by NAME --confirm-redaction)",
        )
    ]
    confirmed = flagged + "  redaction_confirmed: true\n"
    assert problems_for(tmp_path / "b", confirmed) == []
    yes = problems_for(tmp_path / "c", flagged + "  redaction_confirmed: yes\n")
    assert [p[1] for p in yes] == ["moderation.redaction_confirmed"]


# ---------- replies are for approved reviews only ----------


def test_respond_refuses_pending_and_rejected_reviews(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    items = [
        submission(sub_id="00000000000000000000rp01"),
        submission(sub_id="00000000000000000000rp02", rating="9"),  # rejected at import
    ]
    import_submissions(content, items, KEYS, durable=False)
    before = {p: p.read_bytes() for p in (content / "reviews").rglob("*.yaml")}
    for review_id, status in (
        ("00000000000000000000rp01", "pending"),
        ("00000000000000000000rp02", "rejected"),
    ):
        result = run(content.parent, "respond", review_id, "--body", "Thanks!")
        assert result.returncode == 1
        assert f"{review_id} is {status}; a partner replies to approved reviews only" in (
            result.stderr
        )
    assert {p: p.read_bytes() for p in (content / "reviews").rglob("*.yaml")} == before


def test_withdrawing_a_review_removes_its_reply(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    import_submissions(content, [submission(sub_id="00000000000000000000rp03")], KEYS)
    rid = "00000000000000000000rp03"
    assert run(content.parent, "approve", rid, "--by", "Eva").returncode == 0
    assert run(content.parent, "respond", rid, "--body", "Thanks!").returncode == 0
    result = run(content.parent, "reject", rid, "--by", "Tom", "--reason", "Asked to withdraw")
    assert result.returncode == 0, result.stderr
    assert "the partner's reply (from " in result.stderr and "git keeps it" in result.stderr
    loaded, problems = load_content(content)
    assert problems == []
    assert loaded.reviews[rid].response is None
