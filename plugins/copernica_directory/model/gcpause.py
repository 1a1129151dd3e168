"""Pausing Python's cyclic garbage collector while a content tree is loaded (the loader's own
policy: every caller, the build, the validator and the tools, gains from it).

Loading creates hundreds of thousands of small, long-lived objects; every few thousand
allocations the collector scans all of them again, which cost about a fifth of the load time
of the benchmark tree (issue 7). The objects loading makes hold no reference cycles that need the
collector (reference counting frees them), so it is paused for the call and restored after.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def paused_gc(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` with the cyclic collector off, then restore it as it was."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper
