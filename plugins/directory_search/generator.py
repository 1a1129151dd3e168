"""Pelican adapter: write the search assets once the directory's content is loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from partnermodel.vocab import DEFAULT_LANGUAGE

from .assets import write_search_assets


class SearchAssetsGenerator(Generator):
    """Writes output/search/: lunr indexes, result stores and manifest.json."""

    def generate_output(self, writer: Any) -> None:
        content = self.context["directory"]  # loaded and validated by partner_directory
        translations = self.context["translations"]
        lang = DEFAULT_LANGUAGE
        brand_labels = {
            brand: translations.get(f"brand_{brand}", lang) for brand in ("whitelabel", "copernica")
        }
        write_search_assets(
            content, Path(self.output_path), lang, self.settings["SITEURL"], brand_labels
        )
