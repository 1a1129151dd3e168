"""The site build as a check: a real Pelican build, and the lines that say why it failed."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from copernica_directory.buildcommand import pelican_command

# Everything after this line is Python's traceback: for developers, not for the comment.
_TRACEBACK = "Traceback (most recent call last):"


@dataclass(frozen=True)
class BuildResult:
    """Whether the site built, the build's own messages, and its whole log (for the job log)."""

    ok: bool
    lines: tuple[str, ...]
    log: str


def build_command(settings: Path, content: Path, output: Path) -> list[str]:
    """The build `make build` runs, with the plain log handler: one message a line, never
    wrapped to a terminal's width."""
    return pelican_command(content, output, settings, "--log-handler", "plain")


def problem_lines(log: str) -> tuple[str, ...]:
    """The messages of a failed build: every non-empty line before Python's traceback."""
    head = log.split(_TRACEBACK, 1)[0]
    return tuple(line.rstrip() for line in head.splitlines() if line.strip())


def run_build(repo: Path, settings: Path) -> BuildResult:
    """Build the repository's content/ with `settings` into a temporary folder, run from the
    repository so the messages name its paths. The output is thrown away: only the verdict
    and the messages count (Netlify builds the deploy preview itself)."""
    with tempfile.TemporaryDirectory(prefix="pr-build-") as output:
        result = subprocess.run(
            build_command(settings.resolve(), Path("content"), Path(output)),
            cwd=repo,
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
        )
    log = result.stdout + result.stderr
    if result.returncode == 0:
        return BuildResult(True, (), log)
    return BuildResult(False, problem_lines(log) or (f"exit status {result.returncode}",), log)
