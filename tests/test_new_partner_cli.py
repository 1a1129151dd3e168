"""scripts/new_partner.py scaffolds a profile that validates, through its real entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from copernica_directory.model import load_content


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "new_partner.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_scaffold_is_valid_and_refuses_to_overwrite(content_copy: Path) -> None:
    cwd = content_copy.parent
    result = run(cwd, "nieuwe-partner", "--name", "Nieuwe Partner BV", "--maintainer", "np-jan")
    assert result.returncode == 0, result.stderr
    content, problems = load_content(content_copy)
    assert problems == []
    partner = content.partners["nieuwe-partner"]
    assert (partner.name, partner.maintainers) == ("Nieuwe Partner BV", ("np-jan",))
    assert run(cwd, "nieuwe-partner").returncode == 1


def test_bad_slug_is_misuse(content_copy: Path) -> None:
    result = run(content_copy.parent, "Nieuwe_Partner")
    assert result.returncode == 2
    assert "not a valid slug" in result.stderr
