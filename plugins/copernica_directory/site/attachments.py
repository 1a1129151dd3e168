"""Files beside the content (logos, covers, PDFs) as they are published.

An SVG is never copied: the model's cleaner writes it again from its parsed tree
(model.svgclean), so the file served is the one that passed the checks, without what the
checks left out. Other files are copied as they are (raster logos ship only as renditions).
"""

from __future__ import annotations

from pathlib import Path

from copernica_directory.model import ContentError, Problem
from copernica_directory.model.contentfiles import Refused, read_bytes
from copernica_directory.model.loader import display_path
from copernica_directory.model.logos import MAX_SVG_BYTES, clean_svg
from copernica_directory.runtime.incremental import OutputWriter


def cleaned_svg(source: Path) -> bytes:
    """The SVG at `source` as we publish it; ContentError if it no longer passes the checks
    (it changed after the content was loaded)."""
    shown = display_path(source)
    try:
        # Read as the loader reads: a regular file only, never through a link.
        result = clean_svg(read_bytes(source, MAX_SVG_BYTES, "an SVG"))
    except Refused as err:
        raise ContentError([Problem(shown, 1, 1, "", str(err))]) from None
    if result.svg is None:
        raise ContentError(Problem(shown, 1, 1, "", problem) for problem in result.problems)
    return result.svg


def publish_file(writer: OutputWriter, source: Path, target: Path) -> None:
    """Put the file at `source` into the output at `target`: an SVG cleaned, others copied."""
    if source.suffix.lower() == ".svg":
        writer.write(target, cleaned_svg(source))
    else:
        writer.copy(source, target)
