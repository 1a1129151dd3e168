"""Pelican plugin: the partner directory. `register()` only connects signals."""

from pelican import signals

from copernica_directory.runtime.build import finish_build
from copernica_directory.site import buildlog
from copernica_directory.site.build_settings import check_settings
from copernica_directory.site.generator import DirectoryGenerator


def _add_generator(pelican_object: object) -> type[DirectoryGenerator]:
    return DirectoryGenerator


def register() -> None:
    """Called by Pelican when the plugin is listed in PLUGINS."""
    # The settings are checked once, before anything is read or written.
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(_add_generator)
    # Content problems in the build log: one whole line each, whatever the terminal's width.
    buildlog.install()
    # The build's runtime ends once every generator has run (incremental builds: remove what
    # no generator wrote).
    signals.finalized.connect(finish_build)
