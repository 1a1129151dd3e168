"""Web addresses and invisible characters, through the real loader: every URL field is parsed
and stored normalised, and no text field of any content type holds a character that changes
what a reader sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, write
from test_library_model import EVENT
from test_partner_model import VALID

from copernica_directory.model import Problem, load_content
from copernica_directory.model.chars import invisible_problem


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "taxonomy", root / "taxonomy")
    return root


def partner_problems(site: Path, old: str, new: str) -> tuple[object, list[Problem]]:
    assert old in VALID
    write(site / "partners" / "acme" / "partner.yaml", VALID.replace(old, new))
    content, problems = load_content(site)
    return content, problems


def only(problems: list[Problem]) -> tuple[int, str, str]:
    assert len(problems) == 1, [p.format_text() for p in problems]
    return problems[0].line, problems[0].field, problems[0].message


WEBSITE = "website: https://www.acme.example"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("https://www.acme.example", "https://www.acme.example/"),
        ("HTTPS://WWW.Acme.Example", "https://www.acme.example/"),
        ("https://www.acme.example:443/about", "https://www.acme.example/about"),
        ("https://bücher.example/straße?q=ä#über", "https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%A4#%C3%BCber"),
        ("https://acme.example/team/@anna?a=1&b=%20", "https://acme.example/team/@anna?a=1&b=%20"),
    ],
)  # fmt: skip
def test_addresses_are_stored_normalised(site: Path, written: str, stored: str) -> None:
    content, problems = partner_problems(site, WEBSITE, f"website: '{written}'")
    assert problems == []
    assert content.partners["acme"].website == stored


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ('https://x.example/"><script>alert(1)</script>', 'contains " < >, which a web address'),
        ("https://x.example/'onmouseover='alert(1)", "contains ', which a web address"),
        ("https://x.example/a b", "contains a space"),
        ("https://x.example/a\tb", "contains a space"),
        ("https://x.example\\@evil.example/", "contains \\, which"),
        ("https://x.example/`{x}`", "contains ` { }, which"),
        ("https://anna:secret@x.example/", "holds a user name or password"),
        ("https://evil.example@x.example/", "holds a user name or password"),
        ("https://x.example:8080/", "has a port number (:8080)"),
        ("https://x.example:80x/", "has a port that is not a number"),
        ("https://192.0.2.7/", "the host is an IP address"),
        ("https://[2001:db8::1]/", "the host is an IP address"),
        ("https://0x7f.1/", "does not end in a domain ending like .com or .nl"),
        ("https://2130706433/", "has no domain ending"),
        ("https://localhost/", "the host 'localhost' has no domain ending"),
        ("https://x.example./", "ends with a dot"),
        ("https://x_y.example/", "is not a valid domain name"),
        ("https://-x.example/", "is not a valid domain name"),
        ("https:x.example", "has no host name after https://"),
        ("https://x.example/%zz", "has a % that does not start a %XX escape"),
        ("https://x.example/\u202egnp.exe", "contains U+202E RIGHT-TO-LEFT OVERRIDE at character"),
        ("https://x.example/" + "a" * 300, "is 318 characters; at most 300 allowed"),
    ],
)  # fmt: skip
def test_addresses_that_are_not_plain_https_addresses_are_refused(
    site: Path, written: str, reason: str
) -> None:
    quoted = _escaped(written)
    _, problems = partner_problems(site, WEBSITE, f"website: {quoted}")
    line, field, message = only(problems)
    assert (line, field) == (2, "website")
    assert message.startswith(repr(written if len(written) <= 100 else written[:99] + "…"))
    assert "is not a valid address: " in message and reason in message, message
    assert message.endswith("expected an https:// address, e.g. https://www.example.com")


def test_other_schemes_say_which(site: Path) -> None:
    for written, scheme in (("http://x.example/", "http"), ("javascript:alert(1)", "javascript")):
        _, problems = partner_problems(site, WEBSITE, f"website: '{written}'")
        assert only(problems)[2] == (
            f"{written!r} uses {scheme}; only an https:// address, e.g. "
            "https://www.example.com is allowed"
        )


def test_every_url_field_of_an_event_is_parsed(site: Path) -> None:
    old = "registration: https://events.example.com/partnerdag"
    text = EVENT.replace(old, "registration: https://Events.Example.com/partnerdag")
    write(site / "events" / "day.md", text)
    content, problems = load_content(site)
    assert problems == []
    assert content.events["day"].registration == "https://events.example.com/partnerdag"
    write(
        site / "events" / "day.md",
        EVENT.replace(old, "registration: 'https://e.example.com/\"><x>'"),
    )
    _, problems = load_content(site)
    assert [(p.field, "may not hold" in p.message) for p in problems] == [("registration", True)]


# ---------- invisible characters ----------

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
OTHER = {
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\u200e": "U+200E LEFT-TO-RIGHT MARK",
    "\u00ad": "U+00AD SOFT HYPHEN",
    "\u2060": "U+2060 WORD JOINER",
    "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    "\U000e0041": "U+E0041 TAG LATIN CAPITAL LETTER A",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\x07": "U+0007 (a control character)",
    "\x1b": "U+001B (a control character)",
    "\x85": "U+0085 (a control character)",
    "\r": "U+000D (a control character)",
}


def _escaped(text: str) -> str:
    """A YAML double-quoted string writing every character outside printable ASCII as an
    escape, so the file itself holds no control or invisible character."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0x20 <= code < 0x7F and ch not in '"\\':
            out.append(ch)
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


