"""The README's tables of settings and tool variables, made from the declarations: the test
of the docs compares the README's rows with these (tests/test_settings.py)."""

from __future__ import annotations

from copernica_directory.settings.site import declared
from copernica_directory.settings.tools import TOOL_ENVIRONMENT

SETTINGS_HEADER = "| setting | type | default | what it does | environment variable |"
TOOLS_HEADER = "| variable | used by | what |"


def settings_rows() -> dict[str, str]:
    """The row of every build setting, by name."""
    rows = {}
    for item in declared():
        env = f"`{item.env}`" if item.env else item.env_note or "none"
        default = item.kind.show(item.default)
        cells = (f"`{item.name}`", item.kind.label, default, item.doc, env)
        rows[item.name] = f"| {' | '.join(cells)} |"
    return rows


def tool_rows() -> dict[str, str]:
    """The row of every variable of the review tools, by name."""
    rows = {}
    for variable in TOOL_ENVIRONMENT:
        name = f"`{variable.name}`" + (
            f" (or Netlify's `{variable.also}`)" if variable.also else ""
        )
        what = variable.doc + (f"; default `{variable.default}`" if variable.default else "")
        rows[variable.name] = f"| {name} | {variable.used_by} | {what} |"
    return rows
