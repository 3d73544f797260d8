"""textfix: repair English text that ingestion pipelines damaged, and explain every change.

>>> import textfix
>>> textfix.fix("Kyiv\u00e2\u20ac\u2122s")
'Kyiv’s'
"""

from .changes import Change, Explained, ReplayError, replay
from .config import FIXERS, Config
from .decode import Decoded, decode
from .diagnose import Damage, Diagnosis, diagnose
from .pipeline import fix, fix_and_explain

__version__ = "0.1.0"


def boilerplate_lines(lines, title=None, source=None):
    """One verdict per boilerplate line of ``lines``; see :mod:`textfix.boilerplate`."""
    from .boilerplate import boilerplate_lines as _bl

    return _bl(lines, title=title, source=source)


__all__ = [
    "fix",
    "fix_and_explain",
    "replay",
    "decode",
    "diagnose",
    "boilerplate_lines",
    "Config",
    "Change",
    "Explained",
    "Decoded",
    "Diagnosis",
    "Damage",
    "ReplayError",
    "FIXERS",
    "__version__",
]