@pytest.mark.parametrize("ch", BIDI)
def test_bidirectional_controls_are_refused_by_name(site: Path, ch: str) -> None:
    import unicodedata

    _, problems = partner_problems(
        site, "name: Acme Digital", f"name: {_escaped('Acme ' + ch + 'latigiD')}"
    )
    assert only(problems) == (
        1,
        "name",
        f"contains U+{ord(ch):04X} {unicodedata.name(ch)} at character 6; remove it",
    )


@pytest.mark.parametrize(("ch", "name"), OTHER.items())
def test_other_invisible_and_control_characters_are_refused(site: Path, ch: str, name: str) -> None:
    _, problems = partner_problems(
        site, "  en: Campaigns that people read", f"  en: {_escaped('Campaigns' + ch + 'x')}"
    )
    assert only(problems) == (4, "tagline.en", f"contains {name} at character 10; remove it")


def test_raw_characters_in_the_file_are_refused_too(site: Path) -> None:
    # Written as they are, not as escapes: what an editor pastes.
    _, problems = partner_problems(site, "  city: Utrecht", "  city: Utr\u202eecht")
    assert only(problems) == (
        13,
        "location.city",
        "contains U+202E RIGHT-TO-LEFT OVERRIDE at character 4; remove it",
    )
    _, problems = partner_problems(site, "  We **build** campaigns.", "  We \u2067build\u2069 it.")
    _, field, message = only(problems)
    assert (field, message) == (
        "description",
        "contains U+2067 RIGHT-TO-LEFT ISOLATE at character 4; remove it",
    )


def test_what_text_needs_is_kept(site: Path) -> None:
    kept = "Acme 👩\u200d💻 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 caf\u00e9\u00a0& Co"
    content, problems = partner_problems(site, "name: Acme Digital", f"name: {_escaped(kept)}")
    assert problems == []
    assert content.partners["acme"].name == kept
    multi = "  We **build** campaigns.\n  A\ttab.\n\n  Second paragraph."
    content, problems = partner_problems(site, "  We **build** campaigns.", multi)
    assert problems == []


def test_every_text_of_every_content_type_is_checked(site: Path) -> None:
    from test_library_model import add_whitepaper

    write(
        site / "events" / "day.md", EVENT.replace("venue: Zaal De Kade", "venue: Zaal\u202eDe Kade")
    )
    case = '---\ntitle: "A\\u2066B"\ndate: 2026-01-01\nsummary: S\n---\nText.\n'
    write(site / "cases" / "a-case.md", case)
    add_whitepaper(site)
    item = site / "library" / "whitepapers" / "handbook.md"
    item.write_text(item.read_text().replace("title: ", "title: X\u200b", 1))
    _, problems = load_content(site)
    found = sorted((Path(p.path).name, p.field, p.message.split(" at ")[0]) for p in problems)
    assert found == [
        ("a-case.md", "title", "contains U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("day.md", "venue", "contains U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("handbook.md", "title", "contains U+200B ZERO WIDTH SPACE"),
    ]


def test_the_review_tools_clean_what_the_model_refuses() -> None:
    from copernica_directory.reviews.text import clean_text

    for ch in [*BIDI, *OTHER]:
        text = f"Great{ch} work\u200d👍"
        assert invisible_problem(clean_text(text)) is None, repr(ch)
        assert invisible_problem(clean_text(text, multiline=True)) is None, repr(ch)
