"""Rebuild ``data/rare-words-v1.json.gz``: English words too rare for wordfreq's small list.

Run from the repository root::

    PYTHONPATH=. python -m textfix.lexicon.build_rare [--out F]

The fused-dash rule (``Europeabout`` -> ``Europe—about``) splits a token that no list knows into two
words. It loads wordfreq's small list (Zipf 3 and above, 40 ms) and not the large one (most of a
second and 60 MB), so a rarer real word such as ``attractor``, ``overdo`` or the name ``Topher``
looked unknown and was split (``attract—or``). This file holds the lower-case ASCII words of the large
list from :data:`MIN_ZIPF` up to the small list's floor. Two words run together are almost never listed
there: on 1,500 dev documents, the fused tokens that textfix split and the large list gives a Zipf
frequency of 2.0 or more were 1 right (``offa``) and 7 wrong; those between 1.5 and 2.0 were mostly right
(``hima``, ``overthe``, ``isnot``), because wordfreq counts text that lost its dashes too.

Output (gzipped JSON): ``{"version": 1, "wordfreq": "3.1.1", "min_zipf": 2.0, "max_zipf": 3.0,
"words": [...]}`` with the words sorted.

It also writes ``data/rare-s-words-v1.json.gz`` (same format, ``"min_zipf": 0``, ``"max_zipf": 2.0``): the
words of the large list that end in ``s`` below :data:`MIN_ZIPF`. With the small list and the rare words,
they tell the apostrophe restorer whether wordfreq lists an ``-s`` token at all: a capitalised one that it
never lists, whose stem it knows, is a name's possessive that lost its apostrophe (``Chaucers England``),
where a listed one is often a plural or a name that ends in s (``NIMBYs``, ``Carys``).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
from pathlib import Path

VERSION = 1
MIN_ZIPF = 2.0
#: wordfreq's small list holds the words at or above this Zipf frequency.
MAX_ZIPF = 3.0


def build() -> dict:
    from wordfreq import get_frequency_dict, zipf_frequency

    words = sorted(w for w in get_frequency_dict("en", "large")
                   if w.isascii() and w.isalpha() and w.islower()
                   and MIN_ZIPF <= zipf_frequency(w, "en", wordlist="large") < MAX_ZIPF)
    return {"version": VERSION, "wordfreq": importlib.metadata.version("wordfreq"),
            "min_zipf": MIN_ZIPF, "max_zipf": MAX_ZIPF, "words": words}


def build_s() -> dict:
    from wordfreq import get_frequency_dict, zipf_frequency

    words = sorted(w for w in get_frequency_dict("en", "large")
                   if w.isascii() and w.isalpha() and w.islower() and w[-1] == "s"
                   and zipf_frequency(w, "en", wordlist="large") < MIN_ZIPF)
    return {"version": VERSION, "wordfreq": importlib.metadata.version("wordfreq"),
            "min_zipf": 0, "max_zipf": MIN_ZIPF, "words": words}


def _write(path: Path, data: dict) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, separators=(",", ":"))
    print(f"{path}: {len(data['words'])} words (wordfreq {data['wordfreq']})")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data" / f"rare-words-v{VERSION}.json.gz")
    ap.add_argument("--out-s", type=Path, default=Path(__file__).resolve().parent / "data" / f"rare-s-words-v{VERSION}.json.gz")
    args = ap.parse_args(argv)
    _write(args.out, build())
    _write(args.out_s, build_s())


if __name__ == "__main__":
    main()
