"""How wide text set in Helvetica is: for wrapping text in generated PDFs and sizing SVG badges
and chart labels, without a font file or a layout engine.

Widths are Adobe's Helvetica AFM metrics (thousandths of the font size) for printable ASCII;
other characters count as an average letter, which is close enough for layout.
"""

from __future__ import annotations

_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0 to ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @ to O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # P to _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # ` to o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  # p to ~
)  # fmt: skip
_OTHER = 556
_BOLD_FACTOR = 1.07  # Helvetica-Bold runs about 7% wider


def char_width(ch: str) -> int:
    """One character's advance width in thousandths of the font size."""
    code = ord(ch)
    return _ASCII_WIDTHS[code - 32] if 32 <= code <= 126 else _OTHER


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` at `size` (points or pixels: the unit of `size`)."""
    width = sum(char_width(ch) for ch in text) * size / 1000
    return width * _BOLD_FACTOR if bold else width


def truncate(text: str, size: float, max_width: float, bold: bool = False) -> str:
    """`text`, cut with an ellipsis so that it fits in `max_width`."""
    if text_width(text, size, bold) <= max_width:
        return text
    while text and text_width(text + "…", size, bold) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"
