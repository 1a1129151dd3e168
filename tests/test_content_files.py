"""Every content file is a regular file within its size limit, checked before it is read.

Through scripts/validate.py (its real entry point) on a copy of the sample content: symbolic
links to files and folders on the build machine, named pipes, files over their limits; what
is behind a link never reaches the output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, few_partners_copy

from copernica_directory.model.fields import (
    BODY_MAX_CHARS,
    MARKDOWN_FILE_MAX_BYTES,
    PARTNER_FILE_MAX_BYTES,
    REVIEW_FILE_MAX_BYTES,
    TAXONOMY_FILE_MAX_BYTES,
)
from copernica_directory.model.loader import load_content, load_review_text
from copernica_directory.model.vocab import country_codes, language_codes
from copernica_directory.reviews.yamlwrite import dump
from copernica_directory.tools.validate import main as validate_main

SCRIPT = ROOT / "scripts" / "validate.py"
# Written into the files links point to, and into the validator's environment (which
# /proc/self/environ holds): it must never appear in any output.
MARKER = "s3cret-marker-5d41402abc4b2a76"
LINK = (
    "is a symbolic link; everything under content/ must be a regular file or folder "
    "(replace the link with the file itself)"
)
FIFO = "is a named pipe (FIFO); everything under content/ must be a regular file or folder"
PARTNER = "partners/maasmail/partner.yaml"
LOGO = "partners/datadijk/logo.svg"
OTHER_LOGO = "partners/atelier-courriel/logo.svg"
CASE = "cases/university-open-days.md"
REVIEW = "reviews/maasmail/15c8075361a2381954d42b04.yaml"
EVENT = "events/partnerdag-2027.md"
ITEM = "library/articles/email-calendar-2027.md"
PDF = "library/whitepapers/deliverability-handbook.pdf"
TAXONOMY = "taxonomy/expertise.yaml"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """The files these tests break and enough around them (partners with reviews and cases,
    each kind of library item and an event): the validator reads it in a fraction of the
    whole sample's time, and every test here runs it."""
    return few_partners_copy(
        tmp_path / "content",
        partners=("atelier-courriel", "datadijk", "fjordvarsel", "maasmail"),
        items=("articles/email-calendar-2027", "whitepapers/deliverability-handbook"),
        events=("partnerdag-2027",),
    )


