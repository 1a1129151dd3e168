"""Pelican plugin: the directory's search assets, prebuilt with lunr. `register()` only
connects signals. (Named so it does not shadow the `search` namespace plugin.)"""

from pelican import signals

from copernica_directory.search.generator import SearchAssetsGenerator


def _add_generator(pelican_object: object) -> type[SearchAssetsGenerator]:
    return SearchAssetsGenerator


def register() -> None:
    """Called by Pelican when the plugin is listed in PLUGINS."""
    signals.get_generators.connect(_add_generator)
