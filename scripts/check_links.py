#!/usr/bin/env python3
"""Check every internal link in the built site: `scripts/check_links.py [output]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from copernica_directory.sitecheck.links import check_links


def main() -> int:
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "output")
    if not output.is_dir():
        print(f"check_links.py: {output} not found; run make build first", file=sys.stderr)
        return 2
    broken = check_links(output)
    for link in broken:
        print(link)
    print(f"{len(broken)} broken internal links", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
