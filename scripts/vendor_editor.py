#!/usr/bin/env python3
"""Fetch the web editor's pinned browser code into the virtual environment (`make install`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.editor.vendor import PINS, VendorError, fetch

if __name__ == "__main__":
    for pin in PINS:
        try:
            bundle = fetch(Path(sys.prefix), pin)
        except VendorError as error:
            sys.exit(f"vendor_editor.py: {error}")
        print(f"{pin.spec} ready ({len(bundle.files)} files, {bundle.digest})")
