"""Invitations: one-time signed links that make a review verified."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from pathlib import Path

import pytest
from review_helpers import KEY, SITE, env, fresh_content, run, submission

from copernica_directory.model import load_content
from copernica_directory.reviews.importer import import_submissions
from copernica_directory.reviews.invite import check_token, make_token, token_id
from copernica_directory.reviews.privacy import email_hash, keys_from_env

KEYS = keys_from_env({"REVIEW_HASH_KEY": KEY})
NOW = dt.datetime(2026, 5, 1, 10, tzinfo=dt.UTC)
EMAIL = "customer@shop.example"


def token(partner: str = "maasmail", email: str = EMAIL, days: int = 60, key: bytes = b"") -> str:
    hashed = email_hash(email, KEYS.hash_key)
    # A fixed nonce: parameters built from tokens must be the same in every test worker.
    nonce = "AbCdEfGhIjKlMnOp"
    return make_token(partner, hashed, NOW + dt.timedelta(days=days), key or KEYS.token_key, nonce)


def check(code: str, partner: str = "maasmail", email: str = EMAIL, days_later: int = 1):
    hashed = email_hash(email, KEYS.hash_key)
    return check_token(code, partner, hashed, NOW + dt.timedelta(days=days_later), KEYS.token_key)


def test_a_valid_token() -> None:
    code = token()
    result = check(code)
    assert result.valid and result.token_id == token_id(code.split(".")[3])
    assert len(result.token_id or "") == 32
    assert check(code, email="  Customer@SHOP.example ").valid  # the same address


@pytest.mark.parametrize(
    ("code", "kwargs", "reason"),
    [
        (token(days=10), {"days_later": 11}, "the invitation expired on 2026-05-11"),
        (token(), {"partner": "grachtwerk"}, "the invitation is for another partner (maasmail)"),
        (
            token(),
            {"email": "someone.else@shop.example"},
            "the invitation was sent to another email address, or the code was altered",
        ),
        (token(key=b"another-key-entirely-0123456789"), {}, "or the code was altered"),
        ("nonsense", {}, "not an invitation code"),
        ("", {}, "not an invitation code"),
        ("v1." + "x" * 500, {}, "not an invitation code"),
    ],
    ids=["expired", "other-partner", "other-email", "other-key", "garbage", "empty", "too-long"],
)
def test_invalid_tokens(code: str, kwargs: dict, reason: str) -> None:
    result = check(code, **kwargs)
    assert not result.valid and result.token_id is None
    assert reason in result.reason


@pytest.mark.parametrize("part", [1, 2, 3, 4])
def test_tampering_with_any_part_is_detected(part: int) -> None:
    pieces = token().split(".")
    original = pieces[part]
    if part == 1:  # moved to another partner: the signature no longer fits
        pieces[1] = "grachtwerk"
        assert "altered" in check(".".join(pieces), partner="grachtwerk").reason
        return
    pieces[part] = original[:-1] + ("A" if original[-1] != "A" else "B")
    if part == 2:
        pieces[2] = str(int(original) + 86400 * 365)  # a year more
    result = check(".".join(pieces))
    assert not result.valid and "altered" in result.reason


def test_the_token_key_is_not_the_hash_key(monkeypatch: pytest.MonkeyPatch) -> None:
    assert KEYS.token_key != KEYS.hash_key
    separate = keys_from_env({"REVIEW_HASH_KEY": KEY, "REVIEW_TOKEN_KEY": "t" * 32})
    assert separate.token_key == b"t" * 32 and separate.hash_key == KEYS.hash_key


def test_the_invite_command_prints_a_working_link(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    result = run(
        content.parent,
        "invite",
        "--partner",
        "maasmail",
        "--email",
        EMAIL,
        "--days",
        "30",
        environ=env(SITE_URL="https://partners.example.com"),
    )
    assert result.returncode == 0, result.stderr
    link = result.stdout.strip()
    parts = urllib.parse.urlsplit(link)
    assert link.startswith("https://partners.example.com/partners/maasmail/?invite=v1.maasmail.")
    assert parts.fragment == "review"
    assert EMAIL not in link and "valid until" in result.stderr
    code = urllib.parse.parse_qs(parts.query)["invite"][0]

    # A Dutch customer gets the Dutch profile.
    dutch = run(
        content.parent,
        *("invite", "--partner", "maasmail", "--email", EMAIL, "--lang", "nl"),
        environ=env(SITE_URL="https://partners.example.com"),
    )
    assert dutch.returncode == 0, dutch.stderr
    assert dutch.stdout.startswith("https://partners.example.com/nl/partners/maasmail/?invite=")

    # The code is valid for 30 days from now; submissions are judged at their own time.
    now = dt.datetime.now(dt.UTC)

    def at(moment: dt.datetime) -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    # The customer submits with JavaScript (the hidden field) ...
    with_js = submission(partner="maasmail", email=EMAIL, invite=code, created=at(now))
    # ... a second submission with the same code counts as unverified ...
    later = at(now + dt.timedelta(minutes=5))
    reused = submission(partner="maasmail", email=EMAIL, invite=code, created=later)
    # ... and the wrong partner, a stranger, or a late submission never verify.
    wrong_partner = submission(partner="grachtwerk", email=EMAIL, invite=code, created=at(now))
    stranger = submission(
        partner="maasmail", email="other@shop.example", invite=code, created=at(now)
    )
    too_late = at(now + dt.timedelta(days=31))
    expired = submission(partner="maasmail", email=EMAIL, invite=code, created=too_late)
    import_submissions(content, [with_js, wrong_partner, stranger, expired], KEYS, durable=False)
    import_submissions(content, [reused], KEYS, durable=False)  # a later import
    loaded, problems = load_content(content)
    assert problems == []
    by_id = {r.id: r for r in loaded.reviews.values()}

    def verdict(item: dict) -> tuple[str, str]:
        found = by_id[item["id"]]
        flag = next((c.detail for c in found.checks if c.check == "invite"), "")
        return found.verification, flag

    assert verdict(with_js) == ("invited", "")
    assert verdict(reused) == (
        "unverified",
        f"the invitation was already used (review {with_js['id']})",
    )
    assert verdict(wrong_partner) == (
        "unverified",
        "the invitation is for another partner (maasmail)",
    )
    assert verdict(stranger)[0] == "unverified" and "another email" in verdict(stranger)[1]
    assert verdict(expired)[0] == "unverified" and "expired on" in verdict(expired)[1]
    # The file keeps the invitation's id, never the code or its signature.
    text = Path(by_id[with_js["id"]].source).read_text(encoding="utf-8")
    assert code not in text and code.split(".")[4] not in text and code.split(".")[3] not in text


def test_without_javascript_the_code_comes_from_the_referrer(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    code = token()
    item = submission(partner="maasmail", email=EMAIL, created="2026-05-02T10:00:00Z")
    item["data"]["referrer"] = f"{SITE}/partners/maasmail/?invite={urllib.parse.quote(code)}"
    import_submissions(content, [item], KEYS, durable=False)
    loaded, _ = load_content(content)
    assert loaded.reviews[item["id"]].verification == "invited"


def test_invite_misuse(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    cwd = content.parent
    assert run(cwd, "invite", "--partner", "nope", "--email", EMAIL).returncode == 2
    assert run(cwd, "invite", "--partner", "maasmail", "--email", "not-an-email").returncode == 2
    too_long = run(cwd, "invite", "--partner", "maasmail", "--email", EMAIL, "--days", "400")
    assert too_long.returncode == 2
    no_key = run(
        cwd, "invite", "--partner", "maasmail", "--email", EMAIL, environ=env(REVIEW_HASH_KEY="")
    )
    assert no_key.returncode == 2 and "REVIEW_HASH_KEY" in no_key.stderr
