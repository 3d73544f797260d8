"""The restoration scorer of EVALUATION.md.

For one paragraph: the clean reference G (already :func:`benchmarks.damage.prepare`-d), its damaged copy
K with provenance (:class:`benchmarks.damage.Damaged`) and a tool's output O.

- *damaged*: the non-ASCII characters of G, each in one class (:func:`classify`).
- *restored*: damaged characters of G matched in O by a SequenceMatcher(autojunk=False) alignment of
  fold(G) with fold(O) (strict variant: no folding).
- *invented*: characters of O matched to nothing in G, classified by the same classifier run on O.
  A ``?``/U+FFFD placeholder that the damage introduced and the tool left untouched is not an
  invention (it is a miss); it is found by aligning K with O (an O character matched to a placeholder
  of K) and counted as ``untouched``.
- *broken*: survivors of K (ASCII characters of G kept by the damage) not matched in the alignment of
  K with fold(O), classified on K. K is not folded: its survivors are ASCII anyway, and folding its
  mojibake characters would let them take O's marks away from the real survivors. Where equally long
  alignments differ only in which of two equal K characters an O character matches (a survivor ``?``
  next to the ``?`` of a lossy remnant), the survivor gets it (:func:`_survivor_hits`).
- An O character unmatched in G but matched to a survivor of K is a kept character of G that the
  matcher paired elsewhere on a tie; it is counted as an *alignment tie*, not as an invention.

Folding is one character to one character, so positions in G, K and O are shared by their folded forms.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from .damage import Damaged

CLASSES = ("apostrophe", "quote", "dash", "letter", "space", "symbol")

FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "\u2014", "\u2015": "\u2014",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})

_SINGLE = "\u2019\u2018'"
_DOUBLE = "\u201c\u201d\u201e\u00ab\u00bb\""
_DASH = "\u2014\u2013\u2015-"
# A single quotation mark after one of these (or at the start) opens a quotation.
_OPENERS = "([{\"\u201c\u201e\u00ab\u2014\u2013-/"


def fold(text: str) -> str:
    """EVALUATION.md folding: ’‘ -> ', “”„«» -> ", –― -> —, NBSP/thin spaces -> space (1:1)."""
    return text.translate(FOLD)


@lru_cache(maxsize=1024)
def classify(text: str) -> tuple[str, ...]:
    """The class of every character of ``text``.

    ’ ‘ (and ASCII ' when classifying output) are *apostrophes* inside a word (``Kyiv’s``, ``don’t``:
    a letter or digit before, a letter after), before a digit (``’90s``), or after a word-final s when
    no single quotation is open (``players’``); otherwise they are *quote* marks, and one that follows
    the start, a space or an opening bracket/quote/dash opens a single quotation, any other closes it.
    ʼ (U+02BC) is always an apostrophe. ASCII characters get classes too (used for invented and broken
    characters): ``"`` quote, ``-`` dash, letters letter, whitespace space, the rest symbol.
    """
    n = len(text)
    out: list[str] = []
    open_single = False
    for i, c in enumerate(text):
        if c == "\u02bc":
            out.append("apostrophe")
        elif c in _SINGLE:
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < n else ""
            if prev.isalnum() and nxt.isalpha():
                out.append("apostrophe")
            elif nxt.isdigit():
                out.append("apostrophe")
            elif prev in ("s", "S") and i >= 2 and text[i - 2].isalnum() and not nxt.isalnum() and not open_single:
                out.append("apostrophe")
            else:
                out.append("quote")
                open_single = prev == "" or prev.isspace() or prev in _OPENERS
        elif c in _DOUBLE:
            out.append("quote")
        elif c in _DASH:
            out.append("dash")
        elif c.isalpha():
            out.append("letter")
        elif c.isspace():
            out.append("space")
        else:
            out.append("symbol")
    return tuple(out)


@lru_cache(maxsize=256)
def matched(a: str, b: str) -> tuple[frozenset[int], frozenset[int]]:
    """Positions of ``a`` and of ``b`` that SequenceMatcher(autojunk=False) matches; also the pairs."""
    if a == b:
        r = frozenset(range(len(a)))
        return r, r
    ia: set[int] = set()
    ib: set[int] = set()
    for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        ia.update(range(blk.a, blk.a + blk.size))
        ib.update(range(blk.b, blk.b + blk.size))
    return frozenset(ia), frozenset(ib)


@lru_cache(maxsize=256)
def _pairs(a: str, b: str) -> dict[int, int]:
    """b position -> a position for matched characters."""
    if a == b:
        return {i: i for i in range(len(a))}
    m: dict[int, int] = {}
    for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for t in range(blk.size):
            m[blk.b + t] = blk.a + t
    return m


