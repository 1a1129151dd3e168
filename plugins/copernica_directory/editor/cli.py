"""The command behind scripts/generate_editor_config.py."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from copernica_directory.editor.config import CONFIG_FILE, config_text

# The repository the editor commits to, and the site its preview links open.
REPOSITORY = "copernica/partner-directory"
SITE_URL = "https://partners.copernica.com"


def main(argv: Sequence[str] | None = None) -> int:
    """Write editor/config.yml, or with --check exit 1 when it is stale."""
    parser = argparse.ArgumentParser(prog="generate_editor_config.py")
    parser.add_argument("--check", action="store_true", help="only report a stale file")
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--out", type=Path, default=CONFIG_FILE)
    args = parser.parse_args(argv)
    text = config_text(args.content, REPOSITORY, SITE_URL)
    if args.out.is_file() and args.out.read_text(encoding="utf-8") == text:
        return 0
    if args.check:
        print(f"{args.out} is stale: run scripts/generate_editor_config.py")
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0
