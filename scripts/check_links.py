#!/usr/bin/env python3
"""Check every internal link in the built site: `scripts/check_links.py [output]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.sitecheck.links import main

if __name__ == "__main__":
    sys.exit(main())
