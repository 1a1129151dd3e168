#!/usr/bin/env python3
"""Benchmark the review import: `scripts/bench_reviews.py [--submissions 10000]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.reviews.bench import main

if __name__ == "__main__":
    sys.exit(main())
