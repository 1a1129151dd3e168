"""Case pages and cards in the built sample site: covers shown like the library's."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import CONTENT

from copernica_directory.model import load_content

SAMPLE, _ = load_content(CONTENT)


def test_every_sample_case_has_a_cover(built_site: Path) -> None:
    assert SAMPLE.cases and all(case.cover for case in SAMPLE.cases.values())
    for case in SAMPLE.cases.values():
        published = built_site / "cases" / case.slug / str(case.cover)
        assert published.read_bytes().startswith(b"<svg"), case.slug
        for lang in ("", "nl/"):
            page = (built_site / lang / "cases" / case.slug / "index.html").read_text("utf-8")
            # The page shows it beside the title, as a library item's page does.
            image = re.search(r'<img class="library-item__cover" src="([^"]+)" alt="([^"]+)"', page)
            assert image, (lang, case.slug)
            assert image[1] == f"/cases/{case.slug}/{case.cover}"
            assert case.title in image[2]
            data = re.search(r'<script type="application/ld\+json">(.*?)</script>', page)
            assert data and json.loads(data[1])["image"].endswith(f"/{case.cover}")


def test_case_cards_show_the_cover(built_site: Path) -> None:
    listing = (built_site / "cases" / "index.html").read_text(encoding="utf-8")
    for case in SAMPLE.cases.values():
        card = listing.split(f'href="/cases/{case.slug}/"')[0].rsplit("<article", 1)[1]
        assert "case-card--cover" in card
        assert f'src="/cases/{case.slug}/{case.cover}"' in card
    with_cases = next(slug for slug in SAMPLE.partners if SAMPLE.cases_of(slug))
    profile = (built_site / "partners" / with_cases / "index.html").read_text(encoding="utf-8")
    for case in SAMPLE.cases_of(with_cases):
        assert f'class="case-card__cover" src="/cases/{case.slug}/{case.cover}"' in profile
