#!/usr/bin/env python3
"""The review pipeline: `scripts/reviews.py import FILE|-|--from-api; queue [--json];
approve ID --by NAME; reject ID --by NAME --reason TEXT; respond ID --body TEXT; invite ...`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.reviews.cli import main

if __name__ == "__main__":
    sys.exit(main())
