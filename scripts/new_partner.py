#!/usr/bin/env python3
"""Scaffold a partner profile: `scripts/new_partner.py SLUG [--name NAME] [--maintainer LOGIN]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.tools.scaffold import main

if __name__ == "__main__":
    sys.exit(main())
