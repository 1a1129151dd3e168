"""The sample cases' cover images, in the house style of the library's covers.

A cover is 600 by 848: one colour per kind of content (cases: plum), a motif, the label, the
title in two lines and a subtitle; shapes and text with presentation attributes only, so it
passes the checks a logo passes (model.logos). `scripts/sample_covers.py` writes
`content/cases/<slug>-cover.svg` for every case in COVERS; each case names its file in `cover`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from copernica_directory.model.loader import CASES_DIR

BACKGROUND, LIGHT, ACCENT = "#6d2f5e", "#f1dcea", "#f7a86b"
LABELS = {"en": "CASE", "nl": "CASE"}

# Motifs drawn in the upper half: {light}, {accent} and {background} are the colours.
MOTIFS = {
    "chart": (
        '<g fill="{light}"><rect x="170" y="300" width="50" height="110" rx="6"/>'
        '<rect x="250" y="250" width="50" height="160" rx="6"/>'
        '<rect x="330" y="190" width="50" height="220" rx="6"/></g>'
        '<path d="M160 250 L260 180 L320 210 L440 130" fill="none" stroke="{accent}" '
        'stroke-width="18" stroke-linecap="round" stroke-linejoin="round"/>'
    ),
    "envelope": (
        '<rect x="150" y="170" width="300" height="210" rx="16" fill="{light}"/>'
        '<path d="M160 185 L300 300 L440 185" fill="none" stroke="{background}" '
        'stroke-width="14" stroke-linejoin="round"/>'
        '<circle cx="440" cy="180" r="34" fill="{accent}"/>'
    ),
    "clock": (
        '<circle cx="300" cy="280" r="130" fill="{light}"/>'
        '<path d="M300 200 V280 L360 320" fill="none" stroke="{background}" stroke-width="18" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
        '<path d="M300 150 A130 130 0 0 1 430 280" fill="none" stroke="{accent}" '
        'stroke-width="18" stroke-linecap="round"/>'
    ),
    "grid": (
        '<g fill="{light}"><rect x="150" y="150" width="140" height="120" rx="10"/>'
        '<rect x="310" y="150" width="140" height="120" rx="10"/>'
        '<rect x="150" y="290" width="140" height="120" rx="10"/></g>'
        '<rect x="310" y="290" width="140" height="120" rx="10" fill="{accent}"/>'
    ),
    "link": (
        '<circle cx="240" cy="280" r="90" fill="none" stroke="{light}" stroke-width="26"/>'
        '<circle cx="360" cy="280" r="90" fill="none" stroke="{accent}" stroke-width="26"/>'
    ),
    "globe": (
        '<circle cx="300" cy="280" r="130" fill="none" stroke="{light}" stroke-width="18"/>'
        '<ellipse cx="300" cy="280" rx="55" ry="130" fill="none" stroke="{light}" '
        'stroke-width="14"/><path d="M170 280 H430" stroke="{accent}" stroke-width="14"/>'
    ),
    "heart": (
        '<path d="M300 420 C180 340 150 280 150 230 C150 180 190 150 230 150 C265 150 290 175 '
        '300 195 C310 175 335 150 370 150 C410 150 450 180 450 230 C450 280 420 340 300 420 Z" '
        'fill="{light}"/><circle cx="430" cy="160" r="30" fill="{accent}"/>'
    ),
    "bell": (
        '<path d="M300 150 C240 150 210 200 210 260 V330 L180 370 H420 L390 330 V260 '
        'C390 200 360 150 300 150 Z" fill="{light}"/>'
        '<circle cx="300" cy="395" r="28" fill="{accent}"/>'
    ),
    "shield": (
        '<path d="M300 130 L440 180 V280 C440 360 380 410 300 440 C220 410 160 360 160 280 '
        'V180 Z" fill="{light}"/><path d="M240 290 L290 340 L370 240" fill="none" '
        'stroke="{accent}" stroke-width="18" stroke-linecap="round" stroke-linejoin="round"/>'
    ),
    "wheels": (
        '<circle cx="210" cy="320" r="80" fill="none" stroke="{light}" stroke-width="20"/>'
        '<circle cx="390" cy="320" r="80" fill="none" stroke="{light}" stroke-width="20"/>'
        '<path d="M210 320 L270 210 H360 L390 320 M270 210 L300 320 H210" fill="none" '
        'stroke="{accent}" stroke-width="16" stroke-linejoin="round" stroke-linecap="round"/>'
    ),
}

# slug -> (language, title in one or two lines, subtitle, motif). Fictional customers only.
COVERS: dict[str, tuple[str, tuple[str, ...], str, str]] = {
    "donateurs-reactivatie": ("nl", ("Slapende donateurs", "weer actief"), "Een persoonlijke jaarcampagne", "heart"),
    "facilities-lead-api": ("en", ("From web form to", "account manager"), "In ninety seconds, by API", "clock"),
    "fietsenketen-welkomstreeks": ("nl", ("E-mail weer", "in eigen hand"), "Een welkomstreeks voor fietsers", "wheels"),
    "fjordreiser-repeat-bookings": ("en", ("Twice the repeat", "bookings"), "Automation for a travel brand", "chart"),
    "hotel-group-multilingual-templates": ("en", ("One template family,", "five languages"), "Thirty-two hotels", "globe"),
    "insurance-broker-crm-sync": ("en", ("One customer view", "from four systems"), "CRM sync for an intermediary", "link"),
    "magazine-template-system": ("en", ("A modular", "template system"), "For a magazine publisher", "grid"),
    "pharmacy-chain-service-journeys": ("en", ("Reminders patients", "welcome"), "Service journeys for pharmacies", "bell"),
    "university-open-days": ("en", ("From open day", "to enrolment"), "A university of applied sciences", "envelope"),
    "webshop-deliverability-recovery": ("en", ("Back in", "the inbox"), "Deliverability in six weeks", "shield"),
}  # fmt: skip


def cover_svg(title: Sequence[str], subtitle: str, motif: str, lang: str = "en") -> str:
    """One cover, as the library's covers are written."""
    colours = {"background": BACKGROUND, "light": LIGHT, "accent": ACCENT}
    lines = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 848" width="600" height="848">',
        f"  <title>{escape(' '.join(title))}</title>",
        f'  <rect width="600" height="848" fill="{BACKGROUND}"/>',
        f'  <circle cx="510" cy="110" r="170" fill="{LIGHT}" opacity="0.12"/>',
        "  " + MOTIFS[motif].format(**colours),
        f'  <text x="60" y="550" fill="{ACCENT}" font-family="sans-serif" font-size="24" '
        f'font-weight="700" letter-spacing="4">{LABELS.get(lang, LABELS["en"])}</text>',
    ]
    for index, line in enumerate(title):
        lines.append(
            f'  <text x="60" y="{610 + 54 * index}" fill="#ffffff" font-family="sans-serif" '
            f'font-size="44" font-weight="700">{escape(line)}</text>'
        )
    lines.append(
        f'  <text x="60" y="732" fill="{LIGHT}" font-family="sans-serif" font-size="22">'
        f"{escape(subtitle)}</text>"
    )
    return "\n".join([*lines, "</svg>"]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write content/cases/<slug>-cover.svg for every case in COVERS."""
    parser = argparse.ArgumentParser(prog="sample_covers.py", description=__doc__.split("\n")[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    args = parser.parse_args(argv)
    folder = args.content / CASES_DIR
    for slug, (lang, title, subtitle, motif) in COVERS.items():
        if not (folder / f"{slug}.md").is_file():
            print(f"{folder / slug}.md: no such case", flush=True)
            return 1
        path = folder / f"{slug}-cover.svg"
        path.write_text(cover_svg(title, subtitle, motif, lang), encoding="utf-8")
        print(f"{path}: written")
    return 0
