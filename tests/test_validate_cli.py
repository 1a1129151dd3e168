"""scripts/validate.py through its real entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, write

SCRIPT = ROOT / "scripts" / "validate.py"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def break_profile(content: Path) -> Path:
    path = content / "partners" / "bolgen-digital" / "partner.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("country: DK", "country: NO").replace("brands:", "brandz:")
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_content_is_valid() -> None:
    result = run()
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("OK: ")


def test_broken_profile_prints_every_problem_as_path_line_col(content_copy: Path) -> None:
    path = break_profile(content_copy)
    result = run("--content", "content", cwd=content_copy.parent)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    rel = "content/partners/bolgen-digital/partner.yaml"
    text = path.read_text(encoding="utf-8").splitlines()
    brand_line = next(i for i, line in enumerate(text, 1) if line.startswith("brandz:"))
    country_line = next(i for i, line in enumerate(text, 1) if "country: NO" in line)
    assert lines == [
        f"{rel}:{brand_line}:1: brandz: unknown field. Did you mean 'brands'? Allowed fields: "
        "name, website, tagline, description, brands, expertise, industries, languages, "
        "location, regions, contact, logo, founded, accepting_clients, maintainers",
        f"{rel}:{country_line}:12: location.country: YAML reads NO as the boolean false; "
        'quote it: "NO"',
    ]
    assert result.stderr.strip() == "2 problems found"


def test_github_format_annotates_the_line(content_copy: Path) -> None:
    break_profile(content_copy)
    result = run("--content", "content", "--format", "github", cwd=content_copy.parent)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=content/partners/bolgen-digital/partner.yaml,line=")
    assert ",title=brandz::unknown field." in first


def test_named_files_only_report_their_own_problems(content_copy: Path) -> None:
    break_profile(content_copy)
    other = content_copy / "partners" / "fjordvarsel" / "partner.yaml"
    result = run("--content", "content", str(other), cwd=content_copy.parent)
    assert result.returncode == 0, result.stdout
    result = run("--content", "content", "content/partners/bolgen-digital", cwd=content_copy.parent)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 2


def test_json_format(content_copy: Path) -> None:
    break_profile(content_copy)
    result = run("--content", "content", "--format", "json", cwd=content_copy.parent)
    assert result.returncode == 1
    assert '"field": "location.country"' in result.stdout


def test_misuse_exits_2(tmp_path: Path) -> None:
    assert run("--format", "xml").returncode == 2
    assert run("/etc/passwd").returncode == 2
    assert run("content/partners/no-such-partner").returncode == 2
    assert run("--content", str(tmp_path / "missing")).returncode == 2


def test_bad_utf8_is_reported(content_copy: Path) -> None:
    path = content_copy / "partners" / "bolgen-digital" / "partner.yaml"
    path.write_bytes(b"name: Caf\xe9\n")
    result = run("--content", "content", cwd=content_copy.parent)
    assert result.returncode == 1
    assert "not UTF-8 text" in result.stdout
    write(path, "")
