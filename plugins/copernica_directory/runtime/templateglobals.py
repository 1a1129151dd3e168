"""Template globals, each classified where it is defined, so an incremental build knows what a
page can depend on.

- `pure(...)`: functions of their arguments, the settings, the theme and the site-wide content
  only (everything the build's fingerprint covers); a page that calls one depends on nothing
  more than its key.
- `Lookup(mapping)`: a mapping of records (partners by slug); every item a page reads from it
  is recorded and makes that page depend on the item.
- any other value that is not callable: data, digested into the build's fingerprint.
Jinja2's own globals (range, dict, ...) are pure. A callable global that is neither (a new
helper nobody classified) stops every build, incremental or not, with an error naming it: an
unknown function could read anything, so no page using it could ever be safely kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol, TypeVar

from jinja2.defaults import DEFAULT_NAMESPACE

T = TypeVar("T")
_PURE = "__template_pure__"
ALL = "*"  # the key recorded when a page walks the whole mapping


class UnclassifiedGlobal(TypeError):
    """A callable template global neither marked `pure` nor wrapped in `Lookup`."""

    def __init__(self, names: Iterable[str]) -> None:
        listed = ", ".join(sorted(names))
        super().__init__(
            f"template global not classified: {listed}. Mark a helper that depends only on its "
            "arguments, the settings, the theme and the site-wide content with "
            "runtime.templateglobals.pure(...); wrap a mapping of records pages look up in "
            "Lookup(...) (README, Performance)."
        )


def pure(values: Mapping[str, T]) -> dict[str, T]:
    """The helpers of `values`, each marked pure (for the template globals)."""
    for value in values.values():
        if callable(value):
            setattr(value, _PURE, True)
    return dict(values)


def is_pure(name: str, value: Any) -> bool:
    return getattr(value, _PURE, False) or DEFAULT_NAMESPACE.get(name) is value


class Recorder(Protocol):
    """Who is told of a page's lookups (the output writer, while a page renders)."""

    def looked_up(self, name: str, key: str) -> None: ...


class Lookup(Mapping):
    """A mapping of records a page may read from; reads are told to the recorder, if any."""

    def __init__(self, name: str, mapping: Mapping[Any, Any]) -> None:
        self.name, self.mapping = name, mapping
        self.recorder: Recorder | None = None  # set by the output writer while pages render

    def __getitem__(self, key: Any) -> Any:
        value = self.mapping[key]
        if self.recorder is not None:
            self.recorder.looked_up(self.name, str(key))
        return value

    def __contains__(self, key: object) -> bool:
        return key in self.mapping  # which records exist is part of the fingerprint

    def __iter__(self) -> Iterator[Any]:
        if self.recorder is not None:
            self.recorder.looked_up(self.name, ALL)
        return iter(self.mapping)

    def __len__(self) -> int:
        return len(self.mapping)


def unclassified(globals_: Iterable[Mapping[str, Any]]) -> set[str]:
    """The names of callable globals in `globals_` that are neither pure nor a Lookup."""
    return {
        name
        for values in globals_
        for name, value in values.items()
        if callable(value) and not isinstance(value, Lookup) and not is_pure(name, value)
    }


def check(globals_: Iterable[Mapping[str, Any]]) -> None:
    """Raise UnclassifiedGlobal if any callable global is unclassified."""
    names = unclassified(globals_)
    if names:
        raise UnclassifiedGlobal(names)


def lookups(globals_: Mapping[str, Any]) -> list[Lookup]:
    return [value for value in globals_.values() if isinstance(value, Lookup)]


__all__ = ["ALL", "Lookup", "UnclassifiedGlobal", "check", "lookups", "pure", "unclassified"]
