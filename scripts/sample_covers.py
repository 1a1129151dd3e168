#!/usr/bin/env python3
"""Write the sample cases' cover images: `scripts/sample_covers.py`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.tools.sample_covers import main

if __name__ == "__main__":
    sys.exit(main())
