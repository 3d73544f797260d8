"""The accent index: accented words, found from their damaged forms, loaded lazily.

Data file ``data/accents-v1.json.gz`` (built by :mod:`textfix.lexicon.build_accents`; format in its
docstring). Two views are derived on first use and cached:

- :func:`by_deleted`: ``"cafe"``-style keys are NOT used; the key is the word with its non-ASCII letters
  deleted and lowercased (``"caf"`` -> café, ``"schrder"`` -> Schröder), as ``encode("ascii", "ignore")``
  leaves it;
- :func:`by_pattern`: the word with each non-ASCII letter replaced by ``?`` and lowercased
  (``"caf?"`` -> café), as a placeholder leaves it.

Candidates are sorted by evidence (clean-corpus count, then wordfreq Zipf frequency).
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import regex

FILE = "accents-v1.json.gz"
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")


class Accented(NamedTuple):
    word: str
    zipf: float
    count: int


@lru_cache(maxsize=1)
def load() -> dict:
    with resources.files("textfix.lexicon").joinpath("data", FILE).open("rb") as fb:
        with gzip.open(fb, "rt", encoding="utf-8") as f:
            return json.load(f)


def _index(key) -> dict[str, tuple[Accented, ...]]:
    out: dict[str, list[Accented]] = {}
    for w, (z, n) in load()["words"].items():
        out.setdefault(key(w), []).append(Accented(w, z, n))
    return {k: tuple(sorted(v, key=lambda a: (-a.count, -a.zipf))) for k, v in out.items()}


@lru_cache(maxsize=1)
def by_deleted() -> dict[str, tuple[Accented, ...]]:
    return _index(lambda w: w.encode("ascii", "ignore").decode().lower())


@lru_cache(maxsize=1)
def by_pattern() -> dict[str, tuple[Accented, ...]]:
    return _index(lambda w: _NON_ASCII.sub("?", w).lower())


def plain(form: str) -> tuple[float, int]:
    """(wordfreq Zipf, clean-corpus count) of an ASCII form; (0, 0) if it was never looked up."""
    z = load()["plain"].get(form)
    return (z[0], z[1]) if z else (0.0, 0)


def bigram(text: str) -> int:
    return load()["bigrams"].get(text, 0)


def match_case(observed: str, word: str) -> str:
    """``word`` written in the case of ``observed`` (the damaged form): ``CAF`` -> ``CAFÉ``."""
    letters = [c for c in observed if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if observed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
