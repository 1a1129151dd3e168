"""Whitepaper PDFs: checked before they are published beside the whitepaper's page.

A PDF can carry scripts, launch actions and embedded files that run or open on the reader's
machine. We serve these files from our own domain and partners pass them on, so a PDF that
declares any of them is rejected with the reason. The check reads the file's bytes: it is a
screen for what exporters write by default, not a full PDF parser (objects hidden in compressed
streams are not expanded).
"""

from __future__ import annotations

import re
from pathlib import Path

from .contentfiles import Refused, read_bytes

MAX_PDF_BYTES = 10_000_000  # what a whitepaper's `file` may be (library_model), read at most
HEADER = b"%PDF-"
TRAILER = b"%%EOF"
# The PDF names of actions and payloads a whitepaper never needs (PDF 1.7, 12.6 and 7.11).
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])")
_NAMES = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"Launch": "an action that starts a program",
    b"EmbeddedFile": "an embedded file",
    b"EmbeddedFiles": "embedded files",
    b"RichMedia": "embedded media",
    b"XFA": "an XFA form",
}


def pdf_problems(path: Path) -> list[str]:
    """Why the PDF at `path` cannot be published (empty when it can)."""
    try:
        data = read_bytes(path, MAX_PDF_BYTES, "a PDF")
    except (Refused, OSError) as err:
        return [str(err) if isinstance(err, Refused) else f"cannot be read ({err.strerror})"]
    if HEADER not in data[:1024]:
        return ["not a PDF file (it does not start with %PDF-); export the document as PDF"]
    if TRAILER not in data[-1024:]:
        return ["the PDF is incomplete (it does not end with %%EOF); export it again"]
    found = sorted({_NAMES[m.group(1)] for m in _ACTIVE.finditer(data)})
    return [f"the PDF contains {what}; export it without" for what in found]
