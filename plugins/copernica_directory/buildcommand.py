"""The command line of a site build as `make build` runs it (`pelican -s pelican.conf.py
--fatal errors`), for what starts a build of its own: the pull-request check, the benchmark
and the tests. Imports nothing of the project, so none of them loads the Pelican plugin.
"""

from __future__ import annotations

import sys
from pathlib import Path


def pelican_command(content: Path, output: Path, settings: Path, *extra: str) -> list[str]:
    """A build of `content` into `output` with `settings`, by this Python, that stops at the
    first error; `extra`: more of Pelican's options."""
    return [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-o",
        str(output),
        "-s",
        str(settings),
        "--fatal",
        "errors",
        *extra,
    ]
