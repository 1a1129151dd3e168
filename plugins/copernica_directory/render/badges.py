"""The partner badge: a small SVG with the partner's name and verified rating, in a light and a
dark version, that partners embed on their own site with a link back to their profile.

Badges are drawn with presentation attributes only (no <style>, no script, no external fonts or
references), so they pass the same checks as partner logos and render the same everywhere. The
addresses stay the same (/partners/<slug>/badge-light.svg), so an embedded badge shows the
current rating after every build.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from copernica_directory.model import Partner
from copernica_directory.render.fontmetrics import text_width, truncate
from copernica_directory.urls import partner_url

HEIGHT = 56
TEXT_X = 50
MIN_WIDTH, MAX_WIDTH = 200, 420
FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"  # Helvetica's metrics: widths fit
THEMES = ("light", "dark")


@dataclass(frozen=True)
class BadgeColours:
    background: str
    border: str
    mark: str
    check: str
    name: str
    text: str
    star: str


# The theme's colours; text keeps at least 4.5:1 contrast on its background.
COLOURS = {
    "light": BadgeColours(
        background="#ffffff", border="#d5dde7", mark="#0b4f8a", check="#ffffff",
        name="#17212e", text="#4a5565", star="#7a3d00",
    ),
    "dark": BadgeColours(
        background="#072f54", border="#1565a8", mark="#f5a340", check="#072f54",
        name="#ffffff", text="#cfe0f1", star="#f5a340",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class BadgeText:
    """What a badge says, already in the page language."""

    name: str
    label: str  # "Copernica partner"
    rating: str  # "★ 4.7", or "" without verified reviews
    reviews: str  # "12 verified reviews", or ""
    alt: str  # the whole badge as one sentence, for alt and <title>

    @property
    def second_line(self) -> str:
        return " · ".join(part for part in (self.label, self.rating, self.reviews) if part)


def badge_width(text: BadgeText) -> int:
    """One width for both versions, so a partner can swap them without changing the snippet."""
    needed = max(text_width(text.name, 15, bold=True), text_width(text.second_line, 12))
    return int(min(MAX_WIDTH, max(MIN_WIDTH, TEXT_X + needed + 16)))


def badge_url(slug: str, theme: str) -> str:
    return f"{partner_url(slug)}badge-{theme}.svg"


def badge_svg(text: BadgeText, theme: str) -> str:
    """The badge as an SVG document."""
    c = COLOURS[theme]
    width = badge_width(text)
    name = truncate(text.name, 15, width - TEXT_X - 12, bold=True)
    parts = [escape(text.label)]
    if text.rating:
        parts.append(f'<tspan fill="{c.star}" font-weight="700">{escape(text.rating)}</tspan>')
    if text.reviews:
        parts.append(escape(text.reviews))
    line = " · ".join(parts)
    alt = escape(text.alt)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{alt}">\n'
        f"<title>{alt}</title>\n"
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{HEIGHT - 1}" rx="10" '
        f'fill="{c.background}" stroke="{c.border}"/>\n'
        f'<rect x="12" y="14" width="28" height="28" rx="7" fill="{c.mark}"/>\n'
        f'<path d="M19 28.5l5 5 9.5-10" fill="none" stroke="{c.check}" stroke-width="3" '
        'stroke-linecap="round" stroke-linejoin="round"/>\n'
        f'<text x="{TEXT_X}" y="25" font-family="{FONT}" font-size="15" font-weight="700" '
        f'fill="{c.name}">{escape(name)}</text>\n'
        f'<text x="{TEXT_X}" y="43" font-family="{FONT}" font-size="12" '
        f'fill="{c.text}">{line}</text>\n'
        "</svg>\n"
    )


def badge_snippet(partner: Partner, text: BadgeText, theme: str, public_url: str) -> str:
    """The HTML a partner pastes into its site: the badge, linking to its profile."""
    profile = f"{public_url}/{partner_url(partner.slug)}"
    image = f"{public_url}/{badge_url(partner.slug, theme)}"
    return (
        f'<a href="{escape(profile)}"><img src="{escape(image)}" '
        f'width="{badge_width(text)}" height="{HEIGHT}" alt="{escape(text.alt)}"></a>'
    )
