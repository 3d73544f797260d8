"""Fixers: each module proposes :class:`~textfix.changes.Change` objects; the engine applies them.

Every fixer module has the same shape::

    FIXERS = ("restore_apostrophes", "restore_dashes")   # the config fields / tags it may emit
    def propose(text: str, ctx: Context) -> Iterable[Change]: ...

``propose`` reads ``text`` (the text as the fixer's stage received it) and the shared :class:`Context`
(config, diagnosis, document evidence such as the clean title) and returns changes whose offsets index
``text``. Proposals of one module must not overlap each other; the engine resolves overlaps between
modules of one stage by confidence, drops those below ``config.min_confidence`` and those of disabled
fixers, writes them in the configured style and applies them. A fixer decides its own gating with
:meth:`Context.damaged`.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, compress

import regex

from ..config import Config
from ..diagnose import DASH_GAPS, Diagnosis, double_spaces

_WORD = regex.compile(r"[^\W\d_](?:[\w'’\u2010-]*\w)?")

#: The most entries each per-word cache of a fixer holds (the ``lru_cache`` of a lookup keyed by a word,
#: a word pair or a token in context). Over a long run every such cache fills, so their sizes bound the
#: memory: the 26 caches of this size and the smaller ones hold at most about 290,000 entries (some 330
#: bytes each, about 95 MB). On 3,000 damaged dev documents in a row, 4,096 entries a cache took no more
#: CPU time than the 16,384 and 65,536 used before (the frequent words stay cached; the rare ones miss
#: either way).
CACHE_SIZE = 8192

#: The one tokenisation that diagnosis and the deletion-stage fixers share: ASCII letter/digit runs,
#: kept with the separators between them (``parts[1::2]`` are the words, ``parts[0::2]`` the separators).
SPLIT = re.compile(r"([A-Za-z0-9]+)")

_ALNUM = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WHITE = b" \t\n\r\x0b\x0c"  # what ``bytes.split()`` splits at
# a separator's whitespace while the separators are split apart, and the byte that joins them: bytes that
# no UTF-8 text holds (F8-FE), so none occurs in the encoded text; decoded, the joining byte is a
# character of its own (in UTF-8 with ``surrogateescape``, the lone surrogate U+DCFE: a text with a lone
# surrogate cannot be encoded, and goes to the regex)
_STAND_IN, _BJOIN = b"\xf8\xf9\xfa\xfb\xfc\xfd", b"\xfe"
_JOIN_LATIN1, _JOIN_ESCAPED = _BJOIN.decode("latin-1"), _BJOIN.decode("utf-8", "surrogateescape")
#: ``bytes.translate`` tables of :func:`split`: letters and digits stay, the rest becomes a space; letters
#: and digits become a space, whitespace its stand-in; and back from the stand-ins
_WORDS_ONLY = bytes(c if c in _ALNUM else 32 for c in range(256))
_SEPS_ONLY = bytes(32 if c in _ALNUM else _STAND_IN[_WHITE.index(c)] if c in _WHITE else c for c in range(256))
_UNSTAND = bytes(_WHITE[_STAND_IN.index(c)] if c in _STAND_IN else c for c in range(256))


def split(text: str) -> list[str]:
    """``SPLIT.split(text)``, the same list, in a third to half fewer instructions (no match objects, no
    regex state per word), on the text's UTF-8 bytes: the words are the ``bytes.split`` of the bytes with
    every byte but a letter or digit made a space (a non-ASCII character's bytes are all above 7F); the
    separators that of the bytes with every letter and digit made a space and the text's own whitespace
    written as stand-ins, put back in one pass over the separators joined by another byte. An ASCII text
    decodes them as Latin-1; a text with a lone surrogate, which has no UTF-8 form, goes to the regex."""
    return _split(text)[0]


def _split(text: str) -> tuple[list[str], list[str] | None]:
    """``(split(text), its words)`` (the words only where the fast path made them, else None)."""
    ascii_ = text.isascii()
    try:
        b = text.encode()
    except UnicodeEncodeError:  # a lone surrogate
        return SPLIT.split(text), None
    words = b.translate(_WORDS_ONLY).decode().split()
    if not words:
        return [text], words
    runs = b.translate(_SEPS_ONLY).split()
    if not runs:
        seps = []
    elif ascii_:
        seps = _BJOIN.join(runs).translate(_UNSTAND).decode("latin-1").split(_JOIN_LATIN1)
    else:
        seps = _BJOIN.join(runs).translate(_UNSTAND).decode("utf-8", "surrogateescape").split(_JOIN_ESCAPED)
    if b[0] in _ALNUM:
        seps.insert(0, "")
    if b[-1] in _ALNUM:
        seps.append("")
    parts = [""] * (2 * len(words) + 1)
    parts[0::2] = seps
    parts[1::2] = words
    return parts, words


#: Frequent lower-case words (a few thousand, a set that stays in the processor's caches) that no
#: large table needs to be asked about: none is a deletion-table token that needs a decision, none is a
#: deleted accent signature, none is a key of the accent index (:func:`textfix.lexicon.accents.by_deleted`)
#: or such a key with an ``s``. ``None`` until :func:`textfix.fixers.deletions.tables` has made it. The
#: diagnosis and the deletion restorer take them out of a document's words first
#: (:meth:`Words.rest`) and look up only the rest in their large sets (tens of thousands of strings,
#: mostly out of cache by the time the next document comes); a set difference, so the results are
#: those of the full look-up whatever the set holds.
COMMON: frozenset | None = None


def newlines_before(text: str, positions: list[int]) -> list[int]:
    """``[text.rfind("\n", 0, p) for p in positions]`` for ascending ``positions``, found walking forward
    once: an ``rfind`` from each position reads its whole line back, which is quadratic in a long line (of
    double spaces, :func:`.deletions._gaps`: 800,000 characters of ``a  `` took 1.4 s, now 0.3 s; of lossy
    remnants on a symbol line, :func:`.placeholders._box_drawing`)."""
    out = []
    nl, nxt = -1, text.find("\n")
    for p in positions:
        while 0 <= nxt < p:
            nl, nxt = nxt, text.find("\n", nxt + 1)
        out.append(nl)
    return out


#: ``(words, its lines)`` of the last list :func:`occurrences` searched (one tuple: replaced whole, so a
#: reader never pairs one list with another's lines)
_LINES: tuple = (None, None)


def occurrences(words: list[str], w: str) -> Iterator[int]:
    """The positions of ``w`` in ``words``, in order (those of ``words.index(w, j + 1)`` repeated).

    ``list.index`` compares every element with a rich comparison (some 50 instructions each, and a
    search reads the whole list); a fixer asks for a few words of the same document, so the list is
    joined once, ``"\\n"`` before, between and after the words, and ``"\\n" + w + "\\n"`` is searched
    with ``str.find`` (a fraction of an instruction per character), the position being the number of
    line breaks before a match. A list whose words hold a line break (a tokenisation's words never
    do), and a ``w`` that holds one, are searched with ``list.index``."""
    global _LINES
    cache = _LINES
    if cache[0] is not words:
        lines = "\n" + "\n".join(words) + "\n"
        cache = _LINES = (words, lines if words and lines.count("\n") == len(words) + 1 else None)
    lines = cache[1]
    if lines is None or "\n" in w:
        j = -1
        while True:
            try:
                j = words.index(w, j + 1)
            except ValueError:
                return
            yield j
    key = "\n" + w + "\n"
    step = len(key) - 1
    p = lines.find(key)
    k = q = 0
    while p >= 0:
        k += lines.count("\n", q, p)
        yield k
        q = p
        p = lines.find(key, p + step)


class Words:
    """One tokenisation of one text, computed once and shared by the diagnosis and the fixers of a stage:
    ``parts`` (``SPLIT.split(text)``: separators and words alternating, starting and ending with a
    separator), ``words`` (``parts[1::2]``), ``offsets`` (running end offsets of the parts) and ``low_of`` (each distinct word ->
    its lower case; its keys are the distinct words) and ``lows`` (the distinct lower-case words). Read
    them, never modify them."""

    __slots__ = ("text", "parts", "_words", "_low_of", "_lows", "_offsets", "_cursor", "_doubles", "_rest",
                 "_distinct", "_nonlower", "_nonlower_lows", "_joined", "memo")

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts, self._words = _split(text)
        self._low_of: dict[str, str] | None = None
        self._lows: set[str] | None = None
        self._offsets: list[int] | None = None
        self._cursor = (0, 0)
        self._doubles: list[int] | None = None
        self._rest: tuple[frozenset, set] | None = None
        self._distinct: set[str] | None = None
        self._nonlower: set[str] | None = None
        self._nonlower_lows: tuple[list[str], list[str]] | None = None
        self._joined: str | None = None
        #: what fixers derive from this text and share, by name (the letter restorer's passages, which the
        #: apostrophe and dash restorer of the same stage asks for first)
        self.memo: dict = {}

    @property
    def words(self) -> list[str]:
        if self._words is None:
            self._words = self.parts[1::2]
        return self._words

    @property
    def low_of(self) -> dict[str, str]:
        if self._low_of is None:
            distinct = self._distinct = set(self.words)
            self._low_of = {w: w.lower() for w in distinct}
        return self._low_of

    @property
    def offsets(self) -> list[int]:
        """The end offset of each part in ``text`` (``offsets[2 * i]`` is where ``words[i]`` starts)."""
        if self._offsets is None:
            self._offsets = list(accumulate(map(len, self.parts)))
        return self._offsets

    def start(self, i: int) -> int:
        """Where ``words[i]`` starts in ``text`` (``offsets[2 * i]``), without the list of all offsets:
        a fixer needs the offsets of a few words, and asking in increasing order costs one pass over
        the parts in all."""
        k = 2 * i + 1
        j, pos = self._cursor
        if k < j:
            j = pos = 0
        pos += len("".join(self.parts[j:k]))  # one copy at C speed beats a len() per part
        self._cursor = (k, pos)
        return pos

    @property
    def doubles(self) -> list[int]:
        """:func:`textfix.diagnose.double_spaces` of ``text`` (the diagnosis counts them, the dash
        restorer decides each)."""
        if self._doubles is None:
            self._doubles = double_spaces(self.text)
        return self._doubles

    def rest(self, common: frozenset) -> set[str]:
        """``lows - common``, computed once per ``common`` set (:data:`COMMON`): the lower-case words
        left to look up in the large tables after the frequent ones are taken out. Read it, never
        modify it."""
        r = self._rest
        if r is None or r[0] is not common:
            r = self._rest = (common, self.lows - common)
        return r[1]

    def with_low_in(self, s: set | frozenset) -> set[str]:
        """The distinct words whose lower case is in ``s`` (``{w for w, l in low_of.items() if l in s}``), for
        a set ``s`` of lower-case words (a subset of :attr:`lows`, such as ``rest(...) - quiet``): the
        lower-case words among them are ``s & distinct`` (one look-up per word of ``s``), and only the
        others (about a fifth of a news article's distinct words) are walked, not every distinct word."""
        low_of = self.low_of
        pairs = self._nonlower_lows
        if pairs is None:
            # :attr:`nonlower` in its order and the lower case of each, made once for every caller (the
            # deletion and the letter restorers each ask): a list walks faster than the set, and the
            # lower-case forms are not looked up again
            nonlower = self.nonlower
            pairs = self._nonlower_lows = (list(nonlower), list(map(low_of.__getitem__, nonlower)))
        out = self._distinct & s  # (a set, whatever ``s`` is; the smaller one is walked)
        out.update(compress(pairs[0], map(s.__contains__, pairs[1])))
        return out

    @property
    def nonlower(self) -> set[str]:
        """The distinct words that hold a capital letter (``distinct - lows``: about a fifth of a news
        article's distinct words)."""
        if self._nonlower is None:
            lows = self.lows
            self._nonlower = self._distinct - lows
        return self._nonlower

    @property
    def capital_lines(self) -> str:
        """:attr:`nonlower`, one word a line (in the set's order), without a last line break: a short
        string that C-level searches (``str.find``, a regex) look through for a word with a capital
        letter and a given ending or shape, instead of the text."""
        if self._joined is None:
            self._joined = "\n".join(self.nonlower)
        return self._joined

    @property
    def lows(self) -> set[str]:
        """The distinct words in lower case."""
        if self._lows is None:
            self._lows = set(self.low_of.values())
        return self._lows


@dataclass
class Context:
    """Shared, read-only inputs of all fixers for one document."""

    config: Config
    diagnosis: Diagnosis
    text: str
    """The document as the pipeline received it (after decoding)."""
    title: str | None = None
    """A clean title line for the document, if the caller has one (the seed record's line 4)."""
    source: str | None = None
    """The document's source (site or outlet), for corpus-level evidence."""
    _words: "Words | None" = field(default=None, repr=False, compare=False)
    lines: "list[tuple[int, int]] | None" = field(default=None, repr=False, compare=False)
    """In a later pass of a repeated stage, the ``(start, end)`` spans of the lines that its fixers
    still read (see ``placeholders.unsettled``); None: the whole text."""
    memo: dict = field(default_factory=dict, repr=False, compare=False)
    """What a fixer looks up in the document more than once, kept by it for this document (the placeholder
    stage's letter fills, and the accented forms it looks for in the text)."""

    def words(self, text: str) -> Words:
        """The :class:`Words` of ``text``, computed once and shared: the pipeline hands over the ones it
        made for the diagnosis, and every fixer of a stage that sees the same text reuses them."""
        w = self._words
        if w is not None and (w.text is text or w.text == text):
            return w
        w = self._words = Words(text)
        return w
    def damaged(self, kind: str) -> bool:
        """True when the document shows damage ``kind`` (always True with ``gate=False``)."""
        return (not self.config.gate) or kind in self.diagnosis

    @property
    def quotes_intact(self) -> bool:
        """The deletion damage took no apostrophe or quotation mark: the document was typed with ASCII ones,
        which an ASCII-only step keeps (diagnosis evidence ``quotes_intact``, see
        :func:`textfix.diagnose._deletion`)."""
        return bool(self.diagnosis.get("deletion").evidence.get("quotes_intact"))

    @property
    def gaps_as_evidence(self) -> bool:
        """The deletion diagnosis rests on double spaces that a lost dash explains (evidence
        ``dash_like_gaps``, see :func:`textfix.diagnose._lost_dash_gaps`), one only: each gap must show one
        itself. Two or more show damage enough that the other gaps are read as in any damaged text, and so
        does a corpus that the caller says is damaged (``Config.assume``)."""
        if "deletion" in self.config.assume:
            return False
        return self.diagnosis.get("deletion").evidence.get("dash_like_gaps", DASH_GAPS) < DASH_GAPS

    @property
    def mixed_sources(self) -> bool:
        """The deletion damage shows in words that clean news never writes bare (``dont``, ``Putins``) in a
        document with intact apostrophes too: text of two sources (diagnosis evidence ``mixed_sources``,
        see :func:`textfix.diagnose._deletion`). No dash is restored there."""
        return bool(self.diagnosis.get("deletion").evidence.get("mixed_sources"))

    @property
    def foreign_language(self) -> str | None:
        """The language of a document that the diagnosis found not to be English (``not_english``, see
        :func:`textfix.diagnose._not_english`), or None; also None with ``gate=False`` (every restorer
        runs then). The restorers that read English context hold back inside its passages."""
        if not self.config.gate:
            return None
        d = self.diagnosis.get("not_english")
        if not d.detected:
            return None
        return next(k[: -len("_function_words")] for k in d.evidence if k != "english_function_words")

    @cached_property
    def vocab(self) -> Counter:
        """Case-sensitive word counts of the document and its title: forms seen intact are evidence."""
        words = Counter(_WORD.findall(self.text))
        if self.title:
            words.update(_WORD.findall(self.title))
        return words
