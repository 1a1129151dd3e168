"""What the command-line tools share: the exit statuses, and the `--content` option with its
check. Imports nothing of the project."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

# The tools' exit statuses: done, problems found (in the content, the review, ...), misuse.
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_content_option(parser: argparse.ArgumentParser) -> None:
    """`--content FOLDER`: the content tree to work on (default: `content`)."""
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="the content root (default: content)"
    )


def parse_args(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments, when `--content` names a folder; misuse stops the tool as argparse does
    (the usage, then `PROG: error: MESSAGE`, exit status EXIT_USAGE)."""
    args = parser.parse_args(argv)
    if not args.content.is_dir():
        parser.error(f"content folder {args.content} not found")
    return args
