#!/usr/bin/env python3
"""The site benchmark (`make bench`): build, memory, validation, rebuild, search. See `--help`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.bench.bench import main

if __name__ == "__main__":
    sys.exit(main())
