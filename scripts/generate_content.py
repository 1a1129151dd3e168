#!/usr/bin/env python3
"""Write a synthetic content tree for the benchmark. See `--help`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.bench.generate import main

if __name__ == "__main__":
    sys.exit(main())
