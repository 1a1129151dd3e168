"""Real Pelican builds of broken content: what reaches the build log, and how.

The log is public on a pull request: a content problem must be one whole line there, whatever
the terminal's width, and a link in content/ must stop the build without anything behind it
reaching the log.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT, run_pelican

from copernica_directory.model.loader import load_content

MARKER = "s3cret-marker-9e107d9d372bb682"
LINK = (
    "is a symbolic link; everything under content/ must be a regular file or folder "
    "(replace the link with the file itself)"
)
FIFO = "is a named pipe (FIFO); everything under content/ must be a regular file or folder"


def build(content: Path, tmp_path: Path, **env: str) -> tuple[int, list[str], str]:
    """A real build; its exit code, the lines of stdout and stderr together, and the text."""
    result = run_pelican(content, tmp_path / "output", env={"DIRECTORY_TEST_SECRET": MARKER, **env})
    output = result.stdout + result.stderr
    return result.returncode, output.splitlines(), output


def shown(content: Path, relative: str) -> str:
    """A content path as the build prints it (relative to where Pelican runs)."""
    return os.path.relpath(content / relative, ROOT)


def test_linked_profile_and_logo_stop_the_build_and_nothing_leaks(
    content_copy: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"name: {MARKER}\n", encoding="utf-8")
    profile = content_copy / "partners" / "maasmail" / "partner.yaml"
    profile.unlink()
    profile.symlink_to(secret)
    logo = content_copy / "partners" / "datadijk" / "logo.svg"
    logo.unlink()
    logo.symlink_to("../atelier-courriel/logo.svg")  # another partner's logo
    (content_copy / "events" / "env.md").symlink_to("/proc/self/environ")
    code, lines, output = build(content_copy, tmp_path)
    assert code == 1
    for relative in (
        "partners/maasmail/partner.yaml",
        "partners/datadijk/logo.svg",
        "events/env.md",
    ):
        assert f"{shown(content_copy, relative)}:1:1: {LINK}" in lines, output
    assert MARKER not in output
    assert "secret.txt" not in output
    assert not (tmp_path / "output" / "partners" / "datadijk").exists()  # nothing published


def test_named_pipe_stops_the_build_without_hanging(content_copy: Path, tmp_path: Path) -> None:
    path = content_copy / "cases" / "university-open-days.md"
    path.unlink()
    os.mkfifo(path)
    code, lines, output = build(content_copy, tmp_path)  # a read would wait forever
    assert code == 1
    assert f"{shown(content_copy, 'cases/university-open-days.md')}:1:1: {FIFO}" in lines, output


def test_every_problem_is_one_whole_line_at_any_terminal_width(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = content_copy / "partners" / "maasmail" / "partner.yaml"
    text = profile.read_text(encoding="utf-8")
    long_field = "a_field_name_nobody_would_write_" * 6
    text = text.replace("website:", f"{long_field}: 1\nwebsite:", 1)
    text = text.replace("country: NL", "country: NO")
    profile.write_text(text, encoding="utf-8")
    long_name = "an-unexpected-file-with-a-name-far-longer-than-forty-columns.txt"
    (profile.parent / long_name).write_text("x", encoding="utf-8")
    # What the build must print, line for line: the validator's lines, with paths as the
    # build (run in the repository) shows them.
    monkeypatch.chdir(ROOT)
    _, problems = load_content(content_copy)
    expected = [p.format_text() for p in problems]
    assert len(expected) >= 3 and min(len(line) for line in expected) > 100
    assert any(p.field for p in problems)  # `path:line:col: field: message` lines too
    code, lines, output = build(content_copy, tmp_path, COLUMNS="40")
    assert code == 1
    for line in expected:
        assert line in lines, (line, output)
    assert "Traceback" not in output
