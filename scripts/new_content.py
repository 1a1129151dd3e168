#!/usr/bin/env python3
"""Scaffold a draft library item or event: `scripts/new_content.py TYPE SLUG [--title TITLE]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.tools.content_scaffold import main

if __name__ == "__main__":
    sys.exit(main())
