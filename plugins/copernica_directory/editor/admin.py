"""/admin/: the web editor's page, its configuration and the vendored browser code.

Plain Python over the output folder; the Pelican plugin (editor/__init__.py) only calls it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from copernica_directory.editor.previewdata import LABELS_FILE
from copernica_directory.editor.vendor import Bundle
from copernica_directory.runtime.incremental import OutputWriter

ADMIN_DIR = "admin"


def bundle_url(bundle: Bundle) -> str:
    """Where a vendored release's entry file is published: a folder named by its digest."""
    return f"/{ADMIN_DIR}/vendor/{bundle.pin.name}.{bundle.digest}/{bundle.pin.entry}"


@dataclass(frozen=True)
class AdminPage:
    """The addresses the editor's page loads."""

    decap_url: str  # the Decap CMS bundle
    yaml_url: str  # the YAML library our file formats write with
    manual_init_url: str  # theme/static/admin/manual-init.js: Decap waits for our formats
    preview_url: str  # theme/static/admin/preview.js: formats, previews, then Decap starts
    css_url: str  # the site's stylesheet, for previews that look like the site

    def html(self) -> str:
        # No inline script or style: the policy on /admin/* allows what Decap needs only.
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="robots" content="noindex, nofollow">\n'
            "<title>Content editor · Copernica Partner Directory</title>\n"
            '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
            f'<meta name="site-stylesheet" content="{escape(self.css_url)}">\n'
            f'<meta name="editor-yaml-module" content="{escape(self.yaml_url)}">\n'
            "</head>\n<body>\n"
            f'<script src="{escape(self.manual_init_url)}"></script>\n'
            f'<script src="{escape(self.decap_url)}"></script>\n'
            f'<script type="module" src="{escape(self.preview_url)}"></script>\n'
            "</body>\n</html>\n"
        )


def write_admin(
    writer: OutputWriter,
    output: Path,
    bundles: list[Bundle],
    page: AdminPage,
    config: str,
    labels: str,
) -> None:
    """Write /admin/index.html, /admin/config.yml, the previews' labels (LABELS_FILE) and
    every vendored release's files."""
    admin = output / ADMIN_DIR
    writer.write(admin / "index.html", page.html())
    writer.write(admin / "config.yml", config)
    writer.write(admin / LABELS_FILE, labels)
    for bundle in bundles:
        folder = admin / "vendor" / f"{bundle.pin.name}.{bundle.digest}"
        for path in bundle.files:
            writer.copy(bundle.folder / path, folder / path)
