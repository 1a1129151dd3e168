"""The editor's generator: /admin/ from the vendored releases and editor/config.yml."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from copernica_directory.editor.admin import AdminPage, bundle_url, write_admin
from copernica_directory.editor.previewdata import labels_json
from copernica_directory.editor.vendor import DECAP, YAML, load
from copernica_directory.runtime.build import BuildRuntime
from copernica_directory.site.assets import StaticAssets

# editor/config.yml, generated from the model (scripts/generate_editor_config.py), at the
# repository's root beside pelican.conf.py.
CONFIG = Path(__file__).resolve().parents[3] / "editor" / "config.yml"


class EditorGenerator(Generator):
    """Writes /admin/: the page, its configuration and the editor's browser code."""

    def generate_context(self) -> None:
        # `make install` unpacks the pinned releases beside the virtual environment.
        root = Path(sys.prefix)
        self.bundles = [load(root, DECAP), load(root, YAML)]
        self.assets = StaticAssets(Path(self.theme) / "static")

    def generate_output(self, writer: Any) -> None:
        decap, yaml = self.bundles
        page = AdminPage(
            decap_url=bundle_url(decap),
            yaml_url=bundle_url(yaml),
            manual_init_url=self.assets.url("admin/manual-init.js"),
            preview_url=self.assets.url("admin/preview.js"),
            css_url=self.assets.url("css/site.css"),
        )
        config = CONFIG.read_text(encoding="utf-8")
        # The content and the UI strings as the site's generator loaded them (its context is
        # filled before any generator writes).
        labels = labels_json(self.context["directory"], self.context["translations"])
        # Through the build's writer: incremental builds keep what did not change.
        writer = BuildRuntime.of(self.settings).output
        write_admin(writer, Path(self.output_path), self.bundles, page, config, labels)
