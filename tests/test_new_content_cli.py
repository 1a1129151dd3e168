"""scripts/new_content.py through its real entry point: a valid draft of every type."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT

from copernica_directory.model import load_content

SCRIPT = ROOT / "scripts" / "new_content.py"


def run(content: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("article", "library/articles/new-thing.md"),
        ("best-practice", "library/best-practices/new-thing.md"),
        ("whitepapers", "library/whitepapers/new-thing.md"),
        ("event", "events/new-thing.md"),
    ],
)
def test_writes_a_valid_draft(content_copy: Path, kind: str, path: str) -> None:
    result = run(content_copy, kind, "new-thing", "--title", "A new: thing")
    assert result.returncode == 0, result.stderr
    content, problems = load_content(content_copy)
    assert problems == []
    items = {**content.library, **content.events}
    key = path.removeprefix("library/").removeprefix("events/").removesuffix(".md")
    item = items[key]
    assert item.status == "draft" and item.title == "A new: thing"
    if kind == "whitepapers":
        reader = pypdf.PdfReader(content_copy / "library" / "whitepapers" / "new-thing.pdf")
        assert "placeholder" in reader.pages[0].extract_text()


def test_event_kinds_and_their_places(content_copy: Path) -> None:
    assert run(content_copy, "event", "online-thing", "--kind", "webinar").returncode == 0
    assert run(content_copy, "event", "fair-thing", "--kind", "fair").returncode == 0
    content, problems = load_content(content_copy)
    assert problems == []
    assert content.events["online-thing"].city is None
    assert content.events["fair-thing"].kind == "fair"


def test_existing_files_and_misuse(content_copy: Path) -> None:
    result = run(content_copy, "article", "five-questions-before-you-migrate")
    assert result.returncode == 1 and "already exists" in result.stderr
    assert run(content_copy, "podcast", "x").returncode == 2
    assert run(content_copy, "article", "Not A Slug").returncode == 2
    assert run(content_copy.parent / "nowhere", "article", "x").returncode == 2
