"""Markdown the sanitiser would change is refused with a message, never published silently:
raw HTML outside the allow-list, comments, images, disarmed links, and text an HTML parser
would swallow after an unusual sequence."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write
from test_library_model import EVENT, site  # noqa: F401 - the fixture

from copernica_directory.model import load_content
from copernica_directory.model.markup import html_to_text, markdown_problems, render_markdown

LOST = "part of your text after it would be lost"
# Each one drops text, markup or a link when sanitised; each is refused with why.
REFUSED = [
    (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>\n\nLost text here",
        f"raw HTML like <math> is not allowed; {LOST} ('Lost text here')",
    ),
    (
        "Intro.\n\n<svg><p><style><img src=x>\n\nAfter the svg.",
        f"raw HTML like <svg> is not allowed; {LOST} ('After the svg.')",
    ),
    (
        "<script>alert(1)</script>\n\nmore",
        f"raw HTML like <script> is not allowed; {LOST} ('alert(1)')",
    ),
    (
        "text\n\n<style>p{display:none}</style>\n\nend",
        f"raw HTML like <style> is not allowed; {LOST} ('p{{display:none}}')",
    ),
    (
        "a <textarea>swallowed\n\nwords",
        "raw HTML like <textarea> is not allowed; part of your text",
    ),
    (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        "raw HTML like <noscript> is not allowed; write it in Markdown",
    ),
    ('<iframe src="https://evil.example"></iframe>', "raw HTML like <iframe> is not allowed"),
    (
        '<form action="https://evil.example"><input name=x></form>',
        "raw HTML like <form> is not allowed",
    ),
    ("<div>block</div>", "raw HTML like <div> is not allowed"),
    ("a <span>word</span>", "raw HTML like <span> is not allowed"),
    ('<img src="https://x.example/a.png" alt="logo">', "raw HTML like <img> is not allowed"),
    (
        '<a href="https://ok.example" onclick="alert(1)">x</a>',
        "the onclick attribute of <a> is not allowed",
    ),
    (
        '<a href="https://ok.example" style="color:red">x</a>',
        "the style attribute of <a> is not allowed",
    ),
    ('<p class="lead">x</p>', "the class attribute of <p> is not allowed"),
    ('<a href="javascript:alert(1)">x</a>', "the link 'javascript:alert(1)' is not allowed"),
    ("[click](javascript:alert(1))", "the link 'javascript:alert(1)' is not allowed"),
    (
        "[data](data:text/html;base64,PHNjcmlwdD4=)",
        "the link 'data:text/html;base64,PHNjcmlwdD4=' is not allowed",
    ),
    ("[v](vbscript:x)", "the link 'vbscript:x' is not allowed"),
    ("[ref]\n\n[ref]: javascript:alert(1)", "the link 'javascript:alert(1)' is not allowed"),
    (
        "![our team](https://x.example/team.jpg)",
        "images are not shown in texts; remove ![...](https://x.example/team.jpg)",
    ),
    ("before <!-- a note --> after", "an HTML comment (<!-- ... -->) would not be published"),
    ("<!-- note -->\n\ntext", "an HTML comment (<!-- ... -->) would not be published"),
    ("<!DOCTYPE html>\n\ntext", "raw HTML like <!DOCTYPE> is not allowed"),
    ("<?php echo 1 ?>\n\ntext", "raw HTML like <?...> is not allowed"),
]


@pytest.mark.parametrize(("source", "message"), REFUSED)
def test_what_sanitising_would_drop_is_refused(source: str, message: str) -> None:
    problems = markdown_problems(source)
    assert any(message in p.message for p in problems), [p.message for p in problems]


ALLOWED = [
    "Plain **bold**, _em_, `<script>` as code, a < b & c > d, 5 > 3.",
    "[a link](https://www.copernica.com/), [http](http://x.example/), [mail](mailto:a@x.example)",
    "[on this site](/partners/), [a fragment](#team), <https://x.example/>, <me@x.example>",
    'CO<sub>2</sub>, m<sup>2</sup>, <abbr title="Application programming interface">API</abbr>',
    "line<br>break, <strong>strong</strong>, <em>em</em>, <b>b</b>, <i>i</i>, &amp; &copy; &#169;",
    '<a href="https://x.example/" title="Our site">link</a>',
    "<table><tr><td>cell</td></tr></table>\n\nText after the table.",
    "<h1>Heading</h1>\n\n# Another\n\n## Sub",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "    <script>indented code</script>\n\nText after the code.",
]


@pytest.mark.parametrize("source", ALLOWED)
def test_what_sanitising_keeps_passes(source: str) -> None:
    assert markdown_problems(source) == []
    shown = html_to_text(render_markdown(source))
    assert shown  # and it is published


def test_lines_are_those_of_the_text() -> None:
    source = "One.\n\nTwo.\n\n<div>three</div>\n\n![x](https://x.example/a.png)\n"
    assert [(p.line, p.kind) for p in markdown_problems(source)] == [(5, "html"), (7, "image")]


def _event(body: str) -> str:
    return EVENT.replace("Programme.\n", body)


def test_bodies_and_descriptions_are_checked_where_they_are(site: Path) -> None:  # noqa: F811
    write(site / "events" / "day.md", _event("Programme.\n\n<div>x</div>\n"))
    write(
        site / "cases" / "a-case.md",
        "---\ntitle: T\ndate: 2026-01-01\nsummary: S\n---\nText.\n\n![x](https://x.example/a.png)\n",
    )
    text = (site / "events" / "day.md").read_text()
    _, problems = load_content(site)
    found = sorted((Path(p.path).name, p.line, p.field, p.message.split(";")[0]) for p in problems)
    div_line = text.splitlines().index("<div>x</div>") + 1
    assert found == [
        ("a-case.md", 8, "body", "images are not shown in texts"),
        ("day.md", div_line, "body", "raw HTML like <div> is not allowed"),
    ]


def test_invisible_characters_in_a_body_are_placed(site: Path) -> None:  # noqa: F811
    write(site / "events" / "day.md", _event("Programme.\n\nDay \u202eyad.\n"))
    text = (site / "events" / "day.md").read_text()
    _, problems = load_content(site)
    assert [(p.line, p.col, p.field, p.message) for p in problems] == [
        (
            text.splitlines().index("Day \u202eyad.") + 1,
            5,
            "body",
            "contains U+202E RIGHT-TO-LEFT OVERRIDE; remove it",
        )
    ]


def test_a_library_item_keeps_its_own_html_rule(site: Path) -> None:  # noqa: F811
    from test_library_model import ARTICLE

    body = "## Why\n\nA <span>word</span> and ![x](https://x.example/a.png).\n"
    write(site / "library" / "articles" / "item.md", ARTICLE.split("## Why")[0] + body)
    _, problems = load_content(site)
    messages = sorted(p.message.split(":")[0] for p in problems)
    assert messages == [
        "HTML ('<span>') is not allowed in library items",
        "images are not shown in texts; remove ![...](https",
    ]
