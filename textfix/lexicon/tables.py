"""The shipped deletion tables: file format, loader and lazy cache.

File format (``data/deletions-v2.msgpack.gz``): one gzip-compressed msgpack map with the keys

- ``version`` (int, = :data:`VERSION`), ``docs`` (number of dev documents counted);
- ``exact`` / ``lower``: ``{damaged token: {label: count}}``. A *label* is the damaged token with the
  deleted apostrophes (``'``) and dashes (``—`` em, ``–`` en) put back, e.g. ``"kyivs": {"kyiv's": 812}``;
  the label equal to the key counts the undamaged occurrences (``"its": {"its": 9100, "it's": 8300}``).
  ``exact`` keeps case (``"Ill": {"I'll": 40}``), ``lower`` is folded;
- ``next`` / ``prev``: ``{lower token: packed {neighbour: {label: count}}}`` for ambiguous tokens only,
  each value a nested msgpack blob that :class:`LazyMap` decodes on first use (loading stays fast). The
  neighbour is the next/previous damaged token in lower case when one space separates them, else ``|``
  plus the first punctuation character between them (``|.``), or ``|`` at the paragraph edge;
- ``next_suffix``: like ``next`` but by :func:`suffix` of the next token, the back-off for next words
  the ``next`` table has not seen (``its founder`` -> ``-der``; a word of up to four letters is its own
  class, ``=and``);
- ``next2`` (since version 2): like ``next`` but by the token after the next one (``|`` when the next
  neighbour is already punctuation or an edge), only for ambiguous tokens with a contraction among their
  labels (``its``: ``it's easier to`` / ``its easier access``; ``were``, ``well``, ``ill``);
- ``vocab``: sorted list of lower-case tokens seen undamaged at least twice;
- ``gap``: ``{"prior": {label: n}, "f": {feature: {label: n}}}`` counts of what a double space stood for,
  ``—`` or ``x`` (another symbol such as © or …), overall and by the features of :func:`gap_features`;
- ``s_class``: ``{"prior": {cls: n}, "ctx": {feature: {cls: n}}}``: for every token ending in ``s``,
  whether it was plain (``n``), a possessive (``p``, ``judge's``) or a plural possessive (``pp``,
  ``students'``), by ``p=<previous word>``, ``n=<next word>`` and ``ns=<suffix of next word>``; the
  back-off when a token's own context tables are silent;
- ``poss``: ``{shape or "shape next": {"p": n, "n": n}}``: possessive (``p``) or not (``n``) for a token
  ending in ``s`` whose stem occurs in the same paragraph; shape is ``C`` capitalised, ``A`` acronym,
  ``a`` lower case, ``9`` digits.

All counts come from allsides-abp ``curly`` dev documents after ASCII-ignore damage, cut off below a
minimum count; :mod:`textfix.lexicon.build` rebuilds the file.
"""

from __future__ import annotations

import gzip
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgpack

from .loading import paused_gc

VERSION = 2
TABLE_NAME = f"deletions-v{VERSION}.msgpack.gz"
# The folder holding the deletion tables and the collision model. ``TEXTFIX_DELETION_DATA`` points it at
# tables rebuilt elsewhere (``build --exclude ids --out DIR`` and ``train_collisions --exclude ids --tables
# DIR --out DIR``), to measure on held-out dev documents; read once at import.
SHIPPED_DATA = Path(__file__).resolve().parent / "data"
DATA = Path(os.environ.get("TEXTFIX_DELETION_DATA") or SHIPPED_DATA)


def suffix(neighbour: str) -> str:
    """The back-off class of a context word: its last three letters (``founder`` -> ``-der``). A word of
    four letters or fewer is its own class (``=and``): otherwise ``demand`` would share the statistics
    of ``and`` (``we'll demand`` read as ``well and``)."""
    if neighbour[:1] == "|":
        return neighbour
    if len(neighbour) <= 4:
        return "=" + neighbour
    return "-" + neighbour[-3:]


