"""Which damage a document shows, and the evidence for it.

Restorers are gated on this: a restorer only runs on a document diagnosed with the damage it repairs, so
clean text, whether typographic or ASCII-quoted, never reaches them.

Damage kinds (the slugs used everywhere):

- ``deletion``: non-ASCII characters were deleted (``Kyivs``, ``havent``, ``nowwe``).
- ``qmark``: non-ASCII characters became ``?`` (``Kyiv?s``).
- ``fffd``: non-ASCII characters became U+FFFD (``Kyiv\ufffds``).
- ``mojibake``: UTF-8 read as cp1252/latin-1 (``Kyivâ€™s``); reversible, repaired by ftfy.
- ``lossy_mojibake``: mojibake that then lost bytes (``Kyivâ??s``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import re

import regex

from .lazyre import lazy  # (not for the patterns that other modules import: they hold what they imported)

KINDS = ("deletion", "qmark", "fffd", "mojibake", "lossy_mojibake", "html_entities")


@dataclass(frozen=True)
class Damage:
    kind: str
    confidence: float
    evidence: dict[str, int] = field(default_factory=dict)

    @property
    def detected(self) -> bool:
        return self.confidence >= 0.5


@dataclass(frozen=True)
class Diagnosis:
    damages: tuple[Damage, ...]

    def __post_init__(self) -> None:
        # the detected kinds, for ``in`` (every fixer of every stage asks); not a field, so equality,
        # repr and as_dict are unchanged
        object.__setattr__(self, "_detected", frozenset([d.kind for d in self.damages if d.detected]))

    def __contains__(self, kind: str) -> bool:
        return kind in self._detected

    def get(self, kind: str) -> Damage:
        for d in self.damages:
            if d.kind == kind:
                return d
        return Damage(kind, 0.0, {})

    def merge(self, other: "Diagnosis") -> "Diagnosis":
        """Per kind, the stronger of the two findings (the pipeline re-diagnoses after mojibake repair,
        which can turn lossy sequences into U+FFFD placeholders)."""
        kinds = [d.kind for d in self.damages] + [d.kind for d in other.damages if d.kind not in {x.kind for x in self.damages}]
        return Diagnosis(tuple(max(self.get(k), other.get(k), key=lambda d: d.confidence) for k in kinds))

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(d.kind for d in self.damages if d.detected)

    def as_dict(self) -> dict[str, Any]:
        return {
            "damage": list(self.kinds),
            "kinds": {d.kind: {"detected": d.detected, "confidence": round(d.confidence, 3), "evidence": d.evidence} for d in self.damages},
        }


# --- evidence patterns -------------------------------------------------------------------------------
# Intact typography: a curly apostrophe or quote, or an ASCII apostrophe inside a word (don't, Kyiv's).
#: (the characters, counted one by one by :func:`_count_any`; the pattern is its reference in the tests)
_CURLY_CHARS = "\u2018\u2019\u201c\u201d\u2014\u2013"
_CURLY = lazy(regex.compile, f"[{_CURLY_CHARS}]")
_ASCII_APOS = lazy(regex.compile, r"(?<=[A-Za-z])'(?=[A-Za-z])")
# ASCII single quotation marks (``'super size'``), which survive deletion damage only in text written with
# them, as ASCII double quotes do: an opening one after a space (not after a bracket: a string literal in
# code, ``date_trunc('minute', now())``, says nothing of the prose around it), a closing one after a word
_SQUOTE_OPEN = lazy(regex.compile, r"(?:^|(?<=\s))'(?=[A-Za-z])", regex.M)
_SQUOTE_CLOSE = lazy(regex.compile, r"(?<=[A-Za-z.,!?])'(?![A-Za-z])")
# Contractions that lost their apostrophe and collide with no English word (``dont``, ``havent``).
# (a set, matched against the document's distinct words: one pass of a simple regex, then set operations)
_FUSED_CONTRACTION = frozenset(
    "dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt couldnt wouldnt shouldnt mustnt youre theyre"
    " theyve weve youve youll theyll theres thats whats heres ive im lets".split()
)
# ``Ive`` and ``Im`` as contractions (they must start upper-case: ``ive`` is no contraction), not the surnames:
# ``Ive`` before punctuation (``Jony Ive, who``: ``I've`` never stands there), ``Im`` before a hyphenated
# given name (``Im Kwon-Taek``: ``I'm`` never stands there in clean dev news, which writes ``I'm`` before a
# name 57 times), either after a hyphen (``Ex-Im``); see ``deletions._ive_name`` and ``_im_name``.
# (The pattern starts with the literal ``I`` and looks behind it, so that a search skips to each ``I``: the
# look-behind first cost 82 M instructions over the benchmark's 200 damaged documents: 2,568.2 -> 2,486.5 M.)
_IVE_IM = lazy(re.compile, r"I(?<![-A-Za-z0-9]I)(?:ve(?![A-Za-z0-9,.;:)])|m(?![A-Za-z0-9]| [A-Z][a-z]+-[A-Za-z]))")
# A double space between two non-spaces, where a deleted dash or symbol stood (``processed  and``): the
# matches of ``  (?<=\S  )(?=\S)``, found by :func:`double_spaces` with str.find, three times as fast.
_DOUBLE_SPACE = lazy(re.compile, r"  (?<=\S  )(?=\S)")


def double_spaces(text: str) -> list[int]:
    """The start of each match of :data:`_DOUBLE_SPACE` in ``text``, in order (the same positions that
    ``finditer`` gives: two spaces with no whitespace right before or after them), but for the spaces
    after sentence ends in a text typed with two of them there (:func:`_sentence_spacing`)."""
    out: list[int] = []
    find = text.find
    n = len(text)
    i = find("  ")
    while i != -1:
        if i and i + 2 < n and not text[i - 1].isspace() and not text[i + 2].isspace():
            out.append(i)
            i = find("  ", i + 2)
        else:
            i = find("  ", i + 1)
    if len(out) >= SENTENCE_SPACING_ENDS and sum(1 for s in out if text[s - 1] in _ENDERS) >= SENTENCE_SPACING_ENDS:
        layout = _sentence_spacing(text)
        if layout:
            out = [s for s in out if s not in layout]
    return out


# A sentence end before the next sentence: ``.``, ``?`` or ``!`` after two letters or digits (not ``U.S.``
# or ``Mr.``), perhaps a closing quotation mark or bracket, then one space or two (group 1) before a capital or
# a digit, perhaps after an opening mark.
_SENTENCE_END = lazy(re.compile, r"[.?!](?<=[a-z0-9][a-z0-9][.?!])[\"')]{0,2}( {1,2})(?=[\"'(]?[A-Z0-9])")
# The characters right before the double space of a sentence end (:func:`double_spaces`: a cheap test first).
_ENDERS = frozenset(".?!\"')")
#: Sentence ends typed with two spaces after them (at least this many, and at least
#: :data:`SENTENCE_SPACING_SHARE` of all sentence ends) that show a writer's spacing, not lost characters.
SENTENCE_SPACING_ENDS = 2
SENTENCE_SPACING_SHARE = 0.5


def _sentence_spacing(text: str) -> set[int]:
    """The double spaces after sentence ends (:data:`_SENTENCE_END`) of a text typed with two spaces
    between sentences, as typewriter-era style guides taught and many writers still do: at least
    :data:`SENTENCE_SPACING_ENDS` of its sentence ends and :data:`SENTENCE_SPACING_SHARE` of them. Those
    spaces are layout, not a deleted dash or ellipsis (``the election.  The campaign``, ``he said."  The``),
    and are no evidence of damage; empty for any other text. Text that lost its characters shows a
    double space after a few sentence ends only, where a dash or an ellipsis stood (``addressed! —
    Donald J. Trump``, ``an intern. … Whether``): no document of 7,000 allsides and BBC dev articles and as
    many of their 260-character snippets, damaged by ASCII-only deletion, has two of its sentence ends and
    half of them that way, while clean ones retyped with two spaces between sentences opened the
    deletion restorers (dev: 10 of 1,189 allsides and BBC articles, 23 of 3,754 of their paragraphs cut
    into short texts; dashes after the full stops)."""
    two = []
    one = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end(1) - m.start(1) == 2:
            two.append(m.start(1))
        else:
            one += 1
    if len(two) >= SENTENCE_SPACING_ENDS and len(two) >= SENTENCE_SPACING_SHARE * (len(two) + one):
        return set(two)
    return set()
# qmark evidence: a ``?`` where an apostrophe stood in a contraction (``Kyiv?s``, ``don?t``), inside a
# word, or opening a quotation (`` ?We``). ``?`` in URLs (``page?id=3``) is not evidence.
#: A ``?`` that writes a contraction or a possessive after a letter (``Kyiv?s``, ``haven?t``). Shared with
#: the placeholder restorer.
QMARK_CONTRACTION = regex.compile(r"(?<=[A-Za-z])\?(?:s|t|re|ll|ve|d|m)\b")
_QMARK_LETTERS = lazy(regex.compile, r"(?<=[A-Za-z])\?(?=[A-Za-z])|(?:(?<=\s)|^)\?(?=[A-Z])", regex.MULTILINE)
# The same matches in ASCII text (where the regex module's ``\s`` is these six characters and a line starts
# after ``\n`` only), starting with the literal that ``re`` scans for at C speed, the look-arounds after it.
_QMARK_LETTERS_ASCII = lazy(re.compile, r"\?(?:(?<=[A-Za-z]\?)(?=[A-Za-z])|(?<![^\t\n\x0b\x0c\r ]\?)(?=[A-Z]))")
# Further spots where a real question mark never stands in English: between two words with a space each
# side (a spaced dash: ``processed ? and``, ``(AP) ? With``), after a comma, semicolon or colon (``now,?
# said``) and after a space before a lower-case letter, a digit or ``[`` (an opening quote: ``called
# ?the end-of-life rally``; one before a capital letter is already counted by :data:`_QMARK_LETTERS`).
# Matched from the literal ``?``, which ``re`` scans for at C speed (a pattern that starts with a
# look-behind is tried at every position): it runs on every text with a ``?`` and no contraction.
_QMARK_SPOTS = lazy(re.compile, r"\?(?:(?<=[A-Za-z0-9)] \?)(?= [A-Za-z0-9(])|(?<=[A-Za-z][,;:]\?)|(?<!\S\?)(?=[a-z0-9\[]))")
#: A ``?`` opening a word after a space or a line start (an opening quotation mark), then another ``?`` in
#: the same line: the quotation's close.
_QMARK_PAIR = lazy(re.compile, r"\?(?<![^\t\n\x0b\x0c\r ]\?)(?=[A-Za-z\[])[^?\n]{1,400}\?")
#: A ``?`` after a lower-case word's comma or full stop, before a space or a line's end: a closing quotation
#: mark (a real question mark never follows them).
_QMARK_CLOSING = lazy(re.compile, r"\?(?<=[a-z][.,]\?)(?=\s|$)", re.MULTILINE)
#: A spaced ``?`` between a word and a lower-case word: a spaced dash.
_QMARK_DASH = lazy(re.compile, r"\?(?<=[A-Za-z0-9)] \?)(?= [a-z])")
#: A news dateline at a text's start, before its dash: ``HOUSTON``, ``EXETER, New Hampshire``,
#: ``WASHINGTON (AP)``. Clean news of the eight readers writes a dash after it (allsides curly dev 319 of
#: 3,000 documents' paragraphs), never a ``?`` or a double space.
_DATELINE = r"[A-Z][A-Z.]{2,}(?:,? [A-Z][A-Za-z.]*){0,3}(?: \([A-Za-z ]+\))?"
_QMARK_DATELINE = lazy(re.compile, _DATELINE + r" \? [A-Z]")
_DELETED_DATELINE = lazy(re.compile, _DATELINE + r"  [A-Z]")
#: The same at a line's start in a longer text (an article's first paragraph), within its first
#: :data:`_DATELINE_REACH` characters.
_DATELINE_GAPS = lazy(re.compile, r"(?m)^" + _DATELINE + r"  [A-Z]")
_DATELINE_REACH = 2000
#: A ``?`` joining two lower-case words (``eyes?and``): a lost dash. No clean document of the readers has one
#: outside URLs (0 of 14,300). Shared with the placeholder restorer.
QMARK_JOIN = re.compile(r"(?<=[a-z]{2})\?(?=[a-z]{2})")
#: A URL or query-string token (``page?id=3``, ``https://…``, ``@handle``): its ``?`` is real. Shared with
#: the placeholder restorer.
URLISH = regex.compile(r"[/=&@]|www\.|https?:")
#: its literal pieces (``http`` before ``:`` or ``s:``), found with ``str.find`` by :func:`urlish_starts`
_URLISH_PIECES = ("/", "=", "&", "@", "www.", "http")


def urlish_starts(text: str, spans=((0, None),)) -> list[int]:
    """Where a match of :data:`URLISH` starts in ``text`` (within the sorted ``(start, end)`` ``spans``, an
    end of None the text's end), in order. A space-delimited token holds a match exactly when one starts
    inside it (no match holds a space): a look-up in this list (most texts have none) instead of a regex
    search per token. Shared with the placeholder restorer (its ``_url_tokens``)."""
    out = []
    for a, b in spans:
        for piece in _URLISH_PIECES:
            x = text.find(piece, a, b)
            while x >= 0:
                if piece != "http" or text.startswith(":", x + 4, b) or text.startswith("s:", x + 4, b):
                    out.append(x)
                x = text.find(piece, x + 1, b)
    out.sort()
    return out


def _token(text: str, a: int, b: int) -> tuple[int, int]:
    """The start and end of the space-delimited token of ``text`` that holds ``text[a:b]``."""
    end = text.find(" ", b)
    return text.rfind(" ", 0, a) + 1, end if end != -1 else len(text)


def _starts_within(starts: list[int], a: int, b: int) -> bool:
    """Whether one of the sorted positions ``starts`` lies in ``[a, b)``."""
    k = bisect.bisect_left(starts, a)
    return k < len(starts) and starts[k] < b
# A UTF-8 lead byte read as Latin-1 followed by the ``?`` (or U+FFFD) that a lost continuation byte became.
_LOSSY = lazy(regex.compile, r"[\u00c2-\u00c5\u00e2][\u20ac\u0080-\u00bf]?[?\ufffd]")
#: One lossy-mojibake remnant, as the placeholder restorer decides it: a UTF-8 lead byte read as Latin-1,
#: then its continuation bytes, each either a Latin-1 character (A0-BF) or the ``?`` that a cp1252
#: character outside Latin-1 (80-9F) became.
LOSSY_UNIT = regex.compile(
    r"[\u00c2-\u00df]\?|[\u00e0-\u00ef](?:\?[?\u00a0-\u00bf]|[\u00a0-\u00bf]\?)|[\u00f0-\u00f4](?=[?\u00a0-\u00bf]{3})(?:[\u00a0-\u00bf]{0,2}\?)[?\u00a0-\u00bf]{0,2}"
)
_REPLACED_APOS = lazy(regex.compile, r"(?<=[A-Za-z])(?:[?\ufffd]|\u00e2[\u20ac?][?\ufffd\u2122])(?:s|t|re|ll|ve|d|m)\b")
# The same matches in ASCII text, where only ``?`` can stand for the apostrophe (and ``\b`` means the same
# in ``re`` and ``regex``): a pattern that starts with the literal is scanned for it, about ten times faster.
_REPLACED_APOS_ASCII = lazy(re.compile, r"\?(?<=[A-Za-z]\?)(?:s|t|re|ll|ve|d|m)\b")
# The same count in a non-ASCII text: the matches of U+FFFD (:data:`_FFFD_CONTRACTION`) and of ``?``
# (:data:`QMARK_CONTRACTION`), which the diagnosis reads anyway, and those of this pattern for the mojibake
# form, each with its literal right after the look-behind (``regex`` skips to a literal at C speed, but
# tries a class at every position: in a text of two-byte characters the one pattern cost 90 instructions
# a character), searched only in a text that holds its first character. The counts add up: no match can
# start inside another's (after a letter), so the alternation's scan finds them all.
_REPLACED_APOS_MOJIBAKE = lazy(regex.compile, r"(?<=[A-Za-z])\u00e2[\u20ac?][?\ufffd\u2122](?:s|t|re|ll|ve|d|m)\b")
_MOJIBAKE = lazy(regex.compile, r"â€[\u0080-\u00bf\u2122\u0153\u201c\u201d\u02dc\u00a6\u2018\u2019\u201e\u2020]|Ã[\u0080-\u00bf©¨§¡¶]|Â[\u00a0-\u00bf ]")
# What every match of :data:`_MOJIBAKE` and of :data:`_LOSSY` starts with: a text that holds none has none
# (``in`` finds a character at C speed; the patterns' classes cost ``regex`` a test at every position).
_MOJIBAKE_LEADS = ("â€", "Ã", "Â")
_LOSSY_LEADS = "\u00c2\u00c3\u00c4\u00c5\u00e2"


def _count_any(text: str, chars: str) -> int:
    """How many characters of ``text`` are among ``chars`` (``len(findall)`` of their class): each is looked
    for at C speed, and counted where it occurs."""
    return sum([text.count(c) for c in chars if c in text])


def _qmark_contractions(text: str, ascii_only: bool) -> list[int]:
    """Where :data:`QMARK_CONTRACTION` matches ``text``, in order (in ASCII text the matches of
    :data:`_REPLACED_APOS_ASCII`, the same)."""
    if "?" not in text:
        return []
    return [m.start() for m in (_REPLACED_APOS_ASCII if ascii_only else QMARK_CONTRACTION).finditer(text)]


def _replaced_apostrophes(text: str, ascii_only: bool, fffd_contr: int, q_contr: list[int]) -> int:
    """``len(_REPLACED_APOS.findall(text))``, from the patterns that find its matches faster; ``fffd_contr``
    is the count of :data:`_FFFD_CONTRACTION`'s matches (0 in a text without U+FFFD), ``q_contr``
    :func:`_qmark_contractions`."""
    if ascii_only:
        return len(q_contr)
    return fffd_contr + len(q_contr) + (len(_REPLACED_APOS_MOJIBAKE.findall(text)) if "\u00e2" in text else 0)


def _common() -> frozenset | None:
    """:data:`textfix.fixers.COMMON` (None until the deletion tables are loaded; the module is imported
    on first use, not at the top: fixers imports this module)."""
    global _fixers
    if _fixers is None:
        from . import fixers as _f

        _fixers = _f
    return _fixers.COMMON


_fixers = None


# the tokenisation of textfix.fixers.SPLIT (not imported from there: fixers imports this module)
_SPLIT = lazy(re.compile, r"([A-Za-z0-9]+)")


def _signatures() -> tuple[frozenset, frozenset]:
    """Lower-case tokens that in clean news (nearly) always carried an apostrophe or dash: ``putins``,
    ``partys``, ``theres``, and the weaker ones that usually did (``clintons``). Seeing them is the evidence
    of deletion damage; loaded lazily from the tables."""
    global _SIGS
    if _SIGS is None:
        try:
            from .lexicon.tables import load

            t = load()
            vocab = t["vocab"]
            sigs, weak = set(), set()
            for key, labels in t["lower"].items():
                total = sum(labels.values())
                if not key.isalpha():
                    continue  # words are letter/digit runs: ``90s`` or ``2014-15`` say nothing about deletion
                if total >= 10 and labels.get(key, 0) <= 0.01 * total and key not in vocab:
                    sigs.add(key)
                elif total >= 20 and labels.get(key, 0) <= 0.4 * total:
                    weak.add(key)  # usually damaged, sometimes a word of its own (``clintons``)
            _SIGS = (frozenset(sigs), frozenset(weak))
        except (OSError, ValueError):  # tables missing: fall back to the fixed contraction list
            _SIGS = (frozenset(), frozenset())
    return _SIGS


_SIGS: tuple[frozenset, frozenset] | None = None


def _accent_deleted(lows: set, text: str, rest: set | None = None) -> float:
    """Distinct words that lost an accented letter and that clean news never writes (``schrder``,
    ``orbn``; :func:`textfix.lexicon.accents.deleted_signatures`), seen as whole words: not the ASCII
    part of an intact ``café`` (the tokenisation splits at é) nor of an entity ``caf&#233;``. A form of a
    word that only other languages list (``chrif``) counts half: *lorem ipsum* writes ``elitr``; written
    capitalised and six letters or more long (``Avendao``), it is a name's and counts in full. A name
    pair that clean news never writes without its accent (``Pea Nieto``;
    :func:`textfix.lexicon.accents.pair_signatures`) counts as its deleted word would. ``rest``: the
    words without frequent ones that are no signature (:meth:`textfix.fixers.Words.rest`), if the caller
    has them."""
    from .lexicon.accents import deleted_signatures, foreign_signatures, pair_signatures

    hits = (lows if rest is None else rest) & deleted_signatures()
    pairs = pair_signatures()
    firsts = lows & pairs.keys()
    if firsts:
        # ``Pea Nieto``: a name pair that clean news writes only with its accent, even where the deleted
        # word alone is a word; looked for (case-sensitive, as whole words) only when its first word is here
        for first in firsts:
            for pair, word in pairs[first]:
                if word not in hits and _last_word_written(pair, lows) and pair in text and regex.search(
                        r"(?<![\p{L}\p{M}\d])" + regex.escape(pair) + r"(?![\p{L}\p{M}\d&])", text):
                    hits = hits | {word}
    if not hits:
        return 0
    if not text.isascii():
        # (nor the rest of a word whose letter became a placeholder: ``clich?``, ``S?o``)
        hits = {w for w in hits if regex.search(r"(?i)(?<![\p{L}\p{M}\d?\ufffd])" + w + r"(?![\p{L}\p{M}\d&?\ufffd])", text)}
    elif "&" in text or "?" in text:
        low = text.lower()
        hits = {w for w in hits if _whole_word(low, w)}
    foreign = hits & foreign_signatures()
    if foreign:
        # a name's form (capitalised, six letters or more: ``Avendao`` for Avendaño) counts in full;
        # *lorem ipsum* and code write such words in lower case
        foreign = {w for w in foreign if len(w) < FOREIGN_NAME_MIN
                   or not regex.search(r"(?<![\p{L}\p{M}\d])" + w.capitalize() + r"(?![\p{L}\p{M}\d&])", text)}
    return len(hits) - 0.5 * len(foreign)


def _last_word_written(pair: str, lows) -> bool:
    """False where the text cannot hold the name pair ``pair`` as whole words because its last word (of ASCII
    letters and digits, after a space) is none of the text's words ``lows`` (lower case): such a match is
    a letter/digit run of its own, since no letter or digit may follow it. A set look-up before the search
    of the text for the pair (a pair whose last word is of other characters is always searched)."""
    last = pair[pair.rfind(" ") + 1 :]
    return not (last.isascii() and last.isalnum() and " " in pair) or last.lower() in lows


def _whole_word(low: str, w: str) -> bool:
    """Whether the lower-case ASCII text ``low`` holds ``w`` as a whole word that is not the rest of a word
    whose letter became a placeholder (``clich?``) nor of an entity (``caf&#233;``): the regex test of
    :func:`_accent_deleted` for ASCII text, with ``str.find``."""
    i = low.find(w)
    n = len(w)
    while i >= 0:
        b = low[i - 1 : i] if i else ""
        a = low[i + n : i + n + 1]
        if not (b.isalnum() or b == "?") and not (a.isalnum() or a in ("&", "?")):
            return True
        i = low.find(w, i + 1)
    return False


#: the shortest foreign signature that counts in full when the document writes it capitalised
FOREIGN_NAME_MIN = 6


#: A short text's one usually-damaged ``-s`` word (:func:`_deletion`) must be rarer than this in wordfreq's
#: English: ``trumps`` (3.5), ``obamas`` and ``americas`` are mostly damage, but a plural as common as
#: ``lions`` (4.2), ``worlds``, ``presidents`` or ``nights`` is mostly a plural outside the news the
#: tables count (``the Lions Test side``, the last clean BBC snippet this rule changed). On the
#: benchmark's 300 damaged dev snippets it costs 6 of 207 restored characters (``the worlds energy``).
#: A text longer than :data:`SHORT_TEXT` with no apostrophe or quotation mark at all is suspect enough
#: without it (one held-out dev article of 2,400 characters would lose its 9 restorations).
SHORT_S_ZIPF = 4.0


def _z(w: str) -> float:
    from .fixers.deletions import _z

    return _z(w)


#: a capitalised ``-s`` word inside a sentence (after a lower-case word or a comma: ``Englands``) or at its
#: start (after ``. ! ?`` or at a line's start: ``Nortels head Frank Dunn``, ``Foxxs critically acclaimed``)
#: (``(?<=[a-z,.!?] |^)([A-Z][a-z]{2,})s …``, written so that the search skips to a capital at C speed, the
#: look-behinds after it)
_CAP_S = lazy(re.compile, r"([A-Z](?:(?<=[a-z,.!?] [A-Z])|(?<=^[A-Z]))[a-z]{2,})s (?=([A-Za-z]+))", re.M)
#: words after a plural rather than after a possessive (``Sunnis and``, ``Johns who``)
_PLURAL_NEXT = frozenset("and or who that which were are have had will would said say says in of to for from on at "
                         "with by as than".split())
#: how much rarer than its stem (Zipf) a name's ``-s`` form must be to count (:func:`_name_possessives`)
NAME_S_GAP = 1.5


#: An Irish surname that lost its apostrophe (``ODriscoll``, ``OGara``; not before a vowel: ``OAuth``): in clean
#: dev news 1,063 of 1,064 such tokens have it (see ``deletions._O_NAME_INITIAL``); in the clean allsides,
#: BBC, Readability, L3S and usnews text (dev and test) the pattern finds 3 tokens, none in a document
#: without an apostrophe or quotation mark (``OBrien`` once, ``OGpaper``). The capital is searched first.
_O_NAME = lazy(re.compile, r"O(?<![\w@'\u2019]O)[BCDFGHKLMNPRSTVWY][a-z]{2,}\b")


def _name_possessives(text: str) -> int:
    """Distinct names that a text with no apostrophe at all writes both alone and glued to an ``s`` before
    a word (``Kenya … Kenyas Catherine Ndereba``, ``Foxx … Foxxs performance``): a possessive that lost
    its apostrophe. The name must be frequent (Zipf 3 or more) and its ``-s`` form much rarer (by
    :data:`NAME_S_GAP`: not ``Owens``, ``Rogers``), or else unknown to the word list, as its ``-s`` form is
    (``Foxx``, ``Mittal``, ``Boerse``: s19, 14 more of the BBC dev articles with their apostrophes deleted
    opened, 21 more right apostrophes and no wrong one, and no clean text changed in the benchmark's ``fp``
    and ``fp-short`` sections); not after *the* (``the Obamas``) nor before a word that
    follows plurals (``Sunnis and``). The tables do not know the possessives of names that US news rarely
    writes (``Leicesters``, ``Arsenals``, ``Verizons``); on BBC News with its apostrophes deleted (dev half),
    26 of the 105 articles that showed no other sign of damage show this; no clean article of allsides,
    BBC or the Readability pages without an apostrophe or quotation mark does. An Irish surname glued to
    its ``O`` (:data:`_O_NAME`) counts as one too.

    Since s23 also at a sentence's start (``Nortel said … Nortels head Frank Dunn``): on BBC dev (1,692
    articles, apostrophes deleted) 8 more articles open, with 15 right apostrophes and no wrong one; no
    damaged allsides dev article, first-260-character text or paragraph snippet (6,000 articles, 214,452
    snippets) changes its diagnosis, nor does any clean snippet of allsides curly, ASCII and mixed, BBC,
    the Readability pages or usnews (277,000 snippets) open."""
    found = set(_O_NAME.findall(text))
    for m in _CAP_S.finditer(text):
        stem = m.group(1)
        if stem in found or m.group(2).lower() in _PLURAL_NEXT or text[m.start() - 4 : m.start()].lower() == "the ":
            continue
        zs = _z(stem.lower())
        if zs < 3.0 and _z(stem.lower() + "s") > 0.0 or zs >= 3.0 and _z(stem.lower() + "s") > zs - NAME_S_GAP:
            # (a name that the word list does not know, glued to an ``s`` that it does not know either,
            # counts too: ``Foxx … Foxxs performance``, ``Mittal … Mittals``)
            continue
        # (the stem alone: ``(?<![A-Za-z])stem(?![A-Za-z])``, the look-behind after the stem's letters so
        # that the search skips to them)
        if re.search(stem + r"(?<![A-Za-z]" + stem + r")(?![A-Za-z])", text):
            found.add(stem)
    return len(found)


#: Distinct signature words (:func:`_signatures`, the strong ones) that show deletion damage in a document
#: with intact apostrophes too (``mixed_sources``, see :func:`_deletion`).
MIXED_SIGNATURES = 2
#: ... and at least this many per intact apostrophe or quotation mark: a long comment thread of sloppy
#: writers (``i dont``, ``Pauls campaign`` beside hundreds of intact apostrophes: l3s-gn1, 3 pages, 6
#: signatures to 454 intact marks at most 0.08) is clean text; a document with a deleted part shows more
#: (allsides mixed dev 0-900 with ASCII-ignore damage: 0.2 or more in three quarters of those it opens,
#: 0.094 at the 5th percentile).
MIXED_SIGNATURE_SHARE = 0.1

#: The confidence of an apostrophe that :func:`_probe` needs from the deletion restorer.
PROBE_CONFIDENCE = 0.98
#: ... in a text longer than :data:`SHORT_TEXT`, where the lack of any apostrophe or quotation mark is a sign
#: of its own (clean news of that length nearly always has one: no allsides article lacks both, 14 of 1,847
#: BBC ones do). Round 28, on BBC News with its apostrophes deleted (dev half, 1,692 articles; 175 show no
#: other sign): 22 more articles open, with 36 right apostrophes and none wrong (all classes: 41 right,
#: 2 wrong: a fused dash in the surname ``Turnour`` and a misplaced quotation mark); at 0.9, 52 right and
#: 2 wrong apostrophes. The clean articles of that length with no mark at all (8 of BBC, 3 Readability
#: pages) get no apostrophe even with the damage assumed; of sentometrics usnews's 208 such articles the
#: three that would open at 0.9 lost their apostrophes in the source (``Martin Luther King Jr.s birthday``,
#: ``last weeks early peeks``), and on allsides (held-out build, dev 0-600) one article shows no sign, at 0.87.
LONG_PROBE_CONFIDENCE = 0.95
#: ... or of two apostrophes, in a text of any length (:func:`_probe`; helper ``apos15``, round 28)
PROBE_PAIR_CONFIDENCE = 0.95


#: The dashes that :func:`_probe` takes as damage wherever the deletion restorer finds them, in a text of any
#: length: a dateline fused to its story (``WASHINGTONSenate``, ``CLEVELANDIt``, ``LITTLE ROCK,
#: ArkansasMike``), a range run together (``JulySeptember``, ``19411945``, ``201718``) and a former holder's
#: title glued to its ``then`` (``thenAttorney General``). Clean text never shows these: no document,
#: paragraph, first-260-character snippet or 260-character chunk of allsides curly, ASCII and mixed, BBC (dev)
#: and the Readability pages (764,000 texts) opens so; sentometrics usnews, whose sources lost their dashes,
#: opens 3 chunks of 24,010 (``NEW YORKIts nail biting time``, ``since 19992000``). The restorer, forced on,
#: finds them in the 280,000 paragraphs of those corpora only in one allsides document's bullets that lost
#: their dashes too (``• 19701990 brought stagnation``; the bullet keeps it closed). On the benchmark's
#: 2,000 dev snippets with ASCII-ignore damage 13 more dashes come back (235 -> 248 of 322), none wrong;
#: with the held-out tables, dev 0-600, 60 -> 64 of 96.
SURE_DASHES = ("dash:dateline:", "dash:range:", "dash:compound:then|", "dash:compound:Then|")
#: Words in capitals that a page prints before a story as a label, not a place: glued to its first word
#: by a scraper (``VIDEOPresident Trump said``), they are no dateline that lost its dash.
_LABELS = frozenset("VIDEO WATCH LIVE BREAKING UPDATE UPDATED EXCLUSIVE OPINION ANALYSIS PHOTOS PHOTO LISTEN "
                    "EDITORIAL COMMENTARY REVIEW NEWS PODCAST SPONSORED ADVERTISEMENT CLOSE SHARE CORRECTION "
                    "CLARIFICATION ADVISORY CHECK RELATED TRENDING READ MORE OBITUARY".split())


def _probe(deletion: Damage, text: str, words: Any) -> Damage:
    """``deletion`` unless the deletion restorer, run on ``text`` as if it were damaged, restores an
    apostrophe with confidence :data:`PROBE_CONFIDENCE` or more (:data:`LONG_PROBE_CONFIDENCE` in a text
    longer than :data:`SHORT_TEXT`): a text with no apostrophe or quotation
    mark at all and no damaged word that the signatures know can still show its damage in a possessive
    or contraction that the restorer is sure of (``the nations unemployment rate``). Only for ASCII text
    with no ``'`` or ``"`` at all (not even one unpaired quotation mark), where nothing argues against
    deletion.

    On 14,000 such clean texts (allsides curly, ASCII and mixed, BBC and the Readability pages cut into
    short texts of about 260 characters) the restorer is that sure nowhere (once at 0.95); on BBC News
    with its apostrophes deleted (dev half), 28 of the 82 articles that showed no other sign open, and
    17 of 176 such short allsides texts.

    Two apostrophes at :data:`PROBE_PAIR_CONFIDENCE` or more count as well (``Pat Leahys credit card …
    Senator Leahys spokeswoman``, ``New Years Day`` four times): among 185,000 such clean texts (the same
    corpora's dev documents, paragraph chunks and first-260-character snippets: allsides curly and ASCII,
    BBC dev 0-700 and the Readability pages) 15 have one apostrophe at 0.95 or more and none two (``Its
    true``, ``The Oscars nominations``: sources that wrote no apostrophe); of the 77 BBC News dev articles
    0-700 with their apostrophes deleted that no other sign opens, 2 open. None of those clean texts with one
    such apostrophe is longer than :data:`SHORT_TEXT` (all are snippets and paragraphs of 260 characters or
    less), where one at :data:`LONG_PROBE_CONFIDENCE` opens a text.

    One dash of :data:`SURE_DASHES` opens a text too, whatever its confidence (``WASHINGTONSenate and House
    Republicans``, ``profits rose in the JulySeptember quarter``: a fused dateline or range, which clean text
    never writes), unless the capitals before it are a page's label (:data:`_LABELS`)."""
    from .config import Config
    from .fixers import Context, deletions

    ctx = Context(config=Config(), diagnosis=Diagnosis((Damage("deletion", 1.0, {}),)), text=text, _words=words)
    proposed = deletions.propose(text, ctx)
    confs = [c.confidence for c in proposed if c.fixer == "restore_apostrophes"]
    need = PROBE_CONFIDENCE if len(text) <= SHORT_TEXT else LONG_PROBE_CONFIDENCE
    sure = sum(1 for c in confs if c >= need)
    if not sure:
        pair = sum(1 for c in confs if c >= PROBE_PAIR_CONFIDENCE)
        sure = pair if pair >= 2 else 0
    dashes = sum(1 for c in proposed if c.fixer == "restore_dashes" and c.reason.startswith(SURE_DASHES)
                 and c.reason[c.reason.find(":", 5) + 1 : c.reason.rfind("|")] not in _LABELS)
    if not (sure or dashes):
        return deletion
    evidence = dict(deletion.evidence)
    if sure:
        evidence["sure_restorations"] = sure
    if dashes:
        evidence["sure_dashes"] = dashes
    return Damage("deletion", 0.6, evidence)


#: How many dashes lost between a lower-case word and a function word (:func:`.fixers.deletions.fused_joins`)
#: open a text typed with ASCII apostrophes and quotes (:func:`_fused_joins`).
FUSED_JOINS = 2


def _fused_joins(deletion: Damage, text: str, words: Any) -> Damage:
    """``deletion`` unless ``text``, typed with ASCII apostrophes and quotes (which an ASCII-only step keeps),
    holds :data:`FUSED_JOINS` or more function words glued to a lower-case word where a dash was lost
    (``not crimesnot punishable``, ``a liminal zonebut civil liberties``): its dashes were deleted, and the
    deletion restorers read it as ``quotes_intact`` (dashes and letters only). With the restorer forced on,
    clean ASCII-quoted dev news holds one such join in 5 of 1,969 documents (allsides ascii and BBC: typos
    such as ``hashailed``) and never two; of the damaged allsides ascii dev documents that no other sign
    opens, 58 of 1,173 hold two or more. Words of a web address (``http://mybank.com``) are none (a
    Readability page of code)."""
    from .fixers import Words, deletions

    # (distinct words: a page that writes one such word often, ``wasmer`` thrice, holds one join)
    n = len({c.reason for c in deletions.fused_joins(words if words is not None else Words(text))})
    if n < FUSED_JOINS:
        return deletion
    return Damage("deletion", 0.6, {**deletion.evidence, "quotes_intact": 1, "fused_dashes": n})


#: what follows a family's plural as the subject or at a phrase's end (:func:`_family_plurals`)
_FAMILY_AFTER = lazy(re.compile, r"s(?![A-Za-z0-9])(?:[,.;:)!?]| ([a-z]+)(?![A-Za-z0-9'-]))")


#: nouns whose plural is no stem + s (``mans``, ``childs`` stand for the possessive)
_IRREGULAR = frozenset("man woman child children men women people media".split())
#: the preceding text of a bare plural: a sentence or clause start (:func:`_plural_signatures`)
_BARE_BEFORE = lazy(re.compile, r"(?:^|[,.;:!?] |\b([a-z]+) )$")


def _bare_plural(text: str, w: str, tags, spots: list) -> bool:
    """Whether the lower-case strong signature ``w`` is the regular plural of a common noun (the collision tags'
    D bucket 3, the stem no irregular noun nor one whose plural takes *-es*, *-ies* or *-ves*: ``popes``,
    not ``partys``, ``mans``, ``wifes``) that the text writes only lower-case, with no determiner before it:
    at a clause's start or after a verb (the tags' P bucket 1 to 3). A singular common noun's possessive
    takes a determiner (``the pope's``); the bare form is the plural (``Centuries ago, popes called
    Christians``, ``a period that included popes John XXIII``). In the clean dev news (allsides curly, ASCII
    and mixed and BBC dev) a lower-case strong signature of a D3 stem stands there 3 times plain (all
    ``popes``) and 101 times with its apostrophe, none of them a regular plural (``party's``, ``children's``,
    ``society's``, ``the U.S. military's``). ``spots``: the word's matches (:func:`_word_spots`)."""
    stem = w[:-1]
    t = tags.get(stem)
    if (t is None or t[1] != "3" or stem in _IRREGULAR or stem[-1] in "ysxzf" or stem[-2:] in ("ch", "sh", "fe")
            or stem[-3:] == "man"):
        return False
    for m in spots:
        if not text[m.start()].islower():
            return False
        b = _BARE_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if b is None:
            return False
        if b.group(1) is not None:
            pt = tags.get(b.group(1))
            if pt is None or pt[3] == "0":
                return False
    return bool(spots)


#: number words before a counted plural (not *both*, *many*: ``both ABC's``, ``many women's``)
_COUNT_BEFORE = lazy(re.compile, r"(?:^|(?<=[^A-Za-z0-9]))(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en) $")


def _word_spots(text: str, w: str) -> list:
    """The matches of the lower-case word ``w`` in ``text``, in any case, as a whole word."""
    return list(re.finditer(r"(?<![A-Za-z0-9])" + w + r"(?![A-Za-z0-9])", text, re.I))


def _counted_plural(text: str, spots: list) -> bool:
    """Whether the text writes the strong signature ``w`` only capitalised after a number word (two to ten):
    a name counted as a plural (``the concept of three Californias``, ``Two Britains``, ``two Novembers
    ago``). In the clean dev news (allsides curly, ASCII and mixed and BBC dev) a capitalised signature
    stands after such a word 3 times plain and never with an apostrophe (``the two country's``, a
    source's slip, is lower-case and a *-y* stem). ``spots``: the signature's matches (:func:`_word_spots`)."""
    return bool(spots) and all(text[m.start()].isupper() and _COUNT_BEFORE.search(text, max(0, m.start() - 7), m.start())
                               for m in spots)


def _plural_signatures(text: str, strong: set) -> int:
    """How many of the strong signatures ``strong`` (lower case) a short text writes only as plurals: names
    counted (:func:`_counted_plural`), bare regular plurals of common nouns (:func:`_bare_plural`) or
    families' plurals, capitalised after *the*, the stem a name's (the collision tags' D bucket 0 or 1, or unknown:
    ``Christie``, ``Scott``, not ``Pentagon``, ``Left``, ``Navy``), before punctuation or a word that clean news
    writes after a pronoun or never after a determiner (a verb or an adverb: the tags' P bucket 1 to 3 or D0,
    as ``deletions._family_subject`` reads them): ``the Christies, Pallone said``, ``the Hoggs lived in``,
    ``there were no complaints from the Scotts about``. A possessive's next word is a noun. In the clean dev
    news (allsides curly, ASCII and mixed and BBC dev) such a slot of a strong signature is plain 6 times and
    never takes the apostrophe; the three above opened clean chunks on their signature alone."""
    from .fixers.deletions import _collision_tags

    tags = _collision_tags()
    n = 0
    for w in strong:
        # (one search for each signature's matches serves all three readings)
        spots = _word_spots(text, w)
        if w[-2] != "y" and _counted_plural(text, spots):
            n += 1
            continue
        stem = tags.get(w[:-1])
        if stem is not None and stem[1] not in "01":
            n += _bare_plural(text, w, tags, spots)
            continue
        for m in spots:
            a = m.start()
            if not (text[a].isupper() and text[max(0, a - 4):a] in ("the ", "The ")):
                break
            f = _FAMILY_AFTER.match(text, m.end() - 1)  # (from the signature's ``s``)
            if f is None:
                break
            nxt = f.group(1)
            if nxt is not None:
                t = tags.get(nxt)
                if t is None or not (t[3] != "0" or t[1] == "0"):
                    break
        else:
            n += 1 if spots else 0
    return n


def _sigs_disjoint(common: frozenset) -> bool:
    """No word of ``common`` (:data:`textfix.fixers.COMMON`) is a signature, strong or weak (checked once
    per ``common``): then the signatures of a document's words are those of the rest of them."""
    global _SIGS_DISJOINT
    if _SIGS_DISJOINT is None or _SIGS_DISJOINT[0] is not common:
        sigs, weak = _signatures()
        _SIGS_DISJOINT = (common, common.isdisjoint(sigs) and common.isdisjoint(weak))
    return _SIGS_DISJOINT[1]


_SIGS_DISJOINT: tuple | None = None


def _deletion(lows: set, text: str, curly: int, ascii_apos: int, fused: int, spaces: list[int], accent: int = 0,
              replaced: int = 0) -> Damage:
    """Deletion damage: words that clean text always writes with an apostrophe (``dont``, ``Putins``)
    and no intact apostrophe or curly quote to argue against it. ``lows``: the distinct lower-case words,
    or any subset of them that holds all their signatures (:func:`_sigs_disjoint`).

    A document that keeps its curly quotes, or writes ``don't`` with an ASCII apostrophe, is not
    deletion-damaged even if a few source typos (``youre``) look like damage: the intact forms must be
    outnumbered several times before the restorers run, unless the damaged words are many enough to show
    a second source (``mixed_sources``, below). ``spaces``: :func:`double_spaces` of ``text``.
    ``replaced``: apostrophes that became ``?`` or U+FFFD; they argue against deletion damage as intact
    ones do, but are no sign of mixed sources (they show replacement damage).
    """
    doubles = len(spaces)
    sigs, weak = _signatures()
    strong_words = lows & sigs
    strong = len(strong_words)
    # ASCII quotation marks survive deletion damage only in text that was written with them
    intact = curly + ascii_apos + replaced + (text.count('"') // 2 if '"' in text else 0)  # (memchr first)
    if "'" in text:
        intact += min(len(_SQUOTE_OPEN.findall(text)), len(_SQUOTE_CLOSE.findall(text)))
    families = _plural_signatures(text, strong_words) if strong and not intact and len(text) <= SHORT_TEXT else 0
    signature = max(strong - families + 0.5 * len(lows & weak), fused) + accent
    names = 0
    if intact == 0 and signature < 2 / 3 and text.isascii():
        # no other evidence that would open the gate: names glued to an ``s`` (``Englands players``)
        names = _name_possessives(text)
        signature += names * (1.0 if len(text) > SHORT_TEXT else 0.5)
    lost_gaps = None
    if intact == 0 and signature < 2 / 3 and doubles and len(text) <= SHORT_TEXT:
        # The double spaces are the only clear sign: count those that a lost dash explains (:func:`_lost_dash_gaps`).
        # (In a longer text the lack of any apostrophe or quotation mark is a sign of its own: no clean
        # allsides article of 1,000 characters or more lacks both, 14 of 1,847 BBC ones and 3 of 62
        # Readability pages do; on the held-out build's 600 dev articles the count took 6 right dashes.)
        lost_gaps = doubles = _lost_dash_gaps(text, spaces)
    score = signature + 0.5 * doubles
    if score == 0:
        conf = 0.0
    elif intact == 0:
        # one clear signature is decisive in a short text; a double space alone is not (``Copyright  2019``)
        conf = min(0.99, 0.3 + 0.3 * signature + 0.1 * doubles)
        if conf < 0.5 and text.isascii() and (any(len(w) > 4 and w[-1] == "s" and (len(text) > SHORT_TEXT or _z(w) < SHORT_S_ZIPF) for w in lows & weak) or (
                "   " not in text and doubles and any(text[i - 1].isalpha() and text[i + 2].isalpha() for i in spaces)) or (
                spaces and _DELETED_DATELINE.match(text))):
            # A short text (a news API's description of an article) with no apostrophe or quotation mark
            # at all, ASCII or curly, and one usually-damaged ``-s`` word (``Trumps``; not ``id`` or ``im``,
            # which Latin and German write) or one double space between two words (``processed  and``; a
            # dash-like one, :func:`_lost_dash_gaps`, when nothing else shows damage; not where runs of
            # three spaces show that the spacing is layout: ``Yes  No   Results``) is
            # damaged. Chosen on the first 260 characters of dev documents 300-600 of the benchmark sample
            # with ASCII-ignore damage: apostrophes 110 -> 135 and dashes 27 -> 37 of 183 and 51 restored,
            # invented 2 -> 2; on 47,000 clean snippets (1.25M words of allsides and bbc news) 4 changes
            # more (McDonald's, Lions', administration's, and a we'd that the contraction rule of
            # deletions.py now rejects). The benchmark's ``restore-short`` and ``fp_short`` sections
            # measure it. A dateline's double space (``WASHINGTON (AP)  With``) counts as well.
            conf = 0.5
    else:
        # a clean title line pasted into a damaged record (the seed) must not veto the damage it shows
        conf = score / (score + 1.0 + 2.0 * intact)
        if score <= 2 * intact:
            conf = min(conf, 0.3)
    evidence = {"signature_words": signature, "fused_contractions": fused, "double_spaces": len(spaces),
                "accent_deleted_words": accent, "name_possessives": names, "intact_apostrophes_or_quotes": intact}
    if lost_gaps is not None:
        evidence["dash_like_gaps"] = lost_gaps
    if conf < 0.5 and intact and curly == 0 and accent >= ASCII_QUOTED_ACCENTS and text.isascii():
        # Written with ASCII apostrophes and quotes, which an ASCII-only step keeps, and with accented
        # words that it deleted (``Schrder``, ``Pea Nieto``): the damage took the other non-ASCII
        # characters only. The deletion restorers put back letters and dashes there, never an
        # apostrophe or a quotation mark (``quotes_intact``).
        conf = 0.6
        evidence["quotes_intact"] = 1
    if conf < 0.5 and curly == 0 and not replaced and strong >= max(MIXED_SIGNATURES, intact * MIXED_SIGNATURE_SHARE):
        # Two words that clean news never writes bare (``dont``, ``Putins``) beside intact ASCII
        # apostrophes: text of two sources, one typed in ASCII and one whose curly apostrophes an
        # ASCII-only step deleted (allsides mixed documents; a page's ASCII parts around a pasted
        # article). Clean ASCII news shows two such words in 2 of 4,100 documents (allsides ascii and
        # mixed, BBC, both splits: ``the Floridas and Colorados``, and a readers' page that wrote
        # ``wouldnt``), neither at one per ten intact marks, so none opens. Its apostrophes, letters and quotation marks are restored (the quote restorer
        # still stops at an intact quotation mark), no dash (a scraper's joins read as compounds there).
        # Its apostrophes need more confidence (``deletions.MIXED_SOURCES_FLOOR``). allsides mixed dev
        # 0-300: apostrophes 1,971 -> 2,996 of 3,780, invented 3 -> 4; quotes 339 -> 437, +5 both; dashes
        # identical; dev 300-900: apostrophes 3,134 -> 5,105 of 6,270, invented 11 -> 16 (with that floor:
        # 2,982 +4 and 5,019 +14).
        conf = 0.6
        evidence["mixed_sources"] = 1
    if conf < 0.5 and intact and curly == 0 and doubles and text.isascii():
        from .fixers.deletions import dash_likeness, signature_gaps

        signed = signature_gaps(text, spaces)
        # (the window ends at the first double space, so it holds one dateline gap at most)
        dated = int(spaces[0] < _DATELINE_REACH and _DATELINE_GAPS.search(text, 0, spaces[0] + 3) is not None)
        if signed or dated:
            # Typed with ASCII apostrophes and quotes, with an embedded tweet's signature after a double space
            # (``…pic.twitter.com/x  Hillary Clinton (@HillaryClinton) July 4``) or a dateline's double space
            # (``WASHINGTON  President``): a tweet's embed writes a dash there, and so does news after its
            # dateline, which an ASCII-only step deleted. No clean document of allsides ascii, mixed or curly
            # dev (5,000 in all) or BBC has either; of 2,000 damaged allsides-ascii dev documents that no other
            # evidence opened, 60 have such a signature (156 lost spaced dashes) and 18 such a dateline (27).
            # Read as below.
            conf = 0.6
            evidence["quotes_intact"] = 1
            if signed:
                evidence["signature_gaps"] = signed
            if dated:
                evidence["dateline_gap"] = dated
            return Damage("deletion", conf, evidence)
        likeness = dash_likeness(text, spaces) if doubles >= DASH_GAPS else ()
        dashlike = sum(1 for x in likeness if x > DASH_LIKE)
        need = DASH_GAPS
        if dashlike >= DASH_GAPS and _ASCII_DASH.search(text):
            # A writer who types dashes in ASCII (``talks -- and``) has few typographic ones to lose: of
            # the allsides ASCII dev articles with an em or en dash, 127 of 725 type an ASCII one too, and
            # 570 of the 697 that type one have none. One gap more is needed there: on allsides-ascii dev
            # 0-1,600 with ascii-ignore damage 25 right gap dashes of 2,201 (10 articles) stay out, none
            # wrong; of 1,084 clean articles given 2, 3, 5 or 10 stray double spaces 36 opened, 18 of them
            # writers of ASCII dashes with two dash-like gaps, who no longer do.
            need += 1
        if dashlike >= need and sum(1 for x in likeness if x > 0) >= DASH_GAP_SHARE * sum(1 for x in likeness if x):
            # Typed with ASCII apostrophes and quotes, which an ASCII-only step keeps, and with double spaces
            # between words where spaced dashes were deleted (``the records  which numbers were dialed``):
            # the restorers put back dashes and letters there, never an apostrophe or a quotation mark
            # (``quotes_intact``). A stray double space stands between any two words (``in a  mixed``);
            # a lost dash between phrases, whose neighbours are likelier beside a dash than elsewhere
            # (:func:`textfix.fixers.deletions.dash_likeness`): two gaps must be so by :data:`DASH_LIKE`,
            # and two thirds of those whose neighbours say anything (a likeness other than 0) at all.
            # Chosen on allsides-ascii dev 0-900 with ASCII-ignore damage against clean ones with stray
            # double spaces put in at random (see the README's round 24).
            conf = 0.6
            evidence["quotes_intact"] = 1
            evidence["dash_gaps"] = dashlike
    return Damage("deletion", conf, evidence)


def _lost_dash_gaps(text: str, spaces: list[int]) -> int:
    """How many double spaces of ``spaces`` (:func:`double_spaces`) a lost dash explains, in a short text with
    no other clear sign of deletion damage (no intact apostrophe or quotation mark, no word that only damage
    writes): those between words whose neighbours are likelier beside a dash than elsewhere
    (``records  which``; :func:`textfix.fixers.deletions.dash_like_gaps`), and those where
    news always writes one (before an embedded tweet's signature, after a dateline). Such a text may be
    clean and sloppily spaced, as text pulled out of HTML or PDF often is: a stray double space stands
    between any two words (``For  more than``, ``involved with  the``), and each one opened the deletion
    restorers there (dashes, and apostrophes too: ``Tetris game`` -> ``Tetri's game``): clean paragraphs of
    allsides ASCII dev news with no apostrophe or quotation mark, given one stray double space between two
    lower-case words, took a dash there in 2,293 of 2,293 cases before this count, 415 since (18% of such
    gaps are dash-like). The other double spaces of such a text (``$5  million``, ``Copyright  2019``)
    count for nothing."""
    from .fixers.deletions import dash_like_gaps, signature_gaps

    like = len(dash_like_gaps(text, spaces))
    dated = int(spaces[0] < _DATELINE_REACH and _DATELINE_GAPS.search(text, 0, spaces[0] + 3) is not None)
    return min(len(spaces), like + signature_gaps(text, spaces) + dated)


#: The double spaces between words, each likelier beside a dash than elsewhere by :data:`DASH_LIKE` (log
#: odds) or more, that show deleted dashes in an ASCII text whose apostrophes and quotes are intact; and the
#: share of such gaps whose neighbours are at all likelier beside a dash (:func:`_deletion`).
DASH_GAPS = 2
DASH_LIKE = 1.0
DASH_GAP_SHARE = 2 / 3


# A dash typed in ASCII between two words: `` -- ``, ``--`` or a spaced hyphen (:func:`_deletion`).
_ASCII_DASH = lazy(re.compile, r"\w(?: -- | - |--)\w")


#: Accent-deleted words (:func:`_accent_deleted`) that show deletion damage in an ASCII text whose
#: apostrophes and quotes are intact (:func:`_deletion`).
ASCII_QUOTED_ACCENTS = 1


#: Characters of a text short enough that the lack of contractions says little (:func:`_qmark`).
SHORT_TEXT = 1000


def _qmark(text: str, intact: int, contractions: list[int]) -> Damage:
    """``?`` placeholders: contractions with ``?`` are the signature; intact apostrophes argue against.
    ``contractions``: :func:`_qmark_contractions` of ``text``."""
    if "?" not in text:
        return Damage("qmark", 0.0, {"contractions_with_qmark": 0, "qmarks_in_words": 0})
    contr = in_word = joins = 0
    mixed = False
    contr_at = set(contractions)
    urls = None  # (:func:`urlish_starts`, found when a first ``?`` needs its token looked up)
    tok_end, urlish = -1, False  # the space-delimited token of the previous match (matches come in order)
    for m in (_QMARK_LETTERS_ASCII if text.isascii() else _QMARK_LETTERS).finditer(text):
        if m.start() >= tok_end:
            if urls is None:
                urls = urlish_starts(text)
            if urls:  # a new token: look it up once, so a long token costs linear time (most texts have no URL)
                start, tok_end = _token(text, m.start(), m.end())
                urlish = _starts_within(urls, start, tok_end)  # (its URLISH search)
        if urlish:
            continue
        # (a match of QMARK_CONTRACTION starts there; in a text with intact marks, where one contraction
        # decides, not inside a word that clean news writes accented: ``Andr?s``)
        if m.start() in contr_at and not (intact and _accented_word_at(text, m.start())):
            contr += 1
        else:
            in_word += 1
            if QMARK_JOIN.match(text, m.start()):
                joins += 1  # ``eyes?and``: a lost dash between two words (0 in the clean documents)
    score = contr + 0.5 * in_word
    if score < 1:
        conf = 0.0
    else:
        conf = score / (score + 1.0 + 2.0 * intact)
        if contr >= 2 and intact == 0:
            conf = max(conf, 0.9)
        elif intact and contr and conf < 0.5:
            # No clean document of the readers writes a contraction or possessive with ``?``, nor joins
            # two lower-case words with one (0 of 14,300 documents of allsides curly, ascii and mixed,
            # BBC, Readability and sentometrics, both splits, outside URLs). More intact apostrophes
            # beside two of them are another source's text: a web page's navigation typed in ASCII around
            # an article whose typography became ``?`` (l3s-gn1: ``Kid's TV``, ``What's On`` above
            # ``Liam?s chances``). Only what such a page can show is restored (``q_mixed`` in
            # :func:`textfix.fixers.placeholders.propose`: those contractions, plural possessives, double
            # quotation marks and dashes between two lower-case words): the page's other ``?`` may be its
            # separators and bullets. allsides mixed dev 0-300 under qmark, when this reading came in:
            # apostrophes 3,189 -> 3,695 of 3,780 (+2 both), quotes 4,656 -> 5,504 of 5,868 (+88 -> +99),
            # dashes 782 -> 792 (+38 -> +40), the rest identical. One contraction is enough (round 27: a
            # page's one headline from another source, ``South Korea?s Lee``, ``Don?t Let Our Film
            # Industry Go``, ``he can?t capture``): l3s-gn1 dev, 295 pages, 37 -> 16 ``?`` left between
            # letters, 35 more placeholders read (22 apostrophes, 9 quotation marks, 4 dashes, all right by
            # eye; two joins without a contraction, ``eyes?and others?on``, are read below); allsides
            # mixed dev under qmark 0-300 apostrophes 3,710 -> 3,744 of 3,780 (+3 both), quotes 5,503 ->
            # 5,605 (+86 -> +90), dashes 944 -> 976 (+50 both); 300-800 apostrophes 6,154 -> 6,191 (+6
            # both), quotes 8,591 -> 8,675 (+148 -> +149), dashes 1,867 -> 1,890 (+77 both). Clean text
            # unchanged (no clean document holds either).
            conf = 0.6
            mixed = True
        if contr == 0:
            conf = min(conf, 0.4)  # ``?`` inside words alone: URLs, code, or a rare typo
    evidence = {"contractions_with_qmark": contr, "qmarks_in_words": in_word}
    if contr == 0 and (intact == 0 or text.isascii() or max(text) <= "\xff"):
        # A text may have no contraction at all (a news API's description; a report of quoted speech
        # with no ``'s``): two placeholders in spots a real question mark never takes (``now?we``,
        # `` ?We``, ``processed ? and``, ``now,?``) and no intact apostrophe or quotation mark are enough.
        # (Before this rule held for short texts only, 41 of 600 damaged BBC dev articles, 296
        # placeholders, went undetected; it detects no more of the clean corpora's documents.)
        # An ASCII text typed with ASCII apostrophes and quotes, which a replacing step keeps, shows by the
        # same evidence that it replaced the other non-ASCII characters (dashes, accented letters,
        # symbols); the placeholder restorer then reads no quotation mark or apostrophe there
        # (``quotes_intact``), and a spaced ``?`` before a capital does not count (readers' comments
        # write ``insane ? Surely``). So does a text whose other characters are all Latin-1: a step that
        # encoded to Latin-1 with replacement kept its £, © and é (l3s-gn1's pages were damaged so; round
        # 27: 11 more of its 295 dev pages read, 44 dashes, right by eye but for menus' separators, which
        # :func:`textfix.fixers.placeholders._separator_lists` now leaves; allsides ascii dev 0-300 so
        # damaged, dashes 648 -> 682 of 745, +15 both).
        spots = caps = 0
        for m in _QMARK_SPOTS.finditer(text):
            if urls is None:
                urls = urlish_starts(text)
            if urls and _starts_within(urls, *_token(text, m.start(), m.end())):
                continue  # (in a URL-like token)
            if intact and text[m.end() + 1 : m.end() + 2].isupper():
                if "(@" in text and _signature_at(text, m.end() + 1):
                    spots += 2  # before an embedded tweet's signature: its dash (see _deletion)
                else:
                    caps += 1
            else:
                spots += 1
        if in_word + spots == 1 and not intact and (_QMARK_PAIR.search(text) or (
                text.count("?") == 1 and (_QMARK_DASH.search(text) or _QMARK_DATELINE.match(text)))):
            # A short text (a news API's description) may hold one placeholder pair or one dash. Some
            # spots count twice, since clean news never shows them (allsides curly, ascii and mixed,
            # BBC, Readability and sentometrics dev, about 160,000 paragraphs: 0, outside URLs; l3s-gn1,
            # whose texts carry real ``?`` damage, shows each of them): a ``?`` opening a word after a
            # space with another ``?`` after it in the line (a quotation: ``?Defund the Police.?``,
            # ``wiped ?clean? the``: clean news once in 3,000 allsides documents, a stray), and, as the
            # text's only ``?``, a spaced one before a lower-case word (``these days ? an anomaly``) or a
            # dateline's (``WASHINGTON (AP) ? Seeking``). (Beside real question marks a spaced ``?`` may
            # be a writer's: ``Who is he? We do not know ? and nobody asks? No.``)
            spots += 1
        if in_word + spots >= 2 or in_word + spots + caps >= QMARK_SPOTS_WITH_CAPITALS:
            # (a spaced ``?`` before a capital counts where there are three such spots in all: a reader
            # who types ``insane ? Surely`` does it once or twice in clean news, at most twice in a
            # document of allsides ascii, mixed and curly, BBC, Readability or sentometrics, both splits;
            # a dateline's and a caption credit's lost dash are there in ASCII-quoted news, ``WASHINGTON ?
            # President``, ``the 1930s ? Sanders``)
            conf = 0.5
            if intact:
                evidence["quotes_intact"] = 1
                if _doubles_lost(text):
                    # typed with ASCII apostrophes but no double quotation mark that survived, while a ``?``
                    # opens a word with another after it on its line and one closes a sentence's words after
                    # its comma or full stop: the writer's double marks were curly and became ``?`` (``?We
                    # have to learn,? said``; a CMS that curls double marks only). They are read too.
                    # allsides mixed dev under qmark: quotes 0-300 5,605 -> 5,648 (+90 both), 300-800 8,675
                    # -> 8,760 (+149 both), the rest as before; l3s-gn1 11 more, right by eye. (Without the
                    # closing mark, ``?scar Alberto Mart?nez`` of an ASCII-quoted page opened a quotation.)
                    evidence["double_quotes_lost"] = 1
        evidence["qmarks_between_words"] = spots
    evidence["intact_apostrophes_or_quotes"] = intact
    if mixed:
        evidence["mixed_sources"] = 1
    return Damage("qmark", conf, evidence)


def _doubles_lost(text: str) -> bool:
    """A text typed with ASCII apostrophes whose double quotation marks were curly and became ``?`` (see
    :func:`_qmark`; U+FFFD written as ``?``): none survives, while a ``?`` opens a word with another after
    it on its line and one follows a lower-case word's comma or full stop."""
    return ('"' not in text and "\u201c" not in text and "\u201d" not in text and _QMARK_PAIR.search(text) is not None
            and _QMARK_CLOSING.search(text) is not None)


def _accented_word_at(text: str, i: int) -> bool:
    """Whether the ``?`` at ``text[i]`` is a letter of a word that clean news writes accented (``Andr?s``,
    ``Jes?s``, ``caf?s``), not a contraction's apostrophe, though it stands before one's suffix: a word of
    the accent index with ``?`` for its accented letters, written at least once in the clean dev news."""
    a = i
    while a and (text[a - 1].isalpha() or text[a - 1] == "?"):
        a -= 1
    b = i + 1
    while b < len(text) and (text[b].isalpha() or text[b] == "?"):
        b += 1
    from .lexicon import accents

    return any(c.count for c in accents.by_pattern().get(text[a:b].lower(), ()))


def _signature_at(text: str, i: int) -> bool:
    from .fixers.deletions import signature_at

    return signature_at(text, i)


#: The spots of :func:`_qmark` in a text with intact apostrophes or quotes, counting those before a capital,
#: that show ``?`` damage.
QMARK_SPOTS_WITH_CAPITALS = 3


_FFFD_CONTRACTION = lazy(regex.compile, r"(?<=[A-Za-z])\ufffd(?:s|t|re|ll|ve|d|m)\b")


def _fffd(text: str, contr: int) -> Damage:
    """U+FFFD placeholders. One or two of them may be a decoder's answer to a few bad bytes (or a lone
    surrogate) rather than lost typography; a contraction written with one, or several of them, is the
    signature of text whose every non-ASCII character was replaced. ``contr``: the matches of
    :data:`_FFFD_CONTRACTION` in ``text``."""
    n = text.count("\ufffd")
    if not n:
        return Damage("fffd", 0.0, {"replacement_characters": 0})
    # Clean news has about 5.6 non-ASCII characters (’ “ ” —) per 1,000 characters: a short text (a
    # news API's description) shows one or two placeholders where a long one would show many, so the
    # count needed grows with the length, up to 3 (one per 500 characters: 1 in 260, 2 in 600). Below
    # a sentence's length (150) one placeholder proves nothing (``ab\ufffdcd``, a lone surrogate's).
    conf = 0.95 if contr or n >= 3 or 150 <= len(text) <= n * 500 else 0.4
    if conf < 0.5 and n == 2 and (len(_FFFD_SPOTS.findall(text)) == 2 or _FFFD_PAIR.search(text)):
        # Two where typography stood: a decoder's answer to bad bytes falls anywhere. Both in spots of
        # typography in a longer text (``form. \ufffdI think``, ``me,\ufffd he``, ``don\ufffdt``: 10 of 600
        # damaged BBC dev articles, with two quotation marks and nothing else to lose, went undetected),
        # or the two make a quotation (``known as \ufffdthe Warthog\ufffd)``), in a text shorter than a
        # sentence's 150 characters or with a closing one where no spot is (before ``)``, a capital).
        conf = 0.95
    return Damage("fffd", conf, {"replacement_characters": n, "contractions_with_fffd": contr})


#: Two U+FFFD as a quotation's marks: one opening a word after a space or a line start, one closing a word
#: or a sentence later in the line.
_FFFD_PAIR = lazy(re.compile, r"\ufffd(?<![^\t\n\x0b\x0c\r ]\ufffd)(?=[A-Za-z0-9])[^\ufffd\n]{1,400}(?<=[A-Za-z0-9.,!?])\ufffd")
#: A U+FFFD inside a word, between two words, after a word's punctuation or opening a word: where the
#: typography of clean news stands (the spots of :data:`_QMARK_SPOTS`, and after ``.!?`` and before a capital,
#: since U+FFFD is no question mark of its own).
_FFFD_SPOTS = lazy(re.compile, 
    r"\ufffd(?:(?<=[A-Za-z]\ufffd)(?=[A-Za-z])|(?<=[A-Za-z0-9)] \ufffd)(?= [A-Za-z0-9(])|(?<=[A-Za-z0-9][,;:.!?]\ufffd)"
    r"|(?<!\S\ufffd)(?=[A-Za-z0-9\[]))")


def assume(diagnosis: Diagnosis, kinds: tuple[str, ...], text: str) -> Diagnosis:
    """``diagnosis`` of ``text`` with each kind of ``kinds`` (``Config.assume``) detected where the
    document's own evidence is neutral: for ``deletion`` and ``qmark`` an ASCII text (those steps leave
    nothing else: an intact ``é`` is counter-evidence) with no intact apostrophe or quotation mark (``'``
    inside a word, paired ASCII quotes, a placeholder in a contraction), for ``qmark`` with a ``?``, for
    ``fffd`` with a U+FFFD. Counter-evidence still wins: an assumed kind never touches a document that
    writes ``don't``."""
    out = []
    ascii_ = text.isascii()
    for d in diagnosis.damages:
        ev = d.evidence
        if d.kind == "fffd":
            neutral = bool(ev.get("replacement_characters"))
        else:
            neutral = ascii_ and not ev.get("intact_apostrophes_or_quotes") and (d.kind == "deletion" or "?" in text)
        if d.kind in kinds and not d.detected and neutral:
            d = Damage(d.kind, 0.5, {**ev, "assumed": 1})
        out.append(d)
    return Diagnosis(tuple(out))


def diagnose(text: str, *, words: Any = None) -> Diagnosis:
    """Name the damage ``text`` shows, with evidence counts and a confidence for each kind.

    ``words`` is the caller's :class:`textfix.fixers.Words` of ``text`` if it has one: the pipeline shares
    one tokenisation between the diagnosis and the fixers."""
    if not isinstance(text, str):
        raise TypeError(f"diagnose() takes str, got {type(text).__name__}")
    ascii_only = text.isascii()
    curly = 0 if ascii_only else _count_any(text, _CURLY_CHARS)
    ascii_apos = len(_ASCII_APOS.findall(text)) if "'" in text else 0
    # ASCII letter/digit runs (textfix.fixers.SPLIT); signatures and contractions are letters only
    if words is not None:
        distinct, lows = words.low_of.keys(), words.lows
    else:
        distinct = set(_SPLIT.split(text)[1::2])
        lows = set(map(str.lower, distinct))
    # Ive/Im must start upper-case (``Ex-Im``, ``ive`` are not contractions); the others may be either case
    fused = len(lows & _FUSED_CONTRACTION - {"ive", "im"})
    if "Ive" in distinct or "Im" in distinct:
        fused += len(set(_IVE_IM.findall(text)))
    spaces = words.doubles if words is not None else double_spaces(text)
    damages = []

    intact = curly + ascii_apos
    # An apostrophe that became ``?``, U+FFFD or mojibake (``Kyiv?s``, ``itâ€™s``) was replaced, not deleted:
    # it argues against deletion damage as an intact one does (else ``were`` becomes ``we're`` in ``?`` text).
    fffd_contr = len(_FFFD_CONTRACTION.findall(text)) if not ascii_only and "\ufffd" in text else 0
    q_contr = _qmark_contractions(text, ascii_only)
    replaced = _replaced_apostrophes(text, ascii_only, fffd_contr, q_contr)
    # (the frequent words, once the deletion tables have listed them, are no signature: only the rest
    # is looked up in the 28,000 signatures)
    common = _common() if words is not None else None
    rest = words.rest(common) if common is not None else None
    accent = _accent_deleted(lows, text, rest)
    # (the signatures are looked up among the words that are not frequent where no frequent word is one)
    deletion = _deletion(rest if rest is not None and _sigs_disjoint(common) else lows, text, curly,
                         ascii_apos, fused, spaces, accent, replaced)
    if (not deletion.detected and ascii_only and not deletion.evidence["intact_apostrophes_or_quotes"]
            and '"' not in text and "'" not in text):
        deletion = _probe(deletion, text, words)
    elif not deletion.detected and ascii_only and not replaced and not q_contr and deletion.evidence["intact_apostrophes_or_quotes"]:
        deletion = _fused_joins(deletion, text, words)
    damages.append(deletion)

    damages.append(_qmark(text, intact, q_contr))

    fffd = _fffd(text, fffd_contr)
    if fffd.detected and curly == 0 and intact and not fffd.evidence.get("contractions_with_fffd"):
        # typed with ASCII apostrophes and quotes, which the replacing step kept (no contraction holds a
        # U+FFFD, no curly mark is left): its U+FFFD stood for letters, dashes and symbols only
        fffd = Damage("fffd", fffd.confidence, {**fffd.evidence, "quotes_intact": 1, **(
            {"double_quotes_lost": 1} if _doubles_lost(text.replace("\ufffd", "?")) else {})})
    damages.append(fffd)

    if ascii_only:
        damages.append(Damage("mojibake", 0.0, {}))
        damages.append(Damage("lossy_mojibake", 0.0, {}))
    else:
        moji = len(_MOJIBAKE.findall(text)) if any(c in text for c in _MOJIBAKE_LEADS) else 0
        lossy = len(_LOSSY.findall(text)) if any(c in text for c in _LOSSY_LEADS) else 0
        damages.append(Damage("mojibake", 1.0 if moji else 0.0, {"mojibake_sequences": moji}))
        damages.append(Damage("lossy_mojibake", 1.0 if lossy else 0.0, {"lossy_sequences": lossy}))
    damages.append(_html_entities(text))
    damages.append(_not_english(lows))
    return Diagnosis(tuple(damages))


#: An HTML character reference, decimal, hex or named, possibly escaped again (``&amp;amp;nbsp;``).
HTML_ENTITY = re.compile(r"&(?:amp;)*(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: An HTML tag: text that still holds markup is HTML source, whose references mean themselves.
_HTML_TAG = lazy(re.compile, r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def _html_entities(text: str) -> Damage:
    """Character references that an extraction left undecoded (``caf&#233;``, ``S&#227;o Paulo``,
    ``don&#39;t``, ``400&percnt;``): text taken from a web page shows the characters, not their
    references. A text with markup (an HTML tag) is left alone: it is HTML, or about it. Only references
    that name a character count (:func:`textfix.fixers.mojibake.decoded_entity`)."""
    if "&" not in text or ";" not in text:
        return Damage("html_entities", 0.0, {})
    from .fixers.mojibake import decoded_entity

    n = sum(1 for m in HTML_ENTITY.finditer(text) if decoded_entity(m.group()) is not None)
    if not n:
        return Damage("html_entities", 0.0, {})
    tags = len(_HTML_TAG.findall(text)) if "<" in text else 0
    return Damage("html_entities", 0.0 if tags else 1.0, {"entities": n, "markup_tags": tags})


#: Function words of English that French, Spanish, Portuguese, Italian and German do not write (not ``a``,
#: ``in``, ``on``, ``an``, ``he``, ``has``, ``me``, ``do``)
_ENGLISH_FUNCTION = frozenset(
    "the and of to is that for it with was be by this are have from or at not but his they which you we were "
    "their will its would there been what who all more also about when can said".split())
#: A document is in another language (``not_english``) where it holds at least this many distinct frequent
#: words of French, Spanish, Portuguese, Italian or German (:func:`textfix.fixers.letters.language_words`),
#: and this many times as many as of English function words (:data:`_ENGLISH_FUNCTION`).
NOT_ENGLISH_WORDS = 6
NOT_ENGLISH_RATIO = 3


def _not_english(lows) -> Damage:
    """Whether the document (its distinct lower-case words ``lows``) is in another language than English:
    there every sentence may be a passage of that language, where the restorers that read English context
    (apostrophes, dashes, the ``?`` table) hold back and the letters of its words are restored; the
    quotation restorer does not run. Evidence: the distinct English function words, and those of the
    likeliest other language (the latter only where it could outnumber them)."""
    en = len(_ENGLISH_FUNCTION.intersection(lows))
    if not _LANGUAGE_WORDS:
        from .fixers.letters import language_words

        _LANGUAGE_WORDS.extend(language_words().items())
    if NOT_ENGLISH_RATIO * en > max(len(ws) for _, ws in _LANGUAGE_WORDS):
        return Damage("not_english", 0.0, {"english_function_words": en})  # (no language has enough words)
    n, lang = max((len(ws.intersection(lows)), lang) for lang, ws in _LANGUAGE_WORDS)
    found = n >= NOT_ENGLISH_WORDS and n >= NOT_ENGLISH_RATIO * en
    return Damage("not_english", 1.0 if found else 0.0, {"english_function_words": en, f"{lang}_function_words": n})


_LANGUAGE_WORDS: list = []  # (language, its words), filled on first use
