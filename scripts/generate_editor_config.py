#!/usr/bin/env python3
"""Write the web editor's configuration (editor/config.yml) from the content model, or with
--check exit 1 when it is stale: `scripts/generate_editor_config.py [--check]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
