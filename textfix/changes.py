"""Changes as data: what a fixer proposes, and how a list of them is replayed.

Offsets are sequential: each change's ``start``/``end`` index the text as it stands after every earlier
change in the same list has been applied. Within one fixer's proposals that is simply the text the fixer
received, shifted by the changes before it. This keeps :func:`replay` pure and exact for any list, across
pipeline stages, and a property test checks that replaying the explanation on the input gives the output.
"""

from __future__ import annotations

import bisect
from operator import attrgetter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence


@dataclass(frozen=True, slots=True, init=False)
class Change:
    """One edit: replace ``before`` (at ``start:end``) with ``after``."""

    start: int
    end: int
    before: str
    after: str
    fixer: str
    reason: str
    confidence: float

    def __init__(self, start: int, end: int, before: str, after: str, fixer: str, reason: str,
                 confidence: float) -> None:
        # What the frozen dataclass's own __init__ does (it calls ``object.__setattr__`` per field), in
        # half the time through the slots' descriptors: every fixer makes its changes, and the engine
        # makes most of them again with sequential offsets.
        _set_start(self, start)
        _set_end(self, end)
        _set_before(self, before)
        _set_after(self, after)
        _set_fixer(self, fixer)
        _set_reason(self, reason)
        _set_confidence(self, confidence)

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "fixer": self.fixer,
            "reason": self.reason,
            "confidence": round(self.confidence, 4),
        }

    def shifted(self, delta: int) -> "Change":
        if not delta:
            return self
        return make(self.start + delta, self.end + delta, self.before, self.after, self.fixer, self.reason, self.confidence)


_set_start, _set_end, _set_before, _set_after, _set_fixer, _set_reason, _set_confidence = (
    Change.__dict__[f].__set__ for f in ("start", "end", "before", "after", "fixer", "reason", "confidence"))


class _Fields:
    """:class:`Change`'s slots without its frozen ``__setattr__``: :func:`make` fills one in and makes it a
    Change by ``__class__`` assignment (allowed between classes of the same slot layout)."""

    __slots__ = Change.__slots__

    def __init__(self, start: int, end: int, before: str, after: str, fixer: str, reason: str,
                 confidence: float) -> None:
        self.start = start
        self.end = end
        self.before = before
        self.after = after
        self.fixer = fixer
        self.reason = reason
        self.confidence = confidence


def make(start: int, end: int, before: str, after: str, fixer: str, reason: str, confidence: float) -> Change:
    """``Change(start, end, before, after, fixer, reason, confidence)``, the same frozen value, in about
    half the instructions (about 3,500 against 5,500 with this CPython 3.11): plain slot stores, where
    :meth:`Change.__init__` stores each field through its descriptor. The engine and the fixers make
    some 50 changes a document (twice over: proposed, then with sequential offsets)."""
    ch = _Fields(start, end, before, after, fixer, reason, confidence)
    ch.__class__ = Change
    return ch


@dataclass(frozen=True)
class Explained:
    """The result of :func:`textfix.fix_and_explain`: the fixed text and the changes that made it."""

    text: str
    changes: tuple[Change, ...]
    diagnosis: Any = None
    original: str = field(default="", repr=False)
    """The text the changes replay on: the input, or the decoded input when bytes were given."""
    decoded: Any = field(default=None, repr=False)
    """The :class:`~textfix.decode.Decoded` result when the input was bytes."""

    def __iter__(self):  # allows ``text, changes = fix_and_explain(...)``
        return iter((self.text, self.changes))


class ReplayError(ValueError):
    """A change does not fit the text it is replayed on."""


def replay(text: str, changes: Iterable[Change]) -> str:
    """Apply ``changes`` in order to ``text`` and return the result.

    Runs in linear time while the changes move forward through the text (the engine always emits them
    that way within a stage); a change that points back restarts from the text built so far.
    Raises :class:`ReplayError` if a change's ``before`` is not what stands at its offsets.
    """
    return _replay(text, changes, None)


def locate(text: str, changes: Iterable[Change]) -> list[tuple[int, int]]:
    """The 1-based (line, column) of each change's start: the line of ``text`` (the input), and the column
    in that line as the change saw it.

    Fixers never add or remove line breaks, so line numbers are stable across the repair stages. Only line
    dropping, the last stage, removes lines, in position order: the lines removed before a change are
    counted back in, so each dropped line gets its own line number in the input (two adjacent dropped lines
    are 9 and 10, not 9 and 9). The column counts the characters of that line before the change, plus one.
    """
    positions: list[tuple[int, int]] = []
    _replay(text, changes, positions)
    return positions


