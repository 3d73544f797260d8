"""Module-level regular expressions compiled on first use.

A fresh process compiles every module-level pattern of the modules it imports, though a document needs few
of them: the first :func:`textfix.fix` of an ASCII damaged news text used none of the placeholder
restorer's 48 patterns and of the diagnosis's 37, whose compiling took about 30 ms of its 0.4 s (round 30).
``NAME = lazy(regex.compile, pattern, flags)`` stands for ``NAME = regex.compile(pattern, flags)`` until
the first attribute of ``NAME`` is read (``NAME.search``); then the pattern is compiled and put in the
stand-in's place in its module's globals, so that the module's functions use the compiled pattern itself
from then on, at no cost. A holder of the stand-in (a module that imported the name) goes on through it:
each attribute is read from the compiled pattern once and kept on the stand-in.
"""

from __future__ import annotations

import sys
from typing import Any, Callable


class Lazy:
    """A pattern not yet compiled (see the module docstring)."""

    def __init__(self, compile: Callable, args: tuple, kwargs: dict, namespace: dict) -> None:
        d = self.__dict__
        d["_lazy_compile"], d["_lazy_args"], d["_lazy_kwargs"], d["_lazy_namespace"] = compile, args, kwargs, namespace
        d["_lazy_pattern"] = None

    def compiled(self) -> Any:
        """The compiled pattern (compiled now if need be, and put in the stand-in's place)."""
        d = self.__dict__
        p = d["_lazy_pattern"]
        if p is None:
            p = d["_lazy_pattern"] = d["_lazy_compile"](*d["_lazy_args"], **d["_lazy_kwargs"])
            g = d["_lazy_namespace"]
            for name, value in list(g.items()):
                if value is self:
                    g[name] = p
        return p

    def __getattr__(self, name: str) -> Any:
        # (only for an attribute the stand-in does not hold yet: kept, so that the next read finds it)
        value = getattr(self.compiled(), name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"lazy({self.__dict__['_lazy_args'][0]!r})"


def lazy(compile: Callable, *args: Any, **kwargs: Any) -> Lazy:
    """A stand-in for ``compile(*args, **kwargs)`` (``re.compile`` or ``regex.compile``) at module level,
    compiled on first use."""
    return Lazy(compile, args, kwargs, sys._getframe(1).f_globals)
