"""Logo files partners upload: checked before anything is published, resized for the theme.

SVG is XML that browsers can run script from, so an SVG logo may hold only drawing elements:
no script, no event handlers, no foreign objects, no style sheets, no links or references
outside the file. A logo that breaks the rules is rejected with the reason, not silently
rewritten, so the partner knows what to fix. Raster logos (PNG, WebP) are decoded with Pillow,
checked for type, size and dimensions, and resized at build time to what the theme shows.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from PIL import Image, UnidentifiedImageError

from .contentfiles import Refused, read_bytes

MAX_SVG_BYTES = 200_000
MAX_RASTER_BYTES = 2_000_000
MAX_PIXELS = 4096
MIN_PIXELS = 64
# The sizes the theme shows a raster logo at (CSS pixels x2 for sharp screens).
RENDITIONS = (240, 120)

SVG_NS = "{http://www.w3.org/2000/svg}"
ALLOWED_ELEMENTS = frozenset(
    {
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "title", "desc", "defs", "linearGradient", "radialGradient",
        "stop", "clipPath", "mask", "symbol", "use", "metadata",
    }
)  # fmt: skip
_URL_REF = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)
_DANGEROUS_VALUE = re.compile(r"javascript:|data:|vbscript:|expression\s*\(|@import", re.I)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def svg_problems(data: bytes) -> list[str]:
    """Why this SVG cannot be published (empty when it can)."""
    if len(data) > MAX_SVG_BYTES:
        return [f"the SVG is {len(data):,} bytes; at most {MAX_SVG_BYTES:,} allowed"]
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return ["the SVG declares a DTD or entities; remove the <!DOCTYPE> and <!ENTITY> lines"]
    except ParseError as err:
        return [f"not a valid SVG file ({err})"]
    if root.tag != f"{SVG_NS}svg":
        return [
            'not an SVG file: the root element must be <svg xmlns="http://www.w3.org/2000/svg">'
        ]
    problems: list[str] = []
    for element in root.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else "?"
        if not element.tag.startswith(SVG_NS) or tag not in ALLOWED_ELEMENTS:
            problems.append(f"the SVG contains <{tag}>, which logos may not use")
            continue
        for name, value in element.attrib.items():
            attr = _local(name)
            if attr.lower().startswith("on"):
                problems.append(f"the SVG has an event handler ({attr}) on <{tag}>")
            elif attr == "href" and not value.strip().startswith("#"):
                problems.append(f"<{tag}> links outside the logo ({value[:60]!r})")
            elif _DANGEROUS_VALUE.search(value) or _URL_REF.search(value):
                problems.append(f"the {attr} attribute of <{tag}> refers outside the logo")
    return sorted(set(problems))


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


def logo_problems(path: Path) -> list[str]:
    """Why the logo at `path` cannot be published (empty when it can)."""
    try:
        data = read_bytes(path, max(MAX_SVG_BYTES, MAX_RASTER_BYTES), "a logo")
    except (Refused, OSError) as err:
        return [str(err) if isinstance(err, Refused) else f"cannot be read ({err.strerror})"]
    extension = path.suffix.lower().lstrip(".")
    return svg_problems(data) if extension == "svg" else raster_problems(data, extension)


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
