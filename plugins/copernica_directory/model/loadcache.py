"""What the loader asks of a cache of per-file loads, without knowing whose it is.

The build passes its parse cache (runtime.cache.ParseCache) to `load_content`; the validator
and the tools pass none and every file is read. Each per-file loader declares with
`@cacheable(kind, ...)` how it may be cached; `through(cache, load)` is the loader itself
without a cache, and the cache's lookup with one. The model never imports the runtime.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
Depends = Callable[[Path, Any], Iterable[Path]]


class LoadCache(Protocol):
    """A cache of `load(path, vocabularies, problems)` results."""

    def call(
        self,
        kind: str,
        load: Callable[..., Any],
        path: Path,
        vocabularies: Any,
        problems: list,
        depends: Depends | None = None,
        clean_only: bool = False,
    ) -> Any:
        """`load(path, vocabularies, problems)`, or what it returned for the same inputs."""
        ...


def cacheable(
    kind: str, depends: Depends | None = None, clean_only: bool = False
) -> Callable[[F], F]:
    """Declare how a per-file loader `load(path, vocabularies, problems)` may be cached.

    `kind`: the group its results are kept in; `depends(path, result)`: the other files the
    result was read from; `clean_only`: keep only results loaded without problems (a loader
    that reads more than its own file, whose messages may name other files).
    """

    def declare(load: F) -> F:
        load.cache_rule = (kind, depends, clean_only)  # type: ignore[attr-defined]
        return load

    return declare


def through(cache: LoadCache | None, load: F) -> F:
    """`load` itself without a cache; with one, `load` looked up in it first."""
    if cache is None:
        return load
    kind, depends, clean_only = load.cache_rule  # type: ignore[attr-defined]

    def cached(path: Path, vocabularies: Any, problems: list) -> Any:
        return cache.call(kind, load, path, vocabularies, problems, depends, clean_only)

    return cached  # type: ignore[return-value]
