"""Tiny PDFs written byte by byte for the PDF check's tests: with names spelt as we choose
(#xx escapes that pypdf's writer would not write) and with objects hidden in a compressed
object stream (which pypdf's writer cannot make). The cross-references are correct, so a
strict reader opens them."""

from __future__ import annotations

import zlib

PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"


def catalog(extra: bytes) -> bytes:
    """A catalog (object 1) with the pages at object 2 and more entries."""
    return b"<< /Type /Catalog /Pages 2 0 R " + extra + b" >>"


def classic_pdf(objects: list[bytes]) -> bytes:
    """A PDF 1.4 file of `objects` (numbered from 1; object 1 the catalog), xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def object_stream_pdf(objects: list[bytes], compressed: set[int]) -> bytes:
    """A PDF 1.5 file whose objects numbered in `compressed` sit in one Flate-compressed
    object stream, with a cross-reference stream: their names appear nowhere in the bytes."""
    count = len(objects)
    stream_number, xref_number = count + 1, count + 2
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    entries: dict[int, tuple[int, int, int]] = {0: (0, 0, 65535)}
    for number, body in enumerate(objects, start=1):
        if number not in compressed:
            entries[number] = (1, len(out), 0)
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    inside = sorted(compressed)
    parts, header = [], []
    position = 0
    for index, number in enumerate(inside):
        body = objects[number - 1] + b"\n"
        header.append(b"%d %d" % (number, position))
        parts.append(body)
        position += len(body)
        entries[number] = (2, stream_number, index)
    first = b" ".join(header) + b"\n"
    data = zlib.compress(first + b"".join(parts))
    entries[stream_number] = (1, len(out), 0)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n" % (
        stream_number,
        len(inside),
        len(first),
        len(data),
    )
    out += b"stream\n" + data + b"\nendstream\nendobj\n"
    entries[xref_number] = (1, len(out), 0)
    rows = b"".join(
        bytes([kind]) + field.to_bytes(4, "big") + extra.to_bytes(2, "big")
        for kind, field, extra in (entries[n] for n in range(xref_number + 1))
    )
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (
        xref_number,
        xref_number + 1,
        len(rows),
    )
    xref = entries[xref_number][1]
    out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
