"""Pelican plugin: the web editor at /admin/ (Decap CMS). `register()` only connects signals."""

from __future__ import annotations

from pelican import signals

from copernica_directory.editor.generator import EditorGenerator


def _add_generator(pelican_object: object) -> type[EditorGenerator]:
    return EditorGenerator


def register() -> None:
    """Called by Pelican when the plugin is listed in PLUGINS."""
    signals.get_generators.connect(_add_generator)