def gap_features(before: str, after: str) -> tuple[str, ...]:
    """Features of a double space between the whitespace-separated tokens ``before`` and ``after``:
    the neighbouring words without punctuation, the punctuation that ends ``before`` (``Club.  See``
    was an ellipsis, not a dash) and the shape of ``after``; after ``.``, ``?`` or ``!`` also whether that
    ends a sentence or an abbreviation, with the shape of ``after`` (``b=.C``, ``b=abbrC``)."""
    b = before.rstrip(".,;:!?)]\"'").lower()
    a = after.lstrip("([\"'").lower()
    last = before[-1:]
    end = "9" if last.isdigit() else last if last and not last.isalnum() else "w"  # 6.65  percent lost a %
    first = after[:1]
    shape = "C" if first.isupper() else "a" if first.islower() else "9" if first.isdigit() else first
    feats = ("p=" + b, "pc=" + end, "n=" + a, "nc=" + shape)
    if last in ".?!":
        # a sentence end before a capital is a boundary (``Roberts.  None`` lost a quote or an ellipsis),
        # an abbreviation (``U.S.  The``, ``Jr.  and``) is not
        abbr = "." in before[:-1] or len(before) <= 3
        feats += ("b=" + ("abbr" if abbr else last) + shape,)
    return feats


def save(tables: dict[str, Any], path: Path) -> Path:
    path = Path(path)
    blob = msgpack.packb(tables, use_bin_type=True)
    # no name and mtime=0 make the file reproducible byte for byte
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(blob)
    return path


def read(path: Path) -> dict[str, Any]:
    # (one call to decompress the whole file: a GzipFile reads it in chunks and joins them)
    tables = msgpack.unpackb(gzip.decompress(Path(path).read_bytes()), raw=False, strict_map_key=False)
    if tables.get("version") != VERSION:
        raise ValueError(f"{path}: table version {tables.get('version')!r}, expected {VERSION}")
    return tables


class LazyMap:
    """A read-only mapping whose values are msgpack blobs, decoded on first access and kept."""

    __slots__ = ("_raw", "_done")

    def __init__(self, raw: dict[str, bytes]) -> None:
        self._raw = raw
        self._done: dict[str, Any] = {}

    def get(self, key: str, default: Any = None) -> Any:
        v = self._done.get(key)
        if v is None:
            blob = self._raw.get(key)
            if blob is None:
                return default
            v = self._done[key] = msgpack.unpackb(blob, raw=False, strict_map_key=False)
        return v

    def __getitem__(self, key: str) -> Any:
        v = self.get(key)
        if v is None:
            raise KeyError(key)
        return v

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def items(self):
        return ((k, self[k]) for k in self._raw)


def pack(value: Any) -> bytes:
    return msgpack.packb(value, use_bin_type=True)


LAZY = ("next", "prev", "next_suffix", "next2")

# Labels ending in ``'s`` that are contractions of ``is``/``us``, not possessives.
S_CONTRACTIONS = frozenset(("it's", "that's", "there's", "here's", "what's", "who's", "let's", "he's", "she's",
                            "where's", "how's"))


def label_kind(label: str) -> str:
    """``contraction``, ``possessive``, ``possessive-plural`` or ``year`` for a label with an apostrophe."""
    low = label.lower()
    if low.endswith("s'"):
        return "possessive-plural"
    if low[:1] == "'":
        return "year"
    if low.endswith("'s") and low not in S_CONTRACTIONS:
        return "possessive"
    return "contraction"


def unpacked(tables: dict[str, Any]) -> dict[str, Any]:
    """``tables`` with the lazy blobs decoded (for comparisons and inspection)."""
    out = dict(tables)
    for name in LAZY:
        out[name] = {k: msgpack.unpackb(v, raw=False, strict_map_key=False) for k, v in tables[name].items()}
    return out


@lru_cache(maxsize=None)
@paused_gc
def load(path: str | None = None) -> dict[str, Any]:
    """The deletion tables, read once per process (about 0.1 s) and shared."""
    tables = read(Path(path) if path else DATA / TABLE_NAME)
    tables["vocab"] = frozenset(tables["vocab"])
    for name in LAZY:
        tables[name] = LazyMap(tables[name])
    return tables
