"""wordfreq's small word lists, read from wordfreq's own data files without importing wordfreq.

``import wordfreq`` imports langcodes and ftfy (0.1-0.15 s of CPU on a slow machine, about a sixth of
a fresh process's ``import textfix`` and first :func:`textfix.fix`), though the restorers of a damaged
news text ask only about whole lower-case ASCII words of its small English list. This module answers
those questions from the list file itself (wordfreq's cBpack format: a gzipped msgpack list of a header
and frequency buckets, bucket ``i`` holding the words of frequency ``10 ** (-i / 100)``, see
``wordfreq.read_cBpack``) with wordfreq's own arithmetic, and leaves every other question to wordfreq,
imported then. ``tests/test_wordlists.py`` checks each answer against wordfreq's for every word of the
lists, so a wordfreq release that changes them fails there, not in the output.
"""

from __future__ import annotations

import gzip
import math
import re
from functools import lru_cache
from importlib.util import find_spec
from itertools import chain, islice
from pathlib import Path

from .loading import paused_gc

#: What wordfreq's ``zipf_frequency`` answers for a word its list lacks (its ``minimum`` of 0 as a
#: frequency, 1e-9, back on the Zipf scale)
UNLISTED_ZIPF = round(math.log(10**0.0 / 1e9, 10) + 9, 2)


def _path(lang: str) -> Path | None:
    """wordfreq's file of the small ``lang`` list, found without importing wordfreq; None if there is none."""
    spec = find_spec("wordfreq")
    for folder in (spec.submodule_search_locations or ()) if spec else ():
        path = Path(folder) / "data" / f"small_{lang}.msgpack.gz"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=16)  # (a list per language)
@paused_gc
def buckets(lang: str) -> list[list[str]]:
    """wordfreq's ``get_frequency_list(lang, "small")``: bucket ``i`` holds the words of frequency
    ``10 ** (-i / 100)``, each in alphabetical order."""
    path = _path(lang)
    if path is not None:
        import msgpack

        data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
        header = data[0] if data else None
        if isinstance(header, dict) and header.get("format") == "cB" and header.get("version") == 1:
            return data[1:]
    # (not where this wordfreq keeps its lists, or in a layout this module does not know: ask wordfreq,
    # which answers the same, after its slower import)
    from wordfreq import get_frequency_list

    return get_frequency_list(lang, "small")


@lru_cache(maxsize=16)  # (a list per language)
@paused_gc
def frequencies(lang: str) -> dict[str, float]:
    """wordfreq's ``get_frequency_dict(lang, "small")``: each word of the list -> its frequency."""
    freqs: dict[str, float] = {}
    for index, bucket in enumerate(buckets(lang)):
        freqs.update(dict.fromkeys(bucket, 10 ** (-index / 100)))
    return freqs


def top_n(lang: str, n: int) -> list[str]:
    """wordfreq's ``top_n_list(lang, n, wordlist="small")``: the ``n`` most frequent words of the list,
    without the words that begin with a number of two characters or more (wordfreq estimates numbers apart)."""
    words = chain.from_iterable(buckets(lang))
    out: list[str] = []
    while len(out) < n:
        # (the next words at C speed, and one search of them for a number: only then a test per word)
        more = list(islice(words, n - len(out)))
        if not more:
            break
        if _NUMBER_START.search("\n".join(more)):
            more = [w for w in more if not _digit_pair(w)]
        out += more
    return out


#: a line (a word) that may begin with a number of two characters (:func:`_digit_pair` decides)
_NUMBER_START = re.compile(r"^\d", re.MULTILINE)


def _digit_pair(word: str) -> bool:
    # wordfreq's has_digit_sequence: regex ``\d[\d.,]+`` matched at the start (a decimal digit, then a
    # digit, a dot or a comma)
    return word[:1].isdecimal() and (word[1:2].isdecimal() or word[1:2] in (".", ","))


def listed_zipf(freq: float) -> float:
    """wordfreq's ``zipf_frequency`` of a word that is one token of its list with frequency ``freq``
    (a lower-case ASCII word of letters: wordfreq tokenises it as itself): the frequency combined over
    its one token, rounded to three significant digits, on the Zipf scale, rounded to 0.01."""
    freq = 1.0 / (0.0 + 1.0 / freq)
    unrounded = max(freq, 10**0.0 / 1e9)
    freq = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)
