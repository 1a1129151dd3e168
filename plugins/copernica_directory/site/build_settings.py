"""Pelican adapter: the build's settings parsed and checked once, when the build starts
(Pelican's `initialized` signal), before anything is read or written.

A wrong value stops the build with one line per wrong setting and exit status 2; the
generators then take the parsed settings with `settings.for_build(self.settings)`.
"""

from __future__ import annotations

import sys
from typing import Any

from copernica_directory.settings import SettingsError, for_build


def check_settings(pelican: Any) -> None:
    """Parse the settings of the build `pelican` is about to run, or stop it."""
    try:
        site = for_build(pelican.settings)
    except SettingsError as err:
        # The lines alone, not a traceback: they say all there is to fix.
        print(err, file=sys.stderr)
        raise SystemExit(err.exitcode) from None
    if site.incremental:
        # An incremental build keeps output/ and deletes only what it no longer writes
        # (incremental.py); Pelican read DELETE_OUTPUT_DIRECTORY before this signal.
        pelican.settings["DELETE_OUTPUT_DIRECTORY"] = False
        pelican.delete_outputdir = False