def validate(content: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    """scripts/validate.py on `content` (run beside it, so paths print as content/...); a
    validator that hangs (on a pipe) fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--content", "content", *paths],
        cwd=content.parent,
        env={**os.environ, "DIRECTORY_TEST_SECRET": MARKER},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the content tree, with the marker in it."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"name: {MARKER}\npassword: {MARKER}\n", encoding="utf-8")
    return path


def replace_with_link(path: Path, target: str | Path) -> None:
    if path.is_dir() and not path.is_symlink():
        for child in sorted(path.rglob("*"), reverse=True):
            child.rmdir() if child.is_dir() else child.unlink()
        path.rmdir()
    elif os.path.lexists(path):
        path.unlink()
    path.symlink_to(target)


def assert_nothing_leaks(result: subprocess.CompletedProcess[str], *words: str) -> None:
    output = result.stdout + result.stderr
    assert MARKER not in output
    for word in words:
        assert word not in output, word


# ---------- links to files ----------


@pytest.mark.parametrize(
    "target",
    [
        "/proc/self/environ",
        "SECRET",  # the outside file, by its absolute path
        "../../../outside/secret.txt",  # the same, relative to the link
        "../datadijk/partner.yaml",  # another partner's profile
    ],
)
def test_profile_linked_anywhere_is_refused_unread(
    content_copy: Path, secret: Path, target: str
) -> None:
    replace_with_link(content_copy / PARTNER, secret if target == "SECRET" else target)
    result = validate(content_copy)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"content/{PARTNER}:1:1: {LINK}"]
    assert_nothing_leaks(result, "environ", "secret.txt", "datadijk")


@pytest.mark.parametrize(
    "relative", [CASE, REVIEW, EVENT, ITEM], ids=["case", "review", "event", "library item"]
)
@pytest.mark.parametrize("target", ["/proc/self/environ", "SECRET"])
def test_every_kind_of_file_linked_is_refused_unread(
    content_copy: Path, secret: Path, relative: str, target: str
) -> None:
    replace_with_link(content_copy / relative, secret if target == "SECRET" else target)
    result = validate(content_copy)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"content/{relative}:1:1: {LINK}"]
    assert_nothing_leaks(result, "environ", "secret.txt")


def test_taxonomy_linked_is_refused_unread(content_copy: Path, secret: Path) -> None:
    replace_with_link(content_copy / TAXONOMY, secret)
    result = validate(content_copy)
    assert result.returncode == 1
    assert f"content/{TAXONOMY}:1:1: {LINK}" in result.stdout.splitlines()
    assert_nothing_leaks(result, "secret.txt")


def test_logo_linked_to_another_partners_logo_is_refused(content_copy: Path) -> None:
    replace_with_link(content_copy / LOGO, f"../../{OTHER_LOGO}")
    result = validate(content_copy)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"content/{LOGO}:1:1: {LINK}",
        f"content/partners/datadijk/partner.yaml:40:7: logo: 'logo.svg' {LINK}",
    ]
    assert_nothing_leaks(result, "atelier-courriel")


def test_whitepaper_pdf_linked_is_refused_unread(content_copy: Path, secret: Path) -> None:
    replace_with_link(content_copy / PDF, secret)
    result = validate(content_copy)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"content/{PDF}:1:1: {LINK}" in lines
    item = "content/library/whitepapers/deliverability-handbook.md"
    assert any(line.startswith(f"{item}:") and f"file: 'deliverability-handbook.pdf' {LINK}"
               in line for line in lines), lines  # fmt: skip
    assert_nothing_leaks(result, "secret.txt")


def test_link_named_as_a_path_argument_is_checked_as_the_link(content_copy: Path) -> None:
    # The link points into the tree: resolving it would check datadijk and pass.
    replace_with_link(content_copy / PARTNER, "../datadijk/partner.yaml")
    result = validate(content_copy, f"content/{PARTNER}")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"content/{PARTNER}:1:1: {LINK}"]


# ---------- links to folders ----------


@pytest.mark.parametrize(
    "relative",
    ["partners/evil", "partners/maasmail", "cases", "reviews/maasmail", "library/whitepapers"],
)
def test_linked_folder_is_refused_and_not_entered(
    content_copy: Path, secret: Path, relative: str
) -> None:
    # The folder the link points to holds files of the right names, with the marker in them.
    outside = secret.parent / "elsewhere-dir"
    outside.mkdir()
    for name in ("partner.yaml", "x.md", "15c8075361a2381954d42b04.yaml", "x.pdf"):
        (outside / name).write_text(f"---\ntitle: {MARKER}\n---\n{MARKER}\n", encoding="utf-8")
    replace_with_link(content_copy / relative, outside)
    result = validate(content_copy)
    assert result.returncode == 1
    assert f"content/{relative}:1:1: {LINK}" in result.stdout.splitlines()
    assert_nothing_leaks(result, "outside", "elsewhere-dir")


def test_folder_linked_to_etc_is_refused_when_named_as_an_argument(content_copy: Path) -> None:
    (content_copy / "partners" / "evil").symlink_to("/etc")
    result = validate(content_copy, "content/partners/evil")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"content/partners/evil:1:1: {LINK}"]
    assert_nothing_leaks(result, "passwd", "root:")


# ---------- pipes, hard links, editors' files ----------


@pytest.mark.parametrize("relative", [PARTNER, CASE, REVIEW, EVENT, TAXONOMY, LOGO])
def test_named_pipe_is_refused_without_hanging(content_copy: Path, relative: str) -> None:
    path = content_copy / relative
    path.unlink()
    os.mkfifo(path)
    result = validate(content_copy)  # a read would wait for a writer forever
    assert result.returncode == 1
    assert f"content/{relative}:1:1: {FIFO}" in result.stdout.splitlines()


def test_hard_link_is_a_regular_file_and_accepted(content_copy: Path) -> None:
    # A hard link is the file itself (git stores none; a checkout writes every file anew).
    (content_copy / LOGO).unlink()
    os.link(content_copy / OTHER_LOGO, content_copy / LOGO)
    result = validate(content_copy)
    assert result.returncode == 0, result.stdout


def test_hidden_link_is_never_read(content_copy: Path, secret: Path) -> None:
    # Emacs keeps its lock files as links (.#partner.yaml) beside the file being edited.
    (content_copy / "partners" / "maasmail" / ".#partner.yaml").symlink_to(secret)
    result = validate(content_copy)
    assert result.returncode == 0, result.stdout
    assert_nothing_leaks(result)


# ---------- size limits ----------

SIZE_CASES = [
    (PARTNER, PARTNER_FILE_MAX_BYTES, "a partner.yaml"),
    (REVIEW, REVIEW_FILE_MAX_BYTES, "a review file"),
    (CASE, MARKDOWN_FILE_MAX_BYTES, "a Markdown file"),
    (ITEM, MARKDOWN_FILE_MAX_BYTES, "a Markdown file"),
    (EVENT, MARKDOWN_FILE_MAX_BYTES, "a Markdown file"),
    (TAXONOMY, TAXONOMY_FILE_MAX_BYTES, "a taxonomy file"),
]


@pytest.mark.parametrize(("relative", "limit", "what"), SIZE_CASES)
def test_file_over_its_limit_is_refused_with_size_and_limit(
    content_copy: Path, relative: str, limit: int, what: str
) -> None:
    path = content_copy / relative
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yaml":
        text += "# " + "x" * limit + "\n"  # valid YAML; only the size is wrong
    else:
        text += "\nword " * (limit // 5 + 1)
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    result = validate(content_copy)
    assert result.returncode == 1
    expected = (
        f"content/{relative}:1:1: the file is {size:,} bytes; {what} may be at most "
        f"{limit:,} bytes ({limit // 1024:,} KB): shorten it"
    )
    assert expected in result.stdout.splitlines()


def _bytes_read() -> int:
    """Bytes this process has read through read() so far (Linux)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


def test_50_mb_profile_is_refused_by_its_size_without_being_read(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = content_copy / PARTNER
    with open(path, "r+b") as stream:
        stream.truncate(50 * 1024 * 1024)  # sparse: the test writes almost nothing
    folder = str(content_copy / "partners" / "maasmail")
    validate_main(["--content", str(content_copy), folder])  # warm up imports and caches
    before = _bytes_read()
    code = validate_main(["--content", str(content_copy), folder])
    read = _bytes_read() - before
    assert code == 1
    assert "the file is 52,428,800 bytes; a partner.yaml may be at most" in capsys.readouterr().out
    assert read < 1024 * 1024, f"{read:,} bytes read"


@pytest.mark.parametrize("relative", [CASE, ITEM, EVENT])
def test_markdown_body_over_its_length_is_refused(content_copy: Path, relative: str) -> None:
    path = content_copy / relative
    text = path.read_text(encoding="utf-8")
    front_end = text.index("\n---\n", 4) + len("\n---\n")
    body_line = text[:front_end].count("\n") + 1
    body = ("A sentence of text. " * 50 + "\n\n") * (BODY_MAX_CHARS // 1000 + 1)
    path.write_text(text[:front_end] + body, encoding="utf-8")
    result = validate(content_copy)
    assert result.returncode == 1
    assert (
        f"content/{relative}:{body_line}:1: body: the text below the front matter is "
        f"{len(body):,} characters; at most {BODY_MAX_CHARS:,} allowed"
    ) in result.stdout.splitlines()


# ---------- the limits are generous: everything a field allows fits ----------

WIDE = "\U0001f680"  # four bytes in UTF-8


def test_profile_with_every_field_at_its_limit_fits(content_copy: Path) -> None:
    logins = ", ".join(f"l{i:02d}" + "a" * 36 for i in range(50))
    description = "\n\n".join([WIDE * 98] * 50)  # 4,999 characters, 20 KB, in each language
    codes = sorted(language_codes())[:50]  # none YAML would misread (no "no", "on")
    countries = sorted(country_codes())[:50]
    text = "\n".join(
        [
            f"name: {WIDE * 100}",
            "website: https://www.maasmail.example",
            f"tagline: {{en: {WIDE * 140}, nl: {WIDE * 140}}}",
            "description:",
            "  en: |",
            *(f"    {line}" for line in description.splitlines()),
            "  nl: |",
            *(f"    {line}" for line in description.splitlines()),
            "brands: [whitelabel, copernica]",
            "expertise: [training, consultancy, template-development, crm-integration, "
            "campaign-management, marketing-automation, data-and-analytics, strategy, "
            "deliverability, api-development]",
            "industries: [retail, travel, finance, publishing, non-profit, education, "
            "healthcare, b2b-services, government, hospitality]",
            f"languages: [{', '.join(codes[:50])}]",
            f"location: {{city: {WIDE * 100}, country: NL}}",
            f"regions: [{', '.join(countries[:50])}]",
            f"contact: {{email: support@maasmail.example, phone: '+31104567890', "
            f"person: {WIDE * 100}}}",
            "logo: logo.svg",
            "founded: 2011",
            f"maintainers: [{logins}]",
            "",
        ]
    )
    path = content_copy / PARTNER
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    assert size < PARTNER_FILE_MAX_BYTES, size
    _, problems = load_content(content_copy, [path.parent])
    assert problems == []


def test_markdown_body_at_its_limit_fits(content_copy: Path) -> None:
    path = content_copy / CASE
    text = path.read_text(encoding="utf-8")
    front_end = text.index("\n---\n", 4) + len("\n---\n")
    body = "\n".join([WIDE * 99] * (BODY_MAX_CHARS // 100)) + "\n"
    assert len(body) == BODY_MAX_CHARS
    path.write_text(text[:front_end] + body, encoding="utf-8")
    assert path.stat().st_size < MARKDOWN_FILE_MAX_BYTES
    _, problems = load_content(content_copy, [path])
    assert problems == []


def test_review_with_its_texts_at_their_limits_fits(content_copy: Path) -> None:
    """What a visitor, the checks and the moderators write, in four-byte characters: the
    title, body, name, company and reply at their limits, every check with a full detail and
    five decisions with full reasons."""
    flags = ("links", "personal_data", "profanity", "shouting", "markup", "repeat_reviewer",
             "rate_limit", "own_domain", "invite")  # fmt: skip
    checks = [
        {"check": check, "outcome": "flag", "detail": WIDE * 299 + str(n)}
        for n in range(2)
        for check in flags
    ]
    decision = {
        "by": WIDE * 100,
        "at": "2026-06-12T10:08:08Z",
        "reason": WIDE * 500,
        # A flagged review is approved only once a moderator confirms the redaction.
        "redaction_confirmed": True,
    }
    history = [
        {"status": "approved", **decision, "at": f"2026-06-1{day}T10:08:08Z"} for day in range(5)
    ]
    review = {
        "id": "15c8075361a2381954d42b04",
        "partner": "maasmail",
        "status": "approved",
        "verification": "invited",
        "rating": 4,
        "title": WIDE * 120,
        "body": "\n".join([WIDE * 79] * 50),
        "author": {"name": WIDE * 80, "company": WIDE * 100},
        "email_hash": "d" * 64,
        "submitted": "2026-06-10T08:08:08Z",
        "lang": "nl",
        "invite": "4" * 32,
        "checks": checks,
        "moderation": decision,
        "history": history,
        "response": {"body": "\n".join([WIDE * 99] * 20), "at": "2026-06-13T13:08:08Z"},
    }
    text = dump(review)
    size = len(text.encode("utf-8"))
    assert size < REVIEW_FILE_MAX_BYTES, size
    review_obj, problems = load_review_text(content_copy, content_copy / REVIEW, text)
    assert problems == [], problems
    assert review_obj is not None


DOCUMENTED = [
    ("README.md", f"{PARTNER_FILE_MAX_BYTES // 1024} KB"),
    ("README.md", f"{REVIEW_FILE_MAX_BYTES // 1024} KB"),
    ("README.md", f"{MARKDOWN_FILE_MAX_BYTES // 1024} KB"),
    ("README.md", f"{TAXONOMY_FILE_MAX_BYTES // 1024} KB"),
    ("README.md", f"{BODY_MAX_CHARS:,} characters"),
    ("README.md", "symbolic link"),
    ("CONTRIBUTING.md", f"{PARTNER_FILE_MAX_BYTES // 1024} KB"),
    ("CONTRIBUTING.md", "symbolic link"),
]


@pytest.mark.parametrize(("doc", "text"), DOCUMENTED)
def test_limits_and_the_no_links_rule_are_documented(doc: str, text: str) -> None:
    assert text in (ROOT / doc).read_text(encoding="utf-8")
