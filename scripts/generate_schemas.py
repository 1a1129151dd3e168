#!/usr/bin/env python3
"""Write the JSON Schemas in schemas/ and the docs' field tables from the content model
(`--check`: are they current?)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.model.jsonschemas import main

if __name__ == "__main__":
    sys.exit(main())
