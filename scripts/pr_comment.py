#!/usr/bin/env python3
"""Post the pull-request report comment from the privileged job. See `--help`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.prchecks.bot import main

if __name__ == "__main__":
    sys.exit(main())
