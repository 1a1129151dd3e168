"""Pelican plugin: the partner directory. `register()` only connects signals."""

from pelican import signals

from .generator import DirectoryGenerator


def _add_generator(pelican_object: object) -> type[DirectoryGenerator]:
    return DirectoryGenerator


def register() -> None:
    """Called by Pelican when the plugin is listed in PLUGINS."""
    signals.get_generators.connect(_add_generator)
