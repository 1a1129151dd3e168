"""Fingerprinted static assets: theme/static/x/name.ext is published as /assets/x/name.<hash>.ext.

A file's name changes whenever its content does, so every asset can be cached for a year
(netlify.toml) and a deploy is never half old, half new. Templates ask for `asset('css/site.css')`.

The theme's scripts are ES modules that import each other by relative address
(`import { fold } from "../lunr-fold.js"`). Published, those addresses must name the
fingerprinted files, and a module's name must change when a module it imports changes (a
browser holding the old importer for a year would otherwise load a dependency that no longer
exists). So every relative import specifier of a published .js file is rewritten to the
fingerprinted name of the file it names, and a script's fingerprint is the digest of its
rewritten text: it holds its imports' names, which hold theirs, so a change anywhere below a
module renames it. (An import map could map the names instead, but it must be an inline
script, which the Content-Security-Policy forbids; browsers do not load external ones.)
Every specifier must name a published .js file and modules may not import each other in a
cycle (no order of fingerprints would exist): either stops the build with the file and line.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from copernica_directory.runtime.incremental import OutputWriter

ASSETS_DIR = "assets"
PUBLISHED_SUFFIXES = (".css", ".js", ".svg", ".png", ".webp", ".ico", ".woff2")
# A relative module specifier after `from`, `import` or `import(`: `from "./x.js"`,
# `import "./x.js"`, `import("../x.js")`. Bare specifiers (packages) are not ours to publish.
IMPORT_SPECIFIER = re.compile(
    r"""(?P<lead>\b(?:from|import)\s*\(?\s*)(?P<quote>["'])(?P<spec>\.\.?/[^"'\n]*)(?P=quote)"""
)


class AssetError(ValueError):
    """A theme script imports something that cannot be published (a theme bug)."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def _fingerprinted(rel: str, data: bytes) -> str:
    stem, dot, suffix = rel.rpartition(".")
    return f"{stem}.{_digest(data)}{dot}{suffix}"


class StaticAssets:
    """The theme's static files, their fingerprinted names and the scripts' rewritten text."""

    def __init__(self, static_dir: Path) -> None:
        self.static_dir = static_dir
        self.names: dict[str, str] = {}
        # What each script imports (published paths below static_dir, in source order).
        self.imports: dict[str, list[str]] = {}
        # The published bytes of scripts whose specifiers were rewritten.
        self.rewritten: dict[str, bytes] = {}
        sources: dict[str, bytes] = {}
        for path in sorted(static_dir.rglob("*")):
            if path.is_file() and path.suffix in PUBLISHED_SUFFIXES:
                sources[path.relative_to(static_dir).as_posix()] = path.read_bytes()
        for rel, data in sources.items():
            if not rel.endswith(".js"):
                self.names[rel] = _fingerprinted(rel, data)
        for rel in sources:
            if rel.endswith(".js"):
                self._name_script(rel, sources, ())

    def _specifiers(
        self, rel: str, data: bytes, sources: dict[str, bytes]
    ) -> list[tuple[str, re.Match[str]]]:
        """The published files `rel` imports, each with its specifier's match in the text."""
        text = data.decode("utf-8")
        found = []
        for match in IMPORT_SPECIFIER.finditer(text):
            spec = match["spec"]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), spec))
            if target.startswith("../") or target not in sources or not target.endswith(".js"):
                line = text.count("\n", 0, match.start("spec")) + 1
                raise AssetError(
                    f"{self.static_dir / rel}:{line}: import {spec!r} names no script in "
                    f"{self.static_dir} (a module may import only the theme's own .js files, "
                    "by a relative address starting with ./ or ../)"
                )
            found.append((target, match))
        return found

    def _name_script(self, rel: str, sources: dict[str, bytes], chain: tuple[str, ...]) -> str:
        """The fingerprinted name of script `rel`, its imports named first (depth first)."""
        if rel in self.names:
            return self.names[rel]
        if rel in chain:
            cycle = " -> ".join((*chain[chain.index(rel) :], rel))
            raise AssetError(
                f"{self.static_dir}: modules import each other in a cycle ({cycle}); "
                "fingerprints need an order, so break the cycle"
            )
        data = sources[rel]
        specifiers = self._specifiers(rel, data, sources)
        self.imports[rel] = [target for target, _match in specifiers]
        if specifiers:
            text = data.decode("utf-8")
            here = posixpath.dirname(rel)
            pieces, last = [], 0
            for target, match in specifiers:
                name = self._name_script(target, sources, (*chain, rel))
                address = posixpath.relpath(name, here or ".")
                if not address.startswith("../"):
                    address = "./" + address
                pieces += [text[last : match.start("spec")], address]
                last = match.end("spec")
            data = ("".join(pieces) + text[last:]).encode("utf-8")
            self.rewritten[rel] = data
        self.names[rel] = _fingerprinted(rel, data)
        return self.names[rel]

    def url(self, rel: str, site_url: str = "") -> str:
        """The published address of theme/static/`rel`; an unknown file is a template bug."""
        try:
            return f"{site_url}/{ASSETS_DIR}/{self.names[rel]}"
        except KeyError:
            raise KeyError(f"asset {rel!r} not found in {self.static_dir}") from None

    def write(self, writer: OutputWriter, output: Path) -> None:
        """Write every asset to output/assets/ under its fingerprinted name."""
        for rel, name in self.names.items():
            target = output / ASSETS_DIR / name
            if rel in self.rewritten:
                writer.write(target, self.rewritten[rel])
            else:
                writer.copy(self.static_dir / rel, target)
