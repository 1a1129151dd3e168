"""Fingerprinted static assets: theme/static/x/name.ext is published as /assets/x/name.<hash>.ext.

A file's name changes whenever its content does, so every asset can be cached for a year
(netlify.toml) and a deploy is never half old, half new. Templates ask for `asset('css/site.css')`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .incremental import copy_output

ASSETS_DIR = "assets"
PUBLISHED_SUFFIXES = (".css", ".js", ".svg", ".png", ".webp", ".ico", ".woff2")


class StaticAssets:
    """The theme's static files and their fingerprinted names."""

    def __init__(self, static_dir: Path) -> None:
        self.static_dir = static_dir
        self.names: dict[str, str] = {}
        for path in sorted(static_dir.rglob("*")):
            if path.is_file() and path.suffix in PUBLISHED_SUFFIXES:
                rel = path.relative_to(static_dir).as_posix()
                digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
                stem, dot, suffix = rel.rpartition(".")
                self.names[rel] = f"{stem}.{digest}{dot}{suffix}"

    def url(self, rel: str, site_url: str = "") -> str:
        """The published address of theme/static/`rel`; an unknown file is a template bug."""
        try:
            return f"{site_url}/{ASSETS_DIR}/{self.names[rel]}"
        except KeyError:
            raise KeyError(f"asset {rel!r} not found in {self.static_dir}") from None

    def write(self, output: Path) -> None:
        """Copy every asset to output/assets/ under its fingerprinted name."""
        for rel, name in self.names.items():
            copy_output(self.static_dir / rel, output / ASSETS_DIR / name)
