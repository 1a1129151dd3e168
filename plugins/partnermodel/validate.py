"""The validator: check the whole content tree or some files, print one line per problem."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .loader import load_content
from .problems import format_problems

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="validate.py",
        description="Validate partner profiles, cases, reviews, library items, events and "
        "taxonomies. "
        "Prints path:line:col: field: message for every problem; exit 1 if any.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="files or folders to check (default: the whole content tree)",
    )
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="the content root (default: content)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text (default), github (Actions annotations) or json",
    )
    return parser


def _expand(paths: Sequence[Path], root: Path) -> list[Path] | None:
    """Files to check; None means the whole tree."""
    if not paths:
        return None
    files: list[Path] = []
    root = root.resolve()
    for path in paths:
        resolved = path.resolve()
        if resolved == root:
            return None
        if root not in resolved.parents:
            raise ValueError(f"{path} is not inside the content folder {root.name}/")
        if resolved.is_dir():
            files.extend(p for p in resolved.rglob("*") if p.is_file())
            files.append(resolved)
        elif resolved.exists():
            files.append(resolved)
        else:
            raise ValueError(f"{path}: no such file or folder")
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """Run the validator; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.content.is_dir():
        parser.print_usage(sys.stderr)
        print(f"validate.py: error: content folder {args.content} not found", file=sys.stderr)
        return EXIT_USAGE
    try:
        files = _expand(args.paths, args.content)
    except ValueError as err:
        parser.print_usage(sys.stderr)
        print(f"validate.py: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    content, problems = load_content(args.content, files)
    if problems:
        print(format_problems(problems, args.format))
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} found", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.format == "json":
        print("[]")
    print(
        f"OK: {len(content.partners)} partners, {len(content.cases)} cases, "
        f"{len(content.reviews)} reviews, {len(content.library)} library items, "
        f"{len(content.events)} events checked",
        file=sys.stderr,
    )
    return EXIT_OK
