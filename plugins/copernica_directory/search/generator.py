"""Pelican adapter: write the search assets once the directory's content is loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from copernica_directory.runtime.build import BuildRuntime
from copernica_directory.runtime.forkpool import Background
from copernica_directory.settings import for_build

# From this many partners on, the indexes are built in a child process while the directory's
# pages render (issue 7); a small site builds them in the build process.
BACKGROUND_FROM_PARTNERS = 200


class SearchAssetsGenerator(Generator):
    """Writes output/search/: lunr indexes, result stores and manifest.json."""

    def generate_context(self) -> None:
        self._background: Background | None = None
        # Made by the site plugin when its generator started, with the content it loaded.
        self.runtime = BuildRuntime.of(self.settings)
        content = self.context["directory"]  # loaded and validated by site
        if len(content.partners) >= BACKGROUND_FROM_PARTNERS:
            self._background = self.runtime.background(self._write)

    def generate_output(self, writer: Any) -> None:
        log = self._background.wait() if self._background is not None else self._write()
        # What the files written or kept were, for the output's records (runtime.incremental).
        self.runtime.output.apply_file_log(log)

    def _write(self) -> Any:
        """Write the search assets; what the output writer did, for `apply_file_log`."""
        # lunr and nltk are imported here, in the child that builds the indexes: a build that
        # finds them all in its cache never needs them in the build process (0.1 s).
        from copernica_directory.search.assets import write_search_assets

        content = self.context["directory"]
        translations = self.context["translations"]
        settings = for_build(self.settings)  # parsed and checked when the build started
        # A result store per language the build renders (SITE_LANGUAGES); the indexes serve
        # every page language.
        languages = settings.site_languages
        brand_labels = {
            lang: {
                brand: translations.get(f"brand_{brand}", lang)
                for brand in ("whitelabel", "copernica")
            }
            for lang in languages
        }
        output = self.runtime.output
        write_search_assets(
            content,
            Path(self.output_path),
            settings.siteurl,
            brand_labels,
            self.runtime.search_cache,
            output,
        )
        return output.take_file_log()
