"""Logo files partners upload: checked before anything is published, resized for the theme.

SVG logos are parsed as XML and checked against allow-lists of elements, attributes and CSS
(svgclean.py, svgstyle.py): what could run script or fetch anything is rejected with the
reason, not silently rewritten, so the partner knows what to fix; the copy published is
written from the parsed tree. Raster logos (PNG, WebP) are decoded with Pillow, checked for
type, size and dimensions, and resized at build time to what the theme shows.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from copernica_directory.model.contentfiles import Refused, read_bytes
from copernica_directory.model.svgclean import ALLOWED_ELEMENTS, MAX_SVG_BYTES, CleanSvg, clean_svg

__all__ = [
    "ALLOWED_ELEMENTS",
    "MAX_SVG_BYTES",
    "CleanSvg",
    "clean_svg",
    "image_problems",
    "logo_problems",
    "raster_problems",
    "svg_problems",
    "write_renditions",
]

MAX_RASTER_BYTES = 2_000_000
MAX_PIXELS = 4096
MIN_PIXELS = 64
# The sizes the theme shows a raster logo at (CSS pixels x2 for sharp screens).
RENDITIONS = (240, 120)


def svg_problems(data: bytes) -> list[str]:
    """Why this SVG cannot be published (empty when it can)."""
    return clean_svg(data).problems


def raster_problems(data: bytes, extension: str) -> list[str]:
    """Why this PNG or WebP cannot be published (empty when it can)."""
    if len(data) > MAX_RASTER_BYTES:
        return [f"the image is {len(data):,} bytes; at most {MAX_RASTER_BYTES:,} allowed"]
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as err:
        return [f"not a readable image ({err})"]
    expected = {"png": "PNG", "webp": "WEBP"}[extension]
    if kind != expected:
        return [f"the file is a {kind} image but is named .{extension}"]
    if max(width, height) > MAX_PIXELS or min(width, height) < MIN_PIXELS:
        return [
            f"the image is {width}x{height} pixels; each side must be "
            f"{MIN_PIXELS}-{MAX_PIXELS} pixels"
        ]
    return []


def image_problems(data: bytes, extension: str) -> list[str]:
    """Why an image file's bytes cannot be published as a logo or cover (empty when they can)."""
    extension = extension.lower().lstrip(".")
    return svg_problems(data) if extension == "svg" else raster_problems(data, extension)


def logo_problems(path: Path) -> list[str]:
    """Why the logo at `path` cannot be published (empty when it can)."""
    try:
        data = read_bytes(path, max(MAX_SVG_BYTES, MAX_RASTER_BYTES), "a logo")
    except (Refused, OSError) as err:
        return [str(err) if isinstance(err, Refused) else f"cannot be read ({err.strerror})"]
    return image_problems(data, path.suffix)


def write_renditions(source: Path, target_dir: Path) -> dict[int, str]:
    """Resized WebP copies of a raster logo for the theme: {width: file name}.

    A 5 MB upload never ships: visitors download at most the largest rendition.
    """
    names: dict[int, str] = {}
    with Image.open(source) as image:
        image.load()
        rgba = image.convert("RGBA")
    for width in RENDITIONS:
        copy = rgba.copy()
        copy.thumbnail((width, width), Image.Resampling.LANCZOS)
        name = f"logo-{width}.webp"
        copy.save(target_dir / name, "WEBP", quality=85, method=6)
        names[width] = name
    return names
