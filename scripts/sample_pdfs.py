#!/usr/bin/env python3
"""Write the sample whitepapers' PDFs from docs/samples/whitepapers/: `scripts/sample_pdfs.py`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.tools.sample_pdfs import main

if __name__ == "__main__":
    sys.exit(main())
