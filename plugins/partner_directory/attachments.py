"""Files beside the content (logos, covers, PDFs) as they are published.

An SVG is never copied: the model's cleaner writes it again from its parsed tree
(partnermodel.svgclean), so the file served is the one that passed the checks, without what the
checks left out. Other files are copied as they are (raster logos ship only as renditions).
"""

from __future__ import annotations

from pathlib import Path

from partnermodel import ContentError, Problem
from partnermodel.loader import display_path
from partnermodel.logos import clean_svg

from .incremental import copy_output, write_output


def cleaned_svg(source: Path) -> bytes:
    """The SVG at `source` as we publish it; ContentError if it no longer passes the checks
    (it changed after the content was loaded)."""
    result = clean_svg(source.read_bytes())
    if result.svg is None:
        shown = display_path(source)
        raise ContentError(Problem(shown, 1, 1, "", problem) for problem in result.problems)
    return result.svg


def publish_file(source: Path, target: Path) -> None:
    """Put the file at `source` into the output at `target`: an SVG cleaned, others copied."""
    if source.suffix.lower() == ".svg":
        write_output(target, cleaned_svg(source))
    else:
        copy_output(source, target)
