"""Text documents as PDF (title, headings, paragraphs, lists, quotes, tables) on A4, with fpdf2.

Used for the placeholder PDF of a new whitepaper (scripts/new_content.py), the sample
whitepapers (scripts/sample_pdfs.py) and the benchmark's synthetic ones. fpdf2 lays the text
out, embeds only the glyphs used (a subset of the font) and compresses the pages, so any text
in Unicode prints as written: "Łódź", "Třeboň", "€ ≥ 5". The text is set in DejaVu Sans, found
in the system's fonts (Debian: fonts-dejavu-core) or in `PDF_FONT_DIR`; without it the
document falls back to the PDF core font Helvetica, which only has the characters of Windows
code page 1252 (others print as "?").

The output is deterministic (a fixed creation date; the file id is a hash of the content), so
a regenerated file only changes when its text does. Nothing active is written: no JavaScript,
actions, links, forms or embedded files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from fpdf import FPDF, FontFace, XPos, YPos

FONT_DIR_ENV = "PDF_FONT_DIR"
# Where the common systems keep DejaVu Sans (Debian and Ubuntu first).
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/opt/homebrew/share/fonts",
)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
UNICODE_FAMILY = "dejavu"
CORE_FAMILY = "helvetica"
PRODUCER = "Copernica partner directory"

MARGIN = 22  # millimetres
BAND = 68  # the coloured band with the title on the first page
BLUE = (11, 79, 138)
ORANGE = (245, 163, 64)
INK = (23, 33, 46)
MUTED = (74, 85, 101)
PALE = (217, 232, 245)
RULE = (198, 210, 222)
STRIPE = (240, 245, 250)

_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(.*)$")
_CELL_SPLIT = re.compile(r"\s*\|\s*")


@dataclass(frozen=True)
class Block:
    """One piece of the document.

    `kind` is `heading`, `subheading`, `paragraph`, `bullet`, `numbered` (`number` set),
    `quote`, `table` (`rows`: the first row is the header) or `pagebreak`.
    """

    kind: str
    text: str = ""
    number: int = 0
    rows: tuple[tuple[str, ...], ...] = ()


def blocks_from_text(text: str) -> list[Block]:
    """Blocks from plain text with a little Markdown.

    `## heading`, `### subheading`, `- bullet`, `1. numbered`, `> quote`, `| a | b |` table
    rows (a row of dashes under the header is skipped), `---` alone for a new page; lines
    that follow each other form a paragraph, and a blank line ends it.
    """
    blocks: list[Block] = []
    paragraph: list[str] = []
    rows: list[tuple[str, ...]] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()
        if rows:
            blocks.append(Block("table", rows=tuple(rows)))
            rows.clear()

    for line in text.splitlines():
        stripped = line.strip().replace("**", "")
        if stripped.startswith("|"):
            if paragraph:
                flush()
            cells = tuple(_CELL_SPLIT.split(stripped.strip("|").strip()))
            if not all(set(cell) <= set("-: ") for cell in cells):  # not the |---| row
                rows.append(cells)
            continue
        numbered = _NUMBERED.match(stripped)
        if not stripped or rows or numbered or stripped == "---" or stripped[0] in "#>-*":
            flush()  # anything but a line of running text ends the paragraph
        if not stripped:
            continue
        if stripped == "---":
            blocks.append(Block("pagebreak"))
        elif stripped.startswith("###"):
            blocks.append(Block("subheading", stripped.lstrip("#").strip()))
        elif stripped.startswith("#"):
            blocks.append(Block("heading", stripped.lstrip("#").strip()))
        elif stripped.startswith(("- ", "* ")):
            blocks.append(Block("bullet", stripped[2:].strip()))
        elif stripped.startswith(">"):
            blocks.append(Block("quote", stripped.lstrip(">").strip()))
        elif numbered:
            blocks.append(Block("numbered", numbered.group(2), number=int(numbered.group(1))))
        else:
            paragraph.append(stripped)
    flush()
    return blocks


def font_dir() -> Path | None:
    """The folder with the DejaVu Sans files, or None when the system has none."""
    configured = os.environ.get(FONT_DIR_ENV, "").strip()
    for folder in (configured, *FONT_DIRS) if configured else FONT_DIRS:
        if all((Path(folder) / name).is_file() for name in FONT_FILES.values()):
            return Path(folder)
    return None


def unicode_font_available() -> bool:
    """Whether PDFs are set in DejaVu Sans (any script) rather than Helvetica (cp1252)."""
    return font_dir() is not None


@cache
def _cp1252(text: str) -> str:
    """What Helvetica can print of `text`: characters outside cp1252 become '?'."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