def _replay(text: str, changes: Iterable[Change], positions: list[tuple[int, int]] | None) -> str:
    src = text
    pos = 0  # next unread index of src
    out: list[str] = []
    built = 0  # length of the text in out
    nl_built, last_nl_built = 0, -1  # newlines in out, and the index of the last one
    removed = 0  # line breaks removed by earlier changes (dropped lines)
    for ch in changes:
        if ch.start < built:  # points back: materialise and restart
            src = "".join(out) + src[pos:]
            out, pos, built, nl_built, last_nl_built = [], 0, 0, 0, -1
        gap = ch.start - built
        if gap < 0 or ch.end < ch.start or pos + gap + (ch.end - ch.start) > len(src):
            raise ReplayError(f"change out of bounds: {ch}")
        seg_start = pos + gap
        seg_end = seg_start + (ch.end - ch.start)
        actual = src[seg_start:seg_end]
        if actual != ch.before:
            raise ReplayError(f"change expects {ch.before!r} at {ch.start} but the text has {actual!r}: {ch}")
        if positions is not None:
            k = src.rfind("\n", pos, seg_start)
            n = src.count("\n", pos, seg_start) if k >= 0 else 0
            if k >= 0:
                last_nl_built = built + (k - pos)
            nl_built += n
            positions.append((nl_built + 1 + removed, ch.start - last_nl_built))
            for i, c in enumerate(ch.after):
                if c == "\n":
                    nl_built += 1
                    last_nl_built = ch.start + i
            if "\n" in actual:
                removed += actual.count("\n") - ch.after.count("\n")
        out.append(src[pos:seg_start])
        out.append(ch.after)
        pos = seg_end
        built = ch.start + len(ch.after)
    out.append(src[pos:])
    return "".join(out)


def resolve(proposals: Iterable[Change]) -> list[Change]:
    """Choose a non-overlapping subset of proposals (offsets into one text), most confident first.

    Two insertions at the same point, or an insertion inside a replaced span, count as overlapping.
    The result is sorted by position.
    """
    proposals = list(proposals)
    if len(proposals) < 2:
        return proposals
    # Most stages propose no conflicting pair: sorted by position, a conflict anywhere shows between
    # two neighbours (a span that overlaps a later one overlaps or meets the next one in this order).
    # Without one, every proposal is chosen, and the answer is the list sorted by position.
    by_pos = sorted(proposals, key=position)
    a, b = by_pos[0].start, by_pos[0].end
    for ch in by_pos[1:]:
        x, y = ch.start, ch.end
        if a < y and x < b or (a == b and (x == y and a == x or x < a < y)) or (x == y and a < x < b):
            break
        a, b = x, y
    else:
        return by_pos
    chosen: list[Change] = []
    taken: list[tuple[int, int]] = []  # sorted, pairwise compatible spans
    for ch in sorted(proposals, key=lambda c: (-c.confidence, c.start, c.end)):
        span = (ch.start, ch.end)
        i = bisect.bisect_left(taken, span)
        # spans are compatible, so only a few neighbours can conflict (at most one insertion per point)
        if any(_conflict(span, taken[j]) for j in range(max(0, i - 2), min(len(taken), i + 3))):
            continue
        taken.insert(i, span)
        chosen.append(ch)
    chosen.sort(key=position)
    return chosen


#: ``(change.start, change.end)``, the key that sorts changes by position (``attrgetter``: no Python call per change)
position = attrgetter("start", "end")


def _conflict(s: tuple[int, int], t: tuple[int, int]) -> bool:
    (a, b), (x, y) = s, t
    if a < y and x < b:
        return True
    if a == b and x == y:
        return a == x
    if a == b:
        return x < a < y
    if x == y:
        return a < x < b
    return False


def sequential(changes: Sequence[Change]) -> list[Change]:
    """Turn sorted, non-overlapping changes with offsets into one text into sequential offsets."""
    out: list[Change] = []
    delta = 0
    for ch in changes:
        out.append(ch.shifted(delta))
        delta += len(ch.after) - (ch.end - ch.start)
    return out
