"""The build's settings, declared once: each with its kind (type and check), its default, what
it does and the environment variable that sets it.

`parse(settings)` checks every value and gives a `SiteSettings`; a wrong value is one line,
`LIBRARY_PAGE_SIZE: got 'twelve'; expected a whole number from 1 to 200`. The build parses its
settings once, when it starts (site.build_settings), and the code receives the
parsed object instead of reading raw settings. pelican.conf.py takes the environment's values
with `from_environment` and passes them on as given: the defaults live here only. The README's
settings table is checked against this declaration (tests/test_settings.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copernica_directory.settings.languages import SITE_LANGUAGES, spelled_out
from copernica_directory.settings.options import (
    Address,
    Day,
    Folder,
    Invalid,
    Kind,
    Languages,
    LinkTemplate,
    Switch,
    TimeZone,
    WholeNumber,
)

# The production address: where copies made elsewhere link back to (also the review tools').
PUBLIC_ADDRESS = "https://partners.copernica.com"
# Where the build keeps the parsed settings for its generators (in Pelican's settings).
BUILD_KEY = "SITE_SETTINGS"


def setting(kind: Kind, default: Any, doc: str, env: str = "", env_note: str = "") -> Any:
    """One setting of the declaration: `env` is the environment variable `from_environment`
    reads for it; `env_note` says where its value comes from otherwise (the README's column)."""
    return dataclasses.field(
        default=default, metadata={"kind": kind, "doc": doc, "env": env, "env_note": env_note}
    )


@dataclass(frozen=True)
class SiteSettings:
    """Every setting of one build, parsed and checked (the field's name in upper case is the
    setting's: `library_page_size` is LIBRARY_PAGE_SIZE)."""

    siteurl: str = setting(
        Address(empty_allowed=True), "",
        "The address pages and assets link with; empty: root-relative links (local builds, the tests).",
        env_note="`URL` in production, `DEPLOY_PRIME_URL` in previews (by `CONTEXT`)",
    )  # fmt: skip
    public_siteurl: str = setting(
        Address(), PUBLIC_ADDRESS,
        "The production address that everything read elsewhere links to: feeds, calendars, reuse snippets, badges, the CSV, the sitemap (Netlify's `URL` is the main address in previews too).",
        env="URL",
    )  # fmt: skip
    site_languages: tuple[str, ...] = setting(
        Languages(), SITE_LANGUAGES,
        "The site languages this build renders, the default first: `en` builds the English site alone (no `/nl/`, no language switch). Content may be written in any site language either way.",
        env="SITE_LANGUAGES",
    )  # fmt: skip
    choose_partner_url: str = setting(
        LinkTemplate({"slug": "the partner", "lang": f"the page's language, {spelled_out()}"}, required=("slug",)),
        "https://www.copernica.com/{lang}/partners/choose?partner={slug}",
        "Where \"Choose this partner\" leads: the product's partner selection. `{slug}` (required) becomes the partner's slug, `{lang}` the page's language; any other placeholder stops the build.",
        env="CHOOSE_PARTNER_URL",
    )  # fmt: skip
    build_date: dt.date | None = setting(
        Day(), None,
        "The day the site is built for: library items and events dated later are not published yet (the tests fix it, so the site does not change as time passes).",
        env="BUILD_DATE",
    )  # fmt: skip
    timezone: str = setting(
        TimeZone(), "UTC",
        "The site's time zone, in which the build date is today (pelican.conf.py: `Europe/Amsterdam`).",
    )  # fmt: skip
    library_page_size: int = setting(
        WholeNumber(1, 200), 12,
        "Library items on one page of `/library/` and of its filtered lists.",
    )  # fmt: skip
    incremental: bool = setting(
        Switch(), False,
        "`1` (`make serve`, the benchmark): keep `output/` and the caches, write only pages whose inputs changed, delete files no longer written. `0` (`make build`, Netlify): everything from scratch, no cache read or written.",
        env="INCREMENTAL",
    )  # fmt: skip
    cache_path: Path = setting(
        Folder(), Path("cache"),
        "Where incremental builds keep their caches (Pelican's setting; safe to delete at any time).",
    )  # fmt: skip
    build_workers: int = setting(
        WholeNumber(0, 64), 0,
        "Processes that render pages: `0` one per CPU, at most 4; `1` none besides the build itself. A parallel build writes the same site.",
        env="BUILD_WORKERS",
    )  # fmt: skip
    parallel_min_jobs: int = setting(
        WholeNumber(1), 400,
        "From this many pages on, the build renders in worker processes; smaller sites (and the tests) build in one.",
        env="PARALLEL_MIN_JOBS",
    )  # fmt: skip


@dataclass(frozen=True)
class Declared:
    """One declared setting, as the checks and the docs see it."""

    name: str  # the setting: LIBRARY_PAGE_SIZE
    attribute: str  # on SiteSettings: library_page_size
    kind: Kind
    default: Any
    doc: str
    env: str
    env_note: str


def declared() -> tuple[Declared, ...]:
    """Every setting, in the order of the declaration."""
    return tuple(
        Declared(
            f.name.upper(),
            f.name,
            f.metadata["kind"],
            f.default,
            f.metadata["doc"],
            f.metadata["env"],
            f.metadata["env_note"],
        )
        for f in dataclasses.fields(SiteSettings)
    )


@dataclass(frozen=True)
class SettingProblem:
    """A setting with a value its kind does not allow."""

    name: str
    given: object
    allowed: str
    reason: str = ""

    def __str__(self) -> str:
        why = f" ({self.reason})" if self.reason else ""
        return f"{self.name}: got {self.given!r}{why}; expected {self.allowed}"


class SettingsError(ValueError):
    """Settings a build cannot run with: one line per wrong setting."""

    exitcode = 2  # a misconfigured build, not a content problem

    def __init__(self, problems: list[SettingProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


def parse(settings: Mapping[str, Any]) -> SiteSettings:
    """The typed settings from raw ones (Pelican's settings, or any mapping by setting name);
    a setting that is missing or None takes its default. Every wrong value is reported."""
    values: dict[str, Any] = {}
    problems: list[SettingProblem] = []
    for item in declared():
        raw = settings.get(item.name)
        if raw is None:
            continue
        try:
            values[item.attribute] = item.kind.parse(raw)
        except Invalid as err:
            name = item.name
            if item.env and item.env != name:  # say where it is usually set
                name = f"{name} (environment variable {item.env})"
            problems.append(SettingProblem(name, raw, item.kind.allowed, err.reason))
    if problems:
        raise SettingsError(problems)
    return SiteSettings(**values)


def from_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The raw values the environment gives, by setting name (for pelican.conf.py): a variable
    that is unset or empty leaves its setting to the default."""
    return {
        item.name: environ[item.env]
        for item in declared()
        if item.env and environ.get(item.env, "").strip()
    }


def for_build(settings: MutableMapping[str, Any]) -> SiteSettings:
    """This build's parsed settings: parsed when the build starts and kept in Pelican's
    settings, which every generator receives (parsed now if nothing did yet)."""
    parsed = settings.get(BUILD_KEY)
    if not isinstance(parsed, SiteSettings):
        parsed = settings[BUILD_KEY] = parse(settings)
    return parsed
