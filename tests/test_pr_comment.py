"""The comment rendered from untrusted report data, read as GitHub renders it (cmark-gfm):
nothing in the data becomes markup, a mention, a reference or a link, and nothing is lost."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from gfm import MENTION, REFERENCE, WORD_JOINER, render, seen

from copernica_directory.prchecks import comment

# What an attacker's pull request could put into report.json: each tries to run markup, hide
# text, ping people, reference other issues, link away or break out of its table cell.
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<!-- hidden --> visible",
    "<details><summary>ok</summary>hidden</details>",
    "@everyone and @copernica/partnerteam please look",
    "fixes #1, GH-2 and octo/repo#3",
    "https://github.com/octo/repo/issues/1 www.evil.example mail@evil.example",
    "[click here](https://evil.example) ![pixel](https://evil.example/p.png)",
    "&#64;user &lt;b&gt; &amp;",
    "$\\color{white}\\text{hidden}$",
    "``fence`` ` lone backtick",
    "a|b \\| c \\\\| d",
    "*em* _u_ **bold** ~~gone~~",
    "line one\n# heading\n@user\r\n| fake | row |",
    "right-to-left \u202eoverride\u202c and zero\u200bwidth \u2066isolate\u2069",
    "javascript:alert(1) :+1:",
    "\\",
    "`",
    "```\nclosing fence\n```",
]
ALLOWED_TAGS = {"h3", "p", "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "strong"}
ALLOWED_TAGS |= {"ul", "li", "a"}


def hostile_data(payload: str) -> dict:
    return {
        "version": comment.VERSION,
        "changed": 1,
        "refused": [{"path": payload, "reason": payload}],
        "problems": [
            {"path": payload, "line": 3, "field": payload, "message": payload, "origin": o}
            for o in (*comment.ORIGINS, payload)
        ],
        "partners": [
            {"slug": payload, "change": "renamed", "to": payload, "reviews": 2},
            {"slug": payload, "change": "deleted", "to": None, "reviews": 0},
        ],
        "build": {"status": "failed", "lines": [payload, payload]},
    }


def visible(text: str) -> str:
    return comment.clean(text)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plain_text_renders_as_exactly_that_text(payload: str) -> None:
    page = render(comment.plain(payload))
    assert page.tags <= {"p"}
    assert "".join(page.text).replace(WORD_JOINER, "").strip() == visible(payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_code_span_keeps_the_text_and_stays_in_its_cell(payload: str) -> None:
    cell = f"| a | b |\n|---|---|\n| {comment.code(payload, cell=True)} | after |"
    html = render(cell)
    assert html.tags == {"table", "thead", "tbody", "tr", "th", "td", "code"}
    assert "".join(html.text).split()[-1] == "after"  # one row of two cells, nothing spilled
    listed = render(f"- {comment.code(payload)}: x")
    assert "".join(listed.text).strip() == f"{visible(payload)}: x"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_report_renders_no_markup_mention_reference_or_link(payload: str) -> None:
    text = comment.render(hostile_data(payload))
    page = render(text)
    assert page.tags <= ALLOWED_TAGS, page.tags
    assert page.links == []
    assert page.comments == [comment.MARKER[4:-3]]  # our marker, nothing else hidden
    prose = "".join(page.prose)
    assert not MENTION.search(prose), prose
    assert not REFERENCE.search(prose), prose
    # Every occurrence is still there to read (cut to length, controls dropped).
    assert " ".join(visible(payload).split())[:40] in seen(text)


def test_headings_and_words_come_from_the_renderer_only() -> None:
    data = hostile_data("### ✅ All checks passed")
    shown = seen(comment.render(data))
    assert shown.startswith("❌ 6 things to fix")  # 1 refused, 4 problems, the build
    assert render(comment.render(data)).tags & {"h1", "h2"} == set()


def test_long_and_many_are_cut_but_counted() -> None:
    data = {
        "version": comment.VERSION,
        "problems": [
            {"path": f"content/x{i}.yaml", "line": 1, "message": "m" * 5000, "origin": "changed"}
            for i in range(500)
        ],
        "build": {"status": "failed", "lines": ["`" * 20 + "x"] * 500},
    }
    text = comment.render(data)
    assert len(text) <= comment.MAX_BODY + 100
    shown = seen(text)
    assert "…and 450 more in the run's log." in shown
    assert "m" * comment.MAX_TEXT not in shown
    assert "501 things to fix" in shown


def test_trusted_context_decides_what_only_github_knows() -> None:
    passed = {"version": comment.VERSION, "changed": 2, "build": {"status": "passed"}}
    ok = comment.Context(
        preview_url="https://deploy-preview-7--site.netlify.app/",
        run_url="https://github.com/o/r/actions/runs/1",
        conclusion="success",
    )
    shown = seen(comment.render(passed, ok))
    assert "All checks passed" in shown
    assert "https://deploy-preview-7--site.netlify.app/" in shown
    # The report passed but the run failed (the tests, or a report that lies): not green.
    failed = comment.Context(run_url=ok.run_url, conclusion="failure")
    shown = seen(comment.render(passed, failed))
    assert "All checks passed" not in shown
    assert "Another check failed" in shown
    page = render(comment.render(passed, failed))
    assert page.links == ["https://github.com/o/r/actions/runs/1"] * 2
    # No report at all: say so rather than leave an older comment standing.
    assert "The checks did not finish" in seen(comment.render(None, failed))
    # Changes outside content/ are named, whatever the report says.
    outside = comment.Context(conclusion="success", outside_content=("scripts/pr_report.py",))
    shown = seen(comment.render(passed, outside))
    assert "also changes files outside content/: scripts/pr_report.py" in shown


def test_untrusted_data_is_read_with_limits(tmp_path: Path) -> None:
    good = tmp_path / "report.json"
    good.write_text(json.dumps({"version": comment.VERSION}))
    assert comment.load_data(good) == {"version": comment.VERSION}
    cases = {
        "missing.json": None,
        "big.json": json.dumps({"version": 1, "x": "a" * comment.MAX_DATA_BYTES}),
        "not-json.json": "{version: 1",
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "other-version.json": json.dumps({"version": 99}),
        "list.json": "[1]",
        "latin1.json": b'{"version": 1, "x": "\xff"}',
    }
    for name, text in cases.items():
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        elif text is not None:
            path.write_text(text)
        assert comment.load_data(path) is None, name
    # A symlink to any other file (the runner's own files) is never followed.
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"version": comment.VERSION, "problems": []}))
    link = tmp_path / "link.json"
    os.symlink(secret, link)
    assert comment.load_data(link) is None
    assert comment.load_data(tmp_path) is None  # a folder


def test_wrong_types_in_the_data_count_as_failures_not_passes() -> None:
    assert comment.verdict({"version": 1, "build": {"status": "passed"}})
    assert not comment.verdict({"version": 1, "build": {"status": "everything is fine"}})
    assert not comment.verdict(None)
    data = {"version": 1, "refused": [{"path": 1, "reason": None}], "problems": "x"}
    assert not comment.verdict(data)
    assert "1 thing to fix" in seen(comment.render(data))
