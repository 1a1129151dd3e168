"""The validator: check the whole content tree or some files, print one line per problem."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from copernica_directory.cli import (
    EXIT_OK,
    EXIT_PROBLEMS,
    add_content_option,
    parse_args,
)
from copernica_directory.model.loader import load_content
from copernica_directory.model.problems import format_problems


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
    add_content_option(parser)
    parser.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text (default), github (Actions annotations) or json",
    )
    return parser


def _expand(paths: Sequence[Path], root: Path) -> list[Path] | None:
    """Files to check; None means the whole tree.

    Paths are taken as written (made absolute, never resolved): a link is checked as the link
    it is, and a folder is walked without entering linked folders, so the loader reports every
    link instead of checking whatever it points to.
    """
    if not paths:
        return None
    files: list[Path] = []
    root_abs = Path(os.path.abspath(root))
    root_real = Path(os.path.realpath(root))
    for path in paths:
        given = Path(os.path.abspath(path))
        if given in (root_abs, root_real):
            return None
        if root_abs in given.parents:
            inside = given
        elif root_real in given.parents:  # the content root spelled another way
            inside = root_abs / given.relative_to(root_real)
        else:
            raise ValueError(f"{path} is not inside the content folder {root_abs.name}/")
        if not os.path.lexists(inside):
            raise ValueError(f"{path}: no such file or folder")
        files.append(inside)
        if inside.is_dir() and not inside.is_symlink():
            for folder, dirs, names in os.walk(inside):  # does not follow links
                files.extend(Path(folder, name) for name in (*dirs, *names))
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """Run the validator; returns the exit code."""
    parser = _parser()
    args = parse_args(parser, argv)
    try:
        files = _expand(args.paths, args.content)
    except ValueError as err:
        parser.error(str(err))
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
