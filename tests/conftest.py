"""Shared fixtures: a copy of the sample content to break, and real Pelican builds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


def write(path: Path, text: str) -> Path:
    """Write `text` to `path`, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the sample content tree."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def run_pelican(content: Path, output: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """A real Pelican build with the project's settings, theme and plugins."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-o",
            str(output),
            "-s",
            str(ROOT / "pelican.conf.py"),
            "--fatal",
            "errors",
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content built once per test session into a temporary folder."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = run_pelican(CONTENT, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output
