#!/usr/bin/env python3
"""The pull-request comment: what to fix, in plain language. See `--help`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.prchecks.report import main

if __name__ == "__main__":
    sys.exit(main())
