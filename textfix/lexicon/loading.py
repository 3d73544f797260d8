"""Loading the shipped tables without the cyclic garbage collector's pauses.

The first :func:`textfix.fix` of a process reads and builds several large tables (the accent index, the
deletion tables, the collision model, the quotation model, wordfreq's word list): millions of new dicts,
tuples and lists. CPython runs a collection every 700 new container objects, and each one that reaches the
oldest generation walks every object made so far, though nothing made while loading is garbage. Pausing the
collector while a loader runs (:func:`paused_gc`) saves round 28's first call (a fresh process, ``import
textfix`` and one damaged news article) 104 M of 4,489 M instructions (callgrind), and pausing it for the
whole first call (:mod:`textfix.pipeline`) 176 M; more in time, as those walks miss the processor's caches
(with the accent index's stored views, v11: median 1.32 -> 1.04 s of CPU on a loaded two-core machine).

Only the loaders and the first call are wrapped, so the collector runs as usual while text is repaired; it
is switched back on when the outermost of them returns or raises, and left alone where the caller has
switched it off.
"""

from __future__ import annotations

import gc
from functools import wraps
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)


def paused_gc(loader: F) -> F:
    """``loader`` run with the cyclic garbage collector paused (see the module docstring). Put it under the
    cache decorator, so that a cached call pays nothing: ``@lru_cache(maxsize=1)`` then ``@paused_gc``."""

    @wraps(loader)
    def run(*args, **kwargs):
        if not gc.isenabled():  # the caller's choice, or an outer loader's pause
            return loader(*args, **kwargs)
        gc.disable()
        try:
            return loader(*args, **kwargs)
        finally:
            gc.enable()

    return run  # type: ignore[return-value]
