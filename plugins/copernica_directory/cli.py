"""What the command-line tools share: the exit statuses, the `--content` option and the way
misuse is reported. Imports nothing of the project."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# The tools' exit statuses: done, problems found (in the content, the review, ...), misuse.
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_content_option(parser: argparse.ArgumentParser) -> None:
    """`--content FOLDER`: the content tree to work on (default: `content`)."""
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="the content root (default: content)"
    )


def usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    """Report misuse as argparse does (the usage, then `PROG: error: MESSAGE`, on standard
    error) and return EXIT_USAGE, for a main() that returns its status rather than exiting."""
    parser.print_usage(sys.stderr)
    print(f"{parser.prog}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def missing_content(parser: argparse.ArgumentParser, content: Path) -> int | None:
    """EXIT_USAGE, after saying so, when `content` is not a folder; None when it is."""
    if content.is_dir():
        return None
    return usage_error(parser, f"content folder {content} not found")
