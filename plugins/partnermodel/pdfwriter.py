"""A tiny PDF writer: a text document (title, headings, paragraphs, bullets) in Helvetica on A4.

Used for the placeholder PDF of a new whitepaper (scripts/new_content.py) and for the sample
whitepapers. The output is deterministic, with no dates or random ids, so a regenerated file only
changes when its text does. PDF 1.4, the standard fonts (nothing embedded), uncompressed streams:
small, and readable by every PDF viewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fontmetrics import text_width

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 64
TOP_BAND = 190  # the coloured band with the title on the first page
BOTTOM = 72  # body text stops above the footer
BLUE = (0.043, 0.310, 0.541)
INK = (0.090, 0.129, 0.180)
MUTED = (0.290, 0.333, 0.396)


@dataclass(frozen=True)
class Block:
    """One piece of the document: a `heading`, a `paragraph` or a `bullet` item."""

    kind: str
    text: str


def blocks_from_text(text: str) -> list[Block]:
    """Blocks from plain text with a little Markdown: `## heading`, `- bullet`, blank lines."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip().replace("**", "")
        if not stripped:
            flush()
        elif stripped.startswith("#"):
            flush()
            blocks.append(Block("heading", stripped.lstrip("#").strip()))
        elif stripped.startswith(("- ", "* ")):
            flush()
            blocks.append(Block("bullet", stripped[2:].strip()))
        else:
            paragraph.append(stripped)
    flush()
    return blocks


def _pdf_string(text: str) -> bytes:
    """A literal string in WinAnsi encoding (characters it lacks become '?')."""
    data = text.encode("cp1252", errors="replace")
    data = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + bytes(b if b >= 32 else 32 for b in data) + b")"


def _info_string(text: str) -> bytes:
    """A document-information string: UTF-16 with a byte order mark, so any script survives."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


@dataclass
class _Layout:
    """Lays text out top to bottom, starting new pages as needed."""

    title: str
    pages: list[list[bytes]] = field(default_factory=list)
    y: float = 0

    def new_page(self) -> None:
        ops: list[bytes] = []
        if not self.pages:
            band = b" 0 %d %d %d re f" % (PAGE_HEIGHT - TOP_BAND, PAGE_WIDTH, TOP_BAND)
            ops.append(_fill(BLUE) + band)
            self.y = PAGE_HEIGHT - TOP_BAND - 24
        else:
            ops.append(_text(self.title, MARGIN, PAGE_HEIGHT - 40, 9, MUTED))
            self.y = PAGE_HEIGHT - 80
        self.pages.append(ops)

    def line(self, text: str, size: float, leading: float, color: tuple[float, ...],
             bold: bool = False, x: float = MARGIN) -> None:  # fmt: skip
        if not self.pages or self.y - leading < BOTTOM:
            self.new_page()
        self.y -= leading
        self.pages[-1].append(_text(text, x, self.y, size, color, bold))

    def space(self, points: float) -> None:
        self.y -= points


def _fill(rgb: tuple[float, ...]) -> bytes:
    return b"%.3f %.3f %.3f rg" % rgb


def _text(text: str, x: float, y: float, size: float, rgb: tuple[float, ...],
          bold: bool = False) -> bytes:  # fmt: skip
    font = b"/F2" if bold else b"/F1"
    return (
        b"BT " + _fill(rgb) + b" %s %.1f Tf %.1f %.1f Td " % (font, size, x, y)
        + _pdf_string(text) + b" Tj ET"
    )  # fmt: skip


def write_pdf(
    title: str,
    blocks: list[Block],
    subtitle: str = "",
    author: str = "",
    footer: str = "",
) -> bytes:
    """The PDF file of a document, as bytes."""
    width = PAGE_WIDTH - 2 * MARGIN
    layout = _Layout(title)
    layout.new_page()
    band = layout.pages[0]
    y = PAGE_HEIGHT - 70
    for text in _wrap(title, 26, width, bold=True):
        band.append(_text(text, MARGIN, y, 26, (1, 1, 1), bold=True))
        y -= 32
    for text in _wrap(subtitle, 13, width):
        band.append(_text(text, MARGIN, y - 4, 13, (0.85, 0.91, 0.96)))
        y -= 18
    for block in blocks:
        if block.kind == "heading":
            layout.space(10)
            for text in _wrap(block.text, 15, width, bold=True):
                layout.line(text, 15, 20, BLUE, bold=True)
            layout.space(4)
        elif block.kind == "bullet":
            for index, text in enumerate(_wrap(block.text, 11, width - 16)):
                layout.line(text, 11, 16, INK, x=MARGIN + 16)
                if index == 0:
                    layout.pages[-1].append(_text("\u2022", MARGIN + 4, layout.y, 11, INK))
            layout.space(3)
        else:
            for text in _wrap(block.text, 11, width):
                layout.line(text, 11, 16, INK)
            layout.space(9)
    count = len(layout.pages)
    for number, ops in enumerate(layout.pages, start=1):
        note = f"{footer}  \u00b7  {number}/{count}" if footer else f"{number}/{count}"
        ops.append(_text(note, MARGIN, 40, 9, MUTED))
    return _assemble(layout.pages, title, author)


def _assemble(pages: list[list[bytes]], title: str, author: str) -> bytes:
    """Objects, cross-reference table and trailer around the pages' content streams."""
    first_page = 6
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(pages)))
    info = b"<< /Title " + _info_string(title) + b" /Producer (Copernica partner directory)"
    if author:
        info += b" /Author " + _info_string(author)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        info + b" >>",
    ]
    for index, ops in enumerate(pages):
        stream = b"\n".join(ops)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (PAGE_WIDTH, PAGE_HEIGHT)
            + b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (first_page + 2 * index + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
