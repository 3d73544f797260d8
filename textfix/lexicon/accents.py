"""The accent index: accented words, found from their damaged forms, loaded lazily.

Data file ``data/accents-v12.msgpack.gz`` (built by :mod:`textfix.lexicon.build_accents`; format in its
docstring). Two views are derived on first use and cached:

- :func:`by_deleted`: ``"cafe"``-style keys are NOT used; the key is the word with its non-ASCII letters
  deleted and lowercased (``"caf"`` -> café, ``"schrder"`` -> Schröder), as ``encode("ascii", "ignore")``
  leaves it;
- :func:`by_pattern`: the word with each non-ASCII letter replaced by ``?`` and lowercased
  (``"caf?"`` -> café), as a placeholder leaves it.

:func:`by_deleted` also holds the ``foreign`` words (v3: words that only other languages' wordfreq lists
hold, whose deleted forms are no English tokens: ``chrif`` -> chérif), with count 0 and zipf 0;
:func:`by_pattern` does not (a ``?`` placeholder leaves a form that may be an English word's), nor the
``diaeresis`` words (v4: The New Yorker's coöperate, reëlect; ``coperate`` -> coöperate), which
:func:`by_deleted` holds with the plain word's English Zipf frequency and count 0.

v5 adds ``nzipf`` to each word of wordfreq's English list (:class:`Accented`): its foreign Zipf
frequency where the deleted form is an English word too (doña's ``doa``), for names beside names.
An older index file (a held-out v4 build) loads with ``nzipf`` 0.

v6 adds ``rare_foreign`` (:func:`rare_foreign`): rarer words that only other languages list, by deleted
form, outside both views.

v7 adds ``own_words`` (:func:`own_words`): words whose deleted form is a word of their own language
(pensée: French ``pense``), whose foreign frequency alone is no evidence of damage.

v8 widens ``rare_foreign`` (same format): a word of any foreign frequency whose deleted form English
writes rarely (``vran`` 1.2 for Véran) or one of the es fr pt de ca lists does (German ``aez`` 1.9 for
Añez), now also of three letters, is read only as a name after a first name.

v10 adds ``other_names`` (same format as ``rare_foreign``): words of the other foreign lists (Turkish
Yağan, Hungarian Gergő), which :func:`rare_foreign` holds too and :func:`name_only` marks as names read only
after a first name.

v11 adds ``derived`` (:func:`derive`): the signatures, which the first damaged document needs, as the build
derived them from the rest of the file (same content otherwise), and is gzipped msgpack instead of JSON
(:func:`read`).

v12 stores ``foreign``, ``rare_foreign`` and ``other_names`` as columns (same content): the words as one
string of lines and their frequencies beside them (a list of floats for ``foreign``, a string of lines for
the others), which msgpack decodes without making a Python object per word; :func:`by_deleted` makes its
candidates from the columns, and the rare words' look-up table splits one string of words and one of their
deleted forms. An older index file (a held-out build) is read into this layout (:func:`read`).

Candidates are sorted by evidence (clean-corpus count, then wordfreq Zipf frequency).
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from itertools import compress, repeat
from operator import lt
from pathlib import Path
from typing import Callable, NamedTuple

import regex

from .loading import paused_gc

FILE = "accents-v12.msgpack.gz"
VERSION = 12
#: another index file to load instead of the shipped one (a held-out build); set before first use
PATH: Path | None = None
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
#: :func:`deleted_signatures`: the shortest deleted form of a ``foreign`` word, and its lowest foreign Zipf
SIGNATURE_FOREIGN_MIN = 5
SIGNATURE_FOREIGN_ZIPF = 2.5
#: :func:`foreign_signatures`: the lowest English Zipf of a word of wordfreq's English list that clean news
#: never writes (Mondelēz 1.3), whose deleted form (``mondelz``) counts as weak evidence
SIGNATURE_RARE_ZIPF = 1.0


class Accented(NamedTuple):
    word: str
    zipf: float
    count: int
    #: the word's highest Zipf frequency in the other languages' wordfreq lists (0 if below 2 or absent)
    fzipf: float = 0.0
    #: (v4) how many of the clean-news occurrences (``count``) begin with a capital letter
    caps: int = 0
    #: (v5) the highest Zipf frequency in the other languages' lists whatever the deleted form's English
    #: frequency (``fzipf`` is 0 where the deleted form is an English word: doña's ``doa``, núñez's ``nez``)
    nzipf: float = 0.0
    #: (v10) the highest Zipf frequency in the other languages' lists whatever the deleted form and its rivals
    #: (René: French 4.3, though Danish ``ren`` makes ``nzipf`` 0); 0 below 2 or for an older index
    rzipf: float = 0.0


@lru_cache(maxsize=1)
@paused_gc
def load() -> dict:
    if PATH is not None:
        return read(Path(PATH).read_bytes(), str(PATH))
    return read(resources.files("textfix.lexicon").joinpath("data", FILE).read_bytes(), FILE)


def read(raw: bytes, name: str) -> dict:
    """An index file's content from its bytes: gzipped msgpack (v11), or gzipped JSON where ``name`` ends in
    ``.json.gz`` (the v10 format, which a held-out build may still use). msgpack decodes the index in 40 ms
    where JSON takes 70 (round 28); v12's columns in 12 (round 30). A file older than v12 is given v12's
    layout (:func:`upgrade`)."""
    blob = gzip.decompress(raw)
    if name.endswith(".json.gz"):
        data = json.loads(blob)
    else:
        import msgpack

        data = msgpack.unpackb(blob, raw=False, strict_map_key=False)
    return upgrade(data)


def foreign_columns(words: dict[str, float]) -> dict:
    """v12's ``foreign``: ``{word: foreign Zipf}`` as columns, in its order: ``{"words": "w1\\nw2...",
    "fzipf": [z1, z2, ...]}``."""
    return {"words": "\n".join(words), "fzipf": list(words.values())}


def line_columns(words: dict[str, object]) -> dict:
    """v12's ``rare_foreign`` and ``other_names``: ``{word: Zipf}`` as columns, in its order, each a string of
    lines: ``{"words": "w1\\nw2...", "zipf": "1.06\\n1.2..."}`` (each Zipf as ``str`` writes it)."""
    return {"words": "\n".join(words), "zipf": "\n".join(map(str, words.values()))}


def _lines(text: str) -> list[str]:
    # (a column's string of lines: none for an empty one)
    return text.split("\n") if text else []


def upgrade(data: dict) -> dict:
    """``data`` with v12's layout: an older file's ``foreign`` (``{word: foreign Zipf}``) as columns
    (:func:`foreign_columns`), and its ``rare_foreign`` and ``other_names`` (strings of ``word zipf`` lines) as
    :func:`line_columns` (the same strings); the v11 ``derived`` flag of the rare words' lines, which v12 no
    longer needs, dropped. A v12 file is returned as it is."""
    if data.get("version", 0) >= VERSION:
        return data
    data = dict(data)
    if isinstance(data.get("foreign"), dict):
        data["foreign"] = foreign_columns(data["foreign"])
    for part in ("rare_foreign", "other_names"):
        if isinstance(data.get(part), str):
            pairs = [line.rpartition(" ") for line in data[part].splitlines()]
            data[part] = {"words": "\n".join(p[0] for p in pairs), "zipf": "\n".join(p[2] for p in pairs)}
    if isinstance(data.get("derived"), dict):
        data["derived"] = {k: v for k, v in data["derived"].items() if k != "rare_foreign_pairs"}
    return data


def _keys(words: list[str], bulk: Callable[[str], str]) -> list[str]:
    """``[bulk(w) for w in words]`` for a ``bulk`` that maps each character on its own and keeps line breaks
    (deleting or replacing the non-ASCII ones, lower-casing): one call on all the words joined by line
    breaks, at C speed, since the index is built on the first document (tens of thousands of words)."""
    if not words:
        return []
    keys = bulk("\n".join(words)).split("\n")
    return keys if len(keys) == len(words) else [bulk(w) for w in words]  # (no word holds a line break)


def _index(bulk: Callable[[str], str], foreign: bool = False, data: dict | None = None) -> dict[str, tuple[Accented, ...]]:
    """``bulk(word)`` -> the words of that form, the likeliest first (by clean-news count, then Zipf), in
    the order of their first words: the English list's words, then (with ``foreign``) the ``foreign`` words
    and the diaeresis words. Made at C speed (``map``, ``zip``, ``dict``) from the columns, since the
    first damaged document needs it (55,000 candidates; a Python loop over them took 50 ms); only the
    few hundred forms of several words are grouped in Python."""
    if data is None:
        data = load()
    words = data["words"]
    keys = _keys(list(words), bulk)
    cands = [Accented(w, *v) for w, v in words.items()]
    if foreign:
        # (an Accented from each tuple, with no Python call; ``map`` over ``tuple.__new__`` and the class
        # costs 15% fewer instructions than a partial of them, and half as many as ``Accented._make``)
        new, cls = tuple.__new__, repeat(Accented)
        fw = data.get("foreign") or {"words": "", "fzipf": []}
        names = _lines(fw["words"])
        fkeys = _lines(bulk(fw["words"]))
        keys += fkeys if len(fkeys) == len(names) else [bulk(w) for w in names]  # (no word holds a line break)
        cands += map(new, cls, zip(names, repeat(0.0), repeat(0), fw["fzipf"], repeat(0), repeat(0.0), repeat(0.0)))
        # v4: The New Yorker's diaeresis (coöperate), with the English Zipf frequency of the plain word
        dw = data.get("diaeresis", {})
        keys += _keys(list(dw), bulk)
        cands += map(new, cls, zip(dw, dw.values(), repeat(0), repeat(0.0), repeat(0), repeat(0.0), repeat(0.0)))
    out = dict(zip(keys, zip(cands)))  # (one candidate each, each form where its first word put it)
    if len(out) < len(keys):
        # the forms of several words: their candidates in the order above, then sorted (a stable sort)
        counts = Counter(keys)
        several = set(compress(counts, map(lt, repeat(1), counts.values())))
        groups: dict[str, list[Accented]] = {}
        for i in compress(range(len(keys)), map(several.__contains__, keys)):
            groups.setdefault(keys[i], []).append(cands[i])
        for k, v in groups.items():
            out[k] = tuple(sorted(v, key=lambda a: (-a.count, -a.zipf)))
    return out


def _deleted(text: str) -> str:
    """``text`` as ``encode("ascii", "ignore")`` leaves it, in lower case."""
    return text.encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=1)
@paused_gc
def by_deleted() -> dict[str, tuple[Accented, ...]]:
    return _index(_deleted, foreign=True)


@lru_cache(maxsize=1)
@paused_gc
def by_pattern() -> dict[str, tuple[Accented, ...]]:
    return _index(lambda w: _NON_ASCII.sub("?", w).lower())


def foreign_signatures() -> frozenset:
    """The :func:`deleted_signatures` that stand for words only other languages list (``chrif``): weaker
    evidence, since text in another language, pseudo-Latin filler or code writes such forms itself
    (``elitr`` of *lorem ipsum*, SQL's ``trunc``). The diagnosis gives each half the weight of the
    others, so one alone never opens the deletion gate (unless written as a name, see
    :func:`textfix.diagnose._accent_deleted`).

    Also the deleted forms (at least :data:`SIGNATURE_FOREIGN_MIN` letters) of words of wordfreq's
    English list that clean news never writes (English Zipf at least :data:`SIGNATURE_RARE_ZIPF`) where
    neither wordfreq's English list nor clean news has the form in lower or capitalised case
    (``mondelz``, Mondelēz; ``niinist``, Niinistö): 1,680 forms, of which five occur as whole words in
    the documents of allsides ascii and mixed, the BBC articles and sentometrics usnews (about 9,200
    documents), each in one document and each the trace of this damage there (``douard``,
    ``Niinist``, ``Quvenzhan``, ``Bernab``, ``risqu``)."""
    return _signatures()[1]


def deleted_signatures() -> frozenset:
    """Lower-case deleted forms that clean news never writes (``schrder``, ``caf``, ``orbn``): each
    stood for an accented word seen in clean news, and neither the form nor its
    capitalised spelling occurs there, nor is it more frequent in wordfreq than its accented word.

    Seen as a whole word (not the ASCII part of an intact ``café`` or of an HTML entity ``caf&#233;``),
    one is evidence of ``encode("ascii", "ignore")`` damage: none occurs in the clean dev documents of
    allsides curly, ascii and mixed, nor in the BBC 2005 articles (13,709 documents).

    Also the deleted forms of the ``foreign`` words (v3) with at least :data:`SIGNATURE_FOREIGN_MIN`
    letters and a foreign Zipf of at least :data:`SIGNATURE_FOREIGN_ZIPF` (``chrif``, ``avendao``): in
    allsides ascii and mixed, the BBC articles and sentometrics usnews (9,239 documents) three occur, in
    three documents (``brutalit``, a truncation; ``HACAN``, an acronym; ``Saste``)."""
    return _signatures()[0]


def _settings() -> list:
    """The settings that the index's ``derived`` views (:func:`derive`) depend on, as the file stores them (a list)."""
    return [SIGNATURE_FOREIGN_MIN, SIGNATURE_FOREIGN_ZIPF, SIGNATURE_RARE_ZIPF, READ_OTHER_NAMES]


def _derived() -> dict | None:
    """The index file's ``derived`` views (v11, :func:`derive`) if they were built with this module's settings."""
    d = load().get("derived")
    return d if d and d.get("settings") == _settings() else None


def derive(data: dict) -> dict:
    """The views of the index ``data`` that the first damaged document needs and that a build can store
    (v11; :mod:`textfix.lexicon.build_accents` writes them as the file's ``derived`` object): the
    signatures (:func:`_signatures`), as strings of lines, with the settings they were derived with.
    Reading them instead of deriving them saves the first call a pass over the 55,000 keys of the index;
    an index file without them, or with other settings, is derived on first use as before. (v11 also
    stored whether each ``rare_foreign`` line was one word and its frequency; v12's columns need no such
    flag.)"""
    sigs, foreign = _compute_signatures(data, _index(_deleted, foreign=True, data=data))
    # (the foreign signatures are most of the signatures: stored once, the others apart)
    return {"settings": _settings(), "signatures": "\n".join(sorted(sigs - foreign)), "foreign_signatures": "\n".join(sorted(foreign))}


@lru_cache(maxsize=1)
@paused_gc
def _signatures() -> tuple[frozenset, frozenset]:
    """(:func:`deleted_signatures`, :func:`foreign_signatures`): the index file's (:func:`derive`), or built
    in one pass over the index."""
    d = _derived()
    if d is not None:
        foreign = frozenset(d["foreign_signatures"].split("\n")) - {""}
        return foreign.union(d["signatures"].split("\n")) - {""}, foreign
    return _compute_signatures(load(), by_deleted())


def _compute_signatures(data: dict, index: dict) -> tuple[frozenset, frozenset]:
    """:func:`_signatures` of the index ``data``, whose :func:`by_deleted` view is ``index``."""
    out = set()
    foreign = set()
    plain_ = data["plain"]
    get = plain_.get
    fmin, fzipf, rzipf = SIGNATURE_FOREIGN_MIN, SIGNATURE_FOREIGN_ZIPF, SIGNATURE_RARE_ZIPF
    # (a loop over the whole index on the first document: the tests are ordered cheapest first, and the
    # plain forms are looked up only where a test needs them)
    for key, cands in index.items():
        if len(key) < 3 or not key.isalpha():
            continue
        if cands[0].count < 1:  # the candidates are sorted by count: no word seen in clean news
            if len(key) < fmin:
                continue
            if all(c.count == 0 and c.zipf == 0.0 and fzipf <= c.fzipf for c in cands):
                foreign.add(key)  # ``chrif``: no English word, never in clean news, a frequent word elsewhere
                continue
            if any(foreign_only(c) for c in cands) or max(c.zipf for c in cands) < rzipf:
                continue
            a, b = get(key), get(key.capitalize())
            if not (a and (a[0] or a[1])) and not (b and (b[0] or b[1])):
                # ``mondelz``: a word of wordfreq's English list that clean news never writes, whose deleted
                # form no list and no clean news has in either case
                foreign.add(key)
            continue
        # the form and its capitalised spelling: never in clean news, and rarer in wordfreq than the word
        a, b = get(key), get(key.capitalize())
        if (a and a[1]) or (b and b[1]):
            continue
        if max(a[0] if a else 0.0, b[0] if b else 0.0) > max(c.zipf for c in cands):
            continue
        out.add(key)
    return frozenset(out | foreign), frozenset(foreign)


@lru_cache(maxsize=1)
def pair_signatures() -> dict[str, tuple[tuple[str, str], ...]]:
    """Deleted name pairs that clean news never writes (v4: ``Pea Nieto``, ``Enrique Pea``), where the
    deleted word alone may be an English word (``Pea``): the lower case of the pair's first word -> (the
    pair as damage leaves it, the lower case of its word that lost a letter). Seen in a document, each
    is evidence of ``encode("ascii", "ignore")`` damage, as a :func:`deleted_signatures` word is."""
    out: dict[str, list] = {}
    for pair, (n, which) in load().get("pairs", {}).items():
        if n == 0:
            words = pair.split(" ")
            out.setdefault(words[0].lower(), []).append((pair, words[which].lower()))
    return {k: tuple(v) for k, v in out.items()}


#: Whether :func:`rare_foreign` holds the v10 ``other_names`` (words of the twelve other foreign lists at
#: Zipf 3.5 or more, read as a surname after a first name: ``Osman Yaan`` -> Yağan). Off: they are a
#: language's frequent words, not its names, so an English-written name that is such a word with a letter
#: deleted gets it (the Turkish ``yasayı``, "the law", made ``Perfecto Yasay`` Yasayı twice in one test
#: article); on the first 300 held-out dev documents they restored one letter (568 against 567 of 630),
#: too little for that risk.
READ_OTHER_NAMES = False


@lru_cache(maxsize=1)
@paused_gc
def rare_foreign() -> RareNames:
    """(v6) Lower-case deleted form -> word, for the words that pass every test of a ``foreign`` word
    (:mod:`textfix.lexicon.build_accents`) but are rarer in their list (``hbschle`` -> hübschle, German
    Zipf 1.1). Not in :func:`by_deleted`: the letters restorer reads them only for a name after a first
    name. Built on first use from the index's string of words (v12) with its non-ASCII letters deleted
    (one C-level call, then one split; no Python per word): a :class:`RareNames`, whose words are
    looked up only for a form that is one; empty for an older index file."""
    data = load()
    text = rare_words_text(data)
    # (v10) ``other_names`` never share a deleted form with the words above; read only with READ_OTHER_NAMES
    if READ_OTHER_NAMES:
        others = (data.get("other_names") or {}).get("words", "")
        text = "\n".join(t for t in (text, others) if t)
    return RareNames(text)


class RareNames(Mapping):
    """The read-only mapping :func:`rare_foreign`: deleted form -> word, over a string of words (a word a
    line). Its keys are a frozenset made at once (``keys() & words`` is a C-level intersection); the
    mapping to the words (a dict of 113,000 entries, as long again to make) only when a form is looked
    up, which few documents do: a document that holds none of the forms never pays for it."""

    __slots__ = ("_text", "_forms", "_keys", "_words")

    def __init__(self, text: str) -> None:
        self._text = text
        forms = _deleted(text)
        # (deleting non-ASCII letters and lower-casing keep every line break: a form a word)
        self._forms = _lines(forms) if forms.count("\n") == text.count("\n") else [_deleted(w) for w in _lines(text)]
        self._keys = frozenset(self._forms)
        self._words: dict[str, str] | None = None

    def _mapping(self) -> dict[str, str]:
        if self._words is None:
            self._words = dict(zip(self._forms, _lines(self._text)))
        return self._words

    def keys(self):  # type: ignore[override]
        return self._keys

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self):
        return iter(self._mapping())

    def __getitem__(self, key: str) -> str:
        return self._mapping()[key]


def rare_words_text(data: dict | None = None) -> str:
    """The words of ``rare_foreign`` (v12's column: one string, a word a line)."""
    return ((load() if data is None else data).get("rare_foreign") or {}).get("words", "")


def foreign_words(data: dict | None = None) -> dict[str, float]:
    """The ``foreign`` words (v3) with their foreign Zipf frequency: ``{word: fzipf}``, from v12's columns."""
    fw = (load() if data is None else data).get("foreign") or {"words": "", "fzipf": []}
    return dict(zip(_lines(fw["words"]), fw["fzipf"]))


@lru_cache(maxsize=1)
def name_only() -> frozenset:
    """(v10) The deleted forms of :func:`rare_foreign` that stand for ``other_names`` words (``yaan`` ->
    yağan, Turkish Zipf 3.8): read only as a name after a first name, never inside a sentence without one.
    Empty for an older index."""
    if not READ_OTHER_NAMES:
        return frozenset()
    words = _lines((load().get("other_names") or {}).get("words", ""))
    return frozenset(w.encode("ascii", "ignore").decode().lower() for w in words)


@lru_cache(maxsize=1)
def own_words() -> frozenset:
    """(v7) The words of wordfreq's English list with a foreign frequency (``fzipf``) whose deleted form is
    a word of their own language, nearly as frequent there (pensée: French ``pense``; ministère:
    ``ministre``): in a quotation in that language the form is that word. Empty for an older index."""
    return frozenset(load().get("own_words", ()))


def foreign_only(cand: Accented) -> bool:
    """``cand`` is one of the ``foreign`` words: only other languages' lists hold it."""
    return cand.count == 0 and cand.zipf == 0.0 and cand.fzipf > 0.0


def plain(form: str) -> tuple[float, int]:
    """(wordfreq Zipf, clean-corpus count) of an ASCII form; (0, 0) if it was never looked up."""
    z = load()["plain"].get(form)
    return (z[0], z[1]) if z else (0.0, 0)


def bigram(text: str) -> int:
    """Clean-news count of an accented word with its neighbour (``São Paulo``); where that spelling is not
    listed, the count of the pair in any case (``Aaron Maté`` from ``AARON MATÉ``)."""
    n = load()["bigrams"].get(text)
    return n if n is not None else _bigrams_lower().get(text.lower(), 0)


@lru_cache(maxsize=1)
def _bigrams_lower() -> dict[str, int]:
    out: dict[str, int] = {}
    for pair, n in load()["bigrams"].items():
        out[pair.lower()] = out.get(pair.lower(), 0) + n
    return out


def match_case(observed: str, word: str) -> str:
    """``word`` written in the case of ``observed`` (the damaged form): ``CAF`` -> ``CAFÉ``."""
    letters = [c for c in observed if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if observed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
