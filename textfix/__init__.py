"""textfix: repair English text that ingestion pipelines damaged, and explain every change.

>>> import textfix
>>> textfix.fix("Kyiv\u00e2\u20ac\u2122s")
'Kyiv’s'
"""

from .changes import Change, Explained, ReplayError, replay
from .config import FIXERS, Config
from .decode import Decoded, decode
from .diagnose import Damage, Diagnosis, diagnose
from .pipeline import fix, fix_and_explain, preload

__version__ = "0.1.0"


def boilerplate_lines(lines, title=None, source=None, **options):
    """One verdict (``index, text, reason, score``) per boilerplate line of ``lines``.

    See :func:`textfix.boilerplate.boilerplate_lines` for ``corpus_stats`` and ``threshold``; the
    module loads lazily so that ``import textfix`` stays fast.
    """
    from .boilerplate import boilerplate_lines as _bl

    return _bl(lines, title=title, source=source, **options)


__all__ = [
    "fix",
    "fix_and_explain",
    "preload",
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