class _Document(FPDF):
    """An A4 page with the document's title above and the page number below the text (not on
    a cover page)."""

    def __init__(self, title: str, footer: str, folder: Path | None, italic: bool) -> None:
        super().__init__(format="A4", unit="mm")
        self.doc_title, self.note = title, footer
        self.set_margins(MARGIN, 26, MARGIN)
        self.set_auto_page_break(True, margin=24)
        self.set_producer(PRODUCER)
        self.unicode = folder is not None
        if folder is not None:
            # Reading a font file is most of the time a document takes: only the styles used.
            for style, name in FONT_FILES.items():
                if style != "I" or italic:
                    self.add_font(UNICODE_FAMILY, style, str(folder / name))
        self.family = UNICODE_FAMILY if self.unicode else CORE_FAMILY
        self.core_fonts_encoding = "windows-1252"  # the core fonts' WinAnsi: with "€"

    def text_of(self, text: str) -> str:
        return text if self.unicode else _cp1252(text)

    def use(self, size: float, style: str = "", color: tuple[int, int, int] = INK) -> None:
        self.set_font(self.family, style, size)
        self.set_text_color(*color)

    def lines(self, height: float, text: str) -> None:
        """`text` left-aligned across the text width in lines `height` high, then on below it."""
        self.multi_cell(
            0, height, self.text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )

    covered: bool = False  # page 1 is a cover: no header, footer or page number on it

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.use(8, color=MUTED)
        self.set_xy(MARGIN, 12)
        self.cell(
            0, 5, self.text_of(self.doc_title), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        self.set_draw_color(*RULE)
        self.line(MARGIN, 18, self.w - MARGIN, 18)
        self.set_y(26)

    def footer(self) -> None:
        if self.covered and self.page_no() == 1:
            return
        self.set_y(-16)
        self.use(8, color=MUTED)
        page = f"{self.page_no()}/{{nb}}"
        text = f"{self.note}  \u00b7  {page}" if self.note else page
        self.cell(0, 5, self.text_of(text))


@dataclass(frozen=True)
class _TitleSizes:
    """How large the title and subtitle are set on blue: font size and line height of each,
    and the space between them (millimetres)."""

    title: tuple[float, float]
    gap: float
    subtitle: tuple[float, float]


BAND_TITLE = _TitleSizes(title=(22, 9.5), gap=2, subtitle=(11.5, 6))
COVER_TITLE = _TitleSizes(title=(28, 12), gap=4, subtitle=(13, 7))


def _titles(pdf: _Document, title: str, subtitle: str, sizes: _TitleSizes) -> None:
    """The title in white and the subtitle (if any) in pale blue below it, on the blue."""
    pdf.use(sizes.title[0], "B", (255, 255, 255))
    pdf.lines(sizes.title[1], title)
    if subtitle:
        pdf.ln(sizes.gap)
        pdf.use(sizes.subtitle[0], color=PALE)
        pdf.lines(sizes.subtitle[1], subtitle)


def _title_band(pdf: _Document, title: str, subtitle: str, author: str) -> None:
    """The first page's band: the title in white on blue, the subtitle and author below it."""
    pdf.set_fill_color(*BLUE)
    pdf.rect(0, 0, pdf.w, BAND, style="F")
    pdf.set_fill_color(*ORANGE)
    pdf.rect(0, BAND, pdf.w, 2.5, style="F")
    pdf.set_xy(MARGIN, 16)
    _titles(pdf, title, subtitle, BAND_TITLE)
    pdf.set_y(max(pdf.get_y(), BAND) + 8)
    if author:
        pdf.use(9, color=MUTED)
        pdf.cell(0, 5, pdf.text_of(author), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.ln(4)


def _cover(pdf: _Document, title: str, subtitle: str, author: str, label: str) -> None:
    """A page of its own: the label, title and subtitle on blue, the author below."""
    pdf.set_fill_color(*BLUE)
    pdf.rect(0, 0, pdf.w, pdf.h * 0.72, style="F")
    pdf.set_fill_color(*ORANGE)
    pdf.rect(0, pdf.h * 0.72, pdf.w, 4, style="F")
    pdf.rect(MARGIN, 40, 28, 2.5, style="F")
    pdf.set_xy(MARGIN, 50)
    pdf.use(11, "B", ORANGE)
    pdf.cell(0, 6, pdf.text_of(label.upper()), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.h * 0.72 - 100)
    _titles(pdf, title, subtitle, COVER_TITLE)
    if author:
        pdf.set_y(pdf.h * 0.72 + 16)
        pdf.use(11, color=INK)
        pdf.cell(0, 6, pdf.text_of(author), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if pdf.note:
        pdf.set_y(pdf.h - 30)
        pdf.use(9, color=MUTED)
        pdf.cell(0, 5, pdf.text_of(pdf.note))


def _contents(heading: str) -> Callable[[FPDF], None]:
    """Draws the contents page: each chapter (a `heading`) with its page number."""

    def render(pdf: FPDF, sections: list[Any]) -> None:
        doc = cast(_Document, pdf)
        doc.set_xy(MARGIN, 34)
        doc.use(20, "B", BLUE)
        doc.cell(0, 12, doc.text_of(heading), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        doc.ln(6)
        for section in sections:
            doc.use(11.5)
            doc.cell(doc.epw - 14, 9, doc.text_of(section.name))
            doc.use(11.5, "B", BLUE)
            doc.cell(14, 9, str(section.page_number), align="R", new_x=XPos.LMARGIN,
                     new_y=YPos.NEXT)  # fmt: skip
            doc.set_draw_color(*RULE)
            doc.line(MARGIN, doc.get_y(), doc.w - MARGIN, doc.get_y())

    return render


def _list_item(pdf: _Document, marker: str, text: str) -> None:
    pdf.use(10.5)
    x = pdf.l_margin
    pdf.set_x(x + 2)
    pdf.cell(7, 5.6, pdf.text_of(marker))
    pdf.set_left_margin(x + 9)
    pdf.lines(5.6, text)
    pdf.set_left_margin(x)
    pdf.ln(1.2)


def _table(pdf: _Document, rows: Sequence[Sequence[str]]) -> None:
    width = max(len(row) for row in rows)
    cells = [[pdf.text_of(c) for c in [*row, *[""] * (width - len(row))]] for row in rows]
    pdf.use(9.5)
    pdf.set_draw_color(*RULE)
    pdf.set_fill_color(*STRIPE)
    heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BLUE)
    with pdf.table(
        cells,
        headings_style=heading,
        cell_fill_color=STRIPE,
        cell_fill_mode="ROWS",
        line_height=5.4,
        padding=1.6,
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
    ):
        pass
    pdf.ln(4)


def _block(pdf: _Document, block: Block, chapters: bool) -> None:
    if block.kind == "pagebreak":
        pdf.add_page()
    elif block.kind in ("heading", "subheading"):
        major = block.kind == "heading"
        # A chapter starts a page; any heading stays with the first lines of what follows it.
        if (major and chapters and pdf.get_y() > 40) or pdf.get_y() > pdf.h - (62 if major else 48):
            pdf.add_page()
        if major and chapters:
            pdf.start_section(pdf.text_of(block.text))
        pdf.ln(4 if major else 2)
        pdf.use(15 if major else 12, "B", BLUE if major else INK)
        pdf.multi_cell(0, 7 if major else 6, pdf.text_of(block.text), align="L")
        pdf.ln(2 if major else 1)
    elif block.kind == "bullet":
        _list_item(pdf, "\u2022" if pdf.unicode else "-", block.text)
    elif block.kind == "numbered":
        _list_item(pdf, f"{block.number}.", block.text)
    elif block.kind == "quote":
        pdf.ln(1)
        top = pdf.get_y()
        pdf.set_left_margin(MARGIN + 8)
        pdf.use(11.5, "I", BLUE)
        pdf.lines(6.4, block.text)
        pdf.set_left_margin(MARGIN)
        if pdf.get_y() > top:  # the bar beside a quote that stayed on one page
            pdf.set_fill_color(*ORANGE)
            pdf.rect(MARGIN + 1, top, 1.6, pdf.get_y() - top, style="F")
        pdf.ln(4)
    elif block.kind == "table":
        _table(pdf, block.rows)
    else:
        pdf.use(10.5)
        pdf.lines(5.6, block.text)
        pdf.ln(3)


def write_pdf(
    title: str,
    blocks: Sequence[Block],
    subtitle: str = "",
    author: str = "",
    footer: str = "",
    lang: str = "en",
    date: dt.date | None = None,
    cover: str = "",
    contents: str = "",
) -> bytes:
    """The PDF file of a document, as bytes.

    `lang` is the language of the text (for screen readers); `date` the creation date
    recorded in the file (default: the Unix epoch, as reproducible builds do). With `cover`
    (a label such as "Whitepaper") the first page is a cover and every `##` chapter starts a
    page; with `contents` too (its heading), the second page lists the chapters.
    """
    pdf = _Document(title, footer, font_dir(), any(b.kind == "quote" for b in blocks))
    day = date or dt.date(1970, 1, 1)
    pdf.set_creation_date(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))
    pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_lang(lang)
    pdf.add_page()
    if cover:
        pdf.covered = True
        _cover(pdf, title, subtitle, author, cover)
        pdf.add_page()
        if contents:
            pdf.insert_toc_placeholder(_contents(contents))
    else:
        _title_band(pdf, title, subtitle, author)
    for block in blocks:
        _block(pdf, block, chapters=bool(cover))
    return bytes(pdf.output())
