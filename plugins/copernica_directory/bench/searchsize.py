"""Search asset sizes from a built site's manifest: per file raw and gzip, and what the page
downloads before it can show the first result (theme/static/js/search.js: the manifest, the
page language's partner store and its core partner index, fetched in parallel)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any


def gzip_size(data: bytes) -> int:
    """Bytes on the wire with gzip at the level web servers use by default (6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _entry(folder: Path, name: str, role: str) -> dict[str, Any]:
    data = (folder / name).read_bytes()
    return {"file": name, "role": role, "raw": len(data), "gzip": gzip_size(data)}


def search_sizes(output: Path, page_lang: str = "en") -> dict[str, Any]:
    """Every search file with its size, and the total before the first result."""
    folder = output / "search"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = [_entry(folder, "manifest.json", "manifest")]
    first = ["manifest.json"]
    for index in manifest["indexes"]:
        role = f"index {index['covers']}/{index.get('part', 'all')}/{index['lang']}"
        files.append(_entry(folder, index["file"], role))
        primary = index.get("part") == "core" and index["lang"] == page_lang
        if index["covers"] == "partners" and primary:
            first.append(index["file"])
    for covers, by_lang in manifest.get("stores", {}).items():
        for lang, name in by_lang.items():
            files.append(_entry(folder, name, f"store {covers}/{lang}"))
            if covers == "partners" and lang == page_lang:
                first.append(name)
    by_name = {f["file"]: f for f in files}
    return {
        "files": files,
        "first_result_files": first,
        "first_result_raw": sum(by_name[n]["raw"] for n in first),
        "first_result_gzip": sum(by_name[n]["gzip"] for n in first),
        "total_raw": sum(f["raw"] for f in files),
        "total_gzip": sum(f["gzip"] for f in files),
    }
