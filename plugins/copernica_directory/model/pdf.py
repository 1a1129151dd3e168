"""Whitepaper PDFs: parsed and walked before they are published beside the whitepaper's page.

A PDF can carry scripts, actions that start programs, send form data or open other files, and
embedded files and media. We serve these files from our own domain and partners pass them on,
so a PDF that holds any of them is rejected with the reason. The file is parsed with pypdf
(names with #xx escapes decoded, compressed object streams opened) and every object in its
cross-reference table is looked at, wherever it hangs in the document: the catalog's
/OpenAction, /AA and /Names, pages, annotations, form fields, outlines. A PDF that cannot be
parsed strictly (its structure is damaged, so readers may each repair it differently) or that
is encrypted (its contents cannot be read) is refused too.
"""

from __future__ import annotations

import io
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from copernica_directory.model.contentfiles import Refused, read_bytes

MAX_PDF_BYTES = 10_000_000  # what a whitepaper's `file` may be (model.library), read at most
HEADER = b"%PDF-"
TRAILER = b"%%EOF"
LINK_SCHEMES = frozenset({"https", "http", "mailto"})

_SCRIPT = "JavaScript"
_MEDIA = "embedded media"
# Dictionary keys whose presence is enough (PDF 2.0: 12.6.3, 7.7.4, 7.11.4, 12.7.9).
_KEYS = {
    "/JS": _SCRIPT,
    "/JavaScript": _SCRIPT,
    "/AA": "actions that run when the document, a page or a field is opened, closed or changed",
    "/EmbeddedFiles": "embedded files",
    "/EF": "embedded files",
    "/XFA": "an XFA form",
    "/RichMediaContent": _MEDIA,
}
# Action types (/S) a whitepaper never needs (12.6.4).
_ACTIONS = {
    "/JavaScript": _SCRIPT,
    "/ECMAScript": _SCRIPT,
    "/Launch": "an action that starts a program",
    "/SubmitForm": "a form that sends what is typed into it (SubmitForm)",
    "/ImportData": "an action that imports data into a form (ImportData)",
    "/GoToR": "a link that opens another PDF file (GoToR)",
    "/GoToE": "a link that opens an embedded PDF file (GoToE)",
    "/RichMediaExecute": _MEDIA,
    "/Rendition": _MEDIA,
    "/Movie": _MEDIA,
    "/Sound": _MEDIA,
}
# Annotation and object types (/Subtype, /Type) that carry files or media.
_TYPES = {
    "/FileAttachment": "an attached file",
    "/EmbeddedFile": "an embedded file",
    "/RichMedia": _MEDIA,
    "/Screen": _MEDIA,
    "/Movie": _MEDIA,
    "/Sound": _MEDIA,
    "/3D": _MEDIA,
}


def pdf_problems(path: Path) -> list[str]:
    """Why the PDF at `path` cannot be published (empty when it can)."""
    try:
        data = read_bytes(path, MAX_PDF_BYTES, "a PDF")
    except (Refused, OSError) as err:
        return [str(err) if isinstance(err, Refused) else f"cannot be read ({err.strerror})"]
    return pdf_data_problems(data)


def pdf_data_problems(data: bytes) -> list[str]:
    """Why a PDF file's bytes cannot be published (empty when they can)."""
    if HEADER not in data[:1024]:
        return ["not a PDF file (it does not start with %PDF-); export the document as PDF"]
    if TRAILER not in data[-1024:]:
        return ["the PDF is incomplete (it does not end with %%EOF); export it again"]
    # Imported when a PDF is checked: an incremental build that reads every file from the
    # parse cache never needs it.
    from pypdf import PdfReader

    problems: list[str] = []
    for strict in (True, False):
        try:
            reader = PdfReader(io.BytesIO(data), strict=strict)
            if reader.is_encrypted:
                return ["the PDF is encrypted or has a password; export it without protection"]
            found = sorted(set(_findings(reader)))
        # Whatever a hostile file makes the parser raise, the answer is the same: refused.
        except Exception as err:
            if not strict:
                break
            reason = " ".join(str(err).split())[:120] or type(err).__name__
            problems.append(
                f"the PDF cannot be read reliably ({reason}); export it again from the "
                "original document"
            )
            continue  # read it leniently too, to say what else it holds
        problems += [f"the PDF contains {what}; export it without" for what in found]
        break
    return problems


def _objects(reader: object) -> Iterator[object]:
    """Every object the file's cross-reference table names (object streams included), then
    the trailer, each once; arrays and dictionaries inside them are unpacked on the way."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    xref: dict[int, dict[int, int]] = reader.xref  # type: ignore[attr-defined]
    compressed: dict[int, object] = reader.xref_objStm  # type: ignore[attr-defined]
    references = [(idnum, gen) for gen, ids in xref.items() for idnum in ids]
    references += [(idnum, 0) for idnum in compressed]
    stack: list[object] = [reader.trailer]  # type: ignore[attr-defined]
    for idnum, gen in sorted(set(references), reverse=True):
        stack.append(IndirectObject(idnum, gen, reader))  # type: ignore[arg-type]
    seen: set[tuple[int, int]] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = reader.get_object(item)  # type: ignore[attr-defined]
        if isinstance(item, DictionaryObject):  # stream dictionaries too
            yield item
            stack.extend(value for value in item.values() if not isinstance(value, IndirectObject))
        elif isinstance(item, ArrayObject):
            stack.extend(value for value in item if not isinstance(value, IndirectObject))


def _findings(reader: object) -> Iterator[str]:
    """What each dictionary of the file holds that a whitepaper may not."""
    for obj in _objects(reader):
        for key in obj:  # type: ignore[attr-defined]
            if key in _KEYS:
                yield _KEYS[key]
        kind = _value(obj, "/S")
        if kind in _ACTIONS and _value(obj, "/Type") in (None, "/Action"):
            yield _ACTIONS[kind]
        elif kind == "/URI":
            yield from _link_findings(_value(obj, "/URI"))
        for name in ("/Subtype", "/Type"):
            value = _value(obj, name)
            if isinstance(value, str) and value in _TYPES:
                yield _TYPES[value]


def _value(obj: object, key: str) -> object:
    """A dictionary's value, an indirect one resolved; None when absent."""
    value = obj.get(key)  # type: ignore[attr-defined]
    return value.get_object() if hasattr(value, "get_object") else value


def _link_findings(target: object) -> Iterator[str]:
    """A link's address: https://, http:// or mailto:, never javascript:, file: or data:."""
    if isinstance(target, bytes):
        target = target.decode("latin-1")
    address = str(target or "").strip()
    scheme = urllib.parse.urlsplit(address).scheme.lower() if address else ""
    if scheme not in LINK_SCHEMES:
        shown = "".join(ch for ch in address[:60] if ch.isprintable())
        yield (f"a link to {shown!r} (links must start with https://, http:// or mailto:)")
