"""Bar and column charts as SVG files, drawn at build time: no JavaScript, no chart library.

Each chart is a file of its own (pages show it as an image, so no page holds inline SVG, and
anyone may link to or download it), with a <title> and <desc>; the page gives the same numbers
as a table. Colours and fonts are presentation attributes: no style sheet, no script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from copernica_directory.render.fontmetrics import text_width, truncate

WIDTH = 560
# Fonts with Helvetica's metrics (Arial, Liberation Sans), which label widths are measured in;
# SLACK leaves room for a wider fallback.
FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"
SLACK = 1.15
BAR = "#0b4f8a"
INK = "#17212e"
MUTED = "#4a5565"
LINE = "#d5dde7"


@dataclass(frozen=True)
class Bar:
    """One bar: its label and its value."""

    label: str
    value: int


@dataclass(frozen=True)
class Chart:
    """A drawn chart: the SVG document and its size in pixels."""

    svg: str
    width: int
    height: int


def _open(chart_id: str, height: int, title: str, description: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{FONT}">\n'
        f'<title id="{chart_id}-title">{escape(title)}</title>\n'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>\n'
    )


def bar_chart(bars: Sequence[Bar], chart_id: str, title: str, description: str) -> Chart:
    """Horizontal bars, one per row, with the label on the left and the value at the end."""
    row, bar_height, top = 30, 18, 6
    widest = max((text_width(b.label, 14) * SLACK for b in bars), default=0)
    label_width = min(200, widest + 12)
    area = WIDTH - label_width - 44  # room for the value after the longest bar
    height = top + row * len(bars) + 6
    largest = max((b.value for b in bars), default=0) or 1
    parts = [_open(chart_id, height, title, description)]
    for index, bar in enumerate(bars):
        y = top + index * row
        length = max(2.0, area * bar.value / largest) if bar.value else 0
        label = truncate(bar.label, 14, (label_width - 12) / SLACK)
        parts.append(
            f'<text class="chart__label" x="{label_width - 10}" y="{y + 14}" '
            f'text-anchor="end" font-size="14" fill="{INK}">{escape(label)}</text>\n'
            f'<rect class="chart__bar" x="{label_width}" y="{y}" width="{length:.1f}" '
            f'height="{bar_height}" rx="3" fill="{BAR}"/>\n'
            f'<text class="chart__value" x="{label_width + length + 6:.1f}" y="{y + 14}" '
            f'font-size="14" font-weight="700" fill="{INK}">{bar.value}</text>\n'
        )
    parts.append("</svg>\n")
    return Chart("".join(parts), WIDTH, height)


def column_chart(bars: Sequence[Bar], chart_id: str, title: str, description: str) -> Chart:
    """Vertical columns in order (months), label below and value above each."""
    height, top, bottom = 220, 24, 28
    plot = height - top - bottom
    slot = WIDTH / max(1, len(bars))
    column = min(32.0, slot * 0.6)
    largest = max((b.value for b in bars), default=0) or 1
    base = height - bottom
    parts = [
        _open(chart_id, height, title, description),
        f'<line class="chart__axis" x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" '
        f'stroke="{LINE}" stroke-width="1"/>\n',
    ]
    for index, bar in enumerate(bars):
        centre = slot * index + slot / 2
        length = plot * bar.value / largest
        parts.append(
            f'<rect class="chart__bar" x="{centre - column / 2:.1f}" y="{base - length:.1f}" '
            f'width="{column:.1f}" height="{length:.1f}" rx="3" fill="{BAR}"/>\n'
            f'<text class="chart__value" x="{centre:.1f}" y="{base - length - 6:.1f}" '
            f'text-anchor="middle" font-size="13" font-weight="700" fill="{INK}">'
            f"{bar.value}</text>\n"
            f'<text class="chart__label" x="{centre:.1f}" y="{height - 8}" '
            f'text-anchor="middle" font-size="13" fill="{MUTED}">{escape(bar.label)}</text>\n'
        )
    parts.append("</svg>\n")
    return Chart("".join(parts), WIDTH, height)