def _survivor_hits(k: Damaged, ko: dict[int, int]) -> set[int]:
    """The K positions matched in O, with ties resolved in favour of survivors.

    Several alignments of K with O can be equally long: K `significantâ???` (the last ``?`` a survivor, the
    rest mojibake of a ”) and O `significant"?` match O's ``?`` with either K ``?``, and the matcher takes
    the first, a damage character, which would leave the survivor unmatched and count it as broken although
    O kept it. For each unmatched survivor, a neighbouring pair (the nearest matched K position before or
    after it) that holds the same character at a non-survivor position is moved onto the survivor. Nothing
    lies between the two K positions, so the alignment stays monotone and just as long.
    """
    pairs = sorted((kp, j) for j, kp in ko.items())
    kpos = [kp for kp, _ in pairs]
    for i, surv in enumerate(k.survivor):
        if not surv:
            continue
        at = bisect_left(kpos, i)
        if at < len(kpos) and kpos[at] == i:
            continue
        for n in (at - 1, at):
            if 0 <= n < len(kpos) and not k.survivor[kpos[n]] and k.text[kpos[n]] == k.text[i]:
                kpos[n] = i  # still sorted: no matched K position lies between kpos[n] and i
                break
    return set(kpos)


def _zero() -> dict[str, int]:
    return {c: 0 for c in CLASSES}


@dataclass
class Counts:
    """Counts per class; add paragraphs with ``+=``."""

    damaged: dict[str, int] = field(default_factory=_zero)
    restored: dict[str, int] = field(default_factory=_zero)
    invented: dict[str, int] = field(default_factory=_zero)
    broken: dict[str, int] = field(default_factory=_zero)
    untouched: int = 0  # damage placeholders left as they were (misses, not inventions)
    ties: int = 0  # survivors kept in O but left unmatched by the G-O matcher on a tie (not inventions)
    paragraphs: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        for name in ("damaged", "restored", "invented", "broken"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for c in CLASSES:
                mine[c] += theirs[c]
        self.untouched += other.untouched
        self.ties += other.ties
        self.paragraphs += other.paragraphs
        return self

    def total(self, name: str) -> int:
        return sum(getattr(self, name).values())

    def metrics(self) -> dict:
        """Per class and overall: counts, recall = restored/damaged, precision = restored/(restored+invented)."""
        rows = {}
        for c in CLASSES + ("overall",):
            if c == "overall":
                d, r, i, b = (self.total(x) for x in ("damaged", "restored", "invented", "broken"))
            else:
                d, r, i, b = self.damaged[c], self.restored[c], self.invented[c], self.broken[c]
            rows[c] = {
                "damaged": d, "restored": r, "invented": i, "broken": b,
                "recall": (r / d) if d else None,
                "precision": (r / (r + i)) if (r + i) else None,
            }
        rows["overall"]["untouched_placeholders"] = self.untouched
        rows["overall"]["alignment_ties"] = self.ties
        rows["overall"]["paragraphs"] = self.paragraphs
        return rows


def score(g: str, k: Damaged, o: str, strict: bool = False) -> Counts:
    """Score output ``o`` for the clean paragraph ``g`` and its damaged copy ``k``."""
    cnt = Counts(paragraphs=1)
    fg, fo = (g, o) if strict else (fold(g), fold(o))
    cls_g = classify(g)
    g_hit, o_hit = matched(fg, fo)
    for i, ch in enumerate(g):
        if ch >= "\x80":
            c = cls_g[i]
            cnt.damaged[c] += 1
            if i in g_hit:
                cnt.restored[c] += 1
    # K is aligned unfolded: its survivors are ASCII (folding leaves them alone), and folding its
    # mojibake (â€“ holds a “) would only let them attract O's marks and push real survivors out.
    ko = _pairs(k.text, fo)  # O position -> K position
    if len(o_hit) < len(o):
        cls_o = classify(o)
        for j in range(len(o)):
            if j in o_hit:
                continue
            kp = ko.get(j)
            if kp is not None and k.placeholder[kp]:
                cnt.untouched += 1
            elif kp is not None and k.survivor[kp]:
                # A character of G kept in place that the G-O matcher paired elsewhere on a tie
                # (G `”?` -> K `??`: G's ? may pair with the placeholder): kept, not invented.
                cnt.ties += 1
            else:
                cnt.invented[cls_o[j]] += 1
    if any(k.survivor):
        k_hit = _survivor_hits(k, ko)
        cls_k = None
        for i, s in enumerate(k.survivor):
            if s and i not in k_hit:
                if cls_k is None:
                    cls_k = classify(k.text)
                cnt.broken[cls_k[i]] += 1
    return cnt
