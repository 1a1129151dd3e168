#!/usr/bin/env python3
"""Validate the content: `scripts/validate.py [PATH ...] [--format text|github|json]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.tools.validate import main

if __name__ == "__main__":
    sys.exit(main())
