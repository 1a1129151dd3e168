"""`reviews.py import`: a realistic Netlify export in, one review file per submission out.

Valid, spam, duplicate, unknown partner, Dutch, emoji, very long, HTML, other forms; then
idempotency, overlapping exports, an import killed between writing and renaming, privacy.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from review_helpers import EXPORT, KEY, ROOT, env, export, fresh_content, run, submission, tree

from copernica_directory.model import load_content
from copernica_directory.reviews.importer import import_submissions
from copernica_directory.reviews.privacy import email_hash, keys_from_env

KEYS = keys_from_env({"REVIEW_HASH_KEY": KEY})


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return fresh_content(tmp_path)


def imported(content: Path) -> dict:
    loaded, problems = load_content(content)
    assert problems == [], [p.format_text() for p in problems]
    return loaded.reviews


def test_realistic_export_through_the_cli(content: Path) -> None:
    result = run(content.parent, "import", str(EXPORT))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "import: 12 created (8 pending, 4 rejected automatically), 0 duplicates, "
        "1 skipped (other forms), 0 problems"
    )
    reviews = imported(content)
    assert len(reviews) == 12
    by_id = {r.id[-3:]: r for r in reviews.values()}

    valid = by_id["201"]  # English, invited through the hidden field
    assert (valid.status, valid.verification, valid.rating, valid.lang) == (
        "pending",
        "invited",
        5,
        "en",
    )
    assert valid.paragraphs[0].startswith("Fjordvarsel took over")
    assert len(valid.paragraphs) == 2
    assert valid.author.name == "Marit Hansen" and valid.author.company == "Fjordreiser AS"
    assert valid.email_hash == email_hash("marit.hansen@fjordreiser.example", KEYS.hash_key)
    assert str(valid.submitted) == "2026-03-02 09:14:07+00:00"

    dutch = by_id["202"]
    assert (dutch.status, dutch.lang, dutch.verification) == ("pending", "nl", "unverified")

    spam = by_id["203"]  # honeypot filled: rejected, recorded, with its reasons
    assert spam.status == "rejected"
    assert [c.check for c in spam.checks] == ["honeypot", "links"]
    assert spam.moderation and spam.moderation.by == "automatic checks"
    assert "hidden field" in (spam.moderation.reason or "")

    unknown = by_id["204"]
    assert unknown.status == "rejected" and unknown.partner == "no-such-partner"
    assert unknown.source.endswith("reviews/_unknown/67a1c2e5f0b3d40008a1b204.yaml")

    emoji = by_id["205"]
    assert emoji.title == "Deliverability fixed 🚀" and "👩‍💻" in (emoji.body or "")
    assert emoji.checks == () and emoji.author.name == "Zoë Baker"
    raw = Path(emoji.source).read_text(encoding="utf-8")
    assert "🚀" in raw  # written as text, not as \U escapes

    long = by_id["206"]
    assert long.status == "rejected" and [c.check for c in long.checks] == ["text"]
    assert "4,799 characters; at most 4,000" in long.checks[0].detail
    assert len(long.body or "") == 4000 and long.body.endswith("…")

    html = by_id["207"]  # stored as typed, flagged, never interpreted
    assert html.status == "pending"
    assert html.title == "<b>Good</b> templates"
    assert "<script>alert('x')</script> & the rest < 5 minutes" in (html.body or "")
    assert [c.check for c in html.checks] == ["markup"]

    no_js = by_id["209"]  # invited without JavaScript: the code came in the referrer
    assert no_js.verification == "invited" and no_js.invite

    rude = by_id["210"]
    assert {c.check for c in rude.checks} == {"profanity", "shouting"}

    seven = by_id["211"]
    assert seven.status == "rejected" and seven.rating is None
    assert {c.check for c in seven.checks} == {"rating", "consent"}

    own = by_id["212"]
    assert {c.check for c in own.checks} == {"personal_data", "own_domain"}

    again = by_id["213"]  # the same address (other case, trailing space) on the same partner
    assert [c.check for c in again.checks] == ["repeat_reviewer"]
    assert again.email_hash == dutch.email_hash


def test_nothing_private_is_written(content: Path) -> None:
    assert import_submissions(content, export(), KEYS, durable=False).created
    files = [p for p in (content / "reviews").rglob("*") if p.is_file()]
    written = "\n".join(p.read_text(encoding="utf-8") for p in files)
    private = set()
    for item in export():
        data = item["data"]
        private |= {data["ip"], data["user_agent"], data["referrer"]}
        for address in (item.get("email"), data.get("email")):
            if address:
                private |= {address.strip(), address.strip().lower()}
                private.add(address.split("@")[0].strip().lower() + "@")
    found = sorted(p for p in private if p.lower() in written.lower())
    # The partner's own address typed into a review text is the reviewer's text, kept for the
    # moderator (and flagged as personal data); no reviewer's address is ever stored.
    assert found == []
    for key in ("ip:", "user_agent", "referrer", "email:"):
        assert key not in written


def test_missing_key_refuses_to_run(content: Path) -> None:
    result = run(content.parent, "import", str(EXPORT), environ=env(REVIEW_HASH_KEY=""))
    assert result.returncode == 2
    assert "REVIEW_HASH_KEY is not set" in result.stderr
    assert "Nothing was imported" in result.stderr
    assert not (content / "reviews").exists()
    short = run(content.parent, "import", str(EXPORT), environ=env(REVIEW_HASH_KEY="short"))
    assert short.returncode == 2 and "too short" in short.stderr


def test_reimport_changes_nothing_and_reads_no_review(content: Path, monkeypatch) -> None:
    first = import_submissions(content, export(), KEYS, durable=False)
    before = tree(content)
    stamps = {p: p.stat().st_mtime_ns for p in (content / "reviews").rglob("*.yaml")}

    def no_loading(*args, **kwargs):
        raise AssertionError("a re-import with nothing new must not load the content")

    monkeypatch.setattr("copernica_directory.reviews.importer.load_content", no_loading)
    second = import_submissions(content, export(), KEYS, durable=False)
    assert (second.created, second.duplicates, second.skipped) == ([], 12, 1)
    assert first.summary() != second.summary()
    assert tree(content) == before
    assert stamps == {p: p.stat().st_mtime_ns for p in (content / "reviews").rglob("*.yaml")}


def test_overlapping_exports_equal_one_export(tmp_path: Path) -> None:
    items = export()
    whole = fresh_content(tmp_path / "whole")
    import_submissions(whole, items, KEYS, durable=False)
    # Two scheduled imports: Netlify lists newest first; the earlier export had the older
    # submissions, the later one the newer ones, and they share some in the middle.
    newest_first = sorted(items, key=lambda item: item["created_at"], reverse=True)
    earlier, later = newest_first[4:], newest_first[:9]
    reviews_in = [i for i in later if i["form_name"] == "review"]
    shared = [i for i in reviews_in if i in earlier]
    parts = fresh_content(tmp_path / "parts")
    assert import_submissions(parts, earlier, KEYS, durable=False).duplicates == 0
    result = import_submissions(parts, later, KEYS, durable=False)
    assert result.duplicates == len(shared) == 4
    assert len(result.created) == len(reviews_in) - len(shared)
    assert tree(parts) == tree(whole)


def test_moderated_reviews_are_never_touched(content: Path) -> None:
    import_submissions(content, export(), KEYS, durable=False)
    assert run(content.parent, "approve", "67a1c2e5f0b3d40008a1b201", "--by", "Eva").returncode == 0
    path = content / "reviews" / "fjordvarsel" / "67a1c2e5f0b3d40008a1b201.yaml"
    approved = path.read_bytes()
    result = run(content.parent, "import", str(EXPORT))
    assert result.returncode == 0 and "12 duplicates" in result.stdout
    assert path.read_bytes() == approved


def test_import_from_standard_input_and_misuse(content: Path) -> None:
    result = run(content.parent, "import", "-", stdin=json.dumps([submission()]))
    assert result.returncode == 0, result.stderr
    assert "1 created (1 pending" in result.stdout
    assert run(content.parent, "import", "-", stdin="not json").returncode == 2
    assert run(content.parent, "import", "-", stdin='{"id": 1}').returncode == 2
    assert run(content.parent, "import").returncode == 2
    assert run(content.parent, "import", "x.json", "--from-api").returncode == 2
    missing = run(content.parent, "import", "missing.json")
    assert missing.returncode == 2 and "cannot read missing.json" in missing.stderr


def test_unreadable_submissions_are_reported_not_lost(content: Path) -> None:
    items = [
        submission(),
        {"id": "abc", "form_name": "review"},  # no created_at
        "not an object",
        submission(sub_id="../../../etc/passwd"),
        submission(created="2026-05-01T10:00:00"),  # no time zone
    ]
    result = run(content.parent, "import", "-", stdin=json.dumps(items))
    assert result.returncode == 1
    assert "1 created" in result.stdout and "4 problems" in result.stdout
    errors = result.stderr.splitlines()
    assert any("submission 2 (id 'abc'): no valid created_at" in line for line in errors)
    assert any("submission 3: not a JSON object" in line for line in errors)
    assert any("'../../../etc/passwd' cannot be a file name" in line for line in errors)
    assert not list(content.parent.rglob("passwd*"))


def test_content_problems_stop_the_import(content: Path) -> None:
    bad = content / "partners" / "maasmail" / "partner.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("name:", "nmae:"), encoding="utf-8")
    result = run(content.parent, "import", "-", stdin=json.dumps([submission()]))
    assert result.returncode == 1
    assert "fix them first" in result.stderr and "nmae" in result.stderr
    assert not (content / "reviews").exists()


CRASH = textwrap.dedent(
    """
    import os, sys, threading
    sys.path.insert(0, {plugins!r})
    calls = 0
    lock = threading.Lock()
    real_replace = os.replace

    def crash_on_third(src, dst):
        global calls
        with lock:
            calls += 1
            if calls == 3:
                os._exit(137)  # killed between writing the temporary file and renaming it
            real_replace(src, dst)

    os.replace = crash_on_third
    from copernica_directory.reviews.cli import main
    sys.exit(main(["import", {export!r}]))
    """
)


def test_an_interrupted_import_leaves_no_half_file_and_can_run_again(content: Path) -> None:
    script = CRASH.format(plugins=str(ROOT / "plugins"), export=str(EXPORT))
    crashed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=content.parent,
        env=env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert crashed.returncode == 137
    written = sorted((content / "reviews").rglob("*.yaml"))
    leftovers = sorted((content / "reviews").rglob(".*.tmp"))
    # Files are written side by side: two were renamed, the ones in flight stay temporary.
    assert len(written) == 2 and leftovers
    # The loader ignores hidden temporary files; the two complete files are valid.
    assert len(imported(content)) == 2

    again = run(content.parent, "import", str(EXPORT))
    assert again.returncode == 0, again.stderr
    assert "10 created" in again.stdout and "2 duplicates" in again.stdout
    assert "left by an interrupted import" in again.stderr
    assert not list((content / "reviews").rglob(".*.tmp"))
    assert len(imported(content)) == 12


def test_written_files_keep_strict_yaml_and_every_character(content: Path) -> None:
    tricky = [
        submission(title="no", body="NO\n\nyes: on\n- a list?\n# not a comment", name="Null"),
        submission(title="'quoted' \"double\" {braces} [brackets] & *star", body="  leading"),
        submission(title="Trailing space line", body="line one   \nline two\t\twith tabs"),
        submission(title="Control\x00chars\x1b[31m", body="bidi \u202eevil\u202c text\r\nnext"),
        submission(title="3.14", body="2026-01-01", name="1e3", company="true"),
    ]
    result = import_submissions(content, tricky, KEYS, durable=False)
    assert len(result.created) == 5
    reviews = sorted(imported(content).values(), key=lambda r: r.id)
    assert [r.title for r in reviews] == [
        "no",
        "'quoted' \"double\" {braces} [brackets] & *star",
        "Trailing space line",
        "Controlchars[31m",
        "3.14",
    ]
    assert reviews[0].body == "NO\n\nyes: on\n- a list?\n# not a comment"
    assert reviews[1].body == "leading"
    assert reviews[2].body == "line one\nline two  with tabs"
    assert reviews[3].body == "bidi evil text\nnext"
    assert (reviews[4].body, reviews[4].author.name, reviews[4].author.company) == (
        "2026-01-01",
        "1e3",
        "true",
    )
    for review in reviews:
        assert Path(review.source).stat().st_mode & 0o777 == 0o644
