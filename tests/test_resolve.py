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


def test_applied_stage_is_the_styled_sequential_changes_and_their_replay():
    # pipeline._applied: one pass that writes the style, makes the offsets sequential and applies
    import pytest

    from textfix.changes import ReplayError, replay, sequential
    from textfix.config import make_config
    from textfix.pipeline import _applied, _style

    rng = random.Random(7)
    text = "".join(rng.choice("ab\u2019 ") for _ in range(30))
    for style in ("ascii", "typographic"):
        config = make_config(None, style=style)
        for _ in range(2000):
            props = []
            for _ in range(rng.randint(0, 6)):
                a = rng.randint(0, 30)
                b = min(30, a + rng.choice((0, 0, 1, 2)))
                props.append(Change(a, b, text[a:b], rng.choice(("\u2019", "\u201c", "-", "xy", "")),
                                    rng.choice(("restore_apostrophes", "fix_mojibake")), "r", 0.9))
            stage = [c for c in resolve(props) if c.before != c.after]
            seq, out = _applied(text, stage, config)
            assert seq == sequential([_style(c, config) for c in stage])
            assert out == replay(text, seq)
    config = make_config(None)
    for bad in (Change(3, 4, "?", "x", "f", "r", 0.9), Change(29, 31, "", "x", "f", "r", 0.9)):
        with pytest.raises(ReplayError):
            _applied(text, [bad], config)
