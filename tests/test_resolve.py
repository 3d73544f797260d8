"""changes.resolve: its shortcut for proposals without conflicts chooses what the full procedure chooses."""

from __future__ import annotations

import bisect
import random

from textfix.changes import Change, _conflict, resolve


def _reference(proposals):
    # the full procedure: most confident first, skipping any proposal that conflicts with a chosen one
    chosen, taken = [], []
    for ch in sorted(proposals, key=lambda c: (-c.confidence, c.start, c.end)):
        span = (ch.start, ch.end)
        if any(_conflict(span, t) for t in taken):
            continue
        bisect.insort(taken, span)
        chosen.append(ch)
    chosen.sort(key=lambda c: (c.start, c.end))
    return chosen


def test_resolve_matches_the_reference_with_and_without_conflicts():
    rng = random.Random(5)
    for _ in range(4000):
        props = []
        for _ in range(rng.randint(0, 7)):
            a = rng.randint(0, 12)
            b = a + rng.choice((0, 0, 1, 2, 4))
            props.append(Change(a, b, "x" * (b - a), "y", "f", "r", rng.choice((0.5, 0.6, 0.9, 0.95))))
        assert resolve(props) == _reference(props), props
        assert resolve(iter(props)) == _reference(props)
