"""The site's settings, declared once: the site languages (languages.py), the build's settings
with their kinds, defaults and docs (site.py, checked when a build starts) and the review
tools' environment (tools.py). Plain Python: the model, the plugins and the tools import it,
it imports none of them."""

from copernica_directory.settings.languages import DEFAULT_LANGUAGE, SITE_LANGUAGES, spelled_out
from copernica_directory.settings.site import (
    BUILD_KEY,
    PUBLIC_ADDRESS,
    SettingProblem,
    SettingsError,
    SiteSettings,
    declared,
    for_build,
    from_environment,
    parse,
)
from copernica_directory.settings.tools import TOOL_ENVIRONMENT, tool_value

__all__ = [
    "BUILD_KEY",
    "DEFAULT_LANGUAGE",
    "PUBLIC_ADDRESS",
    "SITE_LANGUAGES",
    "TOOL_ENVIRONMENT",
    "SettingProblem",
    "SettingsError",
    "SiteSettings",
    "declared",
    "for_build",
    "from_environment",
    "parse",
    "spelled_out",
    "tool_value",
]
